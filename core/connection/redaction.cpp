#include "redaction.h"

#include "connectionstring_p.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <algorithm>

namespace strata::connection {

namespace {

// Where a parser may cut a connection string; a piece between two of these may be quoted
// on its own by a message about the wrong part.
bool isDelimiter(QChar c)
{
    static const QString delimiters = QStringLiteral(":/?#[]@&=,;%'\"\\");
    return c.isSpace() || delimiters.contains(c);
}

constexpr qsizetype kShortestPiece = 3;

void addPieces(const QString &secret, QSet<QString> &out)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i <= secret.size(); ++i) {
        if (i < secret.size() && !isDelimiter(secret.at(i)))
            continue;
        if (i - start >= kShortestPiece)
            out.insert(secret.mid(start, i - start));
        start = i + 1;
    }
}

// Decodes the %XX escapes that are valid and keeps the rest as written.
QString lenientDecode(const QString &text)
{
    if (!text.contains(QLatin1Char('%')))
        return text;
    return QUrl::fromPercentEncoding(text.toUtf8());
}

void addCandidate(const QString &candidate, QSet<QString> &out)
{
    if (candidate.isEmpty())
        return;
    for (const QString &form : {candidate, lenientDecode(candidate)}) {
        out.insert(form);
        addPieces(form, out);
    }
}

// user:password@ in a URL, for every '@' that could end the user info.
void addUserInfoPasswords(const QString &text, QSet<QString> &out)
{
    const qsizetype scheme = text.indexOf(QLatin1String("://"));
    if (scheme < 0)
        return;
    const QString rest = text.mid(scheme + 3);
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return;
    for (qsizetype at = rest.indexOf(QLatin1Char('@'), colon); at >= 0; at = rest.indexOf(QLatin1Char('@'), at + 1))
        addCandidate(rest.mid(colon + 1, at - colon - 1), out);
}

// The value of password=... in a keyword string or a URL query: as a parser reads it, and
// everything up to the end of the text (an unquoted value may hold spaces, '&' or quotes).
// The delimiter before a key is looked behind, not consumed: in "port= password=x" the
// space the first match ends with is the one before "password" (libpq reads port's value as
// "password=x" and the message about the port quotes it), and "port=password=x" too.
void addKeywordPasswords(const QString &text, QSet<QString> &out)
{
    static const QRegularExpression key(QStringLiteral("(?:^|(?<=[?&=\\s]))([A-Za-z_]+)\\s*=\\s*"));
    for (QRegularExpressionMatchIterator it = key.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!looksLikePasswordKey(m.captured(1)) || m.captured(1).compare(QLatin1String("passfile"), Qt::CaseInsensitive) == 0)
            continue;
        const qsizetype start = m.capturedEnd(0);
        const QString tail = text.mid(start);
        addCandidate(tail, out);
        QString value;
        if (tail.startsWith(QLatin1Char('\''))) {
            for (qsizetype i = 1; i < tail.size() && tail.at(i) != QLatin1Char('\''); ++i) {
                if (tail.at(i) == QLatin1Char('\\') && i + 1 < tail.size())
                    ++i;
                value += tail.at(i);
            }
        } else {
            for (qsizetype i = 0; i < tail.size() && !tail.at(i).isSpace() && tail.at(i) != QLatin1Char('&'); ++i)
                value += tail.at(i);
        }
        addCandidate(value, out);
    }
}

// A secret as it may appear in a message: as given, percent-encoded (the ways Strata and
// QUrl write it) and quoted as libpq quotes values.
QStringList formsOf(const QString &secret)
{
    QString quoted = secret;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return {secret, detail::percentEncode(secret, QLatin1String(":@/?#[]&=+,;")),
            detail::percentEncode(secret, QLatin1String("&=#+")), QString::fromUtf8(QUrl::toPercentEncoding(secret)), quoted};
}

// `inside` starts with the last 3 or more characters of `secret`, or ends with its first 3
// or more: a quote that runs on past a password's end, or starts before its beginning.
bool overlapsAnEnd(const QString &inside, const QString &secret)
{
    const qsizetype longest = std::min(inside.size(), secret.size());
    for (qsizetype n = kShortestPiece; n <= longest; ++n)
        if (inside.startsWith(QStringView(secret).right(n)) || inside.endsWith(QStringView(secret).left(n)))
            return true;
    return false;
}

// Text between quotes ("..." or '...') that is a secret, a slice of 3 or more characters of
// one, holds a piece of 3 or more characters of one, or overlaps one's start or end by 3 or
// more: a parser quoting the part it could not read may quote any slice of a password
// written in the wrong place, or a password's tail with the text after it, and the short
// pieces between a password's delimiters ("//u:" of "p@sh?//u:PW2") would show around a
// redacted long one.
// A message that quotes a slice of a password holding the quote character itself (say
// "ab""""cd") cannot be read back by pairing quotes: the first pairs would hide the start
// and a short piece at the end ("cd") would stand quoted on its own. From an opening quote,
// the farthest closing quote of the same kind whose text is a slice of a secret holding that
// quote character ends the message's own quote. Only secrets holding the quote are looked
// at, and only as far as the longest of them: nothing more to do for ordinary passwords.
qsizetype farthestSliceClose(const QString &text, qsizetype open, const QStringList &forms)
{
    const QChar q = text.at(open);
    qsizetype longest = 0;
    for (const QString &f : forms)
        if (f.contains(q))
            longest = std::max(longest, f.size());
    qsizetype found = -1;
    for (qsizetype close = text.indexOf(q, open + 1); close >= 0 && close - open - 1 <= longest;
         close = text.indexOf(q, close + 1)) {
        const QStringView inside = QStringView(text).mid(open + 1, close - open - 1);
        if (inside.contains(q) && std::any_of(forms.cbegin(), forms.cend(), [&](const QString &f) {
                return f.contains(inside) && (inside.size() >= kShortestPiece || f == inside);
            }))
            found = close;
    }
    return found;
}

QString redactQuotedSlices(const QString &text, const QStringList &forms)
{
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar q = text.at(i);
        const bool quote = q == QLatin1Char('"') || q == QLatin1Char('\'');
        if (const qsizetype far = quote ? farthestSliceClose(text, i, forms) : -1; far >= 0) {
            out += q + QString::fromUtf16(kRedacted) + q;
            i = far + 1;
            continue;
        }
        const qsizetype close = quote ? text.indexOf(q, i + 1) : -1;
        if (close < 0) {
            out += text.at(i++);
            continue;
        }
        const QString inside = text.mid(i + 1, close - i - 1);
        const bool slice = inside.size() >= kShortestPiece && inside != QStringView(kRedacted);
        const bool secret = !inside.isEmpty() && std::any_of(forms.cbegin(), forms.cend(), [&](const QString &f) {
            return f == inside || (slice && f.contains(inside)) || (f.size() >= kShortestPiece && inside.contains(f))
                || overlapsAnEnd(inside, f);
        });
        out += q + (secret ? QString::fromUtf16(kRedacted) : inside) + q;
        i = close + 1;
    }
    return out;
}

} // namespace

bool looksLikePasswordKey(const QString &key)
{
    const QString lower = key.toLower();
    return lower.contains(QLatin1String("pass")) || lower.contains(QLatin1String("pwd")) || lower == QLatin1String("pw");
}

bool isSecretOption(const QString &key)
{
    return looksLikePasswordKey(key) && key != QLatin1String("passfile");
}

QStringList secretsIn(const QString &connectionText)
{
    QSet<QString> out;
    addUserInfoPasswords(connectionText, out);
    addKeywordPasswords(connectionText, out);
    return QStringList(out.cbegin(), out.cend());
}

QStringList secretsOf(const ConnectionProfile &profile, const std::optional<QString> &password)
{
    QStringList out;
    if (password && !password->isEmpty())
        out.append(*password);
    for (auto it = profile.options.cbegin(); it != profile.options.cend(); ++it)
        if (isSecretOption(it.key()) && !it.value().isEmpty())
            out.append(it.value());
    return out;
}

QString redactSecrets(const QString &text, const QStringList &secrets)
{
    QStringList forms;
    for (const QString &s : secrets)
        if (!s.isEmpty())
            forms += formsOf(s);
    if (forms.isEmpty() || text.isEmpty())
        return text;
    std::sort(forms.begin(), forms.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    // Quoted slices first, on the text as it is: a slice holding a piece of 3 or more
    // characters is no slice any more once that piece is "***", and the short pieces around
    // it would show. Then every form of 3 or more characters wherever it stands (shorter
    // strings are everywhere in ordinary words; quoted on their own they went above).
    QString out = redactQuotedSlices(text, forms);
    for (const QString &f : std::as_const(forms))
        if (f.size() >= kShortestPiece)
            out.replace(f, QString::fromUtf16(kRedacted));
    return out;
}

Error redactSecrets(Error error, const QStringList &secrets)
{
    error.message = redactSecrets(error.message, secrets);
    error.detail = redactSecrets(error.detail, secrets);
    error.sql = redactSecrets(error.sql, secrets);
    return error;
}

} // namespace strata::connection
