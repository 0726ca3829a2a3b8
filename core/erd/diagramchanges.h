#pragma once

// What changed between two readings of a diagram (a refresh after another tool's ALTER, or
// the diagram as last saved against the database now), and where tables that appeared go
// without moving anything already placed. Pure functions on values.

#include "diagramtypes.h"

#include <QPointF>
#include <QSizeF>

namespace strata::erd {

struct DiagramChanges {
    QList<TableKey> added;
    QList<TableKey> removed;
    QList<TableKey> changed;       ///< present in both, columns or markers differ
    QStringList addedEdges;        ///< DiagramEdge::id()
    QStringList removedEdges;

    bool isEmpty() const
    {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && addedEdges.isEmpty() && removedEdges.isEmpty();
    }
    /// "2 tables added, 1 removed, 1 changed, 1 foreign key added" (empty when nothing).
    QString summary() const;
};

DiagramChanges diffDiagrams(const Diagram &before, const Diagram &after);

/// Top-left corners for the `added` tables: beside a neighbour (by foreign key) that already
/// has a place, or below everything when none has; never overlapping a placed box.
/// `placed` and `sizes` are keyed by TableKey::id().
QHash<QString, QPointF> placeNewTables(const Diagram &diagram, const QList<TableKey> &added,
                                       const QHash<QString, QPointF> &placed, const QHash<QString, QSizeF> &sizes);

} // namespace strata::erd
