#include "locksummarymodel.h"

namespace strata::monitor {

LockSummaryModel::LockSummaryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LockSummaryModel::setSummary(const LockSummary &summary)
{
    const qsizetype before = m_summary.groups.size();
    const qsizetype after = summary.groups.size();
    if (before != after) {
        beginResetModel();
        m_summary = summary;
        endResetModel();
        return;
    }
    m_summary = summary;
    if (after > 0)
        Q_EMIT dataChanged(index(0, 0), index(int(after) - 1, ColumnCount - 1));
}

int LockSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_summary.groups.size());
}

int LockSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LockSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_summary.groups.size())
        return {};
    const LockGroup &g = m_summary.groups[index.row()];
    if (role == SortRole) {
        if (index.column() == Locks)
            return g.locks;
        if (index.column() == Backends)
            return g.backends;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Locks || index.column() == Backends))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case LockType: return g.lockType;
    case Database: return g.database;
    case Relation: return g.relation;
    case Mode: return g.mode;
    case Granted: return g.granted ? tr("granted") : tr("waiting");
    case Locks: return QStringLiteral("%L1").arg(g.locks);
    case Backends: return QString::number(g.backends);
    default: return {};
    }
}

QVariant LockSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const names[] = {"Lock type", "Database", "Relation", "Mode", "Granted", "Locks", "Backends"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace strata::monitor
