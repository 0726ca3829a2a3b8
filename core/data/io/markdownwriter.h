#pragma once

// A GitHub-flavoured Markdown table: | escaped as \|, backslashes doubled, line breaks
// inside a value written as <br> (a table cell cannot span lines).

#include "rowwriter.h"

namespace strata::data::io {

class MarkdownWriter final : public RowWriter {
public:
    using RowWriter::RowWriter;

    void begin(const QStringList &columns, const QList<QMetaType> &types, QString &out) override;
    void writeRow(const QVariantList &row, QString &out) override;

    static QString escapeCell(const QString &text);
};

} // namespace strata::data::io
