// A connection's life beyond opening: a password from .pgpass, reconnecting after the
// server restarted mid-session (the throwaway server is restarted here, so this test runs
// alone), read-only enforcement with a clear message, and abandoning a connect to a host
// that never answers without blocking the caller.

#include "connection/connection.h"
#include "connection/pgenvironment.h"
#include "support/scratchdatabase.h"
#include "support/connectionwaits.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QtTest>

using namespace strata;
using namespace strata::connection;

namespace {

using test::openAndWait;
using test::pgTarget;
using test::PgTarget;

Result<int> execAndWait(Connection &c, const QString &sql)
{
    std::optional<Result<int>> outcome;
    QObject context;
    c.run<int>(&context, [sql](JobContext &j) -> Result<int> {
        QSqlQuery q(j.db);
        if (!q.exec(sql))
            return j.dialect.mapError(q.lastError(), sql);
        return q.next() ? q.value(0).toInt() : q.numRowsAffected();
    }, [&outcome](Result<int> r) { outcome = std::move(r); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        return Error(ErrorKind::Internal, QStringLiteral("job never answered"));
    return *outcome;
}

} // namespace

class TestConnectionLifecycle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void passwordComesFromPgPass();
    void readOnlyPostgresRejectsWritesClearly();
    void readOnlySqliteRejectsWritesClearly();
    void abandonedConnectDoesNotBlock();
    void reconnectsAfterServerRestart();
};

void TestConnectionLifecycle::passwordComesFromPgPass()
{
    STRATA_REQUIRE_PG(url);
    const PgTarget t = pgTarget(url);
    const QString passFile = test::tempPath(QStringLiteral("pgpass"));
    {
        QFile f(passFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("%1:%2:*:%3:%4\n").arg(t.profile.host).arg(t.profile.port).arg(t.profile.user, t.password).toUtf8());
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    // Without the file, the server asks for a password that nobody gave.
    {
        Connection c(t.profile);
        const auto info = openAndWait(c, std::nullopt);
        QVERIFY(!info.ok());
        QCOMPARE(info.error().field, QStringLiteral("password"));
    }
    qputenv("PGPASSFILE", QFile::encodeName(passFile));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const PasswordLookup lookup = lookupPassword(t.profile, env);
    QCOMPARE(lookup.source, PasswordSource::PasswordFile);   // what the dialog shows
    QCOMPARE(lookup.filePath, passFile);
    Connection c(t.profile);
    const auto info = openAndWait(c, std::nullopt);   // libpq reads the file itself
    qunsetenv("PGPASSFILE");
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
}

void TestConnectionLifecycle::readOnlyPostgresRejectsWritesClearly()
{
    STRATA_REQUIRE_PG(url);
    test::ScratchPgDatabase scratch(url);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    PgTarget t = pgTarget(scratch.url());
    {
        Connection writer(t.profile);
        QVERIFY(openAndWait(writer, t.password).ok());
        QVERIFY(execAndWait(writer, QStringLiteral("CREATE TABLE notes (id int)")).ok());
    }
    t.profile.readOnly = true;
    Connection c(t.profile);
    const auto info = openAndWait(c, t.password);
    QVERIFY(info.ok());
    QVERIFY(info->readOnly);
    QCOMPARE(execAndWait(c, QStringLiteral("SELECT count(*) FROM notes")).value(), 0);   // reads work
    for (const QString &sql : {QStringLiteral("INSERT INTO notes VALUES (1)"), QStringLiteral("UPDATE notes SET id = 2"),
                               QStringLiteral("DELETE FROM notes"), QStringLiteral("DROP TABLE notes")}) {
        const auto r = execAndWait(c, sql);
        QVERIFY2(!r.ok(), qPrintable(sql));
        QCOMPARE(r.error().kind, ErrorKind::Permission);
        QVERIFY2(r.error().message.contains(QLatin1String("read-only transaction")), qPrintable(r.error().message));
    }
}

void TestConnectionLifecycle::readOnlySqliteRejectsWritesClearly()
{
    const QString path = test::tempPath(QStringLiteral("ro.db"));
    ConnectionProfile p;
    p.driver = DialectKind::Sqlite;
    p.filePath = path;
    p.createIfMissing = true;
    {
        Connection writer(p);
        QVERIFY(openAndWait(writer, std::nullopt).ok());
        QVERIFY(execAndWait(writer, QStringLiteral("CREATE TABLE notes (id int)")).ok());
    }
    p.readOnly = true;
    Connection c(p);
    QVERIFY(openAndWait(c, std::nullopt).ok());
    const auto r = execAndWait(c, QStringLiteral("INSERT INTO notes VALUES (1)"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Permission);
    QVERIFY2(r.error().message.contains(QLatin1String("readonly database")), qPrintable(r.error().message));
}

void TestConnectionLifecycle::abandonedConnectDoesNotBlock()
{
    // A "server" that accepts and then never says a word: libpq waits for its timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] { held << silent.nextPendingConnection(); });
    ConnectionProfile p;
    p.driver = DialectKind::Postgres;
    p.host = QStringLiteral("127.0.0.1");
    p.port = silent.serverPort();
    p.user = QStringLiteral("nobody");
    p.connectTimeout = 3;
    QPointer<Connection> c = new Connection(p);
    bool answered = false;
    c->open(QStringLiteral("x"), [&answered](const Result<ServerInfo> &) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(!held.isEmpty(), 5000);   // libpq is connected and waiting

    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(50);
    QElapsedTimer timer;
    timer.start();
    c->disposeLater();
    // Returns at once: waiting for libpq would take its connectTimeout (3 s); 1 s keeps
    // that apart with room for the sanitizers' slowdown.
    QVERIFY(timer.elapsed() < 1000);
    QTRY_VERIFY_WITH_TIMEOUT(c.isNull(), 10000);  // gone once libpq gave up
    QVERIFY2(ticks >= 20, qPrintable(QStringLiteral("the event loop ticked only %1 times").arg(ticks)));
    QVERIFY(!answered);                          // the abandoned result is dropped
    qDeleteAll(held);
}

void TestConnectionLifecycle::reconnectsAfterServerRestart()
{
    STRATA_REQUIRE_PG(url);
    const QString dataDir = qEnvironmentVariable("STRATA_TEST_PG_DATA");
    const QStringList pgCtl = qEnvironmentVariable("STRATA_TEST_PG_CTL").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QVERIFY2(!dataDir.isEmpty() && !pgCtl.isEmpty(), "STRATA_TEST_PG_DATA / STRATA_TEST_PG_CTL are set by scripts/with-postgres.sh");
    const PgTarget t = pgTarget(url);
    Connection c(t.profile);
    QVERIFY(openAndWait(c, t.password).ok());
    QCOMPARE(execAndWait(c, QStringLiteral("SELECT 41 + 1")).value(), 42);
    QSignalSpy states(&c, &Connection::stateChanged);

    QProcess restart;
    restart.setProcessChannelMode(QProcess::MergedChannels);
    const QString log = QFileInfo(dataDir).absolutePath() + QStringLiteral("/restart.log");
    restart.start(pgCtl.first(), pgCtl.mid(1) + QStringList{QStringLiteral("-D"), dataDir, QStringLiteral("-m"), QStringLiteral("fast"),
                                                            QStringLiteral("-w"), QStringLiteral("-l"), log, QStringLiteral("restart")});
    QVERIFY(restart.waitForFinished(60000));
    QVERIFY2(restart.exitCode() == 0, restart.readAll().constData());

    // The next action finds the connection gone, and the state says so.
    const auto lost = execAndWait(c, QStringLiteral("SELECT 1"));
    QVERIFY(!lost.ok());
    QTRY_COMPARE_WITH_TIMEOUT(c.state(), Connection::State::Lost, 5000);
    QVERIFY(!c.lastError().message.isEmpty());

    std::optional<Result<ServerInfo>> reopened;
    c.reconnect([&reopened](const Result<ServerInfo> &r) { reopened = r; });   // the same password, kept in memory
    QVERIFY(QTest::qWaitFor([&] { return reopened.has_value(); }, 20000));
    QVERIFY2(reopened->ok(), qPrintable(reopened->ok() ? QString() : reopened->error().toString()));
    QCOMPARE(c.state(), Connection::State::Open);
    QCOMPARE(execAndWait(c, QStringLiteral("SELECT 6 * 7")).value(), 42);
    QVERIFY(states.count() >= 3);   // Lost, Connecting, Open
}

STRATA_TEST_MAIN(TestConnectionLifecycle)
#include "tst_connectionlifecycle.moc"
