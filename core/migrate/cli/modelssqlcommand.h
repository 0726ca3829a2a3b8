#pragma once

// `models-sql`: the runner's mapped structs as CREATE statements, so a tool outside the
// application (the Schema diff tab) can treat the models like a schema.sql file.

#include "commandline.h"

#include <QTextStream>

namespace strata::mapping { class MetaData; }

namespace strata::migrate::cli {

/// Prints MetaData::createStatements for `options.dialect` (sqlite or postgresql), one
/// statement per line group, each ending with ';'. Needs no project file and no database.
/// Without models (the generic strata-migrate) prints an error and returns ExitFailure.
int runModelsSqlCommand(const CliOptions &options, QTextStream &out, QTextStream &err, const mapping::MetaData *models);

} // namespace strata::migrate::cli
