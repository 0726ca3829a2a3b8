// Quick open and Search in database in the real MainWindow, as a person uses them: Ctrl+P,
// typing part of a name, Up/Down, Enter (grid), Shift+Enter (properties), Ctrl+Enter
// (a console holding SELECT), Escape; the names following DDL run in a console; two
// connections (SQLite and PostgreSQL) searched at once. Search in database: typed value,
// streamed matches, a double-click that opens the row, and Cancel.

#include "../journey/journeyinput.h"

#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "quickopen/quickopenpopup.h"
#include "quickopen/valuesearchdialog.h"
#include "search/nameindexcache.h"
#include "tree/objectpropertiestab.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>

using namespace strata;
using namespace strata::test::journey;
using ui::ConsoleTab;
using ui::QuickOpenPopup;

namespace {

/// Ctrl+P on the window, as the keyboard sends it; the popup once it shows.
QuickOpenPopup *pressCtrlP(MainWindow &window)
{
    key(&window, Qt::Key_P, Qt::ControlModifier);
    QuickOpenPopup *popup = window.quickOpenPopup();
    return QTest::qWaitFor([popup] { return popup->isVisible() && popup->queryEdit()->hasFocus(); }, 5000) ? popup : nullptr;
}

/// Types `text` into the open popup and waits for results whose first is `first`.
bool typeAndWait(QuickOpenPopup *popup, const QString &text, const QString &first)
{
    type(popup->queryEdit(), text);
    return QTest::qWaitFor(
        [&] { return popup->queryEdit()->text() == text && !popup->hits().isEmpty() && popup->hits().first().name == first; },
        20000);
}

/// Clicks the menu bar's `menuName` menu, then its entry `actionName`, as a mouse does.
bool chooseFromMenuBar(MainWindow &window, const char *menuName, const char *actionName)
{
    auto *menu = window.menuBar()->findChild<QMenu *>(QLatin1String(menuName));
    auto *action = window.findChild<QAction *>(QLatin1String(actionName));
    if (!menu || !action)
        return false;
    click(window.menuBar(), window.menuBar()->actionGeometry(menu->menuAction()).center());
    if (!QTest::qWaitFor([menu] { return QApplication::activePopupWidget() == menu; }, 5000))
        return false;
    click(menu, menu->actionGeometry(action).center());
    return true;
}

template <typename T>
T *currentTab(MainWindow &window)
{
    T *tab = nullptr;
    (void)QTest::qWaitFor([&] { return (tab = qobject_cast<T *>(window.tabs()->currentWidget())) != nullptr; }, 15000);
    return tab;
}

}   // namespace

class TestQuickOpen : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoDatabaseWithTheKeyboard();
    void followsDdlRunInAConsole();
    void sqliteAndPostgresTogether();
    void searchInDatabase();
};

void TestQuickOpen::demoDatabaseWithTheKeyboard()
{
    MainWindow window;
    window.resize(1100, 720);
    window.show();
    window.activateWindow();   // a real X server without a window manager (screenshots)
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.openDemoDatabase();
    QVERIFY(opened.wait(20000));
    QVERIFY(opened.first().at(1).toBool());

    // A partial name: several kinds ranked, the matched letters known for bold.
    QuickOpenPopup *popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(typeAndWait(popup, s("auth"), s("authors")));
    QStringList shown;
    for (const search::NameHit &hit : popup->hits())
        shown << hit.name;
    QVERIFY2(shown.size() >= 3, qPrintable(shown.join(u',')));
    QCOMPARE(shown.first(), s("authors"));   // prefix, a table
    // The column called author_id (prefix) before the view whose second word matches.
    const qsizetype column = shown.indexOf(s("author_id"));
    const qsizetype view = shown.indexOf(s("books_with_authors"));
    QVERIFY2(column > 0 && view > column, qPrintable(shown.join(u',')));
    QCOMPARE(popup->hits().first().positions, (QList<int>{0, 1, 2, 3}));
    QCOMPARE(popup->resultView()->currentIndex().row(), 0);
    screenshot(s("quick-open"));
    if (const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(popup->grab().save(dir + s("/quick-open-popup.png")));

    // Down to the view, then Enter: it opens as a grid.
    for (qsizetype i = 0; i < view; ++i)
        key(popup, Qt::Key_Down);
    QCOMPARE(popup->resultView()->currentIndex().row(), int(view));
    key(popup, Qt::Key_Up);
    key(popup, Qt::Key_Down);
    QCOMPARE(popup->resultView()->currentIndex().row(), int(view));
    key(popup, Qt::Key_Return);
    QVERIFY(!popup->isVisible());
    GridTab *grid = currentTab<GridTab>(window);
    QVERIFY(grid);
    QCOMPARE(grid->object().name, s("books_with_authors"));
    QCOMPARE(grid->object().relationKind, catalog::RelationKind::View);

    // Ctrl+Enter: a console on the connection holding the SELECT.
    popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(popup->queryEdit()->hasSelectedText());   // the last query, selected: typing replaces it
    QVERIFY(typeAndWait(popup, s("tracks"), s("tracks")));
    key(popup, Qt::Key_Return, Qt::ControlModifier);
    ConsoleTab *console = currentTab<ConsoleTab>(window);
    QVERIFY(console);
    QCOMPARE(console->editor()->toPlainText(), s("SELECT * FROM tracks"));

    // Shift+Enter: the properties.
    popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(typeAndWait(popup, s("users"), s("users")));
    key(popup, Qt::Key_Return, Qt::ShiftModifier);
    auto *properties = currentTab<ui::ObjectPropertiesTab>(window);
    QVERIFY(properties);
    QCOMPARE(properties->object().name, s("users"));

    // A column opens its table's grid.
    popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(typeAndWait(popup, s("isbn"), s("isbn")));
    QCOMPARE(popup->hits().first().kind, search::NameKind::Column);
    QCOMPARE(popup->hits().first().relation, s("books"));
    key(popup, Qt::Key_Enter);
    grid = currentTab<GridTab>(window);
    QVERIFY(grid);
    QCOMPARE(grid->object().name, s("books"));

    // Escape closes and opens nothing.
    const int tabs = window.tabs()->count();
    popup = pressCtrlP(window);
    QVERIFY(popup);
    key(popup, Qt::Key_Escape);
    QTRY_VERIFY(!popup->isVisible());
    QCOMPARE(window.tabs()->count(), tabs);
    QCOMPARE(window.nameIndexes()->loadsFinished(), 1);   // the names were read once
}

void TestQuickOpen::followsDdlRunInAConsole()
{
    auto db = makeBooks({}, s("quickopen-ddl"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    window.activateWindow();   // a real X server without a window manager (screenshots)
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    QuickOpenPopup *popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(typeAndWait(popup, s("books"), s("books")));
    key(popup, Qt::Key_Escape);
    QTRY_VERIFY(!popup->isVisible());

    // DDL in a console: the names are read again, and the new table is found.
    key(&window, Qt::Key_T, Qt::ControlModifier);
    ConsoleTab *console = currentTab<ConsoleTab>(window);
    QVERIFY(console);
    QTest::keyClicks(console->editor(), s("CREATE TABLE zebra_stripes (stripe_count integer)"));
    if (QWidget *completion = QApplication::activePopupWidget())
        QTest::keyClick(completion, Qt::Key_Escape);
    QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(window.nameIndexes()->loadsFinished() >= 2, 20000);
    popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(typeAndWait(popup, s("zebra"), s("zebra_stripes")));
    key(popup, Qt::Key_Return);
    GridTab *grid = currentTab<GridTab>(window);
    QVERIFY(grid);
    QCOMPARE(grid->object().name, s("zebra_stripes"));

    // F5 in the tree reads the names again too.
    const int loads = window.nameIndexes()->loadsFinished();
    QVERIFY(focus(window.treePanel()->view()));
    key(window.treePanel()->view(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(window.nameIndexes()->loadsFinished() == loads + 1, 20000);
}

void TestQuickOpen::sqliteAndPostgresTogether()
{
    STRATA_REQUIRE_PG(server);
    auto lite = makeBooks({}, s("quickopen-lite"));
    auto pg = makeBooks(server, s("quickopen-pg"));
    QVERIFY(lite && pg);
    QCOMPARE(execOn(pg->location,
                    {s("CREATE SCHEMA \"Sales\""), s("CREATE TABLE \"Sales\".\"Big Orders\" (id integer PRIMARY KEY, note text)"),
                     s("INSERT INTO \"Sales\".\"Big Orders\" VALUES (1, 'first')")}),
             QString());
    MainWindow window;
    window.show();
    window.activateWindow();   // a real X server without a window manager (screenshots)
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const int liteId = openDatabase(window, lite->location);
    const int pgId = openDatabase(window, pg->location);
    QVERIFY(liteId && pgId);

    // "books" is in both: one result per connection.
    QuickOpenPopup *popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(QTest::qWaitFor([&] { return !window.nameIndexes()->isLoading(liteId) && !window.nameIndexes()->isLoading(pgId); },
                            20000));
    QVERIFY(typeAndWait(popup, s("books"), s("books")));
    QTRY_COMPARE(popup->hits().size(), 2);
    QSet<int> databases{popup->hits().at(0).database, popup->hits().at(1).database};
    QCOMPARE(databases, (QSet<int>{liteId, pgId}));

    // A quoted name in a schema: Ctrl+Enter writes it quoted by PostgreSQL's rules.
    for (int i = 0; i < 5; ++i)
        key(popup, Qt::Key_Backspace);
    QTRY_VERIFY(popup->queryEdit()->text().isEmpty());
    QVERIFY(typeAndWait(popup, s("big ord"), s("Big Orders")));
    QCOMPARE(popup->hits().first().database, pgId);
    key(popup, Qt::Key_Return, Qt::ControlModifier);
    ConsoleTab *console = currentTab<ConsoleTab>(window);
    QVERIFY(console);
    QCOMPARE(console->editor()->toPlainText(), s("SELECT * FROM \"Sales\".\"Big Orders\""));
    QCOMPARE(window.tabs()->currentWidget()->property("connectionId").toInt(), pgId);

    // Enter on the PostgreSQL table opens its grid with its row.
    popup = pressCtrlP(window);
    QVERIFY(popup);
    QVERIFY(popup->queryEdit()->hasSelectedText());
    key(popup, Qt::Key_Return);
    GridTab *grid = currentTab<GridTab>(window);
    QVERIFY(grid);
    QCOMPARE(grid->object().schema, s("Sales"));
    QCOMPARE(grid->object().name, s("Big Orders"));
    QTRY_VERIFY_WITH_TIMEOUT(grid->model()->isTableRowLoaded(0), 15000);
}

void TestQuickOpen::searchInDatabase()
{
    STRATA_REQUIRE_PG(server);
    for (const bool postgres : {false, true}) {
        auto db = makeBooks(postgres ? server : QString(), s("valuesearch"));
        QVERIFY(db);
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const int id = openDatabase(window, db->location);
        QVERIFY(id);
        // Tools › Search in database… (SQLite); a schema's context menu (PostgreSQL).
        if (postgres) {
            const QModelIndex schema = waitForNode(window, s("public"));
            QVERIFY(schema.isValid());
            QVERIFY(chooseFromContextMenu(window.treePanel()->view(), schema, s("Search in database…")));
        } else {
            QVERIFY(chooseFromMenuBar(window, "toolsMenu", "actionValueSearch"));
        }
        ui::ValueSearchDialog *dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (dialog = window.findChild<ui::ValueSearchDialog *>()) != nullptr; }, 5000));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->schemaBox()->currentText(), postgres ? s("public") : s("main"));
        QVERIFY(focus(dialog->valueEdit()));
        type(dialog->valueEdit(), s("statistical"));
        key(dialog->valueEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->valueSearch()->isRunning() && dialog->results()->rowCount() == 1, 20000);
        QCOMPARE(dialog->results()->item(0, 0)->text(), s("books"));
        QCOMPARE(dialog->results()->item(0, 1)->text(), s("title"));
        QCOMPARE(dialog->results()->item(0, 2)->text(), s("id=3"));
        QCOMPARE(dialog->results()->item(0, 3)->text(), s("The Elements of Statistical Learning"));
        QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
        if (const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !dir.isEmpty() && postgres)
            QVERIFY(dialog->grab().save(dir + s("/search-in-database.png")));
        // Double-click: the grid of books, showing that row.
        QTableView *view = dialog->resultView();
        const QModelIndex cell = dialog->results()->index(0, 3);
        doubleClickCell(view, cell);
        GridTab *grid = currentTab<GridTab>(window);
        QVERIFY(grid);
        QCOMPARE(grid->object().name, s("books"));
        dialog->close();
    }
}

STRATA_TEST_MAIN_GUI(TestQuickOpen)
#include "tst_quickopen.moc"
