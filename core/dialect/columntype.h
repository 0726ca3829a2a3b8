#pragma once

// The portable column types a mapped C++ member can have. Each dialect names them in its
// own DDL (Dialect::typeName); the mapping layer never writes a type name itself.

namespace strata::dialect {

enum class ColumnType {
    Integer,    ///< 32-bit integer (int, short, enums stored as numbers)
    BigInt,     ///< 64-bit integer (qint64, unsigned 32-bit)
    Double,     ///< double / float
    Boolean,
    Text,       ///< QString, enums stored as text
    Blob,       ///< QByteArray
    Date,       ///< QDate
    Time,       ///< QTime
    DateTime,   ///< QDateTime: an instant (timestamptz; ISO-8601 UTC text in SQLite)
    Json,       ///< QJsonDocument / QJsonObject (jsonb; text in SQLite)
};

} // namespace strata::dialect
