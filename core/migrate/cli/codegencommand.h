#pragma once

// `strata-migrate codegen`: C++ mappings (struct + Mapping<T>) of existing tables, the
// reverse of MetaData::createAll. Self-contained: its own options, parsed here.

#include <QStringList>
#include <QTextStream>

namespace strata::migrate::cli {

/// Runs `codegen` with the arguments after the command name. Exit codes as the others.
int runCodegenCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace strata::migrate::cli
