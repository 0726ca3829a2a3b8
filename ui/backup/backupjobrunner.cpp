#include "backupjobrunner.h"

#include <QtConcurrent>

namespace strata::ui {

BackupJobRunner::BackupJobRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Result<backup::JobReport>>::finished, this, [this] {
        m_job.reset();
        Q_EMIT finished(m_watcher.result());
    });
}

BackupJobRunner::~BackupJobRunner()
{
    if (m_job) {
        m_job->cancel();
        m_watcher.waitForFinished();
    }
}

bool BackupJobRunner::start(std::shared_ptr<backup::BackupJob> job)
{
    if (m_job || !job)
        return false;
    m_job = std::move(job);
    // The sinks run on the pool thread: queue everything to this object's (GUI) thread. The
    // runner waits for the job in its destructor, so `this` outlives every call.
    m_job->setProgressSink([this](const backup::JobProgress &p) {
        QMetaObject::invokeMethod(this, [this, p] { Q_EMIT progressed(p); }, Qt::QueuedConnection);
    });
    m_job->setLogSink([this](const QString &line) {
        QMetaObject::invokeMethod(this, [this, line] { Q_EMIT logLine(line); }, Qt::QueuedConnection);
    });
    m_watcher.setFuture(QtConcurrent::run([job = m_job] { return job->run(); }));
    return true;
}

void BackupJobRunner::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace strata::ui
