#include "windowplanner.h"

namespace strata::data {

int KeyBoundaries::atOrBelow(int window) const
{
    auto it = m_keys.upperBound(window);
    if (it == m_keys.constBegin())
        return -1;
    return std::prev(it).key();
}

int KeyBoundaries::above(int window) const
{
    auto it = m_keys.upperBound(window);
    return it == m_keys.constEnd() ? -1 : it.key();
}

WindowPlan planWindow(const GridSqlBuilder &builder, const RowCache &cache, const KeyBoundaries &boundaries,
                      int window, qint64 totalRows)
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
        if (previous && previous->size() == size)
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
    }
    plan.sql = builder.window(plan.anchor, plan.limit, plan.offset);
    return plan;
}

} // namespace strata::data
