#pragma once

// The object tree dock's contents: a filter box over the lazily loaded tree, sorting of the
// connections (by name or last use), a refresh action, and a context menu that others extend
// (contextMenuAboutToShow). Activating a table or view asks the main window to open its data
// (dataRequested); "Properties" in the context menu opens its details (openRequested);
// activating a saved connection that is not open asks to connect it (connectRequested).

#include "objecttreemodel.h"

#include <QWidget>

class QLineEdit;
class QTimer;
class QToolButton;
class QTreeView;

namespace strata::catalog { class SchemaNotifier; struct SchemaChange; }

namespace strata::ui {

class ObjectTreeProxy;
class RowCountLoader;

class ObjectTreePanel : public QWidget {
    Q_OBJECT
public:
    explicit ObjectTreePanel(ObjectTreeModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    ObjectTreeProxy *proxy() const { return m_proxy; }
    /// The source-model index of the current node (invalid when none).
    QModelIndex currentSourceIndex() const;
    /// The selected node, or an ObjectRef of kind Message when nothing is selected.
    ObjectRef currentObject() const;
    /// Every selected node, in selection order (Ctrl/Shift+click select several).
    QList<ObjectRef> selectedObjects() const;
    /// Expands a connection's node (loading it) and then its default schema.
    void expandConnection(int connectionId);
    /// Loads `sourceNode` (a connection, schema or relation node) again, keeping what was
    /// expanded under it expanded as the new children arrive.
    void reload(const QModelIndex &sourceNode);
    /// Reloads the nodes a schema change touches (its schema's node, or the whole
    /// connection when the schema is not known) whenever `notifier` announces one.
    void setSchemaNotifier(catalog::SchemaNotifier *notifier);

    QAction *refreshAction() const { return m_refresh; }
    /// Counts SQLite tables' rows when their folder is expanded (rowcountloader.h).
    RowCountLoader *rowCounts() const { return m_rowCounts; }

Q_SIGNALS:
    /// Properties of an object (context menu "Properties").
    void openRequested(const strata::ui::ObjectRef &object);
    /// "Migrations…" on a connection node.
    void migrationsRequested(int connectionId);
    // Data import/export (ui/dataio): the main window opens the dialogs.
    void exportDataRequested(const strata::ui::ObjectRef &object);
    void importCsvRequested(const strata::ui::ObjectRef &object);
    /// "Open query console" on a node of this connection.
    void consoleRequested(int connectionId);
    /// "Script as …" on a table or view: `kind` is an exec::ScriptKind.
    void scriptRequested(const strata::ui::ObjectRef &object, int kind);
    /// A saved connection that is not open was activated (double click, Enter).
    void connectRequested(const QString &profileId);
    /// The context menu for `sourceIndex` (invalid: empty space) is about to show; add to it.
    void contextMenuAboutToShow(QMenu *menu, const QModelIndex &sourceIndex);
    /// The rows of a table or view (double-click, Enter, context menu "View data").
    void dataRequested(const strata::ui::ObjectRef &object);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitDetailColumn();
    void refreshCurrent();
    void showContextMenu(const QPoint &pos);
    void onLoaded(const QModelIndex &sourceParent);
    void onSchemaChanged(const catalog::SchemaChange &change);
    QString pathOf(const QModelIndex &sourceIndex) const;
    void rememberExpanded(const QModelIndex &proxyIndex);
    void reexpandUnder(const QModelIndex &proxyParent);

    ObjectTreeModel *m_model;
    ObjectTreeProxy *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    QAction *m_refresh;
    RowCountLoader *m_rowCounts = nullptr;
    QTimer *m_fitDetail = nullptr;   // fits the rows/type column once the rows settle
    QSet<int> m_autoExpand;   // connections whose default schema expands once loaded
    QSet<QString> m_reexpand;  // paths (pathOf) of nodes to expand again when they come back after a reload
    QString m_reselect;        // the path of the node to select again after a reload
};

} // namespace strata::ui
