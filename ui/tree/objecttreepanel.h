#pragma once

// The object tree dock's contents: a filter box over the lazily loaded tree, a refresh
// action, and a context menu. Activating a table, view or other object asks the main window
// to open it (signal openRequested).

#include "objecttreemodel.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace strata::ui {

class ObjectTreePanel : public QWidget {
    Q_OBJECT
public:
    explicit ObjectTreePanel(ObjectTreeModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    /// The selected node, or an ObjectRef of kind Message when nothing is selected.
    ObjectRef currentObject() const;
    /// Expands a connection's node (loading it) and then its default schema.
    void expandConnection(int connectionId);

    QAction *refreshAction() const { return m_refresh; }

Q_SIGNALS:
    void openRequested(const strata::ui::ObjectRef &object);
    /// "Migrations…" on a connection node.
    void migrationsRequested(int connectionId);
    // Data import/export (ui/dataio): the main window opens the dialogs.
    void exportDataRequested(const strata::ui::ObjectRef &object);
    void importCsvRequested(const strata::ui::ObjectRef &object);
    /// "Open query console" on a node of this connection.
    void consoleRequested(int connectionId);

private:
    void refreshCurrent();
    void showContextMenu(const QPoint &pos);
    void onLoaded(const QModelIndex &sourceParent);

    ObjectTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    QAction *m_refresh;
    QSet<int> m_autoExpand;   // connections whose default schema expands once loaded
};

} // namespace strata::ui
