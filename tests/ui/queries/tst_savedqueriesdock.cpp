// The Saved queries dock as a person uses it: View › Saved queries, a console's text saved
// under a name (the file appears in the connection's folder), a file added from outside
// (git) showing at once, the search box, and Enter opening a query in a console with its
// placeholder written out and selected for typing.

#include "../journey/journeyinput.h"

#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "queries/savedqueriesdock.h"

#include <QDir>
#include <QDockWidget>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>

using namespace strata;
using namespace strata::test::journey;
using ui::ConsoleTab;

namespace {

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

QStringList listed(QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

}   // namespace

class TestSavedQueriesDock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveSearchAndOpen();
};

void TestSavedQueriesDock::saveSearchAndOpen()
{
    auto db = makeBooks({}, s("saved-queries"));
    QVERIFY(db);
    MainWindow window;
    window.resize(1100, 720);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    auto *dock = window.findChild<QDockWidget *>(s("SavedQueriesDock"));
    QVERIFY(dock);
    QVERIFY(!dock->isVisible());
    QVERIFY(chooseFromMenuBar(window, "viewMenu", "actionSavedQueries"));
    QTRY_VERIFY(dock->isVisible());
    ui::SavedQueriesPanel *panel = window.savedQueries();
    QVERIFY(!panel->folder().isEmpty());
    QCOMPARE(panel->list()->count(), 0);

    // A console's text saved under a name.
    key(&window, Qt::Key_T, Qt::ControlModifier);
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(console);
    QTest::keyClicks(console->editor(), s("SELECT * FROM books WHERE pages > ${min_pages:500} LIMIT ${n:10}"));
    if (QWidget *completion = QApplication::activePopupWidget())
        QTest::keyClick(completion, Qt::Key_Escape);
    whenModal(
        &window, [](QWidget *w) { return qobject_cast<QInputDialog *>(w) != nullptr; },
        [](QWidget *w) {
            auto *edit = w->findChild<QLineEdit *>();
            QTest::keyClicks(edit, s("long books"));
            QTest::keyClick(edit, Qt::Key_Return);
        });
    click(static_cast<QWidget *>(panel->saveButton()));
    QTRY_COMPARE(listed(panel->list()), QStringList{s("long books")});
    QFile file(QDir(panel->folder()).filePath(s("long books.sql")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), s("SELECT * FROM books WHERE pages > ${min_pages:500} LIMIT ${n:10}"));
    QVERIFY(dialogsClosed(&window));

    // A file from outside (a git pull) shows at once.
    QFile other(QDir(panel->folder()).filePath(s("count authors.sql")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("SELECT count(*) FROM authors");
    other.close();
    QTRY_COMPARE(listed(panel->list()), (QStringList{s("count authors"), s("long books")}));

    // The search box narrows by name or text.
    QVERIFY(focus(panel->searchEdit()));
    type(panel->searchEdit(), s("pages"));
    QTRY_COMPARE(listed(panel->list()), QStringList{s("long books")});

    // Enter on the query: a new console with the placeholder written out and selected.
    const int tabs = window.tabs()->count();
    QVERIFY(focus(panel->list()));
    key(panel->list(), Qt::Key_Return);
    QTRY_COMPARE(window.tabs()->count(), tabs + 1);
    auto *opened = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(opened && opened != console);
    QCOMPARE(opened->editor()->toPlainText(), s("SELECT * FROM books WHERE pages > 500 LIMIT 10"));
    QCOMPARE(opened->editor()->textCursor().selectedText(), s("500"));
    // Typing replaces the placeholder; Tab goes to the next one, which followed the edit.
    type(opened->editor(), s("1200"));
    if (QWidget *completion = QApplication::activePopupWidget())
        QTest::keyClick(completion, Qt::Key_Escape);
    key(opened->editor(), Qt::Key_Tab);
    QCOMPARE(opened->editor()->textCursor().selectedText(), s("10"));
    type(opened->editor(), s("5"));
    key(opened->editor(), Qt::Key_Backtab);
    QCOMPARE(opened->editor()->textCursor().selectedText(), s("1200"));
    key(opened->editor(), Qt::Key_Tab);
    key(opened->editor(), Qt::Key_Tab);   // past the last: the snippet ends, Tab indents again
    QCOMPARE(opened->editor()->toPlainText(), s("SELECT * FROM books WHERE pages > 1200 LIMIT 5"));
    QVERIFY(!opened->editor()->textCursor().hasSelection());
    if (const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(window.grab().save(dir + s("/saved-queries.png")));
}

STRATA_TEST_MAIN_GUI(TestSavedQueriesDock)
#include "tst_savedqueriesdock.moc"
