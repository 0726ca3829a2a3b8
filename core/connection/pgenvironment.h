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
/// Invalid PGPORT, PGSSLMODE or PGCONNECT_TIMEOUT values are ignored. When a service is
/// named (the profile's or PGSERVICE), only `service` is filled: libpq reads the service
/// file, which outranks the environment and the built-ins, so empty fields stay empty.
ConnectionProfile withPgDefaults(ConnectionProfile profile, const QProcessEnvironment &env);

/// The same with another socket directory in place of /var/run/postgresql (for tests, and
/// for builds whose libpq uses another one): it becomes the host when it is a directory.
ConnectionProfile withPgDefaults(ConnectionProfile profile, const QProcessEnvironment &env,
                                 const QString &socketDirectory);

/// The Unix socket directory libpq uses when no host is given ("/var/run/postgresql").
QString defaultSocketDirectory();

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
/// comments (#) and blank lines skipped, first match wins. As in libpq's passwordFromFile,
/// an empty host and the default socket directory match "localhost" entries; another socket
/// directory matches only entries that name it. Port 0 means 5432; ports compare as text.
/// The file is ignored (with a warning) when it is not a regular file or its permissions
/// allow group or world access (mode & 077), as libpq does on Unix; a missing file gives
/// source None and no warning. A matching entry with an empty password gives None too
/// (libpq treats an empty password as none), and later entries are not consulted.
PasswordLookup lookupPgPass(const QString &filePath, const QString &host, int port,
                            const QString &database, const QString &user);

} // namespace strata::connection
