#pragma once

// CSV (RFC 4180) and TSV. A field is quoted when it holds the delimiter, the quote, CR or
// LF (quotes doubled inside), which is also what Excel and LibreOffice expect of pasted
// tab-separated text. In CSV a value that reads like the NULL text (the empty string when
// NULL is written as nothing) is quoted too, so NULL and '' stay apart when read back; so
// is a first field of the file that begins with U+FEFF, which a reader would take for a BOM.

#include "rowwriter.h"

namespace strata::data::io {

class DelimitedWriter final : public RowWriter {
public:
    explicit DelimitedWriter(const ExportOptions &options);

    void begin(const QStringList &columns, const QList<QMetaType> &types, QString &out) override;
    void writeRow(const QVariantList &row, QString &out) override;

private:
    void appendField(const QString &text, bool isNullMarker, QString &out);

    QChar m_delimiter;
    QChar m_quote;
    bool m_quoteNullLookalikes;
    bool m_startOfFile = true;
};

} // namespace strata::data::io
