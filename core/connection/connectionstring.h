#pragma once

// Parsing and printing connection strings. Everything a user may paste where a connection
// is asked for is understood here:
//   sqlite:///relative.db  sqlite:////abs/path.db  sqlite://  sqlite:///:memory:
//   sqlite+pysqlite:///x.db  a bare path (books.db, ~/data/x.sqlite3)  file:x.db?mode=ro
//   postgresql://user:pass@host:5432/db?sslmode=require&connect_timeout=5&application_name=x
//   postgres://…  postgresql+psycopg2://…  postgresql+psycopg://…  postgresql+pg8000://…
//   percent-encoded parts, IPv6 hosts [::1], Unix-socket hosts (?host=/dir or %2Fdir as host)
//   libpq keyword/value strings: host=localhost port=5432 dbname=books user=postgres
// Bad input gives an Error whose `field` names the part that is wrong ("scheme", "port",
// "host", "query", "quote", "percent-escape", ...). Parsing never touches the network or the
// environment: PG* defaults are applied separately (pgenvironment.h).

#include "base/result.h"
#include "connectionprofile.h"

#include <QDir>
#include <optional>

namespace strata::connection {

/// A parsed connection string: the profile, and the password if the string held one.
struct ConnectionSpec {
    ConnectionProfile profile;
    std::optional<QString> password;
};

/// Parses any supported form. Relative SQLite paths are resolved against `baseDir`;
/// a leading `~/` against the home directory. A URL's query parameters override its other
/// parts (as in libpq); keywords Strata has no field for go to profile.options (SQLite URI
/// parameters other than `mode` too). Text that starts with `key=` is a keyword/value
/// string; text with an unknown `scheme:` is an error (write ./name for a file whose name
/// contains ':'); anything else is a SQLite file path. Never reads the environment.
Result<ConnectionSpec> parseConnectionString(const QString &text,
                                             const QString &baseDir = QDir::currentPath());

enum class PasswordMode { Omit, Include };

/// Prints a profile as a URL: sqlite:////abs/path.db, sqlite:///:memory:,
/// postgresql://user@host:port/db?sslmode=… (parts percent-encoded; IPv6 in brackets;
/// socket directories as ?host=). With PasswordMode::Include and a password, it is added
/// percent-encoded, and options holding secrets (isSecretOption: sslpassword...) are printed;
/// PasswordMode::Omit leaves both out. parseConnectionString(toUrl(p, password, Include))
/// gives p and the password back.
QString toUrl(const ConnectionProfile &profile, const std::optional<QString> &password = {},
              PasswordMode mode = PasswordMode::Omit);

/// Prints a PostgreSQL profile as a libpq keyword/value string (values quoted and escaped
/// where needed). The password and secret options are included only with
/// PasswordMode::Include. A SQLite profile has no keyword form: the result is empty.
QString toKeywordString(const ConnectionProfile &profile, const std::optional<QString> &password = {},
                        PasswordMode mode = PasswordMode::Omit);

} // namespace strata::connection
