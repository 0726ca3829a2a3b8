// The main window driven as a person would: offscreen, on the demo database and on the
// throwaway PostgreSQL server; the tree loads lazily and the properties tab shows details.

#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "demo/demodatabase.h"
#include "exec/tablescript.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/modelsearch.h"
#include "support/testenvironment.h"
#include "tree/objectpropertiestab.h"
#include "tree/objecttreepanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>
#include <QtTest>

using namespace strata;
using namespace strata::ui;

namespace {

using test::findText;   // a visible row by its text anywhere in the tree view's model

QStringList childTexts(const QAbstractItemModel *model, const QModelIndex &parent)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(parent); ++row)
        texts << model->index(row, 0, parent).data().toString();
    return texts;
}

/// The visible tree as indented text, for failure messages.
QString dumpTree(const QAbstractItemModel *model, const QModelIndex &parent = {}, int depth = 0)
{
    QString text;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        text += QString(depth * 2, QLatin1Char(' ')) + index.data().toString() + QStringLiteral(" | ")
              + index.siblingAtColumn(1).data().toString() + QLatin1Char('\n');
        text += dumpTree(model, index, depth + 1);
    }
    return text;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoDatabaseShowsTablesInTree();
    void propertiesTabShowsColumnsAndDdl();
    void treeFilterHidesOtherTables();
    void scriptAsSelectOpensConsole();
    void badLocationIsReported();
    void badLocationNeverShowsItsPassword();
    void postgresTreeShowsSchemasAndTables();
};

void TestMainWindow::demoDatabaseShowsTablesInTree()
{
    QVERIFY(!QFile::exists(demo::defaultDemoPath()));
    MainWindow window;
    new QAbstractItemModelTester(window.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
    window.show();
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.openDemoDatabase();
    QVERIFY(opened.wait(20000));
    QCOMPARE(opened.first().at(1).toBool(), true);
    QVERIFY(QFile::exists(demo::defaultDemoPath()));

    const QAbstractItemModel *model = window.treePanel()->view()->model();
    QTRY_VERIFY2_WITH_TIMEOUT(findText(model, QStringLiteral("books")).isValid(),
                              qPrintable(dumpTree(model)), 10000);
    for (const char *table : {"authors", "books", "artists", "tracks", "users", "addresses"})
        QVERIFY2(findText(model, QString::fromLatin1(table)).isValid(), table);
    const QModelIndex tables = findText(model, QStringLiteral("Tables"));
    QVERIFY(tables.isValid());
    QVERIFY(window.treePanel()->view()->isExpanded(tables));
    QVERIFY(findText(model, QStringLiteral("books_with_authors")).isValid());

    // Expanding a table loads its columns, indexes and foreign keys.
    const QModelIndex books = findText(model, QStringLiteral("books"));
    window.treePanel()->view()->expand(books);
    QTRY_VERIFY_WITH_TIMEOUT(childTexts(model, books).contains(QStringLiteral("Columns")), 10000);
    const QModelIndex columns = model->index(0, 0, books);
    QVERIFY(childTexts(model, columns).contains(QStringLiteral("title")));
    QVERIFY(childTexts(model, columns).contains(QStringLiteral("price")));
    QVERIFY(findText(model, QStringLiteral("Foreign keys"), books).isValid());

    QImage shot = window.grab().toImage();
    QVERIFY(!shot.isNull());
    shot.save(test::tempPath(QStringLiteral("mainwindow.png")));
}

void TestMainWindow::propertiesTabShowsColumnsAndDdl()
{
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.openDemoDatabase();   // exists now: opened, not recreated
    QVERIFY(opened.wait(20000));
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    QTRY_VERIFY_WITH_TIMEOUT(findText(model, QStringLiteral("tracks")).isValid(), 10000);
    const QModelIndex tracks = findText(model, QStringLiteral("tracks"));
    window.treePanel()->view()->setCurrentIndex(tracks);
    // Double-click opens the data; "Properties" (context menu) the details.
    window.openObject(window.treePanel()->currentObject());
    QCOMPARE(window.tabs()->count(), 1);
    auto *tab = qobject_cast<ObjectPropertiesTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);
    QTRY_VERIFY_WITH_TIMEOUT(tab->isLoaded(), 10000);
    QStringList names;
    for (int row = 0; row < tab->columnsTable()->rowCount(); ++row)
        names << tab->columnsTable()->item(row, 1)->text();
    QVERIFY(names.contains(QStringLiteral("artist_id")));
    QVERIFY(tab->ddlView()->toPlainText().contains(QLatin1String("CREATE TABLE")));
    QVERIFY(tab->ddlView()->toPlainText().contains(QLatin1String("ON DELETE CASCADE")));
    // Asking again focuses the same tab.
    window.openObject(window.treePanel()->currentObject());
    QCOMPARE(window.tabs()->count(), 1);
}

void TestMainWindow::treeFilterHidesOtherTables()
{
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.openDemoDatabase();
    QVERIFY(opened.wait(20000));
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    QTRY_VERIFY_WITH_TIMEOUT(findText(model, QStringLiteral("users")).isValid(), 10000);
    window.treePanel()->filterEdit()->setText(QStringLiteral("TRACK"));
    QVERIFY(findText(model, QStringLiteral("tracks")).isValid());
    QVERIFY(!findText(model, QStringLiteral("users")).isValid());
    window.treePanel()->filterEdit()->clear();
    QVERIFY(findText(model, QStringLiteral("users")).isValid());
}

void TestMainWindow::scriptAsSelectOpensConsole()
{
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.openDemoDatabase();
    QVERIFY(opened.wait(20000));
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    QTRY_VERIFY_WITH_TIMEOUT(findText(model, QStringLiteral("authors")).isValid(), 10000);
    window.treePanel()->view()->setCurrentIndex(findText(model, QStringLiteral("authors")));
    Q_EMIT window.treePanel()->scriptRequested(window.treePanel()->currentObject(), int(exec::ScriptKind::Select));
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<ConsoleTab *>(window.tabs()->currentWidget()) != nullptr, 10000);
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    const QString text = console->editor()->toPlainText();
    QVERIFY2(text.startsWith(QLatin1String("SELECT id, ")) && text.contains(QLatin1String("\nFROM authors\n")), qPrintable(text));
}

void TestMainWindow::badLocationIsReported()
{
    MainWindow window;
    QTimer::singleShot(0, this, [] {
        // The error box is modal: close it as a person would.
        QTRY_VERIFY_WITH_TIMEOUT(QApplication::activeModalWidget() != nullptr, 5000);
        QApplication::activeModalWidget()->close();
    });
    QVERIFY(!window.openLocation(QStringLiteral("mysql://root@localhost/db")));
    QCOMPARE(window.treeModel()->rowCount(), 0);
}

// `strata 'postgresql://u:pa/ss?...@h/db'`: the error box and the status bar never show the
// password, though the location does not parse.
void TestMainWindow::badLocationNeverShowsItsPassword()
{
    const QString password = QStringLiteral("Zq7:/?#[]@!$&'()*+,;=% \u00fc\u20acKx9");
    MainWindow window;
    QString shown;
    QTimer::singleShot(0, this, [&shown] {
        QTRY_VERIFY_WITH_TIMEOUT(QApplication::activeModalWidget() != nullptr, 5000);
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            shown = box->windowTitle() + QLatin1Char('\n') + box->text() + QLatin1Char('\n') + box->informativeText();
        QApplication::activeModalWidget()->close();
    });
    QVERIFY(!window.openLocation(QStringLiteral("postgresql://u:%1@h/db").arg(password)));
    QVERIFY(!shown.isEmpty());
    for (QLabel *label : window.findChildren<QLabel *>())
        shown += QLatin1Char('\n') + label->text();
    for (const QString &piece : {password, QStringLiteral("Zq7"), QStringLiteral("Kx9")})
        QVERIFY2(!shown.contains(piece), qPrintable(shown));
}

void TestMainWindow::postgresTreeShowsSchemasAndTables()
{
    STRATA_REQUIRE_PG(url);
    test::ScratchPgDatabase scratch(url);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    {
        QSqlDatabase db = test::openTestDatabase(scratch.url());
        QCOMPARE(test::execAll(db, {QStringLiteral("CREATE TABLE books (id serial PRIMARY KEY, title text NOT NULL)"),
                                    QStringLiteral("CREATE SCHEMA archive"),
                                    QStringLiteral("CREATE TABLE archive.books (id int)"),
                                    QStringLiteral("CREATE VIEW long_books AS SELECT * FROM books")}),
                 QString());
        test::closeTestDatabase(db);
    }
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    QVERIFY(window.openLocation(scratch.url()));
    QVERIFY(opened.wait(20000));
    QCOMPARE(opened.first().at(1).toBool(), true);
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    QTRY_VERIFY_WITH_TIMEOUT(findText(model, QStringLiteral("long_books")).isValid(), 10000);
    const QModelIndex connectionNode = model->index(0, 0);
    const QStringList schemas = childTexts(model, connectionNode);
    QVERIFY(schemas.contains(QStringLiteral("public")));
    QVERIFY(schemas.contains(QStringLiteral("archive")));
    QVERIFY(!schemas.contains(QStringLiteral("pg_catalog")));
    QVERIFY(!schemas.contains(QStringLiteral("information_schema")));
}

STRATA_TEST_MAIN_GUI(TestMainWindow)
#include "tst_mainwindow.moc"
