// Journey (issue 15, items 3 and 5): pending work is never dropped without asking. A person
// edits a grid with the keyboard and closes the tab with its close button or Ctrl+W: the
// prompt appears; Cancel keeps the edits, Discard drops them, Save writes them (a failing
// save keeps the tab, the edits and the error). Quitting with edits in two tabs of two
// connections asks once, listing both. Disconnecting asks for all of the connection's tabs.
// A console's open transaction and a table design not saved are asked about too.
// On SQLite and on the throwaway PostgreSQL server.

#include "journey.h"
#include "support/filedialogs.h"

#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "data/tablemodel.h"
#include "designer/tabledesignertab.h"

#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>

using namespace strata;
using namespace strata::ui;
using namespace strata::test::journey;
using data::TableModel;

class TestJourneyClose : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void gridTabClosePrompt_data();
    void gridTabClosePrompt();
    void quitAsksOnceForTwoConnections();
    void disconnectAsksForAllItsTabs();
    void consoleTransactionIsCommittedOnSave_data();
    void consoleTransactionIsCommittedOnSave();
    void designerCloseAsks();

private:
    static QString server(bool pg);
};

void TestJourneyClose::initTestCase()
{
    QApplication::setQuitOnLastWindowClosed(false);   // quitting closes the window only
}

QString TestJourneyClose::server(bool pg)
{
    return pg ? test::postgresUrl() : QString();
}

namespace {

void showWindow(MainWindow &window)
{
    window.resize(1200, 760);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

/// Types `title` into row `row`'s title cell (column 1) and waits for the pending edit.
bool editTitle(GridTab *tab, int row, const QString &title)
{
    const int before = tab->model()->pendingCount();
    if (!typeInCell(tab->view(), tab->model()->index(row, 1), title))
        return false;
    return QTest::qWaitFor([&] { return tab->model()->pendingCount() > before || tab->model()->editAt(row); }, 5000);
}

} // namespace

void TestJourneyClose::gridTabClosePrompt_data()
{
    QTest::addColumn<bool>("pg");
    QTest::newRow("sqlite") << false;
    QTest::newRow("pg") << true;
}

void TestJourneyClose::gridTabClosePrompt()
{
    QFETCH(bool, pg);
    if (pg) {
        STRATA_REQUIRE_PG(url);
    }
    auto db = makeBooks(server(pg), s("close"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    QVERIFY(openDatabase(window, db->location));
    GridTab *tab = openTable(window, s("books"));
    QVERIFY(tab);
    QTabWidget *tabs = window.tabs();

    // An edit typed into the title cell: the tab says it holds unsaved work.
    QVERIFY(editTitle(tab, 0, s("Deep Learning, 2nd edition")));
    QCOMPARE(tab->model()->pendingCount(), 1);
    QTRY_COMPARE(tabs->tabText(tabs->indexOf(tab)), s("books \u2022"));

    // Close button -> prompt naming the tab -> Cancel: the tab and its edit stay.
    click(closeButton(tabs, tabs->indexOf(tab)));
    QMessageBox *prompt = waitForModal();
    QVERIFY2(prompt, "closing a tab with unsaved edits must ask");
    QVERIFY2(prompt->text().contains(s("books")), qPrintable(prompt->text()));
    QVERIFY2(prompt->informativeText().contains(s("1 unsaved change")), qPrintable(prompt->informativeText()));
    QVERIFY(prompt->button(QMessageBox::Save) && prompt->button(QMessageBox::Discard) && prompt->button(QMessageBox::Cancel));
    if (!pg)
        screenshot(s("close-prompt-tab"));
    click(prompt->button(QMessageBox::Cancel));
    QVERIFY(dialogsClosed(&window));
    QCOMPARE(tabs->indexOf(tab), 0);
    QCOMPARE(tab->model()->pendingCount(), 1);

    // Ctrl+W -> Discard: the tab goes, the database never saw the edit.
    QTest::keyClick(tab->view(), Qt::Key_W, Qt::ControlModifier);
    prompt = waitForModal();
    QVERIFY2(prompt, "Ctrl+W must ask too");
    click(prompt->button(QMessageBox::Discard));
    QVERIFY(dialogsClosed(&window));
    QTRY_COMPARE(tabs->count(), 0);
    QCOMPARE(scalar(db->location, s("SELECT title FROM books WHERE id = 1")).toString(), s("Deep Learning"));

    // Again, with a value the table refuses (pages > 0): Save fails, the tab stays with its
    // edits and says why, and the close stops with a message.
    tab = openTable(window, s("books"));
    QVERIFY(tab);
    QVERIFY(editTitle(tab, 0, s("Deep Learning, 3rd edition")));
    QVERIFY(typeInCell(tab->view(), tab->model()->index(1, 2), s("0")));
    QTRY_COMPARE(tab->model()->pendingCount(), 2);
    click(closeButton(tabs, tabs->indexOf(tab)));
    prompt = waitForModal();
    QVERIFY(prompt);
    click(prompt->button(QMessageBox::Save));
    QMessageBox *failure = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((failure = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr
                                 && failure != prompt, 15000);
    QVERIFY2(failure->text().contains(s("Nothing was closed")), qPrintable(failure->text()));
    if (pg)
        screenshot(s("close-prompt-save-failed"));
    QVERIFY2(failure->informativeText().contains(pg ? s("check") : s("CHECK"), Qt::CaseInsensitive), qPrintable(failure->informativeText()));
    click(failure->button(QMessageBox::Ok));
    QVERIFY(dialogsClosed(&window));
    QCOMPARE(tabs->indexOf(tab), 0);
    QCOMPARE(tab->model()->pendingCount(), 2);
    QVERIFY(tab->banner()->isVisible());
    QVERIFY2(tab->banner()->text().contains(s("Save failed")), qPrintable(tab->banner()->text()));
    QCOMPARE(scalar(db->location, s("SELECT pages FROM books WHERE id = 2")).toInt(), 738);

    // Fixed, then Ctrl+W -> Save: written in one transaction, then the tab closes.
    QVERIFY(typeInCell(tab->view(), tab->model()->index(1, 2), s("740")));
    QTRY_VERIFY(tab->model()->data(tab->model()->index(1, 2)).toString() == s("740"));
    QTest::keyClick(tab->view(), Qt::Key_W, Qt::ControlModifier);
    prompt = waitForModal();
    QVERIFY(prompt);
    QVERIFY2(prompt->informativeText().contains(s("2 unsaved changes")), qPrintable(prompt->informativeText()));
    click(prompt->button(QMessageBox::Save));
    QTRY_COMPARE_WITH_TIMEOUT(tabs->count(), 0, 15000);
    QCOMPARE(scalar(db->location, s("SELECT title FROM books WHERE id = 1")).toString(), s("Deep Learning, 3rd edition"));
    QCOMPARE(scalar(db->location, s("SELECT pages FROM books WHERE id = 2")).toInt(), 740);
}

void TestJourneyClose::quitAsksOnceForTwoConnections()
{
    STRATA_REQUIRE_PG(url);
    auto lite = makeBooks(QString(), s("quit"));
    auto pg = makeBooks(url, s("quit"));
    QVERIFY(lite && pg);
    MainWindow window;
    showWindow(window);
    const int liteId = openDatabase(window, lite->location);
    const int pgId = openDatabase(window, pg->location);
    QVERIFY(liteId && pgId);
    GridTab *liteTab = openTable(window, s("books"), connectionNode(window, liteId));
    QVERIFY(liteTab);
    GridTab *pgTab = openTable(window, s("books"), connectionNode(window, pgId));
    QVERIFY(pgTab && pgTab != liteTab);
    QVERIFY(editTitle(liteTab, 0, s("edited in SQLite")));
    QVERIFY(editTitle(pgTab, 0, s("edited in PostgreSQL")));

    // Ctrl+Q: one prompt lists both tabs, each with its connection.
    QVERIFY(dialogsClosed(&window));
    QTest::keyClick(pgTab->view(), Qt::Key_Q, Qt::ControlModifier);
    QMessageBox *prompt = waitForModal();
    QVERIFY2(prompt, "quitting with unsaved edits must ask");
    QVERIFY2(prompt->text().contains(s("2 tabs")), qPrintable(prompt->text()));
    const QString listed = prompt->informativeText();
    QVERIFY2(listed.count(s("books")) == 2, qPrintable(listed));
    QVERIFY2(listed.contains(QFileInfo(lite->location).fileName()), qPrintable(listed));
    QVERIFY2(listed.contains(pg->pg->name()), qPrintable(listed));
    screenshot(s("close-prompt"));
    click(prompt->button(QMessageBox::Cancel));
    QVERIFY(dialogsClosed(&window));
    QVERIFY(window.isVisible());
    QCOMPARE(liteTab->model()->pendingCount(), 1);
    QCOMPARE(pgTab->model()->pendingCount(), 1);

    // The window's close button asks the same; Save All writes both, then the window closes.
    window.close();
    prompt = waitForModal();
    QVERIFY(prompt);
    QCOMPARE(plain(prompt->button(QMessageBox::Save)->text()), s("Save All"));
    click(prompt->button(QMessageBox::Save));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 15000);
    QCOMPARE(scalar(lite->location, s("SELECT title FROM books WHERE id = 1")).toString(), s("edited in SQLite"));
    QCOMPARE(scalar(pg->location, s("SELECT title FROM books WHERE id = 1")).toString(), s("edited in PostgreSQL"));
}

void TestJourneyClose::disconnectAsksForAllItsTabs()
{
    auto db = makeBooks(QString(), s("disconnect"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    const int id = openDatabase(window, db->location);
    QVERIFY(id);
    GridTab *grid = openTable(window, s("books"));
    QVERIFY(grid);
    QVERIFY(editTitle(grid, 2, s("ESL")));
    // A console on the same connection, from the tree's menu, with text typed and not saved.
    QVERIFY(contextMenu(window.treePanel()->view(), connectionNode(window, id), s("Open query console")));
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(console);
    QTest::keyClicks(console->editor(), s("select 1"));
    QCOMPARE(window.tabs()->count(), 2);

    QVERIFY(contextMenu(window.treePanel()->view(), connectionNode(window, id), s("Disconnect")));
    QMessageBox *prompt = waitForModal();
    QVERIFY2(prompt, "disconnecting with unsaved work in its tabs must ask");
    QVERIFY2(prompt->informativeText().contains(s("1 unsaved change")), qPrintable(prompt->informativeText()));
    QVERIFY2(prompt->informativeText().contains(s("unsaved SQL text")), qPrintable(prompt->informativeText()));
    click(prompt->button(QMessageBox::Cancel));
    QVERIFY(dialogsClosed(&window));
    QCOMPARE(window.treeModel()->connectionIds(), QList<int>{id});
    QCOMPARE(window.tabs()->count(), 2);
    QCOMPARE(grid->model()->pendingCount(), 1);

    QVERIFY(contextMenu(window.treePanel()->view(), connectionNode(window, id), s("Disconnect")));
    prompt = waitForModal();
    QVERIFY(prompt);
    click(prompt->button(QMessageBox::Discard));
    QTRY_COMPARE(window.tabs()->count(), 0);
    QVERIFY(window.treeModel()->connectionIds().isEmpty());
    QCOMPARE(scalar(db->location, s("SELECT title FROM books WHERE id = 3")).toString(), s("The Elements of Statistical Learning"));
}

void TestJourneyClose::consoleTransactionIsCommittedOnSave_data()
{
    QTest::addColumn<bool>("pg");
    QTest::newRow("sqlite") << false;
    QTest::newRow("pg") << true;
}

void TestJourneyClose::consoleTransactionIsCommittedOnSave()
{
    QFETCH(bool, pg);
    if (pg) {
        STRATA_REQUIRE_PG(url);
    }
    auto db = makeBooks(server(pg), s("console"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    const int id = openDatabase(window, db->location);
    QVERIFY(id);
    QVERIFY(contextMenu(window.treePanel()->view(), connectionNode(window, id), s("Open query console")));
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(console);
    QTRY_VERIFY_WITH_TIMEOUT(console->runAction()->isEnabled(), 15000);
    // Auto-commit off (its toolbar button), an INSERT run with Ctrl+Enter: a transaction is open.
    auto *autoCommit = buttonNamed<QToolButton>(console, s("Auto-commit"));
    QVERIFY(autoCommit);
    click(autoCommit);
    QVERIFY(!autoCommit->isChecked());
    QTest::keyClicks(console->editor(), s("INSERT INTO books VALUES (4, 'Deep Learning with Python', 384)"));
    if (QWidget *popup = QApplication::activePopupWidget())
        QTest::keyClick(popup, Qt::Key_Escape);   // the completion popup, if it opened
    QTest::keyClick(console->editor(), Qt::Key_Return, Qt::ControlModifier);
    auto *transaction = console->findChild<QLabel *>(s("transactionLabel"));
    QVERIFY(transaction);
    QTRY_COMPARE_WITH_TIMEOUT(transaction->text(), s("Transaction open"), 15000);
    QCOMPARE(scalar(db->location, s("SELECT count(*) FROM books")).toInt(), 3);   // not committed

    // Ctrl+W: the prompt names the transaction; Save commits it, then the tab closes.
    QTest::keyClick(console->editor(), Qt::Key_W, Qt::ControlModifier);
    QMessageBox *prompt = waitForModal();
    QVERIFY2(prompt, "closing a console with an open transaction must ask");
    QVERIFY2(prompt->informativeText().contains(s("open transaction")), qPrintable(prompt->informativeText()));
    // The text is unsaved too; with a file it is written there.
    const QString file = test::tempPath(s("journey-%1.sql").arg(pg ? s("pg") : s("sqlite")));
    QVERIFY(prompt->informativeText().contains(s("unsaved SQL text")));
    // Save asks where to write the text (the file dialog, once the commit is through).
    whenModal(this, [](QWidget *modal) { return modal->findChild<QLineEdit *>(s("fileNameEdit")) != nullptr; },
              [file](QWidget *dialog) { QVERIFY(test::answerFileDialog(qobject_cast<QFileDialog *>(dialog), file)); });
    click(prompt->button(QMessageBox::Save));
    QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->count(), 0, 15000);
    QCOMPARE(scalar(db->location, s("SELECT title FROM books WHERE id = 4")).toString(), s("Deep Learning with Python"));
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().contains("INSERT INTO books"));
}

void TestJourneyClose::designerCloseAsks()
{
    auto db = makeBooks(QString(), s("designer"));
    QVERIFY(db);
    MainWindow window;
    showWindow(window);
    QVERIFY(openDatabase(window, db->location));
    QVERIFY(contextMenu(window.treePanel()->view(), waitForNode(window, s("books")), s("Design table…")));
    auto *designer = qobject_cast<TableDesignerTab *>(window.tabs()->currentWidget());
    QVERIFY(designer);
    QTRY_VERIFY_WITH_TIMEOUT(designer->isReady(), 15000);
    const int tab = window.tabs()->indexOf(designer);
    QCOMPARE(window.tabs()->tabText(tab), s("Design: books"));   // nothing changed yet

    click(buttonNamed<QPushButton>(designer, s("Add column")));
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor && designer->columnsTable()->isAncestorOf(editor));
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, s("isbn"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(window.tabs()->tabText(tab), s("Design: books \u2022"));

    QTest::keyClick(designer->columnsTable(), Qt::Key_W, Qt::ControlModifier);
    QMessageBox *prompt = waitForModal();
    QVERIFY2(prompt, "closing the designer with changes not saved must ask");
    QVERIFY2(prompt->informativeText().contains(s("changes to books, not saved")), qPrintable(prompt->informativeText()));
    click(prompt->button(QMessageBox::Cancel));
    QVERIFY(dialogsClosed(&window));
    QCOMPARE(window.tabs()->indexOf(designer), tab);

    click(closeButton(window.tabs(), tab));
    prompt = waitForModal();
    QVERIFY(prompt);
    click(prompt->button(QMessageBox::Discard));
    QTRY_COMPARE(window.tabs()->count(), 0);
    QCOMPARE(scalar(db->location, s("SELECT count(*) FROM pragma_table_info('books') WHERE name = 'isbn'")).toInt(), 0);
}

STRATA_TEST_MAIN_GUI(TestJourneyClose)
#include "tst_journeyclose.moc"
