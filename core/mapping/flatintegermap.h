#pragma once

// FlatIntegerMap<E>: 64-bit integer -> E*, open addressing with linear probing, at most half
// full; an empty slot has value null. One array of (key, value) slots: a lookup is one cache
// miss where QHash takes two or three (measured on the session's million-object inserts).
//
// Keys are placed by their value (generated keys are mostly consecutive, and placing them by
// value keeps neighbours together in memory: a read of a million rows touches the table in
// order instead of at random). Should the keys collide badly (long probes: keys in large
// strides, or object addresses), the table switches to a mixing hash; a map made for
// addresses can start mixed.

#include <QtGlobal>
#include <vector>

namespace strata::mapping {

template <typename E>
class FlatIntegerMap {
public:
    explicit FlatIntegerMap(bool mixed = false) : m_mixed(mixed) {}

    /// The slot of `key`, null when the key was not there (it is then added).
    E *&slot(qint64 key)
    {
        if ((m_size + 1) * 2 > qsizetype(m_slots.size()))
            grow();
        size_t i = find(key);
        if (!m_slots[i].value) {
            if (m_probe > kLongProbe && !m_mixed) {   // clustered keys: spread them
                m_mixed = true;
                rehash(m_slots.size());
                i = find(key);
            }
            m_slots[i].key = key;
            ++m_size;
        }
        return m_slots[i].value;
    }
    qsizetype size() const { return m_size; }
    E *value(qint64 key) const { return m_slots.empty() ? nullptr : m_slots[find(key)].value; }
    void remove(qint64 key)
    {
        if (m_slots.empty())
            return;
        size_t i = find(key);
        if (!m_slots[i].value)
            return;
        m_slots[i].value = nullptr;   // backward-shift deletion keeps probe chains whole
        --m_size;
        const size_t mask = m_slots.size() - 1;
        for (size_t j = (i + 1) & mask; m_slots[j].value; j = (j + 1) & mask) {
            const size_t home = position(m_slots[j].key);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                m_slots[i] = m_slots[j];
                m_slots[j].value = nullptr;
                i = j;
            }
        }
    }
    /// Room for `count` keys without growing.
    void reserve(qsizetype count)
    {
        size_t capacity = m_slots.empty() ? 64 : m_slots.size();
        while (qsizetype(capacity) < count * 2)
            capacity *= 2;
        if (capacity > m_slots.size())
            rehash(capacity);
    }
    void clear()
    {
        m_slots.clear();
        m_size = 0;
    }

private:
    struct Slot {
        qint64 key = 0;
        E *value = nullptr;
    };
    static constexpr size_t kLongProbe = 64;
    size_t position(qint64 key) const
    {
        quint64 h = quint64(key);
        if (m_mixed) {   // splitmix64's finaliser
            h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
            h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
            h ^= h >> 31;
        }
        return size_t(h) & (m_slots.size() - 1);
    }
    size_t find(qint64 key) const
    {
        const size_t mask = m_slots.size() - 1;
        size_t i = position(key);
        m_probe = 0;
        while (m_slots[i].value && m_slots[i].key != key) {
            i = (i + 1) & mask;
            ++m_probe;
        }
        return i;
    }
    void grow() { rehash(m_slots.empty() ? 64 : m_slots.size() * 2); }
    void rehash(size_t capacity)
    {
        std::vector<Slot> old(capacity);
        old.swap(m_slots);
        for (const Slot &s : old) {
            if (s.value)
                m_slots[find(s.key)] = s;
        }
    }

    std::vector<Slot> m_slots;
    qsizetype m_size = 0;
    bool m_mixed = false;
    mutable size_t m_probe = 0;
};

} // namespace strata::mapping
