#pragma once

// libpq's defaults, applied the way libpq applies them: a field the user left empty takes
// PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE, PGCONNECT_TIMEOUT, PGAPPNAME; the password
// comes from PGPASSWORD, then from the password file (PGPASSFILE or ~/.pgpass). The
// environment is passed in, never read from a global, so callers and tests control it.

#include "base/result.h"
#include "connectionprofile.h"

#include <QProcessEnvironment>
#include <optional>

namespace strata::connection {

/// Fills empty PostgreSQL fields from PG* variables, then libpq's built-in defaults
/// (host: the Unix socket directory /var/run/postgresql if it exists else localhost;
/// port 5432; user: the OS user name; database: the user name). SQLite profiles are
/// returned unchanged.
ConnectionProfile withPgDefaults(ConnectionProfile profile, const QProcessEnvironment &env);

/// Where a password will come from if none is typed.
enum class PasswordSource { None, Environment, PasswordFile };

struct PasswordLookup {
    PasswordSource source = PasswordSource::None;
    QString password;
    QString filePath;     ///< the password file that matched, for PasswordFile
    QString warning;      ///< e.g. "~/.pgpass ignored: permissions 0644 are too open"
};

/// Finds the password libpq would use for a (defaults-applied) profile: PGPASSWORD, then
/// the password file. Never throws, never logs the password.
PasswordLookup lookupPassword(const ConnectionProfile &profile, const QProcessEnvironment &env);

/// The password file libpq would read: PGPASSFILE, else ~/.pgpass (HOME from env).
QString passwordFilePath(const QProcessEnvironment &env);

/// Looks up one entry in a .pgpass file with libpq's rules: lines
/// host:port:database:username:password, `*` matches anything, `\:` and `\\` escape,
/// comments (#) and blank lines skipped, first match wins; a host that is a socket
/// directory (or empty) matches "localhost"; the file is ignored (with a warning) when
/// its permissions allow group or world access, as libpq does on Unix.
PasswordLookup lookupPgPass(const QString &filePath, const QString &host, int port,
                            const QString &database, const QString &user);

} // namespace strata::connection
