#include "postgresddl.h"

#include "dialect/ddl.h"

namespace strata::catalog {

namespace {

using dialect::QuotePolicy;

const dialect::Dialect &postgres()
{
    return dialect::dialectFor(dialect::DialectKind::Postgres);
}

QString ident(const QString &name)
{
    return postgres().quoteIdentifier(name, QuotePolicy::WhenNeeded);
}

QString qualified(const QString &schema, const QString &name)
{
    return postgres().qualifiedName(schema, name, QuotePolicy::WhenNeeded);
}

QString columnDefinition(const ColumnInfo &column)
{
    dialect::ddl::Column c;
    c.name = column.name;
    c.type = column.dataType;
    c.collation = column.collation;
    if (column.isGenerated)
        c.generatedExpression = column.generationExpression;
    else if (!column.identityGeneration.isEmpty())
        c.identity = column.identityGeneration;
    else
        c.defaultExpression = column.defaultValue;
    c.notNull = !column.nullable;
    return dialect::ddl::column(postgres(), c, QuotePolicy::WhenNeeded);
}

// The lines inside CREATE TABLE ( ... ): local columns, then local constraints.
QStringList tableElements(const TableDetail &detail, const PostgresDdlInput &input, bool withColumns)
{
    QStringList elements;
    if (withColumns)
        for (const ColumnInfo &column : detail.columns)
            if (!input.inheritedColumns.contains(column.name))
                elements.append(columnDefinition(column));
    for (const PostgresDdlInput::Constraint &c : input.localConstraints)
        elements.append(dialect::ddl::constraint(postgres(), {dialect::ddl::Constraint::Kind::Written, c.name, {}, c.definition},
                                                 QuotePolicy::WhenNeeded));
    return elements;
}

QString elementBlock(const QStringList &elements)
{
    return dialect::ddl::elementBlock(elements, dialect::ddl::Layout::Indented);
}

QString createTable(const TableDetail &detail, const PostgresDdlInput &input)
{
    const RelationInfo &r = detail.relation;
    const QString name = qualified(r.schema, r.name);
    const bool isForeign = input.relkind == 'f';
    QString text = QStringLiteral("CREATE %1TABLE %2")
                       .arg(isForeign ? QStringLiteral("FOREIGN ") : input.unlogged ? QStringLiteral("UNLOGGED ") : QString(), name);
    if (r.isPartition && !input.parents.isEmpty()) {
        // Columns come from the partitioned parent; only own constraints are listed.
        text += QStringLiteral(" PARTITION OF ") + qualified(input.parents.first().first, input.parents.first().second);
        const QStringList elements = tableElements(detail, input, false);
        if (!elements.isEmpty())
            text += QLatin1Char(' ') + elementBlock(elements);
        text += QLatin1Char(' ') + input.partitionBound;
    } else {
        text += QLatin1Char(' ') + elementBlock(tableElements(detail, input, true));
        QStringList parents;
        for (const auto &parent : input.parents)
            parents.append(qualified(parent.first, parent.second));
        if (!parents.isEmpty())
            text += QStringLiteral("\nINHERITS (%1)").arg(parents.join(QLatin1String(", ")));
    }
    if (!input.partitionKey.isEmpty())
        text += QStringLiteral("\nPARTITION BY ") + input.partitionKey;
    if (isForeign && !input.foreignServer.isEmpty())
        text += QStringLiteral("\nSERVER ") + ident(input.foreignServer);
    if (!input.options.isEmpty())
        text += QStringLiteral("\nWITH (%1)").arg(input.options);
    return text + QLatin1Char(';');
}

QString createView(const TableDetail &detail, const PostgresDdlInput &input)
{
    const bool materialized = detail.relation.kind == RelationKind::MaterializedView;
    QString text = QStringLiteral("CREATE %1VIEW %2")
                       .arg(materialized ? QStringLiteral("MATERIALIZED ") : QString(),
                            qualified(detail.relation.schema, detail.relation.name));
    if (!input.options.isEmpty())
        text += QStringLiteral(" WITH (%1)").arg(input.options);
    return text + QStringLiteral(" AS\n") + detail.viewDefinition + QLatin1Char(';');
}

QStringList comments(const TableDetail &detail)
{
    QStringList statements;
    const QString name = qualified(detail.relation.schema, detail.relation.name);
    if (!detail.relation.comment.isEmpty()) {
        const char *what = detail.relation.kind == RelationKind::View ? "VIEW"
                           : detail.relation.kind == RelationKind::MaterializedView ? "MATERIALIZED VIEW"
                           : detail.relation.kind == RelationKind::ForeignTable ? "FOREIGN TABLE" : "TABLE";
        statements.append(QStringLiteral("COMMENT ON %1 %2 IS %3;")
                              .arg(QLatin1String(what), name, postgres().stringLiteral(detail.relation.comment)));
    }
    for (const ColumnInfo &column : detail.columns)
        if (!column.comment.isEmpty())
            statements.append(QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3;")
                                  .arg(name, ident(column.name), postgres().stringLiteral(column.comment)));
    return statements;
}

// pg_get_indexdef writes "ON ONLY parent" for the index of a partitioned table, which
// would not cascade to partitions; a script creating the table afresh wants it to.
QString cascadingIndexDefinition(const QString &definition)
{
    const QString unique = QStringLiteral("CREATE UNIQUE INDEX ");
    const QString plain = QStringLiteral("CREATE INDEX ");
    qsizetype i = definition.startsWith(unique) ? unique.size() : definition.startsWith(plain) ? plain.size() : -1;
    if (i < 0)
        return definition;
    if (definition.at(i) == QLatin1Char('"')) {   // skip a quoted index name
        for (++i; i < definition.size(); ++i) {
            if (definition.at(i) != QLatin1Char('"'))
                continue;
            if (i + 1 < definition.size() && definition.at(i + 1) == QLatin1Char('"'))
                ++i;
            else
                break;
        }
    }
    const QString only = QStringLiteral(" ON ONLY ");
    const qsizetype at = definition.indexOf(only, i);
    if (at < 0 || definition.indexOf(QLatin1Char(' '), i) != at)
        return definition;
    return definition.left(at) + QStringLiteral(" ON ") + definition.mid(at + only.size());
}

} // namespace

QString buildPostgresDdl(const TableDetail &detail, const PostgresDdlInput &input)
{
    QStringList statements;
    const bool isView = detail.relation.kind == RelationKind::View
                        || detail.relation.kind == RelationKind::MaterializedView;
    if (isView) {
        statements.append(createView(detail, input));
    } else {
        // A serial column's sequence must exist before the DEFAULT nextval(...) naming it.
        for (const PostgresDdlInput::OwnedSequence &s : input.ownedSequences)
            statements.append(QStringLiteral("CREATE SEQUENCE IF NOT EXISTS %1 AS %2;")
                                  .arg(qualified(s.schema, s.name), s.dataType));
        statements.append(createTable(detail, input));
        for (const PostgresDdlInput::OwnedSequence &s : input.ownedSequences)
            statements.append(QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;")
                                  .arg(qualified(s.schema, s.name),
                                       qualified(detail.relation.schema, detail.relation.name), ident(s.column)));
    }
    statements.append(comments(detail));
    for (const IndexInfo &index : detail.indexes)
        if (!input.constraintIndexes.contains(index.name))
            statements.append((input.relkind == 'p' ? cascadingIndexDefinition(index.definition) : index.definition)
                              + QLatin1Char(';'));
    for (const TriggerInfo &trigger : detail.triggers)
        if (!input.clonedTriggers.contains(trigger.name))
            statements.append(trigger.definition + QLatin1Char(';'));
    return statements.join(QLatin1Char('\n'));
}

} // namespace strata::catalog
