#pragma once

// SqliteBackupJob: a consistent copy of a SQLite file while Strata or another program keeps
// using it (issue 23 item 4).
//
// Online backup: its own connection to the file opens a read transaction first and keeps it
// for the whole copy; sqlite3_backup_step then copies `pagesPerStep` pages at a time (the
// progress) from that one snapshot. Holding the read transaction is what makes it consistent
// under concurrent writers: without it the backup API restarts whenever another connection
// commits, and a steady writer can keep it restarting for ever. In WAL mode writers go on
// meanwhile; in rollback-journal mode their commits wait (busy timeout) until the copy ends.
// Changes pending in a grid are not in the file, so they are not in the copy either.
// Compact copy: VACUUM INTO, which writes a defragmented copy in one statement (a progress
// handler reports the bytes written and stops it on cancel).
//
// Verification copies the backup to a temporary file (as a restore would), runs
// PRAGMA integrity_check on it and compares it with the source (CopyComparison); for an
// online backup this happens inside the same read transaction, so the row counts compared
// are those of the snapshot copied. Cancel removes the partial copy.

#include "backupjob.h"

#include <QSqlDatabase>

namespace strata::backup {

enum class SqliteCopyMethod { OnlineBackup, CompactCopy };

struct SqliteBackupRequest {
    QString sourcePath;
    QString destinationPath;         ///< replaced if it exists
    SqliteCopyMethod method = SqliteCopyMethod::OnlineBackup;
    int pagesPerStep = 256;
    bool verify = false;
};

class SqliteBackupJob : public BackupJob {
public:
    explicit SqliteBackupJob(SqliteBackupRequest request);

    Result<JobReport> run() override;

private:
    Status onlineBackup(void *sourceHandle);
    Status compactCopy(QSqlDatabase &db, void *sourceHandle);
    Result<Verification> verifyCopy(QSqlDatabase &source);

    SqliteBackupRequest m_request;
};

/// Removes a SQLite file and its -journal, -wal and -shm companions.
void removeSqliteFile(const QString &path);
/// PRAGMA integrity_check of a file opened read-only: "ok", or the first problems.
Result<QString> sqliteIntegrity(const QString &path);

} // namespace strata::backup
