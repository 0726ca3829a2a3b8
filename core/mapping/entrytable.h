#pragma once

// EntryTable<E>: the session's tracked objects, one E per object pointer. Entries live in a
// deque (stable addresses, allocated in chunks rather than one node each, as an
// unordered_map would) indexed by a FlatIntegerMap of their addresses; erased slots are reused.
// Iteration visits live entries (E::object set), in slot order.
// Objects freshly read from the database are appended without touching the index (a read of
// a million rows would otherwise hash a million pointers); the first lookup by object
// indexes them all at once.

#include "flatintegermap.h"

#include <deque>
#include <vector>

namespace strata::mapping {

template <typename E>
class EntryTable {
public:
    E *find(const void *object) const
    {
        indexAppended();
        return m_index.value(keyOf(object));
    }
    bool contains(const void *object) const { return find(object) != nullptr; }
    size_t size() const { return size_t(m_index.size()) + m_appended.size(); }

    /// The entry of `object`, created empty when there is none.
    E &insert(const void *object)
    {
        indexAppended();
        E *&slot = m_index.slot(keyOf(object));
        if (!slot)
            slot = &newSlot();
        return *slot;
    }

    /// A new, empty entry for an object no entry refers to yet (the caller guarantees it,
    /// e.g. an object it just created); its `object` must be set before the next lookup.
    E &append()
    {
        E &e = newSlot();
        m_appended.push_back(&e);
        return e;
    }

    void erase(E *entry)
    {
        indexAppended();
        m_index.remove(keyOf(entry->object.get()));
        *entry = E();
        m_free.push_back(entry);
    }

    void clear()
    {
        m_index.clear();
        m_appended.clear();
        m_store.clear();
        m_free.clear();
    }

    template <typename Store, typename Value>
    class Iterator {
    public:
        Iterator(Store *store, typename std::deque<E>::size_type i) : m_s(store), m_i(i) { skip(); }
        Value &operator*() const { return (*m_s)[m_i]; }
        Iterator &operator++()
        {
            ++m_i;
            skip();
            return *this;
        }
        bool operator!=(const Iterator &o) const { return m_i != o.m_i; }

    private:
        void skip()
        {
            while (m_i < m_s->size() && !(*m_s)[m_i].object)
                ++m_i;
        }
        Store *m_s;
        typename std::deque<E>::size_type m_i;
    };
    auto begin() { return Iterator<std::deque<E>, E>(&m_store, 0); }
    auto end() { return Iterator<std::deque<E>, E>(&m_store, m_store.size()); }
    auto begin() const { return Iterator<const std::deque<E>, const E>(&m_store, 0); }
    auto end() const { return Iterator<const std::deque<E>, const E>(&m_store, m_store.size()); }

private:
    E &newSlot()
    {
        if (m_free.empty())
            return m_store.emplace_back();
        E *e = m_free.back();
        m_free.pop_back();
        return *e;
    }
    void indexAppended() const
    {
        if (m_appended.empty())
            return;
        m_index.reserve(m_index.size() + qsizetype(m_appended.size()));
        for (E *e : m_appended)
            m_index.slot(keyOf(e->object.get())) = e;
        m_appended.clear();
    }

    static qint64 keyOf(const void *object) { return qint64(reinterpret_cast<quintptr>(object)); }

    mutable FlatIntegerMap<E> m_index{true};   ///< object address -> entry (addresses hashed)
    mutable std::vector<E *> m_appended;   ///< entries not in m_index yet
    std::deque<E> m_store;
    std::vector<E *> m_free;
};

} // namespace strata::mapping
