#pragma once

// The raw C API side of `strata-bench grid`: builds the books table fast and reads it the
// way a hand-written sqlite3 / libpq program would, for the same windows the grid reads.

#include "connection/connectionprofile.h"

#include <memory>
#include <optional>

namespace strata::bench {

class RawBooks {
public:
    virtual ~RawBooks() = default;
    static std::unique_ptr<RawBooks> open(const connection::ConnectionProfile &profile,
                                          const std::optional<QString> &password, QString *error);

    /// Makes sure `books` holds exactly `rows` rows (id 1..rows); builds it server-side.
    virtual bool prepare(qint64 rows, QString *error) = 0;
    /// Makes sure `books_empty` exists, with the columns of `books` and no rows.
    virtual bool prepareEmpty(QString *error) = 0;
    /// Reads `limit` rows (every column of every row) of a statement with one bound id (or
    /// none when `key` < 0); returns milliseconds.
    virtual double window(const char *sql, qint64 key, int limit) = 0;
    /// Steps `windows` windows of `limit` rows by keyset from id > `key`; returns rows/s.
    virtual double scroll(qint64 key, int windows, int limit) = 0;
    virtual double countMs() = 0;
};

/// /proc/self/status values in MB: "VmRSS" or "VmHWM".
double memoryMb(const char *field);
/// Resets the peak (VmHWM) to the current RSS; false when the kernel refuses.
bool resetPeakMemory();

} // namespace strata::bench
