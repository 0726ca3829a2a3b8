// Issue 19, first impression and daily comfort: the toolbar, the Edit, Window and Help menus,
// the start page, and a layout that fits 1024×700. Driven as a person would (clicks, keys,
// double-clicks in the tree), offscreen, on a small SQLite books database.

#include "console/consoletab.h"
#include "migrations/migrationpanel.h"
#include "console/sqleditor.h"
#include "mainwindow/editcommands.h"
#include "mainwindow/startupoptions.h"
#include "mainwindow/welcomepage.h"
#include "ui/journey/journey.h"

#include <QBuffer>
#include <QClipboard>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QToolBar>

using namespace strata;
using namespace strata::ui;
using namespace strata::test::journey;

namespace {

QAction *action(MainWindow &window, const char *name)
{
    return window.findChild<QAction *>(QLatin1String(name));
}

QStringList menuTitles(MainWindow &window)
{
    QStringList titles;
    for (QAction *a : window.menuBar()->actions())
        titles << plain(a->text());
    return titles;
}

/// Toolbars of the window (the tab in front included) that hide actions behind "»".
QStringList overflowingToolBars(QWidget *window)
{
    QStringList names;
    for (QToolBar *bar : window->findChildren<QToolBar *>()) {
        if (!bar->isVisible())
            continue;
        auto *more = bar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        if (more && more->isVisible())
            names << bar->objectName() + QLatin1Char('@') + QString::fromLatin1(bar->parentWidget()->metaObject()->className())
                         + QStringLiteral(" (needs %1 px, has %2)").arg(bar->sizeHint().width()).arg(bar->width());
    }
    return names;
}

/// The widest minimum widths under `root`, for a failure message.
QString widest(QWidget *root)
{
    QList<QPair<int, QString>> all;
    for (QWidget *w : root->findChildren<QWidget *>())
        if (w->isVisible())
            all.append({w->minimumSizeHint().width(), QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(' ') + w->objectName()});
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList out;
    for (int i = 0; i < std::min<qsizetype>(12, all.size()); ++i)
        out << QStringLiteral("%1 %2").arg(all[i].first).arg(all[i].second);
    return out.join(QStringLiteral("; "));
}

QDockWidget *treeDock(MainWindow &window)
{
    return window.findChild<QDockWidget *>(QStringLiteral("ObjectTreeDock"));
}

void clickItem(QListWidget *list, QListWidgetItem *item)
{
    const QRect rect = list->visualItemRect(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
}

} // namespace

class TestMainWindowComfort : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void menusAndToolbarArePresent();
    void toolbarFollowsTheCurrentTab();
    void toolbarIconsAreDistinct();
    void editMenuActsOnTheFocusedWidget();
    void helpReportCopiesVersionInfo();
    void windowMenuSwitchesClosesAndReopensTabs();
    void startPageOpensRecentFileWithOneClick();
    void openingGridOrConsoleGivesItTheFocus();
    void layoutFitsAt1024x700();
    void restoredNarrowTreeIsWidened();
    void commandLineIsParsed();
    void commandLineTableOpensItsGrid();
    void commandLineSqlOpensAConsoleWithTheScript();
    void sessionReopensConnectionsTabsAndTheDemo();
    void sqliteTablesShowRowCounts();
};

void TestMainWindowComfort::init()
{
    QSettings().clear();
}

void TestMainWindowComfort::menusAndToolbarArePresent()
{
    MainWindow window;
    window.show();
    QCOMPARE(menuTitles(window), (QStringList{s("File"), s("Edit"), s("View"), s("Tools"), s("Window"), s("Help")}));
    QVERIFY(window.mainToolBar());
    const QList<QAction *> onBar = window.mainToolBar()->actions();
    for (const char *name : {"actionNewConnection", "actionOpenFile", "actionNewConsole", "actionSaveTab", "actionRevertTab",
                             "actionRunTab", "actionCancelTab", "actionMigrations"}) {
        QAction *a = action(window, name);
        QVERIFY2(a && onBar.contains(a), name);
        QVERIFY2(!a->icon().isNull(), name);
        QVERIFY2(!a->toolTip().isEmpty(), name);
    }
    QVERIFY(onBar.contains(window.treePanel()->refreshAction()));
    // No connection yet: connect and open are offered; console and migrations need a database.
    QVERIFY(action(window, "actionNewConnection")->isEnabled());
    QVERIFY(action(window, "actionOpenFile")->isEnabled());
    QVERIFY(!action(window, "actionNewConsole")->isEnabled());
    QVERIFY(!action(window, "actionMigrations")->isEnabled());
    QVERIFY(!action(window, "actionSaveTab")->isEnabled());
    QVERIFY(!action(window, "actionRunTab")->isVisible());   // no console in front
    for (const char *name : {"actionUndo", "actionRedo", "actionCut", "actionCopy", "actionPaste", "actionFind", "actionSelectAll",
                             "actionShortcuts", "actionUserGuide", "actionReportProblem", "actionAbout",
                             "actionNextTab", "actionPreviousTab", "actionCloseOtherTabs", "actionReopenClosedTab"})
        QVERIFY2(action(window, name), name);
    QCOMPARE(action(window, "actionReopenClosedTab")->shortcut(), QKeySequence(s("Ctrl+Shift+T")));
    QVERIFY(!action(window, "actionReopenClosedTab")->isEnabled());   // nothing closed yet
}

void TestMainWindowComfort::toolbarFollowsTheCurrentTab()
{
    auto db = makeBooks({}, s("toolbar"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    QVERIFY(action(window, "actionNewConsole")->isEnabled());
    QVERIFY(action(window, "actionMigrations")->isEnabled());
    GridTab *grid = openTable(window, s("books"));
    QVERIFY(grid);
    QAction *save = action(window, "actionSaveTab");
    QVERIFY(!save->isEnabled());   // nothing to save yet
    QVERIFY(typeInCell(grid->view(), grid->model()->index(0, 1), s("Deep Learning (2nd)")));
    QTRY_VERIFY(save->isEnabled());
    QVERIFY(action(window, "actionRevertTab")->isEnabled());
    auto *button = qobject_cast<QToolButton *>(window.mainToolBar()->widgetForAction(save));
    QVERIFY(button);
    click(button);
    QTRY_VERIFY_WITH_TIMEOUT(!save->isEnabled(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(db->location, s("SELECT title FROM books WHERE id = 1")).toString(), s("Deep Learning (2nd)"), 10000);
    // A console in front: Run and Cancel appear; Save relays nothing of a grid.
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(console);
    QVERIFY(action(window, "actionRunTab")->isVisible());
    QVERIFY(action(window, "actionCancelTab")->isVisible());
    QVERIFY(!action(window, "actionSaveTab")->isEnabled());
    QCOMPARE(action(window, "actionRunTab")->isEnabled(), console->runAction()->isEnabled());
}

// An icon-only toolbar is read by its pictures: two buttons that look the same are one too
// many (Restore… once showed Refresh's arrows).
void TestMainWindowComfort::toolbarIconsAreDistinct()
{
    MainWindow window;
    window.show();
    QHash<QByteArray, QString> seen;
    for (QAction *a : window.mainToolBar()->actions()) {
        if (a->isSeparator() || a->icon().isNull())
            continue;
        QByteArray pixels;
        QBuffer buffer(&pixels);
        buffer.open(QIODevice::WriteOnly);
        a->icon().pixmap(20, 20).toImage().save(&buffer, "PNG");
        QVERIFY2(!seen.contains(pixels), qPrintable(s("\"%1\" looks like \"%2\"").arg(a->text(), seen.value(pixels))));
        seen.insert(pixels, a->text());
    }
    QVERIFY(seen.size() >= 8);
}

void TestMainWindowComfort::editMenuActsOnTheFocusedWidget()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QLineEdit *filter = window.treePanel()->filterEdit();
    filter->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), filter);
    EditCommands *edit = window.editCommands();
    QVERIFY(!edit->command(QKeySequence::Undo)->isEnabled());
    QVERIFY(!edit->command(QKeySequence::Copy)->isEnabled());
    QTest::keyClicks(filter, s("books"));
    edit->update();   // as opening the menu does
    QVERIFY(edit->command(QKeySequence::Undo)->isEnabled());
    QVERIFY(!edit->command(QKeySequence::Copy)->isEnabled());   // nothing selected
    edit->command(QKeySequence::SelectAll)->trigger();
    QCOMPARE(filter->selectedText(), s("books"));
    edit->update();
    QVERIFY(edit->command(QKeySequence::Copy)->isEnabled());
    QApplication::clipboard()->clear();
    edit->command(QKeySequence::Copy)->trigger();
    QCOMPARE(QApplication::clipboard()->text(), s("books"));
    edit->command(QKeySequence::Cut)->trigger();
    QCOMPARE(filter->text(), QString());
    edit->command(QKeySequence::Undo)->trigger();
    QCOMPARE(filter->text(), s("books"));
}

void TestMainWindowComfort::helpReportCopiesVersionInfo()
{
    MainWindow window;
    window.show();
    QApplication::clipboard()->clear();
    QString shown;
    whenModal(&window, [](QWidget *w) { return qobject_cast<QMessageBox *>(w) != nullptr; }, [&shown](QWidget *w) {
        auto *box = static_cast<QMessageBox *>(w);
        shown = box->text();
        box->accept();
    });
    action(window, "actionReportProblem")->trigger();
    QVERIFY(shown.contains(s("clipboard")));
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(s("Strata ")), qPrintable(copied));
    QVERIFY(copied.contains(s("Qt ")));
    QVERIFY(copied.contains(s("SQLite ")));
}

void TestMainWindowComfort::windowMenuSwitchesClosesAndReopensTabs()
{
    auto db = makeBooks({}, s("tabs"));
    QVERIFY(db);
    QVERIFY(execOn(db->location, {s("CREATE TABLE authors (id integer PRIMARY KEY, name text)"),
                                  s("INSERT INTO authors (name) VALUES ('Ian Goodfellow')")}).isEmpty());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    QVERIFY(openTable(window, s("books")));
    QVERIFY(openTable(window, s("authors")));
    QTabWidget *tabs = window.tabs();
    QCOMPARE(tabs->count(), 2);
    QCOMPARE(tabs->currentIndex(), 1);
    QTest::keyClick(&window, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 0);
    QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 1);
    // Close "authors" with its close button, then Ctrl+Shift+T brings it back.
    click(closeButton(tabs, 1));
    QTRY_COMPARE(tabs->count(), 1);
    QVERIFY(action(window, "actionReopenClosedTab")->isEnabled());
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(tabs->count(), 2);
    auto *reopened = qobject_cast<GridTab *>(tabs->currentWidget());
    QVERIFY(reopened);
    QCOMPARE(reopened->object().name, s("authors"));
    QVERIFY(!action(window, "actionReopenClosedTab")->isEnabled());
    // Close the others: only the tab in front stays.
    action(window, "actionCloseOtherTabs")->trigger();
    QTRY_COMPARE(tabs->count(), 1);
    QCOMPARE(qobject_cast<GridTab *>(tabs->currentWidget())->object().name, s("authors"));
}

void TestMainWindowComfort::startPageOpensRecentFileWithOneClick()
{
    auto db = makeBooks({}, s("recent"));
    QVERIFY(db);
    {
        MainWindow first;
        first.show();
        QVERIFY(openDatabase(first, db->location));
    }
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.welcomePage()->isVisible());
    QListWidget *recent = window.welcomePage()->recentList();
    QCOMPARE(recent->count(), 1);
    QVERIFY(recent->item(0)->text().startsWith(s("recent.db")));
    QVERIFY(window.welcomePage()->savedList()->item(0)->text().startsWith(s("No saved connection")));
    screenshot(s("comfort-start-page"));
    if (const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(window.mainToolBar()->grab().save(dir + s("/comfort-toolbar.png")));
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    clickItem(recent, recent->item(0));
    QVERIFY(opened.wait(20000));
    QVERIFY(opened.first().at(1).toBool());
    QVERIFY(waitForNode(window, s("books")).isValid());
}

void TestMainWindowComfort::openingGridOrConsoleGivesItTheFocus()
{
    auto db = makeBooks({}, s("focus"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    GridTab *grid = openTable(window, s("books"));   // a double-click in the tree
    QVERIFY(grid);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(grid->view()));
    // Ctrl+End moves in the grid, not in the tree.
    const QModelIndex treeCurrent = window.treePanel()->view()->currentIndex();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(window.treePanel()->view()->currentIndex(), treeCurrent);
    QCOMPARE(grid->view()->currentIndex().row(), 2);
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(console);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(console->editor()));
}

void TestMainWindowComfort::layoutFitsAt1024x700()
{
    auto db = makeBooks({}, s("layout"));
    QVERIFY(db);
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openDatabase(window, db->location));
    QVERIFY(openTable(window, s("books")));
    const int id = window.treeModel()->connectionIds().constFirst();
    auto check = [&window](const char *what) {
        QTest::qWait(50);   // layouts settle
        QVERIFY2(window.minimumSizeHint().width() <= 1024, qPrintable(QStringLiteral("%1: minimum width %2: %3").arg(QLatin1String(what)).arg(window.minimumSizeHint().width()).arg(widest(window.tabs()->currentWidget()))));
        QVERIFY2(window.width() <= 1024, qPrintable(QStringLiteral("%1: window grew to %2").arg(QLatin1String(what)).arg(window.width())));
        const QStringList hidden = overflowingToolBars(&window);
        QVERIFY2(hidden.isEmpty(), qPrintable(QLatin1String(what) + QStringLiteral(": overflow in ") + hidden.join(QLatin1Char(' '))));
        QVERIFY2(treeDock(window)->width() >= 150, qPrintable(QStringLiteral("%1: tree %2 px").arg(QLatin1String(what)).arg(treeDock(window)->width())));
    };
    check("grid");
    QVERIFY(window.openConsole(id));
    check("console");
    screenshot(s("comfort-1024x700-console"));
    window.openMigrations(id);
    check("migrations");
    // An Alembic project shows one more command (Autogenerate…) and the Alembic line.
    auto *panel = qobject_cast<MigrationPanel *>(window.tabs()->currentWidget());
    QVERIFY(panel);
    const QString project = QFileInfo(test::tempPath(s("x"))).absolutePath() + s("/tutorial");
    QDir().mkpath(project + s("/migrations/versions"));
    const QString source = qEnvironmentVariable("STRATA_SOURCE_DIR") + s("/tests/data/alembic/tutorial/");
    for (const QString &file : {s("alembic.ini"), s("config.py"), s("models.py"), s("migrations/env.py"),
                                s("migrations/script.py.mako"), s("migrations/versions/1975ea83b712_create_books_table.py")})
        QVERIFY(QFile::copy(source + file, project + QLatin1Char('/') + file));
    QSignalSpy located(panel, &MigrationPanel::alembicLocated);
    QVERIFY(panel->attachProject(project).ok());
    QVERIFY(located.wait(60000));
    QVERIFY(panel->autogenerateAction()->isVisible());
    check("migrations with an Alembic project");
    screenshot(s("comfort-1024x700-migrations"));
    QVERIFY(window.openSchemaDiff(id, s("main")));
    check("schema diff");
    screenshot(s("comfort-1024x700-schemadiff"));
    // The tree's name column takes the space; the rows column only what it needs.
    QTreeView *tree = window.treePanel()->view();
    QVERIFY2(tree->columnWidth(0) > 2 * tree->columnWidth(1),
             qPrintable(QStringLiteral("name %1 px, rows %2 px, tree %3 px").arg(tree->columnWidth(0)).arg(tree->columnWidth(1)).arg(tree->width())));
}

void TestMainWindowComfort::restoredNarrowTreeIsWidened()
{
    {
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resizeDocks({treeDock(window)}, {40}, Qt::Horizontal);
        QTRY_VERIFY(treeDock(window)->width() < 150);
        window.close();   // saves the layout
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY2(treeDock(window)->width() >= 150, qPrintable(QString::number(treeDock(window)->width())));
}

void TestMainWindowComfort::commandLineIsParsed()
{
    auto parsed = parseStartupOptions({s("books.db"), s("--table"), s("books"), s("--sql=init.sql")});
    QVERIFY(parsed);
    QCOMPARE(parsed.value().locations, QStringList{s("books.db")});
    QCOMPARE(parsed.value().table, s("books"));
    QCOMPARE(parsed.value().sqlFile, s("init.sql"));
    parsed = parseStartupOptions({s("postgresql://u@h/db"), s("-t"), s("archive.books")});
    QVERIFY(parsed);
    QCOMPARE(parsed.value().tableName(false, s("public")), (QPair<QString, QString>{s("archive"), s("books")}));
    QCOMPARE(parsed.value().tableName(true, s("main")), (QPair<QString, QString>{s("main"), s("archive.books")}));
    QVERIFY(!parseStartupOptions({s("--table"), s("books")}));        // no database
    QVERIFY(!parseStartupOptions({s("books.db"), s("--table")}));    // no value
    QVERIFY(!parseStartupOptions({s("books.db"), s("--tables=x")})); // unknown
}

void TestMainWindowComfort::commandLineTableOpensItsGrid()
{
    auto db = makeBooks({}, s("cli"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    auto options = parseStartupOptions({db->location, s("--table"), s("books")});
    QVERIFY(options);
    window.openStartup(options.value());
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<GridTab *>(window.tabs()->currentWidget()), 20000);
    auto *grid = qobject_cast<GridTab *>(window.tabs()->currentWidget());
    QCOMPARE(grid->object().name, s("books"));
    QCOMPARE(grid->object().schema, s("main"));
    QTRY_VERIFY_WITH_TIMEOUT(grid->model()->isTableRowLoaded(0), 15000);
    QCOMPARE(grid->model()->index(2, 1).data().toString(), s("The Elements of Statistical Learning"));
}

void TestMainWindowComfort::commandLineSqlOpensAConsoleWithTheScript()
{
    auto db = makeBooks({}, s("cliscript"));
    QVERIFY(db);
    const QString script = test::tempPath(s("report.sql"));
    {
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("SELECT title FROM books ORDER BY pages DESC;\n");
    }
    MainWindow window;
    window.show();
    auto options = parseStartupOptions({db->location, s("--sql"), script});
    QVERIFY(options);
    window.openStartup(options.value());
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<ConsoleTab *>(window.tabs()->currentWidget()), 20000);
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QCOMPARE(console->editor()->toPlainText(), s("SELECT title FROM books ORDER BY pages DESC;\n"));
}

void TestMainWindowComfort::sessionReopensConnectionsTabsAndTheDemo()
{
    auto db = makeBooks({}, s("session"));
    QVERIFY(db);
    {
        MainWindow first;
        first.show();
        QVERIFY(QTest::qWaitForWindowActive(&first));
        QSignalSpy opened(&first, &MainWindow::connectionOpened);
        first.openDemoDatabase();
        QVERIFY(opened.wait(20000));
        QVERIFY(openDatabase(first, db->location));
        QVERIFY(openTable(first, s("books")));
        QTest::keyClick(&first, Qt::Key_T, Qt::ControlModifier);
        auto *console = qobject_cast<ConsoleTab *>(first.tabs()->currentWidget());
        QVERIFY(console);
        QTest::keyClicks(console->editor(), s("SELECT 42"));
        first.close();
        QTRY_VERIFY(!first.isVisible());
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.reopenLastSession());
    QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->connectionIds().size(), 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->count(), 2, 20000);
    GridTab *grid = nullptr;
    ConsoleTab *console = nullptr;
    for (int i = 0; i < window.tabs()->count(); ++i) {
        grid = grid ? grid : qobject_cast<GridTab *>(window.tabs()->widget(i));
        console = console ? console : qobject_cast<ConsoleTab *>(window.tabs()->widget(i));
    }
    QVERIFY(grid && console);
    QCOMPARE(grid->object().name, s("books"));
    QCOMPARE(console->editor()->toPlainText(), s("SELECT 42"));
    QVERIFY(waitForNode(window, s("Demo (books, music, users)")).isValid() || waitForNode(window, s("demo.db")).isValid());
}

void TestMainWindowComfort::sqliteTablesShowRowCounts()
{
    auto db = makeBooks({}, s("counts"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    const QModelIndex books = waitForNode(window, s("books"));
    QVERIFY(books.isValid());
    window.treePanel()->view()->expand(books.parent());   // the Tables folder (a no-op when open)
    QTRY_COMPARE_WITH_TIMEOUT(books.siblingAtColumn(1).data().toString(), s("3"), 10000);
    // Collapsing the folder and adding rows: the next expand counts again.
    QTreeView *tree = window.treePanel()->view();
    const QModelIndex folder = books.parent();
    tree->collapse(folder);
    QVERIFY(execOn(db->location, {s("INSERT INTO books (title, pages) VALUES ('Deep Learning 2', 900)")}).isEmpty());
    tree->expand(folder);
    QTRY_COMPARE_WITH_TIMEOUT(waitForNode(window, s("books")).siblingAtColumn(1).data().toString(), s("4"), 10000);
}

STRATA_TEST_MAIN_GUI(TestMainWindowComfort)
#include "tst_mainwindowcomfort.moc"
