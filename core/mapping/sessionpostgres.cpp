// The session's PostgreSQL bulk paths on the PGconn, measured by `strata-bench mapping`:
// QtSql's per-value QVariant binding and QPSQL's single-row mode cost more than the
// database work itself for many small rows.
//
//  - Inserts of many rows: COPY ... FROM STDIN in text format. Keys the server generates
//    are read back without drawing them first (sessionpostgreskeys.cpp).
//  - Reads: one PQexecParams result (text format), each value converted for its column's
//    type, then the identity map.

#include "session.h"

#include "base/isotime.h"
#include "data/nativequery.h"

#include <charconv>
#include <cmath>
#include <libpq-fe.h>

namespace strata::mapping {

namespace {

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
        const QVariant v = table.columns[size_t(columns[c])].read(object);
        const auto *dateTime = v.typeId() == QMetaType::QDateTime ? static_cast<const QDateTime *>(v.constData()) : nullptr;
        if (dateTime && dateTime->isValid())   // ISO text needs no escaping
            appendIsoUtc(buffer, *dateTime);
        else
            appendCopyValue(buffer, bindValue(*m_dialect, v));
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
