#pragma once

// TunnelProcess: an SSH tunnel for a PostgreSQL profile, through the system's OpenSSH
// client, so ~/.ssh/config, known_hosts, the agent and jump hosts work as in a terminal:
//
//   ssh -N -L 127.0.0.1:<free port>:<db host>:<db port> [-J jump] [-p port] [-i identity]
//       -o ExitOnForwardFailure=yes -o BatchMode=yes [-l user] host
//
// BatchMode means ssh never prompts: no password ever goes to ssh, on its command line or
// otherwise; authentication is by key or agent. The tunnel is ready when its local port
// accepts a connection; when ssh exits first, its stderr is classified (host key unknown or
// changed, permission denied, connection refused, remote port closed, name not resolved)
// into an Error whose field names the SSH setting concerned.
//
// Lives on a thread with an event loop (the GUI thread for Connection); everything is
// asynchronous. Destroying it stops ssh.

#include "base/result.h"
#include "connectionprofile.h"

#include <QObject>
#include <QProcess>
#include <QTimer>
#include <optional>

namespace strata::connection {

class TunnelProcess : public QObject {
    Q_OBJECT
public:
    explicit TunnelProcess(ConnectionProfile profile, QObject *parent = nullptr);
    ~TunnelProcess() override;

    /// Extra ssh arguments placed before the host (e.g. "-F", "/path/config", or
    /// "-o", "UserKnownHostsFile=…"). Tests use them; so may a setting.
    void setExtraArguments(const QStringList &arguments) { m_extraArguments = arguments; }
    /// The ssh program ("ssh" from PATH by default).
    void setProgram(const QString &program) { m_program = program; }
    /// Milliseconds to wait for the tunnel (default: the profile's connect timeout or 15 s).
    void setTimeout(int ms) { m_timeoutMs = ms; }

    /// Starts ssh on a free local port; ready() or failed() follows.
    void start();
    /// Stops ssh (no signal).
    void stop();
    bool isReady() const { return m_ready; }
    int localPort() const { return m_localPort; }

    /// After a failed open through a ready tunnel: ssh's report that it could not reach the
    /// database from the SSH server ("open failed: connect failed: Connection refused").
    std::optional<Error> forwardingError();

    /// The profile to open instead of `profile` while the tunnel runs: libpq connects to
    /// 127.0.0.1:<local port> (hostaddr) while `host` stays for SSL verification and .pgpass.
    ConnectionProfile tunnelledProfile() const;

    /// The ssh command line for a profile and local port (no password can appear in it).
    static QStringList arguments(const ConnectionProfile &profile, int localPort, const QStringList &extra = {});
    /// Reads ssh's stderr after it exited: host key, authentication, refused, resolution.
    static Error classifyFailure(const QString &stderrText, const ConnectionProfile &profile);
    /// A TCP port on 127.0.0.1 that is free now.
    static int freeLocalPort();

Q_SIGNALS:
    void ready(int localPort);
    /// Before ready(): the tunnel could not be set up.
    void failed(const strata::Error &error);
    /// After ready(): ssh exited, the tunnel is gone.
    void closed(const strata::Error &error);

private:
    void probe();
    void onFinished();
    void fail(const Error &error);

    ConnectionProfile m_profile;
    QString m_program = QStringLiteral("ssh");
    QStringList m_extraArguments;
    int m_timeoutMs = 0;
    QProcess *m_process = nullptr;
    QByteArray m_stderr;   // recent ssh output, for readiness and failure reports
    QTimer m_deadline;
    int m_localPort = 0;
    bool m_ready = false;
    bool m_stopping = false;
};

} // namespace strata::connection
