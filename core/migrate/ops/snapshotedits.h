#pragma once

// The edits applyOperation() makes to a snapshot's tables, kept the way the database keeps
// its catalog: a dropped column takes its indexes, key and constraints with it; a rename
// follows into foreign keys, index parts, check expressions, triggers and views.

#include "schemasnapshot.h"

namespace strata::migrate::ops::edits {

/// Index of the column named `name` in `table`, or -1.
int columnIndex(dialect::DialectKind kind, const catalog::TableDetail &table, const QString &name);
/// Index of the foreign key matching `fk` (by name when both have one, else by columns and
/// parent), or -1.
int foreignKeyIndex(dialect::DialectKind kind, const catalog::TableDetail &table, const catalog::ForeignKeyInfo &fk);

/// True when `index` uses column `name` (as a column, or inside an expression or predicate).
bool indexUses(dialect::DialectKind kind, const catalog::IndexInfo &index, const QString &name);
/// True when `constraint` is on column `name` or its expression names it.
bool constraintUses(dialect::DialectKind kind, const catalog::ConstraintInfo &constraint, const QString &name);

void dropColumn(dialect::DialectKind kind, catalog::TableDetail &table, const QString &name);
void renameColumn(SchemaSnapshot &snapshot, const QString &table, const QString &from, const QString &to);
void renameTable(SchemaSnapshot &snapshot, const QString &from, const QString &to);

void addConstraint(dialect::DialectKind kind, catalog::TableDetail &table, const catalog::ConstraintInfo &constraint);
/// False when the table has no such constraint (by name, else by kind and columns).
bool dropConstraint(dialect::DialectKind kind, catalog::TableDetail &table, const catalog::ConstraintInfo &constraint);

} // namespace strata::migrate::ops::edits
