#include "rowwriter.h"

#include "base/undecodabletext.h"

#include "delimitedwriter.h"
#include "jsonwriter.h"
#include "markdownwriter.h"
#include "sqlinsertwriter.h"

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QTime>

namespace strata::data::io {

std::unique_ptr<RowWriter> RowWriter::create(const ExportOptions &options)
{
    switch (options.format) {
    case Format::Tsv:
    case Format::Csv:
        return std::make_unique<DelimitedWriter>(options);
    case Format::JsonLines:
    case Format::JsonArray:
        return std::make_unique<JsonWriter>(options);
    case Format::Markdown:
        return std::make_unique<MarkdownWriter>(options);
    case Format::SqlInsert:
        return std::make_unique<SqlInsertWriter>(options);
    }
    return std::make_unique<DelimitedWriter>(options);
}

QString RowWriter::plainText(const QVariant &value, BytesFormat bytes)
{
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::QByteArray: {
        const QByteArray data = value.toByteArray();
        if (bytes == BytesFormat::Base64)
            return QString::fromLatin1(data.toBase64());
        return QStringLiteral("\\x") + QString::fromLatin1(data.toHex());
    }
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime: {
        const QTime t = value.toTime();
        return t.toString(t.msec() ? Qt::ISODateWithMs : Qt::ISODate);
    }
    case QMetaType::QDateTime: {
        const QDateTime dt = value.toDateTime();
        return dt.toString(dt.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
    }
    case QMetaType::QJsonDocument:
        return QString::fromUtf8(value.toJsonDocument().toJson(QJsonDocument::Compact));
    default:
        if (isUndecodableText(value))   // text formats are UTF-8: what decodes, U+FFFD for the rest
            return QString::fromUtf8(value.value<UndecodableText>().bytes);
        return value.toString();
    }
}

ExportOptions ExportOptions::defaultsFor(Format format)
{
    ExportOptions o;
    o.format = format;
    switch (format) {
    case Format::Tsv:
        o.delimiter = QLatin1Char('\t');
        o.lineEnding = QStringLiteral("\n");
        break;
    case Format::Csv:
        break;
    case Format::Markdown:
        o.nullText = QStringLiteral("NULL");
        o.lineEnding = QStringLiteral("\n");
        break;
    default:
        o.lineEnding = QStringLiteral("\n");
        break;
    }
    return o;
}

QString formatName(Format format)
{
    switch (format) {
    case Format::Tsv: return QStringLiteral("TSV (spreadsheet)");
    case Format::Csv: return QStringLiteral("CSV");
    case Format::JsonLines: return QStringLiteral("JSON lines");
    case Format::JsonArray: return QStringLiteral("JSON array");
    case Format::Markdown: return QStringLiteral("Markdown table");
    case Format::SqlInsert: return QStringLiteral("SQL INSERT statements");
    }
    return {};
}

QString formatSuffix(Format format)
{
    switch (format) {
    case Format::Tsv: return QStringLiteral("tsv");
    case Format::Csv: return QStringLiteral("csv");
    case Format::JsonLines: return QStringLiteral("jsonl");
    case Format::JsonArray: return QStringLiteral("json");
    case Format::Markdown: return QStringLiteral("md");
    case Format::SqlInsert: return QStringLiteral("sql");
    }
    return {};
}

} // namespace strata::data::io
