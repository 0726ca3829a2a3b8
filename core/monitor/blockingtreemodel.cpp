#include "blockingtreemodel.h"

#include "activitymodel.h"

#include <QSet>
#include <algorithm>

namespace strata::monitor {

struct BlockingTreeModel::Node {
    NodeKind kind = NodeKind::Backend;
    int pid = 0;
    LockGroup group;
    Node *parent = nullptr;
    int row = 0;
    bool requested = false;
    bool loaded = false;
    QString error;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

BlockingTreeModel::BlockingTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

BlockingTreeModel::~BlockingTreeModel() = default;

const BlockingBackend *BlockingTreeModel::backend(int pid) const
{
    const auto it = m_byPid.constFind(pid);
    return it == m_byPid.cend() ? nullptr : &m_backends[*it];
}

void BlockingTreeModel::addBackend(Node *parent, int pid, QList<int> &path, QSet<int> &placed) const
{
    auto node = std::make_unique<Node>();
    node->pid = pid;
    Node *added = parent->add(std::move(node));
    placed.insert(pid);
    if (backend(pid)->locksHeld > 0) {
        auto folder = std::make_unique<Node>();
        folder->kind = NodeKind::LocksHeld;
        folder->pid = pid;
        added->add(std::move(folder));
    }
    QList<int> waiters = m_waitersOf.values(pid);
    std::sort(waiters.begin(), waiters.end());
    path.append(pid);
    for (int waiter : waiters)
        if (!path.contains(waiter))
            addBackend(added, waiter, path, placed);
    path.removeLast();
}

void BlockingTreeModel::build(Node *root) const
{
    // How many backends each one holds up, directly or not: the roots that hold up most come first.
    auto reach = [this](int pid) {
        QSet<int> seen;
        QList<int> todo{pid};
        while (!todo.isEmpty()) {
            for (int waiter : m_waitersOf.values(todo.takeLast()))
                if (!seen.contains(waiter) && waiter != pid) {
                    seen.insert(waiter);
                    todo.append(waiter);
                }
        }
        return int(seen.size());
    };
    QList<int> roots;
    for (const BlockingBackend &b : m_backends) {
        const bool blockedInGraph = std::any_of(b.blockedBy.begin(), b.blockedBy.end(), [this](int p) { return m_byPid.contains(p); });
        if (!blockedInGraph)
            roots.append(b.pid);
    }
    QHash<int, int> reaches;
    for (int pid : roots)
        reaches.insert(pid, reach(pid));
    std::sort(roots.begin(), roots.end(), [&reaches](int a, int b) {
        return reaches[a] != reaches[b] ? reaches[a] > reaches[b] : a < b;
    });
    QSet<int> placed;
    QList<int> path;
    for (int pid : roots)
        addBackend(root, pid, path, placed);
    // A cycle has no root: show each backend of it that is not placed yet as a root.
    for (const BlockingBackend &b : m_backends)
        if (!placed.contains(b.pid))
            addBackend(root, b.pid, path, placed);
}

void BlockingTreeModel::collect(Node *node, const std::function<void(Node *)> &visit) const
{
    for (const auto &child : node->children) {
        visit(child.get());
        collect(child.get(), visit);
    }
}

QString BlockingTreeModel::signature() const
{
    QStringList parts;
    std::function<void(Node *, int)> walk = [&](Node *node, int depth) {
        for (const auto &child : node->children) {
            if (child->kind == NodeKind::LockGroup)
                continue;
            parts << QStringLiteral("%1:%2:%3").arg(depth).arg(int(child->kind)).arg(child->pid);
            walk(child.get(), depth + 1);
        }
    };
    walk(m_root.get(), 0);
    return parts.join(QLatin1Char(' '));
}

void BlockingTreeModel::setBackends(const QList<BlockingBackend> &backends)
{
    QList<BlockingBackend> sorted = backends;
    std::sort(sorted.begin(), sorted.end(), [](const BlockingBackend &a, const BlockingBackend &b) { return a.pid < b.pid; });
    QHash<int, int> byPid;
    QMultiHash<int, int> waitersOf;
    for (int i = 0; i < sorted.size(); ++i)
        byPid.insert(sorted[i].pid, i);
    for (const BlockingBackend &b : sorted)
        for (int blocker : b.blockedBy)
            if (byPid.contains(blocker) && blocker != b.pid)
                waitersOf.insert(blocker, b.pid);

    // Build the new shape aside and compare it with the one shown.
    std::swap(m_backends, sorted);
    std::swap(m_byPid, byPid);
    std::swap(m_waitersOf, waitersOf);
    auto fresh = std::make_unique<Node>();
    build(fresh.get());
    std::swap(m_root, fresh);
    const QString shape = signature();
    std::swap(m_root, fresh);
    if (shape == m_signature) {
        // Same shape: new values in place; expanded lock groups are read again.
        QList<Node *> parents;
        if (!m_root->children.empty())
            parents << m_root.get();
        collect(m_root.get(), [&parents](Node *n) { if (!n->children.empty()) parents << n; });
        for (Node *parent : parents) {
            const QModelIndex p = parent == m_root.get() ? QModelIndex() : indexOf(parent);
            Q_EMIT dataChanged(index(0, 0, p), index(int(parent->children.size()) - 1, ColumnCount - 1, p));
        }
        QSet<int> reread;
        collect(m_root.get(), [&reread](Node *n) { if (n->kind == NodeKind::LocksHeld && n->loaded) reread.insert(n->pid); });
        for (int pid : reread) {
            collect(m_root.get(), [pid](Node *n) { if (n->kind == NodeKind::LocksHeld && n->pid == pid) n->requested = false; });
            collect(m_root.get(), [this, pid](Node *n) {
                if (n->kind == NodeKind::LocksHeld && n->pid == pid && !n->requested)
                    requestDetail(n);
            });
        }
        return;
    }
    beginResetModel();
    m_root = std::move(fresh);
    m_signature = shape;
    ++m_shapeGeneration;
    endResetModel();
    Q_EMIT rebuilt();
}

QList<int> BlockingTreeModel::rootPids() const
{
    QList<int> pids;
    for (const auto &child : m_root->children)
        pids << child->pid;
    return pids;
}

QModelIndex BlockingTreeModel::indexOfPid(int pid) const
{
    Node *found = nullptr;
    collect(m_root.get(), [&found, pid](Node *n) {
        if (!found && n->kind == NodeKind::Backend && n->pid == pid)
            found = n;
    });
    return found ? indexOf(found) : QModelIndex();
}

int BlockingTreeModel::nodeCount() const
{
    int count = 0;
    collect(m_root.get(), [&count](Node *) { ++count; });
    return count;
}

void BlockingTreeModel::requestDetail(Node *folder)
{
    folder->requested = true;
    if (!m_fetcher)
        return;
    const int pid = folder->pid;
    const quint64 generation = m_shapeGeneration;
    m_fetcher(pid, this, [this, pid, generation](Result<QList<LockGroup>> groups) {
        if (generation != m_shapeGeneration)
            return;   // the tree was rebuilt meanwhile: that folder is gone
        if (!groups) {
            collect(m_root.get(), [pid, &groups](Node *n) { if (n->kind == NodeKind::LocksHeld && n->pid == pid) n->error = groups.error().message; });
            Q_EMIT detailLoaded(pid, groups.error().message);
            return;
        }
        fillDetail(pid, groups.value());
        Q_EMIT detailLoaded(pid, QString());
    });
}

void BlockingTreeModel::fillDetail(int pid, const QList<LockGroup> &groups)
{
    QList<Node *> folders;
    collect(m_root.get(), [&folders, pid](Node *n) {
        if (n->kind == NodeKind::LocksHeld && n->pid == pid)
            folders << n;
    });
    for (Node *folder : folders) {
        const QModelIndex parent = indexOf(folder);
        if (!folder->children.empty()) {
            beginRemoveRows(parent, 0, int(folder->children.size()) - 1);
            folder->children.clear();
            endRemoveRows();
        }
        folder->loaded = true;
        folder->error.clear();
        if (groups.isEmpty())
            continue;
        beginInsertRows(parent, 0, int(groups.size()) - 1);
        for (const LockGroup &g : groups) {
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::LockGroup;
            node->pid = pid;
            node->group = g;
            folder->add(std::move(node));
        }
        endInsertRows();
    }
}

BlockingTreeModel::Node *BlockingTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex BlockingTreeModel::indexOf(Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

QModelIndex BlockingTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    Node *p = nodeAt(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex BlockingTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent);
}

int BlockingTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int BlockingTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool BlockingTreeModel::hasChildren(const QModelIndex &parent) const
{
    const Node *n = nodeAt(parent);
    if (parent.isValid() && parent.column() != 0)
        return false;
    return n->kind == NodeKind::LocksHeld ? !(n->loaded && n->children.empty()) : !n->children.empty();
}

bool BlockingTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *n = nodeAt(parent);
    return parent.isValid() && n->kind == NodeKind::LocksHeld && !n->requested;
}

void BlockingTreeModel::fetchMore(const QModelIndex &parent)
{
    Node *n = nodeAt(parent);
    if (parent.isValid() && n->kind == NodeKind::LocksHeld && !n->requested)
        requestDetail(n);
}

QVariant BlockingTreeModel::backendData(const BlockingBackend &b, int column, int role) const
{
    const bool waiting = !b.awaitedMode.isEmpty();
    if (role == Qt::ToolTipRole)
        return column == Query ? b.query : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Backend: {
        QString who = b.user.isEmpty() ? QString() : b.user + (b.database.isEmpty() ? QString() : QLatin1Char('@') + b.database);
        if (!b.application.isEmpty())
            who += QStringLiteral(" (%1)").arg(b.application);
        return QStringLiteral("%1  %2").arg(b.pid).arg(who).trimmed();
    }
    case State: return b.state;
    case WaitingFor:
        if (!waiting)
            return {};
        return b.awaitedRelation.isEmpty() ? tr("%1 (%2)").arg(b.awaitedMode, b.awaitedLockType)
                                           : tr("%1 on %2").arg(b.awaitedMode, b.awaitedRelation);
    case Waited: return waiting ? formatDuration(b.waitSeconds) : QString();
    case Transaction: return formatDuration(b.transactionSeconds);
    case Locks: return QString::number(b.locksHeld);
    case Query: return b.query.simplified().left(300);
    default: return {};
    }
}

QVariant BlockingTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeAt(index);
    if (role == PidRole)
        return n->pid;
    if (role == NodeKindRole)
        return int(n->kind);
    if (role == QueryRole) {
        const BlockingBackend *b = backend(n->pid);
        return b ? b->query : QString();
    }
    switch (n->kind) {
    case NodeKind::Backend:
        if (const BlockingBackend *b = backend(n->pid))
            return backendData(*b, index.column(), role);
        return {};
    case NodeKind::LocksHeld:
        if (role != Qt::DisplayRole)
            return {};
        if (index.column() == Backend) {
            const BlockingBackend *b = backend(n->pid);
            const QString count = tr("Locks held: %L1").arg(b ? b->locksHeld : 0);
            return n->error.isEmpty() ? count : count + QStringLiteral(" — ") + n->error;
        }
        return {};
    case NodeKind::LockGroup: {
        if (role != Qt::DisplayRole)
            return {};
        const LockGroup &g = n->group;
        switch (index.column()) {
        case Backend: return g.relation.isEmpty() ? g.lockType : QStringLiteral("%1 %2").arg(g.lockType, g.relation);
        case State: return g.granted ? tr("granted") : tr("waiting");
        case WaitingFor: return g.mode;
        case Locks: return QString::number(g.locks);
        default: return {};
        }
    }
    }
    return {};
}

QVariant BlockingTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const names[] = {"Backend", "State", "Waiting for", "Waited", "Transaction", "Locks held", "Query"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace strata::monitor
