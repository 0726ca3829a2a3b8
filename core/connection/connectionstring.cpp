#include "connectionstring.h"
#include "connectionstring_p.h"
#include "redaction.h"

#include <QStringDecoder>

namespace strata::connection {

namespace detail {

Error syntaxError(const QString &field, const QString &message)
{
    return Error(ErrorKind::Syntax, message).withField(field);
}

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

Result<QString> percentDecode(const QString &text, const QString &what, bool secret)
{
    if (!text.contains(QLatin1Char('%')))
        return text;
    const QByteArray in = text.toUtf8();
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        const int high = i + 1 < in.size() ? hexValue(in[i + 1]) : -1;
        const int low = i + 2 < in.size() ? hexValue(in[i + 2]) : -1;
        if (high < 0 || low < 0) {
            // Three characters from the '%' (not bytes: a byte slice may cut a character in two).
            const QString shown = secret ? QString()
                                         : QStringLiteral(" \"%1\"").arg(text.mid(QString::fromUtf8(in.left(i)).size(), 3));
            return syntaxError(QStringLiteral("percent-escape"),
                               QStringLiteral("Bad percent-escape%1 in the %2: '%' must be followed by two hex digits")
                                   .arg(shown, what));
        }
        out += char(high * 16 + low);
        i += 2;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder.decode(out);
    if (decoder.hasError())
        return syntaxError(QStringLiteral("percent-escape"),
                           QStringLiteral("The percent-escapes in the %1 are not valid UTF-8").arg(what));
    return decoded;
}

QString percentEncode(const QString &text, QLatin1String reserved)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray in = text.toUtf8();
    QByteArray out;
    out.reserve(in.size());
    for (const char c : in) {
        const auto byte = static_cast<unsigned char>(c);
        const bool escape = byte <= 0x20 || byte == 0x7f || c == '%'
            || (byte < 0x80 && reserved.contains(QLatin1Char(c)));
        if (escape) {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return QString::fromUtf8(out);
}

Result<QList<std::pair<QString, QString>>> parseQuery(const QString &query)
{
    QList<std::pair<QString, QString>> pairs;
    for (const QString &segment : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = segment.indexOf(QLatin1Char('='));
        if (eq < 0)
            return syntaxError(QStringLiteral("query"),
                               QStringLiteral("Query parameter \"%1\" has no value (expected key=value)").arg(segment));
        if (eq == 0)
            return syntaxError(QStringLiteral("query"), QStringLiteral("A query parameter has no name"));
        auto key = percentDecode(segment.left(eq), QStringLiteral("query parameter name"));
        if (!key)
            return key.error();
        const bool secret = key.value() == QLatin1String("password");
        auto value = percentDecode(segment.mid(eq + 1), QStringLiteral("query parameter \"%1\"").arg(key.value()), secret);
        if (!value)
            return value.error();
        pairs.append({key.value(), value.value()});
    }
    return pairs;
}

Result<int> parsePort(const QString &text)
{
    bool digitsOnly = !text.isEmpty() && text.size() <= 10;
    for (const QChar c : text)
        digitsOnly = digitsOnly && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    const int port = digitsOnly ? text.toInt() : 0;
    if (port < 1 || port > 65535) {
        const QString shown = text.isEmpty() ? QStringLiteral("an empty port") : QStringLiteral("\"%1\"").arg(text);
        return syntaxError(QStringLiteral("port"),
                           QStringLiteral("Invalid port: %1 (expected a number from 1 to 65535)").arg(shown));
    }
    return port;
}

} // namespace detail

namespace {

using detail::syntaxError;

QString resolvePath(const QString &path, const QString &baseDir)
{
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        return QDir::cleanPath(QDir::homePath() + path.mid(1));
    const QString base = baseDir.isEmpty() ? QDir::currentPath() : baseDir;
    return QDir::cleanPath(QDir(base).absoluteFilePath(path));
}

ConnectionSpec sqliteSpec(const QString &path, const QString &baseDir)
{
    ConnectionSpec spec;
    spec.profile.driver = DialectKind::Sqlite;
    if (path.isEmpty() || path == QLatin1String(":memory:"))
        spec.profile.inMemory = true;
    else
        spec.profile.filePath = resolvePath(path, baseDir);
    return spec;
}

// SQLite's URI parameters (https://sqlite.org/uri.html): `mode` sets the profile's flags,
// the others (cache, immutable, vfs, ...) travel in options for the opener.
Status applySqliteQuery(ConnectionSpec &spec, const QString &query)
{
    auto pairs = detail::parseQuery(query);
    if (!pairs)
        return pairs.error();
    for (const auto &[key, value] : pairs.value()) {
        if (key != QLatin1String("mode")) {
            spec.profile.options.insert(key, value);
            continue;
        }
        spec.profile.readOnly = value == QLatin1String("ro");
        spec.profile.createIfMissing = value == QLatin1String("rwc");
        if (value == QLatin1String("memory")) {
            spec.profile.inMemory = true;
            spec.profile.filePath.clear();
        } else if (value != QLatin1String("ro") && value != QLatin1String("rw") && value != QLatin1String("rwc")) {
            return syntaxError(QStringLiteral("mode"),
                               QStringLiteral("Invalid SQLite mode \"%1\" (expected ro, rw, rwc or memory)").arg(value));
        }
    }
    return {};
}

// sqlite://[nothing]/path?query, as SQLAlchemy writes it: three slashes and a relative
// path, four slashes and an absolute one, nothing at all for an in-memory database.
Result<ConnectionSpec> parseSqliteUrl(const QString &afterSlashes, const QString &baseDir)
{
    const qsizetype queryAt = afterSlashes.indexOf(QLatin1Char('?'));
    const QString main = afterSlashes.left(queryAt);
    const qsizetype slash = main.indexOf(QLatin1Char('/'));
    const QString authority = main.left(slash);
    if (authority.contains(QLatin1Char('@')) || authority.contains(QLatin1Char(':')))
        return syntaxError(QStringLiteral("host"),
                           QStringLiteral("A SQLite URL has no user, password or host: write sqlite:///relative.db or "
                                          "sqlite:////absolute/path.db"));
    if (!authority.isEmpty())
        return syntaxError(QStringLiteral("host"),
                           QStringLiteral("A SQLite URL has no host (\"%1\"): write sqlite:///relative.db or "
                                          "sqlite:////absolute/path.db").arg(authority));
    auto path = detail::percentDecode(slash < 0 ? QString() : main.mid(slash + 1), QStringLiteral("file path"));
    if (!path)
        return path.error();
    ConnectionSpec spec = sqliteSpec(path.value(), baseDir);
    if (queryAt >= 0) {
        if (Status applied = applySqliteQuery(spec, afterSlashes.mid(queryAt + 1)); !applied)
            return applied.error();
    }
    return spec;
}

// file: URIs as SQLite reads them: file:relative.db, file:/abs, file:///abs,
// file://localhost/abs, with ?mode=... and an ignored #fragment.
Result<ConnectionSpec> parseFileUri(const QString &afterColon, const QString &baseDir)
{
    QString rest = afterColon.left(afterColon.indexOf(QLatin1Char('#')));
    const qsizetype queryAt = rest.indexOf(QLatin1Char('?'));
    QString path = rest.left(queryAt);
    if (path.startsWith(QLatin1String("//"))) {
        const qsizetype slash = path.indexOf(QLatin1Char('/'), 2);
        const QString authority = path.mid(2, slash < 0 ? -1 : slash - 2);
        if (!authority.isEmpty() && authority.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0)
            return syntaxError(QStringLiteral("host"),
                               QStringLiteral("A file: URI cannot name another host (\"%1\")").arg(authority));
        path = slash < 0 ? QString() : path.mid(slash);
    }
    auto decoded = detail::percentDecode(path, QStringLiteral("file path"));
    if (!decoded)
        return decoded.error();
    if (decoded->isEmpty())
        return syntaxError(QStringLiteral("path"), QStringLiteral("The file: URI names no file"));
    ConnectionSpec spec = sqliteSpec(decoded.value(), baseDir);
    if (queryAt >= 0) {
        if (Status applied = applySqliteQuery(spec, rest.mid(queryAt + 1)); !applied)
            return applied.error();
    }
    return spec;
}

// The scheme of "scheme:rest" (RFC 3986 characters), or empty when the text has none.
QString schemeOf(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char(':'))
            return i > 0 ? text.left(i) : QString();
        const bool ascii = c.unicode() < 0x80;
        const bool allowed = ascii && (c.isLetter() || (i > 0 && (c.isDigit() || c == QLatin1Char('+')
                                                                 || c == QLatin1Char('-') || c == QLatin1Char('.'))));
        if (!allowed)
            return QString();
    }
    return QString();
}

Result<ConnectionSpec> parseUrl(const QString &text, const QString &scheme, const QString &baseDir)
{
    const QString lower = scheme.toLower();
    const qsizetype plus = lower.indexOf(QLatin1Char('+'));
    const QString base = lower.left(plus);
    const QString driverSuffix = plus < 0 ? QString() : lower.mid(plus + 1);
    const QString afterColon = text.mid(scheme.size() + 1);
    const bool knownBase = base == QLatin1String("sqlite") || base == QLatin1String("postgresql")
        || base == QLatin1String("postgres");

    if (base == QLatin1String("file") && plus < 0)
        return parseFileUri(afterColon, baseDir);
    if (!knownBase || (plus >= 0 && driverSuffix.isEmpty()))
        return syntaxError(QStringLiteral("scheme"),
                           QStringLiteral("Unknown scheme \"%1\": expected sqlite://, postgresql://, postgres:// or "
                                          "file: (a file name containing ':' can be written as ./name)").arg(scheme));
    if (!afterColon.startsWith(QLatin1String("//")))
        return syntaxError(QStringLiteral("scheme"),
                           QStringLiteral("Expected \"//\" after \"%1:\"").arg(scheme));
    if (base == QLatin1String("sqlite"))
        return parseSqliteUrl(afterColon.mid(2), baseDir);
    return detail::parsePostgresUrl(afterColon.mid(2));
}

QString sqliteUrl(const ConnectionProfile &profile, PasswordMode mode)
{
    QString url = QStringLiteral("sqlite:///");
    url += profile.inMemory ? QStringLiteral(":memory:") : detail::percentEncode(profile.filePath, QLatin1String("?#"));
    QStringList query;
    if (profile.readOnly)
        query << QStringLiteral("mode=ro");
    else if (profile.createIfMissing)
        query << QStringLiteral("mode=rwc");
    for (auto it = profile.options.cbegin(); it != profile.options.cend(); ++it) {
        if (mode == PasswordMode::Omit && isSecretOption(it.key()))
            continue;
        query << detail::percentEncode(it.key(), QLatin1String("&=#+")) + QLatin1Char('=')
                + detail::percentEncode(it.value(), QLatin1String("&=#+"));
    }
    if (!query.isEmpty())
        url += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return url;
}

// A NUL would end the text where SQLite or libpq read it (a different file, a misleading
// "unterminated quoted string"): refused in every decoded part, naming the part, never quoting it.
Status rejectNul(const ConnectionSpec &spec)
{
    struct Part {
        const char *name;
        const char *field;
        const QString *value;
    };
    const ConnectionProfile &p = spec.profile;
    const Part parts[] = {{"file path", "path", &p.filePath},       {"host", "host", &p.host},
                          {"database name", "database", &p.database}, {"user name", "user", &p.user},
                          {"sslcert", "sslcert", &p.sslCert},          {"sslkey", "sslkey", &p.sslKey},
                          {"sslrootcert", "sslrootcert", &p.sslRootCert},
                          {"application_name", "application_name", &p.applicationName},
                          {"service", "service", &p.service}};
    const QChar nul(0);
    auto refuse = [](const QString &part, const QString &field) {
        return syntaxError(field, QStringLiteral("The ") + part + QStringLiteral(" contains a NUL character (%00), which no database accepts"));
    };
    for (const Part &part : parts)
        if (part.value->contains(nul))
            return refuse(QLatin1String(part.name), QLatin1String(part.field));
    if (spec.password && spec.password->contains(nul))
        return refuse(QStringLiteral("password"), QStringLiteral("password"));
    for (auto it = p.options.cbegin(); it != p.options.cend(); ++it)
        if (it.key().contains(nul) || it.value().contains(nul))
            return refuse(QStringLiteral("option \"%1\"").arg(QString(it.key()).replace(nul, QStringLiteral("%00"))),
                          QStringLiteral("query"));
    return {};
}

Result<ConnectionSpec> parse(const QString &text, const QString &baseDir)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return syntaxError(QStringLiteral("input"), QStringLiteral("The connection string is empty"));
    const QString scheme = schemeOf(trimmed);
    if (!scheme.isEmpty())
        return parseUrl(trimmed, scheme, baseDir);
    if (detail::looksLikeKeywordString(trimmed))
        return detail::parseKeywordString(text); // untrimmed: a trailing "\ " is part of a value
    return sqliteSpec(trimmed, baseDir);
}

} // namespace

Result<ConnectionSpec> parseConnectionString(const QString &text, const QString &baseDir)
{
    Result<ConnectionSpec> spec = parse(text, baseDir);
    Status checked = spec ? rejectNul(*spec) : Status(spec.error());
    if (!checked)
        return redactSecrets(checked.error(), secretsIn(text));
    return spec;
}

QString toUrl(const ConnectionProfile &profile, const std::optional<QString> &password, PasswordMode mode)
{
    if (profile.isSqlite())
        return sqliteUrl(profile, mode);
    return detail::postgresUrl(profile, password, mode);
}

} // namespace strata::connection
