#pragma once

// The raw C API side of `strata-bench mapping`: what a hand-written program does with the
// same struct. SQLite: one prepared INSERT stepped per row in one transaction, reading
// sqlite3_last_insert_rowid back; a sqlite3_step loop for the read. PostgreSQL: COPY FROM
// STDIN (text format) in one transaction, keys not read back; the read in single-row mode.

#include "connection/connectionstring.h"
#include "mappingbench.h"

namespace strata::bench {

class RawMapping {
public:
    virtual ~RawMapping() = default;
    static std::unique_ptr<RawMapping> open(const connection::ConnectionSpec &spec, QString *error);
    /// Drops and creates the raw table (same columns and types as the mapped one).
    virtual bool reset(QString *error) = 0;
    /// Inserts `rows` (one transaction); returns milliseconds, < 0 on error.
    virtual double insert(std::vector<BenchRow> &rows) = 0;
    /// Reads every row into `out`; returns milliseconds, < 0 on error.
    virtual double read(std::vector<BenchRow> &out) = 0;
    virtual void drop() = 0;
};

} // namespace strata::bench
