#include "rowcache.h"

namespace strata::data {

RowCache::RowCache(int windowSize, int maxWindows)
    : m_windowSize(qMax(1, windowSize))
    , m_maxWindows(qMax(2, maxWindows))
{
}

const GridRows *RowCache::window(int window) const
{
    auto it = m_windows.constFind(window);
    return it == m_windows.constEnd() ? nullptr : &it.value();
}

const QVariantList *RowCache::row(qint64 row) const
{
    const GridRows *rows = window(windowOf(row));
    const qint64 index = row % m_windowSize;
    if (!rows || index >= rows->size())
        return nullptr;
    return &rows->at(index);
}

QList<int> RowCache::insert(int window, GridRows rows)
{
    m_windows.insert(window, std::move(rows));
    QList<int> evicted;
    while (m_windows.size() > m_maxWindows) {
        int farthest = window;
        for (auto it = m_windows.cbegin(); it != m_windows.cend(); ++it)
            if (qAbs(it.key() - window) > qAbs(farthest - window))
                farthest = it.key();
        m_windows.remove(farthest);
        evicted.append(farthest);
    }
    return evicted;
}

void RowCache::clear()
{
    m_windows.clear();
}

void RowCache::dropFrom(int window)
{
    for (auto it = m_windows.begin(); it != m_windows.end();)
        it = it.key() >= window ? m_windows.erase(it) : std::next(it);
}

qint64 RowCache::rowCount() const
{
    qint64 n = 0;
    for (const GridRows &rows : m_windows)
        n += rows.size();
    return n;
}

} // namespace strata::data
