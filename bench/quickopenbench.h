#pragma once

#include <QStringList>

namespace strata::bench {

/// `strata-bench quickopen [--connections C] [--tables N] [--columns K] [--sqlite-tables M]
/// [--json]`: quick open's keystroke-to-ranked-results time (core/search/NameSearch, as the
/// popup runs it: narrowing as the query grows) over C synthetic name indexes of N tables
/// with K columns each, beside a plain std::string subsequence scan of the same names; and,
/// unless M is 0, reading the names of a real M-table SQLite file (readNameIndex) beside the
/// same query through the sqlite3 C API.
int runQuickOpenBench(const QStringList &arguments);

}   // namespace strata::bench
