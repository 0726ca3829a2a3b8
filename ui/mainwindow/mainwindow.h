#pragma once

// The main window: the object tree dock, the central tabs, the status bar and the global
// actions (open a SQLite file, connect to PostgreSQL, the demo database, about). Panels own
// their own actions. Window geometry and dock layout persist in QSettings.

#include "connection/connectionstring.h"
#include "tree/objecttreemodel.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace strata::connection { class Connection; }

namespace strata::ui {

class GridTab;
class ObjectTreePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a database given as a file path or any connection string (command line, dialogs).
    /// Errors are shown to the user; returns false when the text could not be parsed.
    bool openLocation(const QString &location);
    /// Opens a parsed profile: connects on a worker thread and adds it to the tree.
    void openConnection(const connection::ConnectionSpec &spec);
    /// Creates the demo database on first use (off the GUI thread), then opens it.
    void openDemoDatabase();

    ObjectTreeModel *treeModel() const { return m_model; }
    ObjectTreePanel *treePanel() const { return m_treePanel; }
    QTabWidget *tabs() const { return m_tabs; }
    /// Opens (or focuses) the properties tab of an object.
    void openObject(const ObjectRef &object);
    /// Opens (or focuses) the data grid of a table or view.
    GridTab *openData(const ObjectRef &object);

Q_SIGNALS:
    /// A connection finished opening (ok or not): tests and the self-test wait on this.
    void connectionOpened(int connectionId, bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void showError(const QString &title, const Error &error);
    void updateStatus();
    void openSqliteFile();
    void newSqliteFile();
    void connectPostgres();
    void closeCurrentConnection();
    void showAbout();

    ObjectTreeModel *m_model;
    ObjectTreePanel *m_treePanel;
    QTabWidget *m_tabs;
    QLabel *m_statusLabel;
};

} // namespace strata::ui
