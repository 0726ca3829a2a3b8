#pragma once

// OverviewPage: the server and database at a glance (version, uptime, size, connections,
// cache hit ratio, transactions, temp files, deadlocks, replication) and the live charts
// of the monitor's history: sessions, transactions, tuples in and out, block I/O, temp
// files and deadlocks, over the last 5, 15 or 60 minutes, for the connected database or
// the whole server.

#include "monitor/monitortypes.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace strata::monitor { class PostgresMonitor; }

namespace strata::ui {

class TimeSeriesChart;

class OverviewPage : public QWidget {
    Q_OBJECT
public:
    OverviewPage(monitor::PostgresMonitor *monitor, QWidget *parent = nullptr);

    void setScope(monitor::Scope scope);
    void setWindowSeconds(double seconds);
    monitor::Scope scope() const { return m_scope; }
    QComboBox *scopeBox() const { return m_scopeBox; }
    QComboBox *windowBox() const { return m_windowBox; }
    QList<TimeSeriesChart *> charts() const { return m_charts; }
    /// The figure tiles by name ("connections", "transactions", ...), for tests.
    QLabel *tile(const QString &name) const;

    /// Shows the monitor's latest snapshot and history.
    void refresh();

private:
    QLabel *addTile(const QString &name, const QString &caption);
    void fillTiles(const monitor::MonitorSnapshot &s);
    void fillCharts(double now);

    monitor::PostgresMonitor *m_monitor;
    monitor::Scope m_scope = monitor::Scope::Database;
    double m_window = 300;
    QComboBox *m_scopeBox;
    QComboBox *m_windowBox;
    QWidget *m_tileArea;
    QHash<QString, QLabel *> m_tiles;
    QList<TimeSeriesChart *> m_charts;
};

} // namespace strata::ui
