#pragma once

// PostgresMonitorReader: runs the monitor queries (resources/monitor/postgres/*.sql) on a
// QSqlDatabase and turns their rows into the values of monitortypes.h.
//
// Threads: stateless and synchronous; call it on the thread that owns `db` (a monitor
// Connection's worker), never on the GUI thread. Errors are mapped through the PostgreSQL
// dialect and keep the server's message, SQLSTATE and DETAIL (a missing privilege reads
// exactly as the server states it).
//
// Cost: every query returns rows per backend or per group of locks, never per lock:
// the server does the counting (pg_locks is read with GROUP BY / count(*) only).

#include "base/result.h"
#include "monitortypes.h"

#include <QSqlDatabase>
#include <QVariantList>
#include <functional>

class QSqlQuery;

namespace strata::monitor {

class PostgresMonitorReader {
public:
    /// `serverVersion`: server_version_num (picks the version conditions of the queries).
    explicit PostgresMonitorReader(int serverVersion) : m_version(serverVersion) {}

    int serverVersion() const { return m_version; }

    Result<ServerOverview> overview(QSqlDatabase &db) const;
    /// The connected database's counters, then the server's.
    Result<QPair<DatabaseCounters, DatabaseCounters>> counters(QSqlDatabase &db) const;
    Result<DatabaseSizes> sizes(QSqlDatabase &db) const;
    Result<QList<ActivityRow>> activity(QSqlDatabase &db) const;
    Result<QList<BlockingBackend>> blocking(QSqlDatabase &db) const;
    Result<LockSummary> lockSummary(QSqlDatabase &db) const;
    /// The locks of one backend, grouped (at most 500 groups).
    Result<QList<LockGroup>> lockDetail(QSqlDatabase &db, int pid) const;
    /// `standby`: read the standby's own lag instead of its replicas.
    Result<ReplicationInfo> replication(QSqlDatabase &db, bool standby) const;
    /// The whole query text of a backend; empty when it is gone.
    Result<QString> queryText(QSqlDatabase &db, int pid) const;
    /// pg_cancel_backend / pg_terminate_backend: false when no such backend exists.
    Result<bool> cancelBackend(QSqlDatabase &db, int pid) const;
    Result<bool> terminateBackend(QSqlDatabase &db, int pid) const;

    /// Sizes, tuples, vacuum/analyze times, scans and indexes of one table; NotFound when
    /// there is no such table.
    Result<TableStatistics> tableStatistics(QSqlDatabase &db, const QString &schema, const QString &table) const;
    /// What the maintenance command of `pid` does now; no value when nothing is reported.
    Result<std::optional<MaintenanceProgress>> progress(QSqlDatabase &db, int pid) const;

    /// Observes every statement before it runs (tests, the bench).
    void setQueryObserver(std::function<void(const QString &)> observer) { m_observer = std::move(observer); }

private:
    using RowHandler = std::function<void(const QSqlQuery &)>;
    Status run(QSqlDatabase &db, const QString &name, const QVariantList &values, const RowHandler &onRow) const;

    int m_version;
    std::function<void(const QString &)> m_observer;
};

} // namespace strata::monitor
