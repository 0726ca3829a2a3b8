// Journey: a new user writes a query in the console, as they would type it (issue 15, item
// 6). The completion popup opens by itself after two letters; Enter at the end of
// "FROM books" must start a new line (it used to take the popup's entry: "FROM booksWHERE").
// Enter takes an entry only after the user moved into the popup (Down) or asked for it
// (Ctrl+Space); Tab takes the highlighted entry. Keys go through the window, so they reach
// the popup when it is open, as a keyboard's do. On the demo database (SQLite) and on
// PostgreSQL.

#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "exec/queryexecutor.h"
#include "exec/resultsetmodel.h"
#include "journeyinput.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QSignalSpy>
#include <QTabWidget>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
namespace journey = strata::test::journey;

namespace {

/// Opens `location` (empty: the demo database) and a console on it with Ctrl+T, as a user does.
ConsoleTab *openConsoleOn(MainWindow &window, const QString &location)
{
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    if (location.isEmpty())
        window.openDemoDatabase();
    else if (!window.openLocation(location))
        return nullptr;
    if (!opened.wait(20000) || !opened.first().at(1).toBool())
        return nullptr;
    const QModelIndex books = journey::waitForTreeItem(window.treePanel(), QStringLiteral("books"));
    if (!books.isValid())
        return nullptr;
    if (!journey::focus(window.treePanel()->view()))
        return nullptr;
    journey::clickCell(window.treePanel()->view(), books);   // the connection the console opens on
    journey::key(&window, Qt::Key_T, Qt::ControlModifier);
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    if (!console)
        return nullptr;
    if (!QTest::qWaitFor([console] { return console->runAction()->isEnabled() && console->completionCatalog().relationCount() >= 2; },
                         20000))
        return nullptr;
    return console;
}

} // namespace

class TestJourneyConsole : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void enterInsertsNewLineWhenPopupOpenedByItself_data();
    void enterInsertsNewLineWhenPopupOpenedByItself();
};

void TestJourneyConsole::enterInsertsNewLineWhenPopupOpenedByItself_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite demo") << false;
    QTest::newRow("postgres") << true;
}

void TestJourneyConsole::enterInsertsNewLineWhenPopupOpenedByItself()
{
    QFETCH(bool, postgres);
    QString location;   // the demo database
    std::unique_ptr<test::ScratchPgDatabase> scratch;
    if (postgres) {
        STRATA_REQUIRE_PG(url);
        scratch = std::make_unique<test::ScratchPgDatabase>(url);
        QVERIFY2(!scratch->url().isEmpty(), qPrintable(scratch->error()));
        QSqlDatabase db = test::openTestDatabase(scratch->url());
        // As in the demo: "books" is also the start of a view's name, so the popup stays open.
        QCOMPARE(test::execAll(db, {QStringLiteral("CREATE TABLE books (id serial PRIMARY KEY, title text NOT NULL, pages int)"),
                                    QStringLiteral("CREATE VIEW books_with_authors AS SELECT id, title FROM books"),
                                    QStringLiteral("INSERT INTO books (title, pages) VALUES ('Short', 120), "
                                                   "('Machine Learning: A Probabilistic Perspective', 1104)")}),
                 QString());
        test::closeTestDatabase(db);
        location = scratch->url();
    }
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    ConsoleTab *console = openConsoleOn(window, location);
    QVERIFY(console);
    SqlEditor *editor = console->editor();
    QAbstractItemView *popup = editor->completer()->popup();
    QVERIFY(journey::focus(editor));

    // 1. "FROM books" Enter "WHERE …": the popup is open at the end of the line (books,
    //    books_with_authors); Enter starts a new line and closes it.
    journey::type(editor, QStringLiteral("SELECT title FROM books"));
    QVERIFY2(popup->isVisible(), "the popup opens by itself while typing a table name");
    journey::key(editor, Qt::Key_Return);
    QVERIFY(!popup->isVisible());
    QCOMPARE(editor->toPlainText(), QStringLiteral("SELECT title FROM books\n"));
    journey::type(editor, QStringLiteral("WHERE pages > 1000"));
    if (popup->isVisible())
        journey::key(editor, Qt::Key_Escape);
    QCOMPARE(editor->toPlainText(), QStringLiteral("SELECT title FROM books\nWHERE pages > 1000"));
    journey::key(editor, Qt::Key_Return, Qt::ControlModifier);   // run the statement
    QTRY_VERIFY_WITH_TIMEOUT(!console->executor()->isBusy() && console->resultModel(0), 15000);
    QCOMPARE(console->resultModel(0)->rowCount(), 1);
    QCOMPARE(console->resultModel(0)->value(0, 0).toString(), QStringLiteral("Machine Learning: A Probabilistic Perspective"));

    // 2. Moving into the popup (Down) makes Enter take the entry moved to.
    journey::key(editor, Qt::Key_End, Qt::ControlModifier);
    journey::key(editor, Qt::Key_Return);
    journey::type(editor, QStringLiteral("SELECT * FROM boo"));
    QTRY_VERIFY(popup->isVisible());
    journey::key(editor, Qt::Key_Down);
    const QString moved = popup->currentIndex().data().toString().section(QLatin1Char(' '), 0, 0);
    QVERIFY2(moved.startsWith(QStringLiteral("books")) && moved != QStringLiteral("books"), qPrintable(moved));
    journey::key(editor, Qt::Key_Return);
    QVERIFY(!popup->isVisible());
    QVERIFY2(editor->toPlainText().endsWith(QStringLiteral("\nSELECT * FROM ") + moved), qPrintable(editor->toPlainText()));

    // 3. Asked for with Ctrl+Space, the popup takes Enter.
    journey::key(editor, Qt::Key_Return);
    journey::type(editor, QStringLiteral("SELECT * FROM book"));
    if (popup->isVisible())
        journey::key(editor, Qt::Key_Escape);
    QVERIFY(!popup->isVisible());
    journey::key(editor, Qt::Key_Space, Qt::ControlModifier);
    QTRY_VERIFY(popup->isVisible());
    const QString asked = popup->currentIndex().data().toString().section(QLatin1Char(' '), 0, 0);
    journey::key(editor, Qt::Key_Return);
    QVERIFY2(editor->toPlainText().endsWith(QStringLiteral("\nSELECT * FROM ") + asked), qPrintable(editor->toPlainText()));
    QVERIFY(!editor->toPlainText().endsWith(QLatin1Char('\n')));

    // 4. Tab takes the highlighted entry of a popup that opened by itself.
    journey::key(editor, Qt::Key_Return);
    journey::type(editor, QStringLiteral("SELECT * FROM books_w"));
    QTRY_VERIFY(popup->isVisible());
    journey::key(editor, Qt::Key_Tab);
    QVERIFY(!popup->isVisible());
    QVERIFY2(editor->toPlainText().endsWith(QStringLiteral("\nSELECT * FROM books_with_authors")), qPrintable(editor->toPlainText()));

    // 5. Escape closes it; the next Enter is a new line.
    journey::key(editor, Qt::Key_Return);
    journey::type(editor, QStringLiteral("SELECT * FROM bo"));
    QTRY_VERIFY(popup->isVisible());
    journey::key(editor, Qt::Key_Escape);
    QVERIFY(!popup->isVisible());
    journey::key(editor, Qt::Key_Return);
    QVERIFY2(editor->toPlainText().endsWith(QStringLiteral("\nSELECT * FROM bo\n")), qPrintable(editor->toPlainText()));
}

STRATA_TEST_MAIN_GUI(TestJourneyConsole)
#include "tst_journeyconsole.moc"
