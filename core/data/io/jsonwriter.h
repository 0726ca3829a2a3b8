#pragma once

// JSON lines (one object per row and line) and a JSON array of objects. Keys are the
// column names in order; numbers stay numbers (PostgreSQL numeric text is written as a
// number too, without going through a double), booleans stay booleans, NULL is null,
// bytes are base64 or hex strings, dates and times ISO 8601 strings. NaN and infinities,
// which JSON cannot hold, become strings.

#include "rowwriter.h"

namespace strata::data::io {

class JsonWriter final : public RowWriter {
public:
    using RowWriter::RowWriter;

    void begin(const QStringList &columns, const QList<QMetaType> &types, QString &out) override;
    void writeRow(const QVariantList &row, QString &out) override;
    void end(QString &out) override;

    /// `text` as a JSON string literal, quotes included.
    static void appendString(const QString &text, QString &out);

private:
    void appendValue(const QVariant &value, bool numericColumn, QString &out) const;

    QStringList m_keys;          // already escaped and quoted
    QList<bool> m_numeric;       // per column: the driver calls it a number
    qint64 m_rows = 0;
};

} // namespace strata::data::io
