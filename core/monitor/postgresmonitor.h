#pragma once

// PostgresMonitor: the live side of a PostgreSQL dashboard. It opens a Connection of its
// own (purpose "monitor", so a long console query or a grid read never delays a refresh),
// reads one MonitorSnapshot per refresh on that connection's worker thread, computes the
// rates from the difference with the previous sample and keeps their history for the
// charts, and runs the actions on backends (cancel, terminate) and the reads a view asks
// for (lock detail of one backend, a whole query text).
//
//   auto *m = new PostgresMonitor(spec, this);                        // GUI thread
//   connect(m, &PostgresMonitor::refreshed, view, ...);
//   m->start();            // opens, then refreshes every interval() ms until paused
//
// Threads: all members on the object's thread (the GUI thread); SQL runs only on the
// worker. A refresh is never started while one is in flight (the next one is scheduled
// `interval` after the previous one ended), each carries a generation number and a
// result older than cancelRefresh() or a restart is dropped. cancelRefresh() interrupts the
// running statement through the native handle (PQcancel).
//
// Read-only: a read-only profile (or a server session that is read-only) sees everything;
// cancelBackend()/terminateBackend() then answer a Permission error without running.

#include "base/result.h"
#include "connection/connectionstring.h"
#include "counterrates.h"
#include "metrichistory.h"
#include "monitortypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

namespace strata::connection { class Connection; }

namespace strata::monitor {

class PostgresMonitor : public QObject {
    Q_OBJECT
public:
    explicit PostgresMonitor(connection::ConnectionSpec spec, QObject *parent = nullptr);
    ~PostgresMonitor() override;

    /// Opens the monitor's connection and starts refreshing (unless paused).
    void start();
    bool isOpen() const;
    connection::Connection *connection() const { return m_connection; }
    const connection::ConnectionSpec &spec() const { return m_spec; }

    /// Actions that change the server are refused on a read-only connection.
    bool isReadOnly() const;
    /// Why actions are disabled ("the connection is read-only"), empty when they are not.
    QString readOnlyReason() const;
    /// The application_name Strata's own sessions of this profile carry.
    QString ownApplicationName() const;

    /// Milliseconds between the end of a refresh and the start of the next (default 1000).
    void setInterval(int ms);
    int interval() const { return m_intervalMs; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Database sizes are read every `n` refreshes (a directory walk on the server).
    void setSizesEvery(int n) { m_sizesEvery = qMax(1, n); }

    /// Starts a refresh now (when none is in flight; else one follows it at once).
    void refreshNow();
    /// Interrupts a running refresh; its result is dropped.
    void cancelRefresh();
    bool isRefreshing() const { return m_inFlight; }

    const MonitorSnapshot &lastSnapshot() const { return m_last; }
    const CounterRates &lastRates(Scope scope) const { return scope == Scope::Database ? m_databaseRates : m_serverRates; }
    const MetricHistory &history(Scope scope) const { return scope == Scope::Database ? m_databaseHistory : m_serverHistory; }
    /// Wall time of the last refresh: from the request to the snapshot on this thread.
    double lastRefreshMs() const { return m_lastRefreshMs; }
    quint64 refreshCount() const { return m_refreshCount; }

    // Reads and actions; `done` runs on this thread unless `context` died meanwhile.
    void fetchLockDetail(int pid, QObject *context, std::function<void(Result<QList<LockGroup>>)> done);
    void fetchQueryText(int pid, QObject *context, std::function<void(Result<QString>)> done);
    void cancelBackend(int pid, QObject *context, std::function<void(Result<bool>)> done);
    void terminateBackend(int pid, QObject *context, std::function<void(Result<bool>)> done);

Q_SIGNALS:
    void opened(bool ok, const strata::Error &error);
    /// A refresh arrived; history and rates are updated already.
    void refreshed(const strata::monitor::MonitorSnapshot &snapshot);
    void refreshFailed(const strata::Error &error);

private:
    void scheduleNext(double elapsedMs);
    void runRefresh();
    void accept(MonitorSnapshot snapshot, double elapsedMs);
    void backendAction(bool terminate, int pid, QObject *context, std::function<void(Result<bool>)> done);

    connection::ConnectionSpec m_spec;
    connection::Connection *m_connection = nullptr;
    int m_serverVersion = 0;
    bool m_serverReadOnly = false;
    QTimer m_timer;
    int m_intervalMs = 1000;
    bool m_paused = false;
    bool m_inFlight = false;
    bool m_again = false;
    int m_sizesEvery = 15;
    quint64 m_generation = 0;
    quint64 m_refreshCount = 0;
    double m_lastRefreshMs = 0;
    MonitorSnapshot m_last;
    bool m_hasLast = false;
    std::optional<DatabaseSizes> m_sizes;
    CounterRates m_databaseRates, m_serverRates;
    MetricHistory m_databaseHistory, m_serverHistory;
};

} // namespace strata::monitor
