#pragma once

// "Script as …" for a table or view: the statement a person would start from in the console,
// written by the dialect (names quoted only where needed, so it reads like hand-written SQL).
// Values are left as :name parameters, which the console asks for and binds.

#include "catalog/catalogtypes.h"
#include "dialect/dialect.h"

namespace strata::exec {

enum class ScriptKind { Select, Insert, Update, Delete, Create };

/// The script text. Update and Delete target the primary key; without one every column is
/// in the WHERE clause (so the statement touches the row it was written for, or its twins).
QString tableScript(const catalog::TableDetail &table, ScriptKind kind, const dialect::Dialect &dialect);

} // namespace strata::exec
