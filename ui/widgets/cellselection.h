#pragma once

// The cells a person selected in a table view, as the block the copy formats take: the
// bounding rectangle of the selection, column names and values (NULL as an invalid QVariant).
// Shared by the data grid and the console's result grids.

#include "data/io/exportoptions.h"
#include "dialect/dialect.h"

#include <QAbstractItemView>
#include <QStringList>
#include <QVariantList>
#include <functional>

namespace strata::ui {

struct CellBlock {
    QStringList columns;
    QList<QVariantList> rows;
    bool isEmpty() const { return rows.isEmpty(); }
};

/// `columnName(column)` names a model column; `value(index)` gives the raw value of a cell.
CellBlock selectedCells(const QAbstractItemView &view, const std::function<QString(int)> &columnName,
                        const std::function<QVariant(const QModelIndex &)> &value);

/// Puts the block on the clipboard in `format` (SQL INSERTs for `table` in `dialect`).
void copyCells(const CellBlock &block, data::io::Format format, dialect::DialectKind dialect, const QString &table);

} // namespace strata::ui
