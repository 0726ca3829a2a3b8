#pragma once

// ChildProcess: runs one pg_dump / pg_restore / psql to its end on the calling thread (a
// worker, never the GUI thread), handing each line of its output to callbacks as it comes,
// and a tick every ~200 ms (for bytes-written polling and cancel checks).
//
// The child starts in a process group of its own (setpgid), so cancel() — callable from any
// thread — ends all of it: pg_dump --jobs forks workers, and SIGTERM to the group reaches them
// all; SIGKILL follows after 3 s if anything is left. Standard input is /dev/null, so nothing
// ever waits for a prompt.

#include "base/result.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <atomic>
#include <functional>

namespace strata::backup {

class ChildProcess {
public:
    struct Callbacks {
        std::function<void(qint64 pid)> started;
        std::function<void(const QString &line)> stderrLine;
        std::function<void(const QString &line)> stdoutLine;
        std::function<void()> tick;
    };

    ChildProcess(QString program, QStringList arguments, QProcessEnvironment environment);
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    /// Runs the program to its end and returns its exit code. Errors: Io when it cannot
    /// start (the message names the program), Cancelled after cancel(), Internal when it
    /// crashed (with the signal's text).
    Result<int> run(const Callbacks &callbacks);

    /// Any thread: ends the child's process group. run() then returns Cancelled.
    void cancel();
    bool isCancelled() const { return m_cancelled.load(); }
    /// The running child's process id, or 0.
    qint64 processId() const { return m_pid.load(); }

private:
    void signalGroup(int signal, bool leaderToo);

    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_environment;
    std::atomic<bool> m_cancelled{false};
    std::atomic<qint64> m_pid{0};
};

} // namespace strata::backup
