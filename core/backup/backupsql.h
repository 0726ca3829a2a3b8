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
/// Rows copied so far by each COPY ... TO of pg_dump sessions (application name bound as the one
/// parameter) in the current database, with the planner's row estimate (PostgreSQL 14+).
QString copyProgress();
/// A transaction of the job's own connection (the snapshot a backup and its verification share).
QString begin();
QString commit();
QString rollback();
/// SQLite: a read that makes BEGIN take its read snapshot now.
QString sqliteTouchSchema();
/// SQLite: PRAGMA <name> of the main database; `name` is one of the fixed names the jobs use
/// (page_count, freelist_count, page_size), never user text.
QString sqlitePragma(const QString &name);
QString sqliteIntegrityCheck();
/// SQLite: VACUUM INTO with the file name bound as the one parameter.
QString sqliteVacuumInto();
/// PostgreSQL 14 added pg_stat_progress_copy.
constexpr int kCopyProgressSince = 140000;
} // namespace sql

/// One COPY TO that pg_dump runs now.
struct CopyProgress {
    TableName table;
    qint64 rows = 0;
    qint64 estimate = -1;   ///< pg_class.reltuples; -1: never analyzed
};

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
    /// The tables a person can choose for a backup: ordinary and partitioned tables that are not
    /// partitions themselves, of `schemas` (empty: every user schema), with their size on the
    /// server (a partitioned table: its partitions' sizes, PostgreSQL 12+).
    static Result<QList<TableWeight>> choosableTables(QSqlDatabase &db, const QStringList &schemas, int serverVersionNum);
    /// `options` with every partition of a partitioned table named in `tables` or
    /// `excludeTableData` added after it: pg_dump before 16 dumps only a partitioned table's own
    /// definition for --table (its rows would be missing) and leaves its partitions' rows in for
    /// --exclude-table-data. PostgreSQL 12+ (pg_partition_tree); older servers: unchanged.
    static Result<DumpOptions> withPartitions(QSqlDatabase &db, DumpOptions options, int serverVersionNum);
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
    /// The COPY TO of sessions named `applicationName` (pg_dump's) in this database.
    static Result<QList<CopyProgress>> copyProgress(QSqlDatabase &db, const QString &applicationName);
    /// The SQLite tables (not sqlite_*) of the main database.
    static Result<QList<TableName>> sqliteTables(QSqlDatabase &db);
};

} // namespace strata::backup
