#pragma once

// DDL for mapped tables, written through a Dialect (identifiers quoted, types named by the
// dialect). Statements are idempotent (IF NOT EXISTS / IF EXISTS) so createAll can run on a
// database that already has some of the tables.

#include "dialect/dialect.h"
#include "tabledef.h"

namespace strata::mapping {

/// CREATE TABLE IF NOT EXISTS, then one CREATE INDEX IF NOT EXISTS per index.
QStringList createTableStatements(const dialect::Dialect &dialect, const TableDef &table);
QString dropTableStatement(const dialect::Dialect &dialect, const TableDef &table);

} // namespace strata::mapping
