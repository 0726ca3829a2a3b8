#include "exporter.h"

#include "rowwriter.h"

#include <QStringEncoder>

namespace strata::data::io {

namespace {

constexpr qsizetype kFlushChars = 64 * 1024;

class EncodedOutput {
public:
    EncodedOutput(QIODevice &device, TextEncoding encoding)
        : m_device(device)
        , m_encoder(encoding == TextEncoding::Latin1 ? QStringConverter::Latin1 : QStringConverter::Utf8,
                    encoding == TextEncoding::Utf8Bom ? QStringConverter::Flag::WriteBom
                                                      : QStringConverter::Flag::Default)
        , m_latin1(encoding == TextEncoding::Latin1)
    {
    }

    Status write(QString &text, qint64 row)
    {
        if (text.isEmpty())
            return {};
        if (m_latin1) {
            for (const QChar c : std::as_const(text))
                if (c.unicode() > 0xff)
                    return Error(ErrorKind::Io, QStringLiteral("Row %1 holds the character %2, which Latin-1 cannot "
                                                               "represent; export as UTF-8 instead.")
                                                    .arg(row).arg(QString(c)));
        }
        const QByteArray bytes = m_encoder.encode(text);
        text.clear();
        if (m_device.write(bytes) != bytes.size())
            return Error(ErrorKind::Io, QStringLiteral("Could not write: %1").arg(m_device.errorString()));
        m_bytes += bytes.size();
        return {};
    }

    qint64 bytes() const { return m_bytes; }

private:
    QIODevice &m_device;
    QStringEncoder m_encoder;
    bool m_latin1;
    qint64 m_bytes = 0;
};

} // namespace

Result<qint64> exportRows(RowSource &source, QIODevice &device, const ExportOptions &options,
                          const ProgressCallback &progress, const CancelToken *cancel)
{
    std::unique_ptr<RowWriter> writer = RowWriter::create(options);
    EncodedOutput output(device, options.encoding);
    const int every = qMax(1, options.progressEvery);
    QString buffer;
    buffer.reserve(kFlushChars + 4096);
    writer->begin(source.columnNames(), source.columnTypes(), buffer);
    qint64 rows = 0;
    QVariantList row;
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error(ErrorKind::Cancelled, QStringLiteral("Export cancelled after %1 rows.").arg(rows));
        Result<bool> more = source.next(row);
        if (!more)
            return more.error();
        if (!more.value())
            break;
        writer->writeRow(row, buffer);
        ++rows;
        if (buffer.size() >= kFlushChars) {
            if (Status s = output.write(buffer, rows); !s)
                return s.error();
        }
        if (progress && rows % every == 0)
            progress(Progress{rows, output.bytes(), -1});
    }
    writer->end(buffer);
    if (Status s = output.write(buffer, rows); !s)
        return s.error();
    if (progress)
        progress(Progress{rows, output.bytes(), -1});
    return rows;
}

QString formatRows(const QStringList &columns, const QList<QVariantList> &rows, const ExportOptions &options)
{
    ListRowSource source(columns, rows);
    std::unique_ptr<RowWriter> writer = RowWriter::create(options);
    QString out;
    writer->begin(source.columnNames(), source.columnTypes(), out);
    QVariantList row;
    while (source.next(row).valueOr(false))
        writer->writeRow(row, out);
    writer->end(out);
    return out;
}

QString formatSelection(const QStringList &columns, const QList<QVariantList> &rows, Format format,
                        dialect::DialectKind sqlDialect, const QString &tableName)
{
    ExportOptions options = ExportOptions::defaultsFor(format);
    if (format == Format::Tsv)
        options.header = false;   // pasting cells into a spreadsheet: values only
    options.sqlDialect = sqlDialect;
    options.tableName = tableName;
    return formatRows(columns, rows, options);
}

} // namespace strata::data::io
