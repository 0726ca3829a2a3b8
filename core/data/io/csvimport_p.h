#pragma once

// Internal to the CSV import: the per-dialect loops behind importCsv().

#include "csvimporter.h"

struct sqlite3;
struct pg_conn;

namespace strata::data::io::detail {

/// Reads records and feeds them to the database; shared state of both loops.
struct ImportRun {
    CsvReader &reader;
    const ImportOptions &options;
    const ProgressCallback &progress;
    const CancelToken *cancel;
    qint64 totalBytes = -1;
    qint64 rows = 0;
    bool started = false;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void report() const;
    /// Reads the next data record (skipping the header). False at the end.
    Result<bool> nextRecord(CsvRecord &record);
    /// Checks the mapping against the file's field count.
    Status checkColumns(const CsvRecord &record) const;
};

Error cancelledError(qint64 rows);

Result<qint64> importSqlite(sqlite3 *db, ImportRun &run);
Result<qint64> importPostgres(QSqlDatabase &db, pg_conn *conn, ImportRun &run);

} // namespace strata::data::io::detail
