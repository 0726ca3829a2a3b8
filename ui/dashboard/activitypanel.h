#pragma once

// ActivityPanel: every backend of the server, filterable (active only, hide idle, hide
// Strata's own, client backends only, text search) and sortable by any column; rows over a
// threshold (long transaction, idle in transaction, long lock wait) are highlighted. The
// selected backend's query shows below (the whole text on demand). Actions with
// confirmation: cancel query, terminate; and copy query, open it in a console, EXPLAIN it
// there (never ANALYZE: the query would run).

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace strata::monitor {
class ActivityFilter;
class ActivityModel;
class PostgresMonitor;
}

namespace strata::ui {

class BackendActions;

class ActivityPanel : public QWidget {
    Q_OBJECT
public:
    ActivityPanel(monitor::PostgresMonitor *monitor, BackendActions *actions, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    monitor::ActivityModel *model() const { return m_model; }
    monitor::ActivityFilter *filter() const { return m_filter; }
    QLineEdit *searchEdit() const { return m_search; }
    QCheckBox *activeOnlyBox() const { return m_activeOnly; }
    QCheckBox *hideIdleBox() const { return m_hideIdle; }
    QCheckBox *hideOwnBox() const { return m_hideOwn; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *terminateButton() const { return m_terminate; }
    QPushButton *consoleButton() const { return m_console; }
    QPushButton *explainButton() const { return m_explain; }
    QPlainTextEdit *queryView() const { return m_query; }

    /// Shows the monitor's latest snapshot.
    void refresh();
    /// Selects the row of `pid` (when shown).
    bool selectPid(int pid);
    /// The selected backend's pid, or 0.
    int selectedPid() const;

Q_SIGNALS:
    /// "Open in console" / "EXPLAIN": the main window opens a console holding `sql`.
    void consoleRequested(const QString &sql, bool explain);
    void message(const QString &text, bool error);

private:
    void updateSelection();
    void showContextMenu(const QPoint &pos);
    void loadFullText();
    QString selectedQuery() const;
    QString describe(int pid) const;

    monitor::PostgresMonitor *m_monitor;
    BackendActions *m_actions;
    monitor::ActivityModel *m_model;
    monitor::ActivityFilter *m_filter;
    QTableView *m_view;
    QLineEdit *m_search;
    QCheckBox *m_activeOnly, *m_hideIdle, *m_hideOwn, *m_clientsOnly;
    QPushButton *m_cancel, *m_terminate, *m_copy, *m_console, *m_explain, *m_fullText;
    QPlainTextEdit *m_query;
    int m_fullTextPid = 0;   // the pid whose whole text the query view shows
};

} // namespace strata::ui
