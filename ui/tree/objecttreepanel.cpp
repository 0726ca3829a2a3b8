#include "objecttreepanel.h"

#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "exec/tablescript.h"
#include "objecttreeproxy.h"
#include "rowcountloader.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::ui {

ObjectTreePanel::ObjectTreePanel(ObjectTreeModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new ObjectTreeProxy(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_refresh(new QAction(tr("&Refresh"), this))
{
    m_proxy->setSourceModel(model);

    m_filter->setPlaceholderText(tr("Filter objects…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setToolTip(tr("Reload the selected node from the database (F5)"));
    connect(m_refresh, &QAction::triggered, this, &ObjectTreePanel::refreshCurrent);
    addAction(m_refresh);

    auto *refreshButton = new QToolButton(this);
    refreshButton->setDefaultAction(m_refresh);
    refreshButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));

    auto *sortButton = new QToolButton(this);
    sortButton->setText(tr("Sort"));
    sortButton->setToolTip(tr("Sort connections"));
    sortButton->setPopupMode(QToolButton::InstantPopup);
    auto *sortMenu = new QMenu(sortButton);
    auto *sortGroup = new QActionGroup(sortMenu);
    const std::pair<QString, ObjectTreeProxy::SortKey> keys[] = {{tr("By &name"), ObjectTreeProxy::SortKey::Name},
                                                                 {tr("By &last use"), ObjectTreeProxy::SortKey::LastUsed}};
    for (const auto &[label, key] : keys) {
        QAction *action = sortMenu->addAction(label, this, [this, key = key] {
            m_proxy->setSortKey(key);
            m_view->sortByColumn(0, Qt::AscendingOrder);
        });
        action->setCheckable(true);
        action->setChecked(key == ObjectTreeProxy::SortKey::Name);
        sortGroup->addAction(action);
    }
    sortButton->setMenu(sortMenu);

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setHeaderHidden(false);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    // The name takes the width; the rows/type column gets what its content needs, at most a
    // third of the tree (longer details are elided, their tooltips say all). Issue 19.
    m_view->header()->setSectionResizeMode(1, QHeaderView::Fixed);
    m_view->viewport()->installEventFilter(this);
    auto *fitLater = new QTimer(this);
    fitLater->setSingleShot(true);
    fitLater->setInterval(0);
    connect(fitLater, &QTimer::timeout, this, &ObjectTreePanel::fitDetailColumn);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, fitLater, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::dataChanged, fitLater, qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::layoutChanged, fitLater, qOverload<>(&QTimer::start));
    connect(m_view, &QTreeView::expanded, fitLater, qOverload<>(&QTimer::start));
    connect(m_view, &QTreeView::collapsed, fitLater, qOverload<>(&QTimer::start));
    m_fitDetail = fitLater;
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setExpandsOnDoubleClick(false);
    // Ctrl/Shift+click selects several nodes, for entries that act on all of them (one
    // diagram of the chosen tables, Backup… of several tables: selectedObjects()); the
    // others act on the node the menu was opened on.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &ObjectTreePanel::showContextMenu);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_proxy->mapToSource(index).siblingAtColumn(0);
        const ObjectRef ref = m_model->objectAt(source);
        const QString profileId = source.data(ObjectTreeModel::ProfileIdRole).toString();
        if (ref.kind == NodeKind::Relation)
            Q_EMIT dataRequested(ref);
        else if (ref.kind == NodeKind::Connection && !profileId.isEmpty() && !m_model->connection(ref.connectionId))
            Q_EMIT connectRequested(profileId);
        else
            m_view->setExpanded(index, !m_view->isExpanded(index));
    });
    connect(m_model, &ObjectTreeModel::loaded, this, &ObjectTreePanel::onLoaded);
    m_rowCounts = new RowCountLoader(m_model, m_proxy, m_view, this);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_filter, 1);
    top->addWidget(sortButton);
    top->addWidget(refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
}

void ObjectTreePanel::fitDetailColumn()
{
    // sizeHintForColumn is public in QAbstractItemView (QTreeView only narrows its access).
    const QAbstractItemView *view = m_view;
    const int wanted = std::max(view->sizeHintForColumn(1), m_view->header()->sectionSizeHint(1));
    const int cap = std::max(40, m_view->viewport()->width() / 3);
    const int width = std::min(wanted, cap);
    if (m_view->columnWidth(1) != width)
        m_view->setColumnWidth(1, width);
}

bool ObjectTreePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && m_fitDetail)
        m_fitDetail->start();
    return QWidget::eventFilter(watched, event);
}

QModelIndex ObjectTreePanel::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_view->currentIndex()).siblingAtColumn(0);
}

ObjectRef ObjectTreePanel::currentObject() const
{
    return m_model->objectAt(m_proxy->mapToSource(m_view->currentIndex()));
}

QList<ObjectRef> ObjectTreePanel::selectedObjects() const
{
    QList<ObjectRef> out;
    for (const QModelIndex &index : m_view->selectionModel()->selectedIndexes())
        if (index.column() == 0)
            out << m_model->objectAt(m_proxy->mapToSource(index));
    return out;
}

void ObjectTreePanel::expandConnection(int connectionId)
{
    const QModelIndex source = m_model->connectionIndex(connectionId);
    if (!source.isValid())
        return;
    m_autoExpand.insert(connectionId);
    const QModelIndex index = m_proxy->mapFromSource(source);
    m_view->setCurrentIndex(index);
    m_view->expand(index);
}

void ObjectTreePanel::onLoaded(const QModelIndex &sourceParent)
{
    const ObjectRef ref = m_model->objectAt(sourceParent);
    const QModelIndex parent = m_proxy->mapFromSource(sourceParent);
    if (!m_reexpand.isEmpty() || !m_reselect.isEmpty())
        reexpandUnder(parent);
    if (!m_autoExpand.contains(ref.connectionId))
        return;
    if (ref.kind == NodeKind::Connection) {
        // Open the schema people mean: "public" on PostgreSQL, else the first; and the
        // Tables folder of a SQLite file.
        QModelIndex pick;
        for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
            const QModelIndex child = m_proxy->index(row, 0, parent);
            const ObjectRef childRef = m_model->objectAt(m_proxy->mapToSource(child));
            if ((childRef.kind == NodeKind::Schema && childRef.name == QLatin1String("public"))
                || childRef.kind == NodeKind::Folder) {
                pick = child;
                break;
            }
            if (!pick.isValid() && childRef.kind == NodeKind::Schema)
                pick = child;
        }
        if (pick.isValid())
            m_view->expand(pick);
        if (!pick.isValid() || m_model->objectAt(m_proxy->mapToSource(pick)).kind == NodeKind::Folder)
            m_autoExpand.remove(ref.connectionId);
    } else if (ref.kind == NodeKind::Schema) {
        m_autoExpand.remove(ref.connectionId);
        for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
            const QModelIndex child = m_proxy->index(row, 0, parent);
            if (m_model->objectAt(m_proxy->mapToSource(child)).kind == NodeKind::Folder) {
                m_view->expand(child);
                break;
            }
        }
    }
}

void ObjectTreePanel::refreshCurrent()
{
    QModelIndex index = m_view->currentIndex();
    if (!index.isValid() && m_proxy->rowCount() > 0)
        index = m_proxy->index(0, 0);
    if (!index.isValid())
        return;
    const QModelIndex source = m_proxy->mapToSource(index);
    // Refresh the nearest loadable node, then load it again at once.
    QModelIndex node = source.siblingAtColumn(0);
    while (node.isValid() && m_model->objectAt(node).kind != NodeKind::Connection
           && m_model->objectAt(node).kind != NodeKind::Schema && m_model->objectAt(node).kind != NodeKind::Relation)
        node = node.parent();
    if (!node.isValid())
        return;
    reload(node);
}

QString ObjectTreePanel::pathOf(const QModelIndex &sourceIndex) const
{
    // Names from the connection down; the connection by its id (names may repeat).
    QStringList parts;
    for (QModelIndex i = sourceIndex.siblingAtColumn(0); i.isValid(); i = i.parent()) {
        const ObjectRef ref = m_model->objectAt(i);
        parts.prepend(ref.kind == NodeKind::Connection ? QString::number(ref.connectionId) : i.data().toString());
    }
    return parts.join(QChar(0x1f));
}

void ObjectTreePanel::reexpandUnder(const QModelIndex &proxyParent)
{
    // Nodes that were expanded before a reload open again: folders at once (they came in the
    // same load), tables and schemas as they load their own children (onLoaded again).
    for (int row = 0; row < m_proxy->rowCount(proxyParent); ++row) {
        const QModelIndex child = m_proxy->index(row, 0, proxyParent);
        const QString path = pathOf(m_proxy->mapToSource(child));
        if (!m_reselect.isEmpty() && path == m_reselect) {
            m_reselect.clear();
            m_view->setCurrentIndex(child);   // the node the person had selected
        }
        if (!m_reexpand.remove(path))
            continue;
        m_view->expand(child);
        reexpandUnder(child);
    }
}

void ObjectTreePanel::rememberExpanded(const QModelIndex &proxyIndex)
{
    for (int row = 0; row < m_proxy->rowCount(proxyIndex); ++row) {
        const QModelIndex child = m_proxy->index(row, 0, proxyIndex);
        if (m_view->isExpanded(child)) {
            m_reexpand.insert(pathOf(m_proxy->mapToSource(child)));
            rememberExpanded(child);
        }
    }
}

void ObjectTreePanel::reload(const QModelIndex &sourceNode)
{
    const QModelIndex node = sourceNode.siblingAtColumn(0);
    if (!node.isValid())
        return;
    const QModelIndex proxyNode = m_proxy->mapFromSource(node);
    const bool expanded = m_view->isExpanded(proxyNode);
    if (expanded) {
        rememberExpanded(proxyNode);
        const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
        for (QModelIndex i = current.parent(); i.isValid(); i = i.parent())
            if (i.siblingAtColumn(0) == node)
                m_reselect = pathOf(current);   // selected under the reloaded node: select it again
    }
    m_model->refresh(node);
    if (expanded)
        m_model->fetchMore(node);
}

void ObjectTreePanel::setSchemaNotifier(catalog::SchemaNotifier *notifier)
{
    connect(notifier, &catalog::SchemaNotifier::changed, this, &ObjectTreePanel::onSchemaChanged);
}

void ObjectTreePanel::onSchemaChanged(const catalog::SchemaChange &change)
{
    const QModelIndex connection = m_model->connectionIndex(change.database);
    if (!connection.isValid())
        return;
    // The schema's node holds its tables; a SQLite file shows them right under the connection.
    QModelIndex node = connection;
    for (int row = 0; !change.schema.isEmpty() && row < m_model->rowCount(connection); ++row) {
        const QModelIndex child = m_model->index(row, 0, connection);
        const ObjectRef ref = m_model->objectAt(child);
        if (ref.kind == NodeKind::Schema && ref.name == change.schema)
            node = child;
    }
    reload(node);
}

void ObjectTreePanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    const QModelIndex source = m_proxy->mapToSource(index).siblingAtColumn(0);
    QMenu menu(this);
    Q_EMIT contextMenuAboutToShow(&menu, source);
    if (index.isValid()) {
        const ObjectRef ref = m_model->objectAt(source);
        const bool open = m_model->connection(ref.connectionId) != nullptr;
        if (ref.kind == NodeKind::Relation) {
            menu.addAction(tr("View &data"), this, [this, ref] { Q_EMIT dataRequested(ref); });
            menu.addAction(tr("&Properties"), this, [this, ref] { Q_EMIT openRequested(ref); });
            QMenu *script = menu.addMenu(tr("&Script as"));
            const QList<QPair<QString, exec::ScriptKind>> kinds{
                {QStringLiteral("SELECT"), exec::ScriptKind::Select}, {QStringLiteral("INSERT"), exec::ScriptKind::Insert},
                {QStringLiteral("UPDATE"), exec::ScriptKind::Update}, {QStringLiteral("DELETE"), exec::ScriptKind::Delete},
                {QStringLiteral("CREATE"), exec::ScriptKind::Create}};
            for (const auto &[label, kind] : kinds)
                script->addAction(label, this, [this, ref, kind = kind] { Q_EMIT scriptRequested(ref, int(kind)); });
            script->setEnabled(open);
            menu.addSeparator();
        }
        if (open && ref.kind == NodeKind::Connection) {
            menu.addAction(tr("&Migrations…"), this, [this, ref] { Q_EMIT migrationsRequested(ref.connectionId); });
            menu.addSeparator();
        }
        // --- data import/export (ui/dataio) ---
        if (ref.kind == NodeKind::Relation) {
            menu.addAction(tr("E&xport data…"), this, [this, ref] { Q_EMIT exportDataRequested(ref); });
            if (ref.relationKind != catalog::RelationKind::View && ref.relationKind != catalog::RelationKind::MaterializedView)
                menu.addAction(tr("&Import CSV…"), this, [this, ref] { Q_EMIT importCsvRequested(ref); });
            menu.addSeparator();
        }
        // --- end data import/export ---
        if (open) {
            menu.addAction(tr("Open query &console"), this, [this, ref] { Q_EMIT consoleRequested(ref.connectionId); });
            menu.addAction(m_refresh);
        }
        const QString name = index.siblingAtColumn(0).data().toString();
        menu.addAction(tr("&Copy name"), this, [name] { QApplication::clipboard()->setText(name); });
    }
    if (!menu.isEmpty())
        menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace strata::ui
