#include "postgrescatalogreader.h"

#include "catalogsql.h"
#include "postgresrows.h"

namespace strata::catalog {

using dialect::DialectKind;

QString PostgresCatalogReader::textArrayLiteral(const QStringList &names)
{
    QStringList elements;
    for (QString name : names) {
        name.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        name.replace(QLatin1Char('"'), QLatin1String("\\\""));
        elements.append(QLatin1Char('"') + name + QLatin1Char('"'));
    }
    return QLatin1Char('{') + elements.join(QLatin1Char(',')) + QLatin1Char('}');
}

Status PostgresCatalogReader::runFile(QSqlDatabase &db, const QString &file, const QVariantList &values,
                                      const RowHandler &onRow) const
{
    Result<QString> sql = catalogSql(QStringLiteral("postgres/") + file);
    if (!sql)
        return sql.error();
    return run(db, DialectKind::Postgres, *sql, values, onRow);
}

Status PostgresCatalogReader::runSelection(QSqlDatabase &db, const QString &file, const QVariantList &selection,
                                           const RowHandler &onRow) const
{
    Result<QString> selectionSql = catalogSql(QStringLiteral("postgres/selection"));
    if (!selectionSql)
        return selectionSql.error();
    Result<QString> sql = catalogSql(QStringLiteral("postgres/") + file);
    if (!sql)
        return sql.error();
    return run(db, DialectKind::Postgres, *selectionSql + QLatin1Char('\n') + *sql, selection, onRow);
}

Result<QList<SchemaInfo>> PostgresCatalogReader::schemas(QSqlDatabase &db, bool includeSystem) const
{
    QList<SchemaInfo> list;
    const Status status = runFile(db, QStringLiteral("schemas"), {}, [&](const QSqlQuery &row) {
        SchemaInfo s;
        s.name = row.value(0).toString();
        s.owner = row.value(1).toString();
        s.comment = row.value(2).toString();
        s.isSystem = row.value(3).toBool();
        if (includeSystem || !s.isSystem)
            list.append(s);
    });
    if (!status)
        return status.error();
    return list;
}

Result<SchemaObjects> PostgresCatalogReader::objects(QSqlDatabase &db, const QString &schema) const
{
    SchemaObjects objects;
    objects.schema = schema;
    Status status = runFile(db, QStringLiteral("relations"), {schema}, [&](const QSqlQuery &row) {
        objects.relations.append(pgrows::relationInfo(row, schema));
    });
    if (status) {
        status = runFile(db, QStringLiteral("sequences"), {schema}, [&](const QSqlQuery &row) {
            SequenceInfo s{schema, row.value(0).toString(), row.value(1).toString(), QString()};
            if (!row.value(2).isNull())
                s.ownedBy = row.value(2).toString() + QLatin1Char('.') + row.value(3).toString();
            objects.sequences.append(s);
        });
    }
    if (status) {
        status = runFile(db, QStringLiteral("routines"), {schema}, [&](const QSqlQuery &row) {
            objects.routines.append({schema, row.value(0).toString(), row.value(1).toString(),
                                     row.value(2).toString(), row.value(3).toBool(), row.value(4).toString()});
        });
    }
    if (status && objects.relations.isEmpty() && objects.sequences.isEmpty() && objects.routines.isEmpty()) {
        // Empty, or not there at all: only then is one more query worth it.
        bool exists = false;
        status = runFile(db, QStringLiteral("schemaexists"), {schema}, [&exists](const QSqlQuery &) { exists = true; });
        if (status && !exists)
            return Error(ErrorKind::NotFound, QStringLiteral("no schema %1").arg(schema));
    }
    if (!status)
        return status.error();
    return objects;
}

Result<QList<TableDetail>> PostgresCatalogReader::describe(QSqlDatabase &db, const QString &schema,
                                                           const QStringList &names) const
{
    const QVariantList selection{schema, names.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                         : QVariant(textArrayLiteral(names))};
    QList<Entry> entries;
    Status status = runSelection(db, QStringLiteral("relationdetails"), selection, [&](const QSqlQuery &row) {
        Entry entry;
        entry.detail.relation = pgrows::relationInfo(row, schema);
        pgrows::readRelationDdl(row, entry.detail, entry.ddl);
        entries.append(std::move(entry));
    });
    if (!status)
        return status.error();
    QList<TableDetail> details;
    if (entries.isEmpty())
        return details;
    QHash<QString, Entry *> byName;
    for (Entry &entry : entries)
        byName.insert(entry.detail.relation.name, &entry);
    const QList<QPair<QString, DetailRow>> detailQueries{
        {QStringLiteral("columns"), &pgrows::addColumn},
        {QStringLiteral("indexes"), &pgrows::addIndex},
        {QStringLiteral("constraints"), &pgrows::addConstraint},
        {QStringLiteral("triggers"), &pgrows::addTrigger},
    };
    for (const auto &[file, addRow] : detailQueries) {
        status = runSelection(db, file, selection, [&byName, addRow = addRow](const QSqlQuery &row) {
            if (Entry *entry = byName.value(row.value(0).toString()))
                addRow(row, entry->detail, entry->ddl);
        });
        if (!status)
            return status.error();
    }
    for (Entry &entry : entries) {
        entry.detail.ddl = buildPostgresDdl(entry.detail, entry.ddl);
        details.append(std::move(entry.detail));
    }
    return details;
}

} // namespace strata::catalog
