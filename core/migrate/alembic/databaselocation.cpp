#include "databaselocation.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace strata::migrate::alembic {

namespace {

QString canonicalFile(const QString &path, const QString &baseDir)
{
    const QString absolute = QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
    const QString canonical = QFileInfo(absolute).canonicalFilePath();
    if (!canonical.isEmpty())
        return canonical;
    // A file that does not exist yet: resolve its directory (which may be a symlink).
    const QFileInfo info(absolute);
    const QString dir = QFileInfo(info.absolutePath()).canonicalFilePath();
    return dir.isEmpty() ? absolute : QDir(dir).filePath(info.fileName());
}

QString normalHost(const QString &host)
{
    const QString h = host.trimmed().toLower();
    if (h.isEmpty() || h == QLatin1String("127.0.0.1") || h == QLatin1String("::1") || h == QLatin1String("[::1]")
        || h.startsWith(QLatin1Char('/')))
        return QStringLiteral("localhost");
    return h;
}

QString dialectOf(const QString &driver)
{
    QString d = driver.section(QLatin1Char('+'), 0, 0).toLower();
    if (d == QLatin1String("postgres"))
        d = QStringLiteral("postgresql");
    return d;
}

} // namespace

QString DatabaseLocation::display() const
{
    if (dialect == QLatin1String("sqlite"))
        return inMemory ? QStringLiteral("%1:///:memory:").arg(driver) : QStringLiteral("%1:///%2").arg(driver, database);
    QString auth = user;
    if (hasPassword)
        auth += QStringLiteral(":***");
    if (!auth.isEmpty())
        auth += QLatin1Char('@');
    const QString port_ = port > 0 ? QStringLiteral(":%1").arg(port) : QString();
    return QStringLiteral("%1://%2%3%4/%5").arg(driver, auth, host, port_, database);
}

bool DatabaseLocation::sameDatabase(const DatabaseLocation &other) const
{
    if (dialect != other.dialect || inMemory || other.inMemory)
        return false;
    if (dialect == QLatin1String("sqlite"))
        return !database.isEmpty() && database == other.database;
    const int a = port > 0 ? port : 5432;
    const int b = other.port > 0 ? other.port : 5432;
    return normalHost(host) == normalHost(other.host) && a == b && database == other.database && user == other.user;
}

Result<DatabaseLocation> DatabaseLocation::fromProbe(const QJsonObject &probe)
{
    DatabaseLocation l;
    l.driver = probe.value(QLatin1String("drivername")).toString();
    if (l.driver.isEmpty())
        return Error(ErrorKind::Migration, QStringLiteral("The probe reported no database driver"));
    l.dialect = dialectOf(l.driver);
    l.host = probe.value(QLatin1String("host")).toString();
    l.port = probe.value(QLatin1String("port")).toInt();
    l.user = probe.value(QLatin1String("username")).toString();
    l.hasPassword = probe.value(QLatin1String("password_set")).toBool();
    const QString database = probe.value(QLatin1String("database")).toString();
    if (l.dialect == QLatin1String("sqlite")) {
        l.inMemory = database.isEmpty() || database == QLatin1String(":memory:");
        if (!l.inMemory)
            l.database = canonicalFile(database, probe.value(QLatin1String("cwd")).toString());
    } else {
        l.database = database;
    }
    return l;
}

DatabaseLocation DatabaseLocation::fromProfile(const connection::ConnectionProfile &p)
{
    DatabaseLocation l;
    if (p.isSqlite()) {
        l.dialect = l.driver = QStringLiteral("sqlite");
        l.inMemory = p.inMemory;
        if (!p.inMemory)
            l.database = canonicalFile(p.filePath, QDir::currentPath());
        return l;
    }
    l.dialect = l.driver = QStringLiteral("postgresql");
    l.host = p.host.isEmpty() ? QStringLiteral("localhost") : p.host;
    l.port = p.port;
    l.database = p.database;
    l.user = p.user;
    return l;
}

QString sqlalchemyUrl(const connection::ConnectionProfile &p)
{
    if (p.isSqlite())
        return p.inMemory ? QString() : QStringLiteral("sqlite:///") + QFileInfo(p.filePath).absoluteFilePath();
    QString url = QStringLiteral("postgresql://");
    if (!p.user.isEmpty())
        url += QString::fromUtf8(QUrl::toPercentEncoding(p.user)) + QLatin1Char('@');
    if (!p.host.isEmpty() && !p.host.startsWith(QLatin1Char('/')))
        url += p.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + p.host + QLatin1Char(']') : p.host;
    if (p.port > 0)
        url += QLatin1Char(':') + QString::number(p.port);
    url += QLatin1Char('/') + QString::fromUtf8(QUrl::toPercentEncoding(p.database));
    QStringList query;
    if (p.host.startsWith(QLatin1Char('/')))
        query << QStringLiteral("host=") + QString::fromUtf8(QUrl::toPercentEncoding(p.host));
    if (!p.sslMode.isEmpty())
        query << QStringLiteral("sslmode=") + p.sslMode;
    if (!query.isEmpty())
        url += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return url;
}

} // namespace strata::migrate::alembic
