#pragma once

// The exact pg_dump / pg_restore / psql command a backup or restore runs: program,
// arguments, and the environment variables set for it. The password is never an argument:
// it travels in a temporary password file (PasswordFile, PGPASSFILE) named in the child's
// environment, and displayText() — the dialogs' "Copy command" — shows PGPASSWORD masked.
// Connection settings without a command-line flag (sslmode, sslrootcert, service, …) go in
// the libpq environment variables (PGSSLMODE, …); keywords with none go in a --dbname
// connection string. Schema and table names are passed as exact patterns ("public"."books"),
// so names with capitals, dots or wildcards match only themselves (inside double quotes
// pg_dump takes every character literally, "" standing for one "), and with --strict-names,
// so a chosen name that matches nothing stops the backup.

#include "backupoptions.h"
#include "base/result.h"
#include "pgtoolfinder.h"

#include <QMap>
#include <QProcessEnvironment>

namespace strata::backup {

struct PgCommand {
    QString program;                     ///< absolute path of the tool
    QStringList arguments;
    QMap<QString, QString> environment;  ///< set on top of the inherited environment
    bool usesPassword = false;           ///< a password goes in a password file at run time

    /// A shell line a person can paste: VAR=value program 'arg' …, PGPASSWORD='********'
    /// standing in for the password.
    QString displayText() const;
    /// The environment for the child: `base` plus `environment`, English messages (they are
    /// parsed), and no PGPASSWORD when a password file is used (it would win over the file).
    QProcessEnvironment childEnvironment(const QProcessEnvironment &base, const QString &passwordFile) const;
};

/// "public" -> "\"public\"": a pg_dump/pg_restore pattern that matches exactly this name.
QString exactPattern(const QString &name);
QString exactPattern(const TableName &table);

class PgCommandBuilder {
public:
    /// pg_dump with `options`, always verbose (progress is read from it) and never prompting
    /// (--no-password). `snapshot`: a snapshot id from pg_export_snapshot() to dump exactly
    /// what a verification counts in the same snapshot.
    static Result<PgCommand> dump(const PgTool &tool, const ConnectionTarget &target, const DumpOptions &options,
                                  const QString &snapshot = {});
    /// pg_restore for an archive, or psql for a plain file. `listFile`: a TOC list (-L)
    /// holding the selected entries; empty: everything.
    static Result<PgCommand> restore(const PgTool &tool, const ConnectionTarget &target, const RestoreOptions &options,
                                     const QString &listFile = {});
    /// `pg_restore --list archive`: the table of contents (needs no connection).
    static PgCommand list(const PgTool &tool, const QString &archivePath);

    /// The arguments and environment that say where to connect (--host, --port, --username,
    /// --dbname; PGSSLMODE, …). `database` replaces the profile's when not empty.
    static void addConnection(PgCommand &command, const ConnectionTarget &target, const QString &database = {});
};

} // namespace strata::backup
