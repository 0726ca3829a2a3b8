#include "valuetype.h"

#include "base/undecodabletext.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTime>
#include <QTimeZone>

#include <cctype>

#include <optional>

namespace strata::data {

using dialect::DialectKind;

namespace {

ValueType postgresType(const QString &t)
{
    // `t` is format_type()'s spelling. Arrays, ranges, intervals, money (locale-formatted
    // text), time with time zone (an offset no time editor holds) and every other type are
    // edited as the server's text.
    if (t.endsWith(QLatin1String("[]")))
        return ValueType::Other;
    if (t == QLatin1String("boolean"))
        return ValueType::Bool;
    if (t == QLatin1String("integer") || t == QLatin1String("bigint") || t == QLatin1String("smallint") || t == QLatin1String("oid"))
        return ValueType::Integer;
    if (t == QLatin1String("real") || t == QLatin1String("double precision"))
        return ValueType::Real;
    if (t == QLatin1String("numeric") || t.startsWith(QLatin1String("numeric(")))
        return ValueType::Numeric;
    if (t == QLatin1String("date"))
        return ValueType::Date;
    if (t.startsWith(QLatin1String("timestamp")))
        return t.contains(QLatin1String("with time zone")) ? ValueType::TimestampTz : ValueType::Timestamp;
    if (t.startsWith(QLatin1String("time")))
        return t.contains(QLatin1String("with time zone")) ? ValueType::Other : ValueType::Time;
    if (t == QLatin1String("json") || t == QLatin1String("jsonb"))
        return ValueType::Json;
    if (t == QLatin1String("bytea"))
        return ValueType::Bytes;
    if (t == QLatin1String("uuid"))
        return ValueType::Uuid;
    if (t == QLatin1String("text") || t.startsWith(QLatin1String("character")) || t.startsWith(QLatin1String("varchar"))
        || t == QLatin1String("name") || t == QLatin1String("citext"))
        return ValueType::Text;
    return ValueType::Other;
}

ValueType sqliteType(const QString &declared)
{
    // SQLite's affinity rules (section 3.1 of the datatype page), plus the type names people
    // use for booleans, dates and JSON, which SQLite stores as numbers or text.
    const QString t = declared.toUpper();
    if (t.startsWith(QLatin1String("BOOL")))
        return ValueType::Bool;
    if (t == QLatin1String("DATE"))
        return ValueType::Date;
    if (t == QLatin1String("TIME"))
        return ValueType::Time;
    if (t.startsWith(QLatin1String("DATETIME")) || t.startsWith(QLatin1String("TIMESTAMP")))
        return ValueType::Timestamp;
    if (t == QLatin1String("JSON") || t == QLatin1String("JSONB"))
        return ValueType::Json;
    if (t.contains(QLatin1String("INT")))
        return ValueType::Integer;
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) || t.contains(QLatin1String("TEXT")))
        return ValueType::Text;
    if (t.contains(QLatin1String("BLOB")))
        return ValueType::Bytes;
    if (t.isEmpty())
        return ValueType::Other;
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) || t.contains(QLatin1String("DOUB")))
        return ValueType::Real;
    return ValueType::Numeric;
}

/// Seconds with the fraction as PostgreSQL writes it: no trailing zeros, none at all for 0.
QString secondsText(const QTime &t)
{
    QString text = t.toString(QStringLiteral("HH:mm:ss"));
    if (t.msec() != 0) {
        QString fraction = QStringLiteral("%1").arg(t.msec(), 3, 10, QLatin1Char('0'));
        while (fraction.endsWith(QLatin1Char('0')))
            fraction.chop(1);
        text += QLatin1Char('.') + fraction;
    }
    return text;
}

/// A timestamp in PostgreSQL's ISO output form ("2024-06-30 23:59:01.5+02", "+05:45"), so
/// that a value read, edited in a date-time editor and left unchanged gives the same text.
QString pgTimestampText(const QDateTime &dt, bool withZone)
{
    QString text = dt.date().toString(Qt::ISODate) + QLatin1Char(' ') + secondsText(dt.time());
    if (withZone) {
        const int offset = dt.offsetFromUtc();
        const int minutes = qAbs(offset) / 60;
        text += (offset < 0 ? QLatin1Char('-') : QLatin1Char('+')) + QStringLiteral("%1").arg(minutes / 60, 2, 10, QLatin1Char('0'));
        if (minutes % 60 != 0)
            text += QStringLiteral(":%1").arg(minutes % 60, 2, 10, QLatin1Char('0'));
    }
    return text;
}

/// The spellings of a number PostgreSQL reads beyond digits (float8 and numeric input).
bool isSpecialNumber(const QString &t)
{
    static const QRegularExpression special(QStringLiteral("^[+-]?(nan|inf|infinity)$"), QRegularExpression::CaseInsensitiveOption);
    return special.match(t).hasMatch();
}

bool isDecimalNumber(const QString &t)
{
    static const QRegularExpression number(QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
    return number.match(t).hasMatch();
}

QDateTime parseTimestamp(const QString &text)
{
    QString s = text.trimmed();
    s.replace(QLatin1Char(' '), QLatin1Char('T'));
    // PostgreSQL writes offsets as +02 or +05:30; Qt's ISO parser wants +02:00.
    static const QRegularExpression shortOffset(QStringLiteral("([+-]\\d\\d)$"));
    s.replace(shortOffset, QStringLiteral("\\1:00"));
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(s, Qt::ISODate);
    return dt;
}

} // namespace

ValueType valueTypeFor(DialectKind kind, const QString &declaredType)
{
    return kind == DialectKind::Postgres ? postgresType(declaredType.toLower().trimmed()) : sqliteType(declaredType.trimmed());
}

bool isHexText(QStringView text)
{
    // A loop, not a regular expression: a megabyte of hex overflows PCRE's match stack.
    if (text.size() % 2 != 0)
        return false;
    for (const QChar c : text)
        if (c.unicode() >= 128 || !std::isxdigit(c.unicode()))
            return false;
    return true;
}

QString valueTypeName(ValueType type)
{
    static const char *const names[] = {"text", "integer", "real", "numeric", "bool", "date", "time", "timestamp",
                                        "timestamptz", "json", "bytes", "enum", "uuid", "other"};
    return QString::fromLatin1(names[static_cast<int>(type)]);
}

QString emptyText()
{
    return QStringLiteral("");
}

QByteArray rawBytes(DialectKind kind, const QVariant &raw)
{
    if (isSqlNull(raw))
        return {};
    if (raw.metaType().id() == QMetaType::QByteArray)
        return raw.toByteArray();
    const QString text = raw.toString();
    if (kind != DialectKind::Postgres)
        return text.toUtf8();
    if (text.startsWith(QLatin1String("\\x")))
        return QByteArray::fromHex(text.mid(2).toLatin1());
    // bytea_output = escape (QPSQL sets it on its sessions): \\ and \ooo octal escapes.
    const QByteArray in = text.toLatin1();
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) == '\\' && i + 1 < in.size() && in.at(i + 1) == '\\') {
            out.append('\\');
            ++i;
        } else if (in.at(i) == '\\' && i + 3 < in.size()) {
            out.append(char(in.mid(i + 1, 3).toInt(nullptr, 8)));
            i += 3;
        } else {
            out.append(in.at(i));
        }
    }
    return out;
}

namespace {

/// The typed value an editor would show for `raw` (see rawToEdit for when it is offered).
QVariant typedEdit(DialectKind kind, ValueType type, const QVariant &raw)
{
    const QString text = raw.toString();
    switch (type) {
    case ValueType::Bool:
        if (kind == DialectKind::Postgres)
            return text == QLatin1String("t") || text == QLatin1String("true");
        return raw.toLongLong() != 0;
    case ValueType::Integer: {
        bool ok = false;
        const qlonglong v = text.toLongLong(&ok);
        return ok ? QVariant(v) : raw;
    }
    case ValueType::Real:
        if (kind == DialectKind::Sqlite && raw.metaType().id() == QMetaType::Double)
            return raw;
        return text;
    case ValueType::Date: {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        return d.isValid() ? QVariant(d) : raw;
    }
    case ValueType::Time: {
        QTime t = QTime::fromString(text, Qt::ISODateWithMs);
        if (!t.isValid())
            t = QTime::fromString(text, Qt::ISODate);
        return t.isValid() ? QVariant(t) : raw;
    }
    case ValueType::Timestamp:
    case ValueType::TimestampTz: {
        const QDateTime dt = parseTimestamp(text);
        return dt.isValid() ? QVariant(dt) : raw;
    }
    case ValueType::Bytes:
        return rawBytes(kind, raw);
    default:
        if (raw.metaType().id() == QMetaType::QByteArray && kind == DialectKind::Sqlite)
            return raw;
        return text;
    }
}

} // namespace

QVariant rawToEdit(DialectKind kind, ValueType type, const QVariant &raw)
{
    if (isSqlNull(raw))
        return {};
    if (isUndecodableText(raw))   // shown only: such a cell is read-only
        return rawToText(kind, type, raw);
    // A typed editor value (bool, QDate, QDateTime...) is offered only when it converts back
    // to exactly the value read: then opening an editor and leaving it changes nothing, and
    // an editor never writes a value the person did not set (a timestamp's microseconds, a
    // BC date, 'infinity', a SQLite boolean column holding 2). Otherwise the editor gets the
    // value as read: PostgreSQL's text, SQLite's storage class.
    const QVariant typed = typedEdit(kind, type, raw);
    bool ok = true;
    if (sameRaw(editToRaw(kind, type, typed, raw, &ok), raw) && ok)
        return typed;
    return kind == DialectKind::Postgres ? QVariant(raw.toString()) : raw;
}

QVariant editToRaw(DialectKind kind, ValueType type, const QVariant &edit, const QVariant &current, bool *ok)
{
    if (ok)
        *ok = true;
    if (isSqlNull(edit))
        return {};
    const bool pg = kind == DialectKind::Postgres;
    switch (edit.metaType().id()) {
    case QMetaType::Bool:
        // PostgreSQL writes booleans as t / f: the same text as read.
        return pg ? QVariant(edit.toBool() ? QStringLiteral("t") : QStringLiteral("f")) : QVariant(qlonglong(edit.toBool()));
    case QMetaType::QDate:
        return edit.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return secondsText(edit.toTime());
    case QMetaType::QDateTime: {
        QDateTime dt = edit.toDateTime();
        if (pg && type == ValueType::TimestampTz) {
            // Date-time editors hand back local time; the instant is written in the offset
            // the value had (the session's), so an untouched value is the same text.
            const QDateTime was = isSqlNull(current) ? QDateTime() : parseTimestamp(current.toString());
            if (was.isValid())
                dt = dt.toOffsetFromUtc(was.offsetFromUtc());
        }
        if (pg)
            return pgTimestampText(dt, type == ValueType::TimestampTz);
        return dt.toString(dt.time().msec() ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz") : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    case QMetaType::QByteArray:
        if (pg)
            return QString(QStringLiteral("\\x") + QString::fromLatin1(edit.toByteArray().toHex()));
        return edit.toByteArray();
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return pg ? QVariant(edit.toString()) : QVariant(edit.toLongLong());
    case QMetaType::Double: {
        if (!pg)
            return edit;
        const double d = edit.toDouble();
        if (qIsNaN(d))
            return QStringLiteral("NaN");
        if (qIsInf(d))
            return d < 0 ? QStringLiteral("-Infinity") : QStringLiteral("Infinity");
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    default:
        break;
    }
    const QString text = edit.toString();
    if (!pg && !isSqlNull(current)) {
        bool kept = true;
        if (std::optional<QVariant> value = inStorageClassOf(current, text, &kept)) {
            if (ok)
                *ok = kept;
            return *value;
        }
    }
    bool fits = true;
    const QVariant raw = textToRaw(kind, type, text, &fits);
    // Text that does not fit the type is still sent: the server's message says why.
    return fits ? raw : QVariant(text.isEmpty() ? emptyText() : text);
}

std::optional<QVariant> inStorageClassOf(const QVariant &current, const QString &text, bool *ok)
{
    if (isSqlNull(current))
        return std::nullopt;
    const QString t = text.trimmed();
    switch (current.metaType().id()) {
    case QMetaType::QByteArray: {
        // A blob is edited as its hex digits.
        bool hex = false;
        QVariant bytes = textToRaw(DialectKind::Sqlite, ValueType::Bytes, text, &hex);
        *ok = hex;
        return hex ? bytes : QVariant();
    }
    case QMetaType::LongLong: {
        bool isInt = false;
        const qlonglong v = t.toLongLong(&isInt);
        if (isInt)
            return QVariant(v);
        break;
    }
    case QMetaType::Double: {
        bool isNumber = false;
        const double d = t.toDouble(&isNumber);
        if (isNumber && !t.isEmpty())
            return QVariant(d);
        break;
    }
    default:
        break;
    }
    return std::nullopt;
}

QString rawToDisplay(DialectKind kind, ValueType type, const QVariant &raw)
{
    if (isSqlNull(raw))
        return {};
    if (raw.metaType().id() == QMetaType::QByteArray || (type == ValueType::Bytes && kind == DialectKind::Postgres)) {
        const QByteArray bytes = rawBytes(kind, raw);
        return QStringLiteral("[%1 B] %2%3").arg(bytes.size())
            .arg(QString::fromLatin1(bytes.left(16).toHex(' ')), bytes.size() > 16 ? QStringLiteral(" …") : QString());
    }
    QString text = rawToText(kind, type, raw);
    if (text.size() > 300)
        text = text.left(300) + QStringLiteral("…");
    text.replace(QLatin1Char('\n'), QChar(0x23CE));
    text.replace(QLatin1Char('\r'), QString());
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return text;
}

QString rawToText(DialectKind kind, ValueType type, const QVariant &raw)
{
    if (isSqlNull(raw))
        return {};
    if (isUndecodableText(raw))   // what can be decoded, U+FFFD for the rest
        return QString::fromUtf8(raw.value<UndecodableText>().bytes);
    if (type == ValueType::Bool) {
        if (kind == DialectKind::Postgres)
            return raw.toString() == QLatin1String("t") ? QStringLiteral("true") : QStringLiteral("false");
        if (raw.metaType().id() == QMetaType::LongLong)
            return raw.toLongLong() ? QStringLiteral("true") : QStringLiteral("false");
    }
    // Bytes as hex; SQLite text in a BLOB column stays the text it is.
    const bool bytes = raw.metaType().id() == QMetaType::QByteArray || (type == ValueType::Bytes && kind == DialectKind::Postgres);
    if (bytes)
        return QString::fromLatin1(rawBytes(kind, raw).toHex());
    if (raw.metaType().id() == QMetaType::Double)
        return QString::number(raw.toDouble(), 'g', QLocale::FloatingPointShortest);
    return raw.toString();
}

QVariant textToRaw(DialectKind kind, ValueType type, const QString &text, bool *ok)
{
    if (ok)
        *ok = true;
    const bool pg = kind == DialectKind::Postgres;
    const QString t = text.trimmed();
    auto fail = [&]() -> QVariant {
        if (ok)
            *ok = false;
        return {};
    };
    switch (type) {
    case ValueType::Bool: {
        const QString l = t.toLower();
        const bool truth = l == QLatin1String("true") || l == QLatin1String("t") || l == QLatin1String("1") || l == QLatin1String("yes");
        const bool falsity = l == QLatin1String("false") || l == QLatin1String("f") || l == QLatin1String("0") || l == QLatin1String("no");
        if (!truth && !falsity)
            return fail();
        return pg ? QVariant(truth ? QStringLiteral("t") : QStringLiteral("f")) : QVariant(qlonglong(truth));
    }
    case ValueType::Integer: {
        bool isInt = false;
        const qlonglong v = t.toLongLong(&isInt);
        if (!isInt)
            return pg ? fail() : QVariant(text.isEmpty() ? emptyText() : text);   // SQLite stores what it is given
        return pg ? QVariant(QString::number(v)) : QVariant(v);
    }
    case ValueType::Real:
    case ValueType::Numeric: {
        // PostgreSQL: the text as typed (numeric keeps every digit; NaN and Infinity are
        // its spellings). SQLite: a REAL column gets a double, a NUMERIC one an integer when
        // the text is one.
        if (pg)
            return isDecimalNumber(t) || isSpecialNumber(t) ? QVariant(t) : fail();
        bool isNumber = false;
        const double d = t.toDouble(&isNumber);
        if (!isNumber || t.isEmpty())
            return QVariant(text.isEmpty() ? emptyText() : text);
        bool isInt = false;
        const qlonglong i = t.toLongLong(&isInt);
        return isInt && type == ValueType::Numeric ? QVariant(i) : QVariant(d);
    }
    case ValueType::Bytes: {
        QString hex = t;
        if (hex.startsWith(QLatin1String("\\x")) || hex.startsWith(QLatin1String("0x")))
            hex = hex.mid(2);
        if (!isHexText(hex))
            return fail();
        const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
        return pg ? QVariant(QString(QStringLiteral("\\x") + hex.toLower())) : QVariant(bytes);
    }
    default:
        return text.isEmpty() ? QVariant(emptyText()) : QVariant(text);
    }
}

bool sameRaw(const QVariant &a, const QVariant &b)
{
    if (isSqlNull(a) || isSqlNull(b))
        return isSqlNull(a) && isSqlNull(b);
    if (isUndecodableText(a) || isUndecodableText(b))
        return a.metaType() == b.metaType() && a.value<UndecodableText>() == b.value<UndecodableText>();
    const int ta = a.metaType().id();
    const int tb = b.metaType().id();
    if (ta == QMetaType::QByteArray || tb == QMetaType::QByteArray)
        return ta == tb && a.toByteArray() == b.toByteArray();
    const bool numA = ta == QMetaType::LongLong || ta == QMetaType::Double || ta == QMetaType::Int;
    const bool numB = tb == QMetaType::LongLong || tb == QMetaType::Double || tb == QMetaType::Int;
    if (numA != numB)
        return false;   // SQLite: 5 and '5' are different values
    if (numA && (ta == QMetaType::Double || tb == QMetaType::Double))
        return a.toDouble() == b.toDouble() && ta == tb;
    return a.toString() == b.toString();
}

} // namespace strata::data
