#pragma once

// EntryTable<E>: the session's tracked objects, one E per object pointer. Entries live in a
// deque (stable addresses, allocated in chunks rather than one node each, as an
// unordered_map would) indexed by an open-addressing QHash; erased slots are reused.
// Iteration visits live entries (E::object set), in slot order.

#include <QHash>
#include <deque>
#include <vector>

namespace strata::mapping {

template <typename E>
class EntryTable {
public:
    E *find(const void *object) const { return m_index.value(object); }
    bool contains(const void *object) const { return m_index.contains(object); }
    size_t size() const { return size_t(m_index.size()); }
    void reserve(size_t n) { m_index.reserve(qsizetype(n)); }

    /// The entry of `object`, created empty when there is none.
    E &insert(const void *object)
    {
        E *&slot = m_index[object];
        if (slot)
            return *slot;
        if (m_free.empty()) {
            slot = &m_store.emplace_back();
        } else {
            slot = m_free.back();
            m_free.pop_back();
        }
        return *slot;
    }

    void erase(E *entry)
    {
        m_index.remove(entry->object.get());
        *entry = E();
        m_free.push_back(entry);
    }

    void clear()
    {
        m_index.clear();
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
    QHash<const void *, E *> m_index;
    std::deque<E> m_store;
    std::vector<E *> m_free;
};

} // namespace strata::mapping
