#pragma once

// RevisionLayout: where each revision of a graph goes in the migration panel's drawing.
// One row per revision in the graph's walk order (heads at the top, bases at the bottom),
// and a lane (column) per revision, assigned as `git log --graph` does: a revision takes the
// lane that was waiting for it (the leftmost when several children wait: they merge into
// it), its first parent continues in its lane and further parents (a merge) open new lanes
// to the right, so branches stand side by side. Pure: computed once per graph.

#include "migrate/graph/revisiongraph.h"

#include <QHash>
#include <QList>
#include <QPoint>

namespace strata::ui {

class RevisionLayout {
public:
    /// One edge from a revision down to one of its parents, as lane changes:
    /// from (fromLane, fromRow) it moves to `lane` on the next row, runs down that lane and
    /// joins (toLane, toRow).
    struct Edge {
        QString child;
        QString parent;
        int fromRow = 0;
        int fromLane = 0;
        int lane = 0;
        int toRow = 0;
        int toLane = 0;
    };

    static RevisionLayout compute(const migrate::RevisionGraph &graph);

    int rowCount() const { return int(m_rows.size()); }
    int laneCount() const { return m_laneCount; }
    QString revisionAt(int row) const { return m_rows.value(row); }
    int row(const QString &id) const { return m_row.value(id, -1); }
    int lane(const QString &id) const { return m_lane.value(id, 0); }
    const QList<Edge> &edges() const { return m_edges; }

private:
    QStringList m_rows;
    QHash<QString, int> m_row;
    QHash<QString, int> m_lane;
    QList<Edge> m_edges;
    int m_laneCount = 0;
};

} // namespace strata::ui
