#pragma once

// What an export or a copy writes: the format and its options, plus the progress and
// cancel plumbing shared by export and import. Plain values, copied to the worker thread.

#include "dialect/dialect.h"

#include <QString>
#include <atomic>
#include <functional>

namespace strata::data::io {

enum class Format {
    Tsv,          ///< tab-separated, as spreadsheets paste it (fields with tab/newline/quote quoted)
    Csv,          ///< RFC 4180 with the chosen delimiter, quote, header, NULL text, line ending
    JsonLines,    ///< one JSON object per line
    JsonArray,    ///< one JSON array of objects
    Markdown,     ///< a GitHub-flavoured Markdown table
    SqlInsert,    ///< one INSERT statement per row, literals written by the dialect
};

enum class TextEncoding { Utf8, Utf8Bom, Latin1 };

enum class BytesFormat {
    Hex,      ///< "\x0a1b" in text formats (PostgreSQL's bytea input form); "0a1b" in JSON
    Base64,
};

struct ExportOptions {
    Format format = Format::Csv;
    QChar delimiter = QLatin1Char(',');      ///< CSV only (TSV always uses a tab)
    QChar quote = QLatin1Char('"');          ///< CSV only
    bool header = true;                      ///< CSV, TSV: write the column names first
    QString nullText;                        ///< how NULL is written in CSV/TSV/Markdown
    QString lineEnding = QStringLiteral("\r\n");   ///< CSV (RFC 4180 says CRLF); others use "\n"
    TextEncoding encoding = TextEncoding::Utf8;
    BytesFormat bytes = BytesFormat::Hex;    ///< text formats; JSON defaults to base64 (see jsonBytes)
    BytesFormat jsonBytes = BytesFormat::Base64;
    /// SQL INSERT: the table the statements insert into, and the dialect that quotes and
    /// writes literals.
    QString tableSchema;
    QString tableName = QStringLiteral("exported");
    dialect::DialectKind sqlDialect = dialect::DialectKind::Postgres;
    int progressEvery = 1000;                ///< rows between progress callbacks

    /// The usual options of a format (TSV without NULL text, Markdown showing NULL, ...).
    static ExportOptions defaultsFor(Format format);
};

/// The display name ("CSV", "JSON lines") and usual file suffix ("csv", "jsonl") of a format.
QString formatName(Format format);
QString formatSuffix(Format format);

struct Progress {
    qint64 rows = 0;          ///< rows written (export) or imported (import)
    qint64 bytes = 0;         ///< bytes written / read so far
    qint64 totalBytes = -1;   ///< import: the file size; export: -1 (unknown)
};

/// Called from the thread doing the work (usually a Connection's worker), every
/// `progressEvery` rows and once at the end. Keep it cheap; post to the GUI thread.
using ProgressCallback = std::function<void(const Progress &)>;

/// Cooperative cancel: set it from any thread; the work stops at the next check with an
/// Error of kind Cancelled and leaves nothing half-written in the database.
using CancelToken = std::atomic<bool>;

} // namespace strata::data::io
