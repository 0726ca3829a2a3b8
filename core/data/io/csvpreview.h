#pragma once

// The first records of a CSV file, for the import dialog's preview and for choosing the
// target columns: whether the first record looks like a header, column names, and the
// inferred type of each column.
//
// Header heuristic: the first record is a header when all its fields are non-empty,
// distinct text, and either some column's other values have a narrower type (numbers,
// dates, booleans) that the first value does not fit, or — in an all-text file — no first
// value appears again further down its column.

#include "columntype.h"
#include "csvreader.h"

namespace strata::data::io {

struct CsvPreview {
    QList<CsvRecord> records;   ///< the first records, the header record included
    bool detectedHeader = false;
    bool complete = false;      ///< the file holds no more records than these

    /// Column names: the header's fields (empty or repeated names made unique: column3,
    /// name_2), or column1…columnN without a header.
    QStringList columnNames(bool header) const;
    /// The inferred type of each column over the data records.
    QList<ColumnType> inferTypes(bool header) const;
    /// The data records (the header record left out when `header`).
    QList<CsvRecord> dataRecords(bool header) const;
};

/// Reads at most `maxRecords` records of `device`. A malformed record within them is an
/// error (Syntax, with its line), so the user sees it before importing.
Result<CsvPreview> readCsvPreview(QIODevice &device, const CsvOptions &options, int maxRecords = 200);

/// The heuristic above, on records already read.
bool detectHeader(const QList<CsvRecord> &records);

} // namespace strata::data::io
