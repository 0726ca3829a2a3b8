#include "postgresmonitorreader.h"

#include "dialect/dialect.h"
#include "monitorsql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace strata::monitor {

namespace {

QString text(const QSqlQuery &q, const char *column)
{
    return q.value(QLatin1String(column)).toString();
}

qint64 integer(const QSqlQuery &q, const char *column, qint64 fallback = -1)
{
    const QVariant v = q.value(QLatin1String(column));
    return v.isNull() ? fallback : v.toLongLong();
}

double number(const QSqlQuery &q, const char *column)
{
    const QVariant v = q.value(QLatin1String(column));
    return v.isNull() ? -1 : v.toDouble();
}

QDateTime time(const QSqlQuery &q, const char *column)
{
    return q.value(QLatin1String(column)).toDateTime();
}

bool flag(const QSqlQuery &q, const char *column)
{
    return q.value(QLatin1String(column)).toBool();
}

QList<int> pidList(const QString &csv)
{
    QList<int> pids;
    for (const QString &part : csv.split(QLatin1Char(','), Qt::SkipEmptyParts))
        pids.append(part.trimmed().toInt());
    return pids;
}

SessionCounts sessions(const QSqlQuery &q, const char *prefix)
{
    auto at = [&q, prefix](const char *name) {
        return int(q.value(QLatin1String(prefix) + QLatin1String(name)).toLongLong());
    };
    return SessionCounts{at("total"), at("active"), at("idle"), at("idle_in_tx"), at("waiting")};
}

DatabaseCounters countersFrom(const QSqlQuery &q)
{
    DatabaseCounters c;
    c.sampledAt = number(q, "sampled_at");
    c.xactCommit = integer(q, "xact_commit", 0);
    c.xactRollback = integer(q, "xact_rollback", 0);
    c.blocksRead = integer(q, "blks_read", 0);
    c.blocksHit = integer(q, "blks_hit", 0);
    c.tuplesReturned = integer(q, "tup_returned", 0);
    c.tuplesFetched = integer(q, "tup_fetched", 0);
    c.tuplesInserted = integer(q, "tup_inserted", 0);
    c.tuplesUpdated = integer(q, "tup_updated", 0);
    c.tuplesDeleted = integer(q, "tup_deleted", 0);
    c.tempFiles = integer(q, "temp_files", 0);
    c.tempBytes = integer(q, "temp_bytes", 0);
    c.deadlocks = integer(q, "deadlocks", 0);
    c.statsReset = time(q, "stats_reset");
    return c;
}

LockGroup lockGroupFrom(const QSqlQuery &q, bool withBackends)
{
    LockGroup g;
    g.lockType = text(q, "locktype");
    g.relation = text(q, "relation");
    g.mode = text(q, "mode");
    g.granted = flag(q, "granted");
    g.locks = integer(q, "locks", 0);
    if (withBackends) {
        g.database = text(q, "datname");
        g.backends = int(integer(q, "backends", 0));
    }
    return g;
}

} // namespace

Status PostgresMonitorReader::run(QSqlDatabase &db, const QString &name, const QVariantList &values,
                                  const RowHandler &onRow) const
{
    const Result<QString> sql = monitorSql(QStringLiteral("postgres/") + name, m_version);
    if (!sql)
        return sql.error();
    if (m_observer)
        m_observer(*sql);
    const dialect::Dialect &pg = dialect::dialectFor(dialect::DialectKind::Postgres);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ok = false;
    if (values.isEmpty()) {
        ok = query.exec(*sql);   // one round trip: no PREPARE for a statement without parameters
    } else {
        ok = query.prepare(*sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = ok && query.exec();
    }
    if (!ok)
        return pg.mapError(query.lastError(), *sql);
    while (query.next())
        onRow(query);
    if (query.lastError().isValid())
        return pg.mapError(query.lastError(), *sql);
    return Status();
}

Result<ServerOverview> PostgresMonitorReader::overview(QSqlDatabase &db) const
{
    ServerOverview o;
    const Status status = run(db, QStringLiteral("overview"), {}, [&o](const QSqlQuery &q) {
        o.version = text(q, "version");
        o.versionNumber = int(integer(q, "version_num", 0));
        o.started = time(q, "started");
        o.sampledAt = number(q, "sampled_at");
        o.inRecovery = flag(q, "in_recovery");
        o.maxConnections = int(integer(q, "max_connections", 0));
        o.databaseName = text(q, "database");
        o.ownPid = int(integer(q, "own_pid", 0));
        o.serverSessions = sessions(q, "server_");
        o.databaseSessions = sessions(q, "db_");
    });
    if (!status)
        return status.error();
    return o;
}

Result<QPair<DatabaseCounters, DatabaseCounters>> PostgresMonitorReader::counters(QSqlDatabase &db) const
{
    QPair<DatabaseCounters, DatabaseCounters> pair;
    const Status status = run(db, QStringLiteral("counters"), {}, [&pair](const QSqlQuery &q) {
        (text(q, "scope") == QLatin1String("database") ? pair.first : pair.second) = countersFrom(q);
    });
    if (!status)
        return status.error();
    return pair;
}

Result<DatabaseSizes> PostgresMonitorReader::sizes(QSqlDatabase &db) const
{
    DatabaseSizes s;
    const Status status = run(db, QStringLiteral("sizes"), {}, [&s](const QSqlQuery &q) {
        s.database = integer(q, "database_size");
        s.server = integer(q, "server_size");
        s.databases = int(integer(q, "databases", 0));
        s.hiddenDatabases = int(integer(q, "databases_hidden", 0));
    });
    if (!status)
        return status.error();
    return s;
}

Result<QList<ActivityRow>> PostgresMonitorReader::activity(QSqlDatabase &db) const
{
    QList<ActivityRow> rows;
    const Status status = run(db, QStringLiteral("activity"), {}, [&rows](const QSqlQuery &q) {
        ActivityRow r;
        r.pid = int(integer(q, "pid", 0));
        r.database = text(q, "datname");
        r.user = text(q, "usename");
        r.application = text(q, "application_name");
        r.clientAddress = text(q, "client_addr");
        r.clientPort = int(integer(q, "client_port"));
        r.backendType = text(q, "backend_type");
        r.state = text(q, "state");
        r.waitEventType = text(q, "wait_event_type");
        r.waitEvent = text(q, "wait_event");
        r.backendStart = time(q, "backend_start");
        r.transactionStart = time(q, "xact_start");
        r.queryStart = time(q, "query_start");
        r.stateChange = time(q, "state_change");
        r.transactionSeconds = number(q, "xact_seconds");
        r.querySeconds = number(q, "query_seconds");
        r.stateSeconds = number(q, "state_seconds");
        r.query = text(q, "query");
        r.queryLength = int(integer(q, "query_length", 0));
        r.blockedBy = pidList(text(q, "blocked_by"));
        r.leaderPid = int(integer(q, "leader_pid", 0));
        rows.append(r);
    });
    if (!status)
        return status.error();
    return rows;
}

Result<QList<BlockingBackend>> PostgresMonitorReader::blocking(QSqlDatabase &db) const
{
    QList<BlockingBackend> rows;
    const Status status = run(db, QStringLiteral("blocking"), {}, [&rows](const QSqlQuery &q) {
        BlockingBackend b;
        b.pid = int(integer(q, "pid", 0));
        b.blockedBy = pidList(text(q, "blocked_by"));
        b.user = text(q, "usename");
        b.database = text(q, "datname");
        b.application = text(q, "application_name");
        b.state = text(q, "state");
        b.waitEventType = text(q, "wait_event_type");
        b.waitEvent = text(q, "wait_event");
        b.waitSeconds = number(q, "wait_seconds");
        b.transactionSeconds = number(q, "xact_seconds");
        b.locksHeld = integer(q, "locks_held", 0);
        b.awaitedLockType = text(q, "awaited_locktype");
        b.awaitedMode = text(q, "awaited_mode");
        b.awaitedRelation = text(q, "awaited_relation");
        b.query = text(q, "query");
        rows.append(b);
    });
    if (!status)
        return status.error();
    return rows;
}

Result<LockSummary> PostgresMonitorReader::lockSummary(QSqlDatabase &db) const
{
    LockSummary s;
    const Status status = run(db, QStringLiteral("locksummary"), {}, [&s](const QSqlQuery &q) {
        s.groups.append(lockGroupFrom(q, true));
        s.totalLocks = integer(q, "total_locks", 0);
        s.totalGroups = int(integer(q, "total_groups", 0));
    });
    if (!status)
        return status.error();
    return s;
}

Result<QList<LockGroup>> PostgresMonitorReader::lockDetail(QSqlDatabase &db, int pid) const
{
    QList<LockGroup> groups;
    const Status status = run(db, QStringLiteral("lockdetail"), {pid}, [&groups](const QSqlQuery &q) {
        groups.append(lockGroupFrom(q, false));
    });
    if (!status)
        return status.error();
    return groups;
}

Result<ReplicationInfo> PostgresMonitorReader::replication(QSqlDatabase &db, bool standby) const
{
    ReplicationInfo info;
    info.standby = standby;
    const Status status = run(db, standby ? QStringLiteral("replicationstandby") : QStringLiteral("replicationprimary"), {},
                              [&info, standby](const QSqlQuery &q) {
        if (standby) {
            info.replayLag = number(q, "replay_lag");
            info.replayBytesBehind = integer(q, "replay_bytes_behind");
            info.receiverState = text(q, "receiver_state");
            info.senderHost = text(q, "sender_host");
            return;
        }
        ReplicaInfo r;
        r.pid = int(integer(q, "pid", 0));
        r.application = text(q, "application_name");
        r.clientAddress = text(q, "client_addr");
        r.state = text(q, "state");
        r.syncState = text(q, "sync_state");
        r.writeLag = number(q, "write_lag");
        r.flushLag = number(q, "flush_lag");
        r.replayLag = number(q, "replay_lag");
        r.replayBytesBehind = integer(q, "replay_bytes_behind");
        info.replicas.append(r);
    });
    if (!status)
        return status.error();
    return info;
}

Result<QString> PostgresMonitorReader::queryText(QSqlDatabase &db, int pid) const
{
    QString query;
    const Status status = run(db, QStringLiteral("querytext"), {pid}, [&query](const QSqlQuery &q) { query = text(q, "query"); });
    if (!status)
        return status.error();
    return query;
}

Result<bool> PostgresMonitorReader::cancelBackend(QSqlDatabase &db, int pid) const
{
    bool done = false;
    const Status status = run(db, QStringLiteral("cancelbackend"), {pid}, [&done](const QSqlQuery &q) { done = q.value(0).toBool(); });
    if (!status)
        return status.error();
    return done;
}

Result<bool> PostgresMonitorReader::terminateBackend(QSqlDatabase &db, int pid) const
{
    bool done = false;
    const Status status = run(db, QStringLiteral("terminatebackend"), {pid}, [&done](const QSqlQuery &q) { done = q.value(0).toBool(); });
    if (!status)
        return status.error();
    return done;
}

Result<TableStatistics> PostgresMonitorReader::tableStatistics(QSqlDatabase &db, const QString &schema, const QString &table) const
{
    TableStatistics t;
    bool found = false;
    Status status = run(db, QStringLiteral("tablestats"), {schema, table}, [&t, &found](const QSqlQuery &q) {
        found = true;
        t.oid = integer(q, "oid", 0);
        t.relkind = text(q, "relkind");
        t.tableSize = integer(q, "table_size", 0);
        t.indexesSize = integer(q, "indexes_size", 0);
        t.toastSize = integer(q, "toast_size", 0);
        t.totalSize = integer(q, "total_size", 0);
        t.liveTuples = integer(q, "n_live_tup");
        t.deadTuples = integer(q, "n_dead_tup");
        t.modifiedSinceAnalyze = integer(q, "n_mod_since_analyze");
        t.insertedSinceVacuum = integer(q, "n_ins_since_vacuum");
        t.estimatedRows = integer(q, "estimated_rows");
        t.lastVacuum = time(q, "last_vacuum");
        t.lastAutovacuum = time(q, "last_autovacuum");
        t.lastAnalyze = time(q, "last_analyze");
        t.lastAutoanalyze = time(q, "last_autoanalyze");
        t.lastSeqScan = time(q, "last_seq_scan");
        t.lastIndexScan = time(q, "last_idx_scan");
        t.vacuumCount = integer(q, "vacuum_count", 0);
        t.autovacuumCount = integer(q, "autovacuum_count", 0);
        t.analyzeCount = integer(q, "analyze_count", 0);
        t.autoanalyzeCount = integer(q, "autoanalyze_count", 0);
        t.seqScans = integer(q, "seq_scan");
        t.seqTuplesRead = integer(q, "seq_tup_read");
        t.indexScans = integer(q, "idx_scan");
        t.indexTuplesFetched = integer(q, "idx_tup_fetch");
        t.inserted = integer(q, "n_tup_ins", 0);
        t.updated = integer(q, "n_tup_upd", 0);
        t.deleted = integer(q, "n_tup_del", 0);
        t.hotUpdated = integer(q, "n_tup_hot_upd", 0);
        t.clusteredIndex = text(q, "clustered_index");
        t.systemTable = flag(q, "is_system");
    });
    if (!status)
        return status.error();
    if (!found)
        return Error(ErrorKind::NotFound, QStringLiteral("There is no table %1.%2.").arg(schema, table));
    status = run(db, QStringLiteral("indexstats"), {schema, table}, [&t](const QSqlQuery &q) {
        IndexStatistics i;
        i.name = text(q, "name");
        i.definition = text(q, "definition");
        i.duplicateOf = text(q, "duplicate_of");
        i.size = integer(q, "size", 0);
        i.scans = integer(q, "idx_scan");
        i.tuplesRead = integer(q, "idx_tup_read");
        i.tuplesFetched = integer(q, "idx_tup_fetch");
        i.unique = flag(q, "is_unique");
        i.primary = flag(q, "is_primary");
        i.valid = flag(q, "is_valid");
        i.clustered = flag(q, "is_clustered");
        i.backsConstraint = flag(q, "backs_constraint");
        i.unused = flag(q, "unused");
        t.indexes.append(i);
    });
    if (!status)
        return status.error();
    return t;
}

Result<std::optional<MaintenanceProgress>> PostgresMonitorReader::progress(QSqlDatabase &db, int pid) const
{
    std::optional<MaintenanceProgress> p;
    const Status status = run(db, QStringLiteral("progress"), {pid, pid, pid, pid}, [&p](const QSqlQuery &q) {
        MaintenanceProgress m;
        m.command = text(q, "command");
        m.phase = text(q, "phase");
        m.done = integer(q, "done");
        m.total = integer(q, "total");
        m.detail = text(q, "detail");
        p = m;
    });
    if (!status)
        return status.error();
    return p;
}

} // namespace strata::monitor
