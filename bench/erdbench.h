#pragma once

#include <QStringList>

namespace strata::bench {

/// strata-bench erd --url URL --tables N [--runs R] [--json]: the ER diagram on a generated
/// schema of N tables with 1.5 N foreign keys (2,000 tables: 2,999 keys).
int runErdBench(const QStringList &arguments);

} // namespace strata::bench
