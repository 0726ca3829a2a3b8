#pragma once

// IdentityMap<Key, E>: the session's identity map, row identity -> entry. Keys of a single
// integer column (the common case) live in one FlatIntegerMap per mapped table, keyed by the
// number itself. Text and composite keys live in a QHash keyed by Key itself.
// Key needs `table` (a pointer), `number` (qint64) and `text` (a QString, null for numbers).

#include "flatintegermap.h"

#include <QHash>

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
    using Numbers = FlatIntegerMap<E>;

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
