#pragma once

// ReaderPool: one reader Connection per database, shared by the grid tabs of that database.
// Opening a connection costs a connect (and, on PostgreSQL, a server process); a second tab
// of the same database needs none and reads its first rows at once.
//
// The shared connection is for reads only (windows, ranges for a copy, foreign-key
// lookups); saves go through each tab's own connection. Jobs of several tabs queue on the
// one worker, so a tab cancels only its own job (Connection::cancel(context)).
//
// Ownership: the pool owns its connections. acquire() opens one on first use and counts
// its users; release() drops a user and closes the connection when the last user is gone,
// so a tab closing never closes a connection other tabs read through. A lost connection is
// one object: every tab reading through it sees its stateChanged(Lost), and one reconnect()
// reopens it for all. GUI thread only. Made by the composition root (the main window) and
// passed down; not a singleton.

#include "connection.h"
#include "connectionstring.h"

#include <QHash>
#include <QObject>

namespace strata::connection {

class ReaderPool : public QObject {
    Q_OBJECT
public:
    explicit ReaderPool(QObject *parent = nullptr);
    ~ReaderPool() override;

    /// The reader connection of database `key` (the object tree's connection id), opened
    /// with `spec` when no tab holds one; each acquire() needs one release().
    Connection *acquire(int key, const ConnectionSpec &spec);
    /// Drops one user of `connection`; the last one closes it.
    void release(Connection *connection);
    /// Connections the pool opened since it was made (tests, benches).
    int openedCount() const { return m_opened; }
    /// Users of the connection of `key` (0 when there is none).
    int users(int key) const;

private:
    struct Entry {
        Connection *connection = nullptr;
        int users = 0;
    };
    QHash<int, Entry> m_entries;
    int m_opened = 0;
};

} // namespace strata::connection
