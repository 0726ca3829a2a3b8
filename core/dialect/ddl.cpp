#include "ddl.h"

namespace strata::dialect::ddl {

QString quotedList(const Dialect &d, const QStringList &names, QuotePolicy policy)
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &n : names)
        quoted.append(d.quoteIdentifier(n, policy));
    return quoted.join(QLatin1String(", "));
}

QString constraintName(const Dialect &d, const QString &name, QuotePolicy policy)
{
    return name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT ") + d.quoteIdentifier(name, policy) + QLatin1Char(' ');
}

QString column(const Dialect &d, const Column &c, QuotePolicy policy)
{
    const bool pg = d.kind() == DialectKind::Postgres;
    QStringList parts{d.quoteIdentifier(c.name, policy)};
    if (!c.type.isEmpty())
        parts.append(c.type);
    if (!c.collation.isEmpty())
        parts.append(QStringLiteral("COLLATE ") + d.quoteIdentifier(c.collation, policy));
    if (pg && !c.identity.isEmpty())
        parts.append(QStringLiteral("GENERATED %1 AS IDENTITY").arg(c.identity));
    if (!c.generatedExpression.isEmpty())
        parts.append(QStringLiteral("GENERATED ALWAYS AS (%1)%2").arg(c.generatedExpression, pg ? QStringLiteral(" STORED") : QString()));
    else if (!c.defaultExpression.isEmpty())
        parts.append(QStringLiteral("DEFAULT ") + c.defaultExpression);
    if (c.notNull)
        parts.append(QStringLiteral("NOT NULL"));
    if (c.primaryKey)
        parts.append(constraintName(d, c.primaryKeyName, policy) + QStringLiteral("PRIMARY KEY")
                     + (c.autoincrement && !pg ? QStringLiteral(" AUTOINCREMENT") : QString()));
    parts += c.clauses;
    return parts.join(QLatin1Char(' '));
}

QString constraint(const Dialect &d, const Constraint &c, QuotePolicy names, QuotePolicy columns)
{
    const QString prefix = constraintName(d, c.name, names);
    switch (c.kind) {
    case Constraint::Kind::PrimaryKey:
        return prefix + QStringLiteral("PRIMARY KEY (%1)").arg(quotedList(d, c.columns, columns));
    case Constraint::Kind::Unique:
        return prefix + QStringLiteral("UNIQUE (%1)").arg(quotedList(d, c.columns, columns));
    case Constraint::Kind::Check:
        return prefix + QStringLiteral("CHECK (%1)").arg(c.expression);
    case Constraint::Kind::Written:
        return prefix + c.expression;
    }
    return QString();
}

QString foreignKey(const Dialect &d, const ForeignKey &k)
{
    QString text = constraintName(d, k.name) + QStringLiteral("FOREIGN KEY (%1) REFERENCES ").arg(quotedList(d, k.columns));
    // SQLite's REFERENCES takes no schema: the parent is in the child's database.
    text += d.kind() == DialectKind::Sqlite ? d.quoteIdentifier(k.referencedTable)
                                            : d.qualifiedName(k.referencedSchema, k.referencedTable);
    if (!k.referencedColumns.isEmpty())
        text += QStringLiteral(" (%1)").arg(quotedList(d, k.referencedColumns));
    const auto action = [&text](const char *what, const QString &value) {
        if (!value.isEmpty() && value.compare(QLatin1String("NO ACTION"), Qt::CaseInsensitive) != 0)
            text += QStringLiteral(" ON %1 %2").arg(QLatin1String(what), value.toUpper());
    };
    action("DELETE", k.onDelete);
    action("UPDATE", k.onUpdate);
    return text;
}

QString elementBlock(const QStringList &elements, Layout layout)
{
    if (elements.isEmpty())
        return QStringLiteral("()");
    if (layout == Layout::OneLine)
        return QLatin1Char('(') + elements.join(QLatin1String(", ")) + QLatin1Char(')');
    return QStringLiteral("(\n    ") + elements.join(QLatin1String(",\n    ")) + QStringLiteral("\n)");
}

QString createTable(const Dialect &d, const Table &t)
{
    QString text = QStringLiteral("CREATE TABLE ") + (t.ifNotExists ? QStringLiteral("IF NOT EXISTS ") : QString())
                   + d.qualifiedName(t.schema, t.name) + QLatin1Char(' ') + elementBlock(t.elements, t.layout);
    if (t.withoutRowid && d.kind() == DialectKind::Sqlite)
        text += QStringLiteral(" WITHOUT ROWID");
    return text;
}

QString createIndex(const Dialect &d, const Index &i)
{
    // PostgreSQL puts an index in its table's schema and takes no schema on its name;
    // SQLite wants the schema on the index name and none on the table.
    const bool pg = d.kind() == DialectKind::Postgres;
    const QString indexName = pg ? d.quoteIdentifier(i.name) : d.qualifiedName(i.schema, i.name);
    const QString tableName = pg ? d.qualifiedName(i.schema, i.table) : d.quoteIdentifier(i.table);
    QString text = QStringLiteral("CREATE %1INDEX %2%3 ON %4")
                       .arg(i.unique ? QStringLiteral("UNIQUE ") : QString(),
                            i.ifNotExists ? QStringLiteral("IF NOT EXISTS ") : QString(), indexName, tableName);
    if (pg && !i.method.isEmpty() && i.method != QLatin1String("btree"))
        text += QStringLiteral(" USING ") + i.method;
    text += QStringLiteral(" (%1)").arg(i.parts.join(QLatin1String(", ")));
    if (!i.predicate.isEmpty())
        text += QStringLiteral(" WHERE ") + i.predicate;
    return text;
}

QString dropTable(const Dialect &d, const QString &schema, const QString &name, bool ifExists)
{
    return QStringLiteral("DROP TABLE ") + (ifExists ? QStringLiteral("IF EXISTS ") : QString()) + d.qualifiedName(schema, name);
}

} // namespace strata::dialect::ddl
