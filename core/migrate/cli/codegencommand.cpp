#include "codegencommand.h"

#include "commandline.h"
#include "connection/connectionstring.h"
#include "connection/databaseopener.h"
#include "connection/pgenvironment.h"
#include "mapping/codegen.h"

#include <QCommandLineParser>
#include <QFile>
#include <QProcessEnvironment>
#include <QSaveFile>

namespace strata::migrate::cli {

namespace {

const char *const kHelp =
    "Usage: strata-migrate codegen --url URL (--table NAME ... | --all) [options]\n"
    "\n"
    "Prints C++ structs and their strata::mapping::Mapping<T> declarations for existing\n"
    "tables (the reverse of MetaData::createAll). Identifiers that are not valid C++ names\n"
    "become valid ones; the mapping keeps the real table and column names.\n"
    "\n"
    "Options:\n"
    "  --url URL          SQLite path or postgresql:// URL (else STRATA_DATABASE_URL, DATABASE_URL)\n"
    "  --table NAME       a table to generate (repeatable)\n"
    "  --all              every table of the schema\n"
    "  --schema S         schema (default: main for SQLite, public for PostgreSQL)\n"
    "  --namespace NS     put the structs in namespace NS\n"
    "  --struct NAME      struct name (one table only)\n"
    "  --include PATH     header included for Table<T> (default mapping/table.h)\n"
    "  -o, --output FILE  write the header to FILE instead of standard output\n";

QString databaseUrl(const QCommandLineParser &parser)
{
    QString url = parser.value(QStringLiteral("url"));
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *var : {"STRATA_DATABASE_URL", "DATABASE_URL"})
        if (url.isEmpty())
            url = env.value(QLatin1String(var));
    return url;
}

Result<QString> generate(const QCommandLineParser &parser)
{
    const QString url = databaseUrl(parser);
    if (url.isEmpty())
        return Error(ErrorKind::Connection, QStringLiteral("No database URL: give --url or set STRATA_DATABASE_URL"));
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(url);
    if (!spec)
        return Error(spec.error().kind, QStringLiteral("Invalid database URL: %1").arg(spec.error().message));
    if (spec->profile.isPostgres())
        spec->profile = connection::withPgDefaults(spec->profile, QProcessEnvironment::systemEnvironment());
    const QString name = connection::uniqueConnectionName(QStringLiteral("codegen"));
    const auto opened = connection::openDatabase(spec->profile, spec->password, name);
    if (!opened)
        return opened.error();
    Result<QString> code = Error(ErrorKind::Internal, QString());
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        mapping::CodegenOptions options;
        options.namespaceName = parser.value(QStringLiteral("namespace"));
        options.structName = parser.value(QStringLiteral("struct"));
        if (parser.isSet(QStringLiteral("include")))
            options.includePath = parser.value(QStringLiteral("include"));
        const dialect::DialectKind kind = spec->profile.isPostgres() ? dialect::DialectKind::Postgres : dialect::DialectKind::Sqlite;
        code = mapping::generateMappingFromDatabase(db, kind, parser.value(QStringLiteral("schema")),
                                                    parser.isSet(QStringLiteral("all")) ? QStringList() : parser.values(QStringLiteral("table")),
                                                    options);
    }
    connection::closeDatabase(name);
    return code;
}

} // namespace

int runCodegenCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    for (const char *option : {"url", "table", "schema", "namespace", "struct", "include"})
        parser.addOption({QString::fromLatin1(option), QString(), QStringLiteral("value")});
    parser.addOption({QStringList{QStringLiteral("o"), QStringLiteral("output")}, QString(), QStringLiteral("file")});
    parser.addOption({QStringLiteral("all"), QString()});
    parser.addOption({QStringList{QStringLiteral("h"), QStringLiteral("help")}, QString()});
    if (!parser.parse(QStringList{QStringLiteral("strata-migrate")} + arguments)) {
        err << "strata-migrate codegen: " << parser.errorText() << "\n" << kHelp;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << kHelp;
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("all")) == parser.isSet(QStringLiteral("table"))) {
        err << "strata-migrate codegen: give --table NAME or --all\n" << kHelp;
        return ExitUsage;
    }
    const Result<QString> code = generate(parser);
    if (!code) {
        err << "FAILED: " << code.error().message << "\n";
        return ExitFailure;
    }
    if (!parser.isSet(QStringLiteral("output"))) {
        out << *code;
        return ExitOk;
    }
    QSaveFile file(parser.value(QStringLiteral("output")));
    if (!file.open(QIODevice::WriteOnly) || file.write(code->toUtf8()) < 0 || !file.commit()) {
        err << "FAILED: cannot write " << file.fileName() << ": " << file.errorString() << "\n";
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace strata::migrate::cli
