#pragma once

// BlockingTreeModel: who blocks whom, as a tree (QtCore only). Top-level rows are the root
// blockers (backends that block others and wait for no one in the graph), the one that
// holds up most backends first; under each backend, the backends waiting for it, and a
// "Locks held" node whose children are that backend's locks counted by type, relation and
// mode. A backend waiting for two blockers appears under both. Backends caught in a cycle
// (a deadlock the server has not broken yet) are shown as roots too, once.
//
// Memory: one node per backend involved (per place in the tree) and, only for "Locks held"
// nodes that were expanded, one node per lock group the server counted (at most 500).
// Never a node per lock: 50,000 locks of 5 backends are 5 backends and a few groups.
//
// Lock groups load when a view expands the node (canFetchMore/fetchMore) through the
// detail fetcher (PostgresMonitor::fetchLockDetail); loaded groups are read again on each
// refresh that keeps the tree's shape. A refresh that changes the shape resets the model.

#include "base/result.h"
#include "monitortypes.h"

#include <QAbstractItemModel>
#include <QHash>
#include <functional>
#include <memory>
#include <vector>

namespace strata::monitor {

class BlockingTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Backend, State, WaitingFor, Waited, Transaction, Locks, Query, ColumnCount };
    enum Role { PidRole = Qt::UserRole + 1, NodeKindRole, QueryRole };
    enum class NodeKind { Backend, LocksHeld, LockGroup };
    using DetailFetcher = std::function<void(int pid, QObject *context, std::function<void(Result<QList<LockGroup>>)> done)>;

    explicit BlockingTreeModel(QObject *parent = nullptr);
    ~BlockingTreeModel() override;

    void setDetailFetcher(DetailFetcher fetcher) { m_fetcher = std::move(fetcher); }
    void setBackends(const QList<BlockingBackend> &backends);
    const QList<BlockingBackend> &backends() const { return m_backends; }
    /// The backend with `pid`, or null.
    const BlockingBackend *backend(int pid) const;

    /// Pids of the top-level rows, in order.
    QList<int> rootPids() const;
    /// The first node of `pid` (depth first), or invalid.
    QModelIndex indexOfPid(int pid) const;
    /// Nodes held now, every kind (tests and the bench check it stays small).
    int nodeCount() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// The tree was rebuilt (its shape changed); views may expand it again.
    void rebuilt();
    /// Lock groups of `pid` arrived (or failed: `error` set).
    void detailLoaded(int pid, const QString &error);

private:
    struct Node;
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node, int column = 0) const;
    void build(Node *root) const;
    void addBackend(Node *parent, int pid, QList<int> &path, QSet<int> &placed) const;
    QString signature() const;
    void requestDetail(Node *folder);
    void fillDetail(int pid, const QList<LockGroup> &groups);
    void collect(Node *node, const std::function<void(Node *)> &visit) const;
    QVariant backendData(const BlockingBackend &b, int column, int role) const;

    std::unique_ptr<Node> m_root;
    QList<BlockingBackend> m_backends;
    QHash<int, int> m_byPid;
    QMultiHash<int, int> m_waitersOf;   // blocker pid -> waiter pids
    QString m_signature;
    quint64 m_shapeGeneration = 0;
    DetailFetcher m_fetcher;
};

} // namespace strata::monitor
