#include "connection.h"

namespace strata::connection {

Connection::Connection(ConnectionProfile profile, const QString &purpose, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
{
    m_worker = new ConnectionWorker(m_profile, uniqueConnectionName(purpose));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ConnectionWorker::connectionLost, this, [this](const QString &message) {
        m_lastError = Error(ErrorKind::Connection, message);
        setState(State::Lost);
    }, Qt::QueuedConnection);
    m_thread.setObjectName(QStringLiteral("strata-") + purpose);
    m_thread.start();
}

Connection::~Connection()
{
    m_worker->native().interrupt();
    ConnectionWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->close(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void Connection::open(const std::optional<QString> &password, std::function<void(const Result<ServerInfo> &)> done)
{
    const int generation = ++m_openGeneration;
    setState(State::Connecting);
    ConnectionWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [this, worker, password, done, generation]() {
        auto result = std::make_shared<Result<ServerInfo>>(worker->open(password));
        QMetaObject::invokeMethod(this, [this, result, done, generation]() {
            if (generation != m_openGeneration)
                return;   // a newer open() or close() superseded this one
            if (*result) {
                m_serverInfo = result->value();
                setState(State::Open);
            } else {
                m_lastError = result->error();
                setState(State::Failed);
            }
            if (done)
                done(*result);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Connection::close()
{
    ++m_openGeneration;
    ConnectionWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->close(); }, Qt::QueuedConnection);
    setState(State::Closed);
}

bool Connection::cancel()
{
    return m_worker->native().interrupt();
}

void Connection::post(std::function<void(JobContext *)> job)
{
    ConnectionWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, job = std::move(job)]() { worker->runJob(job); }, Qt::QueuedConnection);
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

Error Connection::notOpenError()
{
    return Error(ErrorKind::Connection, QStringLiteral("The database is not connected."));
}

} // namespace strata::connection
