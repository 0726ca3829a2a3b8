#pragma once

// The statements of table maintenance (PostgreSQL) and of SQLite file health, written
// through the dialect: identifiers quoted by it, the one value (VACUUM INTO's file name)
// bound. What the server cannot do is refused here, before anything runs, with the reason
// the UI shows beside the disabled option (REINDEX CONCURRENTLY of a system catalog,
// CLUSTER without an index, ...).

#include "base/result.h"
#include "dialect/dialect.h"
#include "monitortypes.h"

namespace strata::monitor {

enum class MaintenanceKind { Vacuum, Analyze, Reindex, Cluster };

struct MaintenanceRequest {
    MaintenanceKind kind = MaintenanceKind::Vacuum;
    QString schema, table;
    bool full = false, freeze = false, analyze = false;   ///< VACUUM options
    bool concurrently = false;                            ///< REINDEX CONCURRENTLY
    QString index;   ///< CLUSTER ... USING index (empty: the index the table was clustered on)
};

/// What the statement depends on: the server and the table as last read.
struct MaintenanceTarget {
    int serverVersion = 0;
    QString relkind;          ///< pg_class.relkind: r, p (partitioned), m (materialized view)
    bool systemTable = false;
    QString clusteredIndex;   ///< name of the index marked indisclustered, or empty
};

/// The target as TableStatistics describe it.
MaintenanceTarget maintenanceTarget(const TableStatistics &statistics, int serverVersion);

/// "VACUUM (FULL, ANALYZE) public.books", "REINDEX TABLE CONCURRENTLY ...", ...
Result<QString> maintenanceStatement(const dialect::Dialect &dialect, const MaintenanceRequest &request,
                                     const MaintenanceTarget &target);

/// Empty when REINDEX CONCURRENTLY is possible on `target`, else why not.
QString reindexConcurrentlyUnavailable(const MaintenanceTarget &target);
/// Empty when CLUSTER is possible on `target` (given an index), else why not.
QString clusterUnavailable(const MaintenanceTarget &target);

enum class SqliteHealthAction { IntegrityCheck, QuickCheck, ForeignKeyCheck, Vacuum, VacuumInto, Optimize, Checkpoint };

/// Whether `action` writes to the database file (refused on a read-only connection).
bool sqliteActionWrites(SqliteHealthAction action);
/// The statement for `action` on schema `schema` ("main"): PRAGMA "main".integrity_check(N),
/// VACUUM "main" INTO ? (the target file bound), PRAGMA "main".wal_checkpoint(TRUNCATE), ...
/// `maxErrors` bounds the rows of integrity_check / quick_check.
QString sqliteHealthStatement(const dialect::Dialect &dialect, SqliteHealthAction action,
                              const QString &schema = QStringLiteral("main"), int maxErrors = 10000);

} // namespace strata::monitor
