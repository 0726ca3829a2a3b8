#pragma once

// MigrationLock: keeps two runners off the same database for a whole command, the
// transactions of a run, the gaps between them and `transactional: false` revisions included.
//  - PostgreSQL: a session-level advisory lock (pg_try_advisory_lock, polled) whose key is
//    derived from the version table's qualified name. While it is held the session has
//    client_connection_check_interval = 2 s (PostgreSQL 14+), so a runner killed in the
//    middle of a statement (kill -9) does not leave a server session holding the lock until
//    that statement ends: the server notices the closed socket and ends the session.
//  - SQLite: SqliteLockFile (an OS lock on `<database>.strata-lock`, released by the kernel
//    on any exit). Each transaction still starts with BEGIN IMMEDIATE, which waits for other
//    connections that write (beginTransaction).
// A runner that has to wait reports it once through `onWait`, polls (so a cancel is seen) and
// fails with a Busy error after the timeout, naming the lock and, where it can, its holder:
// the backend's pid, application_name and query start (pg_locks + pg_stat_activity), or what
// the lock file says.

#include "runcanceller.h"
#include "scriptexecutor.h"
#include "sqlitelockfile.h"

#include <functional>
#include <memory>

namespace strata::migrate {

class MigrationLock {
public:
    MigrationLock(ScriptExecutor &executor, const QSqlDatabase &db, const QString &lockName, int timeoutSeconds,
                  std::function<void(const QString &)> onWait, RunCanceller &canceller);
    ~MigrationLock();
    MigrationLock(const MigrationLock &) = delete;
    MigrationLock &operator=(const MigrationLock &) = delete;

    Status acquire();
    void release();
    /// BEGIN (PostgreSQL) or BEGIN IMMEDIATE with the wait described above (SQLite).
    Status beginTransaction();
    QString description() const;

private:
    struct Wait {
        QString what;                        ///< "the migration lock (...)"
        QString reason;                      ///< why it is taken: "another migration is running"
        std::function<Result<bool>()> attempt;
        std::function<QString()> holder;     ///< who holds it, for the timeout message
    };
    Status waitFor(const Wait &wait);
    Status acquirePostgres();
    QString postgresHolder() const;
    void setConnectionCheck(bool on);

    ScriptExecutor &m_executor;
    QSqlDatabase m_db;
    QString m_lockName;
    int m_timeoutSeconds;
    std::function<void(const QString &)> m_onWait;
    RunCanceller &m_canceller;
    qint64 m_key = 0;
    bool m_held = false;
    bool m_reportedWait = false;
    std::unique_ptr<SqliteLockFile> m_file;   ///< SQLite with a database file
    QString m_previousCheckInterval;          ///< PostgreSQL: restored on release
    bool m_checkIntervalSet = false;
};

} // namespace strata::migrate
