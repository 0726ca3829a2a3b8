#pragma once

// Runs one strata-migrate command: loads the project, connects when the command needs the
// database, calls MigrationEngine and prints its results in Alembic's text formats (or
// JSON). Results go to `out`; progress and errors go to `err`.

#include "commandline.h"

#include <QTextStream>

namespace strata::mapping { class MetaData; }

namespace strata::migrate::cli {

/// `models`: the target of `revision --autogenerate --target models`, or nullptr.
int runCommand(const CliOptions &options, QTextStream &out, QTextStream &err, const mapping::MetaData *models = nullptr);

} // namespace strata::migrate::cli
