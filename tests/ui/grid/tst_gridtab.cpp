// The grid tab driven as a person would, offscreen: opened from the tree of the demo
// database, a cell edited through its editor, saved with the Save action, and the file
// checked; the filter row; Set NULL; the type-aware editors' round trips.

#include "connection/connectionstring.h"
#include "data/tablemodel.h"
#include "demo/demodatabase.h"
#include "grid/griddelegate.h"
#include "grid/gridfilterrow.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/modelsearch.h"
#include "support/testenvironment.h"
#include "tree/objecttreepanel.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTimeEdit>
#include <QTreeView>
#include <QClipboard>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;

namespace {

using test::findText;

using test::scalar;

GridTab *openBooks(MainWindow &window)
{
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.openDemoDatabase();
    if (!opened.wait(20000))
        return nullptr;
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    if (!QTest::qWaitFor([&] { return findText(model, QStringLiteral("books")).isValid(); }, 10000))
        return nullptr;
    const QModelIndex books = findText(model, QStringLiteral("books"));
    window.treePanel()->view()->setCurrentIndex(books);
    Q_EMIT window.treePanel()->view()->activated(books);   // a double-click
    auto *tab = qobject_cast<GridTab *>(window.tabs()->currentWidget());
    if (!tab)
        return nullptr;
    QSignalSpy tabOpened(tab, &GridTab::opened);
    if (!tab->model()->isOpen() && !tabOpened.wait(20000))
        return nullptr;
    return tab;
}

} // namespace

class TestGridTab : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void editCellAndSaveFromMainWindow();
    void filterRowAndSetNull();
    void editorsRoundTrip();
    void copySelectionAsTsv();
};

void TestGridTab::copySelectionAsTsv()
{
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    GridTab *tab = openBooks(window);
    QVERIFY(tab);
    TableModel *model = tab->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0) && model->isTableRowLoaded(1), 10000);
    const int title = 1;
    const QModelIndex first = model->index(0, title);
    const QModelIndex second = model->index(1, title + 1);
    tab->view()->selectionModel()->select(QItemSelection(first, second), QItemSelectionModel::ClearAndSelect);
    tab->view()->setFocus();
    QTest::keySequence(tab->view(), QKeySequence::Copy);
    const QString tsv = QApplication::clipboard()->text();
    const QStringList lines = tsv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2, qPrintable(tsv));
    QVERIFY2(tsv.contains(first.data().toString()), qPrintable(tsv));
    QVERIFY(lines.last().contains(QLatin1Char('\t')));
}

void TestGridTab::editCellAndSaveFromMainWindow()
{
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    GridTab *tab = openBooks(window);
    QVERIFY(tab);
    TableModel *model = tab->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(model->countState() == TableModel::CountState::Exact, 10000);
    QVERIFY(model->isEditable());
    QVERIFY(tab->statusLabel()->text().contains(QStringLiteral("rows")));
    QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("title"));

    // Edit the title of row 1 through its editor, as typing and Enter would.
    const QModelIndex title = model->index(0, 1);
    tab->view()->setCurrentIndex(title);
    tab->view()->edit(title);
    auto *editor = tab->view()->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Edited in the grid"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(model->pendingCount(), 1);   // the delegate commits on the next turn of the loop
    QVERIFY(tab->statusLabel()->text().contains(QStringLiteral("1 pending")));
    QVERIFY(tab->saveAction()->isEnabled());
    QImage shot = tab->grab().toImage();
    shot.save(test::tempPath(QStringLiteral("grid-pending.png")));

    QSignalSpy saved(model, &TableModel::saveFinished);
    tab->saveAction()->trigger();
    QVERIFY(saved.wait(10000));
    QVERIFY2(saved.first().at(0).toBool(), qPrintable(saved.first().at(1).value<Error>().toString()));
    QCOMPARE(model->pendingCount(), 0);
    QCOMPARE(scalar(demo::defaultDemoPath(), QStringLiteral("SELECT title FROM books WHERE id = 1")).toString(),
             QStringLiteral("Edited in the grid"));
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0), 10000);
    QCOMPARE(model->data(model->index(0, 1)).toString(), QStringLiteral("Edited in the grid"));

    // The same table again focuses the same tab; its properties stay reachable.
    window.openData(tab->object());
    QCOMPARE(window.tabs()->count(), 1);
    window.openObject(tab->object());
    QCOMPARE(window.tabs()->count(), 2);
}

void TestGridTab::filterRowAndSetNull()
{
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    GridTab *tab = openBooks(window);
    QVERIFY(tab);
    TableModel *model = tab->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->countState() == TableModel::CountState::Exact, 10000);
    const qint64 all = model->tableRowCount();
    QVERIFY(all > 5);
    QLineEdit *titleFilter = tab->filterRow()->columnEdit(1);
    QVERIFY(titleFilter);
    QVERIFY(titleFilter->isVisible());
    // The filter edit sits over its column.
    const QHeaderView *header = tab->view()->horizontalHeader();
    const int headerX = header->viewport()->mapTo(tab, QPoint(header->sectionViewportPosition(1), 0)).x();
    QVERIFY(qAbs(titleFilter->mapTo(tab, QPoint(0, 0)).x() - headerX) <= 2);
    QTest::keyClicks(titleFilter, QStringLiteral("Learning"));
    QTest::keyClick(titleFilter, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(model->countState() == TableModel::CountState::Exact && model->tableRowCount() < all, 10000);
    QVERIFY(model->tableRowCount() >= 4);
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0), 10000);
    for (qint64 r = 0; r < model->tableRowCount(); ++r)
        QVERIFY(model->data(model->index(int(r), 1)).toString().contains(QStringLiteral("Learning"), Qt::CaseInsensitive));

    const QModelIndex pages = model->index(0, 3);
    tab->view()->setCurrentIndex(pages);
    tab->setNullAction()->trigger();
    QCOMPARE(model->data(pages, TableModel::IsNullRole).toBool(), true);
    QCOMPARE(model->data(pages, TableModel::CellChangedRole).toBool(), true);
    tab->revertAction()->trigger();
    QCOMPARE(model->pendingCount(), 0);
    QCOMPARE(model->data(pages, TableModel::IsNullRole).toBool(), false);
}

void TestGridTab::editorsRoundTrip()
{
    const QString path = test::tempPath(QStringLiteral("types.db"));
    QSqlDatabase db = test::openTestDatabase(path);
    QCOMPARE(test::execAll(db, {QStringLiteral("CREATE TABLE types (id INTEGER PRIMARY KEY, b BOOLEAN, i INTEGER, r REAL, "
                                               "d DATE, t TIME, ts DATETIME, j JSON, bl BLOB, tx TEXT)"),
                                QStringLiteral("INSERT INTO types VALUES (1, 0, 5, 1.5, '2020-01-01', '10:00:00', "
                                               "'2020-01-01 10:00:00', '{}', x'00ff', 'one')")}),
             QString());
    test::closeTestDatabase(db);
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(path);
    QVERIFY(spec);
    ObjectRef ref;
    ref.kind = NodeKind::Relation;
    ref.schema = QStringLiteral("main");
    ref.name = QStringLiteral("types");
    GridTab tab(spec.value(), ref);
    tab.resize(900, 400);
    tab.show();
    QSignalSpy opened(&tab, &GridTab::opened);
    QVERIFY(opened.wait(20000));
    TableModel *model = tab.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0), 10000);
    auto *delegate = qobject_cast<GridDelegate *>(tab.view()->itemDelegate());
    QVERIFY(delegate);
    QStyleOptionViewItem option;
    auto roundTrip = [&](int column, const std::function<void(QWidget *)> &change) {
        const QModelIndex index = model->index(0, column);
        QWidget *editor = delegate->createEditor(tab.view()->viewport(), option, index);
        if (!editor)
            return false;
        delegate->setEditorData(editor, index);
        change(editor);
        delegate->setModelData(editor, model, index);
        delete editor;
        return true;
    };
    QVERIFY(roundTrip(1, [](QWidget *e) { qobject_cast<QComboBox *>(e)->setCurrentIndex(0); }));
    QCOMPARE(model->data(model->index(0, 1), Qt::EditRole), QVariant(true));
    QVERIFY(roundTrip(2, [](QWidget *e) {
        auto *line = qobject_cast<QLineEdit *>(e);
        QCOMPARE(line->text(), QStringLiteral("5"));
        line->setText(QStringLiteral("x42"));   // rejected by the validator
        QVERIFY(!line->hasAcceptableInput());
    }));
    QCOMPARE(model->data(model->index(0, 2), Qt::EditRole).toLongLong(), 5);
    QVERIFY(roundTrip(2, [](QWidget *e) { qobject_cast<QLineEdit *>(e)->setText(QStringLiteral("-42")); }));
    QCOMPARE(model->data(model->index(0, 2), TableModel::RawRole), QVariant(qlonglong(-42)));
    QVERIFY(roundTrip(3, [](QWidget *e) { qobject_cast<QLineEdit *>(e)->setText(QStringLiteral("2.25")); }));
    QCOMPARE(model->data(model->index(0, 3), TableModel::RawRole), QVariant(2.25));
    QVERIFY(roundTrip(4, [](QWidget *e) {
        auto *date = qobject_cast<QDateEdit *>(e);
        QCOMPARE(date->date(), QDate(2020, 1, 1));
        date->setDate(QDate(2024, 2, 29));
    }));
    QCOMPARE(model->data(model->index(0, 4), TableModel::RawRole).toString(), QStringLiteral("2024-02-29"));
    QVERIFY(roundTrip(5, [](QWidget *e) { qobject_cast<QTimeEdit *>(e)->setTime(QTime(23, 59, 58)); }));
    QCOMPARE(model->data(model->index(0, 5), TableModel::RawRole).toString(), QStringLiteral("23:59:58"));
    QVERIFY(roundTrip(6, [](QWidget *e) { qobject_cast<QDateTimeEdit *>(e)->setDateTime(QDateTime(QDate(2021, 3, 4), QTime(5, 6, 7))); }));
    QCOMPARE(model->data(model->index(0, 6), TableModel::RawRole).toString(), QStringLiteral("2021-03-04 05:06:07"));
    QVERIFY(roundTrip(7, [](QWidget *e) {
        auto *line = qobject_cast<QLineEdit *>(e);
        line->setText(QStringLiteral("{\"a\": "));
        QVERIFY(!line->hasAcceptableInput());
    }));
    QCOMPARE(model->data(model->index(0, 7), TableModel::RawRole).toString(), QStringLiteral("{}"));
    QVERIFY(roundTrip(7, [](QWidget *e) { qobject_cast<QLineEdit *>(e)->setText(QStringLiteral("{\"a\": [1]}")); }));
    QVERIFY(roundTrip(8, [](QWidget *e) {
        auto *line = qobject_cast<QLineEdit *>(e);
        QCOMPARE(line->text(), QStringLiteral("00ff"));
        line->setText(QStringLiteral("cafe"));
    }));
    QCOMPARE(model->data(model->index(0, 8), TableModel::RawRole).toByteArray(), QByteArray::fromHex("cafe"));
    QVERIFY(roundTrip(9, [](QWidget *e) { qobject_cast<QLineEdit *>(e)->setText(QString()); }));
    QCOMPARE(model->data(model->index(0, 9), TableModel::IsNullRole).toBool(), false);   // empty, not NULL
    QSignalSpy saved(model, &TableModel::saveFinished);
    tab.saveAction()->trigger();
    QVERIFY(saved.wait(10000));
    QVERIFY2(saved.first().at(0).toBool(), qPrintable(saved.first().at(1).value<Error>().toString()));
    QCOMPARE(scalar(path, QStringLiteral("SELECT b || '|' || i || '|' || r || '|' || d || '|' || t || '|' || ts || '|' || j || '|' || "
                                         "hex(bl) || '|' || typeof(tx) || length(tx) FROM types")).toString(),
             QStringLiteral("1|-42|2.25|2024-02-29|23:59:58|2021-03-04 05:06:07|{\"a\": [1]}|CAFE|text0"));
}

STRATA_TEST_MAIN_GUI(TestGridTab)
#include "tst_gridtab.moc"
