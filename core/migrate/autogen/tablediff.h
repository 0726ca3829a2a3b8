#pragma once

// Internal to autogen: the comparison of two snapshots in steps. Operations are collected
// into phases whose concatenation is the dependency order (see comparator.cpp).

#include "comparator.h"

namespace strata::migrate::autogen::detail {

struct Phases {
    QList<ops::Operation> createTypes;      ///< enums and sequences
    QList<ops::Operation> dropViews;
    QList<ops::Operation> renames;          ///< tables, then columns
    QList<ops::Operation> dropForeignKeys;
    QList<ops::Operation> dropIndexes;      ///< and unique / check constraints
    QList<ops::Operation> createTables;
    QList<ops::Operation> columns;          ///< add, alter, drop
    QList<ops::Operation> dropTables;
    QList<ops::Operation> createIndexes;    ///< and unique / check constraints
    QList<ops::Operation> addForeignKeys;
    QList<ops::Operation> dropTypes;
    QList<ops::Operation> createViews;
    /// Changed triggers of tables on both sides, as raw SQL: last, so that a table rebuild
    /// earlier in the revision (which recreates the triggers it knows) cannot undo them.
    QList<ops::Operation> triggers;

    QList<ops::Operation> ordered() const;
};

/// Columns, indexes, unique and check constraints and foreign keys of one table present on
/// both sides (`current` already carries the accepted renames).
void diffTable(const ops::SchemaSnapshot &currentSchema, const catalog::TableDetail &current,
               const ops::SchemaSnapshot &targetSchema, const catalog::TableDetail &target, Phases &out);

/// Accepted renames: forced ones (CompareOptions::forcedRenames) first, then proposals of
/// the same shape unless rejected or proposeRenames is off. A forced rename that names
/// nothing is an error.
Result<QList<RenameProposal>> planRenames(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target,
                                          const CompareOptions &options);

/// Renames tables and columns in `snapshot` as the rename operations would, including the
/// foreign keys, indexes and constraints that name them.
void applyRenames(ops::SchemaSnapshot &snapshot, const QList<RenameProposal> &renames);

/// Indexes compared as indexes: not the ones behind a primary key or unique constraint.
QList<catalog::IndexInfo> explicitIndexes(dialect::DialectKind dialect, const catalog::TableDetail &table);

} // namespace strata::migrate::autogen::detail
