// MainWindow: the central tabs — added with their connection and title, marked when they
// hold pending work, and closed (a tab, a connection's tabs, all of them when quitting) only
// after PendingWorkGuard asked about that work.

#include "mainwindow.h"

#include "connection/connection.h"
#include "connection/connectionstore.h"
#include "console/consoletab.h"
#include "widgets/pendingworkguard.h"

#include <QCloseEvent>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace strata::ui {

namespace {
const char *const kTitle = "strataTabTitle";
const char *const kConnection = "connectionId";
const QString kModifiedMarker = QStringLiteral(" \u2022");   // "books •"
}

int MainWindow::addTab(QWidget *page, const QString &title, int connectionId)
{
    page->setProperty(kConnection, connectionId);
    page->setProperty(kTitle, title);
    const int index = m_tabs->addTab(page, title);
    if (PendingWork *work = PendingWork::of(page))
        connect(work, &PendingWork::changed, this, [this, page] { updateTabMarker(page); });
    updateTabMarker(page);
    return index;
}

void MainWindow::setTabTitle(QWidget *page, const QString &title)
{
    page->setProperty(kTitle, title);
    updateTabMarker(page);
}

void MainWindow::updateTabMarker(QWidget *page)
{
    const int index = m_tabs->indexOf(page);
    if (index < 0)
        return;
    const PendingWork *work = PendingWork::of(page);
    const bool pending = work && work->isPending(PendingWorkScope::CloseTab);
    const QString text = page->property(kTitle).toString() + (pending ? kModifiedMarker : QString());
    if (m_tabs->tabText(index) != text)
        m_tabs->setTabText(index, text);
}

QString MainWindow::tabName(QWidget *page) const
{
    return page->property(kTitle).toString();
}

QString MainWindow::tabConnectionName(QWidget *page) const
{
    // The connection, unless the title says it already.
    const connection::Connection *conn = m_model->connection(page->property(kConnection).toInt());
    if (!conn || tabName(page).contains(conn->profile().displayName()))
        return QString();
    return conn->profile().displayName();
}

QList<QWidget *> MainWindow::allTabs() const
{
    QList<QWidget *> pages;
    for (int i = 0; i < m_tabs->count(); ++i)
        pages << m_tabs->widget(i);
    return pages;
}

QList<QWidget *> MainWindow::tabsOfConnection(int connectionId) const
{
    QList<QWidget *> pages;
    for (QWidget *page : allTabs())
        if (page->property(kConnection).toInt() == connectionId)
            pages << page;
    return pages;
}

bool MainWindow::startGuard(const QList<QWidget *> &pages, PendingWorkScope scope, const QString &title,
                            std::function<void()> proceed)
{
    if (m_closing) {
        statusBar()->showMessage(tr("Answer the open question (or wait for the save) first."), 5000);
        return false;
    }
    PendingWorkGuard::Request request{title, pages, scope, [this](QWidget *tab) { return tabName(tab); },
                                      [this](QWidget *tab) { return tabConnectionName(tab); }};
    PendingWorkGuard *guard = PendingWorkGuard::start(this, std::move(request), std::move(proceed));
    if (!guard)
        return true;   // nothing was pending: done already
    m_closing = guard;
    connect(guard, &PendingWorkGuard::savingStarted, this, [this](int count) {
        statusBar()->showMessage(tr("Saving %n tab(s) before closing…", nullptr, count));
    });
    connect(guard, &PendingWorkGuard::saveFailed, this, [this](QWidget *tab) {
        if (tab && m_tabs->indexOf(tab) >= 0)
            m_tabs->setCurrentWidget(tab);   // where the error is shown
    });
    connect(guard, &PendingWorkGuard::finished, this, [this] {
        m_closing = nullptr;   // another close may ask now (the guard deletes itself later)
        statusBar()->clearMessage();
    });
    return true;
}

bool MainWindow::closeTabs(const QList<QWidget *> &pages, PendingWorkScope scope, const QString &title,
                           std::function<void()> then)
{
    QList<QPointer<QWidget>> guarded;
    for (QWidget *page : pages)
        guarded << page;
    return startGuard(pages, scope, title, [this, guarded, then, scope] {
        for (const QPointer<QWidget> &page : guarded) {
            if (!page)
                continue;
            const int index = m_tabs->indexOf(page);
            if (scope == PendingWorkScope::CloseTab)
                rememberClosedTab(page);   // Window › Reopen closed tab
            if (index >= 0)
                m_tabs->removeTab(index);
            page->deleteLater();
        }
        if (then)
            then();
        updateTabActions();
    });
}

void MainWindow::closeTab(int index)
{
    if (QWidget *page = m_tabs->widget(index))
        closeTabs({page}, PendingWorkScope::CloseTab, tr("Close %1").arg(page->property(kTitle).toString()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitApproved && (m_closing || PendingWorkGuard::anyPending(allTabs(), PendingWorkScope::Quit))) {
        // Asked before anything closes; the window closes again once the work is saved or dropped.
        event->ignore();
        startGuard(allTabs(), PendingWorkScope::Quit, tr("Quit Strata"), [this] {
            m_quitApproved = true;
            QTimer::singleShot(0, this, &QWidget::close);
        });
        return;
    }
    m_quitApproved = false;
    // Unsaved console text stays in the autosave and comes back next time.
    for (QWidget *page : allTabs())
        if (auto *console = qobject_cast<ConsoleTab *>(page); console && console->isModified())
            console->autosaveNow();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    saveSession();   // mainwindowsession.cpp
    QMainWindow::closeEvent(event);
}

} // namespace strata::ui
