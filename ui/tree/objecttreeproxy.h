#pragma once

// The object tree's filter and sort: a recursive, case-insensitive filter on names, and
// sorting of the connection level only (folders first, then connections by name or by last
// use). Below a connection the catalog's own order stays (columns by position, objects as
// the reader gave them).

#include <QSortFilterProxyModel>

namespace strata::ui {

class ObjectTreeProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class SortKey { Name, LastUsed };

    explicit ObjectTreeProxy(QObject *parent = nullptr);

    SortKey sortKey() const { return m_key; }
    void setSortKey(SortKey key);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    SortKey m_key = SortKey::Name;
};

} // namespace strata::ui
