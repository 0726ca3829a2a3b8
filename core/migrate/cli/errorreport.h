#pragma once

// How strata-migrate reports a failure, the same for every command: as text on stderr
// ("FAILED: message", then the server's detail), or with --json as one JSON object on
// stdout, so that a script reading stdout always gets one JSON document:
//   {"error": {"kind": "syntax", "message": "...", "detail": "...", "sqlstate": "...",
//              "location": {"file": "versions/a.sql", "line": 12, "column": 3}}}
// (detail, sqlstate, sql and location only when known; kind is one of connection, auth,
// not_found, syntax, constraint, conflict, permission, busy, cancelled, unsupported, io,
// migration, internal). Every line of a message is capped
// (base/quotedtext.h), so input quoted by a driver or a parser never floods the terminal.

#include "base/error.h"

#include <QJsonObject>
#include <QTextStream>

namespace strata::migrate::cli {

/// The "error" object of --json output.
QJsonObject errorToJson(const Error &e);

/// Prints `e` as text on `err` (each line after `prefix`'s first one as is), or as
/// {"error": ...} on `out` when `json`.
void reportError(const Error &e, bool json, QTextStream &out, QTextStream &err,
                 const QString &prefix = QStringLiteral("FAILED: "));

/// `message` with every line capped to a length a terminal can show.
QString cappedMessage(const QString &message);

} // namespace strata::migrate::cli
