#pragma once

// Compiles operations to SQL for one dialect, every identifier quoted by the dialect.
// SQLite cannot ALTER a column's type, nullability or default, nor add or drop a
// constraint or foreign key: those compile to the 12-step rebuild of sqlite.org
// ("Making Other Kinds Of Table Schema Changes"): create the new table, copy the rows, drop
// the old one, rename the new one, then recreate its indexes and triggers and the views that
// depend on it. The statements run inside the revision's transaction with
// PRAGMA foreign_keys off (the migration runner and applyStatements() do that), so no
// ON DELETE CASCADE fires in child tables, and PRAGMA foreign_key_check runs before commit.

#include "base/result.h"
#include "dialect/dialect.h"
#include "schemasnapshot.h"

#include <QSqlDatabase>

namespace strata::migrate::ops {

/// Compiles `ops` in order. `state` is the schema the operations apply to; on success it
/// has become the schema after them. An operation the dialect cannot express (an enum on
/// SQLite, a column the snapshot lacks) is an error naming the operation, and nothing is
/// returned.
Result<QStringList> compile(const dialect::Dialect &dialect, const QList<Operation> &ops,
                            SchemaSnapshot &state);

struct CompiledMigration {
    QStringList upgrade;        ///< statements, without trailing ';'
    QStringList downgrade;      ///< the reversed operations compiled against the upgraded schema
    QStringList reviewNotes;    ///< reviewNotes() of every operation, prefixed with describe()
};

/// Upgrade and downgrade of `ops`, starting from `before`.
Result<CompiledMigration> compileMigration(const dialect::Dialect &dialect, const QList<Operation> &ops,
                                           const SchemaSnapshot &before);

/// `statement` ending in ';' (compiled statements carry none).
QString terminated(const QString &statement);
/// Statements as a script: each ends with ';', a blank line between them.
QString scriptText(const QStringList &statements);
/// "-- REVIEW: note" on one line: the note (names from the database in it) passes through
/// commentText(), so no name can end the comment, start a statement or form a section marker.
QString reviewComment(const QString &note);
/// The preview of compiled operations: their review notes as "-- REVIEW:" lines, then the
/// statements as a script (the schema diff's and the table designer's SQL panes).
QString previewText(const QStringList &reviewNotes, const QStringList &statements);

/// Runs compiled statements on the calling thread's `db` in one transaction, the way the
/// migration runner does (SQLite: foreign_keys off around it, foreign_key_check before
/// COMMIT). Any failure rolls back everything and is returned with the statement.
Status applyStatements(QSqlDatabase &db, const dialect::Dialect &dialect, const QStringList &statements);

} // namespace strata::migrate::ops
