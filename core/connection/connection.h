#pragma once

// Connection: the handle that the GUI (or any thread with an event loop) holds for one
// open database. It owns a worker thread; the worker owns the QSqlDatabase. Nothing here
// blocks the calling thread on the database: open() and run() post work to the worker and
// deliver results back as queued calls on the Connection's own thread.
//
//   auto *c = new Connection(profile, this);
//   c->open(password, [](Result<ServerInfo> r) { ... });              // GUI thread
//   c->run<int>(this, [](JobContext &j) -> Result<int> { ... },      // worker thread
//               [](Result<int> r) { ... });                          // GUI thread
//
// Jobs run one at a time in submission order. cancel() is thread-safe and interrupts the
// running statement through the native handle (sqlite3_interrupt / PQcancel). A result is
// dropped when its `context` object is destroyed before it arrives. Work that must run
// beside a long query (grid reads, catalog) uses a Connection of its own.
//
// A profile with an SSH host opens through a TunnelProcess started here (on this object's
// thread) before the database opens, and stopped when the connection closes. A lost
// connection (state Lost, detected after a job) is reopened by reconnect() with the
// password given to the last open(), which the object keeps in memory for that.

#include "connectionworker.h"
#include "tunnelprocess.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

namespace strata::connection {

class Connection : public QObject {
    Q_OBJECT
public:
    enum class State { Closed, Connecting, Open, Failed, Lost };
    Q_ENUM(State)

    /// `purpose` names the QtSql connection ("tree", "grid", "console") for diagnostics.
    explicit Connection(ConnectionProfile profile, const QString &purpose = QStringLiteral("main"),
                        QObject *parent = nullptr);
    /// Interrupts what runs, closes the database on the worker and joins the thread.
    ~Connection() override;

    const ConnectionProfile &profile() const { return m_profile; }
    const dialect::Dialect &dialect() const { return dialect::dialectFor(m_profile.driver); }
    State state() const { return m_state; }
    /// Valid once open() succeeded.
    const ServerInfo &serverInfo() const { return m_serverInfo; }
    /// The message of the last failure (open or lost connection).
    const Error &lastError() const { return m_lastError; }

    /// Opens (or reopens) on the worker thread; `done` runs on this object's thread.
    void open(const std::optional<QString> &password = {},
              std::function<void(const Result<ServerInfo> &)> done = {});
    /// Closes on the worker thread; queued jobs already posted still run and get an error.
    /// An open() still under way is abandoned (its result dropped).
    void close();
    /// Opens again with the password of the last open() (and a new SSH tunnel if the
    /// profile has one): after the server restarted or the network dropped.
    void reconnect(std::function<void(const Result<ServerInfo> &)> done = {});
    /// Deletes this object once the worker is idle, without blocking the calling thread
    /// (a connect to an unreachable host may keep the worker busy until its timeout).
    /// Use instead of delete after cancelling a connect.
    void disposeLater();
    /// Extra ssh arguments for the tunnel (see TunnelProcess::setExtraArguments).
    void setTunnelArguments(const QStringList &arguments) { m_tunnelArguments = arguments; }
    /// The running tunnel, or null.
    const TunnelProcess *tunnel() const { return m_tunnel; }

    /// Runs `job` on the worker with the open database. `done` runs on this object's thread
    /// unless `context` was destroyed meanwhile. When the connection is not open the job
    /// does not run and `done` gets a Connection error.
    template <typename T>
    void run(QObject *context, std::function<Result<T>(JobContext &)> job,
             std::function<void(Result<T>)> done = {})
    {
        QPointer<QObject> guard(context);
        post(context, [this, guard, pending = m_pending, job = std::move(job), done = std::move(done)](JobContext *jc) {
            auto result = std::make_shared<Result<T>>(jc ? job(*jc) : Result<T>(notOpenError()));
            --*pending;
            if (!done)
                return;
            QMetaObject::invokeMethod(this, [guard, done, result]() {
                if (guard)
                    done(std::move(*result));
            }, Qt::QueuedConnection);
        });
    }

    /// Thread-safe: interrupts the statement running now on the worker.
    bool cancel();
    /// Thread-safe: interrupts the running statement only when its job was posted by run()
    /// with `context`. On a connection shared by several owners (the grid tabs of one
    /// database share their reader), an owner never stops another owner's job.
    bool cancel(const QObject *context);
    /// Jobs posted by run() and not finished yet (queued or running), whoever posted them.
    /// Thread-safe. A shared reader busy with other owners' jobs says so here.
    int pendingJobs() const { return m_pending->load(); }

Q_SIGNALS:
    void stateChanged(strata::connection::Connection::State state);

private:
    void post(const QObject *owner, std::function<void(JobContext *)> job);
    void openOnWorker(const ConnectionProfile &target, int generation,
                      std::function<void(const Result<ServerInfo> &)> done);
    void finishOpen(const Result<ServerInfo> &result, int generation,
                    const std::function<void(const Result<ServerInfo> &)> &done, bool askedSsh = false);
    void stopTunnel();
    void setState(State state);
    static Error notOpenError();

    ConnectionProfile m_profile;
    QThread m_thread;
    ConnectionWorker *m_worker = nullptr;   // lives on m_thread; deleted there
    State m_state = State::Closed;
    ServerInfo m_serverInfo;
    Error m_lastError;
    int m_openGeneration = 0;
    std::optional<QString> m_password;   // for reconnect(); memory only
    TunnelProcess *m_tunnel = nullptr;
    QStringList m_tunnelArguments;
    std::shared_ptr<std::atomic<int>> m_pending = std::make_shared<std::atomic<int>>(0);   // see pendingJobs()
};

} // namespace strata::connection
