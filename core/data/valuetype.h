#pragma once

// How the grid treats a column's values: a coarse type category derived from the declared
// type, and the conversions between the three forms a value takes:
//  - raw: what the database returned and what is bound back. PostgreSQL values are always
//    their text output (the grid reads in text format, so 12.50 stays 12.50 and timestamps
//    keep their microseconds); SQLite values are the stored class (qlonglong, double,
//    QString, QByteArray).
//  - edit: a typed QVariant for editors (bool, qlonglong, QDate, QDateTime, QByteArray...).
//  - display: one line of text for the cell.
// NULL is an invalid QVariant in every form; an empty string is a non-null empty QString.

#include "dialect/dialect.h"

#include <QStringList>
#include <QVariant>
#include <optional>

namespace strata::data {

enum class ValueType { Text, Integer, Real, Numeric, Bool, Date, Time, Timestamp, TimestampTz,
                       Json, Bytes, Enum, Uuid, Other };

/// The category of a declared type ("integer", "timestamp with time zone", "VARCHAR(20)").
ValueType valueTypeFor(dialect::DialectKind kind, const QString &declaredType);
QString valueTypeName(ValueType type);

/// A non-null empty string: QtSql and Strata treat a null QString as SQL NULL.
QString emptyText();
/// True for SQL NULL (invalid or null variant).
inline bool isSqlNull(const QVariant &v) { return !v.isValid() || v.isNull(); }

/// Raw database value -> value for an editor: a typed one (bool, qlonglong, QDate,
/// QDateTime, QByteArray...) only when it converts back to exactly `raw`; otherwise the
/// value as read (PostgreSQL text, SQLite storage class), for a plain text editor.
QVariant rawToEdit(dialect::DialectKind kind, ValueType type, const QVariant &raw);
/// Typed editor value -> raw value to store in the edit buffer and bind. Text typed into a
/// numeric SQLite column becomes a number when it parses as one; SQLite text typed over a
/// `current` value keeps its storage class when it can (an INTEGER stays an INTEGER, a blob
/// is edited as hex and stays a blob: `ok` is false for text that is not hex).
QVariant editToRaw(dialect::DialectKind kind, ValueType type, const QVariant &edit, const QVariant &current = {},
                   bool *ok = nullptr);
/// SQLite: text typed or pasted over a `current` value keeps that value's storage class when
/// it can, so that an INTEGER stays an INTEGER (and a blob a blob, edited as its hex digits)
/// in a column of mixed classes or of no affinity. Nothing when the class does not apply to
/// the text (or `current` is NULL); `ok` false (and a null value) for a blob given text that
/// is not hex.
std::optional<QVariant> inStorageClassOf(const QVariant &current, const QString &text, bool *ok);
/// One line for the cell; NULL gives an empty string (the delegate styles NULL itself).
QString rawToDisplay(dialect::DialectKind kind, ValueType type, const QVariant &raw);
/// Raw value as the text a person would type or paste ("t" -> "true", bytes -> hex).
QString rawToText(dialect::DialectKind kind, ValueType type, const QVariant &raw);
/// Pasted or typed text -> raw value; `ok` is false when the text does not fit the type.
QVariant textToRaw(dialect::DialectKind kind, ValueType type, const QString &text, bool *ok = nullptr);

/// True for an even number of hex digits (the empty text included).
bool isHexText(QStringView text);

/// Bytes of a raw bytea/BLOB value (PostgreSQL text "\x..." is decoded).
QByteArray rawBytes(dialect::DialectKind kind, const QVariant &raw);

/// Whether two raw values are the same value (used to drop edits that change nothing).
bool sameRaw(const QVariant &a, const QVariant &b);

} // namespace strata::data
