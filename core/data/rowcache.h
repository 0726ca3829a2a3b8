#pragma once

// RowCache: the rows the grid holds, as aligned windows (window w holds rows
// [w*windowSize, (w+1)*windowSize) of the current ordering). Bounded: past maxWindows the
// window farthest from the one stored last is dropped, so memory stays flat however far
// the user scrolls. A plain value owned by the GUI thread; batches arrive whole.
//
// Rows are stored as read: [identity values..., column values...].

#include <QHash>
#include <QList>
#include <QVariantList>

namespace strata::data {

using GridRows = QList<QVariantList>;

class RowCache {
public:
    explicit RowCache(int windowSize = 256, int maxWindows = 40);

    int windowSize() const { return m_windowSize; }
    int maxWindows() const { return m_maxWindows; }
    void setMaxWindows(int maxWindows) { m_maxWindows = qMax(2, maxWindows); }

    static int windowOf(qint64 row, int windowSize) { return int(row / windowSize); }
    int windowOf(qint64 row) const { return windowOf(row, m_windowSize); }

    bool contains(int window) const { return m_windows.contains(window); }
    /// The rows of a cached window, or nullptr.
    const GridRows *window(int window) const;
    /// One cached row, or nullptr when its window is not cached (or the window is short).
    const QVariantList *row(qint64 row) const;

    /// Stores a window; evicts the farthest windows past the limit. Returns evicted windows.
    QList<int> insert(int window, GridRows rows);
    void clear();
    void drop(int window) { m_windows.remove(window); }
    /// Drops windows at or after `window` (the table got shorter).
    void dropFrom(int window);

    int windowCount() const { return int(m_windows.size()); }
    qint64 rowCount() const;
    QList<int> windows() const { return m_windows.keys(); }

private:
    int m_windowSize;
    int m_maxWindows;
    QHash<int, GridRows> m_windows;
};

} // namespace strata::data
