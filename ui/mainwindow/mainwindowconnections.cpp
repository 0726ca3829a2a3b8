// MainWindow: opening, closing and reconnecting connections; the saved connections' menu
// entries; recent files; drag and drop; reopening the last session.

#include "mainwindow.h"

#include "connection/connection.h"
#include "connection/connectionstore.h"
#include "connections/savedconnections.h"
#include "tree/objecttreepanel.h"
#include "welcomepage.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>

namespace strata::ui {

using connection::Connection;
using connection::ConnectionSpec;

namespace {

const QString kRecentFiles = QStringLiteral("recentFiles");
const QString kReopenSetting = QStringLiteral("session/reopenOnStart");   // also in mainwindowsession.cpp
constexpr int kMaxRecentFiles = 10;

bool isSqliteFileName(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("db") || suffix == QLatin1String("sqlite") || suffix == QLatin1String("sqlite3")
        || suffix == QLatin1String("db3");
}

} // namespace

void MainWindow::createConnectionActions(QMenu *file)
{
    m_newConnectionAction = makeAction(QIcon::fromTheme(QStringLiteral("network-server"), style()->standardIcon(QStyle::SP_DriveNetIcon)),
                                       tr("&New connection…"), "actionNewConnection",
                                       tr("New connection to a PostgreSQL server or a SQLite file (Ctrl+Shift+O)"));
    m_newConnectionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_newConnectionAction, &QAction::triggered, this, &MainWindow::newConnection);
    file->addAction(m_newConnectionAction);
    m_openFileAction = makeAction(QIcon::fromTheme(QStringLiteral("document-open"), style()->standardIcon(QStyle::SP_DialogOpenButton)),
                                  tr("&Open SQLite database…"), "actionOpenFile", tr("Open a SQLite database file (Ctrl+O)"));
    m_openFileAction->setShortcut(QKeySequence::Open);
    connect(m_openFileAction, &QAction::triggered, this, &MainWindow::openSqliteFile);
    file->addAction(m_openFileAction);
    file->addAction(tr("New SQLite &database…"), QKeySequence::New, this, &MainWindow::newSqliteFile);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addAction(tr("Open de&mo database"), this, &MainWindow::openDemoDatabase);
    file->addSeparator();
    file->addMenu(m_saved->createImportMenu(file));
    file->addAction(tr("&Export connections…"), m_saved, &SavedConnections::exportConnections);
    QAction *reopen = file->addAction(tr("Reopen connections on &start"));
    reopen->setCheckable(true);
    reopen->setChecked(m_settings->value(kReopenSetting, true).toBool());   // on unless turned off
    connect(reopen, &QAction::toggled, this, [this](bool on) { m_settings->setValue(kReopenSetting, on); });
    file->addSeparator();
    file->addAction(tr("Re&connect"), QKeySequence(Qt::CTRL | Qt::Key_R), this, [this] { reconnect(currentConnectionId()); });
    file->addAction(tr("C&lose connection"), this, &MainWindow::closeCurrentConnection);
}

void MainWindow::createStatusWidgets()
{
    m_connectProgress = new QProgressBar(this);
    m_connectProgress->setRange(0, 0);
    m_connectProgress->setMaximumWidth(100);
    m_connectProgress->setMaximumHeight(14);
    m_connectProgress->setTextVisible(false);
    m_connectProgress->hide();
    m_cancelConnect = new QToolButton(this);
    m_cancelConnect->setText(tr("Cancel"));
    m_cancelConnect->setToolTip(tr("Stop connecting"));
    m_cancelConnect->hide();
    connect(m_cancelConnect, &QToolButton::clicked, this, &MainWindow::cancelConnecting);
    m_reconnectButton = new QToolButton(this);
    m_reconnectButton->setText(tr("Reconnect"));
    m_reconnectButton->setToolTip(tr("Open the connection again; tabs stay open (Ctrl+R)"));
    m_reconnectButton->hide();
    connect(m_reconnectButton, &QToolButton::clicked, this, [this] { reconnect(currentConnectionId()); });
    statusBar()->addPermanentWidget(m_connectProgress);
    statusBar()->addPermanentWidget(m_cancelConnect);
    statusBar()->addPermanentWidget(m_reconnectButton);
}

int MainWindow::currentConnectionId() const
{
    const QList<int> ids = m_model->connectionIds();
    const int id = m_treePanel->currentObject().connectionId;
    if (m_model->connection(id))
        return id;
    return ids.isEmpty() ? 0 : *std::max_element(ids.begin(), ids.end());
}

void MainWindow::openConnection(const ConnectionSpec &spec)
{
    // A saved connection that is open already is only brought into view.
    if (const int open = m_model->connectionIdForProfile(spec.profile.id)) {
        m_treePanel->expandConnection(open);
        return;
    }
    auto *conn = new Connection(spec.profile, QStringLiteral("tree"), this);
    auto id = std::make_shared<int>(-1);
    conn->open(spec.password, [this, id, conn, spec](const Result<connection::ServerInfo> &result) {
        m_connecting.remove(*id);
        m_connectProgress->setVisible(!m_connecting.isEmpty());
        m_cancelConnect->setVisible(!m_connecting.isEmpty());
        if (!result) {
            connectionFailed(*id, conn, spec, result.error());
            return;
        }
        if (spec.profile.isSqlite() && !spec.profile.inMemory)
            rememberRecentFile(spec.profile.filePath);
        m_treePanel->expandConnection(*id);
        updateStatus();
        Q_EMIT connectionOpened(*id, true);
    });
    // Added after open() was posted, so the tree's first catalog job queues behind it.
    *id = m_model->addConnection(conn, spec.password);
    m_connecting.insert(*id);
    m_connectProgress->show();
    m_cancelConnect->show();
    connect(conn, &Connection::stateChanged, this, &MainWindow::updateStatus);
    m_statusLabel->setText(tr("Connecting to %1…").arg(spec.profile.displayName()));
}

void MainWindow::connectionFailed(int id, Connection *conn, const ConnectionSpec &spec, const Error &error)
{
    m_model->removeConnection(id);
    conn->disposeLater();
    updateStatus();
    Q_EMIT connectionOpened(id, false);
    if (error.field == QLatin1String("password") && spec.profile.isPostgres()) {
        m_saved->askPassword(spec, error);   // asks, then tries again through openRequested
        return;
    }
    showError(tr("Could not open %1").arg(spec.profile.displayName()), error);
}

void MainWindow::cancelConnecting()
{
    const QSet<int> connecting = m_connecting;
    m_connecting.clear();
    for (int id : connecting) {
        if (Connection *conn = m_model->connection(id)) {
            m_model->removeConnection(id);
            conn->disposeLater();   // the worker may wait for a host that never answers
        }
    }
    m_connectProgress->hide();
    m_cancelConnect->hide();
    updateStatus();
    statusBar()->showMessage(tr("Connecting cancelled."), 5000);
}

void MainWindow::connectSaved(const QString &profileId)
{
    m_saved->connectProfile(profileId);
}

void MainWindow::closeConnection(int connectionId)
{
    Connection *conn = m_model->connection(connectionId);
    if (!conn)
        return;
    // Every tab opened on the connection goes with it (grids, consoles, designers,
    // properties, the migration panel), after one question about their pending work.
    closeTabs(tabsOfConnection(connectionId), PendingWorkScope::CloseConnection,
              tr("Disconnect %1").arg(conn->profile().displayName()), [this, connectionId] {
        Connection *closing = m_model->connection(connectionId);
        if (!closing)
            return;   // closed meanwhile
        m_connecting.remove(connectionId);
        m_model->removeConnection(connectionId);
        closing->disposeLater();
        updateStatus();
    });
}

void MainWindow::closeCurrentConnection()
{
    closeConnection(m_treePanel->currentObject().connectionId);
}

void MainWindow::reconnect(int connectionId)
{
    Connection *conn = m_model->connection(connectionId);
    if (!conn || conn->state() == Connection::State::Connecting)
        return;
    m_statusLabel->setText(tr("Reconnecting to %1…").arg(conn->profile().displayName()));
    conn->reconnect([this, connectionId](const Result<connection::ServerInfo> &result) {
        if (!result) {
            showError(tr("Could not reconnect"), result.error());
            return;
        }
        // The tree reloads what it shows; tabs keep their Connection and their pending work
        // and go on working, so nothing is asked before a reconnect.
        m_treePanel->reload(m_model->connectionIndex(connectionId));
        m_treePanel->expandConnection(connectionId);
        statusBar()->showMessage(tr("Reconnected."), 5000);
    });
}

void MainWindow::newConnection()
{
    m_saved->createNew();
}

void MainWindow::openSqliteFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open SQLite database"), QString(),
                                                      tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"));
    if (path.isEmpty())
        return;
    ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    openConnection(spec);
}

void MainWindow::newSqliteFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New SQLite database"), QStringLiteral("books.db"),
                                                      tr("SQLite databases (*.db *.sqlite *.sqlite3)"));
    if (path.isEmpty())
        return;
    ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    spec.profile.createIfMissing = true;
    openConnection(spec);
}

void MainWindow::rememberRecentFile(const QString &path)
{
    QStringList files = m_settings->value(kRecentFiles).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    m_settings->setValue(kRecentFiles, files);
    fillWelcomePage();
}

void MainWindow::fillWelcomePage()
{
    QList<WelcomePage::Saved> saved;
    for (const connection::ConnectionProfile &p : m_store->profiles()) {
        QString detail = p.isSqlite() ? p.filePath : p.host + (p.port ? QStringLiteral(":%1").arg(p.port) : QString());
        if (!p.isSqlite() && !p.database.isEmpty())
            detail += QLatin1Char('/') + p.database;
        saved.append({p.id, p.displayName(), detail});
    }
    m_welcome->setEntries(saved, m_settings->value(kRecentFiles).toStringList());
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings->value(kRecentFiles).toStringList();
    for (const QString &path : files) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openLocation(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(QFileInfo::exists(path));
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    else
        m_recentMenu->addAction(tr("Clear list"), this, [this] { m_settings->remove(kRecentFiles); });
}

void MainWindow::addConnectionMenuEntries(QMenu *menu, const QModelIndex &source)
{
    const ObjectRef ref = m_model->objectAt(source);
    const QString profileId = source.data(ObjectTreeModel::ProfileIdRole).toString();
    if (source.isValid() && ref.kind == NodeKind::Connection) {
        Connection *conn = m_model->connection(ref.connectionId);
        if (!conn && !profileId.isEmpty())
            menu->addAction(tr("&Connect"), this, [this, profileId] { connectSaved(profileId); });
        if (conn && (conn->state() == Connection::State::Lost || conn->state() == Connection::State::Failed))
            menu->addAction(tr("Re&connect"), this, [this, id = ref.connectionId] { reconnect(id); });
        if (conn)
            menu->addAction(tr("&Disconnect"), this, [this, id = ref.connectionId] { closeConnection(id); });
        if (!profileId.isEmpty()) {
            menu->addSeparator();
            menu->addAction(tr("&Edit…"), m_saved, [this, profileId] { m_saved->edit(profileId); });
            menu->addAction(tr("D&uplicate…"), m_saved, [this, profileId] { m_saved->duplicate(profileId); });
            menu->addAction(tr("Rena&me…"), m_saved, [this, profileId] { m_saved->rename(profileId); });
            menu->addAction(tr("Copy &URL"), m_saved, [this, profileId] { m_saved->copyUrl(profileId); });
            menu->addAction(tr("De&lete…"), m_saved, [this, profileId] { m_saved->remove(profileId); });
        } else if (conn) {
            menu->addSeparator();
            const connection::ConnectionProfile profile = conn->profile();
            menu->addAction(tr("&Save connection…"), m_saved, [this, profile] { m_saved->createNew(profile); });
        }
        menu->addSeparator();
    } else if (!source.isValid() || ref.kind == NodeKind::Group) {
        connection::ConnectionProfile preset;
        if (ref.kind == NodeKind::Group)
            preset.group = source.data(ObjectTreeModel::NameRole).toString();
        menu->addAction(tr("&New connection…"), m_saved, [this, preset] { m_saved->createNew(preset); });
        menu->addMenu(m_saved->createImportMenu(menu));
        menu->addSeparator();
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && isSqliteFileName(url.toLocalFile())) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile() && isSqliteFileName(url.toLocalFile()))
            openLocation(url.toLocalFile());
    event->acceptProposedAction();
}

} // namespace strata::ui
