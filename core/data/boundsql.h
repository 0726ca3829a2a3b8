#pragma once

// The grid's statements are rendered with the dialect's BoundSql / SqlParams.

#include "dialect/boundsql.h"

namespace strata::data {

using dialect::BoundSql;
using dialect::SqlParams;

} // namespace strata::data
