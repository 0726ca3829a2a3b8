#include "tunnelprocess.h"

#include "databaseopener.h"

#include <QHostAddress>
#include <QTcpServer>

namespace strata::connection {

namespace {

/// ssh -v says this once the local port listens, which is after authentication.
const QLatin1String kListening("Local forwarding listening on");

/// ssh's stderr without its -v debug lines: what a person should read.
QString plainLines(const QString &text)
{
    QStringList kept;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith(QLatin1String("debug")) && !t.startsWith(QLatin1String("OpenSSH_")))
            kept << t;
    }
    return kept.join(QLatin1Char('\n'));
}

QString destination(const ConnectionProfile &p)
{
    return QStringLiteral("%1:%2").arg(p.host.isEmpty() ? QStringLiteral("localhost") : p.host).arg(p.port > 0 ? p.port : 5432);
}

} // namespace

TunnelProcess::TunnelProcess(ConnectionProfile profile, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(Error(ErrorKind::Connection, QStringLiteral("The SSH tunnel to %1 was not ready in time.").arg(m_profile.sshHost))
                 .withField(QStringLiteral("sshHost"))
                 .withDetail(plainLines(QString::fromLocal8Bit(m_stderr))));
    });
}

TunnelProcess::~TunnelProcess()
{
    stop();
}

QStringList TunnelProcess::arguments(const ConnectionProfile &p, int localPort, const QStringList &extra)
{
    QString remoteHost = p.host.isEmpty() || p.host.startsWith(QLatin1Char('/')) ? QStringLiteral("localhost") : p.host;
    if (remoteHost.contains(QLatin1Char(':')))
        remoteHost = QLatin1Char('[') + remoteHost + QLatin1Char(']');   // IPv6 literal
    QStringList args{QStringLiteral("-v"), QStringLiteral("-N"), QStringLiteral("-L"),
                     QStringLiteral("127.0.0.1:%1:%2:%3").arg(localPort).arg(remoteHost).arg(p.port > 0 ? p.port : 5432),
                     QStringLiteral("-o"), QStringLiteral("ExitOnForwardFailure=yes"),
                     QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
                     QStringLiteral("-o"), QStringLiteral("ServerAliveInterval=30")};
    const int timeout = p.connectTimeout > 0 ? p.connectTimeout : kDefaultConnectTimeoutSeconds;
    args << QStringLiteral("-o") << QStringLiteral("ConnectTimeout=%1").arg(timeout);
    if (!p.sshJumpHost.isEmpty())
        args << QStringLiteral("-J") << p.sshJumpHost;
    if (p.sshPort > 0)
        args << QStringLiteral("-p") << QString::number(p.sshPort);
    if (!p.sshIdentityFile.isEmpty())
        args << QStringLiteral("-i") << p.sshIdentityFile << QStringLiteral("-o") << QStringLiteral("IdentitiesOnly=yes");
    if (!p.sshUser.isEmpty())
        args << QStringLiteral("-l") << p.sshUser;
    args << extra;
    args << QStringLiteral("--") << p.sshHost;
    return args;
}

int TunnelProcess::freeLocalPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

ConnectionProfile TunnelProcess::tunnelledProfile() const
{
    ConnectionProfile p = m_profile;
    if (p.host.isEmpty() || p.host.startsWith(QLatin1Char('/')))
        p.host = QStringLiteral("localhost");
    p.port = m_localPort;
    p.options.insert(QStringLiteral("hostaddr"), QStringLiteral("127.0.0.1"));
    p.sshHost.clear();   // the tunnelled profile goes straight to the local port
    return p;
}

void TunnelProcess::start()
{
    stop();
    m_stopping = false;
    m_ready = false;
    m_stderr.clear();
    m_localPort = freeLocalPort();
    if (m_localPort == 0)
        return fail(Error(ErrorKind::Io, QStringLiteral("No free local port for the SSH tunnel.")));
    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    m_process->setArguments(arguments(m_profile, m_localPort, m_extraArguments));
    m_process->setStandardInputFile(QProcess::nullDevice());   // ssh must never wait for input
    connect(m_process, &QProcess::readyReadStandardError, this, &TunnelProcess::probe);
    connect(m_process, &QProcess::finished, this, &TunnelProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            fail(Error(ErrorKind::Unsupported, QStringLiteral("Cannot run %1: is the OpenSSH client installed?").arg(m_program))
                     .withField(QStringLiteral("sshHost")));
    });
    const int timeout = m_timeoutMs > 0 ? m_timeoutMs
                                         : 1000 * ((m_profile.connectTimeout > 0 ? m_profile.connectTimeout : kDefaultConnectTimeoutSeconds) + 5);
    m_deadline.start(timeout);
    m_process->start();
}

void TunnelProcess::probe()
{
    if (!m_process)
        return;
    m_stderr += m_process->readAllStandardError();
    // ssh -v keeps talking for every forwarded connection: keep only the recent part.
    constexpr qsizetype kKeep = 16 * 1024;
    if (m_stderr.size() > 2 * kKeep)
        m_stderr = m_stderr.right(kKeep);
    if (m_ready || !m_stderr.contains(QByteArray(kListening.data(), kListening.size())))
        return;
    m_ready = true;
    m_deadline.stop();
    Q_EMIT ready(m_localPort);
}

std::optional<Error> TunnelProcess::forwardingError()
{
    probe();
    const QString text = QString::fromLocal8Bit(m_stderr);
    const qsizetype at = text.lastIndexOf(QLatin1String("open failed"));
    if (at < 0)
        return std::nullopt;
    const QString line = text.mid(at).section(QLatin1Char('\n'), 0, 0);
    return Error(ErrorKind::Connection, QStringLiteral("Through the SSH tunnel, %1 could not reach the database at %2 (%3).")
                                            .arg(m_profile.sshHost, destination(m_profile), line.section(QLatin1String(": "), -1).trimmed()))
        .withField(QStringLiteral("host"))
        .withDetail(line);
}

void TunnelProcess::onFinished()
{
    if (m_stopping || !m_process)
        return;
    probe();
    Error e = classifyFailure(QString::fromLocal8Bit(m_stderr), m_profile);
    m_process->deleteLater();
    m_process = nullptr;
    m_deadline.stop();
    if (m_ready) {
        m_ready = false;
        e.message = QStringLiteral("The SSH tunnel through %1 closed: %2").arg(m_profile.sshHost, e.message);
        Q_EMIT closed(e);
        return;
    }
    Q_EMIT failed(e);
}

void TunnelProcess::fail(const Error &error)
{
    stop();
    Q_EMIT failed(error);
}

void TunnelProcess::stop()
{
    m_deadline.stop();
    m_ready = false;
    if (!m_process)
        return;
    m_stopping = true;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->terminate();
    if (!process->waitForFinished(2000)) {
        process->kill();
        process->waitForFinished(1000);
    }
    delete process;
}

Error TunnelProcess::classifyFailure(const QString &stderrText, const ConnectionProfile &p)
{
    const QString plain = plainLines(stderrText);
    const QString lower = stderrText.toLower();
    Error e(ErrorKind::Connection, QString());
    e.detail = plain;
    const QString server = p.sshHost + (p.sshPort > 0 ? QStringLiteral(":%1").arg(p.sshPort) : QString());
    if (lower.contains(QLatin1String("host key verification failed"))
        || lower.contains(QLatin1String("remote host identification has changed"))) {
        e.kind = ErrorKind::Auth;
        e.field = QStringLiteral("sshHost");
        e.message = lower.contains(QLatin1String("has changed"))
            ? QStringLiteral("The SSH host key of %1 has CHANGED since it was last trusted. Check with the server's administrator.").arg(server)
            : QStringLiteral("The SSH host key of %1 is unknown. Connect once with `ssh %1` in a terminal to check and trust it.").arg(server);
    } else if (lower.contains(QLatin1String("permission denied"))) {
        e.kind = ErrorKind::Auth;
        e.field = p.sshIdentityFile.isEmpty() ? QStringLiteral("sshUser") : QStringLiteral("sshIdentityFile");
        e.message = QStringLiteral("SSH authentication to %1 failed: the key was refused (Strata uses your SSH agent or "
                                   "identity file, never a password).").arg(server);
    } else if (lower.contains(QLatin1String("could not resolve hostname"))) {
        e.field = QStringLiteral("sshHost");
        e.message = QStringLiteral("Unknown SSH host \"%1\".").arg(p.sshHost);
    } else if (lower.contains(QLatin1String("connection refused")) && lower.contains(QLatin1String("connect to host"))) {
        e.field = QStringLiteral("sshPort");
        e.message = QStringLiteral("No SSH server is listening at %1.").arg(server);
    } else if (lower.contains(QLatin1String("connection timed out")) || lower.contains(QLatin1String("no route to host"))) {
        e.field = QStringLiteral("sshHost");
        e.message = QStringLiteral("The SSH server %1 cannot be reached.").arg(server);
    } else if (lower.contains(QLatin1String("administratively prohibited")) || lower.contains(QLatin1String("open failed"))
               || lower.contains(QLatin1String("could not request local forwarding"))) {
        e.field = QStringLiteral("host");
        e.message = QStringLiteral("The SSH server %1 would not forward to %2.").arg(server, destination(p));
    } else if (lower.contains(QLatin1String("identity file")) && lower.contains(QLatin1String("not accessible"))) {
        e.field = QStringLiteral("sshIdentityFile");
        e.message = QStringLiteral("The identity file %1 cannot be read.").arg(p.sshIdentityFile);
    } else {
        e.field = QStringLiteral("sshHost");
        e.message = plain.isEmpty() ? QStringLiteral("ssh exited before the tunnel was ready.") : plain.section(QLatin1Char('\n'), -1);
    }
    return e;
}

} // namespace strata::connection
