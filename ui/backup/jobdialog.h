#pragma once

// JobDialog: what the backup and restore dialogs share — one core::backup job at a time, run
// on a pool thread by a BackupJobRunner, followed by a JobProgressView (progress bar, status,
// the tool's output, the report); the Start / Cancel / Close buttons; "Copy command", which
// puts the exact command on the clipboard with the password masked (built off the GUI thread:
// it may connect and look for the tools). Close (or Escape) while a job runs cancels it and
// keeps the dialog open. A subclass builds its own widgets and lays out progressView() and
// buttons() where it wants them; it says what Start does (start(): check, then run()), which
// widgets are locked while a job runs, and what happens when it ends (jobEnded()).

#include "backup/backupjob.h"
#include "backup/pgcommand.h"

#include <QDialog>
#include <functional>
#include <memory>

class QDialogButtonBox;
class QPushButton;

namespace strata::ui {

class BackupJobRunner;
class JobProgressView;

class JobDialog : public QDialog {
    Q_OBJECT
public:
    ~JobDialog() override;

    /// What the Start button does.
    virtual void start() = 0;
    bool isRunning() const;
    /// While a job runs: cancel it and stay open; otherwise close.
    void reject() override;

    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    /// "Copy command" (null when the dialog has none: SQLite).
    QPushButton *copyCommandButton() const { return m_copyCommand; }
    JobProgressView *progressView() const { return m_progress; }

Q_SIGNALS:
    /// The job ended: `ok`, and the report's summary or the error message.
    void finished(bool ok, const QString &summary);
    /// "Copy command" put this on the clipboard (or failed: the message).
    void commandCopied(bool ok, const QString &text);

protected:
    /// The command "Copy command" copies; called on a pool thread.
    using CommandPreview = std::function<Result<backup::PgCommand>()>;

    /// `startText`: the Start button's text; `copyCommand`: whether there is a "Copy command".
    JobDialog(const QString &startText, bool copyCommand, QWidget *parent);

    QDialogButtonBox *buttons() const { return m_buttons; }
    /// `widget` is disabled while a job runs.
    void lockWhileRunning(QWidget *widget);
    /// Starts `job` (made from the widgets' values before run() disables them).
    void run(std::shared_ptr<backup::BackupJob> job);
    /// Shows a problem that keeps Start from starting.
    void refuse(const QString &message);
    /// After the report is shown and the widgets unlocked, before finished().
    virtual void jobEnded(const Result<backup::JobReport> &result);
    /// The command of what Start would run now (read the widgets here, on the GUI thread).
    virtual CommandPreview commandPreview() const;

private:
    void setRunning(bool running);
    void copyCommand();

    QDialogButtonBox *m_buttons;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_close;
    QPushButton *m_copyCommand = nullptr;
    JobProgressView *m_progress;
    BackupJobRunner *m_runner;
    QList<QWidget *> m_locked;
};

} // namespace strata::ui
