#pragma once

// DescriptionStore: the table descriptions (TableDetail) already read for a database — by
// the object tree when a table node was expanded, by a grid that described its table — so
// that opening a grid on a table the catalog knows issues no describe query.
//
// It never reads anything itself. A description stays until the SchemaNotifier announces a
// change that touches its table (or its schema, or the whole database), or until forget()
// drops a database whose connection closed. A change made outside Strata leaves it stale:
// the grid finds out when its first read fails and describes the table again (TableModel).
// GUI thread only. Made by the composition root and passed down; not a singleton.

#include "catalogtypes.h"

#include <QHash>
#include <QObject>
#include <optional>

namespace strata::catalog {

class SchemaNotifier;
struct SchemaChange;

class DescriptionStore : public QObject {
    Q_OBJECT
public:
    /// Follows `notifier` (may be null) to drop what a schema change makes stale.
    explicit DescriptionStore(SchemaNotifier *notifier = nullptr, QObject *parent = nullptr);

    /// Keeps `detail` as the description of its relation in database `database`.
    void put(int database, const TableDetail &detail);
    std::optional<TableDetail> find(int database, const QString &schema, const QString &name) const;
    /// Drops every description of `database` (its connection closed or was refreshed).
    void forget(int database);
    /// Drops the descriptions `change` touches.
    void drop(const SchemaChange &change);
    int size() const { return int(m_details.size()); }

private:
    struct Key {
        int database;
        QString schema;
        QString name;
        bool operator==(const Key &) const = default;
    };
    friend size_t qHash(const Key &key, size_t seed = 0) { return qHashMulti(seed, key.database, key.schema, key.name); }
    QHash<Key, TableDetail> m_details;
};

} // namespace strata::catalog
