// What runs is what is on disk, and nothing changed after a confirmation runs: the engine's
// runner reads the revision files when the command starts; RunnerOptions::confirmed stops a
// run whose files differ from the ones shown (changed, added, removed) before anything
// executes; runSection runs one section and records nothing. Both dialects.

#include "../support/bookproject.h"

#include "migrate/migrationengine.h"
#include "migrate/script/revisionchecksum.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace strata;
using namespace strata::migrate;
using namespace strata::test::books;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<strata::test::ScratchPgDatabase> pg;
    QString url;
    QSqlDatabase db;
    QList<RunEvent> events;

    ~Fixture() { strata::test::closeTestDatabase(db); }

    bool open(const QString &dialect)
    {
        writeProject(dir.path());
        if (dialect == s("postgresql")) {
            pg = std::make_unique<strata::test::ScratchPgDatabase>(strata::test::postgresUrl());
            url = pg->url();
        } else {
            url = dir.filePath(s("books.db"));
        }
        db = strata::test::openTestDatabase(url);
        return db.isOpen();
    }
    MigrationEngine engine() const
    {
        Result<ProjectConfig> config = ProjectConfig::load(dir.filePath(s("strata.ini")));
        Result<MigrationEngine> e = config ? MigrationEngine::open(*config) : Result<MigrationEngine>(config.error());
        if (!e)
            qFatal("%s", qPrintable(e.error().message));
        return *e;
    }
    RunnerOptions options(std::optional<ConfirmedRevisions> confirmed = {})
    {
        RunnerOptions o;
        o.lockTimeoutSeconds = 20;
        o.onEvent = [this](const RunEvent &e) { events.append(e); };
        o.confirmed = std::move(confirmed);
        return o;
    }
    QString path(const QString &name) const { return dir.filePath(s("versions/") + name); }
    QString read(const QString &name) const
    {
        QFile f(path(name));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    QStringList tables() const { return db.tables(); }
    QStringList versionRows() { return tables().contains(s("strata_version")) ? test::books::versionRows(db) : QStringList(); }
    int historyRows()
    {
        if (!tables().contains(s("strata_version_history")))
            return 0;
        QSqlQuery q(db);
        return q.exec(s("SELECT count(*) FROM strata_version_history")) && q.next() ? q.value(0).toInt() : -1;
    }
};

} // namespace

class TestRunnerConfirmation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void changedFileIsRefused_data() { dialects(); }
    void changedFileIsRefused();
    void addedOrRemovedRevisionIsRefused_data() { dialects(); }
    void addedOrRemovedRevisionIsRefused();
    void unchangedFilesRunAsConfirmed_data() { dialects(); }
    void unchangedFilesRunAsConfirmed();
    void runSectionRecordsNothing_data() { dialects(); }
    void runSectionRecordsNothing();

private:
    void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }
};

#define OPEN_FIXTURE(f)                                           \
    QFETCH(QString, dialect);                                     \
    if (dialect == s("postgresql")) {                             \
        STRATA_REQUIRE_PG(pgUrl);                                 \
        Q_UNUSED(pgUrl);                                          \
    }                                                             \
    Fixture f;                                                    \
    QVERIFY(f.open(dialect))

void TestRunnerConfirmation::changedFileIsRefused()
{
    OPEN_FIXTURE(f);
    const MigrationEngine e = f.engine();
    Result<MigrationPlan> plan = e.plan(Direction::Upgrade, {}, s("ae10"));
    QVERIFY(plan.ok());
    const ConfirmedRevisions shown = ConfirmedRevisions::of(*plan, e.store());
    QCOMPARE(shown.fingerprints.keys(), (QList<QString>{s("1975ea83b712"), s("ae1027a6acf0")}));
    // The file changes between the confirmation and the run.
    const QString name = s("ae1027a6acf0_add_price.sql");
    writeFile(f.path(name), f.read(name).replace(s("ADD COLUMN price"), s("ADD COLUMN cost")));
    Result<RunResult> r = e.runner(f.db, f.options(shown)).upgrade(s("ae10"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Conflict);
    QVERIFY2(r.error().message.contains(s("versions/ae1027a6acf0_add_price.sql (revision ae1027a6acf0) changed after the confirmation")),
             qPrintable(r.error().message));
    QCOMPARE(r.error().location.file, s("versions/ae1027a6acf0_add_price.sql"));
    // Nothing ran: not even the unchanged first revision.
    QVERIFY(!f.tables().contains(s("books")));
    QCOMPARE(f.versionRows(), QStringList());
    QCOMPARE(f.historyRows(), 0);
    for (const RunEvent &ev : std::as_const(f.events))
        QVERIFY(ev.kind != RunEvent::Kind::Statement && ev.kind != RunEvent::Kind::RevisionStarted);
}

void TestRunnerConfirmation::addedOrRemovedRevisionIsRefused()
{
    OPEN_FIXTURE(f);
    const MigrationEngine e = f.engine();
    Result<MigrationPlan> plan = e.plan(Direction::Upgrade, {}, s("ae10"));
    QVERIFY(plan.ok());
    const ConfirmedRevisions shown = ConfirmedRevisions::of(*plan, e.store());
    // A revision slipped in before ae1027a6acf0 (its parent changed and a new file appeared).
    const QString name = s("ae1027a6acf0_add_price.sql");
    const QString original = f.read(name);
    writeFile(f.path(s("1a0000000000_between.sql")),
              revision(s("1a0000000000"), s("1975ea83b712"), s("between"), s("-- +upgrade\nCREATE TABLE between_t (x INTEGER);\n\n-- +downgrade\nDROP TABLE between_t;")));
    writeFile(f.path(name), QString(original).replace(s("-- down_revision: 1975ea83b712"), s("-- down_revision: 1a0000000000")));
    Result<RunResult> r = e.runner(f.db, f.options(shown)).upgrade(s("ae10"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Conflict);
    QVERIFY(!f.tables().contains(s("books")));
    QVERIFY(!f.tables().contains(s("between_t")));
    // Only the new file (the other changed too, but this shows what was never shown).
    writeFile(f.path(name), original);
    QFile::remove(f.path(s("1a0000000000_between.sql")));
    writeFile(f.path(s("1a0000000000_between.sql")),
              revision(s("1a0000000000"), s("ae1027a6acf0"), s("after"), s("-- +upgrade\nCREATE TABLE between_t (x INTEGER);\n\n-- +downgrade\nDROP TABLE between_t;")));
    Result<MigrationPlan> headPlan = e.plan(Direction::Upgrade, {}, s("heads"));
    QVERIFY(headPlan.ok());
    r = e.runner(f.db, f.options(ConfirmedRevisions::of(*headPlan, e.store()))).upgrade(s("heads"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(s("versions/1a0000000000_between.sql (revision 1a0000000000) was not in the confirmation")),
             qPrintable(r.error().message));
    QVERIFY(!f.tables().contains(s("books")));
    // A confirmed revision whose file is gone (its child now follows its parent).
    QFile::remove(f.path(s("1a0000000000_between.sql")));
    Result<MigrationPlan> toIndex = e.plan(Direction::Upgrade, {}, s("5b6c"));
    QVERIFY(toIndex.ok());
    const ConfirmedRevisions shownToIndex = ConfirmedRevisions::of(*toIndex, e.store());
    QVERIFY(QFile::remove(f.path(s("4a5b6c7d8e9f_rename_title.sql"))));
    const QString index = s("5b6c7d8e9f0a_add_index.sql");
    writeFile(f.path(index), f.read(index).replace(s("-- down_revision: 4a5b6c7d8e9f"), s("-- down_revision: 27c6a30d7c24")));
    r = e.runner(f.db, f.options(shownToIndex)).upgrade(s("5b6c"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Conflict);
    QVERIFY2(r.error().message.contains(s("versions/4a5b6c7d8e9f_rename_title.sql (revision 4a5b6c7d8e9f) was removed")),
             qPrintable(r.error().message));
    QVERIFY(!f.tables().contains(s("books")));
    QCOMPARE(f.versionRows(), QStringList());
}

void TestRunnerConfirmation::unchangedFilesRunAsConfirmed()
{
    OPEN_FIXTURE(f);
    const MigrationEngine e = f.engine();
    Result<MigrationPlan> plan = e.plan(Direction::Upgrade, {}, s("ae10"));
    QVERIFY(plan.ok());
    // Touching a file without changing its bytes is no change.
    const QString name = s("ae1027a6acf0_add_price.sql");
    writeFile(f.path(name), f.read(name));
    Result<RunResult> r = e.runner(f.db, f.options(ConfirmedRevisions::of(*plan, e.store()))).upgrade(s("ae10"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(f.versionRows(), QStringList{s("ae1027a6acf0")});
    // A confirmation of a plan from older version rows: another runner applied part of it
    // meanwhile; the rest of what was shown runs.
    Result<MigrationPlan> more = e.plan(Direction::Upgrade, {}, s("4a5b"));
    QVERIFY(more.ok());
    r = e.runner(f.db, f.options(ConfirmedRevisions::of(*more, e.store()))).upgrade(s("4a5b"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->steps.size(), 2);
    QCOMPARE(f.versionRows(), QStringList{s("4a5b6c7d8e9f")});
}

void TestRunnerConfirmation::runSectionRecordsNothing()
{
    OPEN_FIXTURE(f);
    MigrationRunner runner(f.db, ScriptStore(), f.options());
    SectionRun run;
    run.revision = s("ab0000000000");
    run.sql = s("CREATE TABLE s1 (x INTEGER);\nINSERT INTO s1 VALUES (1);");
    run.file = s("versions/ab0000000000_x.sql");
    run.firstLine = 9;
    Result<qint64> r = runner.runSection(run);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QVERIFY(f.tables().contains(s("s1")));
    QVERIFY(!f.tables().contains(s("strata_version")));
    QVERIFY(!f.tables().contains(s("strata_version_history")));
    int statements = 0;
    for (const RunEvent &ev : std::as_const(f.events))
        if (ev.kind == RunEvent::Kind::Statement) {
            ++statements;
            QCOMPARE(ev.file, run.file);
        }
    QCOMPARE(statements, 2);
    // A failing statement rolls the whole section back and names its line.
    run.sql = s("CREATE TABLE s2 (x INTEGER);\nINSERT INTO nosuch_table VALUES (1);");
    r = runner.runSection(run);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(s("versions/ab0000000000_x.sql:10:")), qPrintable(r.error().message));
    QVERIFY(!f.tables().contains(s("s2")));
    QVERIFY(!f.tables().contains(s("strata_version")));
    // The checks of a run hold for a section: no transaction control in a transactional one.
    run.sql = s("CREATE TABLE s3 (x INTEGER);\nCOMMIT;\nDROP TABLE s1;");
    r = runner.runSection(run);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().location.file, run.file);
    QCOMPARE(r.error().location.line, 10);
    QVERIFY(!f.tables().contains(s("s3")));
    QVERIFY(f.tables().contains(s("s1")));
}

STRATA_TEST_MAIN(TestRunnerConfirmation)
#include "tst_runnerconfirmation.moc"
