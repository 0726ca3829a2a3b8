#include "markdownwriter.h"

namespace strata::data::io {

QString MarkdownWriter::escapeCell(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'|' || c == u'\\') {
            out += u'\\';
            out += c;
        } else if (c == u'\r') {
            out += QStringLiteral("<br>");
            if (i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
        } else if (c == u'\n') {
            out += QStringLiteral("<br>");
        } else {
            out += c;
        }
    }
    return out;
}

void MarkdownWriter::begin(const QStringList &columns, const QList<QMetaType> &, QString &out)
{
    out += u'|';
    for (const QString &name : columns)
        out += u' ' + escapeCell(name) + QStringLiteral(" |");
    out += QStringLiteral("\n|");
    for (qsizetype i = 0; i < columns.size(); ++i)
        out += QStringLiteral(" --- |");
    out += u'\n';
}

void MarkdownWriter::writeRow(const QVariantList &row, QString &out)
{
    out += u'|';
    for (const QVariant &value : row) {
        const QString text = value.isNull() ? m_options.nullText : plainText(value, m_options.bytes);
        out += u' ' + escapeCell(text) + QStringLiteral(" |");
    }
    out += u'\n';
}

} // namespace strata::data::io
