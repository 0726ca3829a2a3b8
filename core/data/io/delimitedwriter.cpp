#include "delimitedwriter.h"

namespace strata::data::io {

DelimitedWriter::DelimitedWriter(const ExportOptions &options)
    : RowWriter(options)
    , m_delimiter(options.format == Format::Tsv ? QChar(u'\t') : options.delimiter)
    , m_quote(options.quote.isNull() ? QChar(u'"') : options.quote)
    , m_quoteNullLookalikes(options.format == Format::Csv)
{
}

void DelimitedWriter::begin(const QStringList &columns, const QList<QMetaType> &, QString &out)
{
    if (!m_options.header)
        return;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i)
            out += m_delimiter;
        appendField(columns.at(i), false, out);
    }
    out += m_options.lineEnding;
}

void DelimitedWriter::writeRow(const QVariantList &row, QString &out)
{
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (i)
            out += m_delimiter;
        const QVariant &value = row.at(i);
        if (value.isNull())
            appendField(m_options.nullText, true, out);
        else
            appendField(plainText(value, m_options.bytes), false, out);
    }
    out += m_options.lineEnding;
}

void DelimitedWriter::appendField(const QString &text, bool isNullMarker, QString &out)
{
    // Readers drop a byte order mark at the start of a file: a first field that begins
    // with U+FEFF is quoted there, so it keeps it.
    const bool startOfFile = m_startOfFile;
    m_startOfFile = false;
    bool quote = !isNullMarker && ((m_quoteNullLookalikes && text == m_options.nullText)
                                   || (startOfFile && text.startsWith(QChar(0xFEFF))));
    for (qsizetype i = 0; !quote && i < text.size(); ++i) {
        const QChar c = text.at(i);
        quote = c == m_delimiter || c == m_quote || c == u'\n' || c == u'\r';
    }
    if (!quote) {
        out += text;
        return;
    }
    out += m_quote;
    for (const QChar c : text) {
        if (c == m_quote)
            out += m_quote;
        out += c;
    }
    out += m_quote;
}

} // namespace strata::data::io
