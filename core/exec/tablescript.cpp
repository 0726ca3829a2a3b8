#include "tablescript.h"

namespace strata::exec {

namespace {

using dialect::QuotePolicy;

QString tableName(const catalog::TableDetail &table, const dialect::Dialect &dialect)
{
    // SQLite's "main" and PostgreSQL's "public" are where unqualified names go.
    const QString &schema = table.relation.schema;
    const bool implicit = schema.isEmpty() || schema == QLatin1String("main") || schema == QLatin1String("public");
    return dialect.qualifiedName(implicit ? QString() : schema, table.relation.name, QuotePolicy::WhenNeeded);
}

/// A parameter name the console accepts: letters, digits and underscores.
QString parameterName(const QString &column, int position)
{
    QString name;
    for (QChar c : column)
        name += (c.isLetterOrNumber() || c == QLatin1Char('_')) ? c : QLatin1Char('_');
    if (name.isEmpty() || name.front().isDigit())
        name = QStringLiteral("p%1_").arg(position) + name;
    return QLatin1Char(':') + name;
}

QString matchOn(const catalog::TableDetail &table, const QStringList &columns, const dialect::Dialect &dialect)
{
    QStringList terms;
    for (const QString &c : columns)
        terms << dialect.quoteIdentifier(c, QuotePolicy::WhenNeeded) + QStringLiteral(" = ")
                     + parameterName(c, table.column(c) ? table.column(c)->position : 0);
    return terms.join(QStringLiteral("\n  AND "));
}

} // namespace

QString tableScript(const catalog::TableDetail &table, ScriptKind kind, const dialect::Dialect &dialect)
{
    const QString name = tableName(table, dialect);
    QStringList quoted, writable, params, all;
    for (const catalog::ColumnInfo &c : table.columns) {
        quoted << dialect.quoteIdentifier(c.name, QuotePolicy::WhenNeeded);
        all << c.name;
        if (c.isGenerated || (c.isIdentity && c.identityGeneration == QLatin1String("ALWAYS")))
            continue;   // the server writes these
        writable << c.name;
        params << parameterName(c.name, c.position);
    }
    QStringList key = table.primaryKey();
    if (key.isEmpty())
        key = all;
    switch (kind) {
    case ScriptKind::Select:
        return QStringLiteral("SELECT %1\nFROM %2\nLIMIT 100;\n").arg(quoted.join(QStringLiteral(", ")), name);
    case ScriptKind::Insert: {
        QStringList columns;
        for (const QString &c : writable)
            columns << dialect.quoteIdentifier(c, QuotePolicy::WhenNeeded);
        return QStringLiteral("INSERT INTO %1 (%2)\nVALUES (%3);\n")
            .arg(name, columns.join(QStringLiteral(", ")), params.join(QStringLiteral(", ")));
    }
    case ScriptKind::Update: {
        QStringList sets;
        for (const QString &c : writable)
            if (!table.primaryKey().contains(c))
                sets << dialect.quoteIdentifier(c, QuotePolicy::WhenNeeded) + QStringLiteral(" = ")
                            + parameterName(c, table.column(c)->position);
        return QStringLiteral("UPDATE %1\nSET %2\nWHERE %3;\n")
            .arg(name, sets.join(QStringLiteral(",\n    ")), matchOn(table, key, dialect));
    }
    case ScriptKind::Delete:
        return QStringLiteral("DELETE FROM %1\nWHERE %2;\n").arg(name, matchOn(table, key, dialect));
    case ScriptKind::Create:
        return table.ddl.endsWith(QLatin1Char('\n')) ? table.ddl : table.ddl + QLatin1Char('\n');
    }
    return QString();
}

} // namespace strata::exec
