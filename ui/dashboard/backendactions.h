#pragma once

// BackendActions: cancel a backend's query or end its session, after asking, for the
// activity list and the blocking tree alike. The confirmation names the backend and what
// it runs; the outcome (or the server's error, as the server worded it) goes to the
// message signal, shown by the dashboard in its message bar. Refused with the reason on a
// read-only connection (the buttons are disabled there already).

#include <QObject>
#include <QString>

class QWidget;

namespace strata::monitor { class PostgresMonitor; }

namespace strata::ui {

class BackendActions : public QObject {
    Q_OBJECT
public:
    BackendActions(monitor::PostgresMonitor *monitor, QWidget *dialogParent);

    /// Asks, then runs pg_cancel_backend(pid). `what` describes the backend for the question.
    void cancelQuery(int pid, const QString &what);
    /// Asks, then runs pg_terminate_backend(pid).
    void terminate(int pid, const QString &what);

Q_SIGNALS:
    /// `error`: the text is an error to show in red.
    void message(const QString &text, bool error);

private:
    void confirmAndRun(bool terminate, int pid, const QString &what);

    monitor::PostgresMonitor *m_monitor;
    QWidget *m_dialogParent;
};

} // namespace strata::ui
