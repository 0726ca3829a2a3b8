#pragma once

// PgBackupJob: a PostgreSQL backup with pg_dump (issue 23 items 1, 3, 5).
//  1. connects (its own connection, on the job's thread) to learn the server's version and
//     the tables the dump will write, with their sizes (the progress weights);
//  2. takes the pg_dump the request names, or finds one (PgToolFinder: the lowest version
//     at least the server's major) and says which it used;
//  3. runs it (PgCommand: password in a 0600 password file, never on the command line),
//     reading progress from its verbose output and the bytes written from the file system;
//  4. on failure or cancel removes what it wrote (the file, or the folder it created);
//  Chosen partitioned tables bring their partitions along (BackupCatalog::withPartitions).
//  5. optionally verifies (PgVerifier) — pg_dump then runs with --snapshot, sharing the
//     snapshot of a transaction kept open here, so the row counts compared are exactly the
//     rows the dump wrote even while others write.

#include "backupjob.h"
#include "backupoptions.h"
#include "pgcommand.h"
#include "pgtoolfinder.h"
#include "toolprogress.h"

namespace strata::backup {

struct PgBackupRequest {
    ConnectionTarget target;
    DumpOptions options;
    ToolSearch search;
    std::optional<PgTool> tool;      ///< set: use this pg_dump; empty: discover and choose
    bool verify = false;
};

class PgBackupJob : public BackupJob {
public:
    explicit PgBackupJob(PgBackupRequest request);

    Result<JobReport> run() override;

    /// The pg_dump command run() would start (connects to learn the server's version and picks
    /// the pg_dump as run() does), for the dialog's "Copy command": displayText() masks the
    /// password. Blocks: call off the GUI thread.
    static Result<PgCommand> preview(const PgBackupRequest &request);
    /// The tables the dialog offers (BackupCatalog::choosableTables) of `schemas` (empty: all).
    /// Blocks: call off the GUI thread.
    static Result<QList<TableWeight>> choosableTables(const ConnectionTarget &target, const QStringList &schemas);

private:
    Result<PgTool> pickTool(const PgVersion &server);
    void removePartialOutput(bool existedBefore) const;

    PgBackupRequest m_request;
};

} // namespace strata::backup
