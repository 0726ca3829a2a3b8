#include "columntype.h"

#include <QDate>
#include <QRegularExpression>
#include <QTime>

namespace strata::data::io {

namespace {

bool isInteger(const QString &v, bool *fits32)
{
    static const QRegularExpression re(QStringLiteral("^[+-]?(0|[1-9][0-9]*)$"));
    if (!re.match(v).hasMatch())
        return false;
    bool ok = false;
    const qlonglong n = v.toLongLong(&ok);
    if (!ok)
        return false;   // beyond 64 bits: numeric
    *fits32 = n >= std::numeric_limits<qint32>::min() && n <= std::numeric_limits<qint32>::max();
    return true;
}

bool isNumeric(const QString &v)
{
    static const QRegularExpression re(QStringLiteral("^[+-]?((0|[1-9][0-9]*)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$"));
    return re.match(v).hasMatch();
}

bool isBoolean(const QString &v)
{
    const QString l = v.toLower();
    return l == u"true" || l == u"false" || l == u"t" || l == u"f";
}

bool isDate(const QString &v)
{
    static const QRegularExpression re(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    return re.match(v).hasMatch() && QDate::fromString(v, Qt::ISODate).isValid();
}

/// 0: not a timestamp, 1: without zone, 2: with zone.
int timestampKind(const QString &v)
{
    static const QRegularExpression re(QStringLiteral(
        "^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?)(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$"));
    const QRegularExpressionMatch m = re.match(v);
    if (!m.hasMatch() || !QDate::fromString(m.captured(1), Qt::ISODate).isValid())
        return 0;
    QString time = m.captured(2);
    if (!m.captured(4).isEmpty())
        time.chop(m.captured(4).size());   // QTime's ISO form takes milliseconds only
    if (!QTime::fromString(time, Qt::ISODate).isValid())
        return 0;
    return m.captured(5).isEmpty() ? 1 : 2;
}

} // namespace

QList<ColumnType> allColumnTypes()
{
    return {ColumnType::Text, ColumnType::Integer, ColumnType::BigInteger, ColumnType::Numeric, ColumnType::Boolean,
            ColumnType::Date, ColumnType::Timestamp, ColumnType::TimestampTz, ColumnType::Bytes};
}

QString columnTypeLabel(ColumnType type)
{
    switch (type) {
    case ColumnType::Text: return QStringLiteral("text");
    case ColumnType::Integer: return QStringLiteral("integer");
    case ColumnType::BigInteger: return QStringLiteral("big integer");
    case ColumnType::Numeric: return QStringLiteral("number");
    case ColumnType::Boolean: return QStringLiteral("boolean");
    case ColumnType::Date: return QStringLiteral("date");
    case ColumnType::Timestamp: return QStringLiteral("timestamp");
    case ColumnType::TimestampTz: return QStringLiteral("timestamp with time zone");
    case ColumnType::Bytes: return QStringLiteral("bytes");
    }
    return {};
}

QString columnTypeName(ColumnType type, dialect::DialectKind kind)
{
    const bool pg = kind == dialect::DialectKind::Postgres;
    switch (type) {
    case ColumnType::Text: return pg ? QStringLiteral("text") : QStringLiteral("TEXT");
    case ColumnType::Integer: return pg ? QStringLiteral("integer") : QStringLiteral("INTEGER");
    case ColumnType::BigInteger: return pg ? QStringLiteral("bigint") : QStringLiteral("INTEGER");
    case ColumnType::Numeric: return pg ? QStringLiteral("numeric") : QStringLiteral("REAL");
    case ColumnType::Boolean: return pg ? QStringLiteral("boolean") : QStringLiteral("BOOLEAN");
    case ColumnType::Date: return pg ? QStringLiteral("date") : QStringLiteral("DATE");
    case ColumnType::Timestamp: return pg ? QStringLiteral("timestamp") : QStringLiteral("TIMESTAMP");
    case ColumnType::TimestampTz: return pg ? QStringLiteral("timestamptz") : QStringLiteral("TIMESTAMP");
    case ColumnType::Bytes: return pg ? QStringLiteral("bytea") : QStringLiteral("BLOB");
    }
    return {};
}

ColumnType columnTypeFromDeclared(const QString &declared)
{
    const QString t = declared.toLower();
    if (t.contains(u"timestamp") && (t.contains(u"with time zone") || t.contains(u"tz")))
        return ColumnType::TimestampTz;
    if (t.contains(u"timestamp") || t.contains(u"datetime"))
        return ColumnType::Timestamp;
    if (t == u"date")
        return ColumnType::Date;
    if (t.contains(u"bool"))
        return ColumnType::Boolean;
    if (t == u"bigint" || t == u"int8" || t == u"bigserial")
        return ColumnType::BigInteger;
    if (t.contains(u"int") && !t.contains(u"interval") && !t.contains(u"point"))
        return ColumnType::Integer;
    if (t.contains(u"real") || t.contains(u"floa") || t.contains(u"doub") || t.startsWith(u"numeric")
        || t.startsWith(u"decimal"))
        return ColumnType::Numeric;
    if (t.contains(u"blob") || t == u"bytea")
        return ColumnType::Bytes;
    return ColumnType::Text;
}

ColumnType TypeInference::classify(const QString &value)
{
    TypeInference one;
    one.add(value);
    return one.result();
}

void TypeInference::add(const QString &value)
{
    ++m_values;
    bool fits32 = true;
    if (m_int && !isInteger(value, &fits32))
        m_int = false;
    m_int32 = m_int32 && fits32;
    if (m_numeric && !m_int && !isNumeric(value))
        m_numeric = false;
    if (m_bool && !isBoolean(value))
        m_bool = false;
    if (m_date && !isDate(value))
        m_date = false;
    if (m_timestamp) {
        const int kind = timestampKind(value);
        m_timestamp = kind != 0;
        m_zone = m_zone || kind == 2;
    }
}

ColumnType TypeInference::result() const
{
    if (m_values == 0)
        return ColumnType::Text;
    if (m_bool)
        return ColumnType::Boolean;
    if (m_int)
        return m_int32 ? ColumnType::Integer : ColumnType::BigInteger;
    if (m_numeric)
        return ColumnType::Numeric;
    if (m_date)
        return ColumnType::Date;
    if (m_timestamp)
        return m_zone ? ColumnType::TimestampTz : ColumnType::Timestamp;
    return ColumnType::Text;
}

} // namespace strata::data::io
