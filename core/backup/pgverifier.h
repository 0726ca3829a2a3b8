#pragma once

// PgVerifier: verification of a PostgreSQL backup (issue 23 item 5). Creates a scratch
// database on the same server (strata_verify_<random>, from template0, so it starts empty),
// restores the backup into it with pg_restore — or psql for a plain file — chosen like
// pg_dump (at least the server's and the dump's major), compares it with the source through
// CopyComparison, and drops the scratch database again whatever happened (also on cancel).
// The restore runs without owners and privileges: ownership is not part of the comparison,
// and the user may not be allowed to give objects to other roles. Errors of that restore are
// kept as notes; the comparison decides.
//
// Needs the right to create databases (CREATEDB); without it the verification fails with a
// message saying so. Runs on the job's thread, its tools as part of the job (cancellable).

#include "backupjob.h"
#include "backupoptions.h"
#include "copycomparison.h"
#include "pgtoolfinder.h"

#include <QSqlDatabase>

namespace strata::backup {

class PgVerifier {
public:
    /// `server`: the server's version; `dumpedBy`: the pg_dump that wrote the backup.
    PgVerifier(BackupJob &job, ConnectionTarget target, ToolSearch search, PgVersion server, PgVersion dumpedBy);

    /// `source` is open (in the backup's snapshot, for exact row counts).
    Result<Verification> verify(QSqlDatabase &source, const QString &backupPath, ArchiveFormat format,
                                const CompareScope &scope);

    /// A fresh scratch database name: strata_verify_<8 hex digits>.
    static QString scratchName();

private:
    Result<Verification> restoreAndCompare(QSqlDatabase &source, const QString &scratch, const QString &backupPath,
                                           ArchiveFormat format, const CompareScope &scope);

    BackupJob &m_job;
    ConnectionTarget m_target;
    ToolSearch m_search;
    PgVersion m_server;
    PgVersion m_dumpedBy;
};

} // namespace strata::backup
