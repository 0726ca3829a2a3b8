#pragma once

// ColumnTraits<M>: what a member type M is as a column: its portable type, whether it is
// nullable (std::optional), and how a value travels to and from QVariant. A member type with
// no traits fails to compile at its column() declaration. Canonical values are what the
// session binds and compares for dirty tracking: QDateTime as an instant, JSON as compact
// text, enums as their number (or key name with EnumAsText).

#include "dialect/columntype.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QString>
#include <QTime>
#include <QVariant>
#include <optional>
#include <type_traits>

namespace strata::mapping {

template <typename T, typename Enable = void>
struct ColumnTraits {
    static constexpr bool supported = false;
};

template <typename T, dialect::ColumnType Type>
struct SimpleTraits {
    static constexpr bool supported = true;
    static constexpr bool nullable = false;
    static constexpr dialect::ColumnType type = Type;
    static QVariant toVariant(const T &v) { return QVariant::fromValue(v); }
    static T fromVariant(const QVariant &v) { return v.value<T>(); }
};

template <> struct ColumnTraits<int> : SimpleTraits<int, dialect::ColumnType::Integer> {};
template <> struct ColumnTraits<short> : SimpleTraits<short, dialect::ColumnType::Integer> {
    static QVariant toVariant(short v) { return int(v); }
    static short fromVariant(const QVariant &v) { return short(v.toInt()); }
};
template <> struct ColumnTraits<qint64> : SimpleTraits<qint64, dialect::ColumnType::BigInt> {
    static QVariant toVariant(qint64 v) { return QVariant(qlonglong(v)); }
    static qint64 fromVariant(const QVariant &v) { return v.toLongLong(); }
};
template <> struct ColumnTraits<uint> : SimpleTraits<uint, dialect::ColumnType::BigInt> {
    static QVariant toVariant(uint v) { return QVariant(qlonglong(v)); }
    static uint fromVariant(const QVariant &v) { return uint(v.toLongLong()); }
};
template <> struct ColumnTraits<double> : SimpleTraits<double, dialect::ColumnType::Double> {
    static double fromVariant(const QVariant &v) { return v.toDouble(); }
};
template <> struct ColumnTraits<float> : SimpleTraits<float, dialect::ColumnType::Double> {
    static QVariant toVariant(float v) { return double(v); }
    static float fromVariant(const QVariant &v) { return float(v.toDouble()); }
};
template <> struct ColumnTraits<bool> : SimpleTraits<bool, dialect::ColumnType::Boolean> {
    static bool fromVariant(const QVariant &v)
    {
        // SQLite gives 0/1, PostgreSQL a bool; "t"/"f" never reaches here through QtSql.
        return v.typeId() == QMetaType::QString ? v.toString() == u"1" || v.toString() == u"true"
                                                : v.toBool();
    }
};
// A null QString / QByteArray in a non-optional member is the empty value, never SQL NULL
// (QtSql binds a null QString as NULL).
template <> struct ColumnTraits<QString> : SimpleTraits<QString, dialect::ColumnType::Text> {
    static QVariant toVariant(const QString &v) { return v.isNull() ? QVariant(QStringLiteral("")) : QVariant(v); }
    static QString fromVariant(const QVariant &v) { return v.toString(); }
};
template <> struct ColumnTraits<QByteArray> : SimpleTraits<QByteArray, dialect::ColumnType::Blob> {
    static QVariant toVariant(const QByteArray &v) { return v.isNull() ? QVariant(QByteArray("", 0)) : QVariant(v); }
    static QByteArray fromVariant(const QVariant &v) { return v.toByteArray(); }
};
template <> struct ColumnTraits<QDate> : SimpleTraits<QDate, dialect::ColumnType::Date> {
    static QVariant toVariant(const QDate &d) { return d.isValid() ? QVariant(d) : QVariant(); }
    static QDate fromVariant(const QVariant &v)
    {
        return v.typeId() == QMetaType::QString ? fromText(v.toString()) : v.toDate();
    }
    static QDate fromText(const QString &text) { return QDate::fromString(text, Qt::ISODate); }
};
template <> struct ColumnTraits<QTime> : SimpleTraits<QTime, dialect::ColumnType::Time> {
    static QVariant toVariant(const QTime &t) { return t.isValid() ? QVariant(t) : QVariant(); }
    static QTime fromVariant(const QVariant &v)
    {
        return v.typeId() == QMetaType::QString ? fromText(v.toString()) : v.toTime();
    }
    static QTime fromText(const QString &text) { return QTime::fromString(text, Qt::ISODateWithMs); }
};
template <> struct ColumnTraits<QDateTime> : SimpleTraits<QDateTime, dialect::ColumnType::DateTime> {
    static QVariant toVariant(const QDateTime &t) { return t.isValid() ? QVariant(t.toUTC()) : QVariant(); }
    static QDateTime fromVariant(const QVariant &v)
    {
        return v.typeId() == QMetaType::QString ? fromText(v.toString()) : v.toDateTime().toUTC();
    }
    static QDateTime fromText(const QString &text) { return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC(); }
};
template <> struct ColumnTraits<QJsonDocument> : SimpleTraits<QJsonDocument, dialect::ColumnType::Json> {
    static QVariant toVariant(const QJsonDocument &d)
    {
        return d.isNull() ? QStringLiteral("null") : QString::fromUtf8(d.toJson(QJsonDocument::Compact));
    }
    static QJsonDocument fromVariant(const QVariant &v) { return QJsonDocument::fromJson(v.toString().toUtf8()); }
};
template <> struct ColumnTraits<QJsonObject> : SimpleTraits<QJsonObject, dialect::ColumnType::Json> {
    static QVariant toVariant(const QJsonObject &o)
    {
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    static QJsonObject fromVariant(const QVariant &v)
    {
        return QJsonDocument::fromJson(v.toString().toUtf8()).object();
    }
};

/// Enums: their number by default; their key name (Q_ENUM / Q_ENUM_NS required) with EnumAsText.
template <typename E>
struct ColumnTraits<E, std::enable_if_t<std::is_enum_v<E>>> {
    static constexpr bool supported = true;
    static constexpr bool nullable = false;
    static constexpr dialect::ColumnType type = dialect::ColumnType::Integer;
    static QVariant toVariant(E v) { return int(v); }
    static E fromVariant(const QVariant &v) { return E(v.toInt()); }
    static constexpr bool hasKeyNames = QtPrivate::IsQEnumHelper<E>::Value;
    static QVariant toText(E v)
    {
        if constexpr (hasKeyNames)
            return QString::fromLatin1(QMetaEnum::fromType<E>().valueToKey(int(v)));
        return int(v);
    }
    static E fromText(const QVariant &v)
    {
        if constexpr (hasKeyNames)
            return E(QMetaEnum::fromType<E>().keyToValue(v.toString().toLatin1().constData()));
        return E(v.toInt());
    }
};

template <typename T>
struct ColumnTraits<std::optional<T>> {
    static constexpr bool supported = ColumnTraits<T>::supported;
    static constexpr bool nullable = true;
    static constexpr dialect::ColumnType type = ColumnTraits<T>::type;
    static QVariant toVariant(const std::optional<T> &v)
    {
        return v ? ColumnTraits<T>::toVariant(*v) : QVariant();
    }
    static std::optional<T> fromVariant(const QVariant &v)
    {
        if (!v.isValid() || v.isNull())
            return std::nullopt;
        return ColumnTraits<T>::fromVariant(v);
    }
};

template <typename T> struct Unoptional { using type = T; };
template <typename T> struct Unoptional<std::optional<T>> { using type = T; };

} // namespace strata::mapping
