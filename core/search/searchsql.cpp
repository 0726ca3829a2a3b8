#include "searchsql.h"

namespace strata::search {

using dialect::DialectKind;
using dialect::QuotePolicy;

QString selectAllSql(const dialect::Dialect &dialect, const QString &schema, const QString &name)
{
    const bool sqliteMain = dialect.kind() == DialectKind::Sqlite && schema == QLatin1String("main");
    return QStringLiteral("SELECT * FROM ")
         + dialect.qualifiedName(sqliteMain ? QString() : schema, name, QuotePolicy::WhenNeeded);
}

bool isTextColumn(DialectKind kind, const QString &dataType)
{
    const QString type = dataType.trimmed().toLower();
    if (kind == DialectKind::Sqlite) {
        // SQLite's affinity rules: TEXT affinity for CHAR, CLOB, TEXT; no type holds anything.
        return type.isEmpty() || type.contains(QLatin1String("char")) || type.contains(QLatin1String("clob"))
            || type.contains(QLatin1String("text"));
    }
    static const QStringList prefixes{QStringLiteral("text"), QStringLiteral("character"), QStringLiteral("varchar"),
                                      QStringLiteral("char"), QStringLiteral("bpchar"),    QStringLiteral("citext"),
                                      QStringLiteral("name")};
    if (type.endsWith(QLatin1String("[]")))
        return false;
    for (const QString &prefix : prefixes)
        if (type == prefix || type.startsWith(prefix + QLatin1Char('(')) || type.startsWith(prefix + QLatin1Char(' ')))
            return true;
    return false;
}

QString containsPattern(const QString &value)
{
    QString escaped;
    escaped.reserve(value.size() + 2);
    escaped += QLatin1Char('%');
    for (const QChar c : value) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    escaped += QLatin1Char('%');
    return escaped;
}

ValueSearchQuery valueSearchQuery(const dialect::Dialect &dialect, const catalog::TableDetail &table, const QString &value,
                                  int limit)
{
    ValueSearchQuery q;
    const bool pg = dialect.kind() == DialectKind::Postgres;
    for (const catalog::ColumnInfo &column : table.columns)
        if (isTextColumn(dialect.kind(), column.dataType))
            q.textColumns << column.name;
    if (q.textColumns.isEmpty())
        return {};
    QStringList keys = table.primaryKey();
    QStringList keyExprs;
    for (const QString &key : keys)
        keyExprs << dialect.quoteIdentifier(key);
    const bool isTable =
        table.relation.kind == catalog::RelationKind::Table || table.relation.kind == catalog::RelationKind::PartitionedTable;
    if (keys.isEmpty() && isTable && !table.relation.withoutRowid) {
        // No primary key: the row's physical address still names it.
        keys << (pg ? QStringLiteral("ctid") : QStringLiteral("rowid"));
        keyExprs << (pg ? QStringLiteral("ctid::text") : QStringLiteral("rowid"));
    }
    q.keyColumns = keys;
    QStringList selected = keyExprs;
    QStringList conditions;
    const QString op = pg ? QStringLiteral(" ILIKE ? ESCAPE '\\'") : QStringLiteral(" LIKE ? ESCAPE '\\'");
    const QString pattern = containsPattern(value);
    for (const QString &column : q.textColumns) {
        const QString quoted = dialect.quoteIdentifier(column);
        // PostgreSQL: char(n) compared as text keeps no padding; every text type casts.
        selected << (pg ? quoted + QStringLiteral("::text") : quoted);
        conditions << (pg ? quoted + QStringLiteral("::text") : quoted) + op;
        q.values << pattern;
    }
    // Concatenated, not arg(): a name holding "%1" must stay as it is.
    q.sql = QStringLiteral("SELECT ") + selected.join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
          + dialect.qualifiedName(table.relation.schema, table.relation.name) + QStringLiteral(" WHERE ")
          + conditions.join(QStringLiteral(" OR ")) + QStringLiteral(" LIMIT ") + QString::number(qMax(1, limit));
    return q;
}

}   // namespace strata::search
