#pragma once

// InterruptSignals: SIGINT and SIGTERM while strata-migrate runs migrations. For the
// object's lifetime (one upgrade, downgrade or stamp) the two signals no longer end the
// process at once:
//  - the handler only write()s the signal number to a pipe (async-signal-safe; nothing else
//    happens in it);
//  - a watcher thread reads the pipe and calls `onSignal` with the signal's name
//    (MigrationRunner::interrupt: cancel the running statement, roll back, release the lock),
//    and calls it again every 100 ms until the object is destroyed, so a cancel request that
//    reached the server between two statements is repeated;
//  - a second signal while the first is being handled ends the process at once (the
//    default action). The database stays consistent then too: PostgreSQL rolls back the
//    open transaction when the session ends, SQLite its hot journal on the next open.
// The command then exits with 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
// One object at a time per process, created and destroyed on the same thread. Unix only;
// elsewhere the signals keep their default action.

#include <QString>
#include <atomic>
#include <functional>
#include <thread>

namespace strata::migrate::cli {

class InterruptSignals {
public:
    explicit InterruptSignals(std::function<void(const QString &signalName)> onSignal);
    ~InterruptSignals();
    InterruptSignals(const InterruptSignals &) = delete;
    InterruptSignals &operator=(const InterruptSignals &) = delete;

    /// The first signal received (SIGINT or SIGTERM), or 0.
    int received() const { return m_received.load(); }
    /// 128 + received(): the exit code of an interrupted command.
    int exitCode() const { return 128 + received(); }
    static QString name(int signal);

private:
    void watch();

    std::function<void(const QString &)> m_onSignal;
    std::atomic<int> m_received{0};
    std::thread m_watcher;
    bool m_installed = false;
};

} // namespace strata::migrate::cli
