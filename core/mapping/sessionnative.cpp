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
#include <charconv>
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

Cell sqliteCell(sqlite3_stmt *stmt, int column)
{
    Cell cell;
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
        cell.kind = Cell::Kind::Integer;
        cell.integer = sqlite3_column_int64(stmt, column);
        break;
    case SQLITE_FLOAT:
        cell.kind = Cell::Kind::Real;
        cell.real = sqlite3_column_double(stmt, column);
        break;
    case SQLITE_NULL: break;
    case SQLITE_BLOB:
        cell.kind = Cell::Kind::Blob;
        cell.data = static_cast<const char *>(sqlite3_column_blob(stmt, column));
        cell.size = sqlite3_column_bytes(stmt, column);
        break;
    default:
        cell.kind = Cell::Kind::Text;
        cell.data = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
        cell.size = sqlite3_column_bytes(stmt, column);
    }
    return cell;
}

/// PostgreSQL text output as a cell of the column's type (dates stay ISO text). A bytea
/// value is unescaped into `bytes`, which must outlive the cell's use.
Cell postgresCell(const PGresult *r, int row, int column, ColumnType type, QByteArray &bytes)
{
    Cell cell;
    if (PQgetisnull(r, row, column))
        return cell;
    const char *text = PQgetvalue(r, row, column);
    switch (type) {
    case ColumnType::Integer:
    case ColumnType::BigInt:
        cell.kind = Cell::Kind::Integer;
        cell.integer = std::strtoll(text, nullptr, 10);
        return cell;
    case ColumnType::Double:
        cell.kind = Cell::Kind::Real;
        cell.real = std::strtod(text, nullptr);   // also NaN, Infinity, -Infinity
        return cell;
    case ColumnType::Boolean:
        cell.kind = Cell::Kind::Integer;
        cell.integer = text[0] == 't' ? 1 : 0;
        return cell;
    case ColumnType::Blob: {
        size_t length = 0;
        unsigned char *unescaped = PQunescapeBytea(reinterpret_cast<const unsigned char *>(text), &length);
        bytes = QByteArray(reinterpret_cast<const char *>(unescaped), qsizetype(length));
        PQfreemem(unescaped);
        cell.kind = Cell::Kind::Blob;
        cell.data = bytes.constData();
        cell.size = bytes.size();
        return cell;
    }
    default:
        cell.kind = Cell::Kind::Text;
        cell.data = text;
        cell.size = PQgetlength(r, row, column);
        return cell;
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
    char number[32];
    switch (v.typeId()) {   // numbers need no escaping and no intermediate QByteArray
    case QMetaType::Int:
    case QMetaType::LongLong: {
        const auto end = std::to_chars(number, number + sizeof number, v.toLongLong()).ptr;
        buffer.append(number, end - number);
        return;
    }
    case QMetaType::Double:
    case QMetaType::Float:
        if (const double d = v.toDouble(); std::isfinite(d)) {
            const auto end = std::to_chars(number, number + sizeof number, d).ptr;   // shortest exact form
            buffer.append(number, end - number);
            return;
        }
        break;
    default: break;
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
                table.columns[size_t(group.returning[i])].writeCell(object, sqliteCell(*stmt, int(i)));
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
    return copyRows(table, group.columns, group.entries.size(), [&](QByteArray &buffer, size_t row) {
        appendCopyRow(buffer, table, group.columns, group.entries[row]->object.get());
        buffer.append('\n');
    });
}

void Session::appendCopyRow(QByteArray &buffer, const TableDef &table, const QList<int> &columns, const void *object) const
{
    for (qsizetype c = 0; c < columns.size(); ++c) {
        if (c > 0)
            buffer.append('\t');
        appendCopyValue(buffer, bindValue(*m_dialect, table.columns[size_t(columns[c])].read(object)));
    }
}

Status Session::copyRows(const TableDef &table, const QList<int> &columns, size_t rows,
                         const std::function<void(QByteArray &, size_t)> &appendRow)
{
    QStringList names;
    for (int i : columns)
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
    for (size_t row = 0; row < rows && sent; ++row) {
        appendRow(buffer, row);
        if (buffer.size() >= kChunk) {
            sent = PQputCopyData(m_postgres, buffer.constData(), int(buffer.size())) == 1;
            buffer.clear();
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
        std::shared_ptr<void> snapshot;
        std::shared_ptr<void> object = table.createWithSnapshot(&snapshot);
        for (int i = 0; i < n; ++i)
            table.columns[size_t(i)].writeCell(object.get(), sqliteCell(*stmt, i));
        adopt(table, std::move(object), out, std::move(snapshot));
    }
    const Status status = rc == SQLITE_DONE ? Status() : Status(data::nativeSqliteError(m_sqlite, *m_dialect, sql.sql));
    sqlite3_reset(*stmt);
    return status;
}

Result<PGresult *> Session::execPostgres(const QString &sql, const QVariantList &values, int expected)
{
    std::vector<QByteArray> texts;
    std::vector<const char *> params;
    texts.reserve(size_t(values.size()));
    for (const QVariant &v : values) {
        const QVariant b = bindValue(*m_dialect, v);
        if (!b.isValid() || b.isNull()) {
            params.push_back(nullptr);
            continue;
        }
        texts.push_back(postgresText(b));
        params.push_back(texts.back().constData());
    }
    PGresult *r = PQexecParams(m_postgres, numberedPlaceholders(sql).constData(), int(params.size()), nullptr,
                               params.data(), nullptr, nullptr, 0);
    if (PQresultStatus(r) != expected) {
        const Error e = data::nativePostgresError(m_postgres, r, sql);
        PQclear(r);
        return e;
    }
    return r;
}

Result<QString> Session::serialSequence(const TableDef &table, const ColumnDef &key)
{
    // Looked up once: as an argument of nextval() inside the generate_series query,
    // pg_get_serial_sequence would run once per row (2.7 s of 1M rows).
    const QString sql = QStringLiteral("SELECT pg_get_serial_sequence(?, ?)");
    const QVariantList values{m_dialect->qualifiedName(table.schema, table.name), key.name};
    notify(sql, values);
    const Result<PGresult *> found = execPostgres(sql, values, PGRES_TUPLES_OK);
    if (!found)
        return found.error();
    const bool hasSequence = PQntuples(*found) == 1 && !PQgetisnull(*found, 0, 0);
    const QString sequence = hasSequence ? QString::fromUtf8(PQgetvalue(*found, 0, 0)) : QString();
    PQclear(*found);
    if (!hasSequence)
        return Error(ErrorKind::Unsupported, QStringLiteral("%1.%2 has no sequence to draw keys from").arg(table.name, key.name));
    return sequence;
}

Status Session::sendKeyReservation(const QString &sequence, size_t count)
{
    // A bound regclass parameter: nextval's argument is a constant, not a per-row cast. One
    // array value: the server draws every key before sending (rows would stall the server as
    // soon as the socket buffer filled, while the client is busy formatting).
    const QString sql = QStringLiteral("SELECT array_agg(k ORDER BY k) FROM (SELECT nextval(?) AS k FROM generate_series(1, ?)) AS keys");
    notify(sql, {sequence, qulonglong(count)});
    const QByteArray name = sequence.toUtf8();
    const QByteArray n = QByteArray::number(qulonglong(count));
    const char *params[] = {name.constData(), n.constData()};
    if (!PQsendQueryParams(m_postgres, numberedPlaceholders(sql).constData(), 2, nullptr, params, nullptr, nullptr, 0))
        return data::nativePostgresError(m_postgres, nullptr, sql);
    return {};
}

Status Session::receiveKeys(const ColumnDef &key, const InsertGroup &group)
{
    Status status;
    while (PGresult *r = PQgetResult(m_postgres)) {   // read to the end, even after an error
        if (status && (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1))
            status = data::nativePostgresError(m_postgres, r, QStringLiteral("SELECT array_agg(k ...) (keys)"));
        size_t assigned = 0;
        if (status) {   // "{1,2,3}"
            const char *p = PQgetvalue(r, 0, 0);
            const char *end = p + PQgetlength(r, 0, 0);
            for (++p; p < end && assigned < group.entries.size(); ++assigned) {
                Cell cell;
                cell.kind = Cell::Kind::Integer;
                const auto parsed = std::from_chars(p, end, cell.integer);
                if (parsed.ec != std::errc())
                    break;
                key.writeCell(group.entries[assigned]->object.get(), cell);
                p = parsed.ptr + 1;   // past ',' or '}'
            }
            if (assigned != group.entries.size())
                status = Error(ErrorKind::Internal, QStringLiteral("the sequence gave %1 values for %2 rows")
                                                        .arg(assigned).arg(group.entries.size()));
        }
        PQclear(r);
    }
    return status;
}

Status Session::fetchPostgres(const TableDef &table, const CompiledSql &sql, std::vector<std::shared_ptr<void>> &out)
{
    const Result<PGresult *> result = execPostgres(sql.sql, sql.values, PGRES_TUPLES_OK);
    if (!result)
        return result.error();
    PGresult *r = *result;
    const int rows = PQntuples(r);
    const int n = std::min(int(table.columns.size()), PQnfields(r));
    out.reserve(out.size() + size_t(rows));
    QByteArray bytes;
    for (int row = 0; row < rows; ++row) {
        std::shared_ptr<void> snapshot;
        std::shared_ptr<void> object = table.createWithSnapshot(&snapshot);
        for (int i = 0; i < n; ++i) {
            const ColumnDef &c = table.columns[size_t(i)];
            c.writeCell(object.get(), postgresCell(r, row, i, c.type, bytes));
        }
        adopt(table, std::move(object), out, std::move(snapshot));
    }
    PQclear(r);
    return {};
}

} // namespace strata::mapping
