#include "mainwindow.h"

#include "aboutdialog.h"
#include "welcomepage.h"
#include "connection/connection.h"
#include "connections/connectdialog.h"
#include "demo/demodatabase.h"
#include "grid/gridtab.h"
#include "tree/objectpropertiestab.h"
#include "tree/objecttreepanel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>
#include <QTabBar>
#include <QTabWidget>
#include <QtConcurrent>

namespace strata::ui {

using connection::Connection;
using connection::ConnectionSpec;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new ObjectTreeModel(this))
    , m_treePanel(new ObjectTreePanel(m_model, this))
    , m_tabs(new QTabWidget(this))
    , m_statusLabel(new QLabel(this))
{
    setWindowTitle(QStringLiteral("Strata"));
    setObjectName(QStringLiteral("MainWindow"));

    auto *dock = new QDockWidget(tr("Objects"), this);
    dock->setObjectName(QStringLiteral("ObjectTreeDock"));
    dock->setWidget(m_treePanel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *page = m_tabs->widget(index);
        m_tabs->removeTab(index);
        page->deleteLater();
    });
    // The welcome page stands in for the tabs while none is open.
    auto *welcome = new WelcomePage(this);
    connect(welcome, &WelcomePage::openFileRequested, this, &MainWindow::openSqliteFile);
    connect(welcome, &WelcomePage::connectRequested, this, &MainWindow::connectPostgres);
    connect(welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemoDatabase);
    auto *stack = new QStackedWidget(this);
    stack->addWidget(welcome);
    stack->addWidget(m_tabs);
    auto showPage = [this, stack] { stack->setCurrentIndex(m_tabs->count() > 0 ? 1 : 0); };
    connect(m_tabs, &QTabWidget::currentChanged, stack, showPage);
    setCentralWidget(stack);

    statusBar()->addWidget(m_statusLabel, 1);
    connect(m_treePanel, &ObjectTreePanel::openRequested, this, &MainWindow::openObject);
    connect(m_treePanel, &ObjectTreePanel::dataRequested, this, &MainWindow::openData);
    connect(m_treePanel->view()->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::updateStatus);

    createActions();
    QSettings settings;
    resize(1200, 760);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    dock->toggleViewAction()->setText(tr("&Object tree"));
    menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))->addAction(dock->toggleViewAction());
    if (dock->width() < 200)
        resizeDocks({dock}, {320}, Qt::Horizontal);
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open SQLite database…"), QKeySequence::Open, this, &MainWindow::openSqliteFile);
    file->addAction(tr("&New SQLite database…"), QKeySequence::New, this, &MainWindow::newSqliteFile);
    file->addAction(tr("&Connect to PostgreSQL…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, &MainWindow::connectPostgres);
    file->addAction(tr("Open &demo database"), this, &MainWindow::openDemoDatabase);
    file->addSeparator();
    file->addAction(tr("C&lose connection"), this, &MainWindow::closeCurrentConnection);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_treePanel->refreshAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Strata"), this, &MainWindow::showAbout);
}

bool MainWindow::openLocation(const QString &location)
{
    Result<ConnectionSpec> spec = connection::parseConnectionString(location);
    if (!spec) {
        showError(tr("Cannot open %1").arg(location), spec.error());
        return false;
    }
    openConnection(spec.value());
    return true;
}

void MainWindow::openConnection(const ConnectionSpec &spec)
{
    auto *conn = new Connection(spec.profile, QStringLiteral("tree"), this);
    auto id = std::make_shared<int>(-1);
    conn->open(spec.password, [this, id, conn](const Result<connection::ServerInfo> &result) {
        if (!result) {
            m_model->removeConnection(*id);
            conn->deleteLater();
            updateStatus();
            Q_EMIT connectionOpened(*id, false);
            showError(tr("Could not open %1").arg(conn->profile().displayName()), result.error());
            return;
        }
        m_treePanel->expandConnection(*id);
        updateStatus();
        Q_EMIT connectionOpened(*id, true);
    });
    // Added after open() was posted, so the tree's first catalog job queues behind it.
    *id = m_model->addConnection(conn, spec.password);
    connect(conn, &Connection::stateChanged, this, &MainWindow::updateStatus);
    m_statusLabel->setText(tr("Connecting to %1…").arg(spec.profile.displayName()));
}

void MainWindow::openDemoDatabase()
{
    const QString path = demo::defaultDemoPath();
    m_statusLabel->setText(tr("Preparing the demo database…"));
    auto *watcher = new QFutureWatcher<Result<bool>>(this);
    connect(watcher, &QFutureWatcher<Result<bool>>::finished, this, [this, watcher, path] {
        const Result<bool> installed = watcher->result();
        watcher->deleteLater();
        if (!installed) {
            showError(tr("Could not create the demo database"), installed.error());
            return;
        }
        ConnectionSpec spec;
        spec.profile.driver = dialect::DialectKind::Sqlite;
        spec.profile.filePath = path;
        spec.profile.name = tr("Demo (books, music, users)");
        openConnection(spec);
    });
    // Creating the file runs SQL: never on the GUI thread.
    watcher->setFuture(QtConcurrent::run([path] { return demo::installDemoDatabase(path); }));
}

void MainWindow::openObject(const ObjectRef &object)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<ObjectPropertiesTab *>(m_tabs->widget(i));
        if (tab && tab->object().connectionId == object.connectionId && tab->object().schema == object.schema
            && tab->object().name == object.name) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    Connection *conn = m_model->connection(object.connectionId);
    if (!conn)
        return;
    auto *tab = new ObjectPropertiesTab(conn, object, m_tabs);
    const int index = m_tabs->addTab(tab, object.name);
    m_tabs->setTabToolTip(index, conn->profile().displayName() + QStringLiteral(" › ") + object.name);
    m_tabs->setCurrentIndex(index);
}

GridTab *MainWindow::openData(const ObjectRef &object)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<GridTab *>(m_tabs->widget(i));
        if (tab && tab->object().connectionId == object.connectionId && tab->object().schema == object.schema
            && tab->object().name == object.name) {
            m_tabs->setCurrentIndex(i);
            return tab;
        }
    }
    Connection *conn = m_model->connection(object.connectionId);
    if (!conn)
        return nullptr;
    auto *tab = new GridTab(m_model->connectionSpec(object.connectionId), object, m_tabs);
    connect(tab, &GridTab::referencedRowRequested, this, [this](const ObjectRef &target, const QString &column, const QString &value) {
        if (GridTab *referenced = openData(target))
            referenced->showMatching(column, value);
    });
    const int index = m_tabs->addTab(tab, object.name);
    m_tabs->setTabToolTip(index, conn->profile().displayName() + QStringLiteral(" › ") + object.name + tr(" (data)"));
    m_tabs->setCurrentIndex(index);
    return tab;
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

void MainWindow::connectPostgres()
{
    ConnectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        openConnection(dialog.spec());
}

void MainWindow::closeCurrentConnection()
{
    const ObjectRef ref = m_treePanel->currentObject();
    Connection *conn = m_model->connection(ref.connectionId);
    if (!conn)
        return;
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        QWidget *page = m_tabs->widget(i);
        auto *properties = qobject_cast<ObjectPropertiesTab *>(page);
        auto *grid = qobject_cast<GridTab *>(page);
        if ((properties && properties->object().connectionId == ref.connectionId)
            || (grid && grid->object().connectionId == ref.connectionId)) {
            m_tabs->removeTab(i);
            page->deleteLater();
        }
    }
    m_model->removeConnection(ref.connectionId);
    conn->deleteLater();
    updateStatus();
}

void MainWindow::showError(const QString &title, const Error &error)
{
    m_statusLabel->setText(title + QStringLiteral(": ") + error.message);
    QMessageBox box(QMessageBox::Warning, title, error.message, QMessageBox::Ok, this);
    if (!error.detail.isEmpty())
        box.setInformativeText(error.detail);
    box.exec();
}

void MainWindow::updateStatus()
{
    const QList<int> ids = m_model->connectionIds();
    if (ids.isEmpty()) {
        m_statusLabel->setText(tr("Not connected. Open a SQLite file (Ctrl+O) or connect to PostgreSQL (Ctrl+Shift+O)."));
        return;
    }
    int id = m_treePanel->currentObject().connectionId;
    if (!m_model->connection(id))
        id = ids.last();
    const Connection *conn = m_model->connection(id);
    if (!conn)
        return;
    QString text;
    switch (conn->state()) {
    case Connection::State::Connecting: text = tr("Connecting to %1…"); break;
    case Connection::State::Open: text = tr("Connected to %1"); break;
    case Connection::State::Failed: text = tr("Could not connect to %1"); break;
    case Connection::State::Lost: text = tr("Connection to %1 lost"); break;
    case Connection::State::Closed: text = tr("%1 closed"); break;
    }
    text = text.arg(conn->profile().displayName());
    if (conn->state() == Connection::State::Open) {
        const auto &info = conn->serverInfo();
        text += QStringLiteral(" — %1 %2").arg(info.product, info.version);
        if (info.readOnly)
            text += tr(" — read-only");
    }
    m_statusLabel->setText(text);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace strata::ui
