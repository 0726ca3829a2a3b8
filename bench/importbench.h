#pragma once

#include <QStringList>

namespace strata::bench {

/// `strata-bench import --url URL [--rows N] [--json]`: writes a CSV file of N `books`
/// rows, imports it through Strata's CSV import (parser + COPY / native prepared INSERT in
/// one transaction) and through the raw C API (libpq COPY ... (FORMAT csv) fed the file's
/// bytes as psql's \copy does; sqlite3 prepared INSERT over a plain comma split), into
/// fresh tables of the same shape, and prints both times and rates.
int runImportBench(const QStringList &arguments);

} // namespace strata::bench
