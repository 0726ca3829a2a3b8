#pragma once

// ActivityModel: the backends of pg_stat_activity as a table (QtCore only, so it is tested
// headless). setRows() merges a new refresh by pid: rows that stay keep their place (a
// selection survives the refresh), gone ones are removed, new ones appended; sorting and
// filtering belong to ActivityFilter on top.
//
// Severity marks what a DBA looks for during an incident: a transaction open too long, a
// session idle in a transaction, a backend waiting for a lock. The view picks the colours.

#include "monitortypes.h"

#include <QAbstractTableModel>

namespace strata::monitor {

/// When a row turns into a warning or becomes critical (seconds).
struct ActivityThresholds {
    double longTransactionWarning = 60;
    double longTransactionCritical = 300;
    double idleInTransactionWarning = 10;
    double idleInTransactionCritical = 60;
    double lockWaitWarning = 5;
    double lockWaitCritical = 30;
};

enum class Severity { Normal, Warning, Critical };

/// The severity of a backend under `thresholds`, with the reason ("idle in transaction for 75 s").
Severity severityOf(const ActivityRow &row, const ActivityThresholds &thresholds, QString *reason = nullptr);

class ActivityModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Pid, Database, User, Application, Client, BackendType, State, WaitEvent,
                  TransactionAge, QueryAge, BlockedBy, Query, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, SeverityRole, PidRole, QueryRole };

    explicit ActivityModel(QObject *parent = nullptr);

    void setRows(const QList<ActivityRow> &rows);
    void setThresholds(const ActivityThresholds &thresholds);
    const ActivityThresholds &thresholds() const { return m_thresholds; }
    const ActivityRow &row(int index) const { return m_rows.at(index); }
    /// The row of `pid`, or -1.
    int indexOfPid(int pid) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ActivityRow &row, int column) const;
    QVariant sortValue(const ActivityRow &row, int column) const;

    QList<ActivityRow> m_rows;
    ActivityThresholds m_thresholds;
};

/// "42 s", "3 min 05 s", "2 h 10 min", "" for unknown.
QString formatDuration(double seconds);

} // namespace strata::monitor
