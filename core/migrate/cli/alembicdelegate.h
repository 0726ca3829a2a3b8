#pragma once

// strata-migrate -c alembic.ini upgrade|downgrade|stamp|revision|merge: delegated to the
// project's own Alembic (found as the panel finds it: .venv/venv/env, VIRTUAL_ENV, PATH), with
// the panel's database check. The database strata-migrate was given (--url,
// STRATA_DATABASE_URL, DATABASE_URL, else alembic.ini's sqlalchemy.url) is compared with the one
// Alembic would open (the probe); a difference refuses the command (exit 1) with both shown,
// passwords masked. Alembic's output is passed through; its exit code is returned.

#include "commandline.h"

#include <QTextStream>

namespace strata::migrate::cli {

/// True for the commands delegated when the project is an Alembic project.
bool isDelegatedToAlembic(const CliOptions &options);
int runAlembicDelegate(const CliOptions &options, QTextStream &out, QTextStream &err);

} // namespace strata::migrate::cli
