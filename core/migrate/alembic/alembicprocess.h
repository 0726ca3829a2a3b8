#pragma once

// AlembicProcess: one run of a project's Alembic, off the GUI thread's way (QProcess,
// asynchronous). It runs `<python> strata_alembic.py <args>` in the project folder, where
// strata_alembic.py (a resource of strata_core, written to a private temporary file for the
// run) is Alembic's own command line plus the --probe and --url-env options Strata needs.
//
// Output (stdout and stderr merged, as a terminal shows them) is read line by line, given to
// AlembicOutput (steps, traceback, transactional DDL) and signalled as it arrives. The child
// runs in a process group of its own; cancel() sends SIGTERM to the whole group (Alembic, and
// anything it started), then SIGKILL after three seconds. finished() follows exactly once, also
// when the interpreter could not be started.
//
// Threads: lives on the thread that created it (normally the GUI thread); never blocks it.
// waitForFinished() is for the command line and tests only.

#include "alembicinstallation.h"
#include "alembicoutput.h"

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <memory>

namespace strata::migrate::alembic {

struct AlembicRunResult {
    bool started = false;
    bool cancelled = false;
    bool crashed = false;       ///< ended by a signal (not a cancel)
    int exitCode = -1;
    QString startError;         ///< why the interpreter did not start
    QStringList lines;          ///< everything printed

    bool ok() const { return started && !cancelled && !crashed && exitCode == 0; }
};

class AlembicProcess : public QObject {
    Q_OBJECT
public:
    /// `versionsDir` lets the traceback parser prefer frames in the project's revisions.
    AlembicProcess(AlembicInstallation installation, QString projectDir, QString versionsDir = {},
                   QObject *parent = nullptr);
    ~AlembicProcess() override;

    /// The environment of the run (default: Strata's own). Secrets go here, never in args.
    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }
    /// The project's revision ids (see AlembicOutput::setKnownRevisions).
    void setKnownRevisions(const QStringList &ids) { m_output.setKnownRevisions(ids); }
    /// Starts `python strata_alembic.py args...`; finished() follows.
    void start(const QStringList &args);
    /// Terminates the process group (SIGTERM, SIGKILL after 3 s). No-op when not running.
    void cancel();
    bool isRunning() const;
    /// Blocks until finished (command line, tests). False on timeout.
    bool waitForFinished(int msecs = -1);

    const AlembicInstallation &installation() const { return m_installation; }
    const AlembicOutput &output() const { return m_output; }
    const AlembicRunResult &result() const { return m_result; }
    /// The command as a person would type it ("alembic upgrade head"), for the log.
    static QString displayCommand(const QStringList &args);

Q_SIGNALS:
    void lineRead(const QString &line);
    void stepStarted(const strata::migrate::alembic::AlembicStep &step);
    void finished();

private:
    void readLines(bool all);
    void onFinished(int code, QProcess::ExitStatus status);
    void finish();

    AlembicInstallation m_installation;
    QString m_projectDir;
    QProcessEnvironment m_env;
    AlembicOutput m_output;
    AlembicRunResult m_result;
    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_scriptDir;
    bool m_finished = false;
};

} // namespace strata::migrate::alembic
