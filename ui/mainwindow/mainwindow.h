#pragma once

// The main window: the object tree dock, the central tabs, the status bar and the global
// actions (new connection, open a SQLite file, recent files, import/export connections, the
// demo database, about). Panels own their own actions. Window geometry and dock layout
// persist in QSettings. Saved connections (ConnectionStore) show in the tree; connecting
// never blocks the window (progress and Cancel in the status bar), a lost connection offers
// Reconnect there, and a connection tagged "production" colours the status bar red.
// Connection management lives in mainwindowconnections.cpp.
//
// The window is the GUI's composition root for two shared services: the SchemaNotifier
// (every tab and the tree of a connection follow the schema changes made through Strata)
// and the close guard: closing a tab (its close button, Ctrl+W), quitting (Ctrl+Q, the
// window's close button) and closing a connection ask once about the pending work of every
// tab that would go (PendingWorkGuard), and tab titles mark the tabs that hold some
// (mainwindowtabs.cpp).

#include "backup/backupmenu.h"
#include "connection/connectionstring.h"
#include "tree/objecttreemodel.h"
#include "widgets/pendingworkguard.h"

#include <QMainWindow>
#include <QPointer>
#include <QSet>

class QLabel;
class QMenu;
class QProgressBar;
class QSettings;
class QTabWidget;
class QToolBar;
class QToolButton;

namespace strata::catalog { class DescriptionStore; class SchemaNotifier; }

namespace strata::connection {
class Connection;
class ConnectionStore;
class CredentialStore;
class ReaderPool;
}

namespace strata::migrate { struct ProjectConfig; }
namespace strata::search { class NameIndexCache; }
namespace strata::erd { struct DiagramRequest; struct TableKey; }

namespace strata::ui {

class ConsoleTab;
class RevisionEditorTab;
class DashboardTab;
class ErdTab;
class ObjectPropertiesTab;
class GridTab;
class SchemaDiffTab;
class TableDesignerTab;
class ObjectTreePanel;
class SavedConnections;
class ActionRelay;
class EditCommands;
class WelcomePage;
class QuickOpenPopup;
class ValueSearchDialog;
class SavedQueriesPanel;
struct StartupOptions;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a database given as a file path or any connection string (command line, dialogs).
    /// Errors are shown to the user; returns false when the text could not be parsed.
    bool openLocation(const QString &location);
    /// Opens a parsed profile: connects on a worker thread and adds it to the tree (a saved
    /// profile's node, when it has one). A refused password asks for one and tries again.
    void openConnection(const connection::ConnectionSpec &spec);
    /// Connects a saved profile (its password from the keychain, .pgpass or by asking).
    void connectSaved(const QString &profileId);
    /// Closes a connection and every tab opened on it, after asking once about the pending
    /// work of those tabs (Cancel keeps everything open; a failed save too).
    void closeConnection(int connectionId);
    /// Closes the tab at `index`, after asking about its pending work.
    void closeTab(int index);
    /// The prompt or the saves of a close in progress, or nullptr (tests look at its prompt).
    PendingWorkGuard *pendingClose() const { return m_closing; }
    /// Shared by every view of every connection (see the note at the top).
    catalog::SchemaNotifier *schemaNotifier() const { return m_schemaNotifier; }
    connection::ReaderPool *readerPool() const { return m_readers; }
    catalog::DescriptionStore *descriptionStore() const { return m_descriptions; }
    /// Reopens a lost (or failed) connection with the same password; tabs stay open.
    void reconnect(int connectionId);
    /// Reopens what was open when the window last closed (connections, the demo database
    /// included, and their tabs), unless the "reopen on start" setting is off (it is on by
    /// default). Returns false when nothing was reopened.
    bool reopenLastSession();
    /// Opens what the command line asked for (mainwindowstartup.cpp): the locations, then on
    /// the first, once open, the --table grid and the --sql console.
    void openStartup(const StartupOptions &options);
    /// Creates the demo database on first use (off the GUI thread), then opens it.
    void openDemoDatabase();

    ObjectTreeModel *treeModel() const { return m_model; }
    SavedConnections *savedConnections() const { return m_saved; }
    connection::ConnectionStore *connectionStore() const { return m_store; }
    /// The Reconnect button of the status bar (visible while the current connection is lost).
    QToolButton *reconnectButton() const { return m_reconnectButton; }
    ObjectTreePanel *treePanel() const { return m_treePanel; }
    QTabWidget *tabs() const { return m_tabs; }
    /// The main toolbar (mainwindowactions.cpp) and the Edit menu's commands.
    QToolBar *mainToolBar() const { return m_toolBar; }
    EditCommands *editCommands() const { return m_editCommands; }
    /// The page shown while no tab is open (saved connections and recent files).
    WelcomePage *welcomePage() const { return m_welcome; }
    /// Reopens the most recently closed tab whose connection is still open (Ctrl+Shift+T).
    void reopenClosedTab();
    /// Opens (or focuses) the properties tab of an object.
    void openObject(const ObjectRef &object);
    /// "Script as …": a console tab on the object's connection holding the generated script.
    void scriptInConsole(const ObjectRef &object, int kind);
    /// Opens (or focuses) the migration panel of a connection; -1: the selected connection.
    void openMigrations(int connectionId = -1);
    /// Opens a query console with its own connection like `connectionId`'s (the current
    /// connection when -1); takes back unsaved text autosaved for that connection.
    ConsoleTab *openConsole(int connectionId = -1);
    /// Opens (or focuses) the data grid of a table or view.
    GridTab *openData(const ObjectRef &object);
    /// Opens a schema diff tab (mainwindowschematools.cpp); a connection id presets the
    /// target to it and `schema`.
    SchemaDiffTab *openSchemaDiff(int connectionId = -1, const QString &schema = {});
    /// Opens the table designer on `object` (a table), or for a new table in object.schema.
    TableDesignerTab *openTableDesigner(const ObjectRef &object, bool newTable);
    /// Opens (or focuses) a revision file of `project` in a revision editor for the database
    /// of `connectionId` (mainwindowschematools.cpp). The editor runs nothing by itself.
    RevisionEditorTab *openRevisionEditor(int connectionId, const QString &path, const migrate::ProjectConfig &project);
    /// Opens (or focuses) the dashboard of an open connection (mainwindowdashboard.cpp);
    /// -1: the selected connection. A SQLite file's dashboard is its health page.
    DashboardTab *openDashboard(int connectionId = -1);
    /// Opens (or focuses) an ER diagram of a schema or a table's neighbourhood (mainwindowerd.cpp).
    ErdTab *openDiagram(int connectionId, const erd::DiagramRequest &request);
    /// Quick open (Ctrl+P, mainwindowquickopen.cpp): the popup over every open connection's
    /// names, and the per-connection names it searches (read in the background, following
    /// schema changes and the tree's Refresh).
    void showQuickOpen();
    QuickOpenPopup *quickOpenPopup() const { return m_quickOpen; }
    search::NameIndexCache *nameIndexes() const { return m_nameIndexes; }
    /// The "Saved queries" dock's panel (mainwindowsavedqueries.cpp).
    SavedQueriesPanel *savedQueries() const { return m_savedQueries; }
    /// Tools › Search in database… on a connection (-1: the selected one), in `schema` (empty:
    /// the selected schema); nullptr when no connection is open.
    ValueSearchDialog *openValueSearch(int connectionId = -1, const QString &schema = {});

Q_SIGNALS:
    /// A connection finished opening (ok or not): tests and the self-test wait on this.
    void connectionOpened(int connectionId, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void keepPanelsVisible();
    // toolbar and menus (mainwindowactions.cpp)
    QAction *makeAction(const QIcon &icon, const QString &text, const char *name, const QString &tip = {});
    void createToolBar();
    void createEditMenu();
    void createWindowMenu();
    void createHelpMenu();
    void updateTabActions();
    void reportProblem();
    void rememberClosedTab(QWidget *page);
    void fillWelcomePage();
    void openStartupTargets(int connectionId, const StartupOptions &options);
    // the last session (mainwindowsession.cpp)
    QString sessionKey(int connectionId) const;
    void saveSession();
    void reopenSessionTabs(int connectionId);
    void createConnectionActions(QMenu *file);
    void createQuickOpen(QMenu *tools);
    void createSavedQueries(QMenu *view);
    void followSavedQueriesConnection();
    void createStatusWidgets();
    void addConnectionMenuEntries(QMenu *menu, const QModelIndex &sourceIndex);
    void addSchemaToolEntries(QMenu *menu, const QModelIndex &sourceIndex);
    void addDashboardEntries(QMenu *menu, const QModelIndex &sourceIndex);
    void addDiagramEntries(QMenu *menu, const QModelIndex &sourceIndex);
    QList<erd::TableKey> selectedTables(int connectionId, const erd::TableKey &clicked) const;
    void addTableStatistics(ObjectPropertiesTab *tab, const ObjectRef &object);
    void reloadMigrationPanels(const QString &projectFolder);
    void connectionFailed(int id, connection::Connection *conn, const connection::ConnectionSpec &spec, const Error &error);
    void cancelConnecting();
    void rememberRecentFile(const QString &path);
    void fillRecentMenu();
    int currentConnectionId() const;
    /// What the backup and restore dialogs need from the window (ui/backup).
    BackupMenu::Services backupServices();
    void showError(const QString &title, const Error &error);
    void updateStatus();
    void openSqliteFile();
    void newSqliteFile();
    void newConnection();
    void closeCurrentConnection();
    void showAbout();
    // tabs (mainwindowtabs.cpp)
    int addTab(QWidget *page, const QString &title, int connectionId);
    void setTabTitle(QWidget *page, const QString &title);
    void updateTabMarker(QWidget *page);
    QString tabName(QWidget *page) const;
    QString tabConnectionName(QWidget *page) const;
    QList<QWidget *> allTabs() const;
    QList<QWidget *> tabsOfConnection(int connectionId) const;
    /// Asks about the pages' pending work; when the person lets them go, removes them and
    /// runs `then`. False when another close is still asking or saving.
    bool closeTabs(const QList<QWidget *> &pages, PendingWorkScope scope, const QString &title,
                   std::function<void()> then = {});
    bool startGuard(const QList<QWidget *> &pages, PendingWorkScope scope, const QString &title, std::function<void()> proceed);

    ObjectTreeModel *m_model;
    ObjectTreePanel *m_treePanel;
    QTabWidget *m_tabs;
    QLabel *m_statusLabel;
    QSettings *m_settings;
    connection::ConnectionStore *m_store;
    connection::CredentialStore *m_credentials;
    SavedConnections *m_saved;
    QMenu *m_recentMenu = nullptr;
    QProgressBar *m_connectProgress = nullptr;
    QToolButton *m_cancelConnect = nullptr;
    QToolButton *m_reconnectButton = nullptr;
    QSet<int> m_connecting;   // connections opening now (Cancel in the status bar)
    catalog::SchemaNotifier *m_schemaNotifier = nullptr;
    catalog::DescriptionStore *m_descriptions = nullptr;   // tables the tree described, for the grids
    connection::ReaderPool *m_readers = nullptr;           // one grid reader connection per database
    QPointer<PendingWorkGuard> m_closing;   // a close asking or saving now
    bool m_quitApproved = false;            // the pending work was saved or discarded: quit
    WelcomePage *m_welcome = nullptr;
    bool m_panelsChecked = false;
    static constexpr int kMinimumPanelWidth = 150;
    QToolBar *m_toolBar = nullptr;
    EditCommands *m_editCommands = nullptr;
    QAction *m_newConnectionAction = nullptr;
    QAction *m_openFileAction = nullptr;
    QAction *m_newConsoleAction = nullptr;
    QAction *m_migrationsAction = nullptr;
    QAction *m_backupAction = nullptr;    // Tools › Backup… and the toolbar (ui/backup)
    QAction *m_restoreAction = nullptr;
    QAction *m_nextTabAction = nullptr;
    QAction *m_previousTabAction = nullptr;
    QAction *m_closeOthersAction = nullptr;
    QAction *m_reopenTabAction = nullptr;
    QAction *m_quickOpenAction = nullptr;
    QuickOpenPopup *m_quickOpen = nullptr;
    search::NameIndexCache *m_nameIndexes = nullptr;
    SavedQueriesPanel *m_savedQueries = nullptr;
    ActionRelay *m_saveRelay = nullptr;
    ActionRelay *m_revertRelay = nullptr;
    ActionRelay *m_runRelay = nullptr;
    ActionRelay *m_cancelRelay = nullptr;
    /// A closed tab, enough to open it again (its connection must still be open).
    struct ClosedTab {
        enum class Kind { Data, Properties, Console, Migrations, Dashboard };
        Kind kind = Kind::Data;
        int connectionId = 0;
        ObjectRef object;
        QString text;   // a console's SQL
    };
    QList<ClosedTab> m_closedTabs;
    QList<QStringList> m_sessionTabs;          // tabs of the last session waiting for their connection
    QMetaObject::Connection m_sessionWatch;
};

} // namespace strata::ui
