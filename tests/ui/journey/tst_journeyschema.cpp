// Journey (issue 15, items 5 and 7): every view of a connection follows the schema changes
// made through Strata, and no state goes stale. A person adds a column in the table designer
// with the keyboard (Tab after the name goes to the new row's Type, not the key's) and
// applies it: the open grid and the tree show the new column. A column added elsewhere shows
// after the grid's Refresh (after Save when edits were pending). A table created in the
// console, or by a migration run from the panel, shows in the tree. Error banners go after
// Clear filters, Revert and Refresh, and the row count never sticks at "counting…".
// On SQLite and on the throwaway PostgreSQL server.

#include "journey.h"

#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "data/tablemodel.h"
#include "designer/tabledesignertab.h"
#include "grid/gridfilterrow.h"
#include "migrate/migrationengine.h"
#include "migrations/migrationpanel.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableWidget>

using namespace strata;
using namespace strata::ui;
using namespace strata::test::journey;
using data::TableModel;

class TestJourneySchema : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void designerColumnShowsInGridAndTree_data();
    void designerColumnShowsInGridAndTree();
    void refreshReadsColumnsAddedElsewhere();
    void consoleDdlShowsInTree_data();
    void consoleDdlShowsInTree();
    void migrationUpgradeShowsInTree();
    void errorBannersAndCountDoNotGoStale();
};

namespace {

void showWindow(MainWindow &window)
{
    window.resize(1200, 760);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

QStringList headers(const TableModel *model)
{
    QStringList names;
    for (int c = 0; c < model->columnCount(); ++c)
        names << model->headerData(c, Qt::Horizontal).toString();
    return names;
}

/// Selects a tree node and opens it with the Right key, as a person browsing the tree does.
void expandWithKeyboard(QTreeView *view, const QModelIndex &index)
{
    view->setFocus();
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QTest::keyClick(view, Qt::Key_Right);
}

/// Accepts the next migration confirmation with its run button.
void confirmWhenAsked(QObject *context)
{
    whenModal(context, [](QWidget *modal) { return modal->objectName() == s("MigrationConfirmDialog"); }, [](QWidget *dialog) {
        auto *box = dialog->findChild<QDialogButtonBox *>();
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == QDialogButtonBox::AcceptRole)
                return click(button);
    });
}

} // namespace

void TestJourneySchema::initTestCase()
{
    QApplication::setQuitOnLastWindowClosed(false);
}

void TestJourneySchema::designerColumnShowsInGridAndTree_data()
{
    QTest::addColumn<bool>("pg");
    QTest::newRow("sqlite") << false;
    QTest::newRow("pg") << true;
}

void TestJourneySchema::designerColumnShowsInGridAndTree()
{
    QFETCH(bool, pg);
    QString server;
    if (pg) {
        STRATA_REQUIRE_PG(url);
        server = url;
    }
    auto db = makeBooks(server, s("designer"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    QVERIFY(openDatabase(window, db->location));
    GridTab *grid = openTable(window, s("books"));
    QVERIFY(grid);
    QCOMPARE(headers(grid->model()), (QStringList{s("id"), s("title"), s("pages")}));
    // The tree shows the table's columns (books, then its Columns folder, opened with Right).
    QTreeView *tree = window.treePanel()->view();
    expandWithKeyboard(tree, waitForNode(window, s("books")));
    const QModelIndex columns = waitForNode(window, s("Columns"), waitForNode(window, s("books")));
    QVERIFY(columns.isValid());
    expandWithKeyboard(tree, columns);
    QVERIFY(waitForNode(window, s("pages"), waitForNode(window, s("books"))).isValid());

    QVERIFY(contextMenu(tree, waitForNode(window, s("books")), s("Design table…")));
    auto *designer = qobject_cast<TableDesignerTab *>(window.tabs()->currentWidget());
    QVERIFY(designer);
    QTRY_VERIFY_WITH_TIMEOUT(designer->isReady(), 15000);
    QTableWidget *form = designer->columnsTable();
    const QString keyType = form->item(0, TableDesignerTab::ColType)->text();

    // Add column, type its name, Tab: the new row's Type cell, not the key's.
    click(buttonNamed<QPushButton>(designer, s("Add column")));
    const int row = form->rowCount() - 1;
    QCOMPARE(row, 3);
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor && form->isAncestorOf(editor));
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, s("edition"));
    QTest::keyClick(editor, Qt::Key_Tab);
    QTRY_COMPARE(form->currentColumn(), int(TableDesignerTab::ColType));
    QCOMPARE(form->currentRow(), row);
    editor = QApplication::focusWidget();
    QVERIFY(editor && form->isAncestorOf(editor));
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, s("integer"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(form->item(row, TableDesignerTab::ColType)->text().toLower(), s("integer"));   // the list may complete it as INTEGER
    QCOMPARE(form->item(row, TableDesignerTab::ColName)->text(), s("edition"));
    QCOMPARE(form->item(0, TableDesignerTab::ColType)->text(), keyType);   // the key is untouched
    QTRY_VERIFY(designer->previewView()->toPlainText().contains(s("ADD COLUMN")));
    QVERIFY2(!designer->previewView()->toPlainText().contains(s("CREATE TABLE")), qPrintable(designer->previewView()->toPlainText()));

    // Apply directly, confirmed: the open grid and the tree show the column, unasked.
    confirmWhenAsked(this);
    click(buttonNamed<QPushButton>(designer, s("Apply directly…")));
    QTRY_COMPARE_WITH_TIMEOUT(headers(grid->model()), (QStringList{s("id"), s("title"), s("pages"), s("edition")}), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(grid->model()->isTableRowLoaded(0), 10000);
    QVERIFY(grid->filterRow()->columnEdit(3));
    QVERIFY2(waitForNode(window, s("edition"), waitForNode(window, s("books"))).isValid(), "the tree shows the new column");
    QCOMPARE(scalar(db->location, s("SELECT count(*) FROM books")).toInt(), 3);   // an ALTER, not a rebuild that lost rows
}

void TestJourneySchema::refreshReadsColumnsAddedElsewhere()
{
    auto db = makeBooks(QString(), s("refresh"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    QVERIFY(openDatabase(window, db->location));
    GridTab *grid = openTable(window, s("books"));
    QVERIFY(grid);
    QAbstractButton *refresh = buttonNamed(grid, s("Refresh"));
    QVERIFY(refresh);

    // Another tool adds a column: Refresh shows it.
    QCOMPARE(execOn(db->location, {s("ALTER TABLE books ADD COLUMN price numeric")}), QString());
    click(refresh);
    QTRY_COMPARE_WITH_TIMEOUT(headers(grid->model()), (QStringList{s("id"), s("title"), s("pages"), s("price")}), 10000);

    // With an edit pending, the new structure waits for it: the edit is kept, the grid says
    // why, and after Save the column shows.
    QTRY_VERIFY_WITH_TIMEOUT(grid->model()->isTableRowLoaded(0), 10000);
    QVERIFY(typeInCell(grid->view(), grid->model()->index(0, 1), s("Deep Learning (MIT Press)")));
    QTRY_COMPARE(grid->model()->pendingCount(), 1);
    QCOMPARE(execOn(db->location, {s("ALTER TABLE books ADD COLUMN isbn text")}), QString());
    click(refresh);
    QTRY_VERIFY_WITH_TIMEOUT(grid->banner()->text().contains(s("structure of books changed")), 10000);
    QCOMPARE(grid->model()->pendingCount(), 1);
    QCOMPARE(grid->model()->columnCount(), 4);
    QTest::keyClick(grid->view(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(headers(grid->model()), (QStringList{s("id"), s("title"), s("pages"), s("price"), s("isbn")}), 10000);
    QCOMPARE(scalar(db->location, s("SELECT title FROM books WHERE id = 1")).toString(), s("Deep Learning (MIT Press)"));
}

void TestJourneySchema::consoleDdlShowsInTree_data()
{
    QTest::addColumn<bool>("pg");
    QTest::newRow("sqlite") << false;
    QTest::newRow("pg") << true;
}

void TestJourneySchema::consoleDdlShowsInTree()
{
    QFETCH(bool, pg);
    QString server;
    if (pg) {
        STRATA_REQUIRE_PG(url);
        server = url;
    }
    auto db = makeBooks(server, s("ddl"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    const int id = openDatabase(window, db->location);
    QVERIFY(id);
    QVERIFY(waitForNode(window, s("books")).isValid());
    QVERIFY(contextMenu(window.treePanel()->view(), connectionNode(window, id), s("Open query console")));
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(console);
    QTRY_VERIFY_WITH_TIMEOUT(console->runAction()->isEnabled(), 15000);
    QTest::keyClicks(console->editor(), s("CREATE TABLE journal (id integer PRIMARY KEY, note text)"));
    if (QWidget *popup = QApplication::activePopupWidget())
        QTest::keyClick(popup, Qt::Key_Escape);   // the completion popup, if it opened
    QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(console->messages()->toPlainText().contains(s("[1]")), 15000);
    QVERIFY2(waitForNode(window, s("journal"), connectionNode(window, id)).isValid(), "the tree shows the table the console created");
    QVERIFY(waitForNode(window, s("books"), connectionNode(window, id)).isValid());
}

void TestJourneySchema::migrationUpgradeShowsInTree()
{
    auto db = makeBooks(QString(), s("migrate"));
    QVERIFY(db);
    const QString project = test::tempPath(s("journey-project"));
    QVERIFY(migrate::MigrationEngine::init(project).ok());
    QFile revision(project + s("/versions/0a0000000001_create_shelves.sql"));
    QVERIFY(revision.open(QIODevice::WriteOnly));
    revision.write("-- revision: 0a0000000001\n-- down_revision: none\n-- message: create shelves\n-- created: 2026-11-21 10:00:00\n\n"
                   "-- +upgrade\nCREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT NOT NULL);\n\n"
                   "-- +downgrade\nDROP TABLE shelves;\n");
    revision.close();

    MainWindow window;
    showWindow(window);
    const int id = openDatabase(window, db->location);
    QVERIFY(id);
    QSettings().setValue(MigrationPanel::settingsKey(window.treeModel()->connectionSpec(id).profile), project);
    QVERIFY(waitForNode(window, s("books")).isValid());
    QVERIFY(contextMenu(window.treePanel()->view(), connectionNode(window, id), s("Migrations…")));
    auto *panel = qobject_cast<MigrationPanel *>(window.tabs()->currentWidget());
    QVERIFY(panel);
    QAbstractButton *upgrade = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((upgrade = buttonNamed(panel, s("▲ Upgrade"))) && upgrade->isEnabled(), 15000);
    confirmWhenAsked(this);
    click(upgrade);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(db->location, s("SELECT count(*) FROM sqlite_schema WHERE name = 'shelves'")).toInt(), 1, 15000);
    QVERIFY2(waitForNode(window, s("shelves"), connectionNode(window, id)).isValid(), "the tree shows the table the migration created");
}

void TestJourneySchema::errorBannersAndCountDoNotGoStale()
{
    auto db = makeBooks(QString(), s("banners"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    QVERIFY(openDatabase(window, db->location));
    GridTab *grid = openTable(window, s("books"));
    QVERIFY(grid);
    TableModel *model = grid->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->countState() == TableModel::CountState::Exact, 10000);

    // A WHERE the server refuses: the error shows, and the count says it failed.
    QLineEdit *where = grid->filterRow()->whereEdit();
    QTest::mouseClick(where, Qt::LeftButton);
    QTest::keyClicks(where, s("nosuch = 1"));
    QTest::keyClick(where, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(grid->banner()->isVisible() && grid->banner()->text().contains(s("nosuch")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!model->isCounting(), 10000);
    QVERIFY2(!grid->statusLabel()->text().contains(s("counting")), qPrintable(grid->statusLabel()->text()));
    // Clear filters: the error goes, the rows and their count come back.
    click(buttonNamed(grid, s("Clear filters")));
    QTRY_VERIFY_WITH_TIMEOUT(model->countState() == TableModel::CountState::Exact && model->tableRowCount() == 3, 10000);
    QVERIFY2(!grid->banner()->isVisible(), qPrintable(grid->banner()->text()));
    QVERIFY2(grid->statusLabel()->text().startsWith(s("3 rows")), qPrintable(grid->statusLabel()->text()));

    // A save the table refuses, then Revert: the error goes with the edits.
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0), 10000);
    QVERIFY(typeInCell(grid->view(), model->index(0, 2), s("0")));
    QTRY_COMPARE(model->pendingCount(), 1);
    QTest::keyClick(grid->view(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(grid->banner()->isVisible() && grid->banner()->text().contains(s("Save failed")), 10000);
    click(buttonNamed(grid, s("Revert")));
    QCOMPARE(model->pendingCount(), 0);
    QVERIFY2(!grid->banner()->isVisible(), qPrintable(grid->banner()->text()));

    // The same failure, then Refresh: the error goes; the edit stays, marked on its row.
    QVERIFY(typeInCell(grid->view(), model->index(0, 2), s("0")));
    QTRY_COMPARE(model->pendingCount(), 1);
    QTest::keyClick(grid->view(), Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(grid->banner()->isVisible() && grid->banner()->text().contains(s("Save failed")), 10000);
    click(buttonNamed(grid, s("Refresh")));
    QTRY_VERIFY_WITH_TIMEOUT(!grid->banner()->isVisible(), 10000);
    QCOMPARE(model->pendingCount(), 1);
}

STRATA_TEST_MAIN_GUI(TestJourneySchema)
#include "tst_journeyschema.moc"
