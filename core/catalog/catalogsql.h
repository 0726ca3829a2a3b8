#pragma once

// Catalog queries live as .sql files under resources/catalog/<dialect>/, compiled into
// strata_core (see catalog/sources.cmake), so they read as SQL and can be tried in psql or
// sqlite3 as they are.

#include "base/result.h"

#include <QString>

namespace strata::catalog {

/// The text of resources/catalog/<name>.sql, e.g. catalogSql(u"postgres/columns"_qs);
/// Internal when the resource is missing (a build error).
Result<QString> catalogSql(const QString &name);

} // namespace strata::catalog
