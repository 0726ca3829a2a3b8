#pragma once

// Row counts of a SQLite schema's tables for the object tree (issue 19): exact counts when
// the database file is small enough to count at once (at most `exactSizeLimit` bytes), else
// the estimates ANALYZE left in sqlite_stat1 (marked as estimates, shown with "~"), else
// nothing (the tree leaves the cell empty). Cancellable at any point, a count(*) in the
// middle included: `cancelled` is checked by SQLite's progress handler.
//
// Threads: runs on the connection's worker (a Connection::run job); `cancelled` may be set
// from any thread.

#include "base/result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>

namespace strata::connection { struct JobContext; }

namespace strata::catalog {

struct RowCount {
    QString table;
    qint64 rows = -1;
    bool estimate = false;   ///< from sqlite_stat1, not counted
};

/// 64 MiB: count(*) over that much takes well under a second on this kind of machine.
constexpr qint64 kExactRowCountSizeLimit = 64 * 1024 * 1024;

/// The counts of `tables` in `schema` ("main", or an attached database), in their order;
/// tables with neither a count nor an estimate are left out. Cancelled -> ErrorKind::Cancelled.
Result<QList<RowCount>> sqliteRowCounts(connection::JobContext &job, const QString &schema, const QStringList &tables,
                                        qint64 exactSizeLimit, const std::atomic_bool &cancelled);

} // namespace strata::catalog
