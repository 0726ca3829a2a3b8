#include "clidatabase.h"

#include "base/quotedtext.h"

#include "connection/databaseopener.h"
#include "connection/pgenvironment.h"

#include <QDir>
#include <QProcessEnvironment>

namespace strata::migrate::cli {

namespace {

Result<connection::ConnectionSpec> parse(const QString &url, const QString &baseDir)
{
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(url, baseDir);
    if (!spec)
        return Error(spec.error().kind, QStringLiteral("Invalid database URL: %1").arg(spec.error().message));
    spec->profile.createIfMissing = true;
    if (spec->profile.isPostgres())
        spec->profile = connection::withPgDefaults(spec->profile, QProcessEnvironment::systemEnvironment());
    return spec;
}

Status open(const connection::ConnectionSpec &spec, Database &database)
{
    const QString name = connection::uniqueConnectionName(QStringLiteral("migrate"));
    Result<connection::ServerInfo> info = connection::openDatabase(spec.profile, spec.password, name);
    database.displayUrl = connection::toUrl(spec.profile);
    if (!info)
        return Error(info.error().kind, QStringLiteral("Cannot connect to %1: %2").arg(quotedInput(database.displayUrl), capped(info.error().message)));
    database.name = name;
    database.db = QSqlDatabase::database(name, false);
    database.kind = spec.profile.driver;
    return {};
}

} // namespace

Database::~Database()
{
    if (!name.isEmpty()) {
        db = QSqlDatabase();
        connection::closeDatabase(name);
    }
}

Result<connection::ConnectionSpec> connectionSpec(const CliOptions &o, const ProjectConfig &config)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString url = o.url;
    QString baseDir = QDir::currentPath();
    for (const char *var : {"STRATA_DATABASE_URL", "DATABASE_URL"})
        if (url.isEmpty())
            url = env.value(QLatin1String(var));
    if (url.isEmpty()) {
        url = config.url;
        baseDir = config.projectDir;
    }
    if (url.isEmpty())
        return Error(ErrorKind::Connection, QStringLiteral("No database URL: give --url, set STRATA_DATABASE_URL or DATABASE_URL, "
                                                           "or set url in %1").arg(config.iniPath));
    return parse(url, baseDir);
}

Status openDatabase(const CliOptions &o, const ProjectConfig &config, Database &database)
{
    Result<connection::ConnectionSpec> spec = connectionSpec(o, config);
    if (!spec)
        return spec.error();
    return open(*spec, database);
}

Status openUrl(const QString &url, const QString &baseDir, Database &database)
{
    Result<connection::ConnectionSpec> spec = parse(url, baseDir);
    if (!spec)
        return spec.error();
    return open(*spec, database);
}

} // namespace strata::migrate::cli
