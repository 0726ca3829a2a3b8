#include "catalogreader.h"

#include "catalogsql.h"
#include "postgrescatalogreader.h"
#include "sqlitecatalogreader.h"

#include <QFile>
#include <QSqlError>

namespace strata::catalog {

Result<QString> catalogSql(const QString &name)
{
    QFile file(QStringLiteral(":/strata/catalog/%1.sql").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Internal, QStringLiteral("catalog query %1 is not built into Strata").arg(name));
    // Whole-line comments are dropped: QtSql scans statements for placeholders and would
    // take an apostrophe in a comment for the start of a string.
    QStringList lines;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n')))
        if (!line.trimmed().startsWith(QLatin1String("--")))
            lines.append(line);
    return lines.join(QLatin1Char('\n'));
}

Result<TableDetail> CatalogReader::describeOne(QSqlDatabase &db, const QString &schema, const QString &name) const
{
    Result<QList<TableDetail>> details = describe(db, schema, {name});
    if (!details)
        return details.error();
    if (details->isEmpty())
        return Error(ErrorKind::NotFound, QStringLiteral("no table or view %1 in schema %2").arg(name, schema));
    return details->first();
}

std::unique_ptr<CatalogReader> CatalogReader::create(dialect::DialectKind kind)
{
    if (kind == dialect::DialectKind::Postgres)
        return std::make_unique<PostgresCatalogReader>();
    return std::make_unique<SqliteCatalogReader>();
}

Status CatalogReader::run(QSqlDatabase &db, dialect::DialectKind kind, const QString &sql,
                          const QVariantList &values, const RowHandler &onRow) const
{
    if (m_observer)
        m_observer(sql);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return dialect::dialectFor(kind).mapError(query.lastError(), sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return dialect::dialectFor(kind).mapError(query.lastError(), sql);
    while (query.next())
        onRow(query);
    // Rows are fetched as they are read, so an error can also end the loop early.
    if (query.lastError().isValid())
        return dialect::dialectFor(kind).mapError(query.lastError(), sql);
    return Status();
}

} // namespace strata::catalog
