#include "connection.h"

#include <QTimer>

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
    stopTunnel();
    m_worker->native().interrupt();
    ConnectionWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->close(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void Connection::open(const std::optional<QString> &password, std::function<void(const Result<ServerInfo> &)> done)
{
    const int generation = ++m_openGeneration;
    m_password = password;
    setState(State::Connecting);
    stopTunnel();
    if (!m_profile.usesSshTunnel()) {
        openOnWorker(m_profile, generation, std::move(done));
        return;
    }
    m_tunnel = new TunnelProcess(m_profile, this);
    m_tunnel->setExtraArguments(m_tunnelArguments);
    TunnelProcess *tunnel = m_tunnel;
    connect(tunnel, &TunnelProcess::ready, this, [this, tunnel, generation, done] {
        if (generation == m_openGeneration)
            openOnWorker(tunnel->tunnelledProfile(), generation, done);
    });
    connect(tunnel, &TunnelProcess::failed, this, [this, generation, done](const Error &error) {
        finishOpen(error, generation, done);
    });
    connect(tunnel, &TunnelProcess::closed, this, [this](const Error &error) {
        if (m_state != State::Open)
            return;
        m_lastError = error;
        setState(State::Lost);
    });
    tunnel->start();
}

void Connection::openOnWorker(const ConnectionProfile &target, int generation,
                              std::function<void(const Result<ServerInfo> &)> done)
{
    ConnectionWorker *worker = m_worker;
    const std::optional<QString> password = m_password;
    QMetaObject::invokeMethod(worker, [this, worker, password, target, done, generation]() {
        auto result = std::make_shared<Result<ServerInfo>>(worker->open(password, target));
        QMetaObject::invokeMethod(this, [this, result, done, generation]() {
            finishOpen(*result, generation, done);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Connection::finishOpen(const Result<ServerInfo> &result, int generation,
                            const std::function<void(const Result<ServerInfo> &)> &done, bool askedSsh)
{
    if (generation != m_openGeneration)
        return;   // a newer open() or close() superseded this one
    Result<ServerInfo> outcome = result;
    if (!result && m_tunnel && m_tunnel->isReady()) {
        // libpq only saw the tunnel close; ssh knows why, and says so on stderr a moment
        // later than libpq gives up: wait for it briefly, without blocking.
        if (std::optional<Error> e = m_tunnel->forwardingError()) {
            outcome = *e;
        } else if (!askedSsh) {
            QTimer::singleShot(300, this, [this, result, generation, done] { finishOpen(result, generation, done, true); });
            return;
        }
    }
    if (outcome) {
        m_serverInfo = outcome.value();
        setState(State::Open);
    } else {
        m_lastError = outcome.error();
        stopTunnel();
        setState(State::Failed);
    }
    if (done)
        done(outcome);
}

void Connection::reconnect(std::function<void(const Result<ServerInfo> &)> done)
{
    open(m_password, std::move(done));
}

void Connection::close()
{
    ++m_openGeneration;
    ConnectionWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->close(); }, Qt::QueuedConnection);
    stopTunnel();
    setState(State::Closed);
}

void Connection::disposeLater()
{
    ++m_openGeneration;
    m_worker->native().interrupt();
    // The worker runs queued calls in order: this one runs after any open under way.
    // If the owner deletes this object first, the destructor joins the worker and Qt drops
    // the call posted to the dying object.
    Connection *self = this;
    QMetaObject::invokeMethod(m_worker, [self] {
        QMetaObject::invokeMethod(self, &QObject::deleteLater, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Connection::stopTunnel()
{
    if (!m_tunnel)
        return;
    m_tunnel->disconnect(this);
    m_tunnel->stop();
    m_tunnel->deleteLater();
    m_tunnel = nullptr;
}

bool Connection::cancel()
{
    return m_worker->native().interrupt();
}

bool Connection::cancel(const QObject *context)
{
    return m_worker->interruptJobOf(context);
}

void Connection::post(const QObject *owner, std::function<void(JobContext *)> job)
{
    ConnectionWorker *worker = m_worker;
    ++*m_pending;   // run()'s job counts itself off before its result is posted
    QMetaObject::invokeMethod(worker, [worker, owner, job = std::move(job)]() { worker->runJob(job, owner); },
                              Qt::QueuedConnection);
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
