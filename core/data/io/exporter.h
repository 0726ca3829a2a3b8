#pragma once

// Export and copy: every format over any RowSource.
//
//   exportRows(source, file, options, progress, cancel)   // worker thread, streamed
//   formatSelection(columns, rows, Format::Tsv)           // clipboard text, any thread
//
// exportRows() reads one row at a time and flushes the encoded text to the device every
// ~64 KB, so memory does not grow with the row count. It runs on the thread that owns the
// source's database (a Connection job); cancellation is checked between rows.

#include "exportoptions.h"
#include "rowsource.h"

#include <QIODevice>

namespace strata::data::io {

/// Writes every row of `source` to `device` (open for writing). Returns the number of rows
/// written; Cancelled when `cancel` was set (what was written so far stays in the device:
/// the caller removes a partial file); Io when the device refuses data or a value cannot
/// be represented in the chosen encoding (Latin-1).
Result<qint64> exportRows(RowSource &source, QIODevice &device, const ExportOptions &options,
                          const ProgressCallback &progress = {}, const CancelToken *cancel = nullptr);

/// The text of `rows` in `format` with that format's usual options (TSV for spreadsheets
/// without a header... see ExportOptions::defaultsFor), for the clipboard.
QString formatSelection(const QStringList &columns, const QList<QVariantList> &rows, Format format,
                        dialect::DialectKind sqlDialect = dialect::DialectKind::Postgres,
                        const QString &tableName = QStringLiteral("selection"));

/// The same with explicit options.
QString formatRows(const QStringList &columns, const QList<QVariantList> &rows, const ExportOptions &options);

} // namespace strata::data::io
