#include "activityfilter.h"

#include "activitymodel.h"

namespace strata::monitor {

ActivityFilter::ActivityFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ActivityModel::SortRole);
    setDynamicSortFilter(true);
}

void ActivityFilter::setActiveOnly(bool on)
{
    m_activeOnly = on;
    invalidateFilter();
}

void ActivityFilter::setHideIdle(bool on)
{
    m_hideIdle = on;
    invalidateFilter();
}

void ActivityFilter::setHideOwn(bool on)
{
    m_hideOwn = on;
    invalidateFilter();
}

void ActivityFilter::setHideBackground(bool on)
{
    m_hideBackground = on;
    invalidateFilter();
}

void ActivityFilter::setSearchText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void ActivityFilter::setOwn(int pid, const QString &applicationName)
{
    if (pid == m_ownPid && applicationName == m_ownApplication)
        return;
    m_ownPid = pid;
    m_ownApplication = applicationName;
    invalidateFilter();
}

bool ActivityFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto *model = qobject_cast<const ActivityModel *>(sourceModel());
    if (!model)
        return true;
    const ActivityRow &r = model->row(sourceRow);
    if (m_activeOnly && r.state != QLatin1String("active"))
        return false;
    if (m_hideIdle && r.state == QLatin1String("idle"))
        return false;
    if (m_hideBackground && r.backendType != QLatin1String("client backend"))
        return false;
    if (m_hideOwn && (r.pid == m_ownPid || (!m_ownApplication.isEmpty() && r.application == m_ownApplication)))
        return false;
    if (m_text.isEmpty())
        return true;
    const QString haystacks[] = {QString::number(r.pid), r.database, r.user, r.application, r.clientAddress,
                                 r.state, r.waitEvent, r.query, r.backendType};
    for (const QString &h : haystacks)
        if (h.contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace strata::monitor
