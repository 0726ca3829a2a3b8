#include "quotedtext.h"

#include <algorithm>

namespace strata {

namespace {

QString escapedChar(char16_t c)
{
    switch (c) {
    case u'\n': return QStringLiteral("\\n");
    case u'\r': return QStringLiteral("\\r");
    case u'\t': return QStringLiteral("\\t");
    case u'\v': return QStringLiteral("\\v");
    case u'\f': return QStringLiteral("\\f");
    case u'\0': return QStringLiteral("\\0");
    default: break;
    }
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

bool needsEscape(char16_t c)
{
    // C0 controls (tab included: it would survive, but a comment should read the same in
    // every editor), DEL, C1 controls (U+0085 NEL among them), the Unicode line and paragraph
    // separators, and the byte-order mark / zero-width no-break space.
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff;
}

} // namespace

QString commentText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const char16_t next = i + 1 < text.size() ? text[i + 1].unicode() : u'\0';
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (needsEscape(c))
            out += escapedChar(c);
        else if (c == u'*' && next == u'/')
            out += QStringLiteral("*\\");   // "*/" -> "*\/": the '/' follows on the next turn
        else if (c == u'/' && next == u'*')
            out += QStringLiteral("/\\");   // "/*" -> "/\*"
        else
            out += QChar(c);
    }
    return out;
}

QString capped(QStringView text, int maxChars)
{
    if (maxChars < 0 || text.size() <= maxChars)
        return text.toString();
    qsizetype cut = maxChars;
    if (cut > 0 && text[cut - 1].isHighSurrogate())
        --cut;
    return text.left(cut).toString() + QStringLiteral("… (%1 more characters)").arg(text.size() - cut);
}

QString quotedInput(QStringView text, int maxChars)
{
    // The cap is on what is shown: escaped, a control character takes up to 6 characters.
    if (maxChars < 0)
        return commentText(text);
    qsizetype cut = std::min(text.size(), qsizetype(maxChars));
    for (qsizetype shown = commentText(text.left(cut)).size(); shown > maxChars; shown = commentText(text.left(cut)).size())
        cut -= std::max(qsizetype(1), (shown - maxChars) / 6);   // never below what fits
    if (cut == text.size())
        return commentText(text);
    if (cut > 0 && text[cut - 1].isHighSurrogate())
        --cut;
    return commentText(text.left(cut)) + QStringLiteral("… (%1 more characters)").arg(text.size() - cut);
}

} // namespace strata
