#pragma once

// MaintenanceRunner: table statistics and maintenance of one PostgreSQL table, for the
// properties tab. Two connections of its own: "maintenance" runs the statement (VACUUM FULL
// may take minutes and must not hold up anything else), "maintenance-watch" reads the
// table's statistics before and after and polls pg_stat_progress_* for the working
// backend every `pollInterval` ms while the statement runs.
//
//   auto *r = new MaintenanceRunner(spec, "public", "books", this);   // GUI thread
//   r->loadStatistics();                         // -> statisticsLoaded
//   r->run({MaintenanceKind::Vacuum, ...});      // -> started, progress..., finished
//   r->cancel();                                 // PQcancel: finished with cancelled = true
//
// The statement is written by maintenanceStatement() from the request and the table as
// last read. Warnings the server sends (VACUUM of a table the role does not own is a
// WARNING, not an error) are kept in the report as the server worded them. Read-only
// connections: run() refuses with a Permission error without running anything.

#include "base/result.h"
#include "connection/connectionstring.h"
#include "exec/statementoutcome.h"
#include "maintenancestatement.h"

#include <QObject>
#include <QTimer>

namespace strata::connection { class Connection; }

namespace strata::monitor {

struct MaintenanceReport {
    QString statement;
    bool ok = false;
    bool cancelled = false;
    Error error;                       ///< when !ok
    double elapsedMs = 0;
    QList<exec::Notice> notices;       ///< WARNING/NOTICE/INFO sent while it ran
    qint64 totalSizeBefore = -1, totalSizeAfter = -1;
    qint64 deadTuplesBefore = -1, deadTuplesAfter = -1;
};

class MaintenanceRunner : public QObject {
    Q_OBJECT
public:
    MaintenanceRunner(connection::ConnectionSpec spec, QString schema, QString table, QObject *parent = nullptr);
    ~MaintenanceRunner() override;

    bool isReadOnly() const;
    QString readOnlyReason() const;
    int serverVersion() const { return m_serverVersion; }
    bool isRunning() const { return m_running; }
    /// The statistics as last read (valid after statisticsLoaded(ok)).
    const TableStatistics &statistics() const { return m_statistics; }
    bool hasStatistics() const { return m_hasStatistics; }
    MaintenanceTarget target() const { return maintenanceTarget(m_statistics, m_serverVersion); }
    void setPollInterval(int ms) { m_poll.setInterval(ms); }

    /// Reads the table's statistics (opening the watch connection first if needed).
    void loadStatistics();
    /// Runs `request` on the maintenance connection. Refused (finished with an error) when
    /// something runs already, on a read-only connection, or when the statement cannot be
    /// written for this table.
    void run(const MaintenanceRequest &request);
    /// Interrupts the running statement (thread-safe cancel through the native handle).
    void cancel();

Q_SIGNALS:
    void statisticsLoaded(bool ok, const strata::Error &error);
    void started(const QString &statement);
    void progress(const strata::monitor::MaintenanceProgress &progress);
    void finished(const strata::monitor::MaintenanceReport &report);

private:
    void withWatch(std::function<void()> then);
    void withWork(std::function<void()> then);
    void execute(const QString &statement);
    void pollProgress();
    void complete(MaintenanceReport report);

    connection::ConnectionSpec m_spec;
    QString m_schema, m_table;
    connection::Connection *m_watch = nullptr;
    connection::Connection *m_work = nullptr;
    int m_serverVersion = 0;
    bool m_serverReadOnly = false;
    int m_workPid = 0;
    bool m_running = false;
    bool m_polling = false;
    QTimer m_poll;
    TableStatistics m_statistics;
    bool m_hasStatistics = false;
};

} // namespace strata::monitor
