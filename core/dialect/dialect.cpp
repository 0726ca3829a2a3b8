#include "dialect.h"

#include "base/undecodabletext.h"

#include "postgresdialect.h"
#include "sqlitedialect.h"

#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QTime>

#include <cmath>

namespace strata::dialect {

QString Dialect::quoteIdentifier(const QString &name, QuotePolicy policy) const
{
    if (policy == QuotePolicy::WhenNeeded && !needsQuoting(name))
        return name;
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString Dialect::qualifiedName(const QString &schema, const QString &name, QuotePolicy policy) const
{
    if (schema.isEmpty())
        return quoteIdentifier(name, policy);
    return quoteIdentifier(schema, policy) + QLatin1Char('.') + quoteIdentifier(name, policy);
}

QString Dialect::stringLiteral(const QString &text) const
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString Dialect::literal(const QVariant &value) const
{
    if (!value.isValid() || value.isNull())
        return QStringLiteral("NULL");
    if (isUndecodableText(value))
        return textBytesLiteral(value.value<UndecodableText>().bytes);
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return boolLiteral(value.toBool());
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return value.toString();
    case QMetaType::Double:
    case QMetaType::Float:
        return floatLiteral(value.toDouble());
    case QMetaType::QByteArray:
        return bytesLiteral(value.toByteArray());
    case QMetaType::QDate:
        return stringLiteral(value.toDate().toString(Qt::ISODate));
    case QMetaType::QTime:
        return stringLiteral(value.toTime().toString(Qt::ISODateWithMs));
    case QMetaType::QDateTime:
        return stringLiteral(value.toDateTime().toString(Qt::ISODateWithMs));
    case QMetaType::QJsonDocument:
        return stringLiteral(QString::fromUtf8(value.toJsonDocument().toJson(QJsonDocument::Compact)));
    default:
        return textLiteral(value.toString());
    }
}

QString Dialect::floatLiteral(double value) const
{
    if (qIsNaN(value) || qIsInf(value))   // PostgreSQL reads 'NaN', 'inf', '-inf' as float8
        return stringLiteral(QString::number(value));
    if (value == 0 && std::signbit(value))
        return QStringLiteral("-0.0");    // "-0" would be the integer 0
    return QString::number(value, 'g', QLocale::FloatingPointShortest);   // round-trips exactly
}

QString Dialect::textLiteral(const QString &text) const
{
    return stringLiteral(text);
}

QString Dialect::textBytesLiteral(const QByteArray &bytes) const
{
    // PostgreSQL: an escape string; every byte that is not printable ASCII as \xHH.
    QString out = QStringLiteral("E'");
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\'' || u == '\\')
            out += QString(2, QLatin1Char(c));
        else if (u >= 0x20 && u < 0x7f)
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out + QLatin1Char('\'');
}

const Dialect &dialectFor(DialectKind kind)
{
    static const SqliteDialect sqlite;
    static const PostgresDialect postgres;
    return kind == DialectKind::Sqlite ? static_cast<const Dialect &>(sqlite) : postgres;
}

} // namespace strata::dialect
