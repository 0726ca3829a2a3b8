#pragma once

// The object tree dock's contents: a filter box over the lazily loaded tree, a refresh
// action, and a context menu. Activating a table, view or other object asks the main window
// to open its data (dataRequested); "Properties" in the context menu opens its details
// (openRequested).

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
    /// Properties of an object (context menu "Properties").
    void openRequested(const strata::ui::ObjectRef &object);
    /// The rows of a table or view (double-click, Enter, context menu "View data").
    void dataRequested(const strata::ui::ObjectRef &object);

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
