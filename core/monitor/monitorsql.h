#pragma once

// Monitor queries live as .sql files under resources/monitor/<dialect>/, compiled into
// strata_core (monitor/sources.cmake), like the catalog's. Where PostgreSQL 12-17 differ,
// a line ends with a version condition, kept only when it holds for the server:
//
//     , a.leader_pid -- @pg>=13
//     , NULL::int AS leader_pid -- @pg<13
//
// (the major version: 13 means server_version_num 130000 and later). Whole-line comments
// and the markers are dropped, since QtSql scans statements for placeholders and would
// take an apostrophe in a comment for the start of a string. To try a file in psql, delete
// the lines whose condition does not hold for that server.

#include "base/result.h"

#include <QString>

namespace strata::monitor {

/// The text of resources/monitor/<name>.sql for a server of `serverVersion`
/// (server_version_num, e.g. 150004; 0 for SQLite files, which carry no conditions).
/// Internal when the resource is missing (a build error).
Result<QString> monitorSql(const QString &name, int serverVersion = 0);

/// Applies the version conditions of `text` for `serverVersion` and drops comments.
/// A malformed marker ("-- @pg>13") is an Internal error naming the line.
Result<QString> renderVersioned(const QString &text, int serverVersion);

} // namespace strata::monitor
