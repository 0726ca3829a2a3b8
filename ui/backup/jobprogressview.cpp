#include "jobprogressview.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QVBoxLayout>

namespace strata::ui {

using backup::formatBytes;
using backup::formatDuration;

JobProgressView::JobProgressView(QWidget *parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_status(new QLabel(this)), m_log(new QPlainTextEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_status->setWordWrap(true);
    // The report is several lines (size, tool, verification): never squeezed under the log.
    m_status->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setPlaceholderText(tr("The tool's output appears here."));
    m_log->setMinimumHeight(110);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addWidget(m_log, 1);
    reset();
}

void JobProgressView::reset()
{
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bar->setFormat(QStringLiteral("%p%"));
    m_status->setText(tr("Not started."));
    m_log->clear();
}

QString JobProgressView::describe(const backup::JobProgress &p)
{
    QStringList parts{p.phase};
    if (p.itemsTotal > 0)
        parts << tr("%1 of %2 %3").arg(p.itemsDone).arg(p.itemsTotal).arg(p.itemsUnit);
    if (!p.detail.isEmpty())
        parts << p.detail;
    if (p.bytes >= 0)
        parts << formatBytes(p.bytes);
    QString time = tr("%1 elapsed").arg(formatDuration(p.elapsedMs));
    if (p.remainingMs >= 0 && p.fraction < 1.0)
        time += tr(", about %1 left").arg(formatDuration(p.remainingMs));
    parts << time;
    return parts.join(QStringLiteral(" · "));
}

void JobProgressView::showProgress(const backup::JobProgress &p)
{
    if (p.fraction < 0) {
        m_bar->setRange(0, 0);   // busy
    } else {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(p.fraction * 1000));
    }
    m_status->setText(describe(p));
}

void JobProgressView::appendLog(const QString &line)
{
    m_log->appendPlainText(line);
}

void JobProgressView::showResult(const Result<backup::JobReport> &result)
{
    m_bar->setRange(0, 1000);
    if (result.ok()) {
        m_bar->setValue(1000);
        const bool verifiedBad = result->verification && !result->verification->passed && !result->verification->cancelled;
        m_bar->setFormat(verifiedBad ? tr("Done — verification found differences") : tr("Done"));
        m_status->setText(result->summary().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        m_log->appendPlainText(tr("— Report —\n%1").arg(result->summary()));
        return;
    }
    const Error &e = result.error();
    m_bar->setValue(0);
    m_bar->setFormat(e.isCancelled() ? tr("Cancelled") : tr("Failed"));
    m_status->setText(e.isCancelled() ? tr("Cancelled: nothing was left behind.") : e.message.toHtmlEscaped());
    if (!e.isCancelled() && !e.detail.isEmpty())
        m_log->appendPlainText(e.detail);
}

} // namespace strata::ui
