#pragma once

// PgRestoreJob: restores a PostgreSQL backup (issue 23 item 2) with pg_restore, or psql for a
// plain SQL file, into the profile's database, into another existing one, or into a new one
// it creates first (CREATE DATABASE … TEMPLATE template0). The pg_restore/psql is chosen as
// pg_dump is: at least the server's major and the major of the pg_dump that wrote the archive.
// A selection of table-of-contents entries becomes a temporary --use-list file.
// Progress: entries done out of the entries restored (pg_restore's verbose output); for a
// plain file, the position psql has read to (Linux: /proc/<pid>/fdinfo) out of its size.
// With exitOnError off, the errors are collected into the report and the run still counts
// as finished. Cancel ends the tool; a database this job created is dropped again.

#include "archivelist.h"
#include "backupjob.h"
#include "backupoptions.h"
#include "pgtoolfinder.h"

namespace strata::backup {

struct PgRestoreRequest {
    ConnectionTarget target;
    RestoreOptions options;
    ToolSearch search;
    std::optional<PgTool> tool;         ///< set: use it; empty: discover and choose
    QString newDatabase;                ///< not empty: create it, then restore into it
    std::optional<ArchiveList> list;    ///< the archive's contents if already read
};

class PgRestoreJob : public BackupJob {
public:
    explicit PgRestoreJob(PgRestoreRequest request);

    Result<JobReport> run() override;

    /// Reads an archive's table of contents with `pg_restore --list` (the newest pg_restore
    /// found, which reads every older archive). Blocks: call off the GUI thread.
    static Result<ArchiveList> listArchive(const QString &path, const ToolSearch &search);
    /// The command run() would run (password masked by displayText), for "Copy command".
    static Result<PgCommand> command(const PgRestoreRequest &request, const PgTool &tool);
    /// The same, with the tool run() would pick: connects to learn the server's version (an
    /// archive's contents in `request.list` may ask for a newer tool). Blocks: call off the
    /// GUI thread.
    static Result<PgCommand> preview(const PgRestoreRequest &request);

private:
    Result<PgTool> pickTool(const PgVersion &server);

    PgRestoreRequest m_request;
};

/// How far a process has read in an open file (Linux /proc/<pid>/fdinfo); -1 when unknown.
qint64 readPosition(qint64 pid, const QString &path);

} // namespace strata::backup
