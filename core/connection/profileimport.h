#pragma once

// Bringing connection profiles in from what people already have, and taking them out again:
//   - Strata's own JSON export (never with a password) and a list of URLs, one per line;
//   - pg_service.conf services (PGSERVICEFILE, ~/.pg_service.conf, PGSYSCONFDIR), and the
//     `service=` of a URL resolved into fields;
//   - ~/.pgpass entries (the passwords stay in the file, where libpq finds them);
//   - a DATABASE_URL (or *_DATABASE_URL) in a .env file;
//   - pgAdmin 4's servers.json export and DBeaver's data-sources.json.
// Every importer returns candidates for the user to review; nothing is saved here. A
// candidate may carry a password found in its source (a URL, a service file) so the UI
// can offer to put it in the keychain; the profile itself never holds one.
// All functions are pure: they read only the file or text given to them (and the
// environment passed in), on any thread.

#include "base/result.h"
#include "connectionprofile.h"

#include <QProcessEnvironment>
#include <optional>

namespace strata::connection {

struct ImportCandidate {
    ConnectionProfile profile;          ///< no id yet: the store gives one when it is saved
    std::optional<QString> password;    ///< found in the source; never stored in settings
    QString source;                     ///< where it came from: "line 3", "[books]", "Servers/1"
    QString note;                       ///< e.g. "password in ~/.pgpass", "SSH password auth not supported"
};

struct ImportResult {
    QList<ImportCandidate> candidates;
    QStringList warnings;               ///< entries that were skipped, and why
};

/// Strata's export: {"format": "strata-connections", "version": 1, "connections": [...]}.
/// Ids and passwords are never written (the profile has none; a "password" option is dropped).
QByteArray exportProfilesJson(const QList<ConnectionProfile> &profiles);
/// Reads Strata's export (or a bare array of profile objects). Any "password" key in it is
/// ignored and reported as a warning. Syntax error when it is not such JSON.
Result<ImportResult> importProfilesJson(const QByteArray &json);

/// One connection string per line (URL, keyword string or SQLite path); blank lines and
/// lines starting with '#' are skipped, unparsable lines become warnings ("line 4: ...").
ImportResult importUrlList(const QString &text, const QString &baseDir);

/// The service file libpq reads: PGSERVICEFILE, else ~/.pg_service.conf (HOME from env).
QString serviceFilePath(const QProcessEnvironment &env);
/// The system-wide one: $PGSYSCONFDIR/pg_service.conf, else Debian's
/// /etc/postgresql-common/pg_service.conf.
QString systemServiceFilePath(const QProcessEnvironment &env);
/// Each [service] section of a pg_service.conf as a candidate named after the service.
/// NotFound when the file does not exist; Syntax (field "line") on a malformed line.
Result<ImportResult> importServiceFile(const QString &path);
/// Fills the empty fields of a profile that names a service from that service's section
/// (user file first, then the system file, as libpq does) and clears `service`. A profile
/// with no service is returned unchanged; NotFound (field "service") when no file defines it.
Result<ConnectionProfile> resolveService(const ConnectionProfile &profile, const QProcessEnvironment &env);

/// One candidate per distinct host/port/database/user of a .pgpass file ('*' fields are left
/// empty). Passwords are not taken: libpq keeps reading them from the file.
Result<ImportResult> importPgPass(const QString &path);

/// DATABASE_URL, and any *_DATABASE_URL, of a .env file (KEY=value lines, optional
/// `export`, quotes, comments). The URL's password goes to the candidate's password.
Result<ImportResult> importDotEnv(const QString &path, const QString &baseDir);

/// pgAdmin 4's "Servers" export (File > Export servers / setup.py dump-servers).
Result<ImportResult> importPgAdminServers(const QByteArray &json);

/// DBeaver's workspace .dbeaver/data-sources.json: PostgreSQL and SQLite connections with
/// their folders, read-only flag, connection type colours and SSH tunnel settings.
/// Passwords stay in DBeaver's encrypted credentials file.
Result<ImportResult> importDBeaverDataSources(const QByteArray &json);

} // namespace strata::connection
