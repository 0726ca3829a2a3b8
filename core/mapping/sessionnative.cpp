// The session's bulk paths on the driver's own handle, measured by `strata-bench mapping`:
// QtSql's per-value QVariant binding and per-cell reads (and QPSQL's single-row mode) cost
// more than the database work itself for many small rows.
//
//  - SQLite inserts: one prepared multi-row INSERT ... VALUES (...), (...) RETURNING per
//    batch, reused for every full batch. SQLite emits RETURNING rows in the order the VALUES
//    rows were inserted (its documentation calls the order unspecified; tst_session's
//    bulkInsertKeysInOrder checks it on every build, with the SQLite the project links).
//  - PostgreSQL inserts of many rows whose keys are known (drawn from the sequence first)
//    or need no reading back: COPY ... FROM STDIN in text format.
//  - Reads: sqlite3_step / one PQexecParams result (text format), each value converted for
//    its column's type, then the identity map.

#include "session.h"

#include "data/nativequery.h"

#include <QSqlError>
#include <cmath>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::mapping {

namespace {

Status bindSqlite(sqlite3_stmt *stmt, int index, const QVariant &v)
{
    int rc = SQLITE_OK;
    switch (v.isNull() ? QMetaType::UnknownType : v.typeId()) {
    case QMetaType::UnknownType: rc = sqlite3_bind_null(stmt, index); break;
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong: rc = sqlite3_bind_int64(stmt, index, v.toLongLong()); break;
    case QMetaType::Double:
    case QMetaType::Float: rc = sqlite3_bind_double(stmt, index, v.toDouble()); break;
    case QMetaType::QByteArray: {
        const auto *b = static_cast<const QByteArray *>(v.constData());   // alive until the step
        rc = sqlite3_bind_blob64(stmt, index, b->constData(), sqlite3_uint64(b->size()), SQLITE_STATIC);
        break;
    }
    case QMetaType::QString: {
        const auto *s = static_cast<const QString *>(v.constData());
        rc = sqlite3_bind_text16(stmt, index, s->utf16(), int(s->size() * 2), SQLITE_STATIC);
        break;
    }
    default: {
        const QByteArray text = v.toString().toUtf8();
        rc = sqlite3_bind_text64(stmt, index, text.constData(), sqlite3_uint64(text.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
    }
    }
    if (rc != SQLITE_OK)
        return Error(ErrorKind::Internal, QStringLiteral("Could not bind parameter %1.").arg(index));
    return {};
}

QVariant sqliteValue(sqlite3_stmt *stmt, int column)
{
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER: return qlonglong(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, column);
    case SQLITE_NULL: return {};
    case SQLITE_BLOB: {
        const void *data = sqlite3_column_blob(stmt, column);
        return QByteArray(data ? static_cast<const char *>(data) : "", sqlite3_column_bytes(stmt, column));
    }
    default: {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
        const int size = sqlite3_column_bytes(stmt, column);
        return size == 0 ? QStringLiteral("") : QString::fromUtf8(text, size);
    }
    }
}

/// PostgreSQL text output -> the QVariant the column's traits expect (dates as ISO text).
QVariant postgresValue(const PGresult *r, int row, int column, ColumnType type)
{
    if (PQgetisnull(r, row, column))
        return {};
    const char *text = PQgetvalue(r, row, column);
    const int size = PQgetlength(r, row, column);
    switch (type) {
    case ColumnType::Integer:
    case ColumnType::BigInt: return qlonglong(std::strtoll(text, nullptr, 10));
    case ColumnType::Double: return std::strtod(text, nullptr);   // also NaN, Infinity, -Infinity
    case ColumnType::Boolean: return text[0] == 't';
    case ColumnType::Blob: {
        size_t length = 0;
        unsigned char *bytes = PQunescapeBytea(reinterpret_cast<const unsigned char *>(text), &length);
        QByteArray out(reinterpret_cast<const char *>(bytes), qsizetype(length));
        PQfreemem(bytes);
        return out;
    }
    default: return size == 0 ? QStringLiteral("") : QString::fromUtf8(text, size);
    }
}

/// A bound value as PostgreSQL text input (bytea as \x hex).
QByteArray postgresText(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Bool: return v.toBool() ? QByteArrayLiteral("t") : QByteArrayLiteral("f");
    case QMetaType::QByteArray: return QByteArrayLiteral("\\x") + v.toByteArray().toHex();
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        if (std::isnan(d))
            return QByteArrayLiteral("NaN");
        if (std::isinf(d))
            return d > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
        return QByteArray::number(d, 'g', 17);
    }
    case QMetaType::Int:
    case QMetaType::LongLong: return QByteArray::number(v.toLongLong());
    default: return v.toString().toUtf8();
    }
}

/// One value of a COPY text row: \N for NULL, backslash, tab and line breaks escaped.
void appendCopyValue(QByteArray &buffer, const QVariant &v)
{
    if (!v.isValid() || v.isNull()) {
        buffer.append("\\N", 2);
        return;
    }
    const QByteArray text = postgresText(v);
    for (const char c : text) {
        switch (c) {
        case '\\': buffer.append("\\\\", 2); break;
        case '\t': buffer.append("\\t", 2); break;
        case '\n': buffer.append("\\n", 2); break;
        case '\r': buffer.append("\\r", 2); break;
        default: buffer.append(c);
        }
    }
}

/// QtSql's "?" placeholders as libpq's $1, $2, ... (outside quoted text and identifiers).
QByteArray numberedPlaceholders(const QString &sql)
{
    QString out;
    out.reserve(sql.size() + 16);
    QChar quote;
    int n = 0;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?') {
            out += QLatin1Char('$') + QString::number(++n);
            continue;
        }
        out += c;
    }
    return out.toUtf8();
}

} // namespace

void Session::finalizeNative()
{
    for (sqlite3_stmt *stmt : std::as_const(m_sqliteStatements))
        sqlite3_finalize(stmt);
    m_sqliteStatements.clear();
}

Result<sqlite3_stmt *> Session::sqliteStatement(const QString &sql)
{
    if (sqlite3_stmt *stmt = m_sqliteStatements.value(sql)) {
        sqlite3_reset(stmt);
        return stmt;
    }
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_sqlite, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        return data::nativeSqliteError(m_sqlite, *m_dialect, sql);
    m_sqliteStatements.insert(sql, stmt);
    return stmt;
}

Status Session::insertSqliteBatch(const TableDef &table, const InsertGroup &group, size_t start, int rows)
{
    const QString sql = insertSql(*m_dialect, table, group.columns, group.returning, rows);
    const Result<sqlite3_stmt *> stmt = sqliteStatement(sql);
    if (!stmt)
        return stmt.error();
    QVariantList bound;   // alive until the step: text and blobs are bound without copies
    bound.reserve(qsizetype(rows) * group.columns.size());
    for (int r = 0; r < rows; ++r) {
        const void *object = group.entries[start + size_t(r)]->object.get();
        for (int i : group.columns)
            bound.append(table.columns[size_t(i)].read(object));
    }
    notify(sql, bound);
    for (QVariant &v : bound)
        v = bindValue(*m_dialect, v);
    for (qsizetype i = 0; i < bound.size(); ++i) {
        if (const Status s = bindSqlite(*stmt, int(i + 1), bound.at(i)); !s)
            return s;
    }
    int rc = SQLITE_OK;
    int returned = 0;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
        if (returned < rows) {
            void *object = group.entries[start + size_t(returned)]->object.get();
            for (qsizetype i = 0; i < group.returning.size(); ++i)
                table.columns[size_t(group.returning[i])].write(object, sqliteValue(*stmt, int(i)));
        }
        ++returned;
    }
    if (rc != SQLITE_DONE) {
        const Error e = data::nativeSqliteError(m_sqlite, *m_dialect, sql);
        sqlite3_reset(*stmt);
        return e;
    }
    sqlite3_reset(*stmt);
    if (!group.returning.isEmpty() && returned != rows)
        return Error(ErrorKind::Internal, QStringLiteral("INSERT into %1 returned %2 rows for %3").arg(table.name).arg(returned).arg(rows));
    return {};
}

Status Session::copyRows(const TableDef &table, const InsertGroup &group)
{
    QStringList names;
    for (int i : group.columns)
        names.append(m_dialect->quoteIdentifier(table.columns[size_t(i)].name));
    const QString sql = QStringLiteral("COPY ") + m_dialect->qualifiedName(table.schema, table.name) + QStringLiteral(" (")
        + names.join(QStringLiteral(", ")) + QStringLiteral(") FROM STDIN");
    notify(sql, {});
    PGresult *r = PQexec(m_postgres, sql.toUtf8().constData());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        const Error e = data::nativePostgresError(m_postgres, r, sql);
        PQclear(r);
        return e;
    }
    PQclear(r);
    constexpr qsizetype kChunk = 1 << 20;
    QByteArray buffer;
    buffer.reserve(kChunk + 4096);
    bool sent = true;
    for (const Entry *e : group.entries) {
        for (qsizetype c = 0; c < group.columns.size(); ++c) {
            if (c > 0)
                buffer.append('\t');
            appendCopyValue(buffer, bindValue(*m_dialect, table.columns[size_t(group.columns[c])].read(e->object.get())));
        }
        buffer.append('\n');
        if (buffer.size() >= kChunk) {
            sent = PQputCopyData(m_postgres, buffer.constData(), int(buffer.size())) == 1;
            buffer.clear();
            if (!sent)
                break;
        }
    }
    if (sent && !buffer.isEmpty())
        sent = PQputCopyData(m_postgres, buffer.constData(), int(buffer.size())) == 1;
    PQputCopyEnd(m_postgres, sent ? nullptr : "the session stopped the copy");
    Status status;
    while (PGresult *res = PQgetResult(m_postgres)) {
        if (status && PQresultStatus(res) != PGRES_COMMAND_OK)
            status = data::nativePostgresError(m_postgres, res, sql);
        PQclear(res);
    }
    return status;
}

Status Session::fetchSqlite(const TableDef &table, const CompiledSql &sql, std::vector<std::shared_ptr<void>> &out)
{
    const Result<sqlite3_stmt *> stmt = sqliteStatement(sql.sql);
    if (!stmt)
        return stmt.error();
    QVariantList bound;
    for (const QVariant &v : sql.values)
        bound.append(bindValue(*m_dialect, v));
    for (qsizetype i = 0; i < bound.size(); ++i) {
        if (const Status s = bindSqlite(*stmt, int(i + 1), bound.at(i)); !s)
            return s;
    }
    const int n = int(table.columns.size());
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
        std::shared_ptr<void> object = table.create();
        for (int i = 0; i < n; ++i)
            table.columns[size_t(i)].write(object.get(), sqliteValue(*stmt, i));
        adopt(table, std::move(object), out);
    }
    const Status status = rc == SQLITE_DONE ? Status() : Status(data::nativeSqliteError(m_sqlite, *m_dialect, sql.sql));
    sqlite3_reset(*stmt);
    return status;
}

Status Session::fetchPostgres(const TableDef &table, const CompiledSql &sql, std::vector<std::shared_ptr<void>> &out)
{
    std::vector<QByteArray> texts;
    std::vector<const char *> values;
    texts.reserve(size_t(sql.values.size()));
    for (const QVariant &v : sql.values) {
        const QVariant b = bindValue(*m_dialect, v);
        if (!b.isValid() || b.isNull()) {
            values.push_back(nullptr);
            continue;
        }
        texts.push_back(postgresText(b));
        values.push_back(texts.back().constData());
    }
    PGresult *r = PQexecParams(m_postgres, numberedPlaceholders(sql.sql).constData(), int(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        const Error e = data::nativePostgresError(m_postgres, r, sql.sql);
        PQclear(r);
        return e;
    }
    const int rows = PQntuples(r);
    const int n = std::min(int(table.columns.size()), PQnfields(r));
    out.reserve(out.size() + size_t(rows));
    for (int row = 0; row < rows; ++row) {
        std::shared_ptr<void> object = table.create();
        for (int i = 0; i < n; ++i) {
            const ColumnDef &c = table.columns[size_t(i)];
            c.write(object.get(), postgresValue(r, row, i, c.type));
        }
        adopt(table, std::move(object), out);
    }
    PQclear(r);
    return {};
}

} // namespace strata::mapping
