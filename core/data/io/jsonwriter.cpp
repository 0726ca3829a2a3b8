#include "jsonwriter.h"

#include <QRegularExpression>

namespace strata::data::io {

namespace {

bool isNumericType(const QMetaType &type)
{
    switch (type.id()) {
    case QMetaType::Int: case QMetaType::UInt: case QMetaType::Long: case QMetaType::ULong:
    case QMetaType::LongLong: case QMetaType::ULongLong: case QMetaType::Short: case QMetaType::UShort:
    case QMetaType::Double: case QMetaType::Float:
        return true;
    default:
        return false;
    }
}

bool isJsonNumber(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
    return number.match(text).hasMatch();
}

} // namespace

void JsonWriter::appendString(const QString &text, QString &out)
{
    out += u'"';
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '\b': out += QStringLiteral("\\b"); break;
        case '\f': out += QStringLiteral("\\f"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

void JsonWriter::begin(const QStringList &columns, const QList<QMetaType> &types, QString &out)
{
    for (qsizetype i = 0; i < columns.size(); ++i) {
        QString key;
        appendString(columns.at(i), key);
        m_keys << key + u':';
        m_numeric << (i < types.size() && isNumericType(types.at(i)));
    }
    if (m_options.format == Format::JsonArray)
        out += u'[';
}

void JsonWriter::appendValue(const QVariant &value, bool numericColumn, QString &out) const
{
    if (value.isNull()) {
        out += QStringLiteral("null");
        return;
    }
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        out += value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return;
    case QMetaType::Int: case QMetaType::UInt: case QMetaType::Long: case QMetaType::ULong:
    case QMetaType::LongLong: case QMetaType::ULongLong: case QMetaType::Short: case QMetaType::UShort:
        out += value.toString();
        return;
    case QMetaType::Double: case QMetaType::Float: {
        const double d = value.toDouble();
        if (qIsFinite(d))
            out += plainText(value, m_options.jsonBytes);
        else
            appendString(plainText(value, m_options.jsonBytes), out);
        return;
    }
    case QMetaType::QByteArray: {
        const QByteArray data = value.toByteArray();
        appendString(QString::fromLatin1(m_options.jsonBytes == BytesFormat::Base64 ? data.toBase64() : data.toHex()), out);
        return;
    }
    default:
        break;
    }
    const QString text = plainText(value, m_options.jsonBytes);
    if (numericColumn && isJsonNumber(text))
        out += text;   // exact numeric text (PostgreSQL numeric under high precision)
    else
        appendString(text, out);
}

void JsonWriter::writeRow(const QVariantList &row, QString &out)
{
    if (m_options.format == Format::JsonArray)
        out += m_rows ? QStringLiteral(",\n") : QStringLiteral("\n");
    out += u'{';
    for (qsizetype i = 0; i < row.size() && i < m_keys.size(); ++i) {
        if (i)
            out += u',';
        out += m_keys.at(i);
        appendValue(row.at(i), m_numeric.at(i), out);
    }
    out += u'}';
    if (m_options.format == Format::JsonLines)
        out += u'\n';
    ++m_rows;
}

void JsonWriter::end(QString &out)
{
    if (m_options.format == Format::JsonArray)
        out += m_rows ? QStringLiteral("\n]\n") : QStringLiteral("]\n");
}

} // namespace strata::data::io
