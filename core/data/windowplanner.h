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
// With an Approximation (PostgreSQL, before the boundaries are sampled), a window that
// would cost more than its threshold is read instead from a key *estimated* for its first
// row (KeyQuantiles: the planner's histogram or a TABLESAMPLE), or from the neighbour of
// such a window. Those windows are marked approximate: their row numbers are a guess until
// the model locates them exactly (see TableModel::rowsRepositioned).
// Pure: no database, no Qt objects; tested alone.

#include "gridsqlbuilder.h"
#include "rowcache.h"

#include <vector>

namespace strata::data {

/// The first key of window w, for the windows known. One per 256 rows once sampled: 390,625
/// at a hundred million rows, so they are kept compact: while every key is one integer
/// (SQLite integers, PostgreSQL integer keys as their text), 12 bytes each in sorted arrays
/// (a map of QVariantLists took ~100 bytes each); other keys as lists.
class KeyBoundaries {
public:
    void set(int window, const QVariantList &key);
    bool contains(int window) const;
    /// The key of a boundary window (integers come back as qlonglong), or empty.
    QVariantList key(int window) const;
    /// The largest boundary window <= w, or -1.
    int atOrBelow(int window) const;
    /// The smallest boundary window > w, or -1.
    int above(int window) const;
    int size() const { return int(m_windows.size()); }
    void remove(int window);
    void clear();
    QList<int> windows() const { return QList<int>(m_windows.begin(), m_windows.end()); }
    /// True while the keys are stored as integers.
    bool isCompact() const { return !m_generic; }

private:
    std::size_t position(int window) const;   // first index whose window >= `window`
    void makeGeneric();

    std::vector<int> m_windows;              // sorted
    std::vector<qint64> m_integers;          // keys, while every key is one integer
    std::vector<QVariantList> m_keys;        // keys, once one is not
    bool m_generic = false;
};

/// Keys at known fractions of the relation, in key order: PostgreSQL's histogram_bounds
/// (equal-depth, first and last are the minimum and maximum) or a sorted random sample.
class KeyQuantiles {
public:
    KeyQuantiles() = default;
    KeyQuantiles(QVariantList keys, bool histogram) : m_keys(std::move(keys)), m_histogram(histogram) {}
    bool isEmpty() const { return m_keys.size() < 2; }
    /// An estimated key of row `row` of `rows` in key order (reversed when descending).
    /// Integer keys are interpolated between the two nearest quantiles.
    QVariant keyAt(qint64 row, qint64 rows, bool descending) const;

private:
    QVariantList m_keys;
    bool m_histogram = true;
};

struct Approximation {
    const KeyBoundaries *windows = nullptr;   ///< first keys of the approximate windows read so far
    const KeyQuantiles *quantiles = nullptr;
    qint64 rows = 0;                          ///< the row count, exact or estimated
    qint64 threshold = 200000;                ///< rows an exact plan may step over before guessing
};

struct WindowPlan {
    int window = 0;
    WindowAnchor anchor;
    int limit = 0;
    qint64 offset = 0;
    qint64 cost = 0;      ///< rows the server steps over (OFFSET)
    BoundSql sql;
    bool approximate = false;   ///< read from an estimated key: the row numbers are a guess
    bool reversed() const { return GridSqlBuilder::reversed(anchor.kind); }
};

/// `totalRows` < 0 when the count is not known exactly. `approximation` may be null.
WindowPlan planWindow(const GridSqlBuilder &builder, const RowCache &cache, const KeyBoundaries &boundaries,
                      int window, qint64 totalRows, const Approximation *approximation = nullptr);

/// The cheapest exact read of `rows` rows from row `firstRow` (any alignment, e.g. a copied
/// selection): after a cached neighbour row, from a sampled boundary (before or after), from
/// the end when `totalRows` (>= 0) is exact, or OFFSET from the start. `plan.window` is the
/// window of `firstRow`; never approximate.
WindowPlan planRange(const GridSqlBuilder &builder, const RowCache &cache, const KeyBoundaries &boundaries,
                     qint64 firstRow, int rows, qint64 totalRows);

} // namespace strata::data
