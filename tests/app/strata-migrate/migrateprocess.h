#pragma once

// A strata-migrate process as a user runs it, for tests that talk to it while it runs:
// start it, wait until its output says something (never a fixed sleep), send it a signal,
// collect its exit code and output. A process still running when the object dies is killed.

#include <QElapsedTimer>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <csignal>
#include <sys/types.h>

namespace strata::test {

class MigrateProcess {
public:
    MigrateProcess(const QString &dir, const QStringList &args, const QMap<QString, QString> &env = {})
    {
        m_process.setWorkingDirectory(dir);
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("DATABASE_URL"));
        e.remove(QStringLiteral("STRATA_DATABASE_URL"));
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            e.insert(it.key(), it.value());
        m_process.setProcessEnvironment(e);
        m_process.start(QStringLiteral(STRATA_MIGRATE_BIN), args);
        m_process.waitForStarted(30000);
    }
    ~MigrateProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(30000);
        }
    }
    MigrateProcess(const MigrateProcess &) = delete;
    MigrateProcess &operator=(const MigrateProcess &) = delete;

    /// Reads standard error until it contains one of `texts` (returns its index) or the
    /// process ends or `timeoutMs` pass without it (returns -1).
    int waitForErr(const QStringList &texts, int timeoutMs = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        while (true) {
            read();
            for (int i = 0; i < texts.size(); ++i)
                if (m_err.contains(texts[i]))
                    return i;
            if (m_process.state() == QProcess::NotRunning || timer.elapsed() > timeoutMs)
                return -1;
            m_process.waitForReadyRead(100);
        }
    }
    bool waitForErr(const QString &text, int timeoutMs = 60000) { return waitForErr(QStringList{text}, timeoutMs) == 0; }

    void signal(int signalNumber) { ::kill(pid_t(m_process.processId()), signalNumber); }
    qint64 pid() const { return m_process.processId(); }

    /// Waits for the end; the exit code, or -1 when it did not end by itself (or crashed).
    int finish(int timeoutMs = 120000)
    {
        if (!m_process.waitForFinished(timeoutMs))
            return -1;
        read();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    bool crashed() const { return m_process.exitStatus() == QProcess::CrashExit; }
    QString err() const { return m_err; }
    QString out() const { return m_out; }

private:
    void read()
    {
        m_err += QString::fromUtf8(m_process.readAllStandardError());
        m_out += QString::fromUtf8(m_process.readAllStandardOutput());
    }

    QProcess m_process;
    QString m_err;
    QString m_out;
};

} // namespace strata::test
