// SSH tunnels through a real OpenSSH server on loopback, started here with a throwaway host
// key and user key, to the throwaway PostgreSQL server; and each way a tunnel fails.

#include "connection/connection.h"
#include "support/connectionwaits.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QtTest>
#include <unistd.h>

using namespace strata;
using namespace strata::connection;

namespace {

using test::openAndWait;

/// The server's view of a session: its database and the TCP port of its client socket.
struct SessionPeer {
    QString database;
    int clientPort = 0;
};

Result<SessionPeer> sessionPeer(Connection &c)
{
    std::optional<Result<SessionPeer>> seen;
    QObject context;
    c.run<SessionPeer>(&context, [](JobContext &j) -> Result<SessionPeer> {
        QSqlQuery q(j.db);
        if (!q.exec(QStringLiteral("SELECT current_database(), inet_client_port()")) || !q.next())
            return Error(ErrorKind::Internal, QStringLiteral("query failed"));
        return SessionPeer{q.value(0).toString(), q.value(1).toInt()};
    }, [&seen](Result<SessionPeer> r) { seen = r; });
    if (!QTest::qWaitFor([&] { return seen.has_value(); }, 10000))
        return Error(ErrorKind::Internal, QStringLiteral("the query never answered"));
    return *seen;
}

/// Whether the loopback TCP socket bound to local port `port` is one of this process's own
/// file descriptors (/proc/net/tcp{,6} gives the socket's inode, /proc/self/fd our sockets).
/// A session that went through the tunnel has sshd's socket as its client, never ours.
bool socketIsOurs(int port, QString *why)
{
    QSet<QString> ours;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        char buffer[256];
        const ssize_t n = ::readlink(QFile::encodeName(fds.filePath(fd)).constData(), buffer, sizeof buffer - 1);
        const QString link = n > 0 ? QString::fromLatin1(buffer, int(n)) : QString();
        if (link.startsWith(QLatin1String("socket:[")))
            ours.insert(link.mid(8).chopped(1));
    }
    int found = 0;
    for (const QString &table : {QStringLiteral("/proc/net/tcp"), QStringLiteral("/proc/net/tcp6")}) {
        QFile f(table);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        f.readLine();   // header
        while (!f.atEnd()) {
            const QStringList fields = QString::fromLatin1(f.readLine()).simplified().split(QLatin1Char(' '));
            if (fields.size() < 10 || fields.at(1).section(QLatin1Char(':'), 1).toInt(nullptr, 16) != port)
                continue;
            ++found;
            if (ours.contains(fields.at(9)))
                return true;
        }
    }
    *why = QStringLiteral("%1 socket(s) on local port %2, none among this process's %3 sockets").arg(found).arg(port).arg(ours.size());
    return false;
}

bool run(const QString &program, const QStringList &args, QString *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok = p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return ok;
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeText(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
}

} // namespace

class TestSshTunnel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void commandLineHasNoPassword();
    void connectsThroughTunnelAndStopsWithConnection();
    void unknownHostKeyIsReported();
    void wrongKeyIsReported();
    void refusedSshPortIsReported();
    void closedRemotePortIsReported();

private:
    ConnectionProfile tunnelProfile() const;
    QStringList sshOptions(const QString &knownHosts) const;

    QString m_dir;
    QProcess m_sshd;
    int m_sshPort = 0;
    QString m_pgPassword;
    ConnectionProfile m_pg;
};

void TestSshTunnel::initTestCase()
{
    STRATA_REQUIRE_PG(url);
    const QUrl pgUrl(url);
    m_pg.driver = DialectKind::Postgres;
    m_pg.host = pgUrl.host();
    m_pg.port = pgUrl.port();
    m_pg.user = pgUrl.userName();
    m_pg.database = pgUrl.path().mid(1);
    m_pg.connectTimeout = 5;
    m_pgPassword = pgUrl.password();

    const QString sshd = QStringLiteral("/usr/sbin/sshd");
    QVERIFY2(QFile::exists(sshd), "OpenSSH server missing: scripts/install-deps.sh installs openssh-server");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("ssh")).isEmpty(), "OpenSSH client missing (openssh-client)");
    m_dir = QFileInfo(test::tempPath(QStringLiteral("x"))).absolutePath();
    QVERIFY(run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                                               QString(), QStringLiteral("-f"), m_dir + QStringLiteral("/host_key")}));
    QVERIFY(run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                                               QString(), QStringLiteral("-f"), m_dir + QStringLiteral("/user_key")}));
    QVERIFY(run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                                               QString(), QStringLiteral("-f"), m_dir + QStringLiteral("/stranger_key")}));
    QVERIFY(writeText(m_dir + QStringLiteral("/authorized_keys"), readText(m_dir + QStringLiteral("/user_key.pub"))));
    m_sshPort = TunnelProcess::freeLocalPort();
    QVERIFY(m_sshPort > 0);
    const QString config = QStringLiteral(
        "Port %1\nListenAddress 127.0.0.1\nHostKey %2/host_key\nAuthorizedKeysFile %2/authorized_keys\n"
        "PidFile none\nStrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "PermitRootLogin prohibit-password\nAllowTcpForwarding yes\nLogLevel VERBOSE\n").arg(m_sshPort).arg(m_dir);
    QVERIFY(writeText(m_dir + QStringLiteral("/sshd_config"), config));
    // sshd needs its privilege-separation directory when it runs as root.
    if (::geteuid() == 0)
        QDir().mkpath(QStringLiteral("/run/sshd"));
    m_sshd.setProcessChannelMode(QProcess::MergedChannels);
    m_sshd.start(sshd, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), m_dir + QStringLiteral("/sshd_config")});
    QString log;
    const bool listening = QTest::qWaitFor([&] {
        log += QString::fromLocal8Bit(m_sshd.readAll());
        return log.contains(QLatin1String("Server listening")) || m_sshd.state() == QProcess::NotRunning;
    }, 10000);
    QVERIFY2(listening && m_sshd.state() == QProcess::Running, qPrintable(QStringLiteral("sshd did not start: ") + log));
    // Trust the throwaway host key in a known_hosts file of our own.
    const QString hostKey = readText(m_dir + QStringLiteral("/host_key.pub")).section(QLatin1Char(' '), 0, 1);
    QVERIFY(writeText(m_dir + QStringLiteral("/known_hosts"), QStringLiteral("[127.0.0.1]:%1 %2\n").arg(m_sshPort).arg(hostKey)));
    QVERIFY(writeText(m_dir + QStringLiteral("/empty_known_hosts"), QString()));
}

void TestSshTunnel::cleanupTestCase()
{
    if (m_sshd.state() != QProcess::NotRunning) {
        m_sshd.terminate();
        m_sshd.waitForFinished(5000);
    }
}

ConnectionProfile TestSshTunnel::tunnelProfile() const
{
    ConnectionProfile p = m_pg;
    p.sshHost = QStringLiteral("127.0.0.1");
    p.sshPort = m_sshPort;
    p.sshUser = qEnvironmentVariable("USER", QStringLiteral("root"));
    if (::geteuid() == 0)
        p.sshUser = QStringLiteral("root");
    p.sshIdentityFile = m_dir + QStringLiteral("/user_key");
    return p;
}

QStringList TestSshTunnel::sshOptions(const QString &knownHosts) const
{
    // -F /dev/null: the developer's ~/.ssh/config must not change the test (ssh reads the
    // passwd home, not $HOME); the known_hosts file is ours.
    return {QStringLiteral("-F"), QStringLiteral("/dev/null"), QStringLiteral("-o"), QStringLiteral("UserKnownHostsFile=") + knownHosts,
            QStringLiteral("-o"), QStringLiteral("GlobalKnownHostsFile=/dev/null"), QStringLiteral("-o"),
            QStringLiteral("StrictHostKeyChecking=yes")};
}

void TestSshTunnel::commandLineHasNoPassword()
{
    ConnectionProfile p = tunnelProfile();
    p.sshJumpHost = QStringLiteral("hop@gw.example.com:2200");
    p.host = QStringLiteral("db.internal");
    p.port = 6543;
    const QStringList args = TunnelProcess::arguments(p, 40001);
    const QString line = args.join(QLatin1Char(' '));
    QVERIFY(!line.contains(m_pgPassword));
    QVERIFY(args.contains(QStringLiteral("-N")));
    QVERIFY(line.contains(QLatin1String("-L 127.0.0.1:40001:db.internal:6543")));
    QVERIFY(line.contains(QLatin1String("-o BatchMode=yes")));
    QVERIFY(line.contains(QLatin1String("-o ExitOnForwardFailure=yes")));
    QVERIFY(line.contains(QLatin1String("-J hop@gw.example.com:2200")));
    QVERIFY(line.contains(QStringLiteral("-p %1").arg(m_sshPort)));
    QVERIFY(line.contains(QStringLiteral("-i %1/user_key").arg(m_dir)));
    QCOMPARE(args.last(), QStringLiteral("127.0.0.1"));
    QCOMPARE(args.at(args.size() - 2), QStringLiteral("--"));
}

void TestSshTunnel::connectsThroughTunnelAndStopsWithConnection()
{
    int localPort = 0;
    {
        Connection c(tunnelProfile(), QStringLiteral("ssh"));
        c.setTunnelArguments(sshOptions(m_dir + QStringLiteral("/known_hosts")));
        const Result<ServerInfo> info = openAndWait(c, m_pgPassword);
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString() + QLatin1Char('\n') + info.error().detail));
        QCOMPARE(info->product, QStringLiteral("PostgreSQL"));
        QVERIFY(c.tunnel() && c.tunnel()->isReady());
        localPort = c.tunnel()->localPort();
        QVERIFY(localPort != m_pg.port);
        // The session really comes through sshd: the client socket the server sees is not one
        // of this process's sockets (it is sshd's), as it would be on a direct connection.
        const Result<SessionPeer> peer = sessionPeer(c);
        QVERIFY2(peer.ok(), qPrintable(peer.ok() ? QString() : peer.error().message));
        QCOMPARE(peer->database, m_pg.database);
        QString why;
        QVERIFY2(!socketIsOurs(peer->clientPort, &why),
                 "the server's client socket belongs to this process: the connection did not go through the tunnel");
        // The same check on a direct connection finds our own socket, so it can tell them apart.
        Connection direct(m_pg);
        QVERIFY(openAndWait(direct, m_pgPassword).ok());
        const Result<SessionPeer> directPeer = sessionPeer(direct);
        QVERIFY(directPeer.ok());
        QVERIFY2(socketIsOurs(directPeer->clientPort, &why), qPrintable(why));
        c.close();
        QVERIFY(!c.tunnel());
    }
    // ssh stopped: the local port is free again.
    const Result<ServerInfo> again = [&] {
        ConnectionProfile direct = m_pg;
        direct.host = QStringLiteral("127.0.0.1");
        direct.port = localPort;
        Connection d(direct);
        return openAndWait(d, m_pgPassword);
    }();
    QVERIFY(!again.ok());
    QCOMPARE(again.error().field, QStringLiteral("host"));
}

void TestSshTunnel::unknownHostKeyIsReported()
{
    Connection c(tunnelProfile(), QStringLiteral("ssh"));
    c.setTunnelArguments(sshOptions(m_dir + QStringLiteral("/empty_known_hosts")));
    const Result<ServerInfo> info = openAndWait(c, m_pgPassword);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Auth);
    QCOMPARE(info.error().field, QStringLiteral("sshHost"));
    QVERIFY2(info.error().message.contains(QLatin1String("host key")), qPrintable(info.error().message));
    QVERIFY(info.error().detail.contains(QLatin1String("Host key verification failed")));
    QCOMPARE(c.state(), Connection::State::Failed);
}

void TestSshTunnel::wrongKeyIsReported()
{
    ConnectionProfile p = tunnelProfile();
    p.sshIdentityFile = m_dir + QStringLiteral("/stranger_key");
    Connection c(p, QStringLiteral("ssh"));
    c.setTunnelArguments(sshOptions(m_dir + QStringLiteral("/known_hosts")));
    const Result<ServerInfo> info = openAndWait(c, m_pgPassword);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Auth);
    QCOMPARE(info.error().field, QStringLiteral("sshIdentityFile"));
    QVERIFY2(info.error().message.contains(QLatin1String("authentication")), qPrintable(info.error().message));
    QVERIFY(info.error().detail.contains(QLatin1String("Permission denied")));
}

void TestSshTunnel::refusedSshPortIsReported()
{
    ConnectionProfile p = tunnelProfile();
    p.sshPort = TunnelProcess::freeLocalPort();
    Connection c(p, QStringLiteral("ssh"));
    c.setTunnelArguments(sshOptions(m_dir + QStringLiteral("/known_hosts")));
    const Result<ServerInfo> info = openAndWait(c, m_pgPassword);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Connection);
    QCOMPARE(info.error().field, QStringLiteral("sshPort"));
    QVERIFY2(info.error().message.contains(QLatin1String("No SSH server")), qPrintable(info.error().message));
}

void TestSshTunnel::closedRemotePortIsReported()
{
    ConnectionProfile p = tunnelProfile();
    p.port = TunnelProcess::freeLocalPort();   // nothing listens there on the SSH server's side
    Connection c(p, QStringLiteral("ssh"));
    c.setTunnelArguments(sshOptions(m_dir + QStringLiteral("/known_hosts")));
    const Result<ServerInfo> info = openAndWait(c, m_pgPassword);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().kind, ErrorKind::Connection);
    QCOMPARE(info.error().field, QStringLiteral("host"));
    QVERIFY2(info.error().message.contains(QLatin1String("could not reach the database")),
             qPrintable(info.error().message + QLatin1Char('\n') + info.error().detail));
}

STRATA_TEST_MAIN(TestSshTunnel)
#include "tst_sshtunnel.moc"
