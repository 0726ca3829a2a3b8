#pragma once

// CSV import into a new table (CREATE TABLE with the chosen types, built through the
// dialect) or an existing one (each CSV column mapped to a table column or skipped), all
// or nothing: everything happens in ONE transaction, and any malformed record, conversion
// error, constraint violation or cancel rolls it back — no row written, no table created.
//
//   PostgreSQL: COPY table (columns) FROM STDIN (FORMAT text) through the native libpq
//               connection behind the QtSql one (~400k rows/s; QPSQL inserts manage ~6k).
//   SQLite:     one prepared INSERT stepped per row through the native sqlite3 handle.
//
// Run it on the thread that owns `db` (a Connection's worker). Errors about a record name
// its line in the file ("Line 7: ..."), also for values the server rejects during COPY.

#include "columntype.h"
#include "csvreader.h"

#include <QSqlDatabase>

namespace strata::data::io {

struct ImportColumn {
    int csvColumn = 0;                  ///< 0-based field index in the CSV records
    QString name;                       ///< the table column it goes to
    ColumnType type = ColumnType::Text; ///< new table: its type; existing: how SQLite binds it
};

struct ImportOptions {
    CsvOptions csv;
    QString schema;                     ///< empty: the default schema
    QString table;
    bool createTable = false;           ///< CREATE TABLE first (fails if it exists)
    QList<ImportColumn> columns;        ///< target columns; CSV fields not listed are skipped
    int progressEvery = 10000;
};

/// Imports every record of `device` (open for reading). Returns the number of rows
/// written. Errors: Syntax (malformed CSV, with the line), the server's error for a value
/// or constraint (with the line where the server says which record), Cancelled.
Result<qint64> importCsv(QSqlDatabase &db, QIODevice &device, const ImportOptions &options,
                         const ProgressCallback &progress = {}, const CancelToken *cancel = nullptr);

/// The statements the import runs, for tests and for showing people what will happen.
QString createTableSql(const dialect::Dialect &dialect, const ImportOptions &options);
QString insertSql(const dialect::Dialect &dialect, const ImportOptions &options);
QString copySql(const dialect::Dialect &dialect, const ImportOptions &options);

} // namespace strata::data::io
