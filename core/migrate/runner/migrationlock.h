#pragma once

// MigrationLock: keeps two runners off the same database.
//  - PostgreSQL: a session-level advisory lock (pg_try_advisory_lock, polled) whose key is
//    derived from the version table's qualified name; held across the transactions of a
//    command and released at the end.
//  - SQLite: the database write lock. acquire() is a no-op; every transaction of the run
//    starts with BEGIN IMMEDIATE, waiting up to the timeout for the write lock.
// Either way a runner that has to wait reports it once through `onWait`, polls (so a
// cancel is seen), and fails with a Busy error naming the lock after the timeout.

#include "scriptexecutor.h"

#include <atomic>
#include <functional>

namespace strata::migrate {

class MigrationLock {
public:
    MigrationLock(ScriptExecutor &executor, const QSqlDatabase &db, const QString &lockName, int timeoutSeconds,
                  std::function<void(const QString &)> onWait, const std::atomic<bool> *cancelled);
    ~MigrationLock();
    MigrationLock(const MigrationLock &) = delete;
    MigrationLock &operator=(const MigrationLock &) = delete;

    Status acquire();
    void release();
    /// BEGIN (PostgreSQL) or BEGIN IMMEDIATE with the wait described above (SQLite).
    Status beginTransaction();
    QString description() const;

private:
    Status waitFor(const std::function<Result<bool>()> &attempt);

    ScriptExecutor &m_executor;
    QSqlDatabase m_db;
    QString m_lockName;
    int m_timeoutSeconds;
    std::function<void(const QString &)> m_onWait;
    const std::atomic<bool> *m_cancelled;
    qint64 m_key = 0;
    bool m_held = false;
    bool m_reportedWait = false;
};

} // namespace strata::migrate
