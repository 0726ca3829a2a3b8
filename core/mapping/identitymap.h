#pragma once

// IdentityMap<Key, E>: the session's identity map, row identity -> entry. Keys of a single
// integer column (the common case) live in one flat table per mapped table, keyed by the
// number itself: generated keys are mostly consecutive, and placing them by their value keeps
// neighbours together in memory (a read of a million rows touches the table in order instead
// of at random). Should the keys collide badly (long probes: keys in large strides), the table
// switches to a mixing hash. Text and composite keys live in a QHash keyed by Key itself.
// Key needs `table` (a pointer), `number` (qint64) and `text` (a QString, null for numbers).

#include <QHash>
#include <vector>

namespace strata::mapping {

template <typename Key, typename E>
class IdentityMap {
public:
    /// The slot of `key`, null when the key was not there (it is then added).
    E *&operator[](const Key &key)
    {
        return key.text.isNull() ? numbersOf(key.table).slot(key.number) : m_others[key];
    }
    E *value(const Key &key) const
    {
        if (!key.text.isNull())
            return m_others.value(key);
        const auto it = m_numbers.find(key.table);
        return it == m_numbers.end() ? nullptr : it->value(key.number);
    }
    void insert(const Key &key, E *entry) { (*this)[key] = entry; }
    void remove(const Key &key)
    {
        if (!key.text.isNull())
            m_others.remove(key);
        else if (const auto it = m_numbers.find(key.table); it != m_numbers.end())
            it->remove(key.number);
    }
    qsizetype size() const
    {
        qsizetype n = m_others.size();
        for (const Numbers &numbers : m_numbers)
            n += numbers.size();
        return n;
    }
    void clear()
    {
        m_numbers.clear();
        m_others.clear();
        m_last = nullptr;
    }

private:
    /// Open addressing, linear probing, at most half full; an empty slot has value null.
    class Numbers {
    public:
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

    Numbers &numbersOf(const void *table)
    {
        if (m_lastTable != table || !m_last) {   // the same table, row after row
            m_last = &m_numbers[table];
            m_lastTable = table;
        }
        return *m_last;
    }

    QHash<const void *, Numbers> m_numbers;
    QHash<Key, E *> m_others;
    const void *m_lastTable = nullptr;
    Numbers *m_last = nullptr;
};

} // namespace strata::mapping
