#include "testenvironment.h"

#include <QDir>
#include <QTemporaryDir>

namespace strata::test {

namespace {

QTemporaryDir &privateRoot()
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/strata-test-XXXXXX"));
    return dir;
}

void setDir(const char *variable, const QString &path)
{
    QDir().mkpath(path);
    qputenv(variable, QFile::encodeName(path));
}

} // namespace

void prepareEnvironment()
{
    const QString root = privateRoot().path();
    setDir("HOME", root + QStringLiteral("/home"));
    setDir("XDG_DATA_HOME", root + QStringLiteral("/home/.local/share"));
    setDir("XDG_CONFIG_HOME", root + QStringLiteral("/home/.config"));
    setDir("XDG_CACHE_HOME", root + QStringLiteral("/home/.cache"));
    setDir("XDG_RUNTIME_DIR", root + QStringLiteral("/runtime"));
    QFile::setPermissions(root + QStringLiteral("/runtime"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // libpq must not pick up the developer's own defaults.
    for (const char *v : {"PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGPASSFILE",
                          "PGSERVICE", "PGSERVICEFILE", "PGSSLMODE", "PGAPPNAME", "PGCONNECT_TIMEOUT",
                          "DATABASE_URL", "STRATA_DATABASE_URL"})
        qunsetenv(v);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

QString homeDir()
{
    return privateRoot().path() + QStringLiteral("/home");
}

QString postgresUrl()
{
    return qEnvironmentVariable("STRATA_TEST_PG_URL");
}

bool allowSkipPostgres()
{
    return qEnvironmentVariable("STRATA_TEST_ALLOW_SKIP_PG") == QLatin1String("1");
}

QString tempPath(const QString &fileName)
{
    static int counter = 0;
    const QString dir = privateRoot().path() + QStringLiteral("/files/%1").arg(++counter);
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + fileName;
}

} // namespace strata::test
