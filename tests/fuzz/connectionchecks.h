#pragma once

// Properties shared by the connection-string targets (fuzz_connectionurl, fuzz_keywordstring):
//  - printing is reversible: a parsed spec printed as a URL with its password parses back to
//    the same spec, and a PostgreSQL one printed as a keyword/value string too;
//  - a parsed spec prints without its secrets: the forms shown to people (toUrl and
//    toKeywordString without the password, displayName) do not change when the password
//    or the value of a password-like option changes;
//  - an error never tells the password: a text built around a password P fails with a
//    message that holds no 4-character slice of P which moves with P (the same text with
//    P's letters and digits shifted fails with the shifted slice in its message);
//  - messages stay under the cap (fuzzsupport.h).

#include "fuzzsupport.h"

#include "connection/connectionstring.h"
#include "connection/redaction.h"

#include <optional>

namespace strata::fuzz {

inline const QString kBaseDir = QStringLiteral("/fuzz/base");

inline QString describe(const connection::ConnectionSpec &spec)
{
    const connection::ConnectionProfile &p = spec.profile;
    QStringList parts{p.isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgres"),
                      QStringLiteral("file=[%1] memory=%2 create=%3 ro=%4").arg(p.filePath).arg(p.inMemory).arg(p.createIfMissing).arg(p.readOnly),
                      QStringLiteral("host=[%1] port=%2 db=[%3] user=[%4]").arg(p.host).arg(p.port).arg(p.database, p.user),
                      QStringLiteral("ssl=[%1][%2][%3][%4] timeout=%5 app=[%6] service=[%7]")
                          .arg(p.sslMode, p.sslCert, p.sslKey, p.sslRootCert).arg(p.connectTimeout).arg(p.applicationName, p.service),
                      spec.password ? QStringLiteral("password=[%1]").arg(*spec.password) : QStringLiteral("no password")};
    for (auto it = p.options.cbegin(); it != p.options.cend(); ++it)
        parts << QStringLiteral("opt [%1]=[%2]").arg(it.key(), it.value());
    return parts.join(QLatin1Char('\n'));
}

inline bool sameSpec(const connection::ConnectionSpec &a, const connection::ConnectionSpec &b)
{
    return a.profile == b.profile && a.password == b.password;
}

/// Letters and digits moved one step along their own class (a->b, z->a, 9->0), except the
/// two characters after a '%', so percent-escapes keep decoding to the same bytes.
inline QString shifted(const QString &text)
{
    QString out = text;
    int keep = 0;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char16_t c = out[i].unicode();
        if (keep > 0) {
            --keep;
            continue;
        }
        if (c == u'%')
            keep = 2;
        else if (c >= u'a' && c <= u'z')
            out[i] = QChar(c == u'z' ? u'a' : char16_t(c + 1));
        else if (c >= u'A' && c <= u'Z')
            out[i] = QChar(c == u'Z' ? u'A' : char16_t(c + 1));
        else if (c >= u'0' && c <= u'9')
            out[i] = QChar(c == u'9' ? u'0' : char16_t(c + 1));
    }
    return out;
}

/// Parsed -> printed -> parsed gives the same spec, as a URL and as a keyword string.
inline void checkPrintedFormsParseBack(const connection::ConnectionSpec &spec, const QString &input)
{
    using namespace connection;
    const QString url = toUrl(spec.profile, spec.password, PasswordMode::Include);
    const Result<ConnectionSpec> again = parseConnectionString(url, kBaseDir);
    STRATA_FUZZ_CHECK(again.ok(), QStringLiteral("input [%1]\nprinted [%2]\nfails: %3").arg(input, url, again.ok() ? QString() : again.error().message));
    STRATA_FUZZ_CHECK(sameSpec(*again, spec),
                      QStringLiteral("input [%1]\nprinted [%2]\nparsed:\n%3\nreparsed:\n%4").arg(input, url, describe(spec), describe(*again)));
    if (!spec.profile.isPostgres())
        return;
    const QString keywords = toKeywordString(spec.profile, spec.password, PasswordMode::Include);
    if (keywords.isEmpty())
        return;   // nothing set at all: an empty text is not a connection string
    const Result<ConnectionSpec> fromKeywords = parseConnectionString(keywords, kBaseDir);
    STRATA_FUZZ_CHECK(fromKeywords.ok(), QStringLiteral("input [%1]\nprinted [%2]\nfails: %3")
                                             .arg(input, keywords, fromKeywords.ok() ? QString() : fromKeywords.error().message));
    STRATA_FUZZ_CHECK(sameSpec(*fromKeywords, spec), QStringLiteral("input [%1]\nprinted [%2]\nparsed:\n%3\nreparsed:\n%4")
                                                         .arg(input, keywords, describe(spec), describe(*fromKeywords)));
}

/// What people are shown of a connection.
inline QString displayForms(const connection::ConnectionProfile &profile)
{
    using namespace connection;
    return toUrl(profile) + QLatin1Char('\n') + toKeywordString(profile) + QLatin1Char('\n') + profile.displayName();
}

/// The display forms do not move with the password or with a password-like option.
inline void checkDisplayHidesSecrets(const connection::ConnectionSpec &spec, const QString &input)
{
    using namespace connection;
    const QString shown = displayForms(spec.profile);
    STRATA_FUZZ_CHECK(shown == toUrl(spec.profile, {}, PasswordMode::Omit) + QLatin1Char('\n')
                                   + toKeywordString(spec.profile, {}, PasswordMode::Omit) + QLatin1Char('\n')
                                   + spec.profile.displayName(),
                      QStringLiteral("input [%1]: the display forms depend on the password").arg(input));
    ConnectionProfile other = spec.profile;
    for (auto it = other.options.begin(); it != other.options.end(); ++it)
        if (looksLikePasswordKey(it.key()) && it.key() != QLatin1String("passfile"))
            it.value() = shifted(it.value()) + QStringLiteral("#");
    STRATA_FUZZ_CHECK(displayForms(other) == shown,
                      QStringLiteral("input [%1]: a password-like option is shown:\n%2").arg(input, shown));
}

/// A 4-character slice of `password` that moved with it: `message` holds it more often than
/// `otherMessage` does, and `otherMessage` holds the same slice of `otherPassword` more often
/// than `message` does; or empty. (Counting, not just finding: the text around the password
/// may itself hold both slices, and then neither moved.)
inline QString leakedSlice(const QString &password, const QString &message, const QString &otherPassword,
                           const QString &otherMessage)
{
    constexpr qsizetype slice = 4;
    for (qsizetype i = 0; i + slice <= password.size(); ++i) {
        const QString mine = password.mid(i, slice);
        const QString theirs = otherPassword.mid(i, slice);
        if (mine != theirs && message.count(mine) > otherMessage.count(mine)
            && otherMessage.count(theirs) > message.count(theirs))
            return mine;
    }
    return QString();
}

/// `prefix + password + suffix` and the same with the password shifted: when both fail,
/// neither message may hold a slice of its password that moves with it.
inline void checkErrorHidesPassword(const QString &prefix, const QString &password, const QString &suffix)
{
    using namespace connection;
    const QString other = shifted(password);
    if (other == password)
        return;
    const QString text = prefix + password + suffix;
    const Result<ConnectionSpec> a = parseConnectionString(text, kBaseDir);
    const Result<ConnectionSpec> b = parseConnectionString(prefix + other + suffix, kBaseDir);
    if (a.ok() || b.ok())
        return;
    const QString messageA = a.error().message + QLatin1Char('\n') + a.error().detail;
    const QString messageB = b.error().message + QLatin1Char('\n') + b.error().detail;
    const QString leak = leakedSlice(password, messageA, other, messageB);
    STRATA_FUZZ_CHECK(leak.isEmpty(), QStringLiteral("input [%1]\npassword [%2]\nmessage [%3]\nshows [%4]")
                                          .arg(text, password, messageA, leak));
}

/// Every property above for one text: parsed as it is, and when it has a first line, that
/// line used as the password of a URL and of a keyword string built around the rest.
inline void checkConnectionText(const QString &text)
{
    using namespace connection;
    const Result<ConnectionSpec> spec = parseConnectionString(text, kBaseDir);
    if (spec) {
        checkPrintedFormsParseBack(*spec, text);
        checkDisplayHidesSecrets(*spec, text);
    } else {
        checkMessage(spec.error());
    }
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline < 0)
        return;
    const QString password = text.left(newline);
    const QString rest = text.mid(newline + 1);
    checkErrorHidesPassword(QStringLiteral("postgresql://u:"), password, QLatin1Char('@') + rest);
    checkErrorHidesPassword(QStringLiteral("sqlite://u:"), password, QLatin1Char('@') + rest);
    checkErrorHidesPassword(rest + QStringLiteral(" password="), password, QString());
    checkErrorHidesPassword(QStringLiteral("password="), password, QLatin1Char(' ') + rest);
    checkErrorHidesPassword(QStringLiteral("postgresql://h/d?") + rest + QStringLiteral("&password="), password, QString());
}

} // namespace strata::fuzz
