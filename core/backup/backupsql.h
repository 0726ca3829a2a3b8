#pragma once

// The SQL that backups and verifications run, built here with the dialect's quoting (names
// are never pasted in unquoted), and the small catalog reads around a backup: which tables a
// dump writes and how big they are, which schemas and functions there are, row counts, the
// snapshot a verification shares with pg_dump, and the scratch database it restores into.
// Everything runs on the calling thread with the given QSqlDatabase: a job's worker thread.

#include "backupoptions.h"
#include "base/result.h"
#include "toolprogress.h"

#include <QSqlDatabase>

namespace strata::backup {

namespace sql {
/// CREATE DATABASE "name" TEMPLATE template0 (an empty database, whatever template1 holds).
QString createDatabase(const QString &name);
/// DROP DATABASE IF EXISTS "name" WITH (FORCE) — without FORCE before PostgreSQL 13.
QString dropDatabase(const QString &name, int serverVersionNum);
/// SELECT count(*) FROM "schema"."table" (SQLite: schema "main" or empty).
QString countRows(dialect::DialectKind kind, const TableName &table);
/// A repeatable-read, read-only transaction whose snapshot pg_dump --snapshot can share.
QString beginSnapshot();
QString exportSnapshot();
} // namespace sql

/// A function as a verification compares it: "book_count(a integer) returns bigint" and a hash
/// of its body.
struct FunctionSignature {
    QString schema;
    QString signature;
    QString bodyHash;
    bool operator==(const FunctionSignature &) const = default;
};

class BackupCatalog {
public:
    /// Ordinary tables (and partitions) a dump of `options` writes rows for, with their size.
    static Result<QList<TableWeight>> dataTables(QSqlDatabase &db, const DumpOptions &options);
    /// Schemas that hold user objects (not pg_*, information_schema, or an extension's).
    static Result<QStringList> userSchemas(QSqlDatabase &db);
    /// Functions and procedures of `schema` that no extension owns, by signature.
    static Result<QList<FunctionSignature>> functions(QSqlDatabase &db, const QString &schema);
    /// Tables (and populated materialized views) of `schema` whose rows a verification counts;
    /// partitioned parents are left out (their partitions are counted).
    static Result<QList<TableName>> countedRelations(QSqlDatabase &db, const QString &schema);
    /// count(*) of a table.
    static Result<qint64> countRows(QSqlDatabase &db, const TableName &table);
    /// Runs one statement; the error is mapped by the database's dialect.
    static Status exec(QSqlDatabase &db, const QString &statement);
    /// The SQLite tables (not sqlite_*) of the main database.
    static Result<QList<TableName>> sqliteTables(QSqlDatabase &db);
};

} // namespace strata::backup
