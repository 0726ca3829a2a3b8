#pragma once

// LocksPanel: the blocking tree (root blockers first, their waiters under them, each
// backend's locks counted by the server under "Locks held", loaded when expanded) and the
// server's locks counted by relation and mode. Cancel or terminate a backend from the tree
// (with confirmation); the tree shows the outcome at the next refresh, which the action
// starts at once.

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTreeView;

namespace strata::monitor {
class BlockingTreeModel;
class LockSummaryModel;
class PostgresMonitor;
}

namespace strata::ui {

class BackendActions;

class LocksPanel : public QWidget {
    Q_OBJECT
public:
    LocksPanel(monitor::PostgresMonitor *monitor, BackendActions *actions, QWidget *parent = nullptr);

    QTreeView *treeView() const { return m_tree; }
    QTableView *summaryView() const { return m_summary; }
    monitor::BlockingTreeModel *treeModel() const { return m_treeModel; }
    monitor::LockSummaryModel *summaryModel() const { return m_summaryModel; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *terminateButton() const { return m_terminate; }
    QLabel *headline() const { return m_headline; }

    void refresh();
    /// The pid of the selected backend node, or 0.
    int selectedPid() const;

private:
    void expandBackends();
    void updateButtons();
    void showContextMenu(const QPoint &pos);
    QString describe(int pid) const;

    monitor::PostgresMonitor *m_monitor;
    BackendActions *m_actions;
    monitor::BlockingTreeModel *m_treeModel;
    monitor::LockSummaryModel *m_summaryModel;
    QTreeView *m_tree;
    QTableView *m_summary;
    QLabel *m_headline;
    QLabel *m_summaryLine;
    QPushButton *m_cancel;
    QPushButton *m_terminate;
};

} // namespace strata::ui
