#include "clidatabase.h"

#include "base/quotedtext.h"

#include "connection/databaseopener.h"
#include "connection/pgenvironment.h"
#include "connection/redaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>

namespace strata::migrate::cli {

namespace {

struct ParsedUrl {
    connection::ConnectionSpec spec;
    QStringList secrets;   ///< what the URL as typed and as parsed may reveal
};

Result<ParsedUrl> parse(const QString &url, const QString &baseDir)
{
    const QStringList typed = connection::secretsIn(url);
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(url, baseDir);
    if (!spec)
        return connection::redactSecrets(
            Error(spec.error().kind, QStringLiteral("Invalid database URL: %1").arg(spec.error().message)), typed);
    spec->profile.createIfMissing = true;
    if (spec->profile.isPostgres())
        spec->profile = connection::withPgDefaults(spec->profile, QProcessEnvironment::systemEnvironment());
    return ParsedUrl{*spec, typed + connection::secretsOf(spec->profile, spec->password)};
}

Status open(const ParsedUrl &url, Database &database)
{
    const QString name = connection::uniqueConnectionName(QStringLiteral("migrate"));
    database.displayUrl = connection::redactSecrets(connection::toUrl(url.spec.profile), url.secrets);
    connection::ConnectionProfile profile = url.spec.profile;
    // The session names the program, so a runner waiting for the lock can say who holds it.
    if (profile.isPostgres() && profile.applicationName.isEmpty())
        profile.applicationName = QCoreApplication::applicationName();
    Result<connection::ServerInfo> info = connection::openDatabase(profile, url.spec.password, name);
    if (!info)
        // redacted before anything is cut, so no cut can split a secret; the URL is already redacted
        return connection::redactSecrets(
            Error(info.error().kind, QStringLiteral("Cannot connect to %1: %2").arg(quotedInput(database.displayUrl), info.error().message)),
            url.secrets);
    database.name = name;
    database.db = QSqlDatabase::database(name, false);
    database.kind = url.spec.profile.driver;
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

namespace {

Result<ParsedUrl> projectUrl(const CliOptions &o, const ProjectConfig &config)
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

} // namespace

Result<connection::ConnectionSpec> connectionSpec(const CliOptions &o, const ProjectConfig &config)
{
    Result<ParsedUrl> url = projectUrl(o, config);
    if (!url)
        return url.error();
    return url->spec;
}

Status openDatabase(const CliOptions &o, const ProjectConfig &config, Database &database)
{
    Result<ParsedUrl> url = projectUrl(o, config);
    if (!url)
        return url.error();
    return open(*url, database);
}

Status openUrl(const QString &url, const QString &baseDir, Database &database)
{
    Result<ParsedUrl> parsed = parse(url, baseDir);
    if (!parsed)
        return parsed.error();
    return open(*parsed, database);
}

} // namespace strata::migrate::cli
