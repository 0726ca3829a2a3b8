#include "mainwindow.h"

#include "aboutdialog.h"
#include "welcomepage.h"
#include "connection/connection.h"
#include "backup/backupmenu.h"
#include "codegen/codegendialog.h"
#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "migrations/migrationpanel.h"
#include "dataio/exportdialog.h"
#include "dataio/importcsvdialog.h"
#include "data/io/rowsource.h"
#include "exec/resultsetmodel.h"
#include "connection/connectionstore.h"
#include "connection/credentialstore.h"
#include "connection/redaction.h"
#include "connections/savedconnections.h"
#include "catalog/catalogjobs.h"
#include "catalog/descriptionstore.h"
#include "catalog/schemanotifier.h"
#include "connection/readerpool.h"
#include "demo/demodatabase.h"
#include "exec/tablescript.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "tree/objectpropertiestab.h"
#include "tree/objecttreepanel.h"
#include "tree/objectactions.h"
#include "widgets/colortags.h"

#include <QApplication>
#include <algorithm>
#include <QCloseEvent>
#include <QToolButton>
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
#include <QTimer>
#include <QStandardPaths>
#include <QStyle>
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
    , m_settings(new QSettings(this))
    , m_store(new connection::ConnectionStore(*m_settings, this))
    , m_credentials(new connection::KeychainCredentialStore(QStringLiteral("Strata"), this))
    , m_saved(new SavedConnections(m_store, m_credentials, this))
{
    setWindowTitle(QStringLiteral("Strata"));
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);

    auto *dock = new QDockWidget(tr("Objects"), this);
    dock->setObjectName(QStringLiteral("ObjectTreeDock"));
    dock->setWidget(m_treePanel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    m_schemaNotifier = new catalog::SchemaNotifier(this);
    m_treePanel->setSchemaNotifier(m_schemaNotifier);
    // Grid tabs reuse what the tree described and share one reader connection per database.
    m_descriptions = new catalog::DescriptionStore(m_schemaNotifier, this);
    m_model->setDescriptionStore(m_descriptions);
    m_readers = new connection::ReaderPool(this);
    // The welcome page stands in for the tabs while none is open.
    auto *welcome = new WelcomePage(this);
    m_welcome = welcome;
    connect(welcome, &WelcomePage::openFileRequested, this, &MainWindow::openSqliteFile);
    connect(welcome, &WelcomePage::connectRequested, this, &MainWindow::newConnection);
    connect(welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemoDatabase);
    connect(welcome, &WelcomePage::savedConnectionRequested, this, &MainWindow::connectSaved);
    connect(welcome, &WelcomePage::recentFileRequested, this, [this](const QString &path) { openLocation(path); });
    auto *stack = new QStackedWidget(this);
    stack->addWidget(welcome);
    stack->addWidget(m_tabs);
    auto showPage = [this, stack] { stack->setCurrentIndex(m_tabs->count() > 0 ? 1 : 0); };
    connect(m_tabs, &QTabWidget::currentChanged, stack, showPage);
    setCentralWidget(stack);

    statusBar()->addWidget(m_statusLabel, 1);
    createStatusWidgets();
    connect(m_treePanel, &ObjectTreePanel::openRequested, this, &MainWindow::openObject);
    connect(m_treePanel, &ObjectTreePanel::dataRequested, this, &MainWindow::openData);
    connect(m_treePanel, &ObjectTreePanel::migrationsRequested, this, &MainWindow::openMigrations);
    // Data import/export dialogs (ui/dataio), each on a connection of its own.
    connect(m_treePanel, &ObjectTreePanel::exportDataRequested, this, [this](const ObjectRef &ref) {
        auto *dialog = ExportDialog::forTable(m_model->connectionSpec(ref.connectionId), ref.schema, ref.name, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(m_treePanel, &ObjectTreePanel::importCsvRequested, this, [this](const ObjectRef &ref) {
        auto *dialog = new ImportCsvDialog(m_model->connectionSpec(ref.connectionId), ref.schema, ref.name, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        const int id = ref.connectionId;
        connect(dialog, &ImportCsvDialog::finished, this, [this, id, ref](bool ok) {
            if (!ok || !m_model->connection(id))
                return;
            // A new table, new row estimates, and open grids of the table read it again.
            m_schemaNotifier->notify(catalog::SchemaChange{id, ref.schema, {ref.name}});
            m_treePanel->expandConnection(id);
        });
        dialog->show();
    });
    connect(m_treePanel, &ObjectTreePanel::consoleRequested, this, [this](int id) { openConsole(id); });
    connect(m_treePanel, &ObjectTreePanel::scriptRequested, this, &MainWindow::scriptInConsole);
    connect(m_treePanel, &ObjectTreePanel::connectRequested, this, &MainWindow::connectSaved);
    connect(m_treePanel, &ObjectTreePanel::contextMenuAboutToShow, this, &MainWindow::addConnectionMenuEntries);
    CodegenDialog::installMenuEntry(m_treePanel, m_model, this);   // ui/codegen
    BackupMenu::install(m_treePanel, m_model, backupServices());    // ui/backup
    // Drop, rename, empty, duplicate, create index, schemas (ui/tree/objectactions.h).
    auto *objectActions = new ObjectActions(m_treePanel, m_model, m_schemaNotifier, this);
    connect(objectActions, &ObjectActions::finished, this, [this](bool ok, const QString &message) {
        statusBar()->showMessage(ok ? tr("Done.") : message, 8000);
    });
    connect(m_treePanel, &ObjectTreePanel::contextMenuAboutToShow, this, &MainWindow::addSchemaToolEntries);
    connect(m_treePanel, &ObjectTreePanel::contextMenuAboutToShow, this, &MainWindow::addDashboardEntries);
    connect(m_treePanel, &ObjectTreePanel::contextMenuAboutToShow, this, &MainWindow::addDiagramEntries);   // mainwindowerd.cpp
    m_model->setSavedProfiles(m_store->profiles());
    connect(m_store, &connection::ConnectionStore::profilesChanged, this, [this] {
        m_model->setSavedProfiles(m_store->profiles());
        fillWelcomePage();
    });
    fillWelcomePage();
    connect(m_saved, &SavedConnections::openRequested, this, &MainWindow::openConnection);
    connect(m_saved, &SavedConnections::notice, this, [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_treePanel->view()->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::updateStatus);

    createActions();
    QSettings settings;
    resize(1200, 760);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    dock->toggleViewAction()->setText(tr("&Object tree"));
    menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))->addAction(dock->toggleViewAction());
    updateStatus();
}

MainWindow::~MainWindow() = default;

BackupMenu::Services MainWindow::backupServices()
{
    return {this, m_schemaNotifier, [this](const connection::ConnectionSpec &spec) { openConnection(spec); }};
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_panelsChecked)
        return;
    m_panelsChecked = true;
    // Sizes are real only once the window is laid out: check the restored layout then.
    QTimer::singleShot(0, this, &MainWindow::keepPanelsVisible);
}

void MainWindow::keepPanelsVisible()
{
    // A restored layout never hides the tree: narrower than 150 px is a sliver nobody chose
    // on purpose. Then, and on the first start, the tree gets a quarter of the window
    // (240-320 px), so names like "pgbench_accounts" show whole.
    auto *dock = findChild<QDockWidget *>(QStringLiteral("ObjectTreeDock"));
    if (!dock || dock->isFloating() || !dock->isVisible())
        return;
    const bool firstLayout = !QSettings().contains(QStringLiteral("window/state"));
    if (dock->width() >= kMinimumPanelWidth && !firstLayout)
        return;   // the person's own width
    resizeDocks({dock}, {std::clamp(width() / 4, 240, 320)}, Qt::Horizontal);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    createConnectionActions(file);
    file->addSeparator();
    m_newConsoleAction = makeAction(QIcon::fromTheme(QStringLiteral("utilities-terminal"), style()->standardIcon(QStyle::SP_FileDialogContentsView)),
                                    tr("New query &console"), "actionNewConsole", tr("New query console on the selected connection (Ctrl+T)"));
    m_newConsoleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_newConsoleAction, &QAction::triggered, this, [this] { openConsole(); });
    file->addAction(m_newConsoleAction);
    QAction *closeTabAction = file->addAction(tr("Close &tab"), this, [this] {
        if (m_tabs->currentIndex() >= 0)
            closeTab(m_tabs->currentIndex());
    });
    closeTabAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::CTRL | Qt::Key_F4)});
    file->addSeparator();
    // Ctrl+Q everywhere (some platform key schemes have no Quit binding); the window's close
    // button ends in the same closeEvent, which asks about pending work first.
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (!quitKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Q)))
        quitKeys << QKeySequence(Qt::CTRL | Qt::Key_Q);
    quit->setShortcuts(quitKeys);

    createEditMenu();
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_treePanel->refreshAction());
    createSavedQueries(view);   // the Saved queries dock (mainwindowsavedqueries.cpp)

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->setObjectName(QStringLiteral("toolsMenu"));
    m_migrationsAction = makeAction(QIcon::fromTheme(QStringLiteral("view-list-tree"), style()->standardIcon(QStyle::SP_FileDialogDetailedView)),
                                    tr("&Migrations"), "actionMigrations", tr("Migrations of the selected connection"));
    connect(m_migrationsAction, &QAction::triggered, this, [this] { openMigrations(); });
    tools->addAction(m_migrationsAction);
    createQuickOpen(tools);   // Quick open… (Ctrl+P), Search in database… (mainwindowquickopen.cpp)
    tools->addAction(tr("Schema &diff…"), this, [this] { openSchemaDiff(); });
    tools->addAction(tr("Das&hboard"), this, [this] { openDashboard(); });
    tools->addSeparator();
    // Backup… / Restore… of the selected connection (also in its context menu: ui/backup).
    // The toolbar shows them too (createToolBar).
    m_backupAction = makeAction(QIcon::fromTheme(QStringLiteral("document-save-as"), style()->standardIcon(QStyle::SP_DriveHDIcon)),
                                tr("&Backup…"), "actionBackup", tr("Back up the selected connection's database"));
    connect(m_backupAction, &QAction::triggered, this, [this] {
        if (!BackupMenu::openBackup(m_model, backupServices(), currentConnectionId()))
            m_statusLabel->setText(tr("Open a connection first: Backup… copies a database."));
    });
    tools->addAction(m_backupAction);
    // Not Refresh's arrows nor Revert's theme icon: the icon-only toolbar shows all three.
    m_restoreAction = makeAction(QIcon::fromTheme(QStringLiteral("document-import"), style()->standardIcon(QStyle::SP_ArrowBack)),
                                 tr("&Restore…"), "actionRestore", tr("Restore a backup into the selected connection's database"));
    connect(m_restoreAction, &QAction::triggered, this, [this] {
        if (!BackupMenu::openRestore(m_model, backupServices(), currentConnectionId()))
            m_statusLabel->setText(tr("Open a connection first: Restore… writes into a database."));
    });
    tools->addAction(m_restoreAction);

    createWindowMenu();
    createHelpMenu();
    createToolBar();
}

bool MainWindow::openLocation(const QString &location)
{
    Result<ConnectionSpec> spec = connection::parseConnectionString(location);
    if (!spec) {
        showError(tr("Cannot open %1").arg(connection::redactSecrets(location, connection::secretsIn(location))), spec.error());
        return false;
    }
    openConnection(spec.value());
    return true;
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
    addTableStatistics(tab, object);   // mainwindowdashboard.cpp
    tab->setSchemaNotifier(m_schemaNotifier);
    const int index = addTab(tab, object.name, object.connectionId);
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
            tab->view()->setFocus(Qt::OtherFocusReason);
            return tab;
        }
    }
    Connection *conn = m_model->connection(object.connectionId);
    if (!conn)
        return nullptr;
    auto *tab = new GridTab(m_model->connectionSpec(object.connectionId), object, m_tabs,
                            GridTabServices{m_readers, m_descriptions});
    connect(tab, &GridTab::referencedRowRequested, this, [this](const ObjectRef &target, const QString &column, const QString &value) {
        if (GridTab *referenced = openData(target))
            referenced->showMatching(column, value);
    });
    tab->setSchemaNotifier(m_schemaNotifier);
    const int index = addTab(tab, object.name, object.connectionId);
    m_tabs->setTabToolTip(index, conn->profile().displayName() + QStringLiteral(" › ") + object.name + tr(" (data)"));
    m_tabs->setCurrentIndex(index);
    // The keyboard goes where the person looks now: Ctrl+End moves in the grid, not the tree.
    tab->view()->setFocus(Qt::OtherFocusReason);
    return tab;
}

void MainWindow::scriptInConsole(const ObjectRef &object, int kind)
{
    Connection *conn = m_model->connection(object.connectionId);
    if (!conn)
        return;
    // The table's details come off the GUI thread; the console opens when they arrive.
    catalog::fetchTableDetail(*conn, this, object.schema, object.name, [this, object, kind, conn](Result<catalog::TableDetail> detail) {
        if (!detail) {
            showError(tr("Could not read %1").arg(object.name), detail.error());
            return;
        }
        if (ConsoleTab *console = openConsole(object.connectionId))
            console->editor()->setPlainText(exec::tableScript(detail.value(), exec::ScriptKind(kind), conn->dialect()));
    });
}

void MainWindow::openMigrations(int connectionId)
{
    if (connectionId < 0)
        connectionId = m_treePanel->currentObject().connectionId;
    if (!m_model->connection(connectionId) && !m_model->connectionIds().isEmpty())
        connectionId = m_model->connectionIds().last();
    Connection *conn = m_model->connection(connectionId);
    if (!conn) {
        m_statusLabel->setText(tr("Open a connection first: migrations run on a database."));
        return;
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *panel = qobject_cast<MigrationPanel *>(m_tabs->widget(i));
        if (panel && panel->property("connectionId").toInt() == connectionId) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    auto *panel = new MigrationPanel(m_model->connectionSpec(connectionId), m_tabs);
    panel->setProperty("connectionId", connectionId);
    // "New revision…" and "Edit file…" open the file in a revision editor (which runs nothing by itself).
    auto edit = [this, connectionId, panel](const QString &path) {
        if (panel->engine())
            openRevisionEditor(connectionId, path, panel->engine()->config());
    };
    connect(panel, &MigrationPanel::revisionFileCreated, this, edit);
    connect(panel, &MigrationPanel::editRevisionRequested, this, edit);
    // Upgrades, downgrades and stamps change the schema: every view of the database reads it again.
    connect(panel, &MigrationPanel::actionFinished, this, [this, connectionId] {
        m_schemaNotifier->notify(catalog::SchemaChange{connectionId, {}, {}});
    });
    const int index = addTab(panel, tr("Migrations — %1").arg(conn->profile().displayName()), connectionId);
    m_tabs->setCurrentIndex(index);
}

ConsoleTab *MainWindow::openConsole(int connectionId)
{
    if (connectionId < 0)
        connectionId = m_treePanel->currentObject().connectionId;
    const QList<int> ids = m_model->connectionIds();
    if (!m_model->connection(connectionId) && !ids.isEmpty())
        connectionId = ids.last();
    if (!m_model->connection(connectionId)) {
        m_statusLabel->setText(tr("Open a database first: a console runs on a connection."));
        return nullptr;
    }
    const connection::ConnectionSpec spec = m_model->connectionSpec(connectionId);
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    auto *tab = new ConsoleTab(spec, dataDir, m_tabs);
    // unsaved text of an earlier session on this connection comes back, once per entry
    QSet<QString> inUse;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *other = qobject_cast<ConsoleTab *>(m_tabs->widget(i)))
            inUse.insert(other->autosaveId());
    const exec::AutosaveStore store(dataDir + QStringLiteral("/console-autosave"));
    for (const exec::AutosaveEntry &entry : store.entries(exec::HistoryStore::connectionKey(spec.profile))) {
        if (!inUse.contains(entry.id)) {
            tab->restoreAutosave(entry);
            break;
        }
    }
    // Export a result: the rows the console holds, through the same writers as the grid's.
    connect(tab, &ConsoleTab::exportRequested, this, [this, spec](const exec::ResultSetModel *model, const QString &name) {
        QStringList columns;
        for (const exec::ResultColumn &column : model->columns())
            columns << column.name;
        QList<QVariantList> rows;
        model->forEachRow([&rows, &columns](const exec::RowBatch &batch, int row) {
            QVariantList values;
            values.reserve(columns.size());
            for (int c = 0; c < columns.size(); ++c)
                values << batch.cell(row, c);
            rows << values;
            return true;
        });
        auto factory = [columns, rows](QSqlDatabase &) -> Result<std::unique_ptr<data::io::RowSource>> {
            return std::unique_ptr<data::io::RowSource>(std::make_unique<data::io::ListRowSource>(columns, rows));
        };
        auto *dialog = new ExportDialog(spec, factory, name, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    tab->setSchemaNotifier(m_schemaNotifier, connectionId);
    const int index = addTab(tab, tab->title(), connectionId);
    m_tabs->setTabToolTip(index, spec.profile.displayName());
    connect(tab, &ConsoleTab::titleChanged, this, [this, tab](const QString &title) { setTabTitle(tab, title); });
    m_tabs->setCurrentIndex(index);
    tab->editor()->setFocus();
    return tab;
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
    if (m_saveRelay)
        updateTabActions();
    const QList<int> ids = m_model->connectionIds();
    const int id = currentConnectionId();
    const Connection *conn = m_model->connection(id);
    m_reconnectButton->setVisible(conn && (conn->state() == Connection::State::Lost || conn->state() == Connection::State::Failed));
    // A production connection colours the status bar while it is open.
    const bool danger = conn && conn->state() != Connection::State::Closed && isDangerTag(conn->profile().colorTag);
    statusBar()->setStyleSheet(danger ? QStringLiteral("QStatusBar { background: #c62828; color: white; }"
                                                       " QStatusBar QLabel { color: white; font-weight: bold; }")
                                      : QString());
    if (ids.isEmpty() || !conn) {
        m_statusLabel->setText(tr("Not connected. Open a SQLite file (Ctrl+O) or create a connection (Ctrl+Shift+O)."));
        return;
    }
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
        if (conn->profile().usesSshTunnel())
            text += tr(" — via SSH %1").arg(conn->profile().sshHost);
    } else if (conn->state() == Connection::State::Lost || conn->state() == Connection::State::Failed) {
        text += QStringLiteral(": ") + conn->lastError().message;
    }
    if (danger)
        text = tr("PRODUCTION — ") + text;
    m_statusLabel->setText(text);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace strata::ui
