#include "ddlcompiler.h"

namespace strata::mapping {

namespace {

QString quotedList(const dialect::Dialect &d, const QStringList &names)
{
    QStringList out;
    for (const QString &n : names)
        out.append(d.quoteIdentifier(n));
    return out.join(QStringLiteral(", "));
}

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

QString constraintName(const dialect::Dialect &d, const QString &name)
{
    return name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT ") + d.quoteIdentifier(name) + QLatin1Char(' ');
}

} // namespace

QStringList createTableStatements(const dialect::Dialect &d, const TableDef &t)
{
    QStringList parts;
    bool keyInline = false;
    for (const ColumnDef &c : t.columns) {
        parts.append(columnDefinition(d, t, c));
        keyInline = keyInline || inlineKey(t, c);
    }
    const QStringList key = t.primaryKey();
    if (!key.isEmpty() && !keyInline)
        parts.append(QStringLiteral("PRIMARY KEY (") + quotedList(d, key) + QLatin1Char(')'));
    for (const QStringList &u : t.uniqueConstraints)
        parts.append(QStringLiteral("UNIQUE (") + quotedList(d, u) + QLatin1Char(')'));
    for (const ForeignKeyDef &fk : t.foreignKeys) {
        QString sql = constraintName(d, fk.name) + QStringLiteral("FOREIGN KEY (") + quotedList(d, fk.columns)
            + QStringLiteral(") REFERENCES ") + d.qualifiedName(t.schema, fk.referencedTable) + QStringLiteral(" (")
            + quotedList(d, fk.referencedColumns) + QLatin1Char(')');
        if (fk.onDelete != OnAction::NoAction)
            sql += QStringLiteral(" ON DELETE ") + onActionSql(fk.onDelete);
        if (fk.onUpdate != OnAction::NoAction)
            sql += QStringLiteral(" ON UPDATE ") + onActionSql(fk.onUpdate);
        parts.append(sql);
    }
    for (const CheckDef &c : t.checks)
        parts.append(constraintName(d, c.name) + QStringLiteral("CHECK (") + c.expression + QLatin1Char(')'));

    QStringList statements;
    statements.append(QStringLiteral("CREATE TABLE IF NOT EXISTS ") + d.qualifiedName(t.schema, t.name) + QStringLiteral(" (")
                      + parts.join(QStringLiteral(", ")) + QLatin1Char(')'));
    for (const IndexDef &i : t.indexes) {
        // PostgreSQL puts an index in its table's schema; SQLite wants the schema on the index name.
        const QString indexName = d.kind() == dialect::DialectKind::Sqlite ? d.qualifiedName(t.schema, i.name)
                                                                           : d.quoteIdentifier(i.name);
        const QString table = d.kind() == dialect::DialectKind::Sqlite ? d.quoteIdentifier(t.name)
                                                                       : d.qualifiedName(t.schema, t.name);
        statements.append(QStringLiteral("CREATE ") + (i.unique ? QStringLiteral("UNIQUE ") : QString())
                          + QStringLiteral("INDEX IF NOT EXISTS ") + indexName + QStringLiteral(" ON ") + table
                          + QStringLiteral(" (") + quotedList(d, i.columns) + QLatin1Char(')'));
    }
    return statements;
}

QString dropTableStatement(const dialect::Dialect &d, const TableDef &t)
{
    return QStringLiteral("DROP TABLE IF EXISTS ") + d.qualifiedName(t.schema, t.name);
}

} // namespace strata::mapping
