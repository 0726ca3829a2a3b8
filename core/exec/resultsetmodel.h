#pragma once

// ResultSetModel: a read-only table model over the row batches of one statement's result,
// as they stream in. Appending a batch is O(1) (the batch is shared, not copied); finding a
// row is a binary search over the batches' first rows. QtCore only, so it is tested headless
// and reused by anything that shows or exports a result.

#include "statementoutcome.h"

#include <QAbstractTableModel>
#include <functional>

namespace strata::exec {

class ResultSetModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        IsNullRole = Qt::UserRole + 1,   ///< bool: the cell is SQL NULL
        ValueRole,                       ///< the cell's value, untruncated
    };

    explicit ResultSetModel(QObject *parent = nullptr);

    void setColumns(const QList<ResultColumn> &columns);
    const QList<ResultColumn> &columns() const { return m_columns; }
    /// Appends a batch of this result (rows must arrive in order).
    void appendBatch(const RowBatchPtr &batch);
    void clear();

    QVariant value(int row, int column) const;
    const QList<RowBatchPtr> &batches() const { return m_batches; }
    /// Calls `row` for each row in order (read its cells with batch.cell(row, column));
    /// stops when it returns false. A row source for exporters: no copy of the data is made.
    void forEachRow(const std::function<bool(const RowBatch &batch, int row)> &row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// How a value reads in a cell: NULL, numbers as written, long text cut at 500
    /// characters on one line, BLOBs as their size.
    static QString displayText(const QVariant &value);

private:
    int batchOf(int row) const;

    QList<ResultColumn> m_columns;
    QList<RowBatchPtr> m_batches;
    QList<int> m_starts;   // first row of each batch
    int m_rows = 0;
    mutable int m_lastBatch = 0;
};

} // namespace strata::exec
