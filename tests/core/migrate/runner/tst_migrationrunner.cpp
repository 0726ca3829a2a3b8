// The runner on both dialects, on the books tutorial project.

#include "../support/bookproject.h"

#include "migrate/runner/migrationrunner.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QTemporaryDir>
#include <QThread>
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
    ScriptStore store;
    QList<RunEvent> events;

    ~Fixture() { strata::test::closeTestDatabase(db); }

    bool open(const QString &dialect, const QString &pgServer, bool withMerge = true)
    {
        writeProject(dir.path(), withMerge);
        if (dialect == s("postgresql")) {
            pg = std::make_unique<strata::test::ScratchPgDatabase>(pgServer);
            if (pg->url().isEmpty())
                qWarning("%s", qPrintable(pg->error()));
            url = pg->url();
        } else {
            url = dir.filePath(s("books.db"));
        }
        db = strata::test::openTestDatabase(url);
        return db.isOpen() && reload();
    }

    bool reload()
    {
        Result<ProjectConfig> config = ProjectConfig::load(dir.filePath(s("strata.ini")));
        Result<ScriptStore> loaded = ScriptStore::load(*config);
        if (!loaded) {
            qWarning("%s", qPrintable(loaded.error().message));
            return false;
        }
        store = *loaded;
        return true;
    }

    MigrationRunner runner(bool perMigration = false)
    {
        RunnerOptions o;
        o.transactionPerMigration = perMigration;
        o.lockTimeoutSeconds = 20;
        o.onEvent = [this](const RunEvent &e) { events.append(e); };
        return MigrationRunner(db, store, o);
    }
};

QStringList applied(const RunResult &r)
{
    QStringList out;
    for (const StepResult &st : r.steps)
        out.append(st.revision);
    return out;
}

} // namespace

class TestMigrationRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyTarget_data() { dialects(); }
    void everyTarget();
    void branchesAndLabels_data() { dialects(); }
    void branchesAndLabels();
    void stamp_data() { dialects(); }
    void stamp();
    void failingRevisionRollsBackEverything_data() { dialects(); }
    void failingRevisionRollsBackEverything();
    void failingRevisionPerMigration_data() { dialects(); }
    void failingRevisionPerMigration();
    void nonTransactionalRevision_data() { dialects(); }
    void nonTransactionalRevision();
    void concurrentRunners_data() { dialects(); }
    void concurrentRunners();
    void statementEventsAndErrorLines_data() { dialects(); }
    void statementEventsAndErrorLines();
    void sqliteForeignKeyCheck();
    void cancelBetweenRevisions();

private:
    void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }
    QString pgServer()
    {
        return strata::test::postgresUrl();
    }
};

#define OPEN_FIXTURE(f, ...)                                      \
    QFETCH(QString, dialect);                                     \
    STRATA_PG_URL_IF(dialect == s("postgresql"), pgUrl);          \
    Q_UNUSED(pgUrl);                                              \
    Fixture f;                                                    \
    QVERIFY(f.open(dialect, pgServer(), ##__VA_ARGS__))

#define CHECK_OK(expr)                                                                         \
    [&]() {                                                                                    \
        auto r_ = (expr);                                                                      \
        if (!r_.ok())                                                                          \
            qWarning("%s", qPrintable(r_.error().message));                                    \
        return r_;                                                                             \
    }()

void TestMigrationRunner::everyTarget()
{
    OPEN_FIXTURE(f);
    MigrationRunner r = f.runner();
    QCOMPARE(*r.currentHeads(), QStringList());
    Result<RunResult> res = CHECK_OK(r.upgrade(s("1975")));
    QVERIFY(res.ok());
    QCOMPARE(applied(*res), QStringList{s("1975ea83b712")});
    QCOMPARE(versionRows(f.db), QStringList{s("1975ea83b712")});
    res = CHECK_OK(r.upgrade(s("+2")));
    QCOMPARE(applied(*res), QStringList({s("ae1027a6acf0"), s("27c6a30d7c24")}));
    QCOMPARE(versionRows(f.db), QStringList{s("27c6a30d7c24")});
    res = CHECK_OK(r.upgrade(s("head")));
    QVERIFY(res.ok());
    QCOMPARE(res->steps.size(), 6);
    QCOMPARE(versionRows(f.db), QStringList{s("7c0000000000")});
    // already applied: nothing to do
    res = CHECK_OK(r.upgrade(s("ae10")));
    QVERIFY(res.ok());
    QVERIFY(res->nothingToDo());
    // -1 from a merge point is ambiguous (as in Alembic); naming a parent undoes the merge only
    res = r.downgrade(s("-1"));
    QVERIFY(!res.ok());
    QVERIFY2(res.error().message.contains(s("`downgrade 6a00000000a2` or `downgrade 6b00000000b1`")), qPrintable(res.error().message));
    QCOMPARE(versionRows(f.db), QStringList{s("7c0000000000")});
    res = CHECK_OK(r.downgrade(s("6a00000000a2")));
    QCOMPARE(applied(*res), QStringList{s("7c0000000000")});
    QCOMPARE(versionRows(f.db), QStringList({s("6a00000000a2"), s("6b00000000b1")}));
    // downgrade -1 with two heads is an error
    res = r.downgrade(s("-1"));
    QVERIFY(!res.ok());
    QVERIFY(res.error().message.contains(s("several current heads")));
    res = CHECK_OK(r.downgrade(s("4a5b")));
    QVERIFY(res.ok());
    QCOMPARE(versionRows(f.db), QStringList{s("4a5b6c7d8e9f")});
    const QStringList at4 = schemaOf(f.db);
    res = CHECK_OK(r.downgrade(s("base")));
    QVERIFY(res.ok());
    QCOMPARE(versionRows(f.db), QStringList());
    QCOMPARE(schemaOf(f.db, false), QStringList());
    res = CHECK_OK(r.upgrade(s("4a5b6c7d8e9f")));
    QCOMPARE(schemaOf(f.db), at4);
    res = CHECK_OK(r.upgrade(s("heads")));
    QCOMPARE(versionRows(f.db), QStringList{s("7c0000000000")});
    // ambiguous and unknown ids change nothing
    res = r.downgrade(s("6a00"));
    QVERIFY(!res.ok());
    QVERIFY(res.error().message.startsWith(s("Multiple revisions start with '6a00': '6a00000000a1', '6a00000000a2'")));
    QVERIFY(!r.upgrade(s("ffffff")).ok());
    QCOMPARE(versionRows(f.db), QStringList{s("7c0000000000")});
}

void TestMigrationRunner::branchesAndLabels()
{
    OPEN_FIXTURE(f, false);
    MigrationRunner r = f.runner();
    Result<RunResult> res = r.upgrade(s("head"));
    QVERIFY(!res.ok());
    QVERIFY(res.error().message.startsWith(s("Multiple head revisions are present for given argument 'head'")));
    QCOMPARE(versionRows(f.db), QStringList{s("<no table>")}); // nothing ran, not even the table
    res = CHECK_OK(r.upgrade(s("reviews@head")));
    QCOMPARE(versionRows(f.db), QStringList{s("6a00000000a2")});
    res = CHECK_OK(r.upgrade(s("sales@head")));
    QCOMPARE(applied(*res), QStringList{s("6b00000000b1")});
    QCOMPARE(versionRows(f.db), QStringList({s("6a00000000a2"), s("6b00000000b1")}));
    res = CHECK_OK(r.downgrade(s("reviews@-1")));
    QCOMPARE(versionRows(f.db), QStringList({s("6a00000000a1"), s("6b00000000b1")}));
    res = CHECK_OK(r.downgrade(s("sales@-1")));
    QCOMPARE(versionRows(f.db), QStringList({s("6a00000000a1")}));
    res = r.downgrade(s("sales@-1"));
    QVERIFY(!res.ok());
    QVERIFY2(res.error().message.contains(s("no current revision is on branch 'sales'")), qPrintable(res.error().message));
    res = CHECK_OK(r.upgrade(s("heads")));
    QCOMPARE(versionRows(f.db), QStringList({s("6a00000000a2"), s("6b00000000b1")}));
    res = CHECK_OK(r.downgrade(s("5b6c")));
    QCOMPARE(res->steps.size(), 3);
    QCOMPARE(versionRows(f.db), QStringList{s("5b6c7d8e9f0a")});
}

void TestMigrationRunner::stamp()
{
    OPEN_FIXTURE(f, false);
    MigrationRunner r = f.runner();
    QVERIFY(CHECK_OK(r.stamp({s("6a00000000a1"), s("6b00000000b1")}, false)).ok());
    QCOMPARE(versionRows(f.db), QStringList({s("6a00000000a1"), s("6b00000000b1")}));
    QCOMPARE(schemaOf(f.db, false), QStringList()); // no SQL ran
    QVERIFY(CHECK_OK(r.stamp({s("reviews@head")}, false)).ok());
    QCOMPARE(versionRows(f.db), QStringList({s("6a00000000a2"), s("6b00000000b1")}));
    QVERIFY(CHECK_OK(r.stamp({s("ae10")}, false)).ok());
    QCOMPARE(versionRows(f.db), QStringList({s("ae1027a6acf0")}));
    QVERIFY(CHECK_OK(r.stamp({s("base")}, false)).ok());
    QCOMPARE(versionRows(f.db), QStringList());
    QSqlQuery q(f.db);
    QVERIFY(q.exec(s("INSERT INTO strata_version (version_num) VALUES ('deadbeef0000')")));
    QVERIFY(!r.stamp({s("1975")}, false).ok());
    QVERIFY(!r.upgrade(s("head")).ok());
    QVERIFY(CHECK_OK(r.stamp({s("1975")}, true)).ok());
    QCOMPARE(versionRows(f.db), QStringList{s("1975ea83b712")});
}

void TestMigrationRunner::failingRevisionRollsBackEverything()
{
    OPEN_FIXTURE(f);
    writeFile(f.dir.filePath(s("versions/8d0000000000_broken.sql")),
              revision(s("8d0000000000"), s("7c0000000000"), s("broken"),
                       s("-- +upgrade\nCREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
                         "-- +downgrade\nDROP TABLE half_done;")));
    QVERIFY(f.reload());
    MigrationRunner r = f.runner();
    QVERIFY(CHECK_OK(r.upgrade(s("ae1027a6acf0"))).ok());
    const QStringList before = schemaOf(f.db);
    const QStringList rowsBefore = versionRows(f.db);
    Result<RunResult> res = r.upgrade(s("head"));
    QVERIFY(!res.ok());
    QVERIFY2(res.error().message.startsWith(s("versions/8d0000000000_broken.sql:8: ")), qPrintable(res.error().message));
    QCOMPARE(schemaOf(f.db), before);
    QCOMPARE(versionRows(f.db), rowsBefore);
}

void TestMigrationRunner::failingRevisionPerMigration()
{
    OPEN_FIXTURE(f);
    writeFile(f.dir.filePath(s("versions/8d0000000000_broken.sql")),
              revision(s("8d0000000000"), s("7c0000000000"), s("broken"),
                       s("-- +upgrade\nCREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
                         "-- +downgrade\nDROP TABLE half_done;")));
    QVERIFY(f.reload());
    MigrationRunner r = f.runner(true);
    Result<RunResult> res = r.upgrade(s("head"));
    QVERIFY(!res.ok());
    QCOMPARE(versionRows(f.db), QStringList{s("7c0000000000")});
    const QString joined = schemaOf(f.db).join(QLatin1Char('\n'));
    QVERIFY(joined.contains(s("sales")));
    QVERIFY(!joined.contains(s("half_done")));
}

void TestMigrationRunner::nonTransactionalRevision()
{
    OPEN_FIXTURE(f);
    writeFile(f.dir.filePath(s("versions/8e0000000000_concurrently.sql")),
              revision(s("8e0000000000"), s("7c0000000000"), s("index outside a transaction"),
                       s("-- +upgrade postgresql\nCREATE INDEX CONCURRENTLY ix_sales_book ON sales (book_id);\n"
                         "-- +upgrade sqlite\nCREATE INDEX ix_sales_book ON sales (book_id);\nVACUUM;\n"
                         "-- +downgrade\nDROP INDEX ix_sales_book;"),
                       s("-- transactional: false\n")));
    writeFile(f.dir.filePath(s("versions/8f0000000000_after.sql")),
              revision(s("8f0000000000"), s("8e0000000000"), s("after"),
                       s("-- +upgrade\nCREATE TABLE after_it (id INTEGER);\n-- +downgrade\nDROP TABLE after_it;")));
    QVERIFY(f.reload());
    MigrationRunner r = f.runner();
    Result<RunResult> res = CHECK_OK(r.upgrade(s("head")));
    QVERIFY(res.ok());
    QCOMPARE(versionRows(f.db), QStringList{s("8f0000000000")});
    bool said = false;
    for (const RunEvent &e : std::as_const(f.events))
        said = said || e.text.contains(s("not transactional"));
    QVERIFY(said);
    QVERIFY(schemaOf(f.db).join(QLatin1Char('\n')).contains(s("ix_sales_book")));
    QVERIFY(CHECK_OK(r.downgrade(s("7c00"))).ok());
    QCOMPARE(versionRows(f.db), QStringList{s("7c0000000000")});
}

void TestMigrationRunner::concurrentRunners()
{
    OPEN_FIXTURE(f);
    writeFile(f.dir.filePath(s("versions/1975ea83b712_create_books.sql")),
              revision(s("1975ea83b712"), s("none"), s("create books table"),
                       s("-- +upgrade\nCREATE TABLE books (\n    id INTEGER PRIMARY KEY,\n    title VARCHAR(200) NOT NULL\n);\n"
                         "-- +upgrade postgresql\nCREATE TABLE books (\n    id INTEGER PRIMARY KEY,\n    title VARCHAR(200) NOT NULL\n);\n"
                         "SELECT pg_sleep(1.5);\n"
                         "-- +upgrade sqlite\nCREATE TABLE books (\n    id INTEGER PRIMARY KEY,\n    title VARCHAR(200) NOT NULL\n);\n"
                         "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000) SELECT count(*) FROM c;\n"
                         "-- +downgrade\nDROP TABLE books;")));
    QVERIFY(f.reload());
    struct Outcome {
        bool ok = false;
        QString error;
        int steps = -1;
        bool waited = false;
    };
    Outcome outcomes[2];
    auto work = [&](int i) {
        QSqlDatabase db = strata::test::openTestDatabase(f.url);
        RunnerOptions o;
        o.lockTimeoutSeconds = 30;
        o.onEvent = [&](const RunEvent &e) {
            if (e.kind == RunEvent::Kind::Waiting)
                outcomes[i].waited = true;
        };
        {
            MigrationRunner r(db, f.store, o);
            Result<RunResult> res = r.upgrade(s("head"));
            outcomes[i].ok = res.ok();
            outcomes[i].error = res.ok() ? QString() : res.error().message;
            outcomes[i].steps = res.ok() ? int(res->steps.size()) : -1;
        }
        strata::test::closeTestDatabase(db);
    };
    std::unique_ptr<QThread> first(QThread::create(work, 0));
    std::unique_ptr<QThread> second(QThread::create(work, 1));
    first->start();
    QThread::msleep(300);
    second->start();
    QVERIFY(first->wait(60000));
    QVERIFY(second->wait(60000));
    QVERIFY2(outcomes[0].ok, qPrintable(outcomes[0].error));
    QVERIFY2(outcomes[1].ok, qPrintable(outcomes[1].error));
    QCOMPARE(outcomes[0].steps + outcomes[1].steps, 9);
    QVERIFY(outcomes[1].waited || outcomes[0].waited);
    QCOMPARE(qMin(outcomes[0].steps, outcomes[1].steps), 0);
    QSqlQuery q(f.db);
    QVERIFY(q.exec(s("SELECT count(*), count(DISTINCT revision) FROM strata_version_history WHERE direction = 'upgrade'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 9);
    QCOMPARE(q.value(1).toInt(), 9);
}

void TestMigrationRunner::statementEventsAndErrorLines()
{
    OPEN_FIXTURE(f);
    MigrationRunner r = f.runner();
    QVERIFY(CHECK_OK(r.upgrade(s("27c6"))).ok());
    QStringList statements;
    for (const RunEvent &e : std::as_const(f.events))
        if (e.kind == RunEvent::Kind::Statement)
            statements.append(QStringLiteral("%1:%2").arg(e.file).arg(e.line));
    QCOMPARE(statements, QStringList({s("versions/1975ea83b712_create_books.sql:7"), s("versions/ae1027a6acf0_add_price.sql:7"),
                                      s("versions/27c6a30d7c24_add_authors.sql:7"), s("versions/27c6a30d7c24_add_authors.sql:11")}));
    writeFile(f.dir.filePath(s("versions/4a5b6c7d8e9f_rename_title.sql")),
              revision(s("4a5b6c7d8e9f"), s("27c6a30d7c24"), s("rename"),
                       s("-- +upgrade\nSELECT 1;\n\nALTER TABLE books\n    RENAME COLUMN nope TO book_title;\n"
                         "-- +downgrade\nSELECT 1;")));
    QVERIFY(f.reload());
    MigrationRunner r2 = f.runner();
    Result<RunResult> res = r2.upgrade(s("+1"));
    QVERIFY(!res.ok());
    QVERIFY2(res.error().message.startsWith(s("versions/4a5b6c7d8e9f_rename_title.sql:")), qPrintable(res.error().message));
    QVERIFY(res.error().sql.contains(s("RENAME COLUMN nope")));
}

void TestMigrationRunner::sqliteForeignKeyCheck()
{
    Fixture f;
    QVERIFY(f.open(s("sqlite"), QString()));
    writeFile(f.dir.filePath(s("versions/8d0000000000_orphan.sql")),
              revision(s("8d0000000000"), s("7c0000000000"), s("orphan"),
                       s("-- +upgrade\nINSERT INTO reviews (id, book_id) VALUES (1, 999);\n-- +downgrade\nDELETE FROM reviews;")));
    QVERIFY(f.reload());
    QSqlQuery q(f.db);
    QVERIFY(q.exec(s("PRAGMA foreign_keys = ON")));
    MigrationRunner r = f.runner();
    QVERIFY(CHECK_OK(r.upgrade(s("7c00"))).ok());
    Result<RunResult> res = r.upgrade(s("head"));
    QVERIFY(!res.ok());
    QCOMPARE(res.error().kind, ErrorKind::Constraint);
    QVERIFY(res.error().message.contains(s("foreign_key_check")));
    QCOMPARE(versionRows(f.db), QStringList{s("7c0000000000")});
    QVERIFY(q.exec(s("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1); // restored
}

void TestMigrationRunner::cancelBetweenRevisions()
{
    Fixture f;
    QVERIFY(f.open(s("sqlite"), QString()));
    RunnerOptions o;
    MigrationRunner *self = nullptr;
    o.onEvent = [&](const RunEvent &e) {
        if (e.kind == RunEvent::Kind::RevisionFinished && e.revision == s("ae1027a6acf0"))
            self->cancel();
    };
    MigrationRunner r(f.db, f.store, o);
    self = &r;
    Result<RunResult> res = r.upgrade(s("head"));
    QVERIFY(!res.ok());
    QCOMPARE(res.error().kind, ErrorKind::Cancelled);
    QCOMPARE(versionRows(f.db), QStringList{s("<no table>")});
    QCOMPARE(schemaOf(f.db, false), QStringList());
}

STRATA_TEST_MAIN(TestMigrationRunner)
#include "tst_migrationrunner.moc"
