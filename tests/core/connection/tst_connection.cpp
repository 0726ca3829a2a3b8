// Opening connections on worker threads, their errors, read-only enforcement and cancel,
// against real SQLite files and the throwaway PostgreSQL server.

#include "connection/connection.h"
#include "support/connectionwaits.h"
#include "support/testenvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QtTest>
#include <atomic>

using namespace strata;
using namespace strata::connection;

namespace {

ConnectionProfile sqliteProfile(const QString &path, bool readOnly = false, bool create = false)
{
    ConnectionProfile p;
    p.driver = DialectKind::Sqlite;
    p.filePath = path;
    p.readOnly = readOnly;
    p.createIfMissing = create;
    return p;
}

using test::openAndWait;
using test::pgTarget;
using test::PgTarget;

template <typename T>
Result<T> runAndWait(Connection &c, std::function<Result<T>(JobContext &)> job, int timeoutMs = 20000)
{
    std::optional<Result<T>> outcome;
    QObject context;
    c.run<T>(&context, std::move(job), [&outcome](Result<T> r) { outcome = std::move(r); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, timeoutMs))
        return Error(ErrorKind::Internal, QStringLiteral("job never answered"));
    return *outcome;
}

Result<int> execJob(JobContext &j, const QString &sql)
{
    QSqlQuery q(j.db);
    if (!q.exec(sql))
        return j.dialect.mapError(q.lastError(), sql);
    return q.numRowsAffected();
}

} // namespace

class TestConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sqliteOpensOnWorkerThread();
    void sqliteReadOnlyMissingFileIsNotCreated();
    void sqliteMissingFileWithoutCreate();
    void sqliteNotADatabase();
    void sqliteReadOnlyRejectsWrites();
    void sqliteCancelStopsLongQuery();
    void jobOnClosedConnectionFails();
    void resultDroppedWhenContextDies();
    void postgresOpens();
    void postgresWrongPassword();
    void postgresUnreachablePort();
    void postgresMissingDatabase();
    void postgresSslRequired();
    void postgresReadOnlyRejectsWrites();
    void postgresCancelStopsSleep();
};

void TestConnection::sqliteOpensOnWorkerThread()
{
    const QString path = test::tempPath(QStringLiteral("worker.db"));
    Connection c(sqliteProfile(path, false, true), QStringLiteral("test"));
    const auto info = openAndWait(c, std::nullopt);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
    QCOMPARE(c.state(), Connection::State::Open);
    QCOMPARE(info->product, QStringLiteral("SQLite"));
    QVERIFY(info->version.startsWith(QLatin1String("3.")));

    QThread *jobThread = nullptr;
    const auto r = runAndWait<int>(c, [&jobThread](JobContext &j) -> Result<int> {
        jobThread = QThread::currentThread();
        return execJob(j, QStringLiteral("CREATE TABLE t(x)"));
    });
    QVERIFY(r.ok());
    QVERIFY(jobThread != nullptr);
    QVERIFY(jobThread != QThread::currentThread());
    QVERIFY(QFile::exists(path));
}

void TestConnection::sqliteReadOnlyMissingFileIsNotCreated()
{
    const QString path = test::tempPath(QStringLiteral("absent.db"));
    Connection c(sqliteProfile(path, true, true));
    const auto info = openAndWait(c, std::nullopt);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::NotFound);
    QCOMPARE(info.error().field, QStringLiteral("file"));
    QVERIFY(info.error().message.contains(path));
    QCOMPARE(c.state(), Connection::State::Failed);
    QVERIFY(!QFile::exists(path));
}

void TestConnection::sqliteMissingFileWithoutCreate()
{
    const QString path = test::tempPath(QStringLiteral("absent2.db"));
    Connection c(sqliteProfile(path));
    const auto info = openAndWait(c, std::nullopt);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::NotFound);
    QVERIFY(!QFile::exists(path));
}

void TestConnection::sqliteNotADatabase()
{
    const QString path = test::tempPath(QStringLiteral("text.db"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    Connection c(sqliteProfile(path));
    const auto info = openAndWait(c, std::nullopt);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Io);
    QVERIFY2(info.error().message.contains(QLatin1String("not a SQLite database")), qPrintable(info.error().message));
}

void TestConnection::sqliteReadOnlyRejectsWrites()
{
    const QString path = test::tempPath(QStringLiteral("ro.db"));
    {
        Connection writer(sqliteProfile(path, false, true));
        QVERIFY(openAndWait(writer, std::nullopt).ok());
        QVERIFY(runAndWait<int>(writer, [](JobContext &j) { return execJob(j, QStringLiteral("CREATE TABLE t(x)")); }).ok());
    }
    Connection c(sqliteProfile(path, true));
    const auto info = openAndWait(c, std::nullopt);
    QVERIFY(info.ok());
    QVERIFY(info->readOnly);
    const auto r = runAndWait<int>(c, [](JobContext &j) { return execJob(j, QStringLiteral("INSERT INTO t VALUES (1)")); });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Permission);
    const auto r2 = runAndWait<int>(c, [](JobContext &j) { return execJob(j, QStringLiteral("PRAGMA query_only = OFF")); });
    // Even switching query_only off leaves the file opened read-only.
    const auto r3 = runAndWait<int>(c, [](JobContext &j) { return execJob(j, QStringLiteral("INSERT INTO t VALUES (1)")); });
    QVERIFY(!r3.ok());
    Q_UNUSED(r2);
}

void TestConnection::sqliteCancelStopsLongQuery()
{
    Connection c(sqliteProfile(test::tempPath(QStringLiteral("cancel.db")), false, true));
    QVERIFY(openAndWait(c, std::nullopt).ok());
    std::optional<Result<int>> outcome;
    QObject context;
    QElapsedTimer timer;
    timer.start();
    c.run<int>(&context, [](JobContext &j) {
        // A recursive count to ten billion: minutes of work unless interrupted.
        return execJob(j, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000000) "
                                         "SELECT count(*) FROM n"));
    }, [&outcome](Result<int> r) { outcome = r; });
    QTest::qWait(200);
    QVERIFY(!outcome.has_value());
    QVERIFY(c.cancel());
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 5000));
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, ErrorKind::Cancelled);
    QVERIFY(timer.elapsed() < 5000);
    // The connection is still usable.
    QVERIFY(runAndWait<int>(c, [](JobContext &j) { return execJob(j, QStringLiteral("SELECT 1")); }).ok());
}

void TestConnection::jobOnClosedConnectionFails()
{
    Connection c(sqliteProfile(test::tempPath(QStringLiteral("closed.db")), false, true));
    const auto r = runAndWait<int>(c, [](JobContext &j) { return execJob(j, QStringLiteral("SELECT 1")); });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Connection);
}

void TestConnection::resultDroppedWhenContextDies()
{
    Connection c(sqliteProfile(test::tempPath(QStringLiteral("ctx.db")), false, true));
    QVERIFY(openAndWait(c, std::nullopt).ok());
    bool called = false;
    std::atomic<bool> ran = false;
    auto *context = new QObject;
    c.run<int>(context, [&ran](JobContext &j) { ran = true; return execJob(j, QStringLiteral("SELECT 1")); },
               [&called](Result<int>) { called = true; });
    delete context;
    // Jobs run and answer in order: once a later job has answered, the first one's answer
    // has been delivered, or dropped.
    QVERIFY(runAndWait<int>(c, [](JobContext &j) { return execJob(j, QStringLiteral("SELECT 2")); }).ok());
    QVERIFY(ran);
    QVERIFY(!called);
}

void TestConnection::postgresOpens()
{
    STRATA_REQUIRE_PG(url);
    const PgTarget t = pgTarget(url);
    Connection c(t.profile);
    const auto info = openAndWait(c, t.password);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
    QCOMPARE(info->product, QStringLiteral("PostgreSQL"));
    QVERIFY(info->versionNumber >= 150000);
    QCOMPARE(info->currentUser, t.profile.user);
    QCOMPARE(info->currentDatabase, t.profile.database);
    QVERIFY(!info->readOnly);
}

void TestConnection::postgresWrongPassword()
{
    STRATA_REQUIRE_PG(url);
    const PgTarget t = pgTarget(url);
    Connection c(t.profile);
    const auto info = openAndWait(c, t.password + QStringLiteral("-wrong"));
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Auth);
    QCOMPARE(info.error().field, QStringLiteral("password"));
    QVERIFY2(!info.error().message.contains(t.password), "the message must not echo the password");
}

void TestConnection::postgresUnreachablePort()
{
    STRATA_REQUIRE_PG(url);
    PgTarget t = pgTarget(url);
    t.profile.port = 1;   // nothing listens on port 1 of loopback
    Connection c(t.profile);
    QElapsedTimer timer;
    timer.start();
    const auto info = openAndWait(c, t.password);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Connection);
    QCOMPARE(info.error().field, QStringLiteral("host"));
    QVERIFY(timer.elapsed() < 6000);
}

void TestConnection::postgresMissingDatabase()
{
    STRATA_REQUIRE_PG(url);
    PgTarget t = pgTarget(url);
    t.profile.database = QStringLiteral("no_such_database_here");
    Connection c(t.profile);
    const auto info = openAndWait(c, t.password);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::NotFound);
    QCOMPARE(info.error().field, QStringLiteral("database"));
}

void TestConnection::postgresSslRequired()
{
    STRATA_REQUIRE_PG(url);
    PgTarget t = pgTarget(url);
    t.profile.sslMode = QStringLiteral("require");   // the throwaway server has no SSL
    Connection c(t.profile);
    const auto info = openAndWait(c, t.password);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Connection);
    QCOMPARE(info.error().field, QStringLiteral("sslmode"));
}

void TestConnection::postgresReadOnlyRejectsWrites()
{
    STRATA_REQUIRE_PG(url);
    PgTarget t = pgTarget(url);
    t.profile.readOnly = true;
    Connection c(t.profile);
    const auto info = openAndWait(c, t.password);
    QVERIFY(info.ok());
    QVERIFY(info->readOnly);
    const auto r = runAndWait<int>(c, [](JobContext &j) {
        return execJob(j, QStringLiteral("CREATE TABLE ro_probe_%1 (x int)").arg(QDateTime::currentMSecsSinceEpoch()));
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Permission);
    QCOMPARE(r.error().sqlState, QStringLiteral("25006"));
}

void TestConnection::postgresCancelStopsSleep()
{
    STRATA_REQUIRE_PG(url);
    const PgTarget t = pgTarget(url);
    Connection c(t.profile);
    QVERIFY(openAndWait(c, t.password).ok());
    std::optional<Result<int>> outcome;
    QObject context;
    QElapsedTimer timer;
    timer.start();
    c.run<int>(&context, [](JobContext &j) { return execJob(j, QStringLiteral("SELECT pg_sleep(60)")); },
               [&outcome](Result<int> r) { outcome = r; });
    QTest::qWait(300);
    QVERIFY(!outcome.has_value());
    QVERIFY(c.cancel());
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 5000));
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, ErrorKind::Cancelled);
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(runAndWait<int>(c, [](JobContext &j) { return execJob(j, QStringLiteral("SELECT 1")); }).ok());
}

STRATA_TEST_MAIN(TestConnection)
#include "tst_connection.moc"
