#pragma once

// Decides how to read one window with the least work, from what is already known:
//  - the window before or after it is cached: one keyset step (rows after its last key /
//    before its first key);
//  - sampled key boundaries (KeyBoundaries: the first key of window w, filled by the
//    background sampler and by every window read): rows from the nearest boundary, plus
//    an OFFSET of the windows in between;
//  - the exact row count: from the end backwards, so the last rows cost as little as the
//    first;
//  - otherwise, or when the order is not by key: LIMIT/OFFSET from the start.
// Pure: no database, no Qt objects; tested alone.

#include "gridsqlbuilder.h"
#include "rowcache.h"

#include <QMap>

namespace strata::data {

class KeyBoundaries {
public:
    void set(int window, const QVariantList &key) { m_keys.insert(window, key); }
    bool contains(int window) const { return m_keys.contains(window); }
    QVariantList key(int window) const { return m_keys.value(window); }
    /// The largest boundary window <= w, or -1.
    int atOrBelow(int window) const;
    /// The smallest boundary window > w, or -1.
    int above(int window) const;
    int size() const { return int(m_keys.size()); }
    void clear() { m_keys.clear(); }

private:
    QMap<int, QVariantList> m_keys;
};

struct WindowPlan {
    int window = 0;
    WindowAnchor anchor;
    int limit = 0;
    qint64 offset = 0;
    qint64 cost = 0;      ///< rows the server steps over (OFFSET)
    BoundSql sql;
    bool reversed() const { return GridSqlBuilder::reversed(anchor.kind); }
};

/// `totalRows` < 0 when the count is not known exactly.
WindowPlan planWindow(const GridSqlBuilder &builder, const RowCache &cache, const KeyBoundaries &boundaries,
                      int window, qint64 totalRows);

} // namespace strata::data
