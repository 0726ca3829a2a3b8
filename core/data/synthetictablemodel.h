#pragma once

// SyntheticTableModel: a table of any number of rows (10^10 and more) whose cells are
// computed from their row, for the grid view's tests and `strata-bench view --synthetic`:
// sizes no test database can hold. Columns: id (row + 1), title ("Title <id>"), pages
// (50 + id % 900) and price. Edits are kept in memory, per cell. Rows are numbered 1.. in
// the vertical header like a table's. A RowWindowModel: past its window span the view moves
// the window. GUI thread; QtCore only.

#include "rowwindowmodel.h"

#include <QHash>

namespace strata::data {

class SyntheticTableModel : public RowWindowModel {
    Q_OBJECT
public:
    explicit SyntheticTableModel(qint64 rows, QObject *parent = nullptr);

    /// The value a cell holds before any edit.
    static QVariant valueAt(qint64 absoluteRow, int column);
    /// Changes the row count at the end (rows added or removed).
    void setRows(qint64 rows) { setTotalRows(rows); }
    /// The edited value of a cell, or an invalid QVariant when it was never edited.
    QVariant editedValue(qint64 absoluteRow, int column) const { return m_edits.value(key(absoluteRow, column)); }
    int editCount() const { return int(m_edits.size()); }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    static QPair<qint64, int> key(qint64 row, int column) { return {row, column}; }
    QHash<QPair<qint64, int>, QVariant> m_edits;
};

} // namespace strata::data
