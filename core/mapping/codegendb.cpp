// generateMappingFromDatabase (codegen.h): the catalog read behind `strata-migrate codegen`
// and the tree's "Generate C++ mapping…".

#include "codegen.h"

#include "catalog/catalogreader.h"

namespace strata::mapping {

Result<QString> generateMappingFromDatabase(QSqlDatabase &db, dialect::DialectKind dialect, const QString &schemaName,
                                            const QStringList &tables, const CodegenOptions &options)
{
    const auto reader = catalog::CatalogReader::create(dialect);
    const QString schema = schemaName.isEmpty()
        ? (dialect == dialect::DialectKind::Sqlite ? QStringLiteral("main") : QStringLiteral("public"))
        : schemaName;
    const Result<QList<catalog::TableDetail>> described = reader->describe(db, schema, tables);
    if (!described)
        return described.error();
    QList<catalog::TableDetail> found;
    for (const catalog::TableDetail &t : *described) {
        if (t.relation.kind == catalog::RelationKind::Table || t.relation.kind == catalog::RelationKind::PartitionedTable)
            found.append(t);
    }
    for (const QString &name : tables) {
        const bool present = std::any_of(found.begin(), found.end(), [&name](const auto &t) { return t.relation.name == name; });
        if (!present)
            return Error(ErrorKind::NotFound, QStringLiteral("No table %1 in schema %2").arg(name, schema));
    }
    CodegenOptions o = options;
    for (const catalog::TableDetail &t : found) {
        for (const catalog::ForeignKeyInfo &fk : t.foreignKeys) {
            const QString key = fk.referencedSchema + QLatin1Char('.') + fk.referencedTable;
            if (!fk.referencedColumns.isEmpty() || o.primaryKeys.contains(key))
                continue;
            const auto parent = reader->describeOne(db, fk.referencedSchema.isEmpty() ? schema : fk.referencedSchema,
                                                    fk.referencedTable);
            if (parent)
                o.primaryKeys.insert(key, parent->primaryKey());
        }
    }
    return generateMappingFile(found, dialect, o);
}

} // namespace strata::mapping
