#include "postgresmonitor.h"

#include "connection/connection.h"
#include "postgresmonitorreader.h"

#include <QElapsedTimer>

namespace strata::monitor {

using connection::Connection;
using connection::JobContext;

namespace {

Result<MonitorSnapshot> readSnapshot(QSqlDatabase &db, int version, bool withSizes)
{
    const PostgresMonitorReader reader(version);
    MonitorSnapshot s;
    Result<ServerOverview> overview = reader.overview(db);
    if (!overview)
        return overview.error();
    s.overview = std::move(overview).value();
    auto counters = reader.counters(db);
    if (!counters)
        return counters.error();
    s.databaseCounters = counters->first;
    s.serverCounters = counters->second;
    Result<QList<ActivityRow>> activity = reader.activity(db);
    if (!activity)
        return activity.error();
    s.activity = std::move(activity).value();
    Result<QList<BlockingBackend>> blocking = reader.blocking(db);
    if (!blocking)
        return blocking.error();
    s.blocking = std::move(blocking).value();
    Result<LockSummary> locks = reader.lockSummary(db);
    if (!locks)
        return locks.error();
    s.locks = std::move(locks).value();
    Result<ReplicationInfo> replication = reader.replication(db, s.overview.inRecovery);
    if (!replication)
        return replication.error();
    s.replication = std::move(replication).value();
    if (withSizes) {
        Result<DatabaseSizes> sizes = reader.sizes(db);
        if (!sizes)
            return sizes.error();
        s.sizes = sizes.value();
    }
    return s;
}

Error readOnlyError(const QString &reason)
{
    return Error(ErrorKind::Permission, reason);
}

} // namespace

PostgresMonitor::PostgresMonitor(connection::ConnectionSpec spec, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PostgresMonitor::runRefresh);
}

PostgresMonitor::~PostgresMonitor()
{
    if (m_connection) {
        m_connection->cancel();
        m_connection->disposeLater();
    }
}

void PostgresMonitor::start()
{
    if (m_connection)
        return;
    m_connection = new Connection(m_spec.profile, QStringLiteral("monitor"));
    m_connection->open(m_spec.password, [this](const Result<connection::ServerInfo> &result) {
        if (!result) {
            Q_EMIT opened(false, result.error());
            return;
        }
        m_serverVersion = result->versionNumber;
        m_serverReadOnly = result->readOnly;
        Q_EMIT opened(true, Error());
        runRefresh();
    });
}

bool PostgresMonitor::isOpen() const
{
    return m_connection && m_connection->state() == Connection::State::Open;
}

bool PostgresMonitor::isReadOnly() const
{
    return m_spec.profile.readOnly || m_serverReadOnly;
}

QString PostgresMonitor::readOnlyReason() const
{
    if (m_spec.profile.readOnly)
        return tr("The connection is read-only: Strata does not cancel, terminate or maintain anything through it.");
    if (m_serverReadOnly)
        return tr("The session is read-only on the server (default_transaction_read_only): Strata does not change anything through it.");
    return {};
}

QString PostgresMonitor::ownApplicationName() const
{
    return m_spec.profile.applicationName.isEmpty() ? QStringLiteral("Strata") : m_spec.profile.applicationName;
}

void PostgresMonitor::setInterval(int ms)
{
    m_intervalMs = qMax(100, ms);
    if (m_timer.isActive())
        m_timer.start(m_intervalMs);
}

void PostgresMonitor::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (paused)
        m_timer.stop();
    else if (!m_inFlight && isOpen())
        runRefresh();
}

void PostgresMonitor::refreshNow()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_timer.stop();
    runRefresh();
}

void PostgresMonitor::cancelRefresh()
{
    if (!m_inFlight)
        return;
    ++m_generation;   // its result, error or not, is dropped
    m_inFlight = false;
    m_connection->cancel();
    scheduleNext(0);
}

void PostgresMonitor::scheduleNext(double elapsedMs)
{
    if (m_again) {
        m_again = false;
        m_timer.start(0);
        return;
    }
    if (!m_paused)
        m_timer.start(qMax(0, m_intervalMs - int(elapsedMs)));
}

void PostgresMonitor::runRefresh()
{
    if (m_inFlight || !isOpen())
        return;
    m_inFlight = true;
    const quint64 generation = ++m_generation;
    const int version = m_serverVersion;
    const bool withSizes = !m_sizes || m_refreshCount % quint64(m_sizesEvery) == 0;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_connection->run<MonitorSnapshot>(this, [version, withSizes](JobContext &job) -> Result<MonitorSnapshot> {
        QElapsedTimer worker;
        worker.start();
        Result<MonitorSnapshot> snapshot = readSnapshot(job.db, version, withSizes);
        if (snapshot)
            snapshot->queryMs = double(worker.nsecsElapsed()) / 1e6;
        return snapshot;
    }, [this, generation, timer](Result<MonitorSnapshot> result) {
        if (generation != m_generation)
            return;   // cancelled meanwhile
        m_inFlight = false;
        const double elapsed = double(timer->nsecsElapsed()) / 1e6;
        if (!result) {
            Q_EMIT refreshFailed(result.error());
        } else {
            result->generation = generation;
            accept(std::move(result).value(), elapsed);
        }
        scheduleNext(elapsed);
    });
}

void PostgresMonitor::accept(MonitorSnapshot snapshot, double elapsedMs)
{
    if (snapshot.sizes)
        m_sizes = snapshot.sizes;
    else
        snapshot.sizes = m_sizes;
    if (m_hasLast) {
        m_databaseRates = ratesBetween(m_last.databaseCounters, snapshot.databaseCounters);
        m_serverRates = ratesBetween(m_last.serverCounters, snapshot.serverCounters);
        m_databaseHistory.appendRates(snapshot.databaseCounters.sampledAt, m_databaseRates);
        m_serverHistory.appendRates(snapshot.serverCounters.sampledAt, m_serverRates);
    }
    m_databaseHistory.appendSessions(snapshot.overview.sampledAt, snapshot.overview.databaseSessions);
    m_serverHistory.appendSessions(snapshot.overview.sampledAt, snapshot.overview.serverSessions);
    m_last = std::move(snapshot);
    m_hasLast = true;
    ++m_refreshCount;
    m_lastRefreshMs = elapsedMs;
    Q_EMIT refreshed(m_last);
}

void PostgresMonitor::fetchLockDetail(int pid, QObject *context, std::function<void(Result<QList<LockGroup>>)> done)
{
    if (!m_connection)
        return done(Error(ErrorKind::Connection, tr("The monitor is not connected.")));
    const int version = m_serverVersion;
    m_connection->run<QList<LockGroup>>(context, [version, pid](JobContext &job) {
        return PostgresMonitorReader(version).lockDetail(job.db, pid);
    }, std::move(done));
}

void PostgresMonitor::fetchQueryText(int pid, QObject *context, std::function<void(Result<QString>)> done)
{
    if (!m_connection)
        return done(Error(ErrorKind::Connection, tr("The monitor is not connected.")));
    const int version = m_serverVersion;
    m_connection->run<QString>(context, [version, pid](JobContext &job) {
        return PostgresMonitorReader(version).queryText(job.db, pid);
    }, std::move(done));
}

void PostgresMonitor::cancelBackend(int pid, QObject *context, std::function<void(Result<bool>)> done)
{
    backendAction(false, pid, context, std::move(done));
}

void PostgresMonitor::terminateBackend(int pid, QObject *context, std::function<void(Result<bool>)> done)
{
    backendAction(true, pid, context, std::move(done));
}

void PostgresMonitor::backendAction(bool terminate, int pid, QObject *context, std::function<void(Result<bool>)> done)
{
    if (isReadOnly())
        return done(readOnlyError(readOnlyReason()));
    if (!m_connection)
        return done(Error(ErrorKind::Connection, tr("The monitor is not connected.")));
    const int version = m_serverVersion;
    QPointer<PostgresMonitor> self(this);
    m_connection->run<bool>(context, [version, pid, terminate](JobContext &job) {
        const PostgresMonitorReader reader(version);
        return terminate ? reader.terminateBackend(job.db, pid) : reader.cancelBackend(job.db, pid);
    }, [self, done = std::move(done)](Result<bool> result) {
        done(std::move(result));
        if (self)
            self->refreshNow();   // show the outcome without waiting for the next tick
    });
}

} // namespace strata::monitor
