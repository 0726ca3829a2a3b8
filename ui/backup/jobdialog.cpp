#include "jobdialog.h"

#include "backupjobrunner.h"
#include "jobprogressview.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QPushButton>
#include <QtConcurrent>

namespace strata::ui {

using namespace strata::backup;

JobDialog::JobDialog(const QString &startText, bool copyCommand, QWidget *parent)
    : QDialog(parent), m_buttons(new QDialogButtonBox(this)), m_progress(new JobProgressView(this)),
      m_runner(new BackupJobRunner(this))
{
    m_start = m_buttons->addButton(startText, QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    m_close = m_buttons->addButton(QDialogButtonBox::Close);
    if (copyCommand) {
        m_copyCommand = m_buttons->addButton(tr("Copy co&mmand"), QDialogButtonBox::ActionRole);
        connect(m_copyCommand, &QPushButton::clicked, this, &JobDialog::copyCommand);
    }
    connect(m_start, &QPushButton::clicked, this, &JobDialog::start);
    connect(m_cancel, &QPushButton::clicked, m_runner, &BackupJobRunner::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_runner, &BackupJobRunner::progressed, m_progress, &JobProgressView::showProgress);
    connect(m_runner, &BackupJobRunner::logLine, m_progress, &JobProgressView::appendLog);
    connect(m_runner, &BackupJobRunner::finished, this, [this](const Result<JobReport> &result) {
        m_progress->showResult(result);
        setRunning(false);
        jobEnded(result);
        Q_EMIT finished(result.ok(), result.ok() ? result->summary() : result.error().message);
    });
    setRunning(false);
}

JobDialog::~JobDialog() = default;

bool JobDialog::isRunning() const
{
    return m_runner->isRunning();
}

void JobDialog::reject()
{
    if (isRunning()) {
        m_runner->cancel();
        return;
    }
    QDialog::reject();
}

void JobDialog::lockWhileRunning(QWidget *widget)
{
    m_locked << widget;
    widget->setEnabled(!isRunning());
}

void JobDialog::run(std::shared_ptr<BackupJob> job)
{
    if (isRunning())
        return;
    m_progress->reset();
    m_progress->showProgress(JobProgress::busy(tr("Starting")));
    setRunning(true);
    m_runner->start(std::move(job));
}

void JobDialog::refuse(const QString &message)
{
    m_progress->showResult(Error(ErrorKind::Io, message));
}

void JobDialog::jobEnded(const Result<JobReport> &)
{
}

JobDialog::CommandPreview JobDialog::commandPreview() const
{
    return {};
}

void JobDialog::setRunning(bool running)
{
    for (QWidget *w : std::as_const(m_locked))
        w->setEnabled(!running);
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_close->setEnabled(!running);
}

void JobDialog::copyCommand()
{
    const CommandPreview preview = commandPreview();
    if (!preview)
        return;
    m_copyCommand->setEnabled(false);
    auto *watcher = new QFutureWatcher<Result<PgCommand>>(this);
    connect(watcher, &QFutureWatcher<Result<PgCommand>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_copyCommand->setEnabled(true);
        const Result<PgCommand> command = watcher->result();
        if (!command) {
            m_progress->showResult(command.error());
            Q_EMIT commandCopied(false, command.error().message);
            return;
        }
        const QString text = command->displayText();
        QApplication::clipboard()->setText(text);
        m_progress->appendLog(tr("Copied: %1").arg(text));
        Q_EMIT commandCopied(true, text);
    });
    watcher->setFuture(QtConcurrent::run(preview));
}

} // namespace strata::ui
