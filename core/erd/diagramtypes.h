#pragma once

// The entity-relationship diagram's model: plain values built from the catalog (tables,
// their columns with type and key markers, foreign keys between them). No geometry here
// beyond what the layout gives back (diagramlayout.h); no widgets. Names are kept exactly
// as the database stores them (never quoted); a table is identified by schema and name, so
// the same name in two schemas is two tables.

#include "catalog/catalogtypes.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace strata::erd {

/// How much of each table a box shows.
enum class Density {
    Full,       ///< every column with its type and markers
    KeysOnly,   ///< primary key, foreign key and unique columns only
    NamesOnly,  ///< the table name alone
};

QString densityName(Density density);
Density densityFromName(const QString &name);

struct TableKey {
    QString schema;
    QString name;

    /// "schema.name" for people (not SQL: never quoted, never run).
    QString display() const;
    /// A stable string id for maps and files (schema and name joined by U+001F).
    QString id() const;
    static TableKey fromId(const QString &id);
    bool isValid() const { return !name.isEmpty(); }
    bool operator==(const TableKey &) const = default;
    bool operator<(const TableKey &other) const;
};

struct DiagramColumn {
    QString name;
    QString type;
    bool primaryKey = false;
    bool foreignKey = false;
    bool unique = false;       ///< a single-column UNIQUE constraint or unique index
    bool notNull = false;
    bool operator==(const DiagramColumn &) const = default;

    /// Shown in "keys only": part of a primary, foreign or unique key.
    bool isKey() const { return primaryKey || foreignKey || unique; }
};

struct DiagramTable {
    TableKey key;
    QList<DiagramColumn> columns;
    bool operator==(const DiagramTable &) const = default;

    /// The columns a box of this density lists, in table order.
    QList<DiagramColumn> visibleColumns(Density density) const;
    /// Index of `column` in visibleColumns(density), or -1 when not shown.
    int visibleRow(const QString &column, Density density) const;
};

/// A foreign key: from the referencing (child) table's columns to the referenced
/// (parent) table's columns, in key order. A self reference has from == to.
struct DiagramEdge {
    QString name;              ///< constraint name (SQLite: often empty)
    TableKey from;
    QStringList fromColumns;
    TableKey to;
    QStringList toColumns;
    /// Cardinality at the child end: optional when a referencing column may be NULL; one
    /// (instead of many) when the referencing columns are themselves unique (a 1:1 key).
    bool optional = false;
    bool oneToOne = false;
    bool operator==(const DiagramEdge &) const = default;

    bool isSelfReference() const { return from == to; }
    /// Identifies the edge within its diagram (child, columns and parent).
    QString id() const;
};

struct Diagram {
    QList<DiagramTable> tables;   ///< sorted by schema, then name
    QList<DiagramEdge> edges;     ///< in the order of the child's foreign keys

    int indexOf(const TableKey &key) const;
    const DiagramTable *table(const TableKey &key) const;
    bool contains(const TableKey &key) const { return indexOf(key) >= 0; }
    /// Edges leaving (child side) or entering (parent side) `key`.
    QList<DiagramEdge> edgesOf(const TableKey &key) const;
};

} // namespace strata::erd

Q_DECLARE_METATYPE(strata::erd::TableKey)
