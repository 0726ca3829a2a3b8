#pragma once

#include <QStringList>

namespace strata::bench {

/// strata-bench grid --url URL --rows N [--json]: the data grid's model on a `books` table
/// of N rows (created, or reused when it has exactly N rows) beside the raw C API.
int runGridBench(const QStringList &arguments);

} // namespace strata::bench
