#include "ddlcompiler.h"

#include "dialect/ddl.h"

namespace strata::mapping {

namespace {

namespace ddl = dialect::ddl;

// SQLite aliases the rowid only for a lone INTEGER PRIMARY KEY written on the column.
bool inlineKey(const TableDef &t, const ColumnDef &c)
{
    return c.autoIncrement && c.primaryKey && t.primaryKey().size() == 1;
}

QString columnDefinition(const dialect::Dialect &d, const TableDef &t, const ColumnDef &c)
{
    const QString name = d.quoteIdentifier(c.name);
    QString sql;
    if (inlineKey(t, c)) {
        sql = d.autoIncrementColumn(name, c.type);
        if (d.kind() == dialect::DialectKind::Postgres)
            sql += QStringLiteral(" PRIMARY KEY");
        return sql;
    }
    if (c.autoIncrement)   // part of a composite key: PostgreSQL only (MetaData::validate)
        return d.autoIncrementColumn(name, c.type);
    sql = name + QLatin1Char(' ') + d.typeName(c.type);
    if (!c.nullable)
        sql += QStringLiteral(" NOT NULL");
    if (!c.serverDefault.isEmpty())
        sql += QStringLiteral(" DEFAULT ") + c.serverDefault;
    if (c.unique)
        sql += QStringLiteral(" UNIQUE");
    return sql;
}

} // namespace

QStringList createTableStatements(const dialect::Dialect &d, const TableDef &t)
{
    using K = ddl::Constraint::Kind;
    ddl::Table table{t.schema, t.name, {}, true, ddl::Layout::OneLine, false};
    bool keyInline = false;
    for (const ColumnDef &c : t.columns) {
        table.elements.append(columnDefinition(d, t, c));
        keyInline = keyInline || inlineKey(t, c);
    }
    const QStringList key = t.primaryKey();
    if (!key.isEmpty() && !keyInline)
        table.elements.append(ddl::constraint(d, {K::PrimaryKey, QString(), key, QString()}));
    for (const QStringList &u : t.uniqueConstraints)
        table.elements.append(ddl::constraint(d, {K::Unique, QString(), u, QString()}));
    for (const ForeignKeyDef &fk : t.foreignKeys)
        table.elements.append(ddl::foreignKey(d, {fk.name, fk.columns, t.schema, fk.referencedTable, fk.referencedColumns,
                                                  onActionSql(fk.onDelete), onActionSql(fk.onUpdate)}));
    for (const CheckDef &c : t.checks)
        table.elements.append(ddl::constraint(d, {K::Check, c.name, {}, c.expression}));

    QStringList statements{ddl::createTable(d, table)};
    for (const IndexDef &i : t.indexes) {
        QStringList parts;
        for (const QString &column : i.columns)
            parts.append(d.quoteIdentifier(column));
        statements.append(ddl::createIndex(d, {t.schema, t.name, i.name, parts, i.unique, true, QString(), QString()}));
    }
    return statements;
}

QString dropTableStatement(const dialect::Dialect &d, const TableDef &t)
{
    return ddl::dropTable(d, t.schema, t.name, true);
}

} // namespace strata::mapping
