// MetaData as catalog values: what a CatalogReader would report for tables made by createAll,
// so the autogenerate comparator can diff a mapped schema against a live one.

#include "metadata.h"

namespace strata::mapping {

catalog::TableDetail MetaData::toCatalog(const dialect::Dialect &dialect, const TableDef &t)
{
    catalog::TableDetail d;
    d.relation.schema = t.schema.isEmpty()
        ? (dialect.kind() == dialect::DialectKind::Sqlite ? QStringLiteral("main") : QStringLiteral("public"))
        : t.schema;
    d.relation.name = t.name;
    d.relation.kind = catalog::RelationKind::Table;
    const QStringList key = t.primaryKey();
    int position = 0;
    for (const ColumnDef &c : t.columns) {
        catalog::ColumnInfo col;
        col.name = c.name;
        col.position = ++position;
        col.dataType = dialect.typeName(c.type);
        col.nullable = c.nullable;
        col.defaultValue = c.serverDefault;
        col.primaryKeyPosition = int(key.indexOf(c.name)) + 1;
        col.isIdentity = c.autoIncrement;
        if (c.autoIncrement && dialect.kind() == dialect::DialectKind::Postgres)
            col.identityGeneration = QStringLiteral("BY DEFAULT");
        d.columns.append(col);
        if (c.unique)
            d.constraints.append({QString(), catalog::ConstraintKind::Unique, {c.name}, QString()});
    }
    if (!key.isEmpty())
        d.constraints.append({QString(), catalog::ConstraintKind::PrimaryKey, key, QString()});
    for (const QStringList &u : t.uniqueConstraints)
        d.constraints.append({QString(), catalog::ConstraintKind::Unique, u, QString()});
    for (const CheckDef &c : t.checks)
        d.constraints.append({c.name, catalog::ConstraintKind::Check, {}, c.expression});
    for (const IndexDef &i : t.indexes) {
        catalog::IndexInfo index;
        index.name = i.name;
        index.columns = i.columns;
        for (qsizetype n = 0; n < i.columns.size(); ++n)
            index.isExpression.append(false);
        index.unique = i.unique;
        d.indexes.append(index);
    }
    for (const ForeignKeyDef &fk : t.foreignKeys) {
        catalog::ForeignKeyInfo f;
        f.name = fk.name;
        f.columns = fk.columns;
        f.referencedSchema = d.relation.schema;
        f.referencedTable = fk.referencedTable;
        f.referencedColumns = fk.referencedColumns;
        f.onDelete = onActionSql(fk.onDelete);
        f.onUpdate = onActionSql(fk.onUpdate);
        d.foreignKeys.append(f);
    }
    return d;
}

QList<catalog::TableDetail> MetaData::toCatalog(const dialect::Dialect &dialect) const
{
    QList<catalog::TableDetail> out;
    for (const TableDef *t : m_tables)
        out.append(toCatalog(dialect, *t));
    return out;
}

} // namespace strata::mapping
