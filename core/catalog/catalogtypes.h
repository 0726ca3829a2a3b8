#pragma once

// Plain value types describing schema objects, shared by both dialects. A catalog reader
// fills them; the tree, the properties tab, completion, the grid (keys, types) and the
// schema diff read them. They hold names exactly as the database stores them (never
// quoted); quoting is the dialect's job.

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace strata::catalog {

enum class RelationKind { Table, View, MaterializedView, ForeignTable, PartitionedTable };

struct SchemaInfo {
    QString name;
    QString owner;
    bool isSystem = false;       ///< pg_catalog, information_schema, pg_toast...; SQLite "temp" is not
    QString comment;
    bool operator==(const SchemaInfo &) const = default;
};

struct RelationInfo {
    QString schema;              ///< PostgreSQL schema; SQLite "main", "temp" or an attached name
    QString name;
    RelationKind kind = RelationKind::Table;
    qint64 estimatedRows = -1;   ///< planner estimate where cheap (pg_class.reltuples ≥ 1), else -1
    bool withoutRowid = false;   ///< SQLite WITHOUT ROWID tables
    bool isPartition = false;    ///< PostgreSQL: a partition of a partitioned table
    QString parent;              ///< PostgreSQL: the partitioned or inherited-from parent (schema.name)
    QString comment;
    /// PostgreSQL table or materialized view whose planner estimate is unknown: reltuples is
    /// -1 (never analysed) or 0 (analysed while empty, or before its rows were committed; rows
    /// added since do not change it). Shown as "?", never as 0 rows; only a count knows.
    bool rowsUnknown = false;
    bool operator==(const RelationInfo &) const = default;
};

struct SequenceInfo {
    QString schema;
    QString name;
    QString dataType;
    QString ownedBy;             ///< table.column that owns it (serial/identity), if any
    bool operator==(const SequenceInfo &) const = default;
};

struct RoutineInfo {
    QString schema;
    QString name;
    QString arguments;           ///< pg_get_function_identity_arguments
    QString resultType;
    bool isProcedure = false;
    QString language;
    bool operator==(const RoutineInfo &) const = default;
};

/// Everything directly inside one schema: what the tree shows under it.
struct SchemaObjects {
    QString schema;
    QList<RelationInfo> relations;
    QList<SequenceInfo> sequences;
    QList<RoutineInfo> routines;
};

struct ColumnInfo {
    QString name;
    int position = 0;            ///< 1-based ordinal
    QString dataType;            ///< declared type as the database shows it: "integer", "varchar(30)", "TEXT"
    bool nullable = true;
    QString defaultValue;        ///< default expression as text; empty: none
    int primaryKeyPosition = 0;  ///< 1-based position in the primary key, 0 if not part of it
    bool isIdentity = false;     ///< GENERATED ... AS IDENTITY, serial, or SQLite INTEGER PRIMARY KEY (rowid alias)
    QString identityGeneration;  ///< "ALWAYS" / "BY DEFAULT" for identity columns
    bool isGenerated = false;    ///< GENERATED ALWAYS AS (expr) STORED / VIRTUAL
    QString generationExpression;
    QString collation;
    QString comment;
    bool operator==(const ColumnInfo &) const = default;
};

struct IndexInfo {
    QString name;
    QStringList columns;         ///< column names; an expression part is given as its text
    QList<bool> isExpression;    ///< per entry of `columns`: true when it is an expression
    bool unique = false;
    bool primary = false;        ///< the index behind the primary key
    QString predicate;           ///< partial index WHERE clause, without "WHERE"
    QString method;              ///< btree, gin, ... (PostgreSQL)
    QString definition;          ///< full CREATE INDEX statement
    bool operator==(const IndexInfo &) const = default;
};

struct ForeignKeyInfo {
    QString name;                ///< constraint name (SQLite: often empty)
    QStringList columns;
    QString referencedSchema;
    QString referencedTable;
    QStringList referencedColumns;   ///< empty in SQLite when the parent's primary key is implied
    QString onDelete;            ///< "NO ACTION", "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT"
    QString onUpdate;
    bool operator==(const ForeignKeyInfo &) const = default;
};

enum class ConstraintKind { PrimaryKey, Unique, Check, Exclusion };

struct ConstraintInfo {
    QString name;
    ConstraintKind kind = ConstraintKind::Check;
    QStringList columns;
    QString expression;          ///< CHECK expression, or the whole definition for others
    bool operator==(const ConstraintInfo &) const = default;
};

struct TriggerInfo {
    QString name;
    QString timing;              ///< BEFORE, AFTER, INSTEAD OF
    QStringList events;          ///< INSERT, UPDATE, DELETE, TRUNCATE
    QString definition;          ///< full CREATE TRIGGER statement
    bool operator==(const TriggerInfo &) const = default;
};

/// A table, view or materialized view in detail: what the properties tab, the grid and the
/// schema diff need.
struct TableDetail {
    RelationInfo relation;
    QList<ColumnInfo> columns;
    QList<IndexInfo> indexes;
    QList<ForeignKeyInfo> foreignKeys;
    QList<ConstraintInfo> constraints;   ///< primary key, unique and check constraints
    QList<TriggerInfo> triggers;
    QString viewDefinition;              ///< SELECT text for views
    QString ddl;                         ///< CREATE statement(s): table, then its indexes and triggers

    /// Primary key columns in key order; empty when there is none.
    QStringList primaryKey() const;
    const ColumnInfo *column(const QString &name) const;
};

QString relationKindName(RelationKind kind);

} // namespace strata::catalog

Q_DECLARE_METATYPE(strata::catalog::TableDetail)
