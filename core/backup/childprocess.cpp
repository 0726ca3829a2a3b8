#include "childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

#ifdef Q_OS_UNIX
#include <signal.h>
#include <unistd.h>
#endif

namespace strata::backup {

namespace {

// Splits what arrived into whole lines; a partial last line waits for the rest.
void emitLines(QByteArray &buffer, const QByteArray &more, const std::function<void(const QString &)> &sink, bool flush)
{
    buffer += more;
    qsizetype start = 0;
    for (qsizetype nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', start)) {
        QByteArray line = buffer.mid(start, nl - start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (sink)
            sink(QString::fromLocal8Bit(line));
        start = nl + 1;
    }
    buffer.remove(0, start);
    if (flush && !buffer.isEmpty()) {
        if (sink)
            sink(QString::fromLocal8Bit(buffer));
        buffer.clear();
    }
}

} // namespace

ChildProcess::ChildProcess(QString program, QStringList arguments, QProcessEnvironment environment)
    : m_program(std::move(program)), m_arguments(std::move(arguments)), m_environment(std::move(environment))
{
}

void ChildProcess::signalGroup(int signal, bool leaderToo)
{
#ifdef Q_OS_UNIX
    const qint64 pid = m_pid.load();
    if (pid > 0) {
        ::kill(static_cast<pid_t>(-pid), signal);
        // The group may not exist yet (setpgid runs just after fork): signal the child too.
        if (leaderToo)
            ::kill(static_cast<pid_t>(pid), signal);
    }
#else
    Q_UNUSED(signal)
    Q_UNUSED(leaderToo)
#endif
}

void ChildProcess::cancel()
{
    m_cancelled.store(true);
#ifdef Q_OS_UNIX
    signalGroup(SIGTERM, true);
#endif
}

Result<int> ChildProcess::run(const Callbacks &callbacks)
{
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(m_arguments);
    process.setProcessEnvironment(m_environment);
    process.setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_UNIX
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
#endif
    if (m_cancelled.load())
        return Error(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
    process.start();
    if (!process.waitForStarted(10000))
        return Error(ErrorKind::Io, QStringLiteral("Could not start %1: %2")
                                        .arg(QDir::toNativeSeparators(m_program), process.errorString()));
    m_pid.store(process.processId());
    if (callbacks.started)
        callbacks.started(process.processId());

    QByteArray outBuffer;
    QByteArray errBuffer;
    QElapsedTimer sinceTerm;
    bool terminated = false;
    bool killed = false;
    for (;;) {
        const bool finished = process.waitForFinished(200) || process.state() == QProcess::NotRunning;
        emitLines(errBuffer, process.readAllStandardError(), callbacks.stderrLine, finished);
        emitLines(outBuffer, process.readAllStandardOutput(), callbacks.stdoutLine, finished);
        if (finished)
            break;
        if (callbacks.tick)
            callbacks.tick();
#ifdef Q_OS_UNIX
        if (m_cancelled.load() && !terminated) {
            signalGroup(SIGTERM, true);
            terminated = true;
            sinceTerm.start();
        } else if (terminated && !killed && sinceTerm.elapsed() > 3000) {
            signalGroup(SIGKILL, true);
            killed = true;
        }
#else
        if (m_cancelled.load() && !terminated) {
            process.kill();
            terminated = true;
        }
#endif
    }
#ifdef Q_OS_UNIX
    // Workers of a parallel run may outlive their leader for a moment: take them too, and
    // wait (bounded) until the group is gone, so the caller's removal of a partial file
    // cannot be followed by a worker's last write.
    if (m_cancelled.load()) {
        signalGroup(SIGKILL, false);
        const auto group = static_cast<pid_t>(-m_pid.load());
        QElapsedTimer waited;
        waited.start();
        while (::kill(group, 0) == 0 && waited.elapsed() < 5000)
            ::usleep(20000);
    }
#endif
    m_pid.store(0);
    if (m_cancelled.load())
        return Error(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
    if (process.exitStatus() == QProcess::CrashExit)
        return Error(ErrorKind::Internal, QStringLiteral("%1 stopped unexpectedly (%2).")
                                              .arg(QFileInfo(m_program).fileName(), process.errorString()));
    return process.exitCode();
}

} // namespace strata::backup
