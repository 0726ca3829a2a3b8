#pragma once

// Text whose bytes are not valid UTF-8: SQLite TEXT written by another tool in Latin-1 or
// cut mid-character, PostgreSQL text from a SQL_ASCII database. A QString cannot hold it
// (decoding replaces what it cannot read with U+FFFD), so the data layer keeps the exact
// bytes in this type: they are bound back and compared unchanged, shown decoded with
// U+FFFD, written as SQL literals byte for byte, and never edited (the grid could only
// write a different text).

#include <QByteArray>
#include <QMetaType>
#include <QVariant>

namespace strata {

struct UndecodableText {
    QByteArray bytes;
    bool operator==(const UndecodableText &) const = default;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::UndecodableText)

namespace strata {

/// The bytes as text, when they are valid UTF-8; otherwise an UndecodableText.
QVariant textFromUtf8(const char *data, qsizetype size);
/// True when `value` holds an UndecodableText.
inline bool isUndecodableText(const QVariant &value)
{
    return value.metaType() == QMetaType::fromType<UndecodableText>();
}

} // namespace strata
