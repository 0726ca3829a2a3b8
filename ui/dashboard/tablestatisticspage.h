#pragma once

// TableStatisticsPage: the "Statistics" page of a PostgreSQL table's properties tab. Sizes
// (table, indexes, TOAST, total), live and dead tuples, last (auto)vacuum and (auto)analyze,
// sequential against index scans, and per index its size, scans and whether it looks unused
// or duplicates another. Maintenance: VACUUM (FULL, FREEZE, ANALYZE), ANALYZE, REINDEX
// (CONCURRENTLY where the server allows it), CLUSTER, each run off the GUI thread on a
// connection of its own (MaintenanceRunner), with progress from pg_stat_progress_*, Cancel,
// and a report with the sizes before and after and what the server said.

#include "connection/connectionstring.h"
#include "monitor/maintenancerunner.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace strata::ui {

class TableStatisticsPage : public QWidget {
    Q_OBJECT
public:
    TableStatisticsPage(const connection::ConnectionSpec &spec, const QString &schema, const QString &table, QWidget *parent = nullptr);

    monitor::MaintenanceRunner *runner() const { return m_runner; }
    QLabel *figure(const QString &name) const { return m_figures.value(name); }
    QTableWidget *indexTable() const { return m_indexes; }
    QPushButton *vacuumButton() const { return m_vacuum; }
    QPushButton *analyzeButton() const { return m_analyze; }
    QPushButton *reindexButton() const { return m_reindex; }
    QPushButton *clusterButton() const { return m_cluster; }
    QPushButton *cancelButton() const { return m_cancel; }
    QCheckBox *fullBox() const { return m_full; }
    QCheckBox *freezeBox() const { return m_freeze; }
    QCheckBox *analyzeBox() const { return m_analyzeOption; }
    QCheckBox *concurrentlyBox() const { return m_concurrently; }
    QComboBox *clusterIndexBox() const { return m_clusterIndex; }
    QPlainTextEdit *reportView() const { return m_report; }
    QLabel *readOnlyLabel() const { return m_readOnly; }
    QProgressBar *progressBar() const { return m_progress; }

    void reload();

Q_SIGNALS:
    void statisticsShown();
    void maintenanceFinished(bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildFigures();
    QWidget *buildMaintenance();
    void showStatistics();
    void run(monitor::MaintenanceKind kind);
    void onProgress(const monitor::MaintenanceProgress &progress);
    void onFinished(const monitor::MaintenanceReport &report);
    void updateActions();

    monitor::MaintenanceRunner *m_runner;
    QHash<QString, QLabel *> m_figures;
    QTableWidget *m_indexes;
    QPushButton *m_vacuum, *m_analyze, *m_reindex, *m_cluster, *m_cancel, *m_reload;
    QCheckBox *m_full, *m_freeze, *m_analyzeOption, *m_concurrently;
    QComboBox *m_clusterIndex;
    QProgressBar *m_progress;
    QLabel *m_phase;
    QLabel *m_readOnly;
    QPlainTextEdit *m_report;
    bool m_shown = false;
};

} // namespace strata::ui
