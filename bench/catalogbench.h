#pragma once

#include <QStringList>

namespace strata::bench {

/// `strata-bench catalog --url URL [--tables N] [--runs R] [--json]`: creates (or reuses) a
/// schema of N tables and measures listing it for the object tree (CatalogReader::objects)
/// and describing every table, beside a raw C API listing of the same relations.
int runCatalogBench(const QStringList &arguments);

} // namespace strata::bench
