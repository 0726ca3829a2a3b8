#pragma once

// DDL text shared by the dialects' operation compilers: column definitions, CREATE TABLE
// with its keys and constraints, CREATE INDEX, and the token-level name handling that the
// snapshot and the SQLite rebuild need (does a view mention a table, rename a name inside a
// trigger's text). Every identifier is quoted by the dialect (QuotePolicy::Always); types,
// defaults and expressions are SQL texts taken as given.

#include "catalog/catalogtypes.h"
#include "dialect/dialect.h"

namespace strata::migrate::ops::ddl {

/// Same object name under the dialect's rules: SQLite folds ASCII case, PostgreSQL is exact.
bool sameName(dialect::DialectKind kind, const QString &a, const QString &b);
/// True when `names` holds `name` under sameName().
bool containsName(dialect::DialectKind kind, const QStringList &names, const QString &name);

/// The schema as DDL names it: SQLite's "main" is left out (the default database).
QString schemaOf(const dialect::Dialect &dialect, const QString &schema);
/// schema.name on PostgreSQL; on SQLite the bare name unless the schema is an attached
/// database (neither empty nor "main").
QString objectName(const dialect::Dialect &dialect, const QString &schema, const QString &name);

/// True when `sqlText` names `name` as an identifier (quoted or not, case-insensitively),
/// outside string literals.
bool mentions(const QString &sqlText, const QString &name);
/// `sqlText` with every identifier token naming `from` (case-insensitively) replaced by
/// `to` quoted by the dialect.
QString renameIdentifier(const dialect::Dialect &dialect, const QString &sqlText, const QString &from,
                         const QString &to);

/// A SQLite literal default (number, string, blob, NULL, TRUE/FALSE, CURRENT_*): written
/// without parentheses and accepted by ALTER TABLE ADD COLUMN when not CURRENT_*.
bool isSqliteLiteral(const QString &expression);
/// True for a default ALTER TABLE ADD COLUMN accepts on SQLite (a literal, not CURRENT_*).
bool isSqliteConstantDefault(const QString &expression);

/// `"name" type [COLLATE] [identity] [DEFAULT] [NOT NULL] [PRIMARY KEY] [CHECK]` for one
/// column. `inlineKey`: the column is the table's only key column and the key is written
/// in the column (named `keyName` when not empty). `inlineChecks` are CHECK constraints
/// written in the column.
struct ColumnOptions {
    bool inlineKey = false;
    QString keyName;
    bool autoincrement = false;      ///< SQLite: INTEGER PRIMARY KEY AUTOINCREMENT
    QList<catalog::ConstraintInfo> inlineChecks;
};
QString columnDefinition(const dialect::Dialect &dialect, const catalog::ColumnInfo &column,
                         const ColumnOptions &options = {});

/// `CONSTRAINT "n" UNIQUE ("a")`, `CHECK (expr)`, `PRIMARY KEY (...)` or an exclusion's text.
QString constraintClause(const dialect::Dialect &dialect, const catalog::ConstraintInfo &constraint);
/// `CONSTRAINT "n" FOREIGN KEY ("a") REFERENCES "p" ("id") ON DELETE CASCADE`.
QString foreignKeyClause(const dialect::Dialect &dialect, const catalog::ForeignKeyInfo &fk);

/// CREATE TABLE of `table` named `name` (schema from the relation): columns, primary key,
/// unique and check constraints, foreign keys; no indexes or triggers.
QString createTable(const dialect::Dialect &dialect, const catalog::TableDetail &table, const QString &name);
/// True when CREATE TABLE already creates `index` (primary key, UNIQUE constraint).
bool isConstraintIndex(dialect::DialectKind kind, const catalog::TableDetail &table, const catalog::IndexInfo &index);
/// CREATE [UNIQUE] INDEX from the index's parts (expressions parenthesised, partial
/// predicate, PostgreSQL method), or its own `definition` when that names the same index
/// on the same table.
QString createIndex(const dialect::Dialect &dialect, const QString &schema, const QString &table,
                    const catalog::IndexInfo &index);
/// CREATE TABLE, then CREATE INDEX and CREATE TRIGGER statements (and PostgreSQL comments).
QStringList createTableWithDependents(const dialect::Dialect &dialect, const catalog::TableDetail &table);

/// `text` trimmed, without trailing semicolons: statements carry none.
QString statementText(const QString &text);

} // namespace strata::migrate::ops::ddl
