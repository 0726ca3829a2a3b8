#pragma once

// DashboardTab: the live dashboard of one connection, opened from the object tree (a
// connection node's context menu) or Tools › Dashboard. PostgreSQL: an overview with live
// charts, the activity list and the locks (blocking tree and lock counts), refreshed every
// second by default (interval and pause in the tab's bar) by a PostgresMonitor on a
// connection of its own. SQLite: the file's health page.
//
// The tab asks the main window for what it cannot do itself: a console holding a query
// (consoleRequested) and a table's grid at one row (rowRequested). Nothing here runs SQL
// on the GUI thread; the interval, window and scope persist in QSettings.

#include "connection/connectionstring.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;
class QToolButton;

namespace strata::monitor { class PostgresMonitor; }

namespace strata::ui {

class ActivityPanel;
class BackendActions;
class LocksPanel;
class OverviewPage;
class SqliteHealthPage;

class DashboardTab : public QWidget {
    Q_OBJECT
public:
    DashboardTab(const connection::ConnectionSpec &spec, int connectionId, QWidget *parent = nullptr);
    ~DashboardTab() override;

    int connectionId() const { return m_connectionId; }
    QString title() const;

    // PostgreSQL (null for SQLite):
    monitor::PostgresMonitor *monitor() const { return m_monitor; }
    OverviewPage *overview() const { return m_overview; }
    ActivityPanel *activity() const { return m_activity; }
    LocksPanel *locks() const { return m_locks; }
    QTabWidget *pages() const { return m_pages; }
    QComboBox *intervalBox() const { return m_interval; }
    QToolButton *pauseButton() const { return m_pause; }
    // SQLite (null for PostgreSQL):
    SqliteHealthPage *health() const { return m_health; }

    /// The message bar: outcomes of actions and errors, as the server worded them.
    QLabel *messageLabel() const { return m_message; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    /// Open a console on this connection holding `sql`; `explain`: and EXPLAIN it there.
    void consoleRequested(int connectionId, const QString &sql, bool explain);
    /// Open `table`'s grid filtered to `column` = `value` (SQLite foreign key violations).
    void rowRequested(int connectionId, const QString &table, const QString &column, const QString &value);

private:
    QWidget *buildPostgres(const connection::ConnectionSpec &spec);
    QWidget *buildSqlite(const connection::ConnectionSpec &spec);
    QWidget *buildBar();
    void onRefreshed();
    void showMessage(const QString &text, bool error);

    int m_connectionId;
    QString m_name;
    monitor::PostgresMonitor *m_monitor = nullptr;
    BackendActions *m_actions = nullptr;
    OverviewPage *m_overview = nullptr;
    ActivityPanel *m_activity = nullptr;
    LocksPanel *m_locks = nullptr;
    SqliteHealthPage *m_health = nullptr;
    QTabWidget *m_pages = nullptr;
    QComboBox *m_interval = nullptr;
    QToolButton *m_pause = nullptr;
    QToolButton *m_refresh = nullptr;
    QLabel *m_status;
    QLabel *m_message;
};

} // namespace strata::ui
