#include "backendactions.h"

#include "monitor/postgresmonitor.h"

#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace strata::ui {

BackendActions::BackendActions(monitor::PostgresMonitor *monitor, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_monitor(monitor)
    , m_dialogParent(dialogParent)
{
}

void BackendActions::cancelQuery(int pid, const QString &what)
{
    confirmAndRun(false, pid, what);
}

void BackendActions::terminate(int pid, const QString &what)
{
    confirmAndRun(true, pid, what);
}

void BackendActions::confirmAndRun(bool terminate, int pid, const QString &what)
{
    if (m_monitor->isReadOnly()) {
        Q_EMIT message(m_monitor->readOnlyReason(), true);
        return;
    }
    QMessageBox box(QMessageBox::Question, terminate ? tr("Terminate backend %1?").arg(pid) : tr("Cancel the query of backend %1?").arg(pid),
                    terminate ? tr("End the session of backend %1? Its open transaction is rolled back and its client is disconnected.").arg(pid)
                              : tr("Cancel the statement backend %1 is running? Its transaction is then aborted.").arg(pid),
                    QMessageBox::NoButton, m_dialogParent);
    box.setInformativeText(what);
    box.setObjectName(QStringLiteral("confirmBackendAction"));
    QPushButton *yes = box.addButton(terminate ? tr("Terminate") : tr("Cancel query"), QMessageBox::AcceptRole);
    QPushButton *no = box.addButton(terminate ? tr("Keep the session") : tr("Let it run"), QMessageBox::RejectRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    no->setObjectName(QStringLiteral("keepButton"));
    box.setDefaultButton(no);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    auto done = [this, terminate, pid](Result<bool> r) {
        if (!r) {
            const Error &e = r.error();
            Q_EMIT message(e.detail.isEmpty() ? e.message : e.message + QStringLiteral(" — ") + e.detail, true);
        } else if (!r.value()) {
            Q_EMIT message(tr("Backend %1 is gone: there was nothing to %2.").arg(pid).arg(terminate ? tr("terminate") : tr("cancel")), false);
        } else {
            Q_EMIT message(terminate ? tr("Backend %1 was told to terminate.").arg(pid) : tr("Cancel sent to backend %1.").arg(pid), false);
        }
    };
    if (terminate)
        m_monitor->terminateBackend(pid, this, done);
    else
        m_monitor->cancelBackend(pid, this, done);
}

} // namespace strata::ui
