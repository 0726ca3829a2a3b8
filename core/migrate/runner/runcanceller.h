#pragma once

// RunCanceller: the two ways to stop a migration run, callable from any thread.
//  - cancel(): stop before the next revision; the revision running now finishes (the panel's
//    Cancel button).
//  - interrupt(): stop now (SIGINT/SIGTERM in strata-migrate): cancel() and interrupt the
//    statement running now (sqlite3_interrupt / PQcancel through NativeHandle), so the run
//    fails, rolls back and releases its lock. Call it again while the run is still going
//    (a PQcancel that reaches the server between two statements is ignored); the runner stops
//    interrupting once it has seen the interruption, so its ROLLBACK and unlock are not hit.
// While armed (Armed, around a run, on the thread that owns the QSqlDatabase), SQLite also
// has a progress handler and a busy handler that read the flag: sqlite3_interrupt is
// forgotten when it lands between two statements, and a statement waiting for a lock does not
// notice it; these two do.

#include <QSqlDatabase>
#include <QMutex>
#include <QElapsedTimer>
#include <atomic>

#include "connection/nativehandle.h"

struct sqlite3;

namespace strata::migrate {

class RunCanceller {
public:
    RunCanceller() = default;
    RunCanceller(const RunCanceller &) = delete;
    RunCanceller &operator=(const RunCanceller &) = delete;

    /// Any thread: stop before the next revision.
    void cancel() { m_cancelled.store(true); }
    /// Any thread: stop the statement running now as well (see above). `reason` ("SIGTERM")
    /// names the cause in the run's error.
    void interrupt(const QString &reason = {});
    bool isCancelled() const { return m_cancelled.load(); }
    bool isInterrupted() const { return m_interrupted.load(); }
    QString interruptReason() const;
    const std::atomic<bool> *cancelledFlag() const { return &m_cancelled; }

    /// Owning thread, after the run has seen the interruption: statements run again (ROLLBACK,
    /// unlock) and later interrupt() calls only set the flags.
    void stopInterrupting();

    /// Owning thread, while armed: how long a SQLite statement waits for a lock held by
    /// another connection before it fails with SQLITE_BUSY (an interruption ends the wait).
    void setBusyTimeout(int ms) { m_busyTimeoutMs = ms; }

    /// Installs the native hooks on `db` for its lifetime and removes them again.
    class Armed {
    public:
        Armed(RunCanceller &canceller, const QSqlDatabase &db);
        ~Armed();
        Armed(const Armed &) = delete;
        Armed &operator=(const Armed &) = delete;

    private:
        RunCanceller &m_canceller;
        int m_previousBusyTimeoutMs = 0;
    };

private:
    static int onProgress(void *self);
    static int onBusy(void *self, int count);
    bool stopsStatements() const { return m_interrupted.load() && m_interrupting.load(); }

    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_interrupted{false};
    std::atomic<bool> m_interrupting{true};
    mutable QMutex m_mutex;              ///< interrupt() vs stopInterrupting(); m_reason
    QString m_reason;
    connection::NativeHandle m_handle;   ///< attached while armed
    sqlite3 *m_sqlite = nullptr;
    int m_busyTimeoutMs = 5000;
    QElapsedTimer m_busyWait;
};

} // namespace strata::migrate
