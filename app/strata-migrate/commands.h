#pragma once

// Runs one strata-migrate command: loads the project, connects when the command needs the
// database, calls MigrationEngine and prints its results in Alembic's text formats (or
// JSON). Results go to `out`; progress and errors go to `err`.

#include "commandline.h"

#include <QTextStream>

namespace strata::migrate::cli {

int runCommand(const CliOptions &options, QTextStream &out, QTextStream &err);

} // namespace strata::migrate::cli
