#include "profilefields.h"

#include "redaction.h"

namespace strata::connection {

namespace {

void putText(QVariantMap &map, const char *key, const QString &value)
{
    if (!value.isEmpty())
        map.insert(QLatin1String(key), value);
}

void putInt(QVariantMap &map, const char *key, int value)
{
    if (value != 0)
        map.insert(QLatin1String(key), value);
}

void putFlag(QVariantMap &map, const char *key, bool value)
{
    if (value)
        map.insert(QLatin1String(key), true);
}

void putTime(QVariantMap &map, const char *key, const QDateTime &value)
{
    if (value.isValid())
        map.insert(QLatin1String(key), value.toUTC().toString(Qt::ISODateWithMs));
}

QString text(const QVariantMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toString();
}

int number(const QVariantMap &map, const char *key)
{
    return map.value(QLatin1String(key)).toInt();
}

bool flag(const QVariantMap &map, const char *key)
{
    const QVariant v = map.value(QLatin1String(key));
    // QSettings' INI files give back "true" as text.
    return v.typeId() == QMetaType::Bool ? v.toBool() : v.toString() == QLatin1String("true") || v.toInt() == 1;
}

QDateTime time(const QVariantMap &map, const char *key)
{
    QDateTime t = QDateTime::fromString(text(map, key), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text(map, key), Qt::ISODate);
    return t;
}

} // namespace

QString driverName(DialectKind kind)
{
    return kind == DialectKind::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

QVariantMap profileToMap(const ConnectionProfile &p)
{
    QVariantMap m;
    putText(m, "id", p.id);
    putText(m, "name", p.name);
    m.insert(QStringLiteral("driver"), driverName(p.driver));
    putText(m, "file", p.filePath);
    putFlag(m, "inMemory", p.inMemory);
    putFlag(m, "createIfMissing", p.createIfMissing);
    putText(m, "host", p.host);
    putInt(m, "port", p.port);
    putText(m, "database", p.database);
    putText(m, "user", p.user);
    putText(m, "sslMode", p.sslMode);
    putText(m, "sslCert", p.sslCert);
    putText(m, "sslKey", p.sslKey);
    putText(m, "sslRootCert", p.sslRootCert);
    putInt(m, "connectTimeout", p.connectTimeout);
    putText(m, "applicationName", p.applicationName);
    putText(m, "service", p.service);
    QVariantMap options;
    for (auto it = p.options.cbegin(); it != p.options.cend(); ++it)
        if (!isSecretOption(it.key()))
            options.insert(it.key(), it.value());
    if (!options.isEmpty())
        m.insert(QStringLiteral("options"), options);
    putFlag(m, "readOnly", p.readOnly);
    putText(m, "colorTag", p.colorTag);
    putText(m, "group", p.group);
    putText(m, "notes", p.notes);
    putTime(m, "created", p.created);
    putTime(m, "lastUsed", p.lastUsed);
    putText(m, "sshHost", p.sshHost);
    putInt(m, "sshPort", p.sshPort);
    putText(m, "sshUser", p.sshUser);
    putText(m, "sshIdentityFile", p.sshIdentityFile);
    putText(m, "sshJumpHost", p.sshJumpHost);
    return m;
}

ConnectionProfile profileFromMap(const QVariantMap &m)
{
    ConnectionProfile p;
    p.id = text(m, "id");
    p.name = text(m, "name");
    const QString driver = text(m, "driver").toLower();
    if (driver == QLatin1String("sqlite"))
        p.driver = DialectKind::Sqlite;
    else if (driver == QLatin1String("postgresql") || driver == QLatin1String("postgres"))
        p.driver = DialectKind::Postgres;
    else
        p.driver = m.contains(QStringLiteral("file")) || flag(m, "inMemory") ? DialectKind::Sqlite : DialectKind::Postgres;
    p.filePath = text(m, "file");
    p.inMemory = flag(m, "inMemory");
    p.createIfMissing = flag(m, "createIfMissing");
    p.host = text(m, "host");
    p.port = number(m, "port");
    p.database = text(m, "database");
    p.user = text(m, "user");
    p.sslMode = text(m, "sslMode");
    p.sslCert = text(m, "sslCert");
    p.sslKey = text(m, "sslKey");
    p.sslRootCert = text(m, "sslRootCert");
    p.connectTimeout = number(m, "connectTimeout");
    p.applicationName = text(m, "applicationName");
    p.service = text(m, "service");
    const QVariantMap options = m.value(QStringLiteral("options")).toMap();
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        if (!isSecretOption(it.key()))
            p.options.insert(it.key(), it.value().toString());
    p.readOnly = flag(m, "readOnly");
    p.colorTag = text(m, "colorTag");
    p.group = text(m, "group");
    p.notes = text(m, "notes");
    p.created = time(m, "created");
    p.lastUsed = time(m, "lastUsed");
    p.sshHost = text(m, "sshHost");
    p.sshPort = number(m, "sshPort");
    p.sshUser = text(m, "sshUser");
    p.sshIdentityFile = text(m, "sshIdentityFile");
    p.sshJumpHost = text(m, "sshJumpHost");
    return p;
}

} // namespace strata::connection
