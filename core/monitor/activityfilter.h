#pragma once

// ActivityFilter: sorting and filtering of an ActivityModel, as the dashboard's check boxes
// and search field ask (QtCore only). Sorts by ActivityModel::SortRole (numbers for pids
// and ages). "Strata's own" are the monitor's own backend and the sessions whose
// application_name is the one Strata gives this profile's connections.

#include <QSortFilterProxyModel>

namespace strata::monitor {

class ActivityFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ActivityFilter(QObject *parent = nullptr);

    void setActiveOnly(bool on);
    void setHideIdle(bool on);
    void setHideOwn(bool on);
    void setHideBackground(bool on);   ///< only client backends
    void setSearchText(const QString &text);
    void setOwn(int pid, const QString &applicationName);

    bool activeOnly() const { return m_activeOnly; }
    bool hideIdle() const { return m_hideIdle; }
    bool hideOwn() const { return m_hideOwn; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_activeOnly = false;
    bool m_hideIdle = false;
    bool m_hideOwn = false;
    bool m_hideBackground = false;
    QString m_text;
    int m_ownPid = 0;
    QString m_ownApplication;
};

} // namespace strata::monitor
