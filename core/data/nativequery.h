#pragma once

// Runs one grid statement through the native handle behind a QtSql connection: sqlite3
// prepared statements, or libpq PQexecParams in text format. Why not QSqlQuery: the grid's
// reads are its hot path (QtSql's per-cell QVariant path measured 2-2.5x slower than the
// native loop), PostgreSQL values must come back as their exact text output, and row
// counts of DML must be exact. Worker thread only (the thread that owns the connection).
//
// Values: NULL is an invalid QVariant both ways. SQLite binds by the QVariant's type
// (integers, doubles, QByteArray as BLOB, everything else as text); PostgreSQL binds every
// value as text and lets the server infer the parameter types from the statement.

#include "base/result.h"
#include "boundsql.h"
#include "connection/nativehandle.h"

#include <QList>
#include <QVariantList>

struct sqlite3;
struct pg_conn;
struct pg_result;

namespace strata::data {

struct RowSet {
    QList<QVariantList> rows;
    qint64 affected = -1;   ///< rows changed by INSERT/UPDATE/DELETE without RETURNING
};

/// Runs `statement`; errors are mapped through the dialect (Cancelled after cancel()).
Result<RowSet> runNative(connection::NativeHandle &native, const dialect::Dialect &dialect, const BoundSql &statement);

/// The error of the last failed call on `db`, mapped through the dialect.
Error nativeSqliteError(sqlite3 *db, const dialect::Dialect &dialect, const QString &sql);
/// The error of a failed PostgreSQL result (or of the connection when `result` is null).
Error nativePostgresError(pg_conn *conn, const pg_result *result, const QString &sql);

/// A value bound to a PostgreSQL parameter, as text: booleans t/f, bytes \x hex, dates ISO,
/// doubles with 17 digits, everything else its string.
QByteArray postgresParameterText(const QVariant &value);

/// Runs a statement without parameters and ignores its rows (BEGIN, COMMIT, SET ...).
Status execNative(connection::NativeHandle &native, const dialect::Dialect &dialect, const QString &sql);

} // namespace strata::data
