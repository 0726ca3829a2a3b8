// The table designer driven as a person would, offscreen on the demo database: the form
// shows a table as the catalog has it, a new column and index become a revision in the
// attached project (and the open migration panel shows it), a new table with a foreign key
// and a check is applied directly, and the form refuses what cannot be saved.

#include "demo/demodatabase.h"
#include "designer/tabledesignertab.h"
#include "mainwindow/mainwindow.h"
#include "migrate/migrationengine.h"
#include "migrations/migrationpanel.h"
#include "migrations/revisiongraphwidget.h"
#include "schemadiff/schemadifftab.h"
#include "support/connectionwaits.h"
#include "support/scratchdatabase.h"
#include "support/modelsearch.h"
#include "support/testenvironment.h"
#include "tree/objecttreepanel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

using namespace strata;
using namespace strata::ui;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

connection::ConnectionSpec demoSpec(const QString &name)
{
    const QString path = test::tempPath(name);
    if (!demo::installDemoDatabase(path).ok())
        qFatal("cannot create the demo database");
    connection::ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    return spec;
}

QString attachNewProject(const connection::ConnectionSpec &spec, const QString &name)
{
    const QString project = test::tempPath(name);
    if (!migrate::MigrationEngine::init(project).ok())
        qFatal("cannot create the project");
    QSettings().setValue(MigrationPanel::settingsKey(spec.profile), project);
    return project;
}

bool waitLoaded(TableDesignerTab &tab)
{
    QSignalSpy spy(&tab, &TableDesignerTab::loaded);
    return spy.wait(20000) && spy.first().first().toBool();
}

/// Lets the queued preview update run.
void settle()
{
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

using test::findText;

QStringList queryColumn(const QString &path, const QString &sql)
{
    QSqlDatabase db = test::openTestDatabase(path);
    QStringList out;
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            out << s("<error>");
        while (q.next())
            out << q.value(0).toString();
    }
    test::closeTestDatabase(db);
    return out;
}

} // namespace

class TestTableDesignerTab : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formShowsTheTableAsRead();
    void addColumnAndIndexSavesARevision();
    void newTableAppliedDirectly();
    void validationExplainsWhatIsWrong();
    void mainWindowOpensTheToolsAndReloadsTheMigrationPanel();
    void postgresTableRoundTrip();
};

void TestTableDesignerTab::formShowsTheTableAsRead()
{
    const auto spec = demoSpec(s("read.db"));
    TableDesignerTab tab(spec, 1, s("main"), s("books"));
    QAbstractItemModelTester columns(tab.columnsTable()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester keys(tab.foreignKeysTable()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(waitLoaded(tab));
    QCOMPARE(tab.title(), s("Design: books"));
    QCOMPARE(tab.nameEdit()->text(), s("books"));
    QCOMPARE(tab.columnsTable()->rowCount(), 7);
    QCOMPARE(tab.columnsTable()->item(0, TableDesignerTab::ColName)->text(), s("id"));
    QCOMPARE(tab.columnsTable()->item(0, TableDesignerTab::ColPrimaryKey)->checkState(), Qt::Checked);
    QCOMPARE(tab.columnsTable()->item(1, TableDesignerTab::ColNotNull)->checkState(), Qt::Checked);   // title
    QCOMPARE(tab.foreignKeysTable()->rowCount(), 1);
    QCOMPARE(tab.foreignKeysTable()->item(0, TableDesignerTab::FkTable)->text(), s("authors"));
    QCOMPARE(tab.foreignKeysTable()->item(0, TableDesignerTab::FkOnDelete)->text(), s("RESTRICT"));
    bool hasAuthorIndex = false;
    for (int r = 0; r < tab.indexesTable()->rowCount(); ++r)
        hasAuthorIndex |= tab.indexesTable()->item(r, TableDesignerTab::IdxName)->text() == s("books_author_id_idx");
    QVERIFY(hasAuthorIndex);
    // Read and unchanged: nothing to save.
    settle();
    QVERIFY2(tab.previewSql().contains(s("No changes")), qPrintable(tab.previewSql()));
    QVERIFY(!tab.saveButton()->isEnabled());
    QVERIFY(tab.commonTypes().contains(s("INTEGER")));
    QVERIFY(tab.commonTypes().contains(s("TEXT")));
}

void TestTableDesignerTab::addColumnAndIndexSavesARevision()
{
    const auto spec = demoSpec(s("save.db"));
    const QString project = attachNewProject(spec, s("save-project"));
    TableDesignerTab tab(spec, 1, s("main"), s("books"));
    QVERIFY(waitLoaded(tab));
    QCOMPARE(tab.attachedProjectFolder(), project);
    tab.addColumn(s("edition"), s("INTEGER"), false, s("1"));
    tab.addIndex(s("ix_books_published"), {s("published")});
    settle();
    const QString preview = tab.previewSql();
    QVERIFY2(preview.contains(s("edition")) && preview.contains(s("ADD COLUMN")), qPrintable(preview));
    QVERIFY2(preview.contains(s("CREATE INDEX")) && preview.contains(s("ix_books_published")), qPrintable(preview));
    QVERIFY(tab.saveButton()->isEnabled());

    QSignalSpy written(&tab, &TableDesignerTab::revisionWritten);
    Result<migrate::RevisionScript> script = tab.saveRevision(s("books edition and index"));
    QVERIFY2(script.ok(), script.ok() ? "" : qPrintable(script.error().message));
    QCOMPARE(written.size(), 1);
    QFile file(script->path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(s("books edition and index")), qPrintable(text));
    QVERIFY2(text.contains(s("edition")) && text.contains(s("ix_books_published")), qPrintable(text));
    QVERIFY2(text.contains(s("DROP INDEX")), qPrintable(text));   // the downgrade
    // The saved design is the new starting point; the database itself is untouched.
    settle();
    QVERIFY2(tab.previewSql().contains(s("No changes")), qPrintable(tab.previewSql()));
    QVERIFY(!queryColumn(spec.profile.filePath, s("SELECT name FROM pragma_table_info('books')")).contains(s("edition")));

    // A second change writes a second revision on top of the first.
    tab.columnsTable()->item(tab.columnsTable()->rowCount() - 1, TableDesignerTab::ColName)->setText(s("book_edition"));
    settle();
    QVERIFY2(tab.previewSql().contains(s("RENAME")), qPrintable(tab.previewSql()));
    Result<migrate::RevisionScript> second = tab.saveRevision(s("rename edition"));
    QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
    QCOMPARE(second->downRevisions, QStringList{script->id});
}

void TestTableDesignerTab::newTableAppliedDirectly()
{
    const auto spec = demoSpec(s("new.db"));
    TableDesignerTab tab(spec, 7, s("main"), QString());
    QVERIFY(waitLoaded(tab));
    QCOMPARE(tab.title(), s("New table"));
    QCOMPARE(tab.columnsTable()->rowCount(), 1);   // an id key to start from
    tab.nameEdit()->setText(s("loans"));
    tab.addColumn(s("book_id"), s("INTEGER"), true);
    tab.addColumn(s("days"), s("INTEGER"), true, s("14"));
    tab.addForeignKey(QString(), {s("book_id")}, s("books"), {s("id")}, s("CASCADE"));
    tab.addConstraint(s("ck_loans_days"), true, s("days > 0"));
    settle();
    QVERIFY2(tab.problemsLabel()->isHidden(), qPrintable(tab.problemsLabel()->text()));
    QVERIFY2(tab.previewSql().contains(s("CREATE TABLE")), qPrintable(tab.previewSql()));

    QString confirmed;
    tab.setConfirmer([&confirmed](MigrationConfirmDialog &d) {
        confirmed = d.sqlView()->toPlainText();
        return true;
    });
    QSignalSpy applied(&tab, &TableDesignerTab::applied);
    QSignalSpy changed(&tab, &TableDesignerTab::databaseChanged);
    QSignalSpy reloaded(&tab, &TableDesignerTab::loaded);
    tab.applyDirectly();
    QVERIFY(applied.wait(20000));
    QVERIFY2(applied.first().first().toBool(), qPrintable(tab.statusLabel()->text()));
    QVERIFY(confirmed.contains(s("loans")));
    QCOMPARE(changed.first().first().toInt(), 7);
    const QString path = spec.profile.filePath;
    QCOMPARE(queryColumn(path, s("SELECT name FROM pragma_table_info('loans') ORDER BY cid")),
             (QStringList{s("id"), s("book_id"), s("days")}));
    QCOMPARE(queryColumn(path, s("SELECT \"table\" || ':' || on_delete FROM pragma_foreign_key_list('loans')")),
             QStringList{s("books:CASCADE")});
    QVERIFY(queryColumn(path, s("SELECT sql FROM sqlite_master WHERE name = 'loans'")).join(QString()).contains(s("days > 0")));
    // It reads the new table back and now designs it.
    QVERIFY(reloaded.wait(20000));
    QCOMPARE(tab.title(), s("Design: loans"));
    settle();
    QVERIFY2(tab.previewSql().contains(s("No changes")), qPrintable(tab.previewSql()));
}

void TestTableDesignerTab::validationExplainsWhatIsWrong()
{
    const auto spec = demoSpec(s("valid.db"));
    TableDesignerTab tab(spec, 1, s("main"), QString());
    QVERIFY(waitLoaded(tab));
    settle();
    QVERIFY(tab.validate().join(u' ').contains(s("needs a name")));
    QVERIFY(!tab.saveButton()->isEnabled());
    QVERIFY(tab.problemsLabel()->isVisibleTo(&tab));

    tab.nameEdit()->setText(s("books"));
    QVERIFY(tab.validate().join(u' ').contains(s("already exists")));
    tab.nameEdit()->setText(s("shelves"));
    tab.addColumn(s("ID"), s("TEXT"));
    QVERIFY(tab.validate().join(u' ').contains(s("Two columns are named")));
    tab.columnsTable()->item(1, TableDesignerTab::ColName)->setText(s("label"));
    tab.columnsTable()->item(1, TableDesignerTab::ColType)->setText(QString());
    QVERIFY(tab.validate().join(u' ').contains(s("has no type")));
    tab.columnsTable()->item(1, TableDesignerTab::ColType)->setText(s("TEXT"));
    tab.addIndex(s("ix_shelves"), {s("nosuch")});
    QVERIFY(tab.validate().join(u' ').contains(s("does not have: nosuch")));
    tab.indexesTable()->item(0, TableDesignerTab::IdxColumns)->setText(s("label"));
    tab.addForeignKey(QString(), {s("label")}, s("nosuch_table"), {});
    QVERIFY(tab.validate().join(u' ').contains(s("not a table")));
    tab.foreignKeysTable()->removeRow(0);
    QVERIFY2(tab.validate().isEmpty(), qPrintable(tab.validate().join(u'\n')));
    settle();
    QVERIFY(tab.saveButton()->isEnabled());
    QVERIFY(tab.problemsLabel()->isHidden());
    // No project attached: saving as a revision explains why it cannot.
    Result<migrate::RevisionScript> script = tab.saveRevision(s("shelves"));
    QVERIFY(!script.ok());
    QVERIFY(script.error().message.contains(s("No migrations project")));
}

void TestTableDesignerTab::mainWindowOpensTheToolsAndReloadsTheMigrationPanel()
{
    const auto spec = demoSpec(s("window.db"));
    MainWindow window;
    window.resize(1280, 800);
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.openConnection(spec);
    QVERIFY(opened.wait(20000));
    const int id = window.treeModel()->connectionIds().last();
    const QString project = attachNewProject(window.treeModel()->connectionSpec(id), s("window-project"));

    // The Tools menu has the schema diff.
    QMenu *tools = window.menuBar()->findChild<QMenu *>(s("toolsMenu"));
    QVERIFY(tools);
    QAction *diffAction = nullptr;
    for (QAction *a : tools->actions())
        if (a->text().contains(s("Schema")))
            diffAction = a;
    QVERIFY(diffAction);
    const int before = window.tabs()->count();
    diffAction->trigger();
    QCOMPARE(window.tabs()->count(), before + 1);
    QVERIFY(qobject_cast<SchemaDiffTab *>(window.tabs()->currentWidget()));

    // The tree's context menu offers the designer on a table and on the connection.
    QMenu menu;
    Q_EMIT window.treePanel()->contextMenuAboutToShow(&menu, window.treeModel()->connectionIndex(id));
    QStringList texts;
    for (QAction *a : menu.actions())
        texts << a->text();
    QVERIFY2(texts.join(u'|').contains(s("New table")), qPrintable(texts.join(u'|')));
    QVERIFY(texts.join(u'|').contains(s("Schema &diff")));

    // ... and "Design table…" on a table's node opens the designer on it.
    window.treePanel()->expandConnection(id);
    QModelIndex tracks;
    QVERIFY(QTest::qWaitFor([&] { return (tracks = findText(window.treeModel(), s("tracks"))).isValid(); }, 20000));
    QMenu tableMenu;
    Q_EMIT window.treePanel()->contextMenuAboutToShow(&tableMenu, tracks);
    QAction *design = nullptr;
    for (QAction *a : tableMenu.actions())
        if (a->text().contains(s("esign table")))
            design = a;
    QVERIFY(design);
    design->trigger();
    auto *tracksDesigner = qobject_cast<TableDesignerTab *>(window.tabs()->currentWidget());
    QVERIFY(tracksDesigner);
    QVERIFY(waitLoaded(*tracksDesigner));
    QCOMPARE(tracksDesigner->nameEdit()->text(), s("tracks"));

    window.openMigrations(id);
    auto *panel = qobject_cast<MigrationPanel *>(window.tabs()->currentWidget());
    QVERIFY(panel);
    QTRY_VERIFY_WITH_TIMEOUT(panel->isReady(), 20000);
    QCOMPARE(panel->projectFolder(), project);
    QCOMPARE(panel->graphView()->revisionIds().size(), 0);

    ObjectRef books;
    books.kind = NodeKind::Relation;
    books.connectionId = id;
    books.schema = s("main");
    books.name = s("books");
    TableDesignerTab *designer = window.openTableDesigner(books, false);
    QVERIFY(designer);
    QVERIFY(waitLoaded(*designer));
    QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), s("Design: books"));
    designer->addColumn(s("edition"), s("INTEGER"));
    settle();
    Result<migrate::RevisionScript> script = designer->saveRevision(s("add edition"));
    QVERIFY2(script.ok(), script.ok() ? "" : qPrintable(script.error().message));
    QCOMPARE(panel->graphView()->revisionIds(), QStringList{script->id});
    const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        designer->addColumn(s("language"), s("TEXT"), true, s("'en'"));
        designer->addIndex(s("ix_books_published"), {s("published")});
        designer->messageEdit()->setText(s("books: language, index on published"));
        settle();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(300);
        QVERIFY(window.grab().save(shots + s("/table-designer.png")));
    }
}

void TestTableDesignerTab::postgresTableRoundTrip()
{
    STRATA_REQUIRE_PG(serverUrl);
    test::ScratchPgDatabase scratch(serverUrl);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    const test::PgTarget pg = test::pgTarget(scratch.url());
    connection::ConnectionSpec spec;
    spec.profile = pg.profile;
    spec.password = pg.password;

    // A new table with an identity key, applied directly.
    TableDesignerTab tab(spec, 3, s("public"), QString());
    tab.setConfirmer([](MigrationConfirmDialog &) { return true; });
    QVERIFY(waitLoaded(tab));
    QVERIFY(tab.commonTypes().contains(s("jsonb")));
    tab.nameEdit()->setText(s("gadgets"));
    tab.addColumn(s("name"), s("varchar(50)"), true);
    tab.addColumn(s("price"), s("numeric(12,2)"), false, s("0"));
    tab.addConstraint(s("gadgets_name_key"), false, s("name"));
    settle();
    QVERIFY2(tab.previewSql().contains(s("IDENTITY")), qPrintable(tab.previewSql()));
    QSignalSpy applied(&tab, &TableDesignerTab::applied);
    QSignalSpy reloaded(&tab, &TableDesignerTab::loaded);
    tab.applyDirectly();
    QVERIFY(applied.wait(20000));
    QVERIFY2(applied.first().first().toBool(), qPrintable(tab.statusLabel()->text()));
    QVERIFY(reloaded.wait(20000));
    // Read back from the catalog, the form is what was designed: no changes.
    settle();
    QVERIFY2(tab.previewSql().contains(s("No changes")), qPrintable(tab.previewSql()));
    QCOMPARE(tab.columnsTable()->item(0, TableDesignerTab::ColIdentity)->checkState(), Qt::Checked);
    QCOMPARE(tab.constraintsTable()->rowCount(), 1);

    // Then a type change and an index, saved as a revision.
    const QString project = attachNewProject(spec, s("pg-project"));
    tab.columnsTable()->item(2, TableDesignerTab::ColType)->setText(s("numeric(14,2)"));
    tab.addIndex(s("ix_gadgets_price"), {s("price")});
    settle();
    QVERIFY2(tab.previewSql().contains(s("TYPE numeric(14,2)")), qPrintable(tab.previewSql()));
    Result<migrate::RevisionScript> script = tab.saveRevision(s("wider prices"));
    QVERIFY2(script.ok(), script.ok() ? "" : qPrintable(script.error().message));
    QFile file(script->path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(s("numeric(14,2)")) && text.contains(s("numeric(12,2)")), qPrintable(text));   // up and down
    QVERIFY2(text.contains(s("REVIEW")), qPrintable(text));   // a type change may fail on existing rows
}

STRATA_TEST_MAIN_GUI(TestTableDesignerTab)
#include "tst_tabledesignertab.moc"
