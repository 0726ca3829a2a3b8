// The grid tab on SQLite tables too big to hold, driven offscreen with real key and mouse
// events: a selection from row 6 to the last row copied whole (rows read past the model's
// cache), the keyboard focus and fitted columns on open, and a cell of the row numbered
// 99,999,999 of a 100,000,000-row table edited and saved (the file is built in the test's
// temporary directory by one recursive INSERT: about 30 s and 1 GB).

#include "connection/connectionstring.h"
#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "grid/rownumberheader.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QAction>
#include <QClipboard>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QVBoxLayout>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;

namespace {

/// A table t(id INTEGER PRIMARY KEY, v) of `rows` rows, v = `value` (an SQL expression of i).
QString makeTable(const QString &fileName, qint64 rows, const QString &value)
{
    const QString path = test::tempPath(fileName);
    QSqlDatabase db = test::openTestDatabase(path);
    const QString error = test::execAll(db, {QStringLiteral("PRAGMA journal_mode = OFF"), QStringLiteral("PRAGMA synchronous = OFF"),
                                             QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, v)"),
                                             QStringLiteral("INSERT INTO t (id, v) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                                            "WHERE i < %1) SELECT i, %2 FROM n").arg(rows).arg(value)});
    test::closeTestDatabase(db);
    if (!error.isEmpty())
        qWarning() << error;
    return error.isEmpty() ? path : QString();
}

QVariantList column(const QString &path, const QString &sql)
{
    QSqlDatabase db = test::openTestDatabase(path);
    QVariantList values;
    {
        QSqlQuery q(db);
        if (q.exec(sql))
            while (q.next())
                values << q.value(0);
    }
    test::closeTestDatabase(db);
    return values;
}

struct Window {
    QWidget widget;
    GridTab *tab = nullptr;

    bool open(const QString &path)
    {
        auto spec = connection::parseConnectionString(path);
        if (!spec)
            return false;
        widget.resize(900, 600);
        auto *layout = new QVBoxLayout(&widget);
        tab = new GridTab(*spec, ObjectRef{NodeKind::Relation, -1, QStringLiteral("main"), QStringLiteral("t")}, &widget);
        layout->addWidget(tab);
        QSignalSpy opened(tab, &GridTab::opened);
        widget.show();
        return QTest::qWaitForWindowExposed(&widget) && (tab->model()->isOpen() || opened.wait(20000)) && tab->model()->isOpen();
    }
    GridView *view() const { return tab->view(); }
    TableModel *model() const { return tab->model(); }
    qint64 currentRow() const { return view()->absoluteRow(view()->currentIndex().row()); }
    void key(int key, Qt::KeyboardModifiers modifiers = {}) { QTest::keyClick(view(), Qt::Key(key), modifiers); }
};

} // namespace

class TestGridBigTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void focusAndFittedColumnsOnOpen();
    void copySelectionAcrossWindows();
    void editRow99999999Of100Million();
};

void TestGridBigTable::focusAndFittedColumnsOnOpen()
{
    const QString path = makeTable(QStringLiteral("fit.db"), 3000, QStringLiteral("'Title ' || i || ' of a rather long list of books'"));
    QVERIFY(!path.isEmpty());
    Window w;
    QVERIFY(w.open(path));
    QTRY_VERIFY(w.view()->hasFocus());
    // Typing goes to the grid: the arrows move its current cell.
    QTRY_VERIFY(w.model()->isTableRowLoaded(0));
    w.key(Qt::Key_Down);
    QVERIFY(w.view()->currentIndex().isValid());
    // The text column fits its longest value among the first rows read, not the default width.
    const int longest = w.view()->fontMetrics().horizontalAdvance(QStringLiteral("Title 256 of a rather long list of books"));
    QTRY_VERIFY2(w.view()->columnWidth(1) >= longest, qPrintable(QString::number(w.view()->columnWidth(1))));
    QVERIFY(w.view()->columnWidth(1) <= 320);
}

void TestGridBigTable::copySelectionAcrossWindows()
{
    const QString path = makeTable(QStringLiteral("copy.db"), 20000, QStringLiteral("'value ' || i"));
    QVERIFY(!path.isEmpty());
    Window w;
    QVERIFY(w.open(path));
    QTRY_VERIFY(w.model()->isTableRowLoaded(0));
    QTRY_COMPARE(w.model()->countState(), TableModel::CountState::Exact);
    // Row 6, first column; then Shift+Ctrl+End: to the last row and column.
    const QRect cell = w.view()->visualRect(w.model()->index(5, 0));
    QTest::mouseClick(w.view()->viewport(), Qt::LeftButton, {}, cell.center());
    w.key(Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(w.currentRow(), 19999);
    QVERIFY(w.model()->cachedWindowCount() < 20000 / w.model()->windowSize());   // most rows were never read
    QApplication::clipboard()->clear();
    QTest::keySequence(w.view(), QKeySequence::Copy);
    QTRY_VERIFY_WITH_TIMEOUT(!QApplication::clipboard()->text().isEmpty(), 20000);
    const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 19995);
    QCOMPARE(lines.first(), QStringLiteral("6\tvalue 6"));
    QCOMPARE(lines.at(10000 - 6), QStringLiteral("10000\tvalue 10000"));
    QCOMPARE(lines.last(), QStringLiteral("20000\tvalue 20000"));
    // A pending edit is what the grid shows, so it is what is copied.
    w.view()->setCurrentIndex(w.model()->index(w.model()->modelRow(19998), 1));
    QVERIFY(w.model()->setData(w.view()->currentIndex(), QStringLiteral("edited")));
    QTest::mouseClick(w.view()->viewport(), Qt::LeftButton, {}, w.view()->visualRect(w.view()->currentIndex()).center());
    w.key(Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
    QApplication::clipboard()->clear();
    QTest::keySequence(w.view(), QKeySequence::Copy);
    QTRY_VERIFY_WITH_TIMEOUT(!QApplication::clipboard()->text().isEmpty(), 20000);
    const QStringList again = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(again.size(), 19999);
    QCOMPARE(again.last(), QStringLiteral("19999\tedited"));
}

void TestGridBigTable::editRow99999999Of100Million()
{
    QElapsedTimer build;
    build.start();
    const QString path = makeTable(QStringLiteral("hundred-million.db"), 100000000, QStringLiteral("NULL"));
    QVERIFY(!path.isEmpty());
    qInfo("100,000,000 rows built in %.1f s", double(build.elapsed()) / 1000.0);
    Window w;
    QVERIFY(w.open(path));
    QTRY_VERIFY(w.model()->isTableRowLoaded(0));
    QTRY_VERIFY(w.view()->hasFocus());
    // The estimate (max(rowid)) follows the first window within milliseconds; the count takes seconds.
    QTRY_COMPARE(w.view()->totalRows(), 100000000);
    w.key(Qt::Key_Right);   // the first key makes the first cell current
    w.key(Qt::Key_End, Qt::ControlModifier);   // the last row, the last column (v)
    w.key(Qt::Key_Up);
    QCOMPARE(w.currentRow(), 99999998);
    // The row numbered 99,999,999 (≈ while its position is estimated) holds id 99,999,999.
    QTRY_VERIFY_WITH_TIMEOUT(w.model()->isTableRowLoaded(99999998), 60000);
    const QString label = w.view()->rowHeader()->label(w.view()->currentIndex().row());
    QVERIFY2(label == QStringLiteral("99,999,999") || label == QStringLiteral("≈99,999,999"), qPrintable(label));
    QCOMPARE(w.view()->currentIndex().siblingAtColumn(0).data(TableModel::RawRole).toLongLong(), 99999999);
    QCOMPARE(w.view()->currentIndex().column(), 1);
    w.key(Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("4242"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(w.model()->pendingCount(), 1);
    QSignalSpy saved(w.model(), &TableModel::saveFinished);
    w.tab->saveAction()->trigger();
    QVERIFY(saved.wait(60000));
    QVERIFY2(saved.first().at(0).toBool(), qPrintable(saved.first().at(1).value<Error>().message));
    QCOMPARE(column(path, QStringLiteral("SELECT id FROM t WHERE v IS NOT NULL")), QVariantList{99999999});
    QCOMPARE(column(path, QStringLiteral("SELECT v FROM t WHERE id = 99999999")).value(0).toString(), QStringLiteral("4242"));
}

STRATA_TEST_MAIN_GUI(TestGridBigTable)
#include "tst_gridbigtable.moc"
