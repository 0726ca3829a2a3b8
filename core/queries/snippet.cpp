#include "snippet.h"

namespace strata::queries {

namespace {

bool isNameChar(QChar c, bool first)
{
    return c == QLatin1Char('_') || (c.unicode() < 0x80 && (c.isLetter() || (!first && c.isDigit())));
}

}   // namespace

ExpandedSnippet expandSnippet(const QString &text)
{
    ExpandedSnippet out;
    out.text.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] == QLatin1Char('$') && i + 2 < text.size() && text[i + 1] == QLatin1Char('{')) {
            qsizetype j = i + 2;
            while (j < text.size() && isNameChar(text[j], j == i + 2))
                ++j;
            const QString name = text.mid(i + 2, j - i - 2);
            QString value = name;
            bool ok = !name.isEmpty() && j < text.size();
            if (ok && text[j] == QLatin1Char(':')) {
                const qsizetype close = text.indexOf(QLatin1Char('}'), j + 1);
                ok = close > 0 && !text.mid(j + 1, close - j - 1).contains(QLatin1Char('\n'));
                if (ok) {
                    value = text.mid(j + 1, close - j - 1);
                    j = close;
                }
            } else {
                ok = ok && text[j] == QLatin1Char('}');
            }
            if (ok) {
                out.fields.append({name, int(out.text.size()), int(value.size())});
                out.text += value;
                i = j + 1;
                continue;
            }
        }
        out.text += text[i];
        ++i;
    }
    return out;
}

}   // namespace strata::queries
