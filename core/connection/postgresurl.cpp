// PostgreSQL connection URIs as libpq reads them
// (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS):
//   postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]
// and the keyword table shared with keyword/value strings.

#include "connectionstring_p.h"
#include "redaction.h"

namespace strata::connection::detail {

namespace {

// Characters that would end or split the part they are in; printed percent-encoded.
constexpr QLatin1String kUserReserved(":@/?#[]&=+,;");
constexpr QLatin1String kHostReserved(":@/?#[]&=+,;");
constexpr QLatin1String kIpv6Reserved("@/?#[]");
constexpr QLatin1String kDatabaseReserved("/?#&=+@;");
// '@' too: with no database path, the query is in the part where libpq looks for the last '@'
// that ends the user info.
constexpr QLatin1String kQueryReserved("&=#+@");

struct StringKeyword {
    const char *name;
    QString ConnectionProfile::*member;
};

constexpr StringKeyword kStringKeywords[] = {
    {"host", &ConnectionProfile::host},
    {"dbname", &ConnectionProfile::database},
    {"user", &ConnectionProfile::user},
    {"sslcert", &ConnectionProfile::sslCert},
    {"sslkey", &ConnectionProfile::sslKey},
    {"sslrootcert", &ConnectionProfile::sslRootCert},
    {"application_name", &ConnectionProfile::applicationName},
    {"service", &ConnectionProfile::service},
};

bool isValidSslMode(const QString &mode)
{
    static const QStringList modes = {QStringLiteral("disable"), QStringLiteral("allow"),
                                      QStringLiteral("prefer"), QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes.contains(mode); // case-sensitive, as libpq compares
}

Result<int> parseConnectTimeout(const QString &text)
{
    bool ok = !text.isEmpty();
    for (const QChar c : text)
        ok = ok && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    const int seconds = ok ? text.toInt(&ok) : 0;
    if (!ok)
        return syntaxError(QStringLiteral("connect_timeout"),
                           QStringLiteral("Invalid connect_timeout \"%1\" (expected a whole number of seconds)")
                               .arg(text));
    return seconds;
}

Status parseUserInfo(const QString &userInfo, ConnectionSpec &spec)
{
    const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
    auto user = percentDecode(userInfo.left(colon), QStringLiteral("user name"));
    if (!user)
        return user.error();
    spec.profile.user = user.value();
    if (colon >= 0) {
        auto password = percentDecode(userInfo.mid(colon + 1), QStringLiteral("password"), true);
        if (!password)
            return password.error();
        spec.password = password.value();
    }
    return {};
}

Status parseHostPort(const QString &hostPort, ConnectionSpec &spec)
{
    QString host = hostPort;
    QString port;
    bool hasPort = false;
    if (hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
        if (close < 0)
            return syntaxError(QStringLiteral("host"),
                               QStringLiteral("Unterminated IPv6 address \"%1\": missing ']'").arg(hostPort));
        host = hostPort.mid(1, close - 1);
        const QString after = hostPort.mid(close + 1);
        if (host.isEmpty())
            return syntaxError(QStringLiteral("host"), QStringLiteral("Empty IPv6 address \"[]\""));
        if (!after.isEmpty() && !after.startsWith(QLatin1Char(':')))
            return syntaxError(QStringLiteral("host"),
                               QStringLiteral("Unexpected \"%1\" after the IPv6 address").arg(after));
        hasPort = !after.isEmpty();
        port = after.mid(1);
    } else {
        if (hostPort.contains(QLatin1Char(',')))
            return Error(ErrorKind::Unsupported,
                         QStringLiteral("Several hosts (\"%1\") are not supported: give one host").arg(hostPort))
                .withField(QStringLiteral("host"));
        if (hostPort.contains(QLatin1Char(']')) || hostPort.count(QLatin1Char(':')) > 1)
            return syntaxError(QStringLiteral("host"),
                               QStringLiteral("Invalid host \"%1\": write IPv6 addresses in brackets, "
                                              "e.g. [::1]:5432").arg(hostPort));
        const qsizetype colon = hostPort.indexOf(QLatin1Char(':'));
        hasPort = colon >= 0;
        host = hostPort.left(colon);
        port = hasPort ? hostPort.mid(colon + 1) : QString();
    }
    auto decodedHost = percentDecode(host, QStringLiteral("host"));
    if (!decodedHost)
        return decodedHost.error();
    spec.profile.host = decodedHost.value();
    if (hasPort) {
        auto number = parsePort(port);
        if (!number)
            return number.error();
        spec.profile.port = number.value();
    }
    return {};
}

Status applyUrlQuery(const QString &query, ConnectionSpec &spec)
{
    auto pairs = parseQuery(query);
    if (!pairs)
        return pairs.error();
    for (const auto &[key, value] : pairs.value()) {
        if (!isKeywordName(key))
            return syntaxError(QStringLiteral("query"),
                               QStringLiteral("Invalid query parameter name \"%1\"").arg(key));
        if (Status applied = applyPgKeyword(spec, key, value); !applied)
            return applied;
    }
    return {};
}

} // namespace

Status applyPgKeyword(ConnectionSpec &spec, const QString &key, const QString &value)
{
    ConnectionProfile &profile = spec.profile;
    for (const StringKeyword &keyword : kStringKeywords) {
        if (key == QLatin1String(keyword.name)) {
            profile.*keyword.member = value;
            return {};
        }
    }
    if (key == QLatin1String("password")) {
        spec.password = value;
    } else if (key == QLatin1String("port")) {
        auto port = value.isEmpty() ? Result<int>(0) : parsePort(value);
        if (!port)
            return port.error();
        profile.port = port.value();
    } else if (key == QLatin1String("sslmode")) {
        if (!value.isEmpty() && !isValidSslMode(value))
            return syntaxError(QStringLiteral("sslmode"),
                               QStringLiteral("Invalid sslmode \"%1\" (expected disable, allow, prefer, require, "
                                              "verify-ca or verify-full)").arg(value));
        profile.sslMode = value;
    } else if (key == QLatin1String("ssl")) {
        // libpq's JDBC compatibility in URIs: ssl=true means sslmode=require, nothing else.
        if (value != QLatin1String("true"))
            return syntaxError(QStringLiteral("query"),
                               QStringLiteral("Invalid value \"%1\" for ssl (only ssl=true is accepted)").arg(value));
        profile.sslMode = QStringLiteral("require");
    } else if (key == QLatin1String("connect_timeout")) {
        auto seconds = value.isEmpty() ? Result<int>(0) : parseConnectTimeout(value);
        if (!seconds)
            return seconds.error();
        profile.connectTimeout = seconds.value();
    } else if (looksLikePasswordKey(key) && key != QLatin1String("sslpassword") && key != QLatin1String("passfile")) {
        // libpq would refuse it and print the URL it came in; keywords are case-sensitive.
        return syntaxError(QStringLiteral("password"),
                           QStringLiteral("Unknown keyword \"%1\": the password is given as password=... (lower case)").arg(key));
    } else {
        profile.options.insert(key, value);
    }
    return {};
}

Result<ConnectionSpec> parsePostgresUrl(const QString &afterSlashes)
{
    ConnectionSpec spec;
    spec.profile.driver = DialectKind::Postgres;
    // The user info ends at an '@' before the first '/', as in libpq, also past a '?' or '#'
    // (unencoded in a password); the last such '@', so an unencoded '@' in a password works.
    const qsizetype at = afterSlashes.left(afterSlashes.indexOf(QLatin1Char('/'))).lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        if (Status parsed = parseUserInfo(afterSlashes.left(at), spec); !parsed)
            return parsed.error();
    }
    const QString rest = afterSlashes.mid(at + 1);
    const qsizetype queryAt = rest.indexOf(QLatin1Char('?'));
    const QString main = rest.left(queryAt);
    const qsizetype slash = main.indexOf(QLatin1Char('/'));
    if (Status parsed = parseHostPort(main.left(slash), spec); !parsed) {
        // "user:pa/ss@host": the '/' ended the authority early, so what failed may be part of
        // a password. Say so without quoting it.
        if (at < 0 && rest.indexOf(QLatin1Char('@')) >= 0)
            return syntaxError(parsed.error().field,
                               QStringLiteral("Invalid host or port; if the user name or password contains '/', "
                                              "write it as %2F"));
        return parsed.error();
    }
    if (slash >= 0) {
        auto database = percentDecode(main.mid(slash + 1), QStringLiteral("database name"));
        if (!database)
            return database.error();
        spec.profile.database = database.value();
    }
    // Query parameters come last and override the parts above, as in libpq.
    if (queryAt >= 0) {
        if (Status applied = applyUrlQuery(rest.mid(queryAt + 1), spec); !applied)
            return applied.error();
    }
    return spec;
}

QString postgresUrl(const ConnectionProfile &profile, const std::optional<QString> &password,
                    PasswordMode mode)
{
    QString url = QStringLiteral("postgresql://");
    QString userInfo = percentEncode(profile.user, kUserReserved);
    if (mode == PasswordMode::Include && password)
        userInfo += QLatin1Char(':') + percentEncode(*password, kUserReserved);
    if (!userInfo.isEmpty())
        url += userInfo + QLatin1Char('@');

    // A socket directory goes in the query: "/" cannot stand in the host part unencoded.
    const bool socket = profile.host.startsWith(QLatin1Char('/'));
    QStringList query;
    auto addQuery = [&query](const QString &key, const QString &value) {
        query << percentEncode(key, kQueryReserved) + QLatin1Char('=') + percentEncode(value, kQueryReserved);
    };
    if (socket) {
        addQuery(QStringLiteral("host"), profile.host);
        if (profile.port > 0)
            addQuery(QStringLiteral("port"), QString::number(profile.port));
    } else {
        if (profile.host.contains(QLatin1Char(':')))
            url += QLatin1Char('[') + percentEncode(profile.host, kIpv6Reserved) + QLatin1Char(']');
        else
            url += percentEncode(profile.host, kHostReserved);
        if (profile.port > 0)
            url += QLatin1Char(':') + QString::number(profile.port);
    }
    if (!profile.database.isEmpty())
        url += QLatin1Char('/') + percentEncode(profile.database, kDatabaseReserved);

    const std::pair<const char *, const QString *> fields[] = {
        {"sslmode", &profile.sslMode}, {"sslcert", &profile.sslCert}, {"sslkey", &profile.sslKey},
        {"sslrootcert", &profile.sslRootCert}};
    for (const auto &[key, value] : fields) {
        if (!value->isEmpty())
            addQuery(QLatin1String(key), *value);
    }
    if (profile.connectTimeout > 0)
        addQuery(QStringLiteral("connect_timeout"), QString::number(profile.connectTimeout));
    if (!profile.applicationName.isEmpty())
        addQuery(QStringLiteral("application_name"), profile.applicationName);
    if (!profile.service.isEmpty())
        addQuery(QStringLiteral("service"), profile.service);
    for (auto it = profile.options.cbegin(); it != profile.options.cend(); ++it)
        if (mode == PasswordMode::Include || !isSecretOption(it.key()))
            addQuery(it.key(), it.value());
    if (!query.isEmpty())
        url += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return url;
}

} // namespace strata::connection::detail
