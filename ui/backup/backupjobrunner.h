#pragma once

// BackupJobRunner: runs one core::backup job on a pool thread (QtConcurrent) and brings its
// progress, log lines and result back to the GUI thread as signals. The GUI thread never
// waits for it: cancel() asks the job to stop (it ends the tool's process group or interrupts
// SQLite) and finished() follows. The runner outlives the job: destroying it while a job
// runs cancels the job and waits for it (it stops within a few seconds at most).

#include "backup/backupjob.h"

#include <QFutureWatcher>
#include <QObject>
#include <memory>

namespace strata::ui {

class BackupJobRunner : public QObject {
    Q_OBJECT
public:
    explicit BackupJobRunner(QObject *parent = nullptr);
    ~BackupJobRunner() override;

    /// Starts `job`; false when one is still running.
    bool start(std::shared_ptr<backup::BackupJob> job);
    void cancel();
    bool isRunning() const { return m_job != nullptr; }

Q_SIGNALS:
    void progressed(const strata::backup::JobProgress &progress);
    void logLine(const QString &line);
    void finished(const strata::Result<strata::backup::JobReport> &result);

private:
    std::shared_ptr<backup::BackupJob> m_job;
    QFutureWatcher<Result<backup::JobReport>> m_watcher;
};

} // namespace strata::ui
