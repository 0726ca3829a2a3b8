#include "activitymodel.h"

#include <QHash>
#include <QSet>

namespace strata::monitor {

QString formatDuration(double seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 10)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    const qint64 s = qint64(seconds);
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

Severity severityOf(const ActivityRow &row, const ActivityThresholds &t, QString *reason)
{
    Severity worst = Severity::Normal;
    QString why;
    auto consider = [&](double value, double warning, double critical, const QString &text) {
        if (value < 0 || value < warning)
            return;
        const Severity s = value >= critical ? Severity::Critical : Severity::Warning;
        if (int(s) > int(worst)) {
            worst = s;
            why = text.arg(formatDuration(value));
        }
    };
    if (row.state.startsWith(QLatin1String("idle in transaction")))
        consider(row.stateSeconds, t.idleInTransactionWarning, t.idleInTransactionCritical, QObject::tr("idle in transaction for %1"));
    if (row.waitEventType == QLatin1String("Lock"))
        consider(row.stateSeconds, t.lockWaitWarning, t.lockWaitCritical, QObject::tr("waiting for a lock for %1"));
    consider(row.transactionSeconds, t.longTransactionWarning, t.longTransactionCritical, QObject::tr("transaction open for %1"));
    if (reason)
        *reason = why;
    return worst;
}

ActivityModel::ActivityModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ActivityModel::setRows(const QList<ActivityRow> &rows)
{
    QHash<int, int> incoming;
    for (int i = 0; i < rows.size(); ++i)
        incoming.insert(rows[i].pid, i);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (incoming.contains(m_rows[i].pid))
            continue;
        // Remove runs of gone rows at once.
        int first = i;
        while (first > 0 && !incoming.contains(m_rows[first - 1].pid))
            --first;
        beginRemoveRows({}, first, i);
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first;
    }
    QSet<int> kept;
    for (ActivityRow &row : m_rows) {
        row = rows[incoming.value(row.pid)];
        kept.insert(row.pid);
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    QList<ActivityRow> added;
    for (const ActivityRow &row : rows)
        if (!kept.contains(row.pid))
            added.append(row);
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
}

void ActivityModel::setThresholds(const ActivityThresholds &thresholds)
{
    m_thresholds = thresholds;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int ActivityModel::indexOfPid(int pid) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].pid == pid)
            return i;
    return -1;
}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityModel::display(const ActivityRow &r, int column) const
{
    switch (column) {
    case Pid: return r.leaderPid > 0 ? QStringLiteral("%1 (worker of %2)").arg(r.pid).arg(r.leaderPid) : QString::number(r.pid);
    case Database: return r.database;
    case User: return r.user;
    case Application: return r.application;
    case Client: return r.clientAddress.isEmpty() ? QString() : r.clientPort > 0 ? QStringLiteral("%1:%2").arg(r.clientAddress).arg(r.clientPort) : r.clientAddress;
    case BackendType: return r.backendType;
    case State: return r.state;
    case WaitEvent: return r.waitEventType.isEmpty() ? QString() : r.waitEventType + QStringLiteral(": ") + r.waitEvent;
    case TransactionAge: return formatDuration(r.transactionSeconds);
    case QueryAge: return r.state == QLatin1String("active") ? formatDuration(r.querySeconds) : QString();
    case BlockedBy: {
        QStringList pids;
        for (int pid : r.blockedBy)
            pids << QString::number(pid);
        return pids.join(QStringLiteral(", "));
    }
    case Query: {
        QString text = r.query.simplified();
        if (text.size() > 300)
            text = text.left(300) + QStringLiteral("…");
        return text;
    }
    default: return {};
    }
}

QVariant ActivityModel::sortValue(const ActivityRow &r, int column) const
{
    switch (column) {
    case Pid: return r.pid;
    case TransactionAge: return r.transactionSeconds;
    case QueryAge: return r.state == QLatin1String("active") ? r.querySeconds : -1.0;
    case BlockedBy: return r.blockedBy.size();
    default: return display(r, column);
    }
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ActivityRow &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole: return display(r, index.column());
    case SortRole: return sortValue(r, index.column());
    case SeverityRole: return int(severityOf(r, m_thresholds));
    case PidRole: return r.pid;
    case QueryRole: return r.query;
    case Qt::ToolTipRole: {
        QString reason;
        severityOf(r, m_thresholds, &reason);
        if (index.column() == Query)
            return r.queryTruncated() ? r.query + tr("\n… (%1 characters in all)").arg(r.queryLength) : r.query;
        return reason;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Pid || index.column() == TransactionAge || index.column() == QueryAge)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const names[] = {"PID", "Database", "User", "Application", "Client", "Backend type", "State",
                                        "Wait event", "Transaction", "Query age", "Blocked by", "Query"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace strata::monitor
