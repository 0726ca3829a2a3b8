#include "commandlinerunner.h"

#include "alembicdelegate.h"
#include "codegencommand.h"
#include "commandline.h"
#include "commands.h"
#include "errorreport.h"
#include "modelssqlcommand.h"

#include "base/buildinfo.h"
#include "connection/redaction.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>
#include <memory>

namespace strata::migrate {

int runCommandLine(int argc, char **argv, const mapping::MetaData *models)
{
    std::unique_ptr<QCoreApplication> app;
    if (!QCoreApplication::instance())
        app = std::make_unique<QCoreApplication>(argc, argv);
    const QString program = argc > 0 ? QFileInfo(QString::fromLocal8Bit(argv[0])).fileName() : QStringLiteral("strata-migrate");
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QTextStream out(stdout);
    QTextStream err(stderr);
    using namespace cli;
    // codegen has its own options (it does not use the migration project).
    if (arguments.value(0) == QLatin1String("codegen"))
        return runCodegenCommand(arguments.mid(1), out, err);
    const Result<CliOptions> options = parseCommandLine(arguments);
    if (!options) {
        QStringList secrets;
        for (const QString &argument : std::as_const(arguments))
            secrets += connection::secretsIn(argument);
        Error e = options.error();
        e.message = connection::redactSecrets(e.message, secrets);
        if (arguments.contains(QLatin1String("--json"))) {
            reportError(e, true, out, err);
            return ExitUsage;
        }
        err << program << ": " << cappedMessage(e.message) << "\n"
            << "Try '" << program << " --help'.\n";
        return ExitUsage;
    }
    if (options->version) {
        out << buildInfoText() << "\n";
        return ExitOk;
    }
    if (options->help || options->command.isEmpty()) {
        (options->help ? out : err) << helpText(options->command);
        return options->help ? ExitOk : ExitUsage;
    }
    if (isDelegatedToAlembic(*options)) {
        const int delegated = runAlembicDelegate(*options, out, err);
        out.flush();
        err.flush();
        return delegated;
    }
    const int code = options->command == u"models-sql" ? runModelsSqlCommand(*options, out, err, models)
                                                       : runCommand(*options, out, err, models);
    out.flush();
    err.flush();
    return code;
}

} // namespace strata::migrate
