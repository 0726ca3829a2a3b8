#include "postgresrowsource.h"

#include "data/nativequery.h"

#include <libpq-fe.h>

#include <vector>

namespace strata::data::io {

namespace {

enum : Oid { BoolOid = 16, ByteaOid = 17, Int8Oid = 20, Int2Oid = 21, Int4Oid = 23, OidOid = 26, Float4Oid = 700,
             Float8Oid = 701, NumericOid = 1700 };

QMetaType metaTypeOf(Oid oid)
{
    switch (oid) {
    case BoolOid: return QMetaType::fromType<bool>();
    case ByteaOid: return QMetaType::fromType<QByteArray>();
    case Int8Oid: case Int2Oid: case Int4Oid: case OidOid: return QMetaType::fromType<qlonglong>();
    // numeric as Double, as QPSQL reports it: the JSON writer writes its exact text as a number.
    case Float4Oid: case Float8Oid: case NumericOid: return QMetaType::fromType<double>();
    default: return QMetaType::fromType<QString>();
    }
}

} // namespace

Result<std::unique_ptr<PostgresRowSource>> PostgresRowSource::start(pg_conn *conn, const QString &sql, const QVariantList &values)
{
    if (!conn)
        return Error(ErrorKind::Connection, QStringLiteral("The database is not connected."));
    std::vector<QByteArray> texts;
    std::vector<const char *> pointers;
    texts.reserve(size_t(values.size()));
    for (const QVariant &v : values) {
        if (v.isNull()) {
            pointers.push_back(nullptr);
        } else {
            texts.push_back(postgresParameterText(v));
            pointers.push_back(texts.back().constData());
        }
    }
    // Floats in their shortest exact form whatever the server's or database's default
    // (extra_float_digits 0 prints 15 digits and would lose the last bits).
    PGresult *set = PQexec(conn, "SET extra_float_digits = 3");
    const bool setOk = PQresultStatus(set) == PGRES_COMMAND_OK;
    PQclear(set);
    if (!setOk)
        return nativePostgresError(conn, nullptr, QStringLiteral("SET extra_float_digits = 3"));
    const QByteArray text = sql.toUtf8();
    if (!PQsendQueryParams(conn, text.constData(), int(pointers.size()), nullptr, pointers.data(), nullptr, nullptr, 0))
        return nativePostgresError(conn, nullptr, sql);
    PQsetSingleRowMode(conn);
    std::unique_ptr<PostgresRowSource> source(new PostgresRowSource(conn, sql));
    if (Status header = source->readHeader(); !header)
        return header.error();
    return source;
}

PostgresRowSource::~PostgresRowSource()
{
    PQclear(m_first);
    if (!m_done) {
        // Stopped early (cancel, an error writing the file): ask the server to stop sending,
        // then drain what is on the wire so the connection can be used again.
        if (PGcancel *cancel = PQgetCancel(m_conn)) {
            char message[256];
            PQcancel(cancel, message, int(sizeof message));
            PQfreeCancel(cancel);
        }
        finish();
    }
}

void PostgresRowSource::finish()
{
    while (PGresult *r = PQgetResult(m_conn))
        PQclear(r);
    m_done = true;
}

Status PostgresRowSource::readHeader()
{
    PGresult *res = PQgetResult(m_conn);
    const ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK) {
        Error error = status == PGRES_COMMAND_OK
                          ? Error(ErrorKind::Unsupported, QStringLiteral("The statement returns no rows to export.")).withSql(m_sql)
                          : nativePostgresError(m_conn, res, m_sql);
        PQclear(res);
        finish();
        return error;
    }
    for (int c = 0; c < PQnfields(res); ++c) {
        m_columns << QString::fromUtf8(PQfname(res, c));
        m_oids << PQftype(res, c);
        m_types << metaTypeOf(PQftype(res, c));
    }
    if (status == PGRES_TUPLES_OK) {   // no rows at all
        PQclear(res);
        finish();
    } else {
        m_first = res;
    }
    return {};
}

void PostgresRowSource::takeRow(const pg_result *res, QVariantList &row) const
{
    row.resize(m_columns.size());
    for (int c = 0; c < m_columns.size(); ++c) {
        if (PQgetisnull(res, 0, c)) {
            row[c] = QVariant();
            continue;
        }
        const char *value = PQgetvalue(res, 0, c);
        const int length = PQgetlength(res, 0, c);
        switch (m_oids.at(c)) {
        case BoolOid:
            row[c] = value[0] == 't';
            break;
        case ByteaOid: {
            size_t size = 0;
            unsigned char *bytes = PQunescapeBytea(reinterpret_cast<const unsigned char *>(value), &size);
            row[c] = QByteArray(reinterpret_cast<const char *>(bytes), qsizetype(size));
            PQfreemem(bytes);
            break;
        }
        default:
            row[c] = QString::fromUtf8(value, length);   // exactly the server's text
            break;
        }
    }
}

Result<bool> PostgresRowSource::next(QVariantList &row)
{
    if (m_first) {
        takeRow(m_first, row);
        PQclear(m_first);
        m_first = nullptr;
        return true;
    }
    if (m_done)
        return false;
    PGresult *res = PQgetResult(m_conn);
    if (!res) {
        m_done = true;
        return false;
    }
    const ExecStatusType status = PQresultStatus(res);
    if (status == PGRES_SINGLE_TUPLE) {
        takeRow(res, row);
        PQclear(res);
        return true;
    }
    if (status == PGRES_TUPLES_OK) {   // the end of the rows
        PQclear(res);
        finish();
        return false;
    }
    Error error = nativePostgresError(m_conn, res, m_sql);
    PQclear(res);
    finish();
    return error;
}

} // namespace strata::data::io
