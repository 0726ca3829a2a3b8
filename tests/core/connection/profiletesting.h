#pragma once

// Shared by the connection tests: a readable one-line dump of a profile (so a failed
// QCOMPARE shows which field differs) and a small builder for expected PostgreSQL profiles.

#include "connection/connectionprofile.h"

#include <QStringList>

namespace strata::test {

inline QString describe(const connection::ConnectionProfile &p)
{
    QStringList parts;
    parts << (p.isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgres"));
    auto add = [&parts](const char *name, const QString &value) {
        if (!value.isEmpty())
            parts << QLatin1String(name) + QLatin1Char('=') + value;
    };
    add("file", p.filePath);
    add("memory", p.inMemory ? QStringLiteral("yes") : QString());
    add("create", p.createIfMissing ? QStringLiteral("yes") : QString());
    add("readOnly", p.readOnly ? QStringLiteral("yes") : QString());
    add("host", p.host);
    add("port", p.port ? QString::number(p.port) : QString());
    add("db", p.database);
    add("user", p.user);
    add("sslmode", p.sslMode);
    add("sslcert", p.sslCert);
    add("sslkey", p.sslKey);
    add("sslrootcert", p.sslRootCert);
    add("timeout", p.connectTimeout ? QString::number(p.connectTimeout) : QString());
    add("app", p.applicationName);
    add("service", p.service);
    for (auto it = p.options.cbegin(); it != p.options.cend(); ++it)
        parts << QStringLiteral("opt:%1=%2").arg(it.key(), it.value());
    return parts.join(QStringLiteral(" | "));
}

/// Pg().host(u"h"_s).port(5432).p
struct Pg {
    connection::ConnectionProfile p;
    Pg() { p.driver = dialect::DialectKind::Postgres; }
    Pg &host(const QString &v) { p.host = v; return *this; }
    Pg &port(int v) { p.port = v; return *this; }
    Pg &db(const QString &v) { p.database = v; return *this; }
    Pg &user(const QString &v) { p.user = v; return *this; }
    Pg &sslMode(const QString &v) { p.sslMode = v; return *this; }
    Pg &sslCert(const QString &v) { p.sslCert = v; return *this; }
    Pg &sslKey(const QString &v) { p.sslKey = v; return *this; }
    Pg &sslRootCert(const QString &v) { p.sslRootCert = v; return *this; }
    Pg &timeout(int v) { p.connectTimeout = v; return *this; }
    Pg &app(const QString &v) { p.applicationName = v; return *this; }
    Pg &service(const QString &v) { p.service = v; return *this; }
    Pg &option(const QString &k, const QString &v) { p.options.insert(k, v); return *this; }
};

} // namespace strata::test
