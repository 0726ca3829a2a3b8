#pragma once

// SchemaDiffModel: the operations of a comparison as a tree, one top-level row per table
// (view, sequence, type) and under it one checkable row per operation, coloured and marked
// by what it does (+ added, − removed, ~ changed, → renamed). Ticking a table ticks all its
// operations; the table's box shows whether all, some or none of them are ticked.
// checkedOperations() keeps the comparison's order, which the comparator chose so that
// dependencies come first.

#include "diffentry.h"

#include <QStandardItemModel>

namespace strata::ui {

class SchemaDiffModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { OperationRole = Qt::UserRole + 1, OwnerRole, PreviousOwnerRole };

    explicit SchemaDiffModel(QObject *parent = nullptr);

    /// Replaces the tree; every operation starts ticked.
    void setOperations(const QList<migrate::ops::Operation> &operations);
    const QList<migrate::ops::Operation> &operations() const { return m_operations; }
    /// The ticked operations, in the comparison's order.
    QList<migrate::ops::Operation> checkedOperations() const;
    int checkedCount() const;
    /// The row of the operation at `operationIndex` (for tests and selection).
    QModelIndex indexOfOperation(int operationIndex) const;
    /// The top-level row of `owner`, or invalid.
    QModelIndex indexOfOwner(const QString &owner) const;
    void setOperationChecked(int operationIndex, bool checked);

Q_SIGNALS:
    /// The set of ticked operations changed.
    void checkedChanged();

private:
    void onItemChanged(QStandardItem *item);
    void updateOwnerState(QStandardItem *owner);
    QList<QStandardItem *> leaves() const;

    QList<migrate::ops::Operation> m_operations;
    bool m_updating = false;
};

} // namespace strata::ui
