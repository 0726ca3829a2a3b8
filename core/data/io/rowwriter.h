#pragma once

// RowWriter: one export format. It appends text to a QString buffer; exportRows() encodes
// and flushes that buffer to the device, and formatSelection() keeps it for the clipboard,
// so copy and export share every formatting rule.

#include "exportoptions.h"

#include <QMetaType>
#include <QStringList>
#include <QVariantList>
#include <memory>

namespace strata::data::io {

class RowWriter {
public:
    explicit RowWriter(ExportOptions options) : m_options(std::move(options)) {}
    virtual ~RowWriter() = default;

    virtual void begin(const QStringList &columns, const QList<QMetaType> &types, QString &out) = 0;
    virtual void writeRow(const QVariantList &row, QString &out) = 0;
    virtual void end(QString &out) { Q_UNUSED(out); }

    /// A writer for options.format.
    static std::unique_ptr<RowWriter> create(const ExportOptions &options);

    /// A non-null value as plain text: ISO dates, "true"/"false", shortest round-trip
    /// doubles, bytes as "\x…" hex or base64.
    static QString plainText(const QVariant &value, BytesFormat bytes);

protected:
    ExportOptions m_options;
};

} // namespace strata::data::io
