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

void ConnectionWorker::runJob(const std::function<void(JobContext *)> &job)
{
    if (!m_open) {
        job(nullptr);
        return;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    JobContext context{db, dialect::dialectFor(m_profile.driver), m_native, m_profile};
    job(&context);
    if (m_native.isBroken())
        Q_EMIT connectionLost(QStringLiteral("The connection to the server was lost."));
}

} // namespace strata::connection
