#pragma once

// LockSummaryModel: the server's locks counted by type, database, relation, mode and
// grant (the largest groups the server sent, at most 200), as a flat table (QtCore only).
// totalLocks()/totalGroups() say how much the server counted in all.

#include "monitortypes.h"

#include <QAbstractTableModel>

namespace strata::monitor {

class LockSummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LockType, Database, Relation, Mode, Granted, Locks, Backends, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit LockSummaryModel(QObject *parent = nullptr);

    void setSummary(const LockSummary &summary);
    const LockSummary &summary() const { return m_summary; }
    qint64 totalLocks() const { return m_summary.totalLocks; }
    int totalGroups() const { return m_summary.totalGroups; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    LockSummary m_summary;
};

} // namespace strata::monitor
