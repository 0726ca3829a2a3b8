#pragma once

// What the grid knows about the relation it shows: its columns with their grid types, how
// a row is identified for editing and navigation, and whether (and why not) it is editable.
//
// Row identity, in order of preference:
//  - PrimaryKey: the primary key columns (SQLite INTEGER PRIMARY KEY is the rowid itself);
//  - Rowid: SQLite rowid tables without a primary key;
//  - Ctid: PostgreSQL tables without a primary key. The physical row address is only a
//    hint: every UPDATE/DELETE also requires the full before-image of the row, runs in the
//    save transaction and must touch exactly one row;
//  - WholeRow: updatable views whose columns do not map to a base table key, once the
//    user opts in: every column is the identity, compared NULL-safely, and the statement
//    must touch exactly one row;
//  - None: views and other relations with no usable identity (read-only, OFFSET paging).
// Views are read-only unless they are updatable (PostgreSQL pg_relation_is_updatable,
// SQLite INSTEAD OF triggers) and the user opts in (enableViewEditing()). Their key is the
// view's columns that come from the base table's primary key; their UPDATE and DELETE also
// check the whole before-image, because a view may hide or repeat base rows.

#include "base/result.h"
#include "catalog/catalogtypes.h"
#include "valuetype.h"

#include <QSqlDatabase>

namespace strata::data {

enum class RowIdentity { PrimaryKey, Rowid, Ctid, WholeRow, None };

struct ColumnMeta {
    QString name;
    QString declaredType;
    ValueType type = ValueType::Text;
    bool nullable = true;
    bool hasDefault = false;       ///< DEFAULT, serial, identity: left to the server on insert
    bool generated = false;        ///< computed column: never written
    bool identityAlways = false;   ///< PostgreSQL GENERATED ALWAYS AS IDENTITY
    int keyPosition = 0;           ///< 1-based position in the primary key, 0 if not in it
    QStringList enumLabels;        ///< PostgreSQL enum labels in sort order
    /// How values of this column are compared by the save's "unchanged since read" checks
    /// (PostgreSQL: the type a value is cast to and whether the type has an equality).
    QString comparedType;
    dialect::Equality equality = dialect::Equality::Typed;
    QString readOnlyReason;        ///< why no cell of this column can be written; empty when it can

    dialect::ComparedColumn compared() const { return {name, comparedType, equality}; }
};

struct TableInfo {
    dialect::DialectKind dialect = dialect::DialectKind::Sqlite;
    QString schema;
    QString name;
    catalog::RelationKind kind = catalog::RelationKind::Table;
    QList<ColumnMeta> columns;
    QList<catalog::ForeignKeyInfo> foreignKeys;
    RowIdentity identity = RowIdentity::None;
    QList<int> keyColumns;         ///< column indexes of the primary key, in key order
    QString rowidName;             ///< SQLite: the rowid alias not shadowed by a column
    QString readOnlyReason;        ///< empty when editable
    bool updatableView = false;    ///< a view the server can update: editable after enableViewEditing()

    bool editable() const { return readOnlyReason.isEmpty(); }
    bool isView() const { return kind == catalog::RelationKind::View; }
    /// Opts in to editing an updatable view; false (nothing changes) when it is not one.
    bool enableViewEditing();
    /// Number of identity values at the front of every row the grid reads.
    int identityWidth() const;
    int columnIndex(const QString &column) const;
};

/// Builds grid metadata from a catalog description. `readOnlyConnection` makes it read-only.
TableInfo tableInfoFromDetail(const catalog::TableDetail &detail, dialect::DialectKind kind, bool readOnlyConnection);

/// Views: whether the server can update `info`'s view and which of its columns are the base
/// table's key (viewinfo.cpp); sets updatableView, keyColumns and identity. Worker thread.
Status describeUpdatableView(QSqlDatabase &db, TableInfo &info);

/// What the catalog's description does not say, read on the calling thread (a Connection's
/// worker): whether a view is updatable, PostgreSQL enum labels and how values compare. No
/// describe query. PostgreSQL: `columnNames` (may be null) gets the relation's columns now.
Status completeTableInfo(QSqlDatabase &db, TableInfo &info, bool readOnlyConnection,
                         QStringList *columnNames = nullptr);

/// A description read earlier (the object tree's), checked against the database.
struct KnownTableInfo {
    TableInfo info;
    bool describedAgain = false;   ///< the columns had changed: described afresh (loadTableInfo)
};

/// Grid metadata from `known` (calling thread: a Connection's worker). One cheap query checks
/// that the relation still has the described columns (names, and SQLite's declared types;
/// PostgreSQL's comes with the comparison query completeTableInfo runs anyway); when not, the
/// relation is described again.
Result<KnownTableInfo> tableInfoFromKnown(QSqlDatabase &db, dialect::DialectKind kind, const catalog::TableDetail &known,
                                          bool readOnlyConnection);

/// Reads a relation's description (and PostgreSQL enum labels) on the calling thread: a
/// Connection's worker. NotFound when the relation does not exist.
Result<TableInfo> loadTableInfo(QSqlDatabase &db, dialect::DialectKind kind, const QString &schema,
                                const QString &name, bool readOnlyConnection);

} // namespace strata::data
