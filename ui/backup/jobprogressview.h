#pragma once

// JobProgressView: what a backup or restore dialog shows while a job runs and after it: a
// progress bar (busy when the fraction is unknown), one line saying what happens now (phase,
// items done of total, bytes, elapsed and estimated time), the tool's output, and at the end
// the report (size, duration, tool, warnings, errors, verification) or the error.

#include "backup/backupjob.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;

namespace strata::ui {

class JobProgressView : public QWidget {
    Q_OBJECT
public:
    explicit JobProgressView(QWidget *parent = nullptr);

    void reset();
    void showProgress(const backup::JobProgress &progress);
    void appendLog(const QString &line);
    /// The report, or the error (Cancelled shows as a state, not as a failure).
    void showResult(const Result<backup::JobReport> &result);

    QProgressBar *progressBar() const { return m_bar; }
    QLabel *statusLabel() const { return m_status; }
    QPlainTextEdit *log() const { return m_log; }

    /// "Writing public.books — 3 of 12 tables · 4.1 MB · 12 s elapsed, about 30 s left".
    static QString describe(const backup::JobProgress &progress);

private:
    QProgressBar *m_bar;
    QLabel *m_status;
    QPlainTextEdit *m_log;
};

} // namespace strata::ui
