#pragma once

// The object tree: connection > schemas > Tables / Views / Materialized views / Sequences /
// Functions > each table > Columns / Indexes / Foreign keys / Constraints / Triggers.
// Children load lazily, when a node is first expanded (canFetchMore / fetchMore), through
// catalog jobs on the connection's worker thread; the GUI thread only builds items.
// A SQLite database with just its "main" schema shows its folders directly under the
// connection, as DB Browser for SQLite users expect.
//
// Saved connections (setSavedProfiles) are top-level nodes too, in folders by their group,
// marked with their colour tag; a saved node stays when its connection closes and gets the
// next Connection opened for its profile. Connections that are not saved (the demo, a file
// from the command line) are top-level nodes that go away when closed.
//
// Two columns: the name, and a detail (row estimate for tables, type for columns).
// Results that arrive for a node that was refreshed or removed meanwhile are dropped
// (each node carries a load generation).

#include "base/result.h"
#include "catalog/catalogtypes.h"
#include "connection/connectionstring.h"

#include <QPointer>
#include <QStandardItemModel>
#include <functional>

namespace strata::connection { class Connection; }
namespace strata::catalog { class DescriptionStore; }

namespace strata::ui {

enum class NodeKind { Connection, Schema, Folder, Relation, Column, Index, ForeignKey, Constraint,
                      Trigger, Sequence, Routine, Message, Group };

enum class FolderKind { None, Tables, Views, MaterializedViews, Sequences, Functions,
                        Columns, Indexes, ForeignKeys, Constraints, Triggers };

/// What a node stands for: enough to open a tab on it.
struct ObjectRef {
    NodeKind kind = NodeKind::Message;
    int connectionId = -1;
    QString schema;
    QString name;
    catalog::RelationKind relationKind = catalog::RelationKind::Table;
};

class ObjectTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { KindRole = Qt::UserRole + 1, FolderRole, ConnectionIdRole, SchemaRole, NameRole,
                RelationKindRole, LoadStateRole, GenerationRole, SavedDetailRole,
                ProfileIdRole, ColorTagRole, LastUsedRole };
    enum class LoadState { NotLoaded, Loading, Loaded };

    explicit ObjectTreeModel(QObject *parent = nullptr);

    /// Adds a node for an open (or opening) connection, or attaches it to its saved profile's
    /// node (matched by profile id); the model does not own the connection.
    /// `password` is what the user gave for it, kept in memory only, so that tabs can open
    /// connections of their own (grid reads, console). Returns the id used in ObjectRef.
    int addConnection(connection::Connection *connection, const std::optional<QString> &password = {});
    /// Forgets a connection: an unsaved node goes away, a saved one stays, disconnected.
    void removeConnection(int connectionId);
    /// Shows exactly these saved profiles (adds, updates, moves between folders, removes).
    void setSavedProfiles(const QList<connection::ConnectionProfile> &profiles);
    /// The node of a saved profile, or invalid.
    QModelIndex profileIndex(const QString &profileId) const;
    /// The id of the open connection of a saved profile, or 0.
    int connectionIdForProfile(const QString &profileId) const;
    connection::Connection *connection(int connectionId) const;
    /// The profile and in-memory password of a connection, to open another one like it.
    connection::ConnectionSpec connectionSpec(int connectionId) const;
    QModelIndex connectionIndex(int connectionId) const;
    QList<int> connectionIds() const;

    ObjectRef objectAt(const QModelIndex &index) const;

    /// Drops the children of `index` and loads them again on the next expand (and the
    /// descriptions kept for the tables under it).
    void refresh(const QModelIndex &index);
    /// Where the descriptions of expanded tables are kept for the grid (not owned; may be null).
    void setDescriptionStore(catalog::DescriptionStore *store);

    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// A load finished (or failed) under `parent`; the panel may expand or report.
    void loaded(const QModelIndex &parent);

private:
    bool isExpandable(const QStandardItem *item) const;
    void startLoading(QStandardItem *item);
    void setLoadingText(QStandardItem *item, bool loading);
    void setChildren(QStandardItem *parent, int generation, QList<QList<QStandardItem *>> rows);
    void setError(QStandardItem *parent, int generation, const QString &message);
    /// A catalog callback that fills `item` with build(value), or an error row; dropped when
    /// the item was removed or refreshed meanwhile.
    template <typename T>
    std::function<void(Result<T>)> childrenFrom(QStandardItem *item,
                                                std::function<QList<QList<QStandardItem *>>(const T &)> build);
    void loadConnection(QStandardItem *item);
    void loadSchema(QStandardItem *item);
    void loadRelation(QStandardItem *item);
    QStandardItem *itemForPersistent(const QPersistentModelIndex &index) const;
    QStandardItem *savedItem(const QString &profileId) const;
    QStandardItem *groupItem(const QString &group, bool create);
    QStandardItem *parentOrRoot(QStandardItem *item);
    void decorateConnection(QStandardItem *item, const connection::ConnectionProfile &profile);
    void resetConnectionNode(QStandardItem *item, int connectionId);
    void watchState(int connectionId, QStandardItem *item);
    void removeEmptyGroups();

    QHash<int, QPointer<connection::Connection>> m_connections;
    QHash<int, std::optional<QString>> m_passwords;
    QHash<int, QObject *> m_stateWatchers;   // per attached connection: its signal context
    int m_nextConnectionId = 1;
    QPointer<catalog::DescriptionStore> m_descriptions;
};

} // namespace strata::ui
