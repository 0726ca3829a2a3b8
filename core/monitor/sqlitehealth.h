#pragma once

// SQLite file health: what the file is made of (pages, free pages, journal mode, WAL size,
// schema version) and the checks and upkeep SQLite offers (integrity_check, quick_check,
// foreign_key_check, VACUUM, VACUUM INTO, optimize, wal_checkpoint), through the native
// sqlite3 handle behind a QtSql connection.
//
// Threads: every function here runs on the thread that owns the connection (a health
// Connection's worker). They stop early when the connection is interrupted
// (sqlite3_interrupt through Connection::cancel()) and then return a Cancelled error.
// The checks only read: they never write to the file.

#include "base/result.h"
#include "maintenancestatement.h"

#include <QStringList>
#include <functional>

struct sqlite3;

namespace strata::monitor {

struct SqliteFileHealth {
    QString filePath;          ///< empty for an in-memory database
    qint64 pageSize = 0, pageCount = 0, freelistCount = 0;
    QString journalMode;       ///< "delete", "wal", ...
    qint64 schemaVersion = 0, userVersion = 0;
    int autoVacuum = 0;        ///< 0 none, 1 full, 2 incremental
    QString encoding;
    qint64 fileSize = -1;      ///< bytes on disk, -1 in memory
    qint64 walSize = -1;       ///< the -wal file, -1 when there is none
    int tables = 0, indexes = 0;

    qint64 allocatedSize() const { return pageCount * pageSize; }
    /// Bytes in pages that hold something (all pages but the free list).
    qint64 dataSize() const { return (pageCount - freelistCount) * pageSize; }
};

/// A row that breaks a foreign key, with what the grid needs to show it: the table and
/// the column/value that find the row (its single-column primary key, else "rowid").
struct ForeignKeyViolation {
    QString table;
    qint64 rowid = -1;         ///< -1: a WITHOUT ROWID table
    QString parent;
    int foreignKeyId = 0;
    QStringList columns;       ///< the child columns of the broken key
    QString keyColumn, keyValue;
};

/// What a health action did, with the file's sizes before and after.
struct SqliteActionReport {
    SqliteHealthAction action = SqliteHealthAction::IntegrityCheck;
    QString statement;
    bool ok = false;
    bool cancelled = false;
    Error error;
    double elapsedMs = 0;
    int rows = 0;              ///< rows a check returned ("ok" counts as none)
    bool clean = false;        ///< a check found nothing wrong
    QString summary;           ///< e.g. the checkpoint's "busy 0, log 12, checkpointed 12"
    QString targetPath;        ///< VACUUM INTO
    qint64 targetSize = -1;
    QList<ForeignKeyViolation> violations;   ///< foreign_key_check
    SqliteFileHealth before, after;
};

/// Reads the file's figures; `filePath` empty for an in-memory database.
Result<SqliteFileHealth> readSqliteHealth(sqlite3 *db, const QString &filePath);

/// integrity_check or quick_check: each row goes to `onRow` as it is read ("ok" when the
/// file is sound). Returns the number of rows that were not "ok"; damage that makes SQLite
/// stop the check (SQLITE_CORRUPT) is one more such row, not an error.
Result<int> runSqliteCheck(sqlite3 *db, SqliteHealthAction check, int maxErrors,
                           const std::function<void(const QString &)> &onRow);

/// foreign_key_check, each violation with the key that finds its row (at most `limit`).
Result<QList<ForeignKeyViolation>> sqliteForeignKeyCheck(sqlite3 *db, int limit = 10000);

/// VACUUM, VACUUM INTO `targetPath`, optimize or wal_checkpoint(TRUNCATE); a one-line
/// summary of what SQLite answered. `onSteps` (may be empty) is told the number of virtual
/// machine steps done so far, a few times a second: work going on when there is no total.
Result<QString> runSqliteUpkeep(sqlite3 *db, SqliteHealthAction action, const QString &targetPath,
                                const std::function<void(qint64)> &onSteps);

} // namespace strata::monitor
