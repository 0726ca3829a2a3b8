// Journey (issue 19, item 2): a person right-clicks a table in the tree and drops, renames,
// empties or duplicates it, or creates an index, and on PostgreSQL creates, renames and drops
// a schema. Each action shows the SQL it will run and what it destroys before anything
// happens; Cancel leaves the database as it was; after the action only the touched schema's
// node reads its catalog again. On a read-only connection the entries are there, disabled,
// saying why. On SQLite and on the throwaway PostgreSQL server.

#include "journey.h"

#include "tree/createindexdialog.h"

#include <QCheckBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>

using namespace strata;
using namespace strata::ui;
using namespace strata::test::journey;

namespace {

struct Confirmation {
    QString text;
    QString preview;
    QStringList buttons;
};

/// When the confirmation opens: remembers it and clicks `button` ("Cancel" or the verb).
void answerConfirmation(QObject *context, Confirmation *seen, const QString &button)
{
    whenModal(context, [](QWidget *w) { return w->objectName() == s("objectActionConfirmation"); }, [seen, button](QWidget *w) {
        auto *box = static_cast<QMessageBox *>(w);
        seen->text = box->text();
        seen->preview = box->informativeText();
        for (QAbstractButton *b : box->buttons())
            seen->buttons << plain(b->text());
        screenshot(s("comfort-drop-confirmation"));
        for (QAbstractButton *b : box->buttons())
            if (plain(b->text()) == button)
                click(b);
    });
}

/// When the name prompt opens: types `name` and presses Enter.
void answerName(QObject *context, const QString &name)
{
    whenModal(context, [](QWidget *w) { return qobject_cast<QInputDialog *>(w) != nullptr; }, [name](QWidget *w) {
        auto *edit = w->findChild<QLineEdit *>();
        edit->selectAll();
        QTest::keyClicks(edit, name);
        QTest::keyClick(edit, Qt::Key_Return);
    });
}

QString location(bool pg, const QString &url) { return pg ? url : QString(); }

} // namespace

class TestJourneyObjectActions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dropAsksThenDropsOnlyThatTable_data();
    void dropAsksThenDropsOnlyThatTable();
    void renameEmptyAndDuplicate_data();
    void renameEmptyAndDuplicate();
    void createIndexFromTheTree();
    void postgresSchemas();
    void readOnlyConnectionSaysWhy();
};

void TestJourneyObjectActions::dropAsksThenDropsOnlyThatTable_data()
{
    QTest::addColumn<bool>("pg");
    QTest::newRow("sqlite") << false;
    QTest::newRow("pg") << true;
}

void TestJourneyObjectActions::dropAsksThenDropsOnlyThatTable()
{
    QFETCH(bool, pg);
    QString server;
    if (pg) {
        STRATA_REQUIRE_PG(url);
        server = url;
    }
    auto db = makeBooks(location(pg, server), s("drop"));
    QVERIFY(db);
    QVERIFY(execOn(db->location, {s("CREATE TABLE authors (id integer PRIMARY KEY, name text)")}).isEmpty());
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    QTreeView *tree = window.treePanel()->view();
    // Cancel first: nothing happens.
    Confirmation seen;
    answerConfirmation(&window, &seen, s("Cancel"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("books")), s("Drop table…")));
    QVERIFY(dialogsClosed(&window));
    const QString expected = pg ? s("DROP TABLE \"public\".\"books\";") : s("DROP TABLE \"main\".\"books\";");
    QVERIFY2(seen.preview.contains(expected.toHtmlEscaped()), qPrintable(seen.preview));
    QVERIFY2(seen.preview.contains(s("all its rows")), qPrintable(seen.preview));
    QVERIFY(seen.buttons.contains(s("Drop table")));
    QCOMPARE(scalar(db->location, s("SELECT count(*) FROM books")).toInt(), 3);
    // Now for real.
    Confirmation again;
    answerConfirmation(&window, &again, s("Drop table"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("books")), s("Drop table…")));
    QVERIFY(dialogsClosed(&window));
    const QString exists = pg ? s("SELECT count(*) FROM pg_class WHERE relname = 'books'")
                              : s("SELECT count(*) FROM sqlite_master WHERE name = 'books'");
    QTRY_COMPARE_WITH_TIMEOUT(scalar(db->location, exists).toInt(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!test::findText(tree->model(), s("books")).isValid(), 10000);
    QVERIFY(waitForNode(window, s("authors")).isValid());
}

void TestJourneyObjectActions::renameEmptyAndDuplicate_data()
{
    dropAsksThenDropsOnlyThatTable_data();
}

void TestJourneyObjectActions::renameEmptyAndDuplicate()
{
    QFETCH(bool, pg);
    QString server;
    if (pg) {
        STRATA_REQUIRE_PG(url);
        server = url;
    }
    auto db = makeBooks(location(pg, server), s("rename"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    QTreeView *tree = window.treePanel()->view();
    // Duplicate with data: name prompt, then the preview, then the copy in the tree.
    answerName(&window, s("books_copy"));
    Confirmation dup;
    answerConfirmation(&window, &dup, s("Duplicate"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("books")), s("Duplicate table with data…")));
    QVERIFY(dialogsClosed(&window));
    QVERIFY2(dup.preview.contains(s("books_copy")), qPrintable(dup.preview));
    QVERIFY(waitForNode(window, s("books_copy")).isValid());
    QCOMPARE(scalar(db->location, s("SELECT count(*) FROM books_copy")).toInt(), 3);
    // Empty the copy.
    Confirmation empty;
    answerConfirmation(&window, &empty, s("Delete all rows"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("books_copy")), s("Empty table…")));
    QVERIFY(dialogsClosed(&window));
    QVERIFY2(empty.preview.contains(pg ? s("TRUNCATE TABLE") : s("DELETE FROM")), qPrintable(empty.preview));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(db->location, s("SELECT count(*) FROM books_copy")).toInt(), 0, 10000);
    // Rename it.
    answerName(&window, s("novels"));
    Confirmation rename;
    answerConfirmation(&window, &rename, s("Rename"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("books_copy")), s("Rename table…")));
    QVERIFY(dialogsClosed(&window));
    QVERIFY2(rename.preview.contains(s("RENAME TO")), qPrintable(rename.preview));
    QVERIFY(waitForNode(window, s("novels")).isValid());
    QTRY_VERIFY_WITH_TIMEOUT(!test::findText(tree->model(), s("books_copy")).isValid(), 10000);
    QCOMPARE(scalar(db->location, s("SELECT count(*) FROM books")).toInt(), 3);   // the original is untouched
}

void TestJourneyObjectActions::createIndexFromTheTree()
{
    auto db = makeBooks({}, s("index"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, db->location));
    QString preview;
    whenModal(&window, [](QWidget *w) { return qobject_cast<CreateIndexDialog *>(w) != nullptr; }, [&preview](QWidget *w) {
        auto *dialog = static_cast<CreateIndexDialog *>(w);
        QListWidget *columns = dialog->columnList();
        for (int i = 0; i < columns->count(); ++i)
            if (columns->item(i)->text() == s("title"))
                columns->item(i)->setCheckState(Qt::Checked);   // as a click on its box does
        click(dialog->uniqueBox());
        preview = dialog->preview()->toPlainText();
        QTest::keyClick(dialog, Qt::Key_Return);
    });
    Confirmation seen;
    answerConfirmation(&window, &seen, s("Create index"));
    QVERIFY(contextMenu(window.treePanel()->view(), waitForNode(window, s("books")), s("Create index…")));
    QTRY_VERIFY_WITH_TIMEOUT(!seen.text.isEmpty(), 10000);
    QVERIFY(dialogsClosed(&window));
    QCOMPARE(preview, s("CREATE UNIQUE INDEX \"main\".\"books_title\" ON \"books\" (\"title\");\n"));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(db->location, s("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'books_title'")).toInt(), 1, 10000);
}

void TestJourneyObjectActions::postgresSchemas()
{
    STRATA_REQUIRE_PG(url);
    auto db = makeBooks(url, s("schemas"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const int id = openDatabase(window, db->location);
    QVERIFY(id);
    QTreeView *tree = window.treePanel()->view();
    const QModelIndex connection = connectionNode(window, id);
    answerName(&window, s("archive"));
    Confirmation create;
    answerConfirmation(&window, &create, s("Create schema"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("public"), connection), s("New schema…")));
    QVERIFY(dialogsClosed(&window));
    QVERIFY(create.preview.contains(s("CREATE SCHEMA")));
    QVERIFY(waitForNode(window, s("archive"), connectionNode(window, id)).isValid());
    answerName(&window, s("old"));
    Confirmation rename;
    answerConfirmation(&window, &rename, s("Rename"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("archive"), connectionNode(window, id)), s("Rename schema…")));
    QVERIFY(dialogsClosed(&window));
    QVERIFY(waitForNode(window, s("old"), connectionNode(window, id)).isValid());
    Confirmation drop;
    answerConfirmation(&window, &drop, s("Drop schema"));
    QVERIFY(contextMenu(tree, waitForNode(window, s("old"), connectionNode(window, id)), s("Drop schema and everything in it…")));
    QVERIFY(dialogsClosed(&window));
    QVERIFY2(drop.preview.contains(s("DROP SCHEMA &quot;old&quot; CASCADE")), qPrintable(drop.preview));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(db->location, s("SELECT count(*) FROM pg_namespace WHERE nspname IN ('archive', 'old')")).toInt(), 0, 10000);
}

void TestJourneyObjectActions::readOnlyConnectionSaysWhy()
{
    auto db = makeBooks({}, s("readonly"));
    QVERIFY(db);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(openDatabase(window, s("file:") + db->location + s("?mode=ro")));
    QTreeView *tree = window.treePanel()->view();
    const QModelIndex books = waitForNode(window, s("books"));
    QVERIFY(books.isValid());
    // The entry is shown, disabled, with the reason: choosing it does nothing.
    QVERIFY(!contextMenu(tree, books, s("Drop table…")));
    QVERIFY(!contextMenu(tree, books, s("Drop table… (read-only connection)")));   // disabled entries cannot be chosen
    QStringList texts;
    QTimer::singleShot(200, &window, [&texts] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            for (QAction *a : menu->actions())
                if (!a->isEnabled())
                    texts << plain(a->text());
            menu->close();
        }
    });
    tree->scrollTo(books);
    const QPoint at = tree->visualRect(books).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, tree->viewport()->mapToGlobal(at));
    QApplication::sendEvent(tree->viewport(), &event);
    QVERIFY2(texts.contains(s("Drop table… (read-only connection)")), qPrintable(texts.join(s(" | "))));
    QCOMPARE(scalar(db->location, s("SELECT count(*) FROM books")).toInt(), 3);
}

STRATA_TEST_MAIN_GUI(TestJourneyObjectActions)
#include "tst_journeyobjectactions.moc"
