// The migration lock between real strata-migrate processes, and what SIGINT, SIGTERM and
// kill -9 do to a run, on SQLite and PostgreSQL. Every step waits for what a runner prints
// (or for a revision that waits on a gate the test holds), never for a fixed time.
//
// The gate: on SQLite an EXCLUSIVE transaction of this test on gate.db, which a revision
// reads (ATTACH); on PostgreSQL an advisory lock (key 4242) of this test's session, which a
// revision takes. A gated revision runs until the test opens the gate.

#include "../../core/migrate/support/bookproject.h"
#include "migrateprocess.h"

#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace strata::test::books;
using strata::test::MigrateProcess;

namespace {

const QString kFirst = s("aaaa00000001");
const QString kSecond = s("bbbb00000002");

// The second revision's body on each dialect.
struct Body {
    QString sqlite;
    QString postgres;
};

const Body kGatedCounted{s("ATTACH DATABASE 'gate.db' AS gate;\nSELECT count(*) FROM gate.g;\nDETACH DATABASE gate;\n"
                           "INSERT INTO counter (what) VALUES ('%1');\n"),
                         s("SELECT pg_advisory_lock(4242);\nSELECT pg_advisory_unlock(4242);\n"
                           "INSERT INTO counter (what) VALUES ('%1');\n")};
const Body kSlow{s("INSERT INTO t_a VALUES (1);\n"
                   "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000000) SELECT count(*) FROM c;\n"),
                 s("INSERT INTO t_a VALUES (1);\nSELECT pg_sleep(600);\n")};

struct Project {
    QTemporaryDir dir;
    std::unique_ptr<strata::test::ScratchPgDatabase> pg;
    QString dialect;
    QSqlDatabase db;        ///< this test's own connection: fixtures, checks
    QSqlDatabase gateDb;    ///< SQLite: the connection on gate.db
    bool gateClosed = false;

    ~Project()
    {
        openGate();
        strata::test::closeTestDatabase(gateDb);
        strata::test::closeTestDatabase(db);
    }

    bool postgres() const { return dialect == s("postgresql"); }

    /// strata.ini and two revisions: kFirst creates t_a; kSecond runs `body` (with %1 as
    /// 'up' or 'down' in its two sections), transactional or not.
    QString setUp(const QString &dialectName, const QString &pgServer, const Body &body, bool transactional)
    {
        dialect = dialectName;
        if (postgres()) {
            pg = std::make_unique<strata::test::ScratchPgDatabase>(pgServer);
            if (pg->url().isEmpty())
                return pg->error();
        }
        writeFile(dir.filePath(s("strata.ini")),
                  s("[strata]\nscript_location = versions\n") + (postgres() ? QString() : s("url = sqlite:///books.db\n")));
        writeFile(dir.filePath(s("versions/a_first.sql")),
                  revision(kFirst, s("none"), s("create t_a"), s("-- +upgrade\nCREATE TABLE t_a (x INTEGER);\n-- +downgrade\nDROP TABLE t_a;")));
        const QString up = (postgres() ? body.postgres : body.sqlite).arg(s("up"));
        const QString down = (postgres() ? body.postgres : body.sqlite).arg(s("down"));
        writeFile(dir.filePath(s("versions/b_second.sql")),
                  revision(kSecond, kFirst, s("second"), s("-- +upgrade\n") + up + s("-- +downgrade\n") + down,
                           transactional ? QString() : s("-- transactional: false\n")));
        db = strata::test::openTestDatabase(postgres() ? pg->url() : dir.filePath(s("books.db")));
        if (!db.isOpen())
            return s("cannot open the database");
        return strata::test::execAll(db, {s("CREATE TABLE counter (what VARCHAR(10))")});
    }

    /// The arguments of a command: the URL first on PostgreSQL (SQLite's is in strata.ini).
    QStringList args(const QStringList &command) const { return postgres() ? QStringList{s("--url"), pg->url()} + command : command; }

    QString closeGate()
    {
        if (postgres()) {
            QSqlQuery q(db);
            gateClosed = q.exec(s("SELECT pg_advisory_lock(4242)"));
            return gateClosed ? QString() : q.lastError().text();
        }
        gateDb = strata::test::openTestDatabase(dir.filePath(s("gate.db")));
        const QString error = strata::test::execAll(gateDb, {s("CREATE TABLE IF NOT EXISTS g (x INTEGER)"), s("BEGIN EXCLUSIVE")});
        gateClosed = error.isEmpty();
        return error;
    }

    void openGate()
    {
        if (!gateClosed)
            return;
        gateClosed = false;
        if (postgres())
            (void)strata::test::execAll(db, {s("SELECT pg_advisory_unlock(4242)")});
        else
            (void)strata::test::execAll(gateDb, {s("COMMIT")});
    }

    int count(const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    bool hasTable(const QString &name)
    {
        return postgres() ? count(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '%1'").arg(name)) > 0
                          : count(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = '%1'").arg(name)) > 0;
    }

    std::unique_ptr<MigrateProcess> start(const QStringList &command)
    {
        return std::make_unique<MigrateProcess>(dir.path(), args(command));
    }
};

QString running(const QString &direction, const QString &from, const QString &to)
{
    return QStringLiteral("Running %1 %2 -> %3").arg(direction, from, to);
}

} // namespace

class TestStrataMigrateLock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void concurrentRunnersRunANonTransactionalRevisionOnce_data() { dialects(); }
    void concurrentRunnersRunANonTransactionalRevisionOnce();
    void lockTimeoutNamesTheHolder_data() { dialects(); }
    void lockTimeoutNamesTheHolder();
    void signalRollsBackAndReleasesTheLock_data();
    void signalRollsBackAndReleasesTheLock();
    void signalDuringANonTransactionalRevision_data() { dialects(); }
    void signalDuringANonTransactionalRevision();
    void killedRunnerReleasesTheLock_data() { dialects(); }
    void killedRunnerReleasesTheLock();

private:
    static void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }
};

#define SET_UP(project, body, transactional)                                                         \
    QFETCH(QString, dialect);                                                                         \
    STRATA_PG_URL_IF(dialect == s("postgresql"), pgServer);                                           \
    Project project;                                                                                  \
    {                                                                                                 \
        const QString setUpError = project.setUp(dialect, pgServer, body, transactional);             \
        QVERIFY2(setUpError.isEmpty(), qPrintable(setUpError));                                       \
    }

// Six `upgrade head` at once: one runs the non-transactional revision, the five others wait
// for the lock and then have nothing to do. Then three `downgrade base` at once, the same.
void TestStrataMigrateLock::concurrentRunnersRunANonTransactionalRevisionOnce()
{
    SET_UP(p, kGatedCounted, false);
    for (const QString &direction : {s("upgrade"), s("downgrade")}) {
        const bool up = direction == s("upgrade");
        const QString firstLine = up ? running(direction, kFirst, kSecond) : running(direction, kSecond, kFirst);
        QVERIFY2(p.closeGate().isEmpty(), "gate");
        std::vector<std::unique_ptr<MigrateProcess>> runners;
        runners.push_back(p.start({s("--lock-timeout"), s("120"), direction, up ? s("head") : s("base")}));
        QVERIFY2(runners[0]->waitForErr(firstLine), qPrintable(runners[0]->err()));
        const int others = up ? 5 : 2;
        for (int i = 0; i < others; ++i)
            runners.push_back(p.start({s("--lock-timeout"), s("120"), direction, up ? s("head") : s("base")}));
        for (int i = 1; i <= others; ++i) {
            // Each one waits for the migration lock; none starts the gated revision too.
            const int seen = runners[size_t(i)]->waitForErr({s("Waiting for the migration lock"), s("Running ")});
            QVERIFY2(seen == 0, qPrintable(QStringLiteral("runner %1: %2").arg(i).arg(runners[size_t(i)]->err())));
        }
        p.openGate();
        for (size_t i = 0; i < runners.size(); ++i) {
            QCOMPARE(runners[i]->finish(), 0);
            if (i > 0)
                QVERIFY2(runners[i]->err().contains(s("Nothing to do")), qPrintable(runners[i]->err()));
        }
        QCOMPARE(p.count(QStringLiteral("SELECT count(*) FROM counter WHERE what = '%1'").arg(up ? s("up") : s("down"))), 1);
        QCOMPARE(p.hasTable(s("t_a")), up);
    }
}

// A runner that gives up names who holds the lock; one waiting for it stops on SIGTERM.
void TestStrataMigrateLock::lockTimeoutNamesTheHolder()
{
    SET_UP(p, kGatedCounted, false);
    QVERIFY2(p.closeGate().isEmpty(), "gate");
    std::unique_ptr<MigrateProcess> first = p.start({s("--lock-timeout"), s("120"), s("upgrade"), s("head")});
    QVERIFY2(first->waitForErr(running(s("upgrade"), kFirst, kSecond)), qPrintable(first->err()));

    MigrateProcess second(p.dir.path(), p.args({s("--lock-timeout"), s("1"), s("upgrade"), s("head")}));
    QCOMPARE(second.finish(), 1);
    QVERIFY2(second.err().contains(s("FAILED: Timed out after 1 s waiting for the migration lock")), qPrintable(second.err()));
    QString holder;
    if (p.postgres()) {
        const int backend = p.count(s("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                      "AND application_name = 'strata-migrate' AND query LIKE 'SELECT pg_advisory_lock(4242)%'"));
        QVERIFY(backend > 0);
        holder = QStringLiteral("it is held by backend pid %1 (application_name \"strata-migrate\", query started ").arg(backend);
    } else {
        holder = QStringLiteral("it is held by pid %1, strata-migrate, since ").arg(first->pid());
    }
    QVERIFY2(second.err().contains(holder), qPrintable(second.err() + s("\nexpected: ") + holder));

    MigrateProcess third(p.dir.path(), p.args({s("--lock-timeout"), s("120"), s("upgrade"), s("head")}));
    QVERIFY2(third.waitForErr(s("Waiting for the migration lock")), qPrintable(third.err()));
    third.signal(SIGTERM);
    QCOMPARE(third.finish(), 143);
    QVERIFY2(third.err().contains(s("FAILED: Interrupted by SIGTERM before any revision ran (Cancelled while waiting for the migration lock")),
             qPrintable(third.err()));
    p.openGate();
    QCOMPARE(first->finish(), 0);
}

void TestStrataMigrateLock::signalRollsBackAndReleasesTheLock_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("signal");
    QTest::newRow("sqlite SIGTERM") << s("sqlite") << int(SIGTERM);
    QTest::newRow("sqlite SIGINT") << s("sqlite") << int(SIGINT);
    QTest::newRow("postgresql SIGTERM") << s("postgresql") << int(SIGTERM);
    QTest::newRow("postgresql SIGINT") << s("postgresql") << int(SIGINT);
}

// SIGTERM/SIGINT in the middle of a slow statement: it is cancelled, the command's
// transaction rolled back (the database as before), the lock free at once, exit 143/130.
void TestStrataMigrateLock::signalRollsBackAndReleasesTheLock()
{
    QFETCH(int, signal);
    SET_UP(p, kSlow, true);
    MigrateProcess runner(p.dir.path(), p.args({s("upgrade"), s("head")}));
    QVERIFY2(runner.waitForErr(running(s("upgrade"), kFirst, kSecond)), qPrintable(runner.err()));
    runner.signal(signal);
    QCOMPARE(runner.finish(), 128 + signal);
    const QString name = signal == SIGTERM ? s("SIGTERM") : s("SIGINT");
    QVERIFY2(runner.err().contains(QStringLiteral("FAILED: Interrupted by %1: rolled back upgrade %2, upgrade %3 (it was running); "
                                                  "the database is at base, as before the command\n")
                                       .arg(name, kFirst, kSecond)),
             qPrintable(runner.err()));
    QVERIFY(!p.hasTable(s("t_a")));
    QVERIFY(!p.hasTable(s("strata_version")));
    MigrateProcess next(p.dir.path(), p.args({s("--lock-timeout"), s("0"), s("upgrade"), kFirst}));
    QCOMPARE(next.finish(), 0);
    QVERIFY(p.hasTable(s("t_a")));
}

// A non-transactional revision cannot be rolled back: the message says what stays.
void TestStrataMigrateLock::signalDuringANonTransactionalRevision()
{
    SET_UP(p, kGatedCounted, false);
    QVERIFY2(p.closeGate().isEmpty(), "gate");
    MigrateProcess runner(p.dir.path(), p.args({s("--lock-timeout"), s("120"), s("upgrade"), s("head")}));
    QVERIFY2(runner.waitForErr(running(s("upgrade"), kFirst, kSecond)), qPrintable(runner.err()));
    runner.signal(SIGTERM);
    QCOMPARE(runner.finish(), 143);
    const QString err = runner.err();
    QVERIFY2(err.contains(QStringLiteral("FAILED: Interrupted by SIGTERM: rolled back nothing; the database is at %1\n").arg(kFirst)),
             qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("Revision %1 is not transactional: the statements it finished before the interruption "
                                         "stay in the database, and it is not recorded as applied.").arg(kSecond)),
             qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("Committed before the interruption, and kept: upgrade %1").arg(kFirst)), qPrintable(err));
    p.openGate();
    QCOMPARE(p.count(s("SELECT count(*) FROM counter")), 0);
    MigrateProcess next(p.dir.path(), p.args({s("--lock-timeout"), s("0"), s("current")}));
    QCOMPARE(next.finish(), 0);
    QCOMPARE(next.out(), kFirst + s("\n"));
}

// kill -9 in the middle of a slow statement: the next runner gets the lock within seconds
// (PostgreSQL: the server ends the orphaned session, client_connection_check_interval).
void TestStrataMigrateLock::killedRunnerReleasesTheLock()
{
    SET_UP(p, kSlow, true);
    MigrateProcess runner(p.dir.path(), p.args({s("upgrade"), s("head")}));
    QVERIFY2(runner.waitForErr(running(s("upgrade"), kFirst, kSecond)), qPrintable(runner.err()));
    runner.signal(SIGKILL);
    QCOMPARE(runner.finish(), -1);
    QVERIFY(runner.crashed());
    MigrateProcess next(p.dir.path(), p.args({s("--lock-timeout"), s("20"), s("upgrade"), kFirst}));
    QCOMPARE(next.finish(), 0);
    QVERIFY2(next.err().contains(running(s("upgrade"), QString(), kFirst)), qPrintable(next.err()));
    QCOMPARE(p.count(s("SELECT count(*) FROM t_a")), 0);
}

STRATA_TEST_MAIN(TestStrataMigrateLock)
#include "tst_strata_migrate_lock.moc"
