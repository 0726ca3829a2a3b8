#pragma once

// Column types for CSV import: what a column's text looks like (type inference for a new
// table), the type name each dialect uses for it, and the reverse for an existing table's
// declared types (so SQLite gets 1/0 for booleans and real bytes for \x… hex).

#include "dialect/dialect.h"

#include <QString>
#include <QStringList>

namespace strata::data::io {

enum class ColumnType { Text, Integer, BigInteger, Numeric, Boolean, Date, Timestamp, TimestampTz, Bytes };

/// All types, in the order a type combo box lists them.
QList<ColumnType> allColumnTypes();
/// "text", "integer", ... (for people; not SQL).
QString columnTypeLabel(ColumnType type);
/// The dialect's type name: PostgreSQL bigint / numeric / timestamptz ..., SQLite INTEGER / REAL / TEXT ...
QString columnTypeName(ColumnType type, dialect::DialectKind kind);
/// Best match for a declared type ("varchar(20)" -> Text, "int8" -> BigInteger, "BLOB" -> Bytes).
ColumnType columnTypeFromDeclared(const QString &declared);

/// Accumulates the non-NULL values of one column and names the narrowest type that holds
/// them all: integers (no leading zeros, so zip codes like 007 stay text), numbers,
/// booleans (true/false/t/f), ISO dates, ISO timestamps (with a zone: TimestampTz), else text.
class TypeInference {
public:
    void add(const QString &value);
    ColumnType result() const;
    bool sawValues() const { return m_values > 0; }

    /// The type of one value on its own (Text when nothing narrower fits).
    static ColumnType classify(const QString &value);

private:
    qint64 m_values = 0;
    bool m_int = true;
    bool m_int32 = true;
    bool m_numeric = true;
    bool m_bool = true;
    bool m_date = true;
    bool m_timestamp = true;
    bool m_zone = false;
};

} // namespace strata::data::io
