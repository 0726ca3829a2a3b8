#pragma once

// Plain values read by the monitor queries (resources/monitor/postgres/*.sql): what one
// refresh of a PostgreSQL dashboard knows. Built on the monitor's worker thread and posted
// to the GUI thread whole (a MonitorSnapshot); nothing here refers to a connection.
// Sizes are bytes, durations seconds (negative: unknown), times as the server gave them.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace strata::monitor {

enum class Scope { Database, Server };

struct SessionCounts {
    int total = 0;
    int active = 0;
    int idle = 0;
    int idleInTransaction = 0;
    int waiting = 0;   ///< waiting for a heavyweight lock
};

struct ServerOverview {
    QString version;           ///< "15.4"
    int versionNumber = 0;     ///< 150004
    QDateTime started;         ///< pg_postmaster_start_time()
    double sampledAt = 0;      ///< server clock, seconds since the epoch
    bool inRecovery = false;   ///< a standby
    int maxConnections = 0;
    QString databaseName;
    int ownPid = 0;            ///< the monitor's own backend
    SessionCounts serverSessions;     ///< client backends of the whole server
    SessionCounts databaseSessions;   ///< ... of the connected database

    double uptimeSeconds() const;
};

/// Cumulative counters of pg_stat_database for one scope.
struct DatabaseCounters {
    double sampledAt = 0;      ///< server clock, seconds since the epoch
    qint64 xactCommit = 0, xactRollback = 0;
    qint64 blocksRead = 0, blocksHit = 0;
    qint64 tuplesReturned = 0, tuplesFetched = 0;
    qint64 tuplesInserted = 0, tuplesUpdated = 0, tuplesDeleted = 0;
    qint64 tempFiles = 0, tempBytes = 0, deadlocks = 0;
    QDateTime statsReset;

    /// blocks hit / (hit + read) since the statistics were reset; -1 without reads.
    double cacheHitRatio() const;
};

struct DatabaseSizes {
    qint64 database = -1;      ///< the connected database
    qint64 server = -1;        ///< every database the role may connect to
    int databases = 0;
    int hiddenDatabases = 0;   ///< no CONNECT privilege: not counted in `server`
};

struct ActivityRow {
    int pid = 0;
    QString database, user, application, clientAddress, backendType, state;
    int clientPort = -1;
    QString waitEventType, waitEvent;
    QDateTime backendStart, transactionStart, queryStart, stateChange;
    double transactionSeconds = -1, querySeconds = -1, stateSeconds = -1;
    QString query;             ///< at most 2,000 characters (see queryLength)
    int queryLength = 0;
    QList<int> blockedBy;      ///< only for backends waiting on a lock
    int leaderPid = 0;         ///< parallel worker's leader (PostgreSQL 13+), else 0

    bool queryTruncated() const { return queryLength > query.size(); }
};

/// A backend that waits for a lock or blocks one; its locks counted by the server.
struct BlockingBackend {
    int pid = 0;
    QList<int> blockedBy;      ///< empty: a root blocker (or a waiter whose blocker left)
    QString user, database, application, state, waitEventType, waitEvent;
    double waitSeconds = -1;   ///< since the lock wait started (PostgreSQL 14+) or the state changed
    double transactionSeconds = -1;
    qint64 locksHeld = 0;
    QString awaitedLockType, awaitedMode, awaitedRelation;   ///< what it waits for
    QString query;
};

/// Locks counted by type, database, relation, mode and grant.
struct LockGroup {
    QString lockType, database, relation, mode;
    bool granted = true;
    qint64 locks = 0;
    int backends = 0;          ///< 0 in a per-backend detail
};

struct LockSummary {
    QList<LockGroup> groups;   ///< the largest groups (at most 200)
    qint64 totalLocks = 0;     ///< every lock of the server
    int totalGroups = 0;       ///< groups including those not sent
};

struct ReplicaInfo {
    int pid = 0;
    QString application, clientAddress, state, syncState;
    double writeLag = -1, flushLag = -1, replayLag = -1;
    qint64 replayBytesBehind = -1;
};

struct ReplicationInfo {
    bool standby = false;
    QList<ReplicaInfo> replicas;   ///< primary: the standbys streaming from it
    double replayLag = -1;         ///< standby: seconds since the last replayed transaction
    qint64 replayBytesBehind = -1; ///< standby: received but not yet replayed
    QString receiverState, senderHost;
};

/// Everything one refresh read, in one piece.
struct MonitorSnapshot {
    quint64 generation = 0;
    ServerOverview overview;
    DatabaseCounters databaseCounters, serverCounters;
    std::optional<DatabaseSizes> sizes;   ///< read every few refreshes only
    QList<ActivityRow> activity;
    QList<BlockingBackend> blocking;
    LockSummary locks;
    ReplicationInfo replication;
    double queryMs = 0;                   ///< time spent on the worker for the queries
};

// --- table statistics (the properties tab) ---

struct IndexStatistics {
    QString name, definition, duplicateOf;
    qint64 size = 0, scans = -1, tuplesRead = -1, tuplesFetched = -1;
    bool unique = false, primary = false, valid = true, clustered = false, backsConstraint = false, unused = false;
};

struct TableStatistics {
    qint64 oid = 0;
    QString relkind;
    qint64 tableSize = 0, indexesSize = 0, toastSize = 0, totalSize = 0;
    qint64 liveTuples = -1, deadTuples = -1, modifiedSinceAnalyze = -1, insertedSinceVacuum = -1;
    qint64 estimatedRows = -1;
    QDateTime lastVacuum, lastAutovacuum, lastAnalyze, lastAutoanalyze, lastSeqScan, lastIndexScan;
    qint64 vacuumCount = 0, autovacuumCount = 0, analyzeCount = 0, autoanalyzeCount = 0;
    qint64 seqScans = -1, seqTuplesRead = -1, indexScans = -1, indexTuplesFetched = -1;
    qint64 inserted = 0, updated = 0, deleted = 0, hotUpdated = 0;
    QString clusteredIndex;
    bool systemTable = false;
    QList<IndexStatistics> indexes;
};

/// One row of pg_stat_progress_* for a backend.
struct MaintenanceProgress {
    QString command, phase, detail;
    qint64 done = -1, total = -1;

    /// 0..1, or -1 when the server gives no total.
    double fraction() const { return total > 0 && done >= 0 ? qBound(0.0, double(done) / double(total), 1.0) : -1; }
};

} // namespace strata::monitor

Q_DECLARE_METATYPE(strata::monitor::MonitorSnapshot)
