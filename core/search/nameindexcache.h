#pragma once

// NameIndexCache: quick open's name index per open database, read in the background on the
// database's own worker (never on the GUI thread) and kept until the schema changes.
//
// It follows the schema: a SchemaNotifier change of a database (a refresh of the tree, DDL
// run in a console, a migration, the table designer...) drops that database's index and,
// when the index had been read, reads it again at once, so the popup is current when it
// next opens. A load that was overtaken by a change is dropped (generation counter).
// GUI thread only; made by the main window and handed the way to reach a connection.

#include "nameindexreader.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace strata::catalog {
class SchemaNotifier;
struct SchemaChange;
}   // namespace strata::catalog

namespace strata::search {

class NameIndexCache : public QObject {
    Q_OBJECT
public:
    /// The open connection of a database key and the name the window shows for it; a null
    /// connection when the database is not open (any more).
    struct Source {
        connection::Connection *connection = nullptr;
        QString name;
    };
    using SourceLookup = std::function<Source(int database)>;

    NameIndexCache(catalog::SchemaNotifier *notifier, SourceLookup lookup, QObject *parent = nullptr);

    /// The cached index of `database`, or null; a null answer starts a load (indexReady).
    NameIndexPtr index(int database);
    /// Whether a load of `database` is under way.
    bool isLoading(int database) const;
    /// Drops `database`'s index; reads it again at once when it had one.
    void invalidate(int database);
    /// Forgets `database` (its connection closed): nothing is read again.
    void forget(int database);
    /// How many loads finished since the cache was made (tests, the status line).
    int loadsFinished() const { return m_loadsFinished; }

Q_SIGNALS:
    void indexReady(int database);
    void loadFailed(int database, const QString &message);

private:
    struct Slot {
        NameIndexPtr index;
        int generation = 0;
        bool loading = false;
    };
    void load(int database);
    void onSchemaChanged(const catalog::SchemaChange &change);

    SourceLookup m_lookup;
    QHash<int, Slot> m_slots;
    int m_loadsFinished = 0;
};

}   // namespace strata::search
