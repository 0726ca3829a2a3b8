// The session's SQLite bulk paths on the sqlite3 handle, measured by `strata-bench mapping`:
// QtSql's per-value QVariant binding and per-cell reads cost more than the database work
// itself for many small rows.
//
//  - Inserts: one prepared multi-row INSERT ... VALUES (...), (...) RETURNING per batch,
//    reused for every full batch. SQLite emits RETURNING rows in the order the VALUES rows
//    were inserted (its documentation calls the order unspecified; tst_session's
//    bulkInsertKeysInOrder checks it on every build, with the SQLite the project links).
//  - Reads: sqlite3_step, each value converted for its column's type, then the identity map.

#include "session.h"

#include "data/nativequery.h"

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

} // namespace strata::mapping
