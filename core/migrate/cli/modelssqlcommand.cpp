#include "modelssqlcommand.h"

#include "errorreport.h"

#include "mapping/metadata.h"

namespace strata::migrate::cli {

int runModelsSqlCommand(const CliOptions &options, QTextStream &out, QTextStream &err, const mapping::MetaData *models)
{
    if (!options.positional.isEmpty()) {
        err << "models-sql takes no arguments (use --dialect sqlite|postgresql)\n";
        return ExitUsage;
    }
    dialect::DialectKind kind = dialect::DialectKind::Sqlite;
    const QString name = options.dialect.toLower();
    if (name == u"postgresql" || name == u"postgres")
        kind = dialect::DialectKind::Postgres;
    else if (!name.isEmpty() && name != u"sqlite") {
        err << "models-sql: unknown dialect '" << options.dialect << "' (use sqlite or postgresql)\n";
        return ExitUsage;
    }
    if (!models) {
        err << "FAILED: models-sql: this runner was built without models. Build one that passes your MetaData:\n"
               "    return strata::migrate::runCommandLine(argc, argv, &models);\n"
               "(see examples/books/migrate.cpp).\n";
        return ExitFailure;
    }
    const dialect::Dialect &d = dialect::dialectFor(kind);
    if (Status valid = models->validate(d); !valid) {
        reportError(valid.error(), options.json, out, err);
        return ExitFailure;
    }
    for (const QString &statement : models->createStatements(d))
        out << statement << ";\n\n";
    return ExitOk;
}

} // namespace strata::migrate::cli
