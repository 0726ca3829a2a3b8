#pragma once

// CompletionCatalog: what the console completes from — keywords, built-in functions, and
// the schemas, tables, views, columns and functions read from the catalog. Names sit in
// sorted prefix indexes (binary search), so a lookup on 10,000 tables takes microseconds;
// columns are added per table as they are fetched (the console asks for the tables a
// statement uses). A value type, filled and read on the GUI thread.

#include "dialect/dialect.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace strata::exec {

struct CompletionItem {
    enum class Kind { Keyword, Schema, Table, View, Column, Function };
    QString text;
    Kind kind = Kind::Keyword;
    QString detail;   ///< schema of a table, table of a column, type
};

/// Sorted case-insensitive prefix index of names, each with a payload index.
class PrefixIndex {
public:
    void add(const QString &name, int payload);
    /// Payloads of names starting with `prefix` (case-insensitive), in name order.
    QList<int> find(QStringView prefix, int limit) const;
    int size() const { return int(m_entries.size()); }
    void clear() { m_entries.clear(); m_sorted = true; }

private:
    void sort() const;
    mutable std::vector<std::pair<QString, int>> m_entries;   // (lower-case name, payload)
    mutable bool m_sorted = true;
};

class CompletionCatalog {
public:
    explicit CompletionCatalog(dialect::DialectKind dialect = dialect::DialectKind::Postgres);

    dialect::DialectKind dialect() const { return m_dialect; }
    void addSchema(const QString &name);
    void addRelation(const QString &schema, const QString &name, bool view);
    void addFunction(const QString &schema, const QString &name);
    void setColumns(const QString &schema, const QString &table, const QList<CompletionItem> &columns);
    bool hasColumns(const QString &schema, const QString &table) const;
    /// Finds a relation by name: in `schema` when given, else in `defaultSchemas` order.
    /// Returns its schema, or a null string.
    QString resolveRelation(const QString &schema, const QString &name) const;
    void setDefaultSchemas(const QStringList &schemas) { m_defaultSchemas = schemas; }
    const QStringList &defaultSchemas() const { return m_defaultSchemas; }
    int relationCount() const { return int(m_relations.size()); }

    QList<CompletionItem> keywords(QStringView prefix, int limit) const;
    QList<CompletionItem> schemas(QStringView prefix, int limit) const;
    /// Relations in `schema` (empty: in any schema).
    QList<CompletionItem> relations(const QString &schema, QStringView prefix, int limit) const;
    QList<CompletionItem> functions(QStringView prefix, int limit) const;
    QList<CompletionItem> columns(const QString &schema, const QString &table, QStringView prefix, int limit) const;

private:
    static QString key(const QString &schema, const QString &name) { return schema + QChar(0x1f) + name; }

    dialect::DialectKind m_dialect;
    QList<CompletionItem> m_keywordItems;
    PrefixIndex m_keywordIndex;
    QList<CompletionItem> m_schemaItems;
    PrefixIndex m_schemaIndex;
    QList<CompletionItem> m_relations;     // detail = schema
    PrefixIndex m_relationIndex;
    QHash<QString, int> m_relationByKey;
    QList<CompletionItem> m_functions;
    PrefixIndex m_functionIndex;
    QHash<QString, QList<CompletionItem>> m_columns;   // by key(schema, table)
    QStringList m_defaultSchemas;
};

} // namespace strata::exec
