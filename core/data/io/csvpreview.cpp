#include "csvpreview.h"

#include <QSet>

namespace strata::data::io {

Result<CsvPreview> readCsvPreview(QIODevice &device, const CsvOptions &options, int maxRecords)
{
    CsvReader reader(device, options);
    CsvPreview preview;
    CsvRecord record;
    while (preview.records.size() < maxRecords) {
        Result<bool> more = reader.next(record);
        if (!more)
            return more.error();
        if (!more.value()) {
            preview.complete = true;
            break;
        }
        preview.records << record;
    }
    preview.detectedHeader = detectHeader(preview.records);
    return preview;
}

bool detectHeader(const QList<CsvRecord> &records)
{
    if (records.isEmpty())
        return false;
    const CsvRecord &first = records.first();
    QSet<QString> seen;
    for (qsizetype c = 0; c < first.fields.size(); ++c) {
        const QString &name = first.fields.at(c);
        if (first.isNull(c) || name.trimmed().isEmpty() || seen.contains(name))
            return false;
        if (TypeInference::classify(name) != ColumnType::Text)
            return false;   // a number or a date is data, not a name
        seen.insert(name);
    }
    if (records.size() == 1)
        return true;
    bool typedColumn = false;
    bool repeats = false;
    for (qsizetype c = 0; c < first.fields.size(); ++c) {
        TypeInference inference;
        for (qsizetype r = 1; r < records.size(); ++r) {
            if (!records.at(r).isNull(c))
                inference.add(records.at(r).fields.at(c));
            repeats = repeats || records.at(r).fields.at(c) == first.fields.at(c);
        }
        typedColumn = typedColumn || (inference.sawValues() && inference.result() != ColumnType::Text);
    }
    return typedColumn || !repeats;
}

QList<CsvRecord> CsvPreview::dataRecords(bool header) const
{
    return header && !records.isEmpty() ? records.mid(1) : records;
}

QStringList CsvPreview::columnNames(bool header) const
{
    const qsizetype count = records.isEmpty() ? 0 : records.first().fields.size();
    QStringList names;
    QSet<QString> used;
    for (qsizetype c = 0; c < count; ++c) {
        QString name = header ? records.first().fields.at(c).trimmed() : QString();
        if (name.isEmpty())
            name = QStringLiteral("column%1").arg(c + 1);
        const QString base = name;
        for (int n = 2; used.contains(name.toLower()); ++n)
            name = base + QStringLiteral("_%1").arg(n);
        used.insert(name.toLower());
        names << name;
    }
    return names;
}

QList<ColumnType> CsvPreview::inferTypes(bool header) const
{
    const qsizetype count = records.isEmpty() ? 0 : records.first().fields.size();
    QList<TypeInference> inference(count);
    const QList<CsvRecord> data = dataRecords(header);
    for (const CsvRecord &record : data)
        for (qsizetype c = 0; c < count; ++c)
            if (!record.isNull(c))
                inference[c].add(record.fields.at(c));
    QList<ColumnType> types;
    for (const TypeInference &i : inference)
        types << i.result();
    return types;
}

} // namespace strata::data::io
