#pragma once

// Which statements of a migration lose data: DROP TABLE, DROP COLUMN, and PostgreSQL's
// ALTER TABLE t DROP c (COLUMN is optional there). Read from the revision SQL with the one
// lexer (dialect/sqllexer.h), so a DROP inside a string, a comment or a dollar-quoted body is
// not one, and a comment before a statement does not hide it. The migration panel's and the
// revision editor's confirmations list them from here: one rule for every caller.

#include "dialect/dialect.h"

#include <QStringList>

namespace strata::migrate {

class MigrationEngine;
struct MigrationPlan;

/// "file:line: DROP TABLE books" for each destructive statement of `sql`, whose first line
/// is line `firstLine` of `file`.
QStringList destructiveStatements(const QString &sql, const QString &file, int firstLine, dialect::DialectKind dialect);
/// The same over every section `plan` runs.
QStringList destructiveStatements(const MigrationEngine &engine, const MigrationPlan &plan, dialect::DialectKind dialect);

} // namespace strata::migrate
