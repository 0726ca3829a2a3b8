#pragma once

// NameIndex: the names of one database's objects (schemas, tables, views, materialized and
// foreign tables, columns, functions, procedures, sequences), as quick open searches them.
// Built once (NameIndexBuilder, on any thread) and then immutable, so searches on other
// threads share it through a shared_ptr<const NameIndex> without locks.
//
// Names are stored packed: one string of all original names, one of all folded names
// (fuzzymatch.h) at the same offsets, and per entry its kind, schema, parent relation (for
// a column) and character mask. About 70 bytes a name: 10 connections of 10,000 tables
// with 4 columns each take ~35 MB.

#include <QList>
#include <QString>
#include <QStringView>
#include <memory>

namespace strata::search {

enum class NameKind : quint8 { Schema, Table, View, MaterializedView, ForeignTable, Column, Function, Procedure, Sequence };

/// Whether an entry of this kind has rows to show (a grid, a SELECT).
bool hasRows(NameKind kind);

class NameIndex {
public:
    int database() const { return m_database; }
    /// The connection's name as the window shows it.
    const QString &connectionName() const { return m_connectionName; }
    qsizetype size() const { return m_kinds.size(); }

    NameKind kind(qsizetype entry) const { return NameKind(m_kinds[entry]); }
    QStringView name(qsizetype entry) const { return slice(m_names, entry); }
    QStringView folded(qsizetype entry) const { return slice(m_folded, entry); }
    quint64 mask(qsizetype entry) const { return m_masks[entry]; }
    const QString &schema(qsizetype entry) const { return m_schemas[m_schemaOf[entry]]; }
    /// The relation entry a column belongs to; -1 for other kinds.
    qint32 parent(qsizetype entry) const { return m_parents[entry]; }

private:
    friend class NameIndexBuilder;
    QStringView slice(const QString &pool, qsizetype entry) const
    {
        return QStringView(pool).mid(m_offsets[entry], m_offsets[entry + 1] - m_offsets[entry]);
    }

    int m_database = 0;
    QString m_connectionName;
    QString m_names;
    QString m_folded;
    QList<quint32> m_offsets{0};   // size() + 1 entries
    QList<quint64> m_masks;
    QList<quint8> m_kinds;
    QList<quint16> m_schemaOf;
    QList<qint32> m_parents;
    QStringList m_schemas;
};

/// Fills a NameIndex; not thread-safe, used by one thread, then finish().
class NameIndexBuilder {
public:
    NameIndexBuilder(int database, const QString &connectionName);
    /// The id of a schema (added on first use).
    int schema(const QString &name);
    /// Adds an entry; `parent` is the relation entry of a column. Returns the entry's id.
    qint32 add(NameKind kind, int schema, QStringView name, qint32 parent = -1);
    qsizetype size() const { return m_index->size(); }
    std::shared_ptr<const NameIndex> finish();

private:
    std::shared_ptr<NameIndex> m_index;
};

}   // namespace strata::search
