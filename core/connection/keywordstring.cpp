// libpq keyword/value connection strings
// (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-KEYWORD-VALUE),
// read the way libpq's conninfo_parse reads them: spaces around '=' are allowed, a value is
// either a single-quoted string or runs to the next space, and a backslash escapes the next
// character in both.

#include "connectionstring_p.h"
#include "redaction.h"

namespace strata::connection {

namespace detail {

namespace {

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')
        || c == QLatin1Char('\r') || c == QLatin1Char('\f') || c == QLatin1Char('\v');
}

bool isKeywordChar(QChar c, bool first)
{
    if (c.unicode() >= 0x80)
        return false;
    return c.isLetter() || c == QLatin1Char('_') || (!first && c.isDigit());
}

void skipSpaces(const QString &text, qsizetype &i)
{
    while (i < text.size() && isSpace(text.at(i)))
        ++i;
}

Result<QString> readQuotedValue(const QString &text, qsizetype &i, const QString &key)
{
    QString value;
    for (++i; i < text.size(); ++i) {
        QChar c = text.at(i);
        if (c == QLatin1Char('\'')) {
            ++i;
            return value;
        }
        if (c == QLatin1Char('\\')) {
            if (++i >= text.size())
                break;
            c = text.at(i);
        }
        value += c;
    }
    return syntaxError(QStringLiteral("quote"),
                       QStringLiteral("Unterminated quoted value for \"%1\": missing closing '").arg(key));
}

QString readPlainValue(const QString &text, qsizetype &i)
{
    QString value;
    for (; i < text.size() && !isSpace(text.at(i)); ++i) {
        if (text.at(i) == QLatin1Char('\\')) {
            if (++i >= text.size())
                break;
        }
        value += text.at(i);
    }
    return value;
}

QString quoteValue(const QString &value)
{
    bool needsQuotes = value.isEmpty();
    for (const QChar c : value)
        needsQuotes = needsQuotes || isSpace(c) || c == QLatin1Char('\'') || c == QLatin1Char('\\');
    if (!needsQuotes)
        return value;
    QString quoted = QStringLiteral("'");
    for (const QChar c : value) {
        if (c == QLatin1Char('\'') || c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\');
        quoted += c;
    }
    return quoted + QLatin1Char('\'');
}

} // namespace

bool isKeywordName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isKeywordChar(name.at(i), i == 0))
            return false;
    }
    return true;
}

bool looksLikeKeywordString(const QString &text)
{
    qsizetype i = 0;
    skipSpaces(text, i);
    const qsizetype start = i;
    while (i < text.size() && isKeywordChar(text.at(i), i == start))
        ++i;
    if (i == start)
        return false;
    skipSpaces(text, i);
    return i < text.size() && text.at(i) == QLatin1Char('=');
}

Result<ConnectionSpec> parseKeywordString(const QString &text)
{
    ConnectionSpec spec;
    spec.profile.driver = DialectKind::Postgres;
    qsizetype i = 0;
    QString previousKey;
    for (skipSpaces(text, i); i < text.size(); skipSpaces(text, i)) {
        const qsizetype keyStart = i;
        while (i < text.size() && !isSpace(text.at(i)) && text.at(i) != QLatin1Char('='))
            ++i;
        const QString key = text.mid(keyStart, i - keyStart);
        skipSpaces(text, i);
        if (key.isEmpty())
            return syntaxError(QStringLiteral("keyword"), QStringLiteral("A value has no keyword before '='"));
        const bool afterPassword = previousKey == QLatin1String("password");
        if (i >= text.size() || text.at(i) != QLatin1Char('=')) {
            // After password=..., the word may be the rest of a password with a space in it.
            const QString shown = afterPassword ? QStringLiteral("a word that follows the password")
                                                : QStringLiteral("\"%1\"").arg(key);
            return syntaxError(QStringLiteral("keyword"),
                               QStringLiteral("Missing \"=\" after %1 in the connection string (quote values "
                                              "that contain spaces: key='a b')").arg(shown));
        }
        if (!isKeywordName(key))
            return syntaxError(QStringLiteral("keyword"),
                               afterPassword ? QStringLiteral("Invalid keyword after the password")
                                             : QStringLiteral("Invalid keyword \"%1\"").arg(key));
        previousKey = key;
        ++i;
        skipSpaces(text, i);
        QString value;
        if (i < text.size() && text.at(i) == QLatin1Char('\'')) {
            auto quoted = readQuotedValue(text, i, key);
            if (!quoted)
                return quoted.error();
            value = quoted.value();
        } else {
            value = readPlainValue(text, i);
        }
        if (Status applied = applyPgKeyword(spec, key, value); !applied)
            return applied.error();
    }
    return spec;
}

} // namespace detail

QString toKeywordString(const ConnectionProfile &profile, const std::optional<QString> &password,
                        PasswordMode mode)
{
    if (!profile.isPostgres())
        return QString();
    QStringList parts;
    auto add = [&parts](const QString &key, const QString &value) {
        if (!value.isEmpty())
            parts << key + QLatin1Char('=') + detail::quoteValue(value);
    };
    add(QStringLiteral("host"), profile.host);
    if (profile.port > 0)
        add(QStringLiteral("port"), QString::number(profile.port));
    add(QStringLiteral("dbname"), profile.database);
    add(QStringLiteral("user"), profile.user);
    if (mode == PasswordMode::Include && password)
        parts << QStringLiteral("password=") + detail::quoteValue(*password); // '' kept: it was given
    add(QStringLiteral("sslmode"), profile.sslMode);
    add(QStringLiteral("sslcert"), profile.sslCert);
    add(QStringLiteral("sslkey"), profile.sslKey);
    add(QStringLiteral("sslrootcert"), profile.sslRootCert);
    if (profile.connectTimeout > 0)
        add(QStringLiteral("connect_timeout"), QString::number(profile.connectTimeout));
    add(QStringLiteral("application_name"), profile.applicationName);
    add(QStringLiteral("service"), profile.service);
    for (auto it = profile.options.cbegin(); it != profile.options.cend(); ++it) {
        if (mode == PasswordMode::Omit && isSecretOption(it.key()))
            continue;
        if (!it.value().isEmpty())
            add(it.key(), it.value());
        else
            parts << it.key() + QStringLiteral("=''");
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace strata::connection
