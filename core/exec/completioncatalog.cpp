#include "completioncatalog.h"

#include "sqlkeywords.h"

#include <algorithm>

namespace strata::exec {

void PrefixIndex::add(const QString &name, int payload)
{
    m_entries.emplace_back(name.toLower(), payload);
    m_sorted = false;
}

void PrefixIndex::sort() const
{
    if (m_sorted)
        return;
    std::sort(m_entries.begin(), m_entries.end());
    m_sorted = true;
}

QList<int> PrefixIndex::find(QStringView prefix, int limit) const
{
    sort();
    const QString lower = prefix.toString().toLower();
    QList<int> out;
    auto it = std::lower_bound(m_entries.cbegin(), m_entries.cend(), lower,
                               [](const std::pair<QString, int> &e, const QString &p) { return e.first < p; });
    for (; it != m_entries.cend() && out.size() < limit && it->first.startsWith(lower); ++it)
        out.append(it->second);
    return out;
}

CompletionCatalog::CompletionCatalog(dialect::DialectKind dialect)
    : m_dialect(dialect)
{
    for (const QString &k : SqlKeywords::keywords(dialect)) {
        m_keywordIndex.add(k, int(m_keywordItems.size()));
        m_keywordItems.append(CompletionItem{k, CompletionItem::Kind::Keyword, {}});
    }
    for (const QString &f : SqlKeywords::functions(dialect))
        addFunction(QString(), f);
    m_defaultSchemas = {dialect == dialect::DialectKind::Postgres ? QStringLiteral("public") : QStringLiteral("main")};
}

void CompletionCatalog::addSchema(const QString &name)
{
    m_schemaIndex.add(name, int(m_schemaItems.size()));
    m_schemaItems.append(CompletionItem{name, CompletionItem::Kind::Schema, {}});
}

void CompletionCatalog::addRelation(const QString &schema, const QString &name, bool view)
{
    if (m_relationByKey.contains(key(schema, name)))
        return;
    m_relationByKey.insert(key(schema, name), int(m_relations.size()));
    m_relationIndex.add(name, int(m_relations.size()));
    m_relations.append(CompletionItem{name, view ? CompletionItem::Kind::View : CompletionItem::Kind::Table, schema});
}

void CompletionCatalog::addFunction(const QString &schema, const QString &name)
{
    m_functionIndex.add(name, int(m_functions.size()));
    m_functions.append(CompletionItem{name, CompletionItem::Kind::Function, schema});
}

void CompletionCatalog::setColumns(const QString &schema, const QString &table, const QList<CompletionItem> &columns)
{
    m_columns.insert(key(schema, table), columns);
}

bool CompletionCatalog::hasColumns(const QString &schema, const QString &table) const
{
    return m_columns.contains(key(schema, table));
}

QString CompletionCatalog::resolveRelation(const QString &schema, const QString &name) const
{
    auto find = [this](const QString &s, const QString &n) -> QString {
        if (m_relationByKey.contains(key(s, n)))
            return s;
        // unquoted names fold to lower case on PostgreSQL; SQLite compares case-insensitively
        for (const int i : m_relationIndex.find(n, 64))
            if (m_relations[i].detail == s && m_relations[i].text.compare(n, Qt::CaseInsensitive) == 0)
                return s;
        return QString();
    };
    if (!schema.isEmpty())
        return find(schema, name);
    for (const QString &s : m_defaultSchemas)
        if (const QString found = find(s, name); !found.isNull())
            return found;
    for (const int i : m_relationIndex.find(name, 64))
        if (m_relations[i].text.compare(name, Qt::CaseInsensitive) == 0)
            return m_relations[i].detail;
    return QString();
}

QList<CompletionItem> CompletionCatalog::keywords(QStringView prefix, int limit) const
{
    QList<CompletionItem> out;
    for (const int i : m_keywordIndex.find(prefix, limit))
        out.append(m_keywordItems[i]);
    return out;
}

QList<CompletionItem> CompletionCatalog::schemas(QStringView prefix, int limit) const
{
    QList<CompletionItem> out;
    for (const int i : m_schemaIndex.find(prefix, limit))
        out.append(m_schemaItems[i]);
    return out;
}

QList<CompletionItem> CompletionCatalog::relations(const QString &schema, QStringView prefix, int limit) const
{
    QList<CompletionItem> out;
    // over-fetch when filtering by schema, still bounded
    for (const int i : m_relationIndex.find(prefix, schema.isEmpty() ? limit : limit * 20)) {
        if (!schema.isEmpty() && m_relations[i].detail != schema)
            continue;
        out.append(m_relations[i]);
        if (out.size() >= limit)
            break;
    }
    return out;
}

QList<CompletionItem> CompletionCatalog::functions(QStringView prefix, int limit) const
{
    QList<CompletionItem> out;
    for (const int i : m_functionIndex.find(prefix, limit))
        out.append(m_functions[i]);
    return out;
}

QList<CompletionItem> CompletionCatalog::columns(const QString &schema, const QString &table, QStringView prefix, int limit) const
{
    QList<CompletionItem> out;
    for (const CompletionItem &c : m_columns.value(key(schema, table))) {
        if (c.text.startsWith(prefix, Qt::CaseInsensitive))
            out.append(c);
        if (out.size() >= limit)
            break;
    }
    return out;
}

} // namespace strata::exec
