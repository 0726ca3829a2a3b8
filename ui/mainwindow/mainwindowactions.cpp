// MainWindow: the toolbar, the Edit, Window and Help menus, and reopening closed tabs.
// Toolbar entries that belong to a tab (Save, Revert, Run, Cancel) relay the current tab's
// own actions (ActionRelay), so they are enabled exactly when the tab's are.

#include "mainwindow.h"

#include "actionrelay.h"
#include "aboutdialog.h"
#include "editcommands.h"
#include "shortcutsdialog.h"
#include "userguidedialog.h"
#include "base/buildinfo.h"
#include "connection/connection.h"
#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "dashboard/dashboardtab.h"
#include "grid/gridtab.h"
#include "migrations/migrationpanel.h"
#include "tree/objectpropertiestab.h"
#include "tree/objecttreepanel.h"

#include <QApplication>
#include <QClipboard>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QSysInfo>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>

namespace strata::ui {

namespace {

constexpr int kMaxClosedTabs = 20;

/// The platform theme's icon where there is one, Qt's own (bundled with Qt) otherwise.
QIcon themedIcon(const QWidget *widget, const char *themeName, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QLatin1String(themeName), widget->style()->standardIcon(fallback));
}

} // namespace

QAction *MainWindow::makeAction(const QIcon &icon, const QString &text, const char *name, const QString &tip)
{
    auto *action = new QAction(icon, text, this);
    action->setObjectName(QLatin1String(name));
    action->setToolTip(tip.isEmpty() ? QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")) : tip);
    return action;
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(tr("Main toolbar"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setIconSize(QSize(20, 20));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_toolBar->addAction(m_newConnectionAction);
    m_toolBar->addAction(m_openFileAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_newConsoleAction);
    m_treePanel->refreshAction()->setIcon(themedIcon(this, "view-refresh", QStyle::SP_BrowserReload));
    m_toolBar->addAction(m_treePanel->refreshAction());
    m_toolBar->addSeparator();
    m_saveRelay = new ActionRelay(themedIcon(this, "document-save", QStyle::SP_DialogSaveButton), tr("Save changes"), this);
    m_saveRelay->setObjectName(QStringLiteral("actionSaveTab"));
    m_revertRelay = new ActionRelay(themedIcon(this, "document-revert", QStyle::SP_DialogResetButton), tr("Revert changes"), this);
    m_revertRelay->setObjectName(QStringLiteral("actionRevertTab"));
    m_runRelay = new ActionRelay(themedIcon(this, "media-playback-start", QStyle::SP_MediaPlay), tr("Run statement"), this);
    m_runRelay->setObjectName(QStringLiteral("actionRunTab"));
    m_cancelRelay = new ActionRelay(themedIcon(this, "process-stop", QStyle::SP_MediaStop), tr("Cancel"), this);
    m_cancelRelay->setObjectName(QStringLiteral("actionCancelTab"));
    for (ActionRelay *relay : {m_saveRelay, m_revertRelay, m_runRelay, m_cancelRelay})
        m_toolBar->addAction(relay);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_migrationsAction);
    m_toolBar->addAction(m_backupAction);
    m_toolBar->addAction(m_restoreAction);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateTabActions);
    updateTabActions();
}

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    m_editCommands = new EditCommands(edit, this);
}

void MainWindow::createWindowMenu()
{
    QMenu *window = menuBar()->addMenu(tr("&Window"));
    window->setObjectName(QStringLiteral("windowMenu"));
    m_nextTabAction = window->addAction(tr("&Next tab"), this, [this] {
        if (m_tabs->count() > 1)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
    });
    m_nextTabAction->setObjectName(QStringLiteral("actionNextTab"));
    m_nextTabAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence(Qt::CTRL | Qt::Key_Tab)});
    m_previousTabAction = window->addAction(tr("&Previous tab"), this, [this] {
        if (m_tabs->count() > 1)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
    });
    m_previousTabAction->setObjectName(QStringLiteral("actionPreviousTab"));
    m_previousTabAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_PageUp), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)});
    window->addSeparator();
    m_closeOthersAction = window->addAction(tr("Close &other tabs"), this, [this] {
        QList<QWidget *> others = allTabs();
        others.removeAll(m_tabs->currentWidget());
        if (!others.isEmpty())
            closeTabs(others, PendingWorkScope::CloseTab, tr("Close other tabs"));
    });
    m_closeOthersAction->setObjectName(QStringLiteral("actionCloseOtherTabs"));
    m_reopenTabAction = window->addAction(tr("&Reopen closed tab"), this, &MainWindow::reopenClosedTab);
    m_reopenTabAction->setObjectName(QStringLiteral("actionReopenClosedTab"));
    m_reopenTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    window->addSeparator();
    window->addAction(tr("Focus the object &tree"), QKeySequence(Qt::ALT | Qt::Key_1), this, [this] {
        m_treePanel->view()->setFocus(Qt::ShortcutFocusReason);
    });
    connect(window, &QMenu::aboutToShow, this, &MainWindow::updateTabActions);
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QWidget *tab = m_tabs->currentWidget();
        ShortcutsDialog dialog(menuBar(), tab, tab ? tabName(tab) : QString(), this);
        dialog.exec();
    });
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QAction *guide = help->addAction(tr("&User guide"), this, [this] {
        auto *dialog = new UserGuideDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    guide->setObjectName(QStringLiteral("actionUserGuide"));
    guide->setShortcut(QKeySequence::HelpContents);
    QAction *report = help->addAction(tr("&Report a problem…"), this, &MainWindow::reportProblem);
    report->setObjectName(QStringLiteral("actionReportProblem"));
    help->addSeparator();
    help->addAction(tr("&About Strata"), this, &MainWindow::showAbout)->setObjectName(QStringLiteral("actionAbout"));
}

void MainWindow::reportProblem()
{
    const QString info = buildInfoText() + QStringLiteral("\n%1 (%2)\nQt platform: %3")
                             .arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture(), QGuiApplication::platformName());
    QApplication::clipboard()->setText(info);
    QMessageBox box(QMessageBox::Information, tr("Report a problem"),
                    tr("The version information below is on the clipboard: paste it into your report, "
                       "with what you did, what you expected and what happened instead."),
                    QMessageBox::Ok, this);
    box.setInformativeText(tr("Never paste passwords; Strata's messages already hide them."));
    box.setDetailedText(info);
    box.exec();
}

void MainWindow::updateTabActions()
{
    QWidget *page = m_tabs->currentWidget();
    auto *grid = qobject_cast<GridTab *>(page);
    auto *console = qobject_cast<ConsoleTab *>(page);
    m_saveRelay->setTarget(grid ? grid->saveAction() : nullptr);
    m_revertRelay->setTarget(grid ? grid->revertAction() : nullptr);
    m_runRelay->setTarget(console ? console->runAction() : nullptr);
    m_cancelRelay->setTarget(console ? console->cancelAction() : nullptr);
    // Run and Cancel only mean something while a console is in front.
    m_runRelay->setVisible(console != nullptr);
    m_cancelRelay->setVisible(console != nullptr);
    m_nextTabAction->setEnabled(m_tabs->count() > 1);
    m_previousTabAction->setEnabled(m_tabs->count() > 1);
    m_closeOthersAction->setEnabled(m_tabs->count() > 1);
    m_reopenTabAction->setEnabled(!m_closedTabs.isEmpty());
    const bool connected = !m_model->connectionIds().isEmpty();
    m_newConsoleAction->setEnabled(connected);
    m_migrationsAction->setEnabled(connected);
}

void MainWindow::rememberClosedTab(QWidget *page)
{
    ClosedTab closed;
    closed.connectionId = page->property("connectionId").toInt();
    if (auto *grid = qobject_cast<GridTab *>(page)) {
        closed.kind = ClosedTab::Kind::Data;
        closed.object = grid->object();
    } else if (auto *properties = qobject_cast<ObjectPropertiesTab *>(page)) {
        closed.kind = ClosedTab::Kind::Properties;
        closed.object = properties->object();
    } else if (auto *console = qobject_cast<ConsoleTab *>(page)) {
        closed.kind = ClosedTab::Kind::Console;
        closed.text = console->editor()->toPlainText();
    } else if (qobject_cast<MigrationPanel *>(page)) {
        closed.kind = ClosedTab::Kind::Migrations;
    } else if (qobject_cast<DashboardTab *>(page)) {
        closed.kind = ClosedTab::Kind::Dashboard;
    } else {
        return;   // designers, diffs and revision editors hold their own state: not reopened
    }
    m_closedTabs.append(closed);
    while (m_closedTabs.size() > kMaxClosedTabs)
        m_closedTabs.removeFirst();
}

void MainWindow::reopenClosedTab()
{
    while (!m_closedTabs.isEmpty()) {
        const ClosedTab closed = m_closedTabs.takeLast();
        if (!m_model->connection(closed.connectionId))
            continue;   // its connection closed since
        switch (closed.kind) {
        case ClosedTab::Kind::Data: openData(closed.object); break;
        case ClosedTab::Kind::Properties: openObject(closed.object); break;
        case ClosedTab::Kind::Migrations: openMigrations(closed.connectionId); break;
        case ClosedTab::Kind::Dashboard: openDashboard(closed.connectionId); break;
        case ClosedTab::Kind::Console:
            if (ConsoleTab *console = openConsole(closed.connectionId); console && !closed.text.isEmpty()
                && console->editor()->toPlainText().isEmpty())
                console->editor()->setPlainText(closed.text);
            break;
        }
        break;
    }
    updateTabActions();
}

} // namespace strata::ui
