#pragma once

// A foreign key proposed on the diagram: a column of one box dragged onto another box (its
// key, or any column). proposeForeignKey() pairs the columns the way a person usually means
// it (a column dropped on a table's header or primary key references that key; dropped on a
// column, that column); the dialog lets them change every pair and the actions. The proposal
// becomes one migrate::ops::AddForeignKey, so the SQL, the revision and the SQLite table
// rebuild are those of the table designer and strata-migrate (compileMigration); nothing
// here writes SQL.
//
// Threads: plain values and functions (any thread).

#include "base/result.h"
#include "diagramtypes.h"
#include "migrate/ops/operationcompiler.h"

namespace strata::erd {

struct ForeignKeyProposal {
    TableKey child;                 ///< the referencing table (where the drag started)
    QStringList childColumns;
    TableKey parent;                ///< the referenced table (where it was dropped)
    QStringList parentColumns;      ///< parallel to childColumns
    QString name;                   ///< constraint name; empty: the database names it
    QString onDelete = QStringLiteral("NO ACTION");
    QString onUpdate = QStringLiteral("NO ACTION");
};

/// The actions a key may take, in the order the dialog lists them.
QStringList foreignKeyActions();

/// The proposal for `fromColumn` of `child` dropped on `parent` at `droppedColumn` (empty:
/// on the header). On a column that is not the whole primary key, that column is the
/// referenced one; otherwise the parent's primary key (then its single-column unique keys)
/// is, and its other columns are paired with the child's columns of the same name when
/// there are some (else left empty for the person to choose).
ForeignKeyProposal proposeForeignKey(const Diagram &diagram, const TableKey &child, const QString &fromColumn,
                                     const TableKey &parent, const QString &droppedColumn);

/// "fk_<child>_<columns>", the name the proposal starts with.
QString defaultForeignKeyName(const TableKey &child, const QStringList &childColumns);

/// What stops `proposal` from becoming a key, one sentence each (empty column, a column
/// used twice, unknown columns, a key the child already has); empty when it is valid.
QStringList validateProposal(const Diagram &diagram, const ForeignKeyProposal &proposal);

/// The operation that adds the key to the child table.
migrate::ops::Operation foreignKeyOperation(const ForeignKeyProposal &proposal);

/// Upgrade and downgrade SQL of the proposal against `before` (the child's schema as the
/// catalog has it: a SQLite rebuild needs the table's other columns, indexes and views).
Result<migrate::ops::CompiledMigration> compileProposal(const migrate::ops::SchemaSnapshot &before,
                                                        const Diagram &diagram, const ForeignKeyProposal &proposal);

} // namespace strata::erd
