#include "nativequery.h"

#include "base/undecodabletext.h"
#include "dialect/postgresdialect.h"

#include <QDate>
#include <QDateTime>
#include <QSqlError>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <vector>

namespace strata::data {

Error nativeSqliteError(sqlite3 *db, const dialect::Dialect &dialect, const QString &sql)
{
    const QSqlError e(QString(), QString::fromUtf8(sqlite3_errmsg(db)), QSqlError::StatementError,
                      QString::number(sqlite3_extended_errcode(db)));
    return dialect.mapError(e, sql);
}

Error nativePostgresError(PGconn *conn, const PGresult *r, const QString &sql)
{
    if (!r)
        return Error(ErrorKind::Connection, QString::fromUtf8(PQerrorMessage(conn)).trimmed()).withSql(sql);
    const QString state = QString::fromLatin1(PQresultErrorField(r, PG_DIAG_SQLSTATE));
    QString message = QString::fromUtf8(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
    if (message.isEmpty())
        message = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
    Error e(state.isEmpty() ? ErrorKind::Connection : dialect::PostgresDialect::kindForSqlState(state), message);
    e.sqlState = state;
    e.sql = sql;
    e.detail = QString::fromUtf8(PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL));
    const char *position = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
    if (position)
        e.position = atoi(position);
    return e;
}

namespace {

Status bindSqlite(sqlite3_stmt *stmt, const QVariantList &values, QList<QByteArray> &keep)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        int rc = SQLITE_OK;
        if (!v.isValid() || v.isNull()) {
            rc = sqlite3_bind_null(stmt, i + 1);
        } else {
            switch (v.metaType().id()) {
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(stmt, i + 1, v.toLongLong());
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(stmt, i + 1, v.toDouble());
                break;
            case QMetaType::QByteArray:
                keep.append(v.toByteArray());
                rc = sqlite3_bind_blob64(stmt, i + 1, keep.last().constData(), sqlite3_uint64(keep.last().size()), SQLITE_STATIC);
                break;
            default:
                keep.append(isUndecodableText(v) ? v.value<UndecodableText>().bytes : v.toString().toUtf8());
                rc = sqlite3_bind_text64(stmt, i + 1, keep.last().constData(), sqlite3_uint64(keep.last().size()),
                                         SQLITE_STATIC, SQLITE_UTF8);
                break;
            }
        }
        if (rc != SQLITE_OK)
            return Error(ErrorKind::Internal, QStringLiteral("Could not bind parameter %1.").arg(i + 1));
    }
    return {};
}

QVariant sqliteValue(sqlite3_stmt *stmt, int column)
{
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER: return qlonglong(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, column);
    case SQLITE_BLOB: {
        const void *data = sqlite3_column_blob(stmt, column);
        const int size = sqlite3_column_bytes(stmt, column);
        return QByteArray(data ? static_cast<const char *>(data) : "", size);
    }
    case SQLITE_NULL: return {};
    default: {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
        return textFromUtf8(text, sqlite3_column_bytes(stmt, column));   // exact bytes when not UTF-8
    }
    }
}

Result<RowSet> runSqlite(sqlite3 *db, const dialect::Dialect &dialect, const BoundSql &statement)
{
    const QByteArray sql = statement.sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return nativeSqliteError(db, dialect, statement.sql);
    QList<QByteArray> keep;
    if (Status bound = bindSqlite(stmt, statement.values, keep); !bound) {
        sqlite3_finalize(stmt);
        return bound.error();
    }
    RowSet result;
    const int columns = sqlite3_column_count(stmt);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(sqliteValue(stmt, c));
        result.rows.append(std::move(row));
    }
    if (rc != SQLITE_DONE) {
        Error e = nativeSqliteError(db, dialect, statement.sql);
        sqlite3_finalize(stmt);
        return e;
    }
    sqlite3_finalize(stmt);
    result.affected = sqlite3_changes64(db);
    return result;
}

} // namespace

QByteArray postgresParameterText(const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::Bool: return v.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f");
    case QMetaType::QByteArray: return QByteArrayLiteral("\\x") + v.toByteArray().toHex();
    case QMetaType::QDate: return v.toDate().toString(Qt::ISODate).toUtf8();
    case QMetaType::QDateTime: return v.toDateTime().toString(Qt::ISODateWithMs).toUtf8();
    case QMetaType::Double: return QByteArray::number(v.toDouble(), 'g', 17);
    default: return isUndecodableText(v) ? v.value<UndecodableText>().bytes : v.toString().toUtf8();
    }
}

namespace {

Result<RowSet> runPostgres(PGconn *conn, const BoundSql &statement)
{
    const QByteArray sql = statement.sql.toUtf8();
    std::vector<QByteArray> texts;
    std::vector<const char *> values;
    texts.reserve(size_t(statement.values.size()));
    for (const QVariant &v : statement.values) {
        if (!v.isValid() || v.isNull()) {
            values.push_back(nullptr);
        } else {
            texts.push_back(postgresParameterText(v));
            values.push_back(texts.back().constData());
        }
    }
    PGresult *r = PQexecParams(conn, sql.constData(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        Error e = nativePostgresError(conn, r, statement.sql);
        PQclear(r);
        return e;
    }
    RowSet result;
    const int rows = PQntuples(r);
    const int columns = PQnfields(r);
    result.rows.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(r, i, c))
                row.append(QVariant());
            else {
                row.append(textFromUtf8(PQgetvalue(r, i, c), PQgetlength(r, i, c)));
            }
        }
        result.rows.append(std::move(row));
    }
    const char *tuples = PQcmdTuples(r);
    result.affected = tuples && *tuples ? atoll(tuples) : -1;
    PQclear(r);
    return result;
}

} // namespace

Result<RowSet> runNative(connection::NativeHandle &native, const dialect::Dialect &dialect, const BoundSql &statement)
{
    if (native.sqlite())
        return runSqlite(native.sqlite(), dialect, statement);
    if (native.postgres())
        return runPostgres(native.postgres(), statement);
    return Error(ErrorKind::Connection, QStringLiteral("The database is not connected."));
}

Status execNative(connection::NativeHandle &native, const dialect::Dialect &dialect, const QString &sql)
{
    Result<RowSet> r = runNative(native, dialect, BoundSql{sql, {}});
    if (!r)
        return r.error();
    return {};
}

} // namespace strata::data
