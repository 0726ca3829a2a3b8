#pragma once

// CopyComparison: proves that a restored copy is whole by comparing it with its source —
// the schema through the schema diff engine (autogen::readSnapshot + autogen::compare: zero
// operations means the same tables, columns, types, defaults, keys, indexes, foreign keys,
// checks, triggers, views, sequences and enum types), the functions by signature and body
// (PostgreSQL), and the row count of every table. Each difference is one line for people.
//
// Both databases are open on the calling thread (a job's worker). For an exact row
// comparison the source is read in the snapshot the backup was taken in (PostgreSQL: the
// transaction whose snapshot pg_dump --snapshot used; SQLite: the read transaction the
// online backup copied under).

#include "backupjob.h"
#include "backupoptions.h"

#include <QSqlDatabase>
#include <functional>

namespace strata::backup {

struct CompareScope {
    QStringList schemas;                ///< schemas to compare ("main" for SQLite)
    QList<TableName> onlyTables;        ///< not empty: only these tables (a dump of --table)
    QList<TableName> skipRowCounts;     ///< tables whose rows were left out of the backup
    bool compareRows = true;            ///< false for a schema-only backup
};

class CopyComparison {
public:
    /// `step` is called before each table is counted (done, total, table); returning false
    /// stops the comparison with a Cancelled error.
    using Step = std::function<bool(int done, int total, const QString &what)>;

    static Result<Verification> compare(QSqlDatabase &source, QSqlDatabase &copy, const CompareScope &scope,
                                        const Step &step = {});
};

} // namespace strata::backup
