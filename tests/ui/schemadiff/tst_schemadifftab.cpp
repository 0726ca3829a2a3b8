// The schema diff tool driven as a person would, offscreen on real SQLite files with known
// differences: the tree shows them, a rename proposal is a choice, unticked changes stay out
// of the SQL and of the generated revision, Apply changes the target database (keeping the
// renamed table's rows), a failing apply changes nothing, and a schema.sql file works as the
// source.

#include "migrate/migrationengine.h"
#include "migrate/ops/operation.h"
#include "migrations/migrationpanel.h"
#include "schemadiff/schemadiffmodel.h"
#include "schemadiff/schemadifftab.h"
#include "support/connectionwaits.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTreeView>
#include <QtTest>

using namespace strata;
using namespace strata::ui;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

const QStringList kTarget{
    s("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
    s("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER REFERENCES authors (id))"),
    s("CREATE TABLE old_notes (id INTEGER PRIMARY KEY, body TEXT)"),
    s("INSERT INTO authors VALUES (1, 'Ann'), (2, 'Bob')"),
    s("INSERT INTO books VALUES (1, 'One', 1), (2, 'Two', 2)"),
    s("INSERT INTO old_notes VALUES (1, 'keep me'), (2, 'me too')"),
};

const QStringList kSource{
    s("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER)"),
    s("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER REFERENCES authors (id))"),
    s("CREATE INDEX ix_books_title ON books (title)"),
    s("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"),
    s("CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER, stars INTEGER)"),
};

QString makeDatabase(const QString &name, const QStringList &statements)
{
    const QString path = test::tempPath(name);
    QSqlDatabase db = test::openTestDatabase(path);
    const QString error = test::execAll(db, statements);
    test::closeTestDatabase(db);
    if (!error.isEmpty())
        qFatal("fixture: %s", qPrintable(error));
    return path;
}

ConnectionChoice choice(const QString &label, const QString &path, int id)
{
    ConnectionChoice c;
    c.label = label;
    c.spec.profile.driver = dialect::DialectKind::Sqlite;
    c.spec.profile.filePath = path;
    c.connectionId = id;
    return c;
}

QStringList owners(const SchemaDiffModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, 0).data(SchemaDiffModel::OwnerRole).toString();
    out.sort();
    return out;
}

QStringList leafTexts(const SchemaDiffModel &model, const QString &owner)
{
    QStringList out;
    const QModelIndex parent = model.indexOfOwner(owner);
    for (int r = 0; r < model.rowCount(parent); ++r)
        out << model.index(r, 0, parent).data().toString();
    return out;
}

bool compareAndWait(SchemaDiffTab &tab)
{
    QSignalSpy spy(&tab, &SchemaDiffTab::compared);
    tab.compare();
    if (!spy.wait(30000))
        return false;
    return spy.first().first().toBool();
}

QStringList tableNames(const QString &path)
{
    QSqlDatabase db = test::openTestDatabase(path);
    QStringList names = db.tables();
    test::closeTestDatabase(db);
    names.sort();
    return names;
}

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

struct Fixture {
    QString source;
    QString target;
    QList<ConnectionChoice> choices;
    explicit Fixture(const QString &tag)
        : source(makeDatabase(tag + s("-source.db"), kSource)), target(makeDatabase(tag + s("-target.db"), kTarget))
    {
        choices << choice(s("source.db"), source, 1) << choice(s("target.db"), target, 2);
    }
    void pick(SchemaDiffTab &tab) const
    {
        tab.sourcePicker()->selectConnection(0);
        tab.targetPicker()->selectConnection(1);
    }
};

} // namespace

class TestSchemaDiffTab : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void treeShowsDifferencesAndRenameIsAChoice();
    void untickedChangeStaysOutOfTheRevision();
    void applyChangesTheTargetAndKeepsRows();
    void failedApplyChangesNothing();
    void uncompilableChangeIsExplained();
    void schemaFileAsSource();
    void modelsOfARunnerAsSource();
    void failingRunnerIsReported();
    void cancelDropsTheAnswer();
    void twoPostgresSchemasCompareAndApply();
};

void TestSchemaDiffTab::treeShowsDifferencesAndRenameIsAChoice()
{
    Fixture f(s("tree"));
    SchemaDiffTab tab(f.choices);
    QAbstractItemModelTester tester(tab.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    f.pick(tab);
    QVERIFY(compareAndWait(tab));
    QCOMPARE(owners(*tab.model()), (QStringList{s("authors"), s("books"), s("notes"), s("reviews")}));
    QVERIFY2(leafTexts(*tab.model(), s("authors")).join(u'|').contains(s("+ column born")), qPrintable(leafTexts(*tab.model(), s("authors")).join(u'|')));
    QVERIFY(leafTexts(*tab.model(), s("books")).join(u'|').contains(s("ix_books_title")));
    QCOMPARE(tab.model()->checkedCount(), int(tab.model()->operations().size()));

    // old_notes -> notes has the same shape: proposed as a rename, shown as one.
    QCOMPARE(tab.renameProposals().size(), 1);
    QCOMPARE(tab.renameProposals().first().from, s("old_notes"));
    QCOMPARE(tab.renameProposals().first().to, s("notes"));
    QVERIFY(tab.model()->index(tab.model()->indexOfOwner(s("notes")).row(), 0).data().toString().contains(s("was old_notes")));
    QVERIFY2(tab.previewSql().contains(s("RENAME")), qPrintable(tab.previewSql()));
    QVERIFY(!tab.previewSql().contains(s("DROP TABLE")));

    // Side-by-side DDL of the selected table.
    tab.tree()->setCurrentIndex(tab.model()->indexOfOwner(s("books")));
    QVERIFY2(tab.currentDdlView()->toPlainText().contains(s("CREATE TABLE")), qPrintable(tab.currentDdlView()->toPlainText()));
    QVERIFY(tab.currentDdlView()->toPlainText().contains(s("books")));
    QVERIFY(tab.currentDdlView()->extraSelections().isEmpty());   // nothing only the target has
    QCOMPARE(tab.wantedDdlView()->extraSelections().size(), 1);    // the index line is new
    QVERIFY(!tab.currentDdlView()->toPlainText().contains(s("ix_books_title")));
    QVERIFY(tab.wantedDdlView()->toPlainText().contains(s("ix_books_title")));
    tab.tree()->setCurrentIndex(tab.model()->indexOfOwner(s("reviews")));
    QVERIFY(tab.currentDdlView()->toPlainText().contains(s("does not exist")));
    if (const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !shots.isEmpty()) {
        tab.tree()->setCurrentIndex(tab.model()->indexOfOwner(s("books")));
        tab.messageEdit()->setText(s("authors.born, books title index, notes"));
        tab.resize(1280, 800);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QTest::qWait(300);
        QVERIFY(tab.grab().save(shots + s("/schema-diff.png")));
    }

    // "Drop a, create b": compared again with the proposal rejected.
    auto *combo = tab.findChild<QComboBox *>(s("renameChoice0"));
    QVERIFY(combo);
    QSignalSpy again(&tab, &SchemaDiffTab::compared);
    combo->setCurrentIndex(1);
    Q_EMIT combo->activated(1);
    QVERIFY(again.wait(30000));
    QCOMPARE(owners(*tab.model()), (QStringList{s("authors"), s("books"), s("notes"), s("old_notes"), s("reviews")}));
    QVERIFY(tab.previewSql().contains(s("DROP TABLE")));
    QCOMPARE(tab.renameProposals().size(), 1);
    QVERIFY(!tab.renameProposals().first().accepted);
    QCOMPARE(tab.findChild<QComboBox *>(s("renameChoice0"))->currentIndex(), 1);

    // Applying asks first, with the dropped table called out; refusing runs nothing.
    QStringList destructive;
    tab.setConfirmer([&destructive](MigrationConfirmDialog &d) {
        destructive = d.confirmation().destructive;
        if (const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !shots.isEmpty()) {
            d.show();
            if (QTest::qWaitForWindowExposed(&d))
                (void)d.grab().save(shots + s("/schema-diff-apply-confirm.png"));
        }
        return false;
    });
    QSignalSpy applied(&tab, &SchemaDiffTab::applied);
    tab.applyToDatabase();
    QCOMPARE(destructive, QStringList{s("drop table old_notes")});
    QVERIFY(!applied.wait(300));
}

void TestSchemaDiffTab::untickedChangeStaysOutOfTheRevision()
{
    Fixture f(s("revision"));
    const QString project = test::tempPath(s("project"));
    QVERIFY(migrate::MigrationEngine::init(project).ok());
    QSettings().setValue(MigrationPanel::settingsKey(f.choices[1].spec.profile), project);

    SchemaDiffTab tab(f.choices);
    f.pick(tab);
    QVERIFY(compareAndWait(tab));
    QCOMPARE(tab.attachedProjectFolder(), project);
    QVERIFY(tab.generateButton()->isEnabled());
    QVERIFY(tab.previewSql().contains(s("reviews")));
    // Untick the new table: it leaves the preview and the revision.
    QStandardItem *reviews = tab.model()->itemFromIndex(tab.model()->indexOfOwner(s("reviews")));
    reviews->setCheckState(Qt::Unchecked);
    QVERIFY(!tab.previewSql().contains(s("reviews")));
    QCOMPARE(tab.model()->checkedCount(), int(tab.model()->operations().size()) - reviews->rowCount());

    QSignalSpy written(&tab, &SchemaDiffTab::revisionWritten);
    Result<migrate::RevisionScript> script = tab.generateRevision(s("authors born, books index"));
    QVERIFY2(script.ok(), script.ok() ? "" : qPrintable(script.error().message));
    QCOMPARE(written.size(), 1);
    QCOMPARE(written.first().at(1).toString(), project);
    QFile file(script->path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(s("authors born, books index")), qPrintable(text));
    QVERIFY2(text.contains(s("born")), qPrintable(text));
    QVERIFY2(text.contains(s("ix_books_title")), qPrintable(text));
    QVERIFY2(!text.contains(s("reviews")), qPrintable(text));
    QVERIFY(tab.statusLabel()->text().contains(script->id));
    // The project sees it as its head.
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(project + s("/strata.ini"));
    QVERIFY(config.ok());
    Result<migrate::MigrationEngine> engine = migrate::MigrationEngine::open(config.value());
    QVERIFY2(engine.ok(), engine.ok() ? "" : qPrintable(engine.error().message));
    QCOMPARE(engine->graph().heads(), QStringList{script->id});
}

void TestSchemaDiffTab::applyChangesTheTargetAndKeepsRows()
{
    Fixture f(s("apply"));
    SchemaDiffTab tab(f.choices);
    QStringList confirmedSql;
    tab.setConfirmer([&confirmedSql](MigrationConfirmDialog &d) {
        confirmedSql << d.sqlView()->toPlainText();
        return true;
    });
    f.pick(tab);
    QVERIFY(compareAndWait(tab));
    QSignalSpy applied(&tab, &SchemaDiffTab::applied);
    QSignalSpy changed(&tab, &SchemaDiffTab::databaseChanged);
    QSignalSpy compared(&tab, &SchemaDiffTab::compared);
    tab.applyToDatabase();
    QVERIFY(applied.wait(30000));
    QVERIFY2(applied.first().first().toBool(), qPrintable(tab.failureLabel()->text()));
    QCOMPARE(confirmedSql.size(), 1);
    QVERIFY(confirmedSql.first().contains(s("ix_books_title")));
    QCOMPARE(changed.first().first().toInt(), 2);
    QCOMPARE(tableNames(f.target), (QStringList{s("authors"), s("books"), s("notes"), s("reviews")}));
    QCOMPARE(queryColumn(f.target, s("SELECT body FROM notes ORDER BY id")), (QStringList{s("keep me"), s("me too")}));
    QCOMPARE(queryColumn(f.target, s("SELECT name FROM pragma_table_info('authors') ORDER BY cid")),
             (QStringList{s("id"), s("name"), s("born")}));
    QCOMPARE(queryColumn(f.target, s("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'books'")),
             QStringList{s("ix_books_title")});
    // The tab compares again after applying: nothing is left.
    QVERIFY(compared.wait(30000));
    QVERIFY(compared.last().first().toBool());
    QCOMPARE(tab.model()->rowCount(), 0);
    QVERIFY(tab.previewSql().contains(s("match")));
    QVERIFY(!tab.applyButton()->isEnabled());
}

void TestSchemaDiffTab::failedApplyChangesNothing()
{
    // A unique index on a column that holds duplicates compiles, but fails in the database.
    const QString source = makeDatabase(s("fail-source.db"), {s("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
                                                             s("CREATE UNIQUE INDEX ux_authors_name ON authors (name)"),
                                                             s("CREATE TABLE extra (id INTEGER PRIMARY KEY)")});
    const QString target = makeDatabase(s("fail-target.db"), {s("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
                                                             s("INSERT INTO authors VALUES (1, 'Ann'), (2, 'Ann')")});
    SchemaDiffTab tab({choice(s("source.db"), source, 1), choice(s("target.db"), target, 2)});
    tab.setConfirmer([](MigrationConfirmDialog &) { return true; });
    tab.sourcePicker()->selectConnection(0);
    tab.targetPicker()->selectConnection(1);
    QVERIFY(compareAndWait(tab));
    QVERIFY2(tab.applyButton()->isEnabled(), qPrintable(tab.previewSql()));
    QSignalSpy applied(&tab, &SchemaDiffTab::applied);
    tab.applyToDatabase();
    QVERIFY(applied.wait(30000));
    QVERIFY(!applied.first().first().toBool());
    QVERIFY(tab.failureLabel()->isVisibleTo(&tab));
    QVERIFY2(tab.failureLabel()->text().contains(s("UNIQUE")), qPrintable(tab.failureLabel()->text()));
    QCOMPARE(tableNames(target), QStringList{s("authors")});   // rolled back: no "extra" either
    QCOMPARE(queryColumn(target, s("SELECT count(*) FROM authors")), QStringList{s("2")});
}

void TestSchemaDiffTab::uncompilableChangeIsExplained()
{
    // SQLite cannot add a NOT NULL column without a default to a table with rows: the preview
    // says so before anything runs.
    const QString source = makeDatabase(s("nn-source.db"), {s("CREATE TABLE authors (id INTEGER PRIMARY KEY, country TEXT NOT NULL)")});
    const QString target = makeDatabase(s("nn-target.db"), {s("CREATE TABLE authors (id INTEGER PRIMARY KEY)")});
    SchemaDiffTab tab({choice(s("source.db"), source, 1), choice(s("target.db"), target, 2)});
    tab.sourcePicker()->selectConnection(0);
    tab.targetPicker()->selectConnection(1);
    QVERIFY(compareAndWait(tab));
    QVERIFY2(tab.previewSql().contains(s("needs a default")), qPrintable(tab.previewSql()));
    QVERIFY(!tab.applyButton()->isEnabled());
    QVERIFY(!tab.generateButton()->isEnabled());
}

void TestSchemaDiffTab::schemaFileAsSource()
{
    Fixture f(s("file"));
    const QString schemaFile = test::tempPath(s("schema.sql"));
    QFile out(schemaFile);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(kSource.join(s(";\n")).toUtf8() + ";\n");
    out.close();

    SchemaDiffTab tab(f.choices);
    tab.sourcePicker()->selectFile(schemaFile);
    tab.targetPicker()->selectConnection(1);
    QVERIFY(tab.sourcePicker()->isFile());
    QVERIFY(compareAndWait(tab));
    QCOMPARE(owners(*tab.model()), (QStringList{s("authors"), s("books"), s("notes"), s("reviews")}));

    // Both sides files: there is no database to read them with.
    tab.targetPicker()->selectFile(schemaFile);
    tab.compare();
    QVERIFY(tab.failureLabel()->isVisibleTo(&tab));
    QVERIFY(!tab.isBusy());
}

// books-migrate's models (its `models-sql` output) against a database whose books table
// lacks the models' price column: the diff adds the column.
void TestSchemaDiffTab::modelsOfARunnerAsSource()
{
    const QString target = makeDatabase(s("models-target.db"), {
        s("CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL UNIQUE, pages INTEGER, "
          "published DATE NOT NULL, CONSTRAINT positive_pages CHECK (pages > 0))"),
        s("INSERT INTO books (title, pages, published) VALUES ('Dune', 412, '1965-08-01')"),
    });
    SchemaDiffTab tab({choice(s("library.db"), target, 1)});
    tab.sourcePicker()->selectModels(s(BOOKS_MIGRATE_BIN));
    tab.targetPicker()->selectConnection(0);
    QVERIFY(tab.sourcePicker()->isModels() && tab.sourcePicker()->isFile());
    QCOMPARE(tab.sourcePicker()->description(), s("books-migrate models"));
    QVERIFY(compareAndWait(tab));
    QCOMPARE(owners(*tab.model()), QStringList{s("books")});
    const QStringList leaves = leafTexts(*tab.model(), s("books"));
    QVERIFY2(leaves.size() == 1 && leaves.first().contains(s("price")), qPrintable(leaves.join(u'|')));
    QVERIFY(tab.wantedDdlView()->toPlainText().contains(s("price")));
    QVERIFY(!tab.currentDdlView()->toPlainText().contains(s("price")));
    // The runner path is remembered for the next tab.
    SchemaDiffTab next({choice(s("library.db"), target, 1)});
    QCOMPARE(QSettings().value(SchemaSourcePicker::runnerSettingsKey()).toString(), s(BOOKS_MIGRATE_BIN));
    QCOMPARE(next.sourcePicker()->runnerPath(), s(BOOKS_MIGRATE_BIN));
    if (const QString shots = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !shots.isEmpty()) {
        tab.tree()->setCurrentIndex(tab.model()->indexOfOwner(s("books")));
        tab.resize(1100, 700);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QTest::qWait(300);
        QVERIFY(tab.grab().save(shots + s("/schema-diff-models.png")));
    }
}

// A runner that cannot start, or fails, is a failure shown in the tab, not a freeze.
void TestSchemaDiffTab::failingRunnerIsReported()
{
    Fixture f(s("runner"));
    SchemaDiffTab tab(f.choices);
    tab.targetPicker()->selectConnection(1);
    tab.sourcePicker()->selectModels(test::tempPath(s("no-such-runner")));
    QVERIFY(!compareAndWait(tab));
    QVERIFY(tab.failureLabel()->isVisibleTo(&tab));
    QVERIFY2(tab.failureLabel()->text().contains(s("Cannot run")), qPrintable(tab.failureLabel()->text()));
    // A runner that prints an error and exits 1: its stderr is the message.
    const QString script = test::tempPath(s("failing-runner.sh"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\necho \"no models here: $*\" >&2\nexit 1\n");
    file.close();
    QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ExeOwner));
    tab.sourcePicker()->selectModels(script);
    QVERIFY(!compareAndWait(tab));
    QVERIFY2(tab.failureLabel()->text().contains(s("no models here: models-sql --dialect sqlite")), qPrintable(tab.failureLabel()->text()));
    QVERIFY(!tab.isBusy());
}

void TestSchemaDiffTab::cancelDropsTheAnswer()
{
    Fixture f(s("cancel"));
    SchemaDiffTab tab(f.choices);
    f.pick(tab);
    QSignalSpy compared(&tab, &SchemaDiffTab::compared);
    tab.compare();
    QVERIFY(tab.isBusy());
    tab.cancel();
    QVERIFY(!tab.isBusy());
    QCOMPARE(tab.statusLabel()->text(), s("Cancelled."));
    QVERIFY(!compared.wait(1500));   // the reads finish on the workers, but nobody shows them
    QCOMPARE(tab.model()->rowCount(), 0);
    QVERIFY(compareAndWait(tab));      // and the next Compare works
    QCOMPARE(tab.model()->rowCount(), 4);
}

void TestSchemaDiffTab::twoPostgresSchemasCompareAndApply()
{
    STRATA_REQUIRE_PG(serverUrl);
    test::ScratchPgDatabase scratch(serverUrl);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    QSqlDatabase db = test::openTestDatabase(scratch.url());
    const QString error = test::execAll(db, {
        s("CREATE TABLE public.items (id integer PRIMARY KEY, name varchar(30))"),
        s("INSERT INTO public.items VALUES (1, 'one'), (2, 'two')"),
        s("CREATE SCHEMA wanted"),
        s("CREATE TABLE wanted.items (id int4 PRIMARY KEY, name character varying(30), price numeric(10,2) DEFAULT 0)"),
        s("CREATE INDEX ix_items_name ON wanted.items (name)"),
        s("CREATE TABLE wanted.tags (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, label text NOT NULL UNIQUE)"),
    });
    test::closeTestDatabase(db);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const test::PgTarget pg = test::pgTarget(scratch.url());
    ConnectionChoice c;
    c.label = s("scratch");
    c.spec.profile = pg.profile;
    c.spec.password = pg.password;
    c.connectionId = 5;
    SchemaDiffTab tab({c});
    tab.setConfirmer([](MigrationConfirmDialog &) { return true; });
    tab.sourcePicker()->selectConnection(0, s("wanted"));
    tab.targetPicker()->selectConnection(0, s("public"));
    QVERIFY(compareAndWait(tab));
    // int4 = integer and character varying(30) = varchar(30): only real differences show.
    QCOMPARE(owners(*tab.model()), (QStringList{s("items"), s("tags")}));
    const QString items = leafTexts(*tab.model(), s("items")).join(u'|');
    QVERIFY2(items.contains(s("price")) && items.contains(s("ix_items_name")) && !items.contains(s("~ column name")), qPrintable(items));
    QVERIFY2(tab.previewSql().contains(s("\"public\".\"tags\"")), qPrintable(tab.previewSql()));

    QSignalSpy applied(&tab, &SchemaDiffTab::applied);
    QSignalSpy compared(&tab, &SchemaDiffTab::compared);
    tab.applyToDatabase();
    QVERIFY(applied.wait(30000));
    QVERIFY2(applied.first().first().toBool(), qPrintable(tab.failureLabel()->text()));
    QVERIFY(compared.wait(30000));
    QCOMPARE(tab.model()->rowCount(), 0);   // the same schema now: no operations
    QCOMPARE(queryColumn(scratch.url(), s("SELECT price::text FROM public.items ORDER BY id")), (QStringList{s("0.00"), s("0.00")}));
    QCOMPARE(queryColumn(scratch.url(), s("SELECT count(*) FROM public.tags")), QStringList{s("0")});
}

STRATA_TEST_MAIN_GUI(TestSchemaDiffTab)
#include "tst_schemadifftab.moc"
