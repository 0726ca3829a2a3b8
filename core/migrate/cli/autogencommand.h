#pragma once

// `strata-migrate revision --autogenerate`: compares the project's database with a target
// (the runner's models, a schema.sql file or another database), settles rename proposals
// (asked on a terminal; otherwise only --rename ones are applied and the rest listed) and
// writes the revision, also when nothing changed (as Alembic does).

#include "commandline.h"

#include "migrate/autogen/comparator.h"

#include <QTextStream>
#include <functional>

namespace strata::mapping { class MetaData; }

namespace strata::migrate { class MigrationEngine; }

namespace strata::migrate::cli {

/// Asks a yes/no question; nullptr when there is nobody to ask (not a terminal).
using Prompt = std::function<bool(const QString &question)>;

/// The prompt on standard input when it is a terminal, else an empty function.
Prompt terminalPrompt(QTextStream &out);

/// Compares with `options.forcedRenames` applied, then settles each further proposal:
/// accepted when `prompt` says yes; without a prompt never accepted, and listed in
/// `unapplied` (so a script never renames by a guess).
Result<autogen::Comparison> settleRenames(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target,
                                          autogen::CompareOptions options, const Prompt &prompt,
                                          QList<autogen::RenameProposal> *unapplied);

int autogenerateRevision(const CliOptions &options, MigrationEngine &engine, QTextStream &out, QTextStream &err,
                         const mapping::MetaData *models, const Prompt &prompt);

} // namespace strata::migrate::cli
