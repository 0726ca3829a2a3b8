#pragma once

// The SQL of the object tree's actions (drop, rename, empty, duplicate a table, create an
// index; create, drop and rename a PostgreSQL schema), written by the dialect: every name
// quoted, nothing taken from the user but names. Each action is a short list of statements
// that run in one transaction (both dialects have transactional DDL), with a sentence of
// what it destroys, for the confirmation the UI shows before running it. Actions a dialect
// cannot do are refused here (Unsupported), before anything runs.
//
// Threads: the builders are pure; runObjectAction runs on the connection's worker thread.

#include "base/result.h"
#include "dialect/dialect.h"

#include <QStringList>

namespace strata::connection { struct JobContext; }

namespace strata::exec {

struct ObjectActionSql {
    QStringList statements;   ///< in order, in one transaction
    QString destroys;         ///< what is lost for good, in words; empty: nothing is lost

    QString script() const;   ///< the statements as one script, for the preview
};

/// DROP TABLE / DROP VIEW.
Result<ObjectActionSql> dropRelation(const dialect::Dialect &d, const QString &schema, const QString &name, bool isView);
/// ALTER TABLE / ALTER VIEW … RENAME TO (SQLite cannot rename a view).
Result<ObjectActionSql> renameRelation(const dialect::Dialect &d, const QString &schema, const QString &name,
                                       const QString &newName, bool isView);
/// Deletes every row: TRUNCATE TABLE (PostgreSQL), DELETE FROM (SQLite).
Result<ObjectActionSql> emptyTable(const dialect::Dialect &d, const QString &schema, const QString &name);
/// A new table `newName` beside `name`. PostgreSQL copies columns, defaults, constraints and
/// indexes (LIKE … INCLUDING ALL); SQLite copies the columns and their declared types only
/// (CREATE TABLE … AS SELECT), which the confirmation says. With `withData`, the rows too.
Result<ObjectActionSql> duplicateTable(const dialect::Dialect &d, const QString &schema, const QString &name,
                                       const QString &newName, bool withData);
/// CREATE [UNIQUE] INDEX `indexName` ON the table (columns in order).
Result<ObjectActionSql> createIndex(const dialect::Dialect &d, const QString &schema, const QString &table,
                                    const QString &indexName, const QStringList &columns, bool unique);
/// PostgreSQL schemas; SQLite has none (Unsupported).
Result<ObjectActionSql> createSchema(const dialect::Dialect &d, const QString &name);
Result<ObjectActionSql> dropSchema(const dialect::Dialect &d, const QString &name, bool cascade);
Result<ObjectActionSql> renameSchema(const dialect::Dialect &d, const QString &name, const QString &newName);

/// Runs the statements in one transaction on the worker; rolls back on the first error.
Status runObjectAction(connection::JobContext &job, const ObjectActionSql &action);

} // namespace strata::exec
