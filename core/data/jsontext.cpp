#include "jsontext.h"

namespace strata::data {

namespace {

/// Copies the string token starting at `i` (a quote) into `out`; returns the index after it,
/// or -1 when the string never ends.
qsizetype copyString(const QString &json, qsizetype i, QString &out)
{
    const qsizetype start = i++;
    while (i < json.size()) {
        const QChar c = json.at(i);
        if (c == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        ++i;
        if (c == QLatin1Char('"')) {
            out += QStringView(json).mid(start, i - start);
            return i;
        }
    }
    return -1;
}

bool isJsonSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r');
}

QString layOut(const QString &json, bool indent)
{
    QString out;
    out.reserve(json.size() + json.size() / 4);
    int depth = 0;
    auto newline = [&] {
        if (indent)
            out += QLatin1Char('\n') + QString(2 * depth, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < json.size();) {
        const QChar c = json.at(i);
        if (c == QLatin1Char('"')) {
            i = copyString(json, i, out);
            if (i < 0)
                return json;
            continue;
        }
        ++i;
        if (isJsonSpace(c))
            continue;
        if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            out += c;
            // An empty object or array stays on one line.
            qsizetype next = i;
            while (next < json.size() && isJsonSpace(json.at(next)))
                ++next;
            if (next < json.size() && (json.at(next) == QLatin1Char('}') || json.at(next) == QLatin1Char(']'))) {
                out += json.at(next);
                i = next + 1;
                continue;
            }
            ++depth;
            newline();
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            depth = qMax(0, depth - 1);
            newline();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newline();
        } else if (c == QLatin1Char(':')) {
            out += c;
            if (indent)
                out += QLatin1Char(' ');
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

QString indentedJson(const QString &json)
{
    return layOut(json, true);
}

QString compactJson(const QString &json)
{
    return layOut(json, false);
}

} // namespace strata::data
