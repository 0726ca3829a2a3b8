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
    /// Runs a job with the open database; `nullptr` context when not open.
    void runJob(const std::function<void(JobContext *)> &job);

Q_SIGNALS:
    /// Emitted (worker thread) when a job left the connection broken.
    void connectionLost(const QString &message);

private:
    ConnectionProfile m_profile;
    QString m_connectionName;
    NativeHandle m_native;
    bool m_open = false;
};

} // namespace strata::connection
