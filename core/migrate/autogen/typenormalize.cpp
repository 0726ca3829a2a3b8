// Types, defaults and expressions as the comparator compares them: by meaning, not by the
// spelling a server or a person chose (PostgreSQL's format_type and pg_get_expr add casts
// and parentheses; SQLite keeps the declared text as written).

#include "comparator.h"
#include "normalize.h"

#include <QHash>
#include <QRegularExpression>

namespace strata::migrate::autogen {

namespace detail {

namespace {

// Calls `fn` on every piece of `text` outside '...' literals (and outside "..." when
// `keepDoubleQuoted`), copying quoted pieces unchanged.
template <typename Fn>
QString mapOutsideQuotes(const QString &text, bool keepDoubleQuoted, Fn fn)
{
    QString out;
    QString plain;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\'' || (keepDoubleQuoted && c == u'"')) {
            out += fn(plain);
            plain.clear();
            qsizetype end = i + 1;
            while (end < text.size()) {
                if (text.at(end) == c) {
                    if (end + 1 < text.size() && text.at(end + 1) == c) {
                        end += 2;   // doubled quote inside the literal
                        continue;
                    }
                    break;
                }
                ++end;
            }
            out += text.mid(i, end - i + 1);
            i = end;
            continue;
        }
        plain += c;
    }
    return out + fn(plain);
}

QString stripCasts(const QString &plain)
{
    static const QRegularExpression cast(QStringLiteral(
        "::\\s*(?:\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?"
        "(?:\\s+(?:varying|precision|with|without|time|zone))*)(?:\\s*\\([0-9, ]*\\))?(?:\\[\\])*"));
    QString s = plain;
    return s.remove(cast);
}

// Removes parentheses that enclose the whole text: "((a > 0))" -> "a > 0".
QString stripOuterParentheses(QString text)
{
    text = text.trimmed();
    while (text.startsWith(u'(') && text.endsWith(u')')) {
        int depth = 0;
        bool wraps = true;
        bool quoted = false;
        for (qsizetype i = 0; i < text.size() - 1 && wraps; ++i) {
            const QChar c = text.at(i);
            if (c == u'\'')
                quoted = !quoted;
            else if (!quoted && c == u'(')
                ++depth;
            else if (!quoted && c == u')' && --depth == 0)
                wraps = false;
        }
        if (!wraps)
            break;
        text = text.mid(1, text.size() - 2).trimmed();
    }
    return text;
}

} // namespace

QString nameKey(dialect::DialectKind dialect, const QString &name)
{
    if (dialect != dialect::DialectKind::Sqlite)
        return name;
    QString key = name;
    for (QChar &c : key)
        if (c.unicode() < 0x80)
            c = c.toLower();
    return key;
}

QString lowerOutsideQuotes(const QString &text)
{
    return mapOutsideQuotes(text, true, [](const QString &plain) {
        QString s = plain.toLower();
        s.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
        return s;
    }).trimmed();
}

QString normalizeExpression(const QString &expression)
{
    return mapOutsideQuotes(expression, false, [](const QString &plain) {
        QString s = stripCasts(plain).toLower();
        s.remove(QRegularExpression(QStringLiteral("[\\s()\"]")));
        return s;
    });
}

} // namespace detail

QString normalizeType(dialect::DialectKind dialect, const QString &type)
{
    static const QHash<QString, QString> aliases{
        {QStringLiteral("int"), QStringLiteral("integer")}, {QStringLiteral("int4"), QStringLiteral("integer")},
        {QStringLiteral("serial"), QStringLiteral("integer")}, {QStringLiteral("serial4"), QStringLiteral("integer")},
        {QStringLiteral("int8"), QStringLiteral("bigint")}, {QStringLiteral("bigserial"), QStringLiteral("bigint")},
        {QStringLiteral("serial8"), QStringLiteral("bigint")}, {QStringLiteral("int2"), QStringLiteral("smallint")},
        {QStringLiteral("smallserial"), QStringLiteral("smallint")}, {QStringLiteral("serial2"), QStringLiteral("smallint")},
        {QStringLiteral("float8"), QStringLiteral("double precision")}, {QStringLiteral("double"), QStringLiteral("double precision")},
        {QStringLiteral("float"), QStringLiteral("double precision")}, {QStringLiteral("float4"), QStringLiteral("real")},
        {QStringLiteral("bool"), QStringLiteral("boolean")}, {QStringLiteral("character varying"), QStringLiteral("varchar")},
        {QStringLiteral("character"), QStringLiteral("char")}, {QStringLiteral("bpchar"), QStringLiteral("char")},
        {QStringLiteral("timestamp with time zone"), QStringLiteral("timestamptz")},
        {QStringLiteral("timestamp without time zone"), QStringLiteral("timestamp")},
        {QStringLiteral("time with time zone"), QStringLiteral("timetz")},
        {QStringLiteral("time without time zone"), QStringLiteral("time")},
        {QStringLiteral("decimal"), QStringLiteral("numeric")}, {QStringLiteral("bit varying"), QStringLiteral("varbit")},
    };
    QString t = type.simplified().toLower();
    int arrayDimensions = 0;
    while (t.endsWith(QLatin1String("[]"))) {
        ++arrayDimensions;
        t = t.chopped(2).trimmed();
    }
    // The modifier may sit inside the name: "timestamp(3) with time zone".
    QString modifier;
    static const QRegularExpression modifierPattern(QStringLiteral("\\s*\\(([^)]*)\\)"));
    if (const auto m = modifierPattern.match(t); m.hasMatch()) {
        modifier = QLatin1Char('(') + m.captured(1).remove(u' ') + QLatin1Char(')');
        t = (t.left(m.capturedStart()) + QLatin1Char(' ') + t.mid(m.capturedEnd())).simplified();
    }
    QString base = aliases.value(t, t);
    if (base == u"double precision" && t == u"float" && !modifier.isEmpty()) {
        base = modifier.mid(1, modifier.size() - 2).toInt() <= 24 ? QStringLiteral("real") : base;
        modifier.clear();
    }
    if (dialect == dialect::DialectKind::Postgres) {
        if (base == u"char" && modifier.isEmpty())
            modifier = QStringLiteral("(1)");   // character means character(1)
        if (base.startsWith(QLatin1String("time")) && modifier == u"(6)")
            modifier.clear();                   // the default precision
    }
    QString out = base + modifier;
    for (int i = 0; i < arrayDimensions; ++i)
        out += QStringLiteral("[]");
    return out;
}

QString normalizeDefault(dialect::DialectKind dialect, const QString &expression)
{
    QString e = expression.trimmed();
    if (e.startsWith(QLatin1String("nextval("), Qt::CaseInsensitive))
        return QString();   // a serial column's sequence, not a default anybody wrote
    e = detail::mapOutsideQuotes(e, true, [](const QString &plain) { return detail::stripCasts(plain); });
    e = detail::lowerOutsideQuotes(detail::stripOuterParentheses(e));
    e.replace(QRegularExpression(QStringLiteral("\\s*([(),])\\s*")), QStringLiteral("\\1"));
    if (e == u"null")
        return QString();
    if (e == u"now()" || e == u"current_timestamp()")
        e = QStringLiteral("current_timestamp");
    // '-1'::integer and -1, '2.5'::numeric and 2.5 are the same default.
    static const QRegularExpression quotedNumber(QStringLiteral("^'(-?[0-9]+(\\.[0-9]+)?)'$"));
    if (const auto m = quotedNumber.match(e); m.hasMatch())
        e = m.captured(1);
    if (dialect == dialect::DialectKind::Sqlite) {
        if (e == u"true")
            e = QStringLiteral("1");
        else if (e == u"false")
            e = QStringLiteral("0");
    }
    return e;
}

} // namespace strata::migrate::autogen
