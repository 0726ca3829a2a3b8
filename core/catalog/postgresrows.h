#pragma once

// Turns rows of the PostgreSQL catalog queries (resources/catalog/postgres/*.sql) into
// catalog values. Each function reads the current row of a query positioned on it, by the
// column order of its .sql file; the detail functions add to the TableDetail of the row's
// relation and note what the DDL builder needs.

#include "catalogtypes.h"
#include "postgresddl.h"

#include <QSqlQuery>

namespace strata::catalog::pgrows {

/// relations.sql / relationdetails.sql columns 0-6.
RelationInfo relationInfo(const QSqlQuery &row, const QString &schema);
/// relationdetails.sql columns 7-13.
void readRelationDdl(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl);
/// columns.sql
void addColumn(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl);
/// indexes.sql
void addIndex(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl);
/// constraints.sql
void addConstraint(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl);
/// triggers.sql
void addTrigger(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl);

/// confdeltype / confupdtype letter as words: c -> "CASCADE".
QString foreignKeyAction(const QString &letter);

} // namespace strata::catalog::pgrows
