#include "objecttreemodel.h"

#include "catalog/catalogjobs.h"
#include "catalog/descriptionstore.h"
#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "objecttreeitems.h"
#include "widgets/objecticons.h"

namespace strata::ui {

using connection::Connection;
using treeitems::Row;

ObjectTreeModel::ObjectTreeModel(QObject *parent)
    : QStandardItemModel(0, 2, parent)
{
    setHorizontalHeaderLabels({tr("Object"), tr("Rows / type")});
}

int ObjectTreeModel::addConnection(Connection *connection, const std::optional<QString> &password)
{
    const int id = m_nextConnectionId++;
    m_connections.insert(id, connection);
    m_passwords.insert(id, password);
    QStandardItem *node = savedItem(connection->profile().id);
    if (!node || this->connection(node->data(ConnectionIdRole).toInt())) {
        Row row = treeitems::makeRow(NodeKind::Connection, connection->profile().displayName(), QString(), QIcon());
        row[0]->setData(id, ConnectionIdRole);   // before it is shown: views may load it at once
        appendRow(row);
        node = row[0];
        decorateConnection(node, connection->profile());
        node->setData(QString(), ProfileIdRole);   // another window of a saved one is not "the" saved node
    } else {
        resetConnectionNode(node, id);
    }
    watchState(id, node);
    return id;
}

void ObjectTreeModel::watchState(int connectionId, QStandardItem *item)
{
    delete m_stateWatchers.take(connectionId);
    auto *watcher = new QObject(this);
    m_stateWatchers.insert(connectionId, watcher);
    Connection *conn = connection(connectionId);
    // The detail column follows the connection's state.
    QPersistentModelIndex detail = indexFromItem(item).siblingAtColumn(1);
    auto showState = [this, detail, conn](Connection::State state) {
        QStandardItem *target = itemForPersistent(detail);
        if (!target)
            return;
        switch (state) {
        case Connection::State::Connecting: target->setText(tr("connecting…")); break;
        case Connection::State::Open: target->setText(conn->serverInfo().product + QLatin1Char(' ') + conn->serverInfo().version); break;
        case Connection::State::Failed: target->setText(tr("failed")); break;
        case Connection::State::Lost: target->setText(tr("connection lost")); break;
        case Connection::State::Closed: target->setText(tr("closed")); break;
        }
        if (state == Connection::State::Lost || state == Connection::State::Failed)
            target->setForeground(QColor(0xc6, 0x28, 0x28));
        else
            target->setData(QVariant(), Qt::ForegroundRole);
    };
    showState(conn->state());
    connect(conn, &Connection::stateChanged, watcher, showState);
}

void ObjectTreeModel::removeConnection(int connectionId)
{
    const QModelIndex index = connectionIndex(connectionId);
    delete m_stateWatchers.take(connectionId);
    m_connections.remove(connectionId);
    if (m_descriptions)
        m_descriptions->forget(connectionId);
    m_passwords.remove(connectionId);
    QStandardItem *item = itemFromIndex(index);
    if (!item)
        return;
    if (item->data(ProfileIdRole).toString().isEmpty()) {
        parentOrRoot(item)->removeRow(item->row());
        return;
    }
    resetConnectionNode(item, 0);   // a saved connection stays in the tree, disconnected
}

connection::ConnectionSpec ObjectTreeModel::connectionSpec(int connectionId) const
{
    connection::ConnectionSpec spec;
    if (const Connection *conn = connection(connectionId))
        spec.profile = conn->profile();
    spec.password = m_passwords.value(connectionId);
    return spec;
}

Connection *ObjectTreeModel::connection(int connectionId) const
{
    return m_connections.value(connectionId);
}

QModelIndex ObjectTreeModel::connectionIndex(int connectionId) const
{
    if (connectionId <= 0)
        return QModelIndex();
    // Connections are top-level nodes or children of a folder (Group) node.
    for (int row = 0; row < rowCount(); ++row) {
        const QModelIndex idx = index(row, 0);
        if (NodeKind(idx.data(KindRole).toInt()) == NodeKind::Group) {
            for (int child = 0; child < rowCount(idx); ++child)
                if (index(child, 0, idx).data(ConnectionIdRole).toInt() == connectionId)
                    return index(child, 0, idx);
        } else if (idx.data(ConnectionIdRole).toInt() == connectionId) {
            return idx;
        }
    }
    return QModelIndex();
}

QList<int> ObjectTreeModel::connectionIds() const
{
    return m_connections.keys();
}

ObjectRef ObjectTreeModel::objectAt(const QModelIndex &index) const
{
    ObjectRef ref;
    const QModelIndex first = index.siblingAtColumn(0);
    if (!first.isValid())
        return ref;
    ref.kind = NodeKind(first.data(KindRole).toInt());
    ref.connectionId = first.data(ConnectionIdRole).toInt();
    ref.schema = first.data(SchemaRole).toString();
    ref.name = first.data(NameRole).toString();
    ref.relationKind = catalog::RelationKind(first.data(RelationKindRole).toInt());
    return ref;
}

bool ObjectTreeModel::isExpandable(const QStandardItem *item) const
{
    if (!item)
        return false;
    switch (NodeKind(item->data(KindRole).toInt())) {
    case NodeKind::Connection:
        return connection(item->data(ConnectionIdRole).toInt()) != nullptr;
    case NodeKind::Schema:
    case NodeKind::Relation:
        return true;
    default:
        return false;
    }
}

bool ObjectTreeModel::hasChildren(const QModelIndex &parent) const
{
    const QStandardItem *item = itemFromIndex(parent.siblingAtColumn(0));
    if (parent.isValid() && parent.column() == 0 && isExpandable(item)
        && LoadState(item->data(LoadStateRole).toInt()) == LoadState::NotLoaded)
        return true;
    return QStandardItemModel::hasChildren(parent);
}

bool ObjectTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const QStandardItem *item = itemFromIndex(parent);
    return parent.column() == 0 && isExpandable(item)
        && LoadState(item->data(LoadStateRole).toInt()) == LoadState::NotLoaded;
}

void ObjectTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startLoading(itemFromIndex(parent));
}

void ObjectTreeModel::setDescriptionStore(catalog::DescriptionStore *store)
{
    m_descriptions = store;
}

void ObjectTreeModel::refresh(const QModelIndex &index)
{
    QStandardItem *item = itemFromIndex(index.siblingAtColumn(0));
    while (item && !isExpandable(item))
        item = item->parent();
    if (!item)
        return;
    item->setData(item->data(GenerationRole).toInt() + 1, GenerationRole);
    item->removeRows(0, item->rowCount());
    item->setData(int(LoadState::NotLoaded), LoadStateRole);
    if (m_descriptions) {
        const ObjectRef ref = objectAt(indexFromItem(item));
        m_descriptions->drop(catalog::SchemaChange{item->data(ConnectionIdRole).toInt(), ref.schema,
                                                   ref.name.isEmpty() ? QStringList() : QStringList{ref.name}});
    }
}

void ObjectTreeModel::startLoading(QStandardItem *item)
{
    item->setData(int(LoadState::Loading), LoadStateRole);
    // fetchMore() may be called while views react to another change, so loading is shown
    // in the detail column (a data change), never with a placeholder row.
    setLoadingText(item, true);
    // Structural changes wait for the event loop, never inside the caller's change.
    const QPersistentModelIndex persistent = indexFromItem(item);
    QMetaObject::invokeMethod(this, [this, persistent] {
        QStandardItem *target = itemForPersistent(persistent);
        if (!target)
            return;
        switch (NodeKind(target->data(KindRole).toInt())) {
        case NodeKind::Connection: loadConnection(target); break;
        case NodeKind::Schema: loadSchema(target); break;
        case NodeKind::Relation: loadRelation(target); break;
        default: break;
        }
    }, Qt::QueuedConnection);
}

void ObjectTreeModel::setLoadingText(QStandardItem *item, bool loading)
{
    QStandardItem *detail = item->parent() ? item->parent()->child(item->row(), 1) : this->item(item->row(), 1);
    if (!detail)
        return;
    if (loading) {
        detail->setData(detail->text(), SavedDetailRole);
        detail->setText(tr("loading…"));
    } else if (detail->text() == tr("loading…")) {
        detail->setText(detail->data(SavedDetailRole).toString());
    }
}

QStandardItem *ObjectTreeModel::itemForPersistent(const QPersistentModelIndex &index) const
{
    return index.isValid() ? itemFromIndex(index) : nullptr;
}

void ObjectTreeModel::setChildren(QStandardItem *parent, int generation, QList<QList<QStandardItem *>> rows)
{
    if (parent->data(GenerationRole).toInt() != generation) {
        for (auto &row : rows)
            qDeleteAll(row);
        return;   // refreshed meanwhile: a newer load owns this node
    }
    parent->removeRows(0, parent->rowCount());
    setLoadingText(parent, false);
    for (auto &row : rows)
        parent->appendRow(row);
    parent->setData(int(LoadState::Loaded), LoadStateRole);
    Q_EMIT loaded(indexFromItem(parent));
}

void ObjectTreeModel::setError(QStandardItem *parent, int generation, const QString &message)
{
    Row row = treeitems::makeRow(NodeKind::Message, message, QString(), objectIcon(ObjectIcon::Error));
    setChildren(parent, generation, {row});
    // Leave it retryable: collapsing and expanding again after a refresh loads anew.
}

template <typename T>
std::function<void(Result<T>)> ObjectTreeModel::childrenFrom(QStandardItem *item,
                                                             std::function<QList<QList<QStandardItem *>>(const T &)> build)
{
    const QPersistentModelIndex persistent = indexFromItem(item);
    const int generation = item->data(GenerationRole).toInt();
    return [this, persistent, generation, build = std::move(build)](Result<T> result) {
        QStandardItem *target = itemForPersistent(persistent);
        if (!target)
            return;   // the node is gone
        if (!result)
            return setError(target, generation, tr("Could not load: %1").arg(result.error().message));
        setChildren(target, generation, build(result.value()));
    };
}

void ObjectTreeModel::loadConnection(QStandardItem *item)
{
    const int id = item->data(ConnectionIdRole).toInt();
    Connection *conn = connection(id);
    const QPersistentModelIndex persistent = indexFromItem(item);
    const int generation = item->data(GenerationRole).toInt();
    if (!conn)
        return setError(item, generation, tr("Not connected"));
    if (conn->state() == Connection::State::Connecting) {
        // Load once the connection is open (or report why it is not).
        auto *once = new QObject(this);
        connect(conn, &Connection::stateChanged, once, [this, once, persistent](Connection::State state) {
            if (state == Connection::State::Connecting)
                return;
            once->deleteLater();
            if (QStandardItem *target = itemForPersistent(persistent))
                loadConnection(target);
        });
        return;
    }
    if (conn->state() != Connection::State::Open)
        return setError(item, generation, tr("Not connected: %1").arg(conn->lastError().message));
    catalog::fetchSchemas(*conn, this, false, [this, persistent, generation, id, conn](Result<QList<catalog::SchemaInfo>> r) {
        QStandardItem *target = itemForPersistent(persistent);
        if (!target)
            return;
        if (!r)
            return setError(target, generation, tr("Could not load: %1").arg(r.error().message));
        const QList<catalog::SchemaInfo> &schemas = r.value();
        if (conn->profile().isSqlite() && schemas.size() == 1) {
            // A plain SQLite file: its folders go straight under the connection.
            catalog::fetchObjects(*conn, this, schemas.first().name,
                                  childrenFrom<catalog::SchemaObjects>(target, [id](const catalog::SchemaObjects &objects) {
                                      return treeitems::schemaContentRows(objects, id);
                                  }));
            return;
        }
        setChildren(target, generation, treeitems::schemaRows(schemas, id));
    });
}

void ObjectTreeModel::loadSchema(QStandardItem *item)
{
    const int id = item->data(ConnectionIdRole).toInt();
    Connection *conn = connection(id);
    if (!conn)
        return setError(item, item->data(GenerationRole).toInt(), tr("Not connected"));
    catalog::fetchObjects(*conn, this, item->data(SchemaRole).toString(),
                          childrenFrom<catalog::SchemaObjects>(item, [id](const catalog::SchemaObjects &objects) {
                              return treeitems::schemaContentRows(objects, id);
                          }));
}

void ObjectTreeModel::loadRelation(QStandardItem *item)
{
    const int id = item->data(ConnectionIdRole).toInt();
    Connection *conn = connection(id);
    if (!conn)
        return setError(item, item->data(GenerationRole).toInt(), tr("Not connected"));
    auto fill = childrenFrom<catalog::TableDetail>(item, [id](const catalog::TableDetail &detail) {
        return treeitems::relationDetailRows(detail, id);
    });
    // The grid opened on this table reuses the description (no describe query of its own).
    catalog::fetchTableDetail(*conn, this, item->data(SchemaRole).toString(), item->data(NameRole).toString(),
                              [this, id, fill](Result<catalog::TableDetail> detail) {
                                  if (detail && m_descriptions)
                                      m_descriptions->put(id, detail.value());
                                  fill(std::move(detail));
                              });
}

} // namespace strata::ui
