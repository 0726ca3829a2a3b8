#pragma once

#include <QStringList>

namespace strata::bench {

/// strata-bench console --url URL --rows N [--json]: SELECT * FROM books through the
/// console's streaming executor beside a raw libpq single-row loop / sqlite3_step loop.
int runConsoleBench(const QStringList &arguments);

} // namespace strata::bench
