#include "queryrowsource.h"

#include "connection/nativehandle.h"
#include "postgresrowsource.h"

#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>

namespace strata::data::io {

QueryRowSource::QueryRowSource(QSqlQuery query, const dialect::Dialect &dialect)
    : m_query(std::move(query))
    , m_dialect(dialect)
{
    const QSqlRecord record = m_query.record();
    for (int i = 0; i < record.count(); ++i) {
        m_columns << record.fieldName(i);
        m_types << record.field(i).metaType();
    }
}

Result<std::unique_ptr<QueryRowSource>> QueryRowSource::forTable(QSqlDatabase &db, const dialect::Dialect &dialect,
                                                                  const QString &schema, const QString &table)
{
    return forQuery(db, dialect, QStringLiteral("SELECT * FROM ") + dialect.qualifiedName(schema, table));
}

Result<std::unique_ptr<QueryRowSource>> QueryRowSource::forQuery(QSqlDatabase &db, const dialect::Dialect &dialect,
                                                                  const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);   // before exec: stream instead of caching every row
    bool ok = false;
    if (values.isEmpty()) {
        ok = query.exec(sql);   // no parameters: skip QPSQL's SQL-level PREPARE round trip
    } else if (query.prepare(sql)) {
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (!ok)
        return dialect.mapError(query.lastError(), sql);
    if (!query.isSelect())
        return Error(ErrorKind::Unsupported, QStringLiteral("The statement returns no rows to export.")).withSql(sql);
    return std::unique_ptr<QueryRowSource>(new QueryRowSource(std::move(query), dialect));
}

Result<bool> QueryRowSource::next(QVariantList &row)
{
    if (!m_query.next()) {
        if (m_query.lastError().isValid())
            return m_dialect.mapError(m_query.lastError(), m_query.lastQuery());
        return false;
    }
    const int n = static_cast<int>(m_columns.size());
    row.resize(n);
    for (int i = 0; i < n; ++i)
        row[i] = m_query.value(i);
    return true;
}

Result<std::unique_ptr<RowSource>> openQuerySource(QSqlDatabase &db, const dialect::Dialect &dialect, const QString &sql,
                                                   const QVariantList &values)
{
    if (dialect.kind() == dialect::DialectKind::Postgres) {
        auto source = PostgresRowSource::start(connection::NativeHandle::postgresHandle(db), sql, values);
        if (!source)
            return source.error();
        return std::unique_ptr<RowSource>(std::move(source.value()));
    }
    auto source = QueryRowSource::forQuery(db, dialect, sql, values);
    if (!source)
        return source.error();
    return std::unique_ptr<RowSource>(std::move(source.value()));
}

Result<std::unique_ptr<RowSource>> openTableSource(QSqlDatabase &db, const dialect::Dialect &dialect, const QString &schema,
                                                   const QString &table)
{
    return openQuerySource(db, dialect, QStringLiteral("SELECT * FROM ") + dialect.qualifiedName(schema, table));
}

} // namespace strata::data::io
