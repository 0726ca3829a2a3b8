#include "csvreader.h"

namespace strata::data::io {

namespace {

constexpr qint64 kChunkBytes = 256 * 1024;

} // namespace

CsvReader::CsvReader(QIODevice &device, CsvOptions options)
    : m_device(device)
    , m_options(std::move(options))
    , m_decoder(m_options.encoding == TextEncoding::Latin1 ? QStringConverter::Latin1 : QStringConverter::Utf8)
{
    if (m_options.quote.isNull())
        m_options.quote = QLatin1Char('"');
}

bool CsvReader::ensure()
{
    while (m_pos >= m_buffer.size()) {
        if (m_atEnd)
            return false;
        const QByteArray bytes = m_device.read(kChunkBytes);
        m_bufferStart += m_buffer.size();
        if (bytes.isEmpty()) {
            // The decoder keeps an incomplete trailing sequence, waiting for more: a line end
            // after it makes it decode (as invalid), and is dropped again (Qt 6.4 drops it
            // itself, with the incomplete sequence).
            m_atEnd = true;
            m_buffer = decode("\n");
            if (m_buffer.endsWith(QLatin1Char('\n')))
                m_buffer.chop(1);
            m_pos = 0;
            continue;
        }
        m_bytesRead += bytes.size();
        m_buffer = decode(bytes);
        m_pos = 0;
        if (m_firstChunk && !m_buffer.isEmpty()) {
            m_firstChunk = false;
            if (m_buffer.front() == QChar(0xfeff))
                m_pos = 1;
        }
    }
    return true;
}

QString CsvReader::decode(QByteArrayView bytes)
{
    if (m_invalidAt >= 0 || m_options.encoding == TextEncoding::Latin1)
        return m_decoder(bytes);
    QString out(m_decoder.requiredSpace(bytes.size()), Qt::Uninitialized);
    QChar *const begin = out.data();
    QChar *end = begin;
    qsizetype from = 0;
    do {
        qsizetype to = from;
        while (to < bytes.size() && bytes[to] != '\n' && bytes[to] != '\r')
            ++to;
        const char last = to < bytes.size() ? bytes[to++] : '\0';
        QChar *const pieceStart = end;
        end = m_decoder.appendToBuffer(end, bytes.sliced(from, to - from));
        if (m_decoder.hasError()) {
            m_invalidAt = m_bufferStart + (pieceStart - begin);
            m_invalidLine = m_decodedLine;
            end = m_decoder.appendToBuffer(end, bytes.sliced(to));
            break;
        }
        if (last == '\r' || (last == '\n' && !(m_afterCr && to - from == 1)))
            ++m_decodedLine;
        m_afterCr = last == '\r';
        from = to;
    } while (from < bytes.size());
    out.truncate(end - begin);
    return out;
}

bool CsvReader::pastInvalidText() const
{
    return m_invalidAt >= 0 && m_bufferStart + m_pos > m_invalidAt;
}

Error CsvReader::invalidTextError()
{
    m_errorLine = m_invalidLine;
    return Error(ErrorKind::Syntax, QStringLiteral("Line %1: the text is not valid UTF-8 (is the file Latin-1?).").arg(m_invalidLine))
        .withField(QStringLiteral("line"));
}

Error CsvReader::syntaxError(qint64 line, const QString &what)
{
    // Past invalid UTF-8 the decoded text depends on where the device cut the bytes (Qt's
    // decoder may drop the character after an invalid lead byte when the two arrive in
    // different reads), so a field count or quote error there says nothing reliable: the
    // invalid text is the error, named at its own line however the bytes arrived.
    if (pastInvalidText())
        return invalidTextError();
    m_errorLine = line;
    return Error(ErrorKind::Syntax, QStringLiteral("Line %1: %2").arg(line).arg(what)).withField(QStringLiteral("line"));
}

bool CsvReader::skipLineEnd()
{
    const QChar c = m_buffer.at(m_pos);
    if (c == u'\n') {
        ++m_pos;
    } else if (c == u'\r') {
        ++m_pos;
        if (ensure() && m_buffer.at(m_pos) == u'\n')
            ++m_pos;
    } else {
        return false;
    }
    ++m_line;
    return true;
}

Status CsvReader::readQuoted(QString &field)
{
    const qint64 openedAt = m_line;
    ++m_pos;   // the opening quote
    for (;;) {
        if (!ensure())
            return syntaxError(openedAt, QStringLiteral("a quoted field is never closed (unterminated %1).")
                                             .arg(m_options.quote));
        // Copy the run up to the next quote or line break in one go.
        const qsizetype start = m_pos;
        while (m_pos < m_buffer.size()) {
            const QChar c = m_buffer.at(m_pos);
            if (c == m_options.quote || c == u'\n' || c == u'\r')
                break;
            ++m_pos;
        }
        field += QStringView(m_buffer).mid(start, m_pos - start);
        if (m_pos >= m_buffer.size())
            continue;
        const QChar c = m_buffer.at(m_pos);
        if (c == u'\n' || c == u'\r') {
            field += c;
            ++m_pos;
            if (c == u'\r' && ensure() && m_buffer.at(m_pos) == u'\n') {
                field += u'\n';
                ++m_pos;
            }
            ++m_line;
            continue;
        }
        ++m_pos;   // a quote: doubled means a literal quote, else the field ends
        if (ensure() && m_buffer.at(m_pos) == m_options.quote) {
            field += m_options.quote;
            ++m_pos;
            continue;
        }
        if (ensure()) {
            const QChar next = m_buffer.at(m_pos);
            if (next != m_options.delimiter && next != u'\n' && next != u'\r')
                return syntaxError(m_line, QStringLiteral("unexpected text after a closing quote (%1).")
                                               .arg(QString(next)));
        }
        return {};
    }
}

void CsvReader::readUnquoted(QString &field)
{
    for (;;) {
        const qsizetype start = m_pos;
        while (m_pos < m_buffer.size()) {
            const QChar c = m_buffer.at(m_pos);
            if (c == m_options.delimiter || c == u'\n' || c == u'\r')
                break;
            ++m_pos;
        }
        field += QStringView(m_buffer).mid(start, m_pos - start);
        if (m_pos < m_buffer.size() || !ensure())
            return;
    }
}

Result<bool> CsvReader::next(CsvRecord &record)
{
    record.fields.clear();
    record.nulls.clear();
    // Blank lines separate nothing; in a one-column file they are values.
    while (ensure() && m_fieldCount != 1 && (m_buffer.at(m_pos) == u'\n' || m_buffer.at(m_pos) == u'\r'))
        skipLineEnd();
    if (!ensure())
        return false;
    record.line = m_line;
    for (;;) {
        QString field;
        bool quoted = false;
        if (ensure() && m_buffer.at(m_pos) == m_options.quote) {
            quoted = true;
            if (Status s = readQuoted(field); !s)
                return s.error();
        } else {
            readUnquoted(field);
        }
        record.nulls << (!quoted && field == m_options.nullText);
        record.fields << std::move(field);
        if (!ensure())
            break;
        if (m_buffer.at(m_pos) == m_options.delimiter) {
            ++m_pos;
            continue;
        }
        skipLineEnd();
        break;
    }
    if (m_fieldCount == 0)
        m_fieldCount = record.fields.size();
    else if (record.fields.size() != m_fieldCount)
        return syntaxError(record.line, QStringLiteral("expected %1 fields but found %2.")
                                            .arg(m_fieldCount).arg(record.fields.size()));
    if (pastInvalidText())
        return invalidTextError();
    return true;
}

} // namespace strata::data::io
