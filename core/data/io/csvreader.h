#pragma once

// CsvReader: a streaming RFC 4180 parser. It reads the device in chunks and decodes them
// (UTF-8, a leading BOM dropped, or Latin-1), so files of any size parse in constant
// memory. Understood: quoted fields holding the delimiter, doubled quotes, CR, LF and
// CRLF; CRLF, LF or CR line ends; a configurable delimiter and quote character. A quote
// inside an unquoted field is kept as text (5" screen), as spreadsheets write it.
//
// NULL: an unquoted field equal to the NULL text is NULL (with the default empty NULL
// text, `a,,b` has a NULL in the middle and `a,"",b` an empty string), the convention of
// PostgreSQL's COPY ... CSV and of Strata's CSV export.
//
// Malformed input stops reading with a Syntax error whose message starts with the line
// number ("Line 7: ..."): an unterminated quoted field (the line where it opened), text
// after a closing quote, a record with a different number of fields than the first, or
// bytes that are not valid UTF-8 (the line they are on, reported with the record that holds
// them: the records before it read normally, however the device hands out its bytes).
// errorLine() gives that number too. Blank lines are
// skipped (except in single-column files, where they are a NULL or empty value).

#include "base/result.h"
#include "exportoptions.h"

#include <QIODevice>
#include <QStringDecoder>
#include <QStringList>

namespace strata::data::io {

struct CsvOptions {
    QChar delimiter = QLatin1Char(',');
    QChar quote = QLatin1Char('"');
    TextEncoding encoding = TextEncoding::Utf8;   ///< Utf8 and Utf8Bom read the same: a BOM is dropped
    QString nullText;                            ///< an unquoted field equal to this is NULL
    bool header = true;                          ///< the first record names the columns (import, preview)
};

struct CsvRecord {
    QStringList fields;
    QList<bool> nulls;       ///< per field: true when NULL
    qint64 line = 0;         ///< 1-based physical line where the record starts
    bool isNull(qsizetype i) const { return i < nulls.size() && nulls.at(i); }
};

class CsvReader {
public:
    CsvReader(QIODevice &device, CsvOptions options);

    /// Reads the next record. Returns false at the end of the input, or a Syntax error.
    Result<bool> next(CsvRecord &record);

    /// Bytes consumed from the device so far (for progress).
    qint64 bytesRead() const { return m_bytesRead; }
    /// The line of the last error, or 0.
    qint64 errorLine() const { return m_errorLine; }
    /// The number of fields every record must have (set by the first record), or 0.
    qsizetype fieldCount() const { return m_fieldCount; }

private:
    bool ensure();                       // true when a character is available at m_pos
    QString decode(QByteArrayView bytes);  // decodes a chunk; notes where invalid UTF-8 starts
    Error syntaxError(qint64 line, const QString &what);
    Status readQuoted(QString &field);
    void readUnquoted(QString &field);
    bool pastInvalidText() const;        // the reader has gone past the first invalid UTF-8
    Error invalidTextError();            // the error naming it, at its line
    bool skipLineEnd();                  // consumes CR, LF or CRLF at m_pos; true if it did

    QIODevice &m_device;
    CsvOptions m_options;
    QStringDecoder m_decoder;
    QString m_buffer;
    qsizetype m_pos = 0;
    bool m_atEnd = false;
    bool m_firstChunk = true;
    qint64 m_line = 1;
    qint64 m_bytesRead = 0;
    qint64 m_errorLine = 0;
    qsizetype m_fieldCount = 0;
    // Until the first invalid UTF-8: chunks are decoded a line at a time, counting lines, so
    // the line of the first invalid byte is known (the decoder only says "somewhere").
    qint64 m_bufferStart = 0;    // characters decoded before m_buffer
    qint64 m_decodedLine = 1;    // line of the next character to decode
    bool m_afterCr = false;      // the last byte decoded was a CR (an LF after it ends no line)
    qint64 m_invalidAt = -1;     // offset of the start of the line piece holding the first invalid byte
    qint64 m_invalidLine = 0;    // and its line
};

} // namespace strata::data::io
