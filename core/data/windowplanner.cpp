#include "windowplanner.h"

#include <algorithm>
#include <optional>

namespace strata::data {

namespace {

/// The key as one integer, when it is one (an integer, or the text of one exactly).
std::optional<qint64> integerKey(const QVariantList &key)
{
    if (key.size() != 1)
        return std::nullopt;
    const QVariant &v = key.first();
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt: return v.toLongLong();
    case QMetaType::QString: {
        bool ok = false;
        const QString text = v.toString();
        const qlonglong n = text.toLongLong(&ok);
        if (ok && QString::number(n) == text)
            return n;
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

} // namespace

std::size_t KeyBoundaries::position(int window) const
{
    return std::size_t(std::lower_bound(m_windows.begin(), m_windows.end(), window) - m_windows.begin());
}

void KeyBoundaries::makeGeneric()
{
    m_keys.clear();
    m_keys.reserve(m_integers.size());
    for (qint64 n : m_integers)
        m_keys.push_back({qlonglong(n)});
    m_integers = {};
    m_generic = true;
}

void KeyBoundaries::set(int window, const QVariantList &key)
{
    const std::optional<qint64> integer = m_generic ? std::nullopt : integerKey(key);
    if (!m_generic && !integer)
        makeGeneric();
    const std::size_t at = position(window);
    const bool exists = at < m_windows.size() && m_windows[at] == window;
    if (!exists)
        m_windows.insert(m_windows.begin() + std::ptrdiff_t(at), window);
    if (m_generic) {
        if (exists)
            m_keys[at] = key;
        else
            m_keys.insert(m_keys.begin() + std::ptrdiff_t(at), key);
    } else if (exists) {
        m_integers[at] = *integer;
    } else {
        m_integers.insert(m_integers.begin() + std::ptrdiff_t(at), *integer);
    }
}

bool KeyBoundaries::contains(int window) const
{
    const std::size_t at = position(window);
    return at < m_windows.size() && m_windows[at] == window;
}

QVariantList KeyBoundaries::key(int window) const
{
    const std::size_t at = position(window);
    if (at >= m_windows.size() || m_windows[at] != window)
        return {};
    return m_generic ? m_keys[at] : QVariantList{qlonglong(m_integers[at])};
}

void KeyBoundaries::remove(int window)
{
    const std::size_t at = position(window);
    if (at >= m_windows.size() || m_windows[at] != window)
        return;
    m_windows.erase(m_windows.begin() + std::ptrdiff_t(at));
    if (m_generic)
        m_keys.erase(m_keys.begin() + std::ptrdiff_t(at));
    else
        m_integers.erase(m_integers.begin() + std::ptrdiff_t(at));
}

void KeyBoundaries::clear()
{
    m_windows = {};
    m_integers = {};
    m_keys = {};
    m_generic = false;
}

int KeyBoundaries::atOrBelow(int window) const
{
    const auto it = std::upper_bound(m_windows.begin(), m_windows.end(), window);
    return it == m_windows.begin() ? -1 : *std::prev(it);
}

int KeyBoundaries::above(int window) const
{
    const auto it = std::upper_bound(m_windows.begin(), m_windows.end(), window);
    return it == m_windows.end() ? -1 : *it;
}

QVariant KeyQuantiles::keyAt(qint64 row, qint64 rows, bool descending) const
{
    if (isEmpty() || rows <= 0)
        return {};
    double fraction = qBound(0.0, (double(row) + 0.5) / double(rows), 1.0);
    if (descending)
        fraction = 1.0 - fraction;
    const int n = int(m_keys.size());
    // Histogram bounds sit at fractions i/(n-1); sample keys at (i+0.5)/n.
    const double position = m_histogram ? fraction * (n - 1) : qBound(0.0, fraction * n - 0.5, double(n - 1));
    const int below = qBound(0, int(position), n - 1);
    const int above = qMin(below + 1, n - 1);
    bool lowOk = false;
    bool highOk = false;
    const qlonglong low = m_keys.at(below).toLongLong(&lowOk);
    const qlonglong high = m_keys.at(above).toLongLong(&highOk);
    if (lowOk && highOk)
        return qlonglong(double(low) + (position - below) * double(high - low));
    return m_keys.at(position - below < 0.5 ? below : above);
}

namespace {

/// A cheaper plan from the approximate windows or the quantiles, or none.
std::optional<WindowPlan> approximatePlan(const GridSqlBuilder &builder, const RowCache &cache, const Approximation &a,
                                          int window)
{
    const int size = cache.windowSize();
    WindowPlan plan;
    plan.window = window;
    plan.limit = size;
    plan.approximate = true;
    plan.cost = std::numeric_limits<qint64>::max();
    auto consider = [&plan](AnchorKind kind, const QVariantList &key, qint64 offset) {
        if (offset < plan.cost) {
            plan.anchor = WindowAnchor{kind, key};
            plan.offset = offset;
            plan.cost = offset;
        }
    };
    const GridRows *previous = cache.window(window - 1);
    if (a.windows->contains(window - 1) && previous && previous->size() == size)
        consider(AnchorKind::After, builder.navigationKey(previous->last()), 0);
    if (const int below = a.windows->atOrBelow(window); below >= 0)
        consider(AnchorKind::AtOrAfter, a.windows->key(below), qint64(window - below) * size);
    if (const int above = a.windows->above(window); above >= 0)
        consider(AnchorKind::Before, a.windows->key(above), qint64(above - window - 1) * size);
    if (plan.cost <= a.threshold)
        return plan;
    if (!a.quantiles || a.quantiles->isEmpty())
        return std::nullopt;
    if (qint64(window + 1) * size >= a.rows && qint64(window) * size < a.rows) {
        // The last window by the estimate: the table's real last rows, read from the end;
        // only their numbers are a guess.
        plan.anchor = WindowAnchor{AnchorKind::End, {}};
        plan.limit = int(qMin<qint64>(size, a.rows - qint64(window) * size));
        plan.offset = 0;
        plan.cost = 0;
        return plan;
    }
    if (builder.table().keyColumns.size() != 1 && builder.table().identity != RowIdentity::Rowid)
        return std::nullopt;
    const QVariant key = a.quantiles->keyAt(qint64(window) * size, a.rows, builder.descending());
    if (!key.isValid())
        return std::nullopt;
    plan.anchor = WindowAnchor{AnchorKind::AtOrAfter, {key}};
    plan.offset = 0;
    plan.cost = 0;
    return plan;
}

} // namespace

WindowPlan planWindow(const GridSqlBuilder &builder, const RowCache &cache, const KeyBoundaries &boundaries,
                      int window, qint64 totalRows, const Approximation *approximation)
{
    const int size = cache.windowSize();
    const qint64 firstRow = qint64(window) * size;
    WindowPlan plan;
    plan.window = window;
    plan.limit = size;
    plan.anchor.kind = AnchorKind::Start;
    plan.offset = firstRow;
    plan.cost = firstRow;
    auto consider = [&plan](AnchorKind kind, const QVariantList &key, qint64 offset, int limit) {
        if (offset >= plan.cost)
            return;
        plan.anchor = WindowAnchor{kind, key};
        plan.offset = offset;
        plan.cost = offset;
        plan.limit = limit;
    };
    if (builder.keyset() && window > 0) {
        const GridRows *previous = cache.window(window - 1);
        const bool previousApproximate = approximation && approximation->windows->contains(window - 1);
        if (previous && previous->size() == size && !previousApproximate)
            consider(AnchorKind::After, builder.navigationKey(previous->last()), 0, size);
        const int below = boundaries.atOrBelow(window);
        if (below >= 0)
            consider(AnchorKind::AtOrAfter, boundaries.key(below), qint64(window - below) * size, size);
        const int aboveWindow = boundaries.above(window);
        if (aboveWindow >= 0)
            consider(AnchorKind::Before, boundaries.key(aboveWindow), qint64(aboveWindow - window - 1) * size, size);
        if (totalRows >= 0 && firstRow < totalRows) {
            const int rows = int(qMin<qint64>(size, totalRows - firstRow));
            consider(AnchorKind::End, {}, totalRows - firstRow - rows, rows);
        }
        if (approximation && plan.cost > approximation->threshold)
            if (std::optional<WindowPlan> guess = approximatePlan(builder, cache, *approximation, window)) {
                plan = *guess;
            }
    }
    plan.sql = builder.window(plan.anchor, plan.limit, plan.offset);
    return plan;
}

WindowPlan planRange(const GridSqlBuilder &builder, const RowCache &cache, const KeyBoundaries &boundaries,
                     qint64 firstRow, int rows, qint64 totalRows)
{
    const int size = cache.windowSize();
    WindowPlan plan;
    plan.window = RowCache::windowOf(firstRow, size);
    plan.limit = rows;
    plan.anchor.kind = AnchorKind::Start;
    plan.offset = firstRow;
    plan.cost = firstRow;
    auto consider = [&plan](AnchorKind kind, const QVariantList &key, qint64 offset) {
        if (offset >= plan.cost)
            return;
        plan.anchor = WindowAnchor{kind, key};
        plan.offset = offset;
        plan.cost = offset;
    };
    if (builder.keyset() && firstRow > 0) {
        if (const QVariantList *previous = cache.row(firstRow - 1))
            consider(AnchorKind::After, builder.navigationKey(*previous), 0);
        if (const int below = boundaries.atOrBelow(plan.window); below >= 0)
            consider(AnchorKind::AtOrAfter, boundaries.key(below), firstRow - qint64(below) * size);
        const qint64 end = firstRow + rows;   // first row after the range
        if (const int above = boundaries.above(RowCache::windowOf(end - 1, size)); above >= 0)
            consider(AnchorKind::Before, boundaries.key(above), qint64(above) * size - end);
        if (totalRows >= 0 && end <= totalRows)
            consider(AnchorKind::End, {}, totalRows - end);
    }
    plan.sql = builder.window(plan.anchor, plan.limit, plan.offset);
    return plan;
}

} // namespace strata::data
