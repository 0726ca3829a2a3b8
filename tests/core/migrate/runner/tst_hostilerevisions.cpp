// Broken and hostile revision text on both dialects (issue 16, items 3 to 6 and 11): every
// byte of a section runs or the revision fails with a located error and is not recorded;
// transaction control in a transactional revision is refused before anything runs (online
// and offline); semicolons inside parentheses do not split a statement; server messages in
// a non-UTF-8 database read as the server wrote them; Strata's own bookkeeping makes the
// server send no notices.

#include "../support/bookproject.h"

#include "connection/nativehandle.h"
#include "migrate/migrationengine.h"
#include "migrate/runner/migrationrunner.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <libpq-fe.h>
#include <memory>

using namespace strata;
using namespace strata::migrate;
using namespace strata::test::books;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<strata::test::ScratchPgDatabase> pg;
    QSqlDatabase db;
    QString error;
    ProjectConfig config;

    explicit Fixture(bool postgres)
    {
        QString url = dir.filePath(s("hostile.db"));
        if (postgres) {
            pg = std::make_unique<strata::test::ScratchPgDatabase>(strata::test::postgresUrl());
            url = pg->url();
            error = pg->error();
        }
        if (error.isEmpty())
            db = strata::test::openTestDatabase(url, &error);
        writeFile(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\n"));
    }
    ~Fixture() { strata::test::closeTestDatabase(db); }

    /// One base revision "a1" whose upgrade section, last in the file, is `upgrade`; the
    /// header gets `extra`.
    void writeRevision(const QString &upgrade, const QString &extra = {})
    {
        writeFile(dir.filePath(s("versions/a1_test.sql")),
                  revision(s("a1"), s("none"), s("test"), s("-- +downgrade\n-- +upgrade\n") + upgrade, extra));
    }
    Result<ScriptStore> load()
    {
        Result<ProjectConfig> c = ProjectConfig::load(dir.filePath(s("strata.ini")));
        if (!c)
            return c.error();
        config = *c;
        return ScriptStore::load(config);
    }
    Result<RunResult> upgrade(const ScriptStore &store)
    {
        RunnerOptions o;
        o.lockTimeoutSeconds = 20;
        return MigrationRunner(db, store, o).upgrade(s("head"));
    }
    bool hasTable(const QString &name)
    {
        QSqlQuery q(db);
        q.exec(db.driverName() == s("QPSQL") ? s("SELECT to_regclass('%1') IS NOT NULL").arg(name)
                                             : s("SELECT count(*) FROM sqlite_master WHERE name = '%1'").arg(name));
        return q.next() && q.value(0).toBool();
    }
    int count(const QString &table)
    {
        QSqlQuery q(db);
        return q.exec(s("SELECT count(*) FROM ") + table) && q.next() ? q.value(0).toInt() : -1;
    }
};

QString message(const Result<RunResult> &r)
{
    return r.ok() ? s("<ran>") : r.error().message;
}

// The revision file of Fixture::writeRevision has its upgrade section's first SQL line here.
constexpr int kFirstSqlLine = 8;

QString at(int sqlLine)
{
    return s("versions/a1_test.sql:%1:").arg(kFirstSqlLine + sqlLine);
}

} // namespace

class TestHostileRevisions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nulInRevisionFileRefused();
    void nulGivenToTheRunnerNeverRecorded_data() { dialects(); }
    void nulGivenToTheRunnerNeverRecorded();
    void unterminatedAtEndOfSection_data();
    void unterminatedAtEndOfSection();
    void transactionControlRefused_data();
    void transactionControlRefused();
    void transactionControlInNonTransactionalRevision_data() { dialects(); }
    void transactionControlInNonTransactionalRevision();
    void bodiesAreNotTransactionControl_data() { dialects(); }
    void bodiesAreNotTransactionControl();
    void offlineSqlRefusesTransactionControl();
    void ruleWithSemicolonsInParentheses();
    void latin1ServerMessage();
    void noNoticesAboutBookkeeping();

private:
    void dialects()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
};

#define OPEN(f)                                    \
    QFETCH(bool, postgres);                        \
    STRATA_PG_URL_IF(postgres, pgUrl);             \
    Q_UNUSED(pgUrl);                               \
    Fixture f(postgres);                           \
    QVERIFY2(f.error.isEmpty(), qPrintable(f.error))

// A NUL character cannot be in a revision file: the parser says where.
void TestHostileRevisions::nulInRevisionFileRefused()
{
    Fixture f(false);
    f.writeRevision(s("CREATE TABLE a (x INT);\nSELECT 1;") + QChar(u'\0') + s(" CREATE TABLE b (x INT);"));
    Result<ScriptStore> parsed = f.load();
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(at(1) + s(" a NUL character")), qPrintable(parsed.error().message));
}

// Given such text by a caller that did not parse a file, the runner refuses it before running
// any of it (SQLite's prepare made no progress there and looped holding the write lock;
// libpq read up to the NUL and the revision was recorded as applied).
void TestHostileRevisions::nulGivenToTheRunnerNeverRecorded()
{
    OPEN(f);
    RevisionScript script;
    script.id = s("a1");
    script.displayPath = s("versions/a1_test.sql");
    script.sections.insert(s("upgrade"), RevisionSection{s("CREATE TABLE a (x INT);\nSELECT 1;") + QChar(u'\0')
                                                             + s(" CREATE TABLE b (x INT);"), kFirstSqlLine});
    Result<ScriptStore> store = ScriptStore::fromScripts({script});
    QVERIFY(store.ok());
    const Result<RunResult> r = f.upgrade(*store);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(at(1) + s(" a NUL character")), qPrintable(message(r)));
    QVERIFY(!f.hasTable(s("a")));
    QVERIFY(!f.hasTable(s("b")));
    QVERIFY(!versionRows(f.db).contains(s("a1")));
}

void TestHostileRevisions::unterminatedAtEndOfSection_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("tail");
    QTest::addColumn<QString>("what");
    for (const bool pg : {false, true}) {
        const QString d = pg ? s("postgresql ") : s("sqlite ");
        QTest::newRow(qPrintable(d + s("block comment"))) << pg << s("/* later\nCREATE TABLE b (x INT);") << s("/* comment");
        QTest::newRow(qPrintable(d + s("string"))) << pg << s("INSERT INTO a VALUES ('x);\nCREATE TABLE b (x INT);")
                                                   << s("unterminated string ('...)");
        QTest::newRow(qPrintable(d + s("quoted identifier"))) << pg << s("CREATE TABLE \"b (x INT);\nSELECT 1;")
                                                              << s("unterminated quoted identifier (\"...)");
    }
    QTest::newRow("postgresql dollar quote") << true << s("DO $body$ BEGIN PERFORM 1; END;\nCREATE TABLE b (x INT);")
                                             << s("unterminated dollar quote $body$");
    QTest::newRow("postgresql nested comment") << true << s("/* a /* b */ still open\nCREATE TABLE b (x INT);")
                                               << s("/* comment");
}

// An unterminated comment, string, identifier or dollar quote at the end of a section
// swallows the statements after it: a located error, nothing run, nothing recorded.
void TestHostileRevisions::unterminatedAtEndOfSection()
{
    OPEN(f);
    QFETCH(QString, tail);
    QFETCH(QString, what);
    f.writeRevision(s("CREATE TABLE a (x INT);\n") + tail);
    Result<ScriptStore> store = f.load();
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
    const Result<RunResult> r = f.upgrade(*store);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(at(1)), qPrintable(message(r)));
    QVERIFY2(r.error().message.contains(what), qPrintable(message(r)));
    QVERIFY(!f.hasTable(s("a")));
    QVERIFY(!f.hasTable(s("b")));
    QVERIFY(!versionRows(f.db).contains(s("a1")));
}

void TestHostileRevisions::transactionControlRefused_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("word");
    for (const bool pg : {false, true}) {
        const QString d = pg ? s("postgresql ") : s("sqlite ");
        QTest::newRow(qPrintable(d + s("commit"))) << pg << s("COMMIT") << s("COMMIT");
        QTest::newRow(qPrintable(d + s("end"))) << pg << s("end transaction") << s("END");
        QTest::newRow(qPrintable(d + s("rollback"))) << pg << s("ROLLBACK") << s("ROLLBACK");
        QTest::newRow(qPrintable(d + s("begin"))) << pg << s("BEGIN") << s("BEGIN");
        QTest::newRow(qPrintable(d + s("savepoint"))) << pg << s("SAVEPOINT s1") << s("SAVEPOINT");
        QTest::newRow(qPrintable(d + s("release"))) << pg << s("/* after a comment */ RELEASE s1") << s("RELEASE");
    }
    QTest::newRow("postgresql start transaction") << true << s("START TRANSACTION") << s("START TRANSACTION");
    QTest::newRow("postgresql abort") << true << s("ABORT") << s("ABORT");
}

// COMMIT and friends at the top level of a transactional revision would commit part of it:
// refused before the first statement, naming the line and `transactional: false`.
void TestHostileRevisions::transactionControlRefused()
{
    OPEN(f);
    QFETCH(QString, statement);
    QFETCH(QString, word);
    f.writeRevision(s("CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n") + statement
                    + s(";\nCREATE TABLE b (x INT);\nSELECT no_such_column FROM b;"));
    Result<ScriptStore> store = f.load();
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
    const Result<RunResult> r = f.upgrade(*store);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(at(2) + s(" ") + word + s(" in a transactional revision")), qPrintable(message(r)));
    QVERIFY2(r.error().message.contains(s("transactional: false")), qPrintable(message(r)));
    QVERIFY(!f.hasTable(s("a")));
    QVERIFY(!f.hasTable(s("b")));
    QVERIFY(!versionRows(f.db).contains(s("a1")));
}

void TestHostileRevisions::transactionControlInNonTransactionalRevision()
{
    OPEN(f);
    f.writeRevision(s("BEGIN;\nCREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\nCOMMIT;"), s("-- transactional: false\n"));
    Result<ScriptStore> store = f.load();
    QVERIFY(store.ok());
    const Result<RunResult> r = f.upgrade(*store);
    QVERIFY2(r.ok(), qPrintable(message(r)));
    QCOMPARE(f.count(s("a")), 1);
    QCOMPARE(versionRows(f.db), QStringList{s("a1")});
}

// END of a PL/pgSQL body or a CASE, BEGIN of a SQLite trigger body: not transaction control.
void TestHostileRevisions::bodiesAreNotTransactionControl()
{
    OPEN(f);
    const QString common = s("CREATE TABLE a (x INT);\nCREATE TABLE log (y INT);\n"
                             "SELECT CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END;\n");
    const QString specific =
        postgres ? s("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO log VALUES (NEW.x);\n"
                     "  RETURN NEW;\nEND;\n$$;\nCREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
                     "DO $$ BEGIN PERFORM 1; END $$;\n")
                 : s("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO log VALUES (CASE WHEN new.x > 0 THEN new.x END);\n"
                     "END;\n");
    f.writeRevision(common + specific + s("INSERT INTO a VALUES (5);"));
    Result<ScriptStore> store = f.load();
    QVERIFY(store.ok());
    const Result<RunResult> r = f.upgrade(*store);
    QVERIFY2(r.ok(), qPrintable(message(r)));
    QCOMPARE(f.count(s("log")), 1);
}

void TestHostileRevisions::offlineSqlRefusesTransactionControl()
{
    Fixture f(false);
    f.writeRevision(s("CREATE TABLE a (x INT);\nCOMMIT;"));
    Result<ScriptStore> store = f.load();
    QVERIFY(store.ok());
    Result<MigrationEngine> engine = MigrationEngine::open(f.config);
    QVERIFY(engine.ok());
    for (const auto kind : {dialect::DialectKind::Sqlite, dialect::DialectKind::Postgres}) {
        const Result<QString> sql = engine->offlineSql(Direction::Upgrade, s("head"), kind, false);
        QVERIFY(!sql.ok());
        QVERIFY2(sql.error().message.startsWith(at(1) + s(" COMMIT in a transactional revision")), qPrintable(sql.error().message));
    }
    f.writeRevision(s("CREATE TABLE a (x INT);\n/* open"));
    engine = MigrationEngine::open(f.config);
    QVERIFY(engine.ok());
    const Result<QString> sql = engine->offlineSql(Direction::Upgrade, s("head"), dialect::DialectKind::Postgres, false);
    QVERIFY(!sql.ok());
    QVERIFY2(sql.error().message.startsWith(at(1) + s(" an unterminated /* comment")), qPrintable(sql.error().message));
}

// psql splits CREATE RULE ... DO ALSO (a; b) as one statement; so does the runner.
void TestHostileRevisions::ruleWithSemicolonsInParentheses()
{
    STRATA_REQUIRE_PG(pgUrl);
    Fixture f(true);
    QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
    f.writeRevision(s("CREATE TABLE t (x INT);\nCREATE TABLE a (x INT);\nCREATE TABLE b (x INT);\n"
                      "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (new.x); INSERT INTO b VALUES (new.x));\n"
                      "INSERT INTO t VALUES (1);"));
    Result<ScriptStore> store = f.load();
    QVERIFY(store.ok());
    const Result<RunResult> r = f.upgrade(*store);
    QVERIFY2(r.ok(), qPrintable(message(r)));
    QCOMPARE(f.count(s("a")), 1);
    QCOMPARE(f.count(s("b")), 1);
}

// Server messages come in the session's client encoding. A revision taken from a dump of a
// LATIN1 database starts with SET client_encoding = 'LATIN1': from then on the server sends
// Latin-1 bytes, which must read as Latin-1, not as replacement characters.
void TestHostileRevisions::latin1ServerMessage()
{
    STRATA_REQUIRE_PG(pgUrl);
    Fixture f(true);
    QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
    f.writeRevision(s("SET client_encoding = 'LATIN1';\nDO $$ BEGIN RAISE EXCEPTION 'caf%', chr(233); END $$;"));
    Result<ScriptStore> store = f.load();
    QVERIFY(store.ok());
    const Result<RunResult> r = f.upgrade(*store);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.endsWith(s("caf\u00e9")), qPrintable(message(r)));
}

QStringList g_notices;

void collectNotice(void *, const PGresult *result)
{
    g_notices.append(QString::fromUtf8(PQresultErrorMessage(result)).trimmed());
}

// The version tables exist after the first run; the next runs check before creating, so the
// server sends no "relation ... already exists, skipping" notice (libpq printed it on stderr
// on every run). Notices are caught on the connection itself, where libpq delivers them.
void TestHostileRevisions::noNoticesAboutBookkeeping()
{
    STRATA_REQUIRE_PG(pgUrl);
    Fixture f(true);
    QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
    f.writeRevision(s("CREATE TABLE a (x INT);"));
    Result<ScriptStore> store = f.load();
    QVERIFY(store.ok());
    pg_conn *conn = connection::NativeHandle::postgresHandle(f.db);
    QVERIFY(conn);
    g_notices.clear();
    const PQnoticeReceiver previous = PQsetNoticeReceiver(conn, collectNotice, nullptr);
    const Result<RunResult> first = f.upgrade(*store);
    const Result<RunResult> second = f.upgrade(*store);
    RunnerOptions o;
    const Result<RunResult> stamped = MigrationRunner(f.db, *store, o).stamp({s("a1")}, false);
    QSqlQuery probe(f.db);
    probe.exec(s("DO $$ BEGIN RAISE NOTICE 'the receiver works'; END $$"));
    PQsetNoticeReceiver(conn, previous, nullptr);
    QVERIFY2(first.ok() && second.ok() && stamped.ok(), qPrintable(message(first) + message(second)));
    QVERIFY2(second->nothingToDo(), "the second run had work");
    QCOMPARE(g_notices, QStringList{s("NOTICE:  the receiver works")});
}

STRATA_TEST_MAIN(TestHostileRevisions)
#include "tst_hostilerevisions.moc"
