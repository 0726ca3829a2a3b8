#include "cellselection.h"

#include "data/io/exporter.h"

#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>

namespace strata::ui {

CellBlock selectedCells(const QAbstractItemView &view, const std::function<QString(int)> &columnName,
                        const std::function<QVariant(const QModelIndex &)> &value)
{
    CellBlock block;
    const QModelIndexList cells = view.selectionModel() ? view.selectionModel()->selectedIndexes() : QModelIndexList();
    if (cells.isEmpty())
        return block;
    int top = cells.first().row(), bottom = top, left = cells.first().column(), right = left;
    for (const QModelIndex &cell : cells) {
        top = qMin(top, cell.row());
        bottom = qMax(bottom, cell.row());
        left = qMin(left, cell.column());
        right = qMax(right, cell.column());
    }
    for (int c = left; c <= right; ++c)
        block.columns << columnName(c);
    for (int r = top; r <= bottom; ++r) {
        QVariantList values;
        for (int c = left; c <= right; ++c)
            values << value(view.model()->index(r, c));
        block.rows << values;
    }
    return block;
}

void copyCells(const CellBlock &block, data::io::Format format, dialect::DialectKind dialect, const QString &table)
{
    if (block.isEmpty())
        return;
    QApplication::clipboard()->setText(data::io::formatSelection(block.columns, block.rows, format, dialect, table));
}

} // namespace strata::ui
