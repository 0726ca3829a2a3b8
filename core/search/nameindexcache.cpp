#include "nameindexcache.h"

#include "catalog/schemanotifier.h"
#include "connection/connection.h"

namespace strata::search {

NameIndexCache::NameIndexCache(catalog::SchemaNotifier *notifier, SourceLookup lookup, QObject *parent)
    : QObject(parent)
    , m_lookup(std::move(lookup))
{
    if (notifier)
        connect(notifier, &catalog::SchemaNotifier::changed, this, &NameIndexCache::onSchemaChanged);
}

NameIndexPtr NameIndexCache::index(int database)
{
    Slot &slot = m_slots[database];
    if (!slot.index && !slot.loading)
        load(database);
    return m_slots.value(database).index;
}

bool NameIndexCache::isLoading(int database) const
{
    return m_slots.value(database).loading;
}

void NameIndexCache::invalidate(int database)
{
    const auto it = m_slots.find(database);
    if (it == m_slots.end())
        return;
    const bool hadIndex = it->index || it->loading;
    it->index.reset();
    it->loading = false;
    ++it->generation;   // a load under way reads the old schema: its result is dropped
    if (hadIndex)
        load(database);
}

void NameIndexCache::forget(int database)
{
    if (const auto it = m_slots.find(database); it != m_slots.end()) {
        ++it->generation;
        it->index.reset();
        it->loading = false;
    }
}

void NameIndexCache::load(int database)
{
    const Source source = m_lookup ? m_lookup(database) : Source{};
    Slot &slot = m_slots[database];
    if (!source.connection || source.connection->state() != connection::Connection::State::Open) {
        slot.loading = false;
        return;
    }
    slot.loading = true;
    const int generation = slot.generation;
    fetchNameIndex(*source.connection, this, database, source.name, [this, database, generation](Result<NameIndexPtr> read) {
        Slot &s = m_slots[database];
        if (s.generation != generation)
            return;   // the schema changed (or the connection went) while it was read
        s.loading = false;
        ++m_loadsFinished;
        if (!read) {
            Q_EMIT loadFailed(database, read.error().message);
            return;
        }
        s.index = std::move(read).value();
        Q_EMIT indexReady(database);
    });
}

void NameIndexCache::onSchemaChanged(const catalog::SchemaChange &change)
{
    invalidate(change.database);
}

}   // namespace strata::search
