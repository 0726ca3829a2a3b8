// Journey: a new user adds a row in the grid and saves it (issue 15, item 8 a-d), on SQLite
// and on PostgreSQL, with real input: the Add row button, a click on the cell, the title
// typed, Tab through the other cells (an integer cell with a stray letter, two date cells
// left alone, a text cell left with Escape), an existing row edited, another deleted, then
// the Save button. Then: the dates untouched stay NULL / DEFAULT (the date editor used to
// write today), the refused letter said why, "Saved 3 changes: 1 inserted, 1 updated,
// 1 deleted." is shown, and the new row — saved at the end of 400 rows — is the current,
// selected row and in view (it used to jump out of sight).

#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "journeyinput.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QAbstractItemView>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;
namespace journey = strata::test::journey;

namespace {

QStringList fixture(bool postgres)
{
    const QString id = postgres ? QStringLiteral("id serial PRIMARY KEY") : QStringLiteral("id INTEGER PRIMARY KEY");
    const QString rows = postgres ? QStringLiteral("INSERT INTO reading_log (title, pages, started, finished, note) "
                                                   "SELECT 'Book ' || i, 100 + i, DATE '2020-01-01' + i, DATE '2020-02-01' + i, 'n' || i "
                                                   "FROM generate_series(1, 400) AS i")
                                  : QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
                                                   "INSERT INTO reading_log (title, pages, started, finished, note) "
                                                   "SELECT 'Book ' || i, 100 + i, date('2020-01-01', '+' || i || ' days'), "
                                                   "date('2020-02-01', '+' || i || ' days'), 'n' || i FROM n");
    return {QStringLiteral("CREATE TABLE reading_log (") + id + QStringLiteral(", title text NOT NULL, pages integer, "
                                                                                 "started date, finished date DEFAULT '2000-01-01', note text)"),
            rows};
}

QString queryText(const QString &url, const QString &sql)
{
    QSqlDatabase db = test::openTestDatabase(url);
    QString value = QStringLiteral("<no row>");
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            value = QStringLiteral("<error: %1>").arg(q.lastError().text());
        else if (q.next())
            value = q.value(0).toString();
    }
    test::closeTestDatabase(db);
    return value;
}

QWidget *focusedEditor(QAbstractItemView *view)
{
    QWidget *w = QApplication::focusWidget();
    while (w && w->parentWidget() != view->viewport())
        w = w->parentWidget();
    return w;
}

} // namespace

class TestJourneyDataEntry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void newRowTabbedThroughAndSaved_data();
    void newRowTabbedThroughAndSaved();
};

void TestJourneyDataEntry::newRowTabbedThroughAndSaved_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgres") << true;
}

void TestJourneyDataEntry::newRowTabbedThroughAndSaved()
{
    QFETCH(bool, postgres);
    QString location = test::tempPath(QStringLiteral("reading.db"));
    std::unique_ptr<test::ScratchPgDatabase> scratch;
    if (postgres) {
        STRATA_REQUIRE_PG(url);
        scratch = std::make_unique<test::ScratchPgDatabase>(url);
        QVERIFY2(!scratch->url().isEmpty(), qPrintable(scratch->error()));
        location = scratch->url();
    }
    {
        QSqlDatabase db = test::openTestDatabase(location);
        QCOMPARE(test::execAll(db, fixture(postgres)), QString());
        test::closeTestDatabase(db);
    }
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QSignalSpy connected(&window, &MainWindow::connectionOpened);
    QVERIFY(window.openLocation(location));
    QVERIFY(connected.wait(20000));
    const QModelIndex item = journey::waitForTreeItem(window.treePanel(), QStringLiteral("reading_log"));
    QVERIFY(item.isValid());
    QVERIFY(journey::focus(window.treePanel()->view()));
    journey::doubleClickCell(window.treePanel()->view(), item);
    auto *tab = qobject_cast<GridTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);
    TableModel *model = tab->model();
    QAbstractItemView *view = tab->view();
    QTRY_VERIFY_WITH_TIMEOUT(model->isOpen() && model->countState() == TableModel::CountState::Exact && model->isTableRowLoaded(0), 20000);
    QCOMPARE(model->tableRowCount(), 400);
    const int title = 1, pages = 2, started = 3, finished = 4, note = 5;

    // A new row: its title typed, Tab through the rest.
    QVERIFY(journey::clickButton(tab->addRowAction()));
    QCOMPARE(model->insertedRowCount(), 1);
    QVERIFY(journey::focus(view));
    journey::clickCell(view, model->index(0, title));
    journey::type(view, QStringLiteral("Journey row"));
    journey::key(view, Qt::Key_Tab);
    // The integer cell refuses the letter and says why; the digits stay.
    journey::type(view, QStringLiteral("12x"));
    auto *pagesEditor = qobject_cast<QLineEdit *>(focusedEditor(view));
    QVERIFY(pagesEditor);
    QCOMPARE(pagesEditor->text(), QStringLiteral("12"));
    QPointer<QLabel> refusal = view->viewport()->findChild<QLabel *>(QStringLiteral("cellInputNote"));
    QVERIFY2(refusal && refusal->isVisible(), "a refused key says why");
    QVERIFY2(refusal->text().contains(QStringLiteral("integer")) && refusal->text().contains(QStringLiteral("digits")),
             qPrintable(refusal->text()));
    QVERIFY(pagesEditor->styleSheet().contains(QStringLiteral("border")));   // the red frame
    journey::key(view, Qt::Key_Tab);
    QTRY_VERIFY(!refusal || !refusal->isVisible());   // gone with the editor
    QVERIFY(qobject_cast<QDateEdit *>(focusedEditor(view)));   // started: today's date shown, not touched
    journey::key(view, Qt::Key_Tab);
    QVERIFY(qobject_cast<QDateEdit *>(focusedEditor(view)));   // finished: has a DEFAULT
    journey::key(view, Qt::Key_Tab);
    QVERIFY(qobject_cast<QLineEdit *>(focusedEditor(view)));   // note
    journey::key(view, Qt::Key_Escape);
    QTRY_COMPARE(model->data(model->index(0, pages), TableModel::RawRole).toLongLong(), 12LL);
    QCOMPARE(model->data(model->index(0, title)).toString(), QStringLiteral("Journey row"));
    QVERIFY2(model->data(model->index(0, started), TableModel::IsDefaultRole).toBool(), "an untouched date editor wrote a date");
    QVERIFY(model->data(model->index(0, finished), TableModel::IsDefaultRole).toBool());
    QVERIFY(model->data(model->index(0, note), TableModel::IsDefaultRole).toBool());

    // An existing row edited, another deleted (Ctrl+Delete).
    journey::clickCell(view, model->index(1, note));
    journey::type(view, QStringLiteral("read twice"));
    journey::key(view, Qt::Key_Return);
    QTRY_COMPARE(model->pendingCount(), 2);
    journey::clickCell(view, model->index(3, title));
    journey::key(view, Qt::Key_Delete, Qt::ControlModifier);
    QTRY_COMPARE(model->pendingCount(), 3);

    QSignalSpy saved(model, &TableModel::saveFinished);
    QVERIFY(journey::clickButton(tab->saveAction()));
    QTRY_VERIFY_WITH_TIMEOUT(saved.count() > 0, 15000);   // the click's own event processing may have seen it already
    QVERIFY2(saved.first().at(0).toBool(), qPrintable(saved.first().at(1).value<Error>().toString()));
    // Save says what it did, in the status row (tab->saveNote()).
    const QLabel *saveNote = tab->findChild<QLabel *>(QStringLiteral("saveNote"));
    QVERIFY2(saveNote && saveNote->isVisible(), "Save says what it did");
    QVERIFY2(saveNote->text().startsWith(QStringLiteral("Saved 3 changes: 1 inserted, 1 updated, 1 deleted.")), qPrintable(saveNote->text()));

    // The saved row (key 401, after the 399 left) is the current, selected row, in view.
    auto newRowShown = [&] {
        const QModelIndex current = view->currentIndex();
        return current.isValid() && model->isTableRowLoaded(current.row())
            && model->data(current.siblingAtColumn(title)).toString() == QStringLiteral("Journey row");
    };
    QTRY_VERIFY_WITH_TIMEOUT(newRowShown(), 15000);
    const QModelIndex current = view->currentIndex();
    QCOMPARE(current.row(), 399);
    QCOMPARE(current.column(), title);
    QVERIFY(view->selectionModel()->isRowSelected(current.row(), {}));
    QVERIFY2(view->viewport()->rect().contains(view->visualRect(current)), "the saved row is in view");
    QVERIFY(saveNote->isVisible());
    // Under xvfb-run with STRATA_SCREENSHOT_DIR: the note and the new row, as a person sees them.
    journey::screenshot(QStringLiteral("grid-saved-") + QString::fromLatin1(QTest::currentDataTag()));

    // In the database: the untouched dates are NULL and the DEFAULT, the note NULL, pages 12.
    const QString cast = postgres ? QStringLiteral("::text") : QString();
    QCOMPARE(queryText(location, QStringLiteral("SELECT coalesce(started%1, 'NULL') || '|' || coalesce(finished%1, 'NULL') || '|' || "
                                                "coalesce(note, 'NULL') || '|' || pages FROM reading_log WHERE title = 'Journey row'")
                                     .arg(cast)),
             QStringLiteral("NULL|2000-01-01|NULL|12"));
    QCOMPARE(queryText(location, QStringLiteral("SELECT count(*) FROM reading_log")), QStringLiteral("400"));
    QCOMPARE(queryText(location, QStringLiteral("SELECT note FROM reading_log WHERE id = 1")), QStringLiteral("read twice"));

    QImage shot = tab->grab().toImage();
    shot.save(test::tempPath(QStringLiteral("journey-dataentry.png")));
}

STRATA_TEST_MAIN_GUI(TestJourneyDataEntry)
#include "tst_journeydataentry.moc"
