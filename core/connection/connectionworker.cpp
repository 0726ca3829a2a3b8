#include "connectionworker.h"

namespace strata::connection {

ConnectionWorker::ConnectionWorker(ConnectionProfile profile, QString connectionName)
    : m_profile(std::move(profile))
    , m_connectionName(std::move(connectionName))
{
}

ConnectionWorker::~ConnectionWorker()
{
    close();
}

Result<ServerInfo> ConnectionWorker::open(const std::optional<QString> &password, const ConnectionProfile &target)
{
    close();
    Result<ServerInfo> info = openDatabase(target, password, m_connectionName);
    if (info) {
        m_open = true;
        m_native.attach(QSqlDatabase::database(m_connectionName, false));
    }
    return info;
}

void ConnectionWorker::close()
{
    if (!m_open)
        return;
    m_native.detach();
    closeDatabase(m_connectionName);
    m_open = false;
}

void ConnectionWorker::runJob(const std::function<void(JobContext *)> &job, const QObject *owner)
{
    if (!m_open) {
        job(nullptr);
        return;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    JobContext context{db, dialect::dialectFor(m_profile.driver), m_native, m_profile};
    {
        std::lock_guard lock(m_ownerMutex);
        m_runningOwner = owner;
    }
    job(&context);
    {
        // Held by interruptJobOf() while it interrupts: the job it meant is still running.
        std::lock_guard lock(m_ownerMutex);
        m_runningOwner = nullptr;
    }
    if (m_native.isBroken())
        Q_EMIT connectionLost(QStringLiteral("The connection to the server was lost."));
}

bool ConnectionWorker::interruptJobOf(const QObject *owner)
{
    std::lock_guard lock(m_ownerMutex);
    if (!owner || m_runningOwner != owner)
        return false;
    return m_native.interrupt();
}

} // namespace strata::connection
