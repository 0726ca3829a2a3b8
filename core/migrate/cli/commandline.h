#pragma once

// The command line of strata-migrate: global options anywhere, a command, its options and
// positional arguments. Its own parser, because a target such as `-1` or `-2` must be an
// argument, not an option (QCommandLineParser would reject it).

#include "base/result.h"

#include <QStringList>

namespace strata::migrate::cli {

/// Exit codes (documented in --help and the README). A run interrupted by a signal exits
/// with 128 + its number (InterruptSignals).
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

struct CliOptions {
    QString config = QStringLiteral("strata.ini");
    QString url;
    int lockTimeout = 60;
    bool json = false;
    bool sql = false;
    bool transactionPerMigration = false;
    bool strict = false;         ///< refuse instead of warning about drift (also strict_drift in strata.ini)
    bool help = false;
    bool version = false;

    QString command;
    QStringList positional;
    QString message;
    QString head;
    bool splice = false;
    QStringList branchLabels;
    QStringList dependsOn;
    QString revId;
    bool purge = false;
    QString range;
    bool verbose = false;
    bool indicateCurrent = false;
    // revision --autogenerate
    bool autogenerate = false;
    QString target;              ///< "models", a schema.sql path or a database URL
    QStringList renames;         ///< --rename old=new / table.old=new, repeatable
    bool noRenames = false;
    QString scratchUrl;          ///< PostgreSQL server for the other dialect's scratch schema
    QString dialect;             ///< models-sql: sqlite (default) or postgresql
};

/// Parses arguments (without the program name). Errors are usage errors (exit 2).
Result<CliOptions> parseCommandLine(const QStringList &arguments);
/// The general help, or one command's help when `command` is a known command.
QString helpText(const QString &command = {});
bool isKnownCommand(const QString &command);

} // namespace strata::migrate::cli
