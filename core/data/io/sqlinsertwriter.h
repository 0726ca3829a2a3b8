#pragma once

// SQL INSERT statements, one per row: the table and column names quoted by the chosen
// dialect, values written by Dialect::literal (strings with doubled quotes, bytes as the
// dialect's blob literal, NULL as NULL).

#include "rowwriter.h"

namespace strata::data::io {

class SqlInsertWriter final : public RowWriter {
public:
    using RowWriter::RowWriter;

    void begin(const QStringList &columns, const QList<QMetaType> &types, QString &out) override;
    void writeRow(const QVariantList &row, QString &out) override;

private:
    QString m_prefix;   // INSERT INTO "t" ("a", "b") VALUES (
};

} // namespace strata::data::io
