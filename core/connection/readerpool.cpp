#include "readerpool.h"

namespace strata::connection {

ReaderPool::ReaderPool(QObject *parent)
    : QObject(parent)
{
}

ReaderPool::~ReaderPool()
{
    for (const Entry &entry : std::as_const(m_entries))
        delete entry.connection;
}

Connection *ReaderPool::acquire(int key, const ConnectionSpec &spec)
{
    Entry &entry = m_entries[key];
    if (!entry.connection) {
        entry.connection = new Connection(spec.profile, QStringLiteral("grid"));
        entry.connection->open(spec.password);
        ++m_opened;
    } else if (entry.connection->state() == Connection::State::Failed || entry.connection->state() == Connection::State::Lost) {
        // Every tab reading through it sees it open again and reads again.
        entry.connection->open(spec.password);
    }
    ++entry.users;
    return entry.connection;
}

void ReaderPool::release(Connection *connection)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->connection != connection)
            continue;
        if (--it->users > 0)
            return;
        // Without blocking the GUI thread on a statement still running (or a connect).
        it->connection->disposeLater();
        m_entries.erase(it);
        return;
    }
}

int ReaderPool::users(int key) const
{
    return m_entries.value(key).users;
}

} // namespace strata::connection
