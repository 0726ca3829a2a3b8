#pragma once

// GridWriter: turns pending edits into parameterised DML and runs it as ONE transaction.
//  - UPDATE ... SET <changed columns> WHERE <identity> AND <changed columns still hold the
//    values that were read> RETURNING <row>: optimistic concurrency, NULL-safe, each value
//    compared in its own column type (Dialect::unchangedCondition, dialect/comparedcolumn.h).
//    Rows without a key (PostgreSQL ctid, SQLite rowid) check the whole before-image.
//  - DELETE checks the whole before-image.
//  - INSERT lists only the columns the user set; DEFAULT, serial and identity columns are
//    left to the server and the real row comes back through RETURNING.
// Every statement must return exactly one row; otherwise the whole save rolls back, every
// edit is kept, and the failure says which edit and why (the server's message, or a
// conflict with the server's current row, "theirs"). A successful save yields a
// SaveRecord (before- and after-images), from which compileUndo() builds the statements
// that revert it, with the same conflict checks.

#include "connection/connectionworker.h"
#include "editbuffer.h"
#include "gridsqlbuilder.h"

#include <optional>

namespace strata::data {

struct SaveStatement {
    BoundSql sql;
    EditKind kind = EditKind::Update;
    QVariantList identity;   ///< the row's identity before the statement (empty for INSERT)
    QVariantList before;     ///< column values before (empty for INSERT)
    QList<int> changed;      ///< columns written (UPDATE)
    int insertIndex = -1;    ///< for INSERTs from the edit buffer
    QVariantList after;      ///< UPDATE: the row as it will be (before with the changes applied)
};

struct SavedChange {
    EditKind kind = EditKind::Update;
    QVariantList beforeIdentity;
    QVariantList before;     ///< column values before (UPDATE, DELETE)
    QVariantList afterIdentity;
    QVariantList after;      ///< column values after, as returned (UPDATE, INSERT)
    QList<int> changed;
};

struct SaveRecord {
    QList<SavedChange> changes;
};

struct SaveFailure {
    int statement = -1;      ///< index into the statements; -1: BEGIN/COMMIT
    Error error;
    bool conflict = false;
    std::optional<QVariantList> theirs;   ///< conflict: the row on the server now; nullopt: gone
};

struct SaveOutcome {
    std::optional<SaveFailure> failure;
    SaveRecord record;       ///< when there is no failure
};

class GridWriter {
public:
    explicit GridWriter(TableInfo table);

    /// Statements for the edits in save order (EditBuffer::ordered()).
    QList<SaveStatement> compile(const QList<RowEdit> &edits) const;
    /// Statements that revert a committed save, last change first.
    QList<SaveStatement> compileUndo(const SaveRecord &record) const;

    /// Worker thread: runs the statements in one transaction (see above).
    SaveOutcome execute(connection::JobContext &job, const QList<SaveStatement> &statements) const;

private:
    SaveStatement update(const QVariantList &identity, const QVariantList &before, const QMap<int, QVariant> &changes) const;
    SaveStatement remove(const QVariantList &identity, const QVariantList &before) const;
    SaveStatement insert(const QMap<int, QVariant> &values, const QVariantList &identity = {}) const;
    QString identityCondition(const QVariantList &identity, SqlParams &params) const;
    QString unchangedCondition(int column, const QVariant &value, SqlParams &params) const;
    QString returning() const;

    TableInfo m_table;
    GridSqlBuilder m_builder;
};

} // namespace strata::data
