// strata-migrate: Alembic-style schema migrations for SQLite and PostgreSQL from the
// command line. See `strata-migrate --help` and the README.

#include "codegencommand.h"
#include "commandline.h"
#include "commands.h"

#include "base/buildinfo.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata-migrate"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    using namespace strata::migrate::cli;
    // codegen has its own options (it does not use the migration project).
    if (QCoreApplication::arguments().value(1) == QLatin1String("codegen"))
        return runCodegenCommand(QCoreApplication::arguments().mid(2), out, err);
    const strata::Result<CliOptions> options = parseCommandLine(QCoreApplication::arguments().mid(1));
    if (!options) {
        err << "strata-migrate: " << options.error().message << "\n"
            << "Try 'strata-migrate --help'.\n";
        return ExitUsage;
    }
    if (options->version) {
        out << strata::buildInfoText() << "\n";
        return ExitOk;
    }
    if (options->help || options->command.isEmpty()) {
        (options->help ? out : err) << helpText(options->command);
        return options->help ? ExitOk : ExitUsage;
    }
    const int code = runCommand(*options, out, err);
    out.flush();
    err.flush();
    return code;
}
