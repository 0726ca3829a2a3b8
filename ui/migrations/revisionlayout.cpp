#include "revisionlayout.h"

namespace strata::ui {

namespace {

int takeFreeLane(QList<QString> &lanes)
{
    for (int i = 0; i < lanes.size(); ++i)
        if (lanes[i].isEmpty())
            return i;
    lanes.append(QString());
    return int(lanes.size()) - 1;
}

} // namespace

RevisionLayout RevisionLayout::compute(const migrate::RevisionGraph &graph)
{
    RevisionLayout layout;
    layout.m_rows = graph.walkOrder();
    for (int i = 0; i < layout.m_rows.size(); ++i)
        layout.m_row.insert(layout.m_rows[i], i);

    // lanes[i] = the revision lane i is waiting for (empty: free).
    QList<QString> lanes;
    // The lane each child -> parent edge runs down.
    QHash<QString, QList<QPair<QString, int>>> pending;   // parent -> (child, lane)
    for (int row = 0; row < layout.m_rows.size(); ++row) {
        const QString id = layout.m_rows[row];
        int own = -1;
        for (int i = 0; i < lanes.size(); ++i) {
            if (lanes[i] != id)
                continue;
            if (own < 0)
                own = i;
            lanes[i].clear();
        }
        if (own < 0)
            own = takeFreeLane(lanes);
        layout.m_lane.insert(id, own);
        for (const auto &[child, lane] : pending.take(id))
            layout.m_edges.append(Edge{child, id, layout.m_row.value(child), layout.m_lane.value(child), lane, row, own});

        const QStringList parents = graph.node(id).downRevisions;
        for (int p = 0; p < parents.size(); ++p) {
            const QString &parent = parents[p];
            // The first parent continues straight down (even when another lane already
            // waits for it: both lanes join at the parent); the others reuse a waiting
            // lane or open one to the right.
            int lane = -1;
            if (p == 0 && lanes.value(own).isEmpty())
                lane = own;
            else
                lane = int(lanes.indexOf(parent));
            if (lane < 0)
                lane = takeFreeLane(lanes);
            lanes[lane] = parent;
            pending[parent].append({id, lane});
        }
        layout.m_laneCount = std::max(layout.m_laneCount, int(lanes.size()));
    }
    return layout;
}

} // namespace strata::ui
