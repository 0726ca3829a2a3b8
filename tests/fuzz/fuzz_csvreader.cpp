// libFuzzer target: the streaming CSV reader (data/io/csvreader.h) that CSV import and its
// preview use, with the CSV writer (data/io/delimitedwriter.h) of export and copy. The
// input is the file; every input is read with two sets of options: the defaults (',' '"',
// NULL as nothing, header, UTF-8) and ';' '\'' NULL as "NULL", no header, Latin-1.
// Properties:
//  - reading does not depend on how the device hands out bytes: read a few bytes at a time
//    (cutting UTF-8 sequences, CRLF pairs and doubled quotes), the file gives the same
//    records, NULLs and line numbers, and an error at the same line;
//  - write -> read: the records read, written back by the CSV writer with the same options
//    (the first record as the header, NULLs as NULLs), read back to the same records (in
//    the header, a name, NULL and empty are the same);
//  - records start on increasing lines, all have the first record's field count, and
//    errors are capped and name their line.

#include "fuzzsupport.h"

#include "data/io/csvreader.h"
#include "data/io/delimitedwriter.h"

#include <QBuffer>

namespace {

using namespace strata;
using namespace strata::data::io;

/// A device that hands out at most `step` bytes per read.
class TrickleDevice : public QIODevice {
public:
    TrickleDevice(const QByteArray &data, qint64 step) : m_data(data), m_step(step) { open(QIODevice::ReadOnly); }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = std::min({max, m_step, qint64(m_data.size()) - m_pos});
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        std::memcpy(out, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }
    bool isSequential() const override { return true; }

private:
    QByteArray m_data;
    qint64 m_step;
    qint64 m_pos = 0;
};

struct Outcome {
    QList<CsvRecord> records;
    QString error;   ///< empty when the whole file was read
    qint64 errorLine = 0;
};

Outcome readAll(QIODevice &device, const CsvOptions &options)
{
    CsvReader reader(device, options);
    Outcome out;
    CsvRecord record;
    for (int guard = 0; guard < 100000; ++guard) {
        const Result<bool> more = reader.next(record);
        if (!more) {
            out.error = more.error().message;
            out.errorLine = reader.errorLine();
            fuzz::checkMessage(more.error());
            STRATA_FUZZ_CHECK(out.error.startsWith(QStringLiteral("Line %1: ").arg(out.errorLine)), out.error.left(300));
            return out;
        }
        if (!*more)
            return out;
        out.records.append(record);
    }
    fuzz::fail("the reader ends", QStringLiteral("more than 100000 records"));
}

/// The records and where reading stopped. The error's words are left out: Qt 6.4's UTF-8
/// decoder drops the character that follows an invalid lead byte when the two arrive in
/// different reads, so after invalid UTF-8 the same line may fail for another reason
/// (field count) depending on where the device cut it; the line is the same.
QString dump(const Outcome &o)
{
    QStringList lines;
    for (const CsvRecord &r : o.records) {
        QStringList fields;
        for (qsizetype i = 0; i < r.fields.size(); ++i)
            fields << (r.isNull(i) ? QStringLiteral("<NULL>") : QLatin1Char('[') + r.fields[i] + QLatin1Char(']'));
        lines << QStringLiteral("%1: %2").arg(r.line).arg(fields.join(u' '));
    }
    if (!o.error.isEmpty())
        lines << QStringLiteral("error at %1").arg(o.errorLine);
    return lines.join(QLatin1Char('\n'));
}

Outcome readBytes(const QByteArray &bytes, const CsvOptions &options)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readAll(buffer, options);
}

void checkShape(const Outcome &o, const QString &file)
{
    qint64 line = 0;
    for (const CsvRecord &r : o.records) {
        STRATA_FUZZ_CHECK(r.line > line, QStringLiteral("record on line %1 after line %2 in [%3]").arg(r.line).arg(line).arg(file));
        STRATA_FUZZ_CHECK(r.fields.size() == o.records.first().fields.size() && r.nulls.size() == r.fields.size(),
                          QStringLiteral("record on line %1 has %2 fields in [%3]").arg(r.line).arg(r.fields.size()).arg(file));
        line = r.line;
    }
}

/// The records written back with the writer, as an export with these options writes them.
QByteArray written(const QList<CsvRecord> &records, const CsvOptions &options, const QString &lineEnding)
{
    ExportOptions e;
    e.format = Format::Csv;
    e.delimiter = options.delimiter;
    e.quote = options.quote;
    e.nullText = options.nullText;
    e.header = options.header;
    e.lineEnding = lineEnding;
    DelimitedWriter writer(e);
    QString out;
    qsizetype first = 0;
    if (options.header) {
        writer.begin(records.first().fields, {}, out);
        first = 1;
    }
    for (qsizetype i = first; i < records.size(); ++i) {
        QVariantList row;
        for (qsizetype f = 0; f < records[i].fields.size(); ++f)
            row << (records[i].isNull(f) ? QVariant() : QVariant(records[i].fields[f]));
        writer.writeRow(row, out);
    }
    return options.encoding == TextEncoding::Latin1 ? out.toLatin1() : out.toUtf8();
}

void checkFile(const QByteArray &bytes, const CsvOptions &options)
{
    const Outcome whole = readBytes(bytes, options);
    checkShape(whole, QString::fromLatin1(bytes));
    TrickleDevice trickle(bytes, 1 + qint64(bytes.size() % 5));
    const Outcome trickled = readAll(trickle, options);
    STRATA_FUZZ_CHECK(dump(whole) == dump(trickled), QStringLiteral("file [%1]\nread at once:\n%2\nread in pieces:\n%3")
                                                         .arg(QString::fromLatin1(bytes), dump(whole), dump(trickled)));
    if (!whole.error.isEmpty() || whole.records.isEmpty())
        return;
    for (const QString &lineEnding : {QStringLiteral("\r\n"), QStringLiteral("\n")}) {
        const QByteArray again = written(whole.records, options, lineEnding);
        Outcome reread = readBytes(again, options);
        // Line numbers differ (quoted line breaks were CRLF or LF); compare the values.
        for (CsvRecord &r : reread.records)
            r.line = 0;
        Outcome expected = whole;
        for (CsvRecord &r : expected.records)
            r.line = 0;
        // A header holds names: the writer writes an empty one as "" (no NULL names), so
        // NULL and empty compare equal there (corpus regression-null-in-the-header).
        if (options.header) {
            expected.records.first().nulls.clear();
            if (!reread.records.isEmpty())
                reread.records.first().nulls.clear();
        }
        STRATA_FUZZ_CHECK(dump(reread) == dump(expected), QStringLiteral("file [%1]\nread:\n%2\nwritten [%3]\nread back:\n%4")
                                                              .arg(QString::fromLatin1(bytes), dump(expected), QString::fromLatin1(again), dump(reread)));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkFile(bytes, CsvOptions{});
    CsvOptions other;
    other.delimiter = QLatin1Char(';');
    other.quote = QLatin1Char('\'');
    other.nullText = QStringLiteral("NULL");
    other.header = false;
    other.encoding = TextEncoding::Latin1;
    checkFile(bytes, other);
    return 0;
}
