#pragma once

// SqliteRestoreJob: puts a SQLite backup in place of a database file (issue 23 item 4).
// The backup is checked first (PRAGMA quick_check). An existing target is overwritten page by
// page through sqlite3_backup_step into it, inside the target's own write transaction: a
// cancel or a failure rolls it back and leaves the target as it was, and a -wal file of the
// target can never be replayed onto the new content. A missing target is a plain file copy
// (to a temporary name in the same folder, then renamed). The target is checked afterwards.
//
// Whether the target may be replaced (not open in Strata, confirmed by the user) is the
// caller's decision; the job only waits up to 5 s for other programs' locks.

#include "backupjob.h"

namespace strata::backup {

struct SqliteRestoreRequest {
    QString backupPath;
    QString targetPath;
    int pagesPerStep = 256;
};

class SqliteRestoreJob : public BackupJob {
public:
    explicit SqliteRestoreJob(SqliteRestoreRequest request);

    Result<JobReport> run() override;

private:
    Status copyInto(void *backupHandle);
    Status copyAsFile();

    SqliteRestoreRequest m_request;
};

} // namespace strata::backup
