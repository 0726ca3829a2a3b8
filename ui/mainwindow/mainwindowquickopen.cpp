// MainWindow: quick open (Ctrl+P) and Search in database — where they open from (Tools,
// the shortcut), the per-connection names they search (NameIndexCache, told of schema
// changes by the SchemaNotifier and of the tree's Refresh here), and what a choice opens:
// the grid, the properties, a console holding SELECT * FROM it, or the node in the tree.

#include "mainwindow.h"

#include "connection/connection.h"
#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "grid/gridtab.h"
#include "quickopen/quickopenpopup.h"
#include "quickopen/valuesearchdialog.h"
#include "search/nameindexcache.h"
#include "search/searchsql.h"
#include "tree/objecttreepanel.h"
#include "tree/objecttreeproxy.h"

#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

namespace strata::ui {

using connection::Connection;
using search::NameHit;
using search::NameKind;

namespace {

catalog::RelationKind relationKindOf(NameKind kind)
{
    switch (kind) {
    case NameKind::View:
        return catalog::RelationKind::View;
    case NameKind::MaterializedView:
        return catalog::RelationKind::MaterializedView;
    case NameKind::ForeignTable:
        return catalog::RelationKind::ForeignTable;
    default:
        return catalog::RelationKind::Table;
    }
}

/// The relation a hit opens: itself, or a column's table or view.
std::optional<ObjectRef> relationOf(const NameHit &hit)
{
    const bool column = hit.kind == NameKind::Column;
    const NameKind kind = column ? hit.relationKind : hit.kind;
    if (kind != NameKind::Table && kind != NameKind::View && kind != NameKind::MaterializedView && kind != NameKind::ForeignTable)
        return std::nullopt;
    ObjectRef ref;
    ref.kind = NodeKind::Relation;
    ref.connectionId = hit.database;
    ref.schema = hit.schema;
    ref.name = column ? hit.relation : hit.name;
    ref.relationKind = relationKindOf(kind);
    return ref;
}

/// A loaded tree node standing for `hit` (schemas, sequences, routines), or invalid.
QModelIndex findLoadedNode(const ObjectTreeModel *model, const QModelIndex &parent, const NameHit &hit)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex child = model->index(row, 0, parent);
        const ObjectRef ref = model->objectAt(child);
        const bool kindMatches =
            (hit.kind == NameKind::Schema && ref.kind == NodeKind::Schema)
            || (hit.kind == NameKind::Sequence && ref.kind == NodeKind::Sequence)
            || ((hit.kind == NameKind::Function || hit.kind == NameKind::Procedure) && ref.kind == NodeKind::Routine);
        if (kindMatches && ref.name == hit.name && (hit.kind == NameKind::Schema || ref.schema == hit.schema))
            return child;
        if (ref.kind == NodeKind::Schema || ref.kind == NodeKind::Folder)
            if (const QModelIndex found = findLoadedNode(model, child, hit); found.isValid())
                return found;
    }
    return {};
}

}   // namespace

void MainWindow::createQuickOpen(QMenu *tools)
{
    m_nameIndexes = new search::NameIndexCache(
        m_schemaNotifier,
        [this](int database) {
            Connection *conn = m_model->connection(database);
            return search::NameIndexCache::Source{conn, conn ? conn->profile().displayName() : QString()};
        },
        this);
    // F5 in the tree reads the names of that connection again too.
    connect(m_treePanel->refreshAction(), &QAction::triggered, this,
            [this] { m_nameIndexes->invalidate(currentConnectionId()); });
    m_quickOpenAction = makeAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Quick open…"), "actionQuickOpen",
                                   tr("Find a table, view, column, function or schema by name (Ctrl+P)"));
    m_quickOpenAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_quickOpenAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_quickOpenAction, &QAction::triggered, this, &MainWindow::showQuickOpen);
    tools->addAction(m_quickOpenAction);
    QAction *values = tools->addAction(tr("Search &in database…"), this, [this] { openValueSearch(); });
    values->setObjectName(QStringLiteral("actionValueSearch"));
    tools->addSeparator();

    // A schema's (or a SQLite file's) context menu: Search in database… in that schema.
    connect(m_treePanel, &ObjectTreePanel::contextMenuAboutToShow, this, [this](QMenu *menu, const QModelIndex &index) {
        const ObjectRef ref = m_model->objectAt(index);
        const Connection *conn = m_model->connection(ref.connectionId);
        if (!conn || conn->state() != Connection::State::Open
            || (ref.kind != NodeKind::Schema && ref.kind != NodeKind::Connection))
            return;
        const QString schema = ref.kind == NodeKind::Schema ? ref.name : QString();
        menu->addAction(tr("Search &in database…"), this, [this, ref, schema] { openValueSearch(ref.connectionId, schema); });
    });

    m_quickOpen = new QuickOpenPopup(m_nameIndexes, this);
    connect(m_quickOpen, &QuickOpenPopup::chosen, this, [this](const NameHit &hit, QuickOpenPopup::Action action) {
        const std::optional<ObjectRef> relation = relationOf(hit);
        Connection *conn = m_model->connection(hit.database);
        if (!conn)
            return;
        if (action == QuickOpenPopup::Action::Select && (relation || hit.kind == NameKind::Sequence)) {
            // The text comes from core, quoted by the dialect; the person runs it.
            const QString sql = search::selectAllSql(conn->dialect(), hit.schema, relation ? relation->name : hit.name);
            if (ConsoleTab *console = openConsole(hit.database))
                console->editor()->setPlainText(sql);
        } else if (relation && action == QuickOpenPopup::Action::Data) {
            openData(*relation);
        } else if (relation) {
            openObject(*relation);
        } else {
            // Schemas, sequences and routines live in the tree: show the node when loaded.
            const QModelIndex node = findLoadedNode(m_model, m_model->connectionIndex(hit.database), hit);
            if (node.isValid()) {
                const QModelIndex shown = m_treePanel->proxy()->mapFromSource(node);
                m_treePanel->view()->setCurrentIndex(shown);
                m_treePanel->view()->scrollTo(shown);
                m_treePanel->view()->setFocus(Qt::OtherFocusReason);
            } else {
                statusBar()->showMessage(
                    tr("%1 is in %2 › %3: expand it in the tree.").arg(hit.name, conn->profile().displayName(), hit.schema),
                    8000);
            }
        }
    });
}

void MainWindow::showQuickOpen()
{
    QList<int> open;
    for (const int id : m_model->connectionIds()) {
        const Connection *conn = m_model->connection(id);
        if (conn && conn->state() == Connection::State::Open)
            open << id;
        else
            m_nameIndexes->forget(id);
    }
    // The connection of the tab in front ranks first, else the tree's.
    int current = currentConnectionId();
    if (QWidget *page = m_tabs->currentWidget(); page && page->property("connectionId").isValid())
        current = page->property("connectionId").toInt();
    m_quickOpen->popup(open, current);
}

ValueSearchDialog *MainWindow::openValueSearch(int connectionId, const QString &schema)
{
    if (connectionId < 0)
        connectionId = currentConnectionId();
    Connection *conn = m_model->connection(connectionId);
    if (!conn || conn->state() != Connection::State::Open) {
        m_statusLabel->setText(tr("Open a connection first: Search in database reads its tables."));
        return nullptr;
    }
    // The selected schema first, then the other schemas the tree has shown.
    QStringList schemas;
    const ObjectRef selected = m_treePanel->currentObject();
    if (!schema.isEmpty())
        schemas << schema;
    else if (selected.connectionId == connectionId && !selected.schema.isEmpty())
        schemas << selected.schema;
    const QModelIndex connIndex = m_model->connectionIndex(connectionId);
    for (int row = 0; row < m_model->rowCount(connIndex); ++row) {
        const ObjectRef ref = m_model->objectAt(m_model->index(row, 0, connIndex));
        if (ref.kind == NodeKind::Schema && !schemas.contains(ref.name))
            schemas << ref.name;
    }
    const QString fallback = conn->profile().isPostgres() ? QStringLiteral("public") : QStringLiteral("main");
    if (!schemas.contains(fallback))
        schemas << fallback;
    auto *dialog = new ValueSearchDialog(m_model->connectionSpec(connectionId), conn->profile().displayName(), schemas, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &ValueSearchDialog::rowRequested, this,
        [this, connectionId](const QString &inSchema, const QString &table, const QString &keyColumn, const QString &keyValue) {
            ObjectRef ref;
            ref.kind = NodeKind::Relation;
            ref.connectionId = connectionId;
            ref.schema = inSchema;
            ref.name = table;
            if (GridTab *grid = openData(ref); grid && !keyColumn.isEmpty())
                grid->showMatching(keyColumn, keyValue);
        });
    dialog->show();
    return dialog;
}

}   // namespace strata::ui
