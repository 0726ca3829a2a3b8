#include "pgenvironment.h"

#include <QDir>
#include <QFileInfo>

#include <limits>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace strata::connection {

namespace {

QString envValue(const QProcessEnvironment &env, const char *name)
{
    return env.value(QLatin1String(name));
}

QString osUserName(const QProcessEnvironment &env)
{
    for (const char *name : {"USER", "LOGNAME"}) {
        const QString value = envValue(env, name);
        if (!value.isEmpty())
            return value;
    }
#ifdef Q_OS_WIN
    return envValue(env, "USERNAME");
#elif defined(Q_OS_UNIX)
    if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
#endif
    return QString();
}

// A positive number below `limit` written in decimal digits, or 0.
int positiveNumber(const QString &text, int limit)
{
    bool ok = !text.isEmpty();
    for (const QChar c : text)
        ok = ok && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    const int value = ok ? text.toInt(&ok) : 0;
    return ok && value > 0 && value <= limit ? value : 0;
}

bool isSslMode(const QString &mode)
{
    for (const char *valid : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
        if (mode == QLatin1String(valid))
            return true;
    }
    return false;
}

void applyEnvironment(ConnectionProfile &profile, const QProcessEnvironment &env)
{
    const std::pair<const char *, QString ConnectionProfile::*> strings[] = {
        {"PGHOST", &ConnectionProfile::host},
        {"PGDATABASE", &ConnectionProfile::database},
        {"PGUSER", &ConnectionProfile::user},
        {"PGAPPNAME", &ConnectionProfile::applicationName},
    };
    for (const auto &[name, member] : strings) {
        if ((profile.*member).isEmpty())
            profile.*member = envValue(env, name);
    }
    if (profile.port <= 0)
        profile.port = positiveNumber(envValue(env, "PGPORT"), 65535);
    if (profile.sslMode.isEmpty() && isSslMode(envValue(env, "PGSSLMODE")))
        profile.sslMode = envValue(env, "PGSSLMODE");
    if (profile.connectTimeout <= 0)
        profile.connectTimeout = positiveNumber(envValue(env, "PGCONNECT_TIMEOUT"), std::numeric_limits<int>::max());
}

} // namespace

QString defaultSocketDirectory()
{
    return QStringLiteral("/var/run/postgresql");
}

ConnectionProfile withPgDefaults(ConnectionProfile profile, const QProcessEnvironment &env)
{
    return withPgDefaults(std::move(profile), env, defaultSocketDirectory());
}

ConnectionProfile withPgDefaults(ConnectionProfile profile, const QProcessEnvironment &env,
                                 const QString &socketDirectory)
{
    if (!profile.isPostgres())
        return profile;
    if (profile.service.isEmpty())
        profile.service = envValue(env, "PGSERVICE");
    if (!profile.service.isEmpty())
        return profile;

    applyEnvironment(profile, env);
    if (profile.host.isEmpty()) {
        const bool socketExists = !socketDirectory.isEmpty() && QFileInfo(socketDirectory).isDir();
        profile.host = socketExists ? socketDirectory : QStringLiteral("localhost");
    }
    if (profile.port <= 0)
        profile.port = 5432;
    if (profile.user.isEmpty())
        profile.user = osUserName(env);
    if (profile.database.isEmpty())
        profile.database = profile.user;
    return profile;
}

QString passwordFilePath(const QProcessEnvironment &env)
{
    const QString explicitFile = envValue(env, "PGPASSFILE");
    if (!explicitFile.isEmpty())
        return explicitFile;
#ifdef Q_OS_WIN
    const QString appData = envValue(env, "APPDATA");
    if (!appData.isEmpty())
        return appData + QStringLiteral("/postgresql/pgpass.conf");
#endif
    QString home = envValue(env, "HOME");
    if (home.isEmpty())
        home = QDir::homePath();
    return home + QStringLiteral("/.pgpass");
}

PasswordLookup lookupPassword(const ConnectionProfile &profile, const QProcessEnvironment &env)
{
    const QString fromEnv = envValue(env, "PGPASSWORD");
    if (!fromEnv.isEmpty()) {
        PasswordLookup found;
        found.source = PasswordSource::Environment;
        found.password = fromEnv;
        return found;
    }
    return lookupPgPass(passwordFilePath(env), profile.host, profile.port, profile.database, profile.user);
}

} // namespace strata::connection
