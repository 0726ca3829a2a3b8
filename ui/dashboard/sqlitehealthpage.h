#pragma once

// SqliteHealthPage: the health of a SQLite file. Its figures (page size and count, free
// pages, file size against the data in it, journal mode and WAL size, schema and user
// version), and its checks and upkeep, each run off the GUI thread on a connection of its
// own with a busy bar, Cancel, and the sizes before and after: integrity_check and
// quick_check (rows streamed as they come), foreign_key_check (violations listed; activate
// one to open the grid on that row), VACUUM, VACUUM INTO a new file, optimize, and
// wal_checkpoint. A read-only connection runs the checks; the rest is disabled with why.

#include "monitor/sqlitehealth.h"
#include "connection/connectionstring.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace strata::monitor { class SqliteHealthSession; }

namespace strata::ui {

class SqliteHealthPage : public QWidget {
    Q_OBJECT
public:
    SqliteHealthPage(const connection::ConnectionSpec &spec, QWidget *parent = nullptr);

    monitor::SqliteHealthSession *session() const { return m_session; }
    QPushButton *actionButton(monitor::SqliteHealthAction action) const { return m_buttons.value(int(action)); }
    QPushButton *cancelButton() const { return m_cancel; }
    QTreeWidget *results() const { return m_results; }
    QLabel *reportLabel() const { return m_report; }
    /// The figure labels by name ("pages", "freelist", "fileSize", "walSize", ...).
    QLabel *figure(const QString &name) const { return m_figures.value(name); }
    /// Where VACUUM INTO writes; by default a save-file dialog asks.
    void setVacuumIntoTarget(std::function<QString()> ask) { m_askTarget = std::move(ask); }

    void reload();

Q_SIGNALS:
    /// A foreign key violation was activated: open `table`'s grid where `column` = `value`.
    void rowRequested(const QString &table, const QString &column, const QString &value);

private:
    void showHealth();
    void start(monitor::SqliteHealthAction action);
    void onFinished(const monitor::SqliteActionReport &report);
    void setBusy(bool busy);
    QLabel *addFigure(const QString &name);

    monitor::SqliteHealthSession *m_session;
    QHash<QString, QLabel *> m_figures;
    QHash<int, QPushButton *> m_buttons;
    QPushButton *m_cancel;
    QProgressBar *m_busy;
    QLabel *m_busyText;
    QTreeWidget *m_results;
    QLabel *m_report;
    QElapsedTimer m_elapsed;
    QTimer m_tick;
    qint64 m_steps = 0;
    std::function<QString()> m_askTarget;
};

} // namespace strata::ui
