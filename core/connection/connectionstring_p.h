#pragma once

// Pieces shared by the connection-string parsers and printers (connectionstring.cpp,
// postgresurl.cpp, keywordstring.cpp). Not part of the public API.

#include "connectionstring.h"

#include <QLatin1String>

namespace strata::connection::detail {

/// An ErrorKind::Syntax error about `field`.
Error syntaxError(const QString &field, const QString &message);

/// Decodes %XX escapes (UTF-8 bytes). `what` names the part for the message ("user",
/// "database"...). Fails with field "percent-escape" on %zz, a truncated escape or bytes
/// that are not UTF-8. With `secret`, the message never quotes the text.
Result<QString> percentDecode(const QString &text, const QString &what, bool secret = false);

/// Escapes '%', spaces, control characters and every character of `reserved` as %XX.
/// Non-ASCII characters stay as they are (the result is for people to read too).
QString percentEncode(const QString &text, QLatin1String reserved);

/// Splits a URL query (without '?') into key/value pairs, percent-decoded; empty segments
/// are skipped. A segment without '=' or with an empty key fails with field "query".
Result<QList<std::pair<QString, QString>>> parseQuery(const QString &query);

/// A port number 1..65535 written in decimal digits only; field "port" otherwise.
Result<int> parsePort(const QString &text);

/// True for a libpq keyword name: a letter or '_' followed by letters, digits or '_'.
bool isKeywordName(const QString &name);

/// Stores one libpq keyword: known keywords into their profile fields (port, sslmode and
/// connect_timeout validated), the password into spec.password, any other into options.
Status applyPgKeyword(ConnectionSpec &spec, const QString &key, const QString &value);

/// Parses what follows "postgresql://" (or an alias).
Result<ConnectionSpec> parsePostgresUrl(const QString &afterSlashes);

/// Parses a libpq keyword/value string.
Result<ConnectionSpec> parseKeywordString(const QString &text);

/// True when `text` starts like a keyword/value string ("key=" after optional spaces).
bool looksLikeKeywordString(const QString &text);

/// The PostgreSQL part of toUrl.
QString postgresUrl(const ConnectionProfile &profile, const std::optional<QString> &password,
                    PasswordMode mode);

} // namespace strata::connection::detail
