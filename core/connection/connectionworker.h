#pragma once

// ConnectionWorker lives on a Connection's worker thread and owns its QSqlDatabase: it is
// created, used and removed there only. Jobs arrive as queued calls and run one at a time,
// in order. Internal to Connection; other code talks to Connection.

#include "connectionprofile.h"
#include "databaseopener.h"
#include "nativehandle.h"

#include <QObject>
#include <QSqlDatabase>
#include <functional>
#include <mutex>
#include <optional>

namespace strata::connection {

/// What a job gets on the worker thread.
struct JobContext {
    QSqlDatabase &db;
    const dialect::Dialect &dialect;
    NativeHandle &native;
    const ConnectionProfile &profile;
};

class ConnectionWorker : public QObject {
    Q_OBJECT
public:
    ConnectionWorker(ConnectionProfile profile, QString connectionName);
    ~ConnectionWorker() override;

    NativeHandle &native() { return m_native; }

    // Worker thread only:
    /// Opens `target` (the profile itself, or its SSH-tunnelled form); jobs still see the
    /// profile the worker was made with.
    Result<ServerInfo> open(const std::optional<QString> &password, const ConnectionProfile &target);
    void close();
    bool isOpen() const { return m_open; }
    /// Runs a job with the open database; `nullptr` context when not open. `owner` (may be
    /// null) is whoever posted it, for interruptJobOf().
    void runJob(const std::function<void(JobContext *)> &job, const QObject *owner = nullptr);
    /// Any thread: interrupts the running statement when the running job is `owner`'s.
    bool interruptJobOf(const QObject *owner);

Q_SIGNALS:
    /// Emitted (worker thread) when a job left the connection broken.
    void connectionLost(const QString &message);

private:
    ConnectionProfile m_profile;
    QString m_connectionName;
    NativeHandle m_native;
    bool m_open = false;
    std::mutex m_ownerMutex;              // guards m_runningOwner
    const QObject *m_runningOwner = nullptr;   // compared only, never dereferenced
};

} // namespace strata::connection
