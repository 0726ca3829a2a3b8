#include "objecttreeproxy.h"

#include "objecttreemodel.h"

#include <QDateTime>

namespace strata::ui {

ObjectTreeProxy::ObjectTreeProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(0);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ObjectTreeProxy::setSortKey(SortKey key)
{
    m_key = key;
    invalidate();
}

bool ObjectTreeProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QModelIndex l = left.siblingAtColumn(0);
    const QModelIndex r = right.siblingAtColumn(0);
    const auto lk = NodeKind(l.data(ObjectTreeModel::KindRole).toInt());
    const auto rk = NodeKind(r.data(ObjectTreeModel::KindRole).toInt());
    const bool connectionLevel = (lk == NodeKind::Group || lk == NodeKind::Connection)
                                 && (rk == NodeKind::Group || rk == NodeKind::Connection);
    if (!connectionLevel) {
        // The catalog's order, whatever the sort order (descending sorts call lessThan with
        // the arguments swapped).
        return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
    }
    if (lk != rk) {
        // Folders before connections in either direction.
        const bool folderFirst = lk == NodeKind::Group;
        return sortOrder() == Qt::AscendingOrder ? folderFirst : !folderFirst;
    }
    if (m_key == SortKey::LastUsed && lk == NodeKind::Connection) {
        // Most recently used first when ascending: that is what "sort by last used" means.
        const QDateTime lt = l.data(ObjectTreeModel::LastUsedRole).toDateTime();
        const QDateTime rt = r.data(ObjectTreeModel::LastUsedRole).toDateTime();
        if (lt != rt)
            return lt > rt;
    }
    return QString::localeAwareCompare(l.data().toString().toLower(), r.data().toString().toLower()) < 0;
}

} // namespace strata::ui
