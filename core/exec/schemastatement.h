#pragma once

// Whether a statement the user ran changes the schema (so that the views showing it must
// read it again): it starts with CREATE, ALTER, DROP, COMMENT, IMPORT FOREIGN SCHEMA
// (PostgreSQL) or ATTACH / DETACH (SQLite). Decided on the statement's first code tokens
// (SqlLexer), so comments before it and keywords inside strings do not count.

#include "dialect/dialect.h"

#include <QString>

namespace strata::exec {

bool changesSchema(const QString &statement, dialect::DialectKind dialect);

} // namespace strata::exec
