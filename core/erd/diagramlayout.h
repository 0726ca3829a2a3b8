#pragma once

// Automatic layout of a diagram's boxes with Graphviz (libgvc + libcgraph): `dot` for the
// hierarchy of references (rank direction left to right), `fdp` for dense graphs. The
// caller gives each box's size (the UI measures its fonts; core has none); the layout gives
// back each box's top-left corner in scene units (1 unit = 1 point, y downwards). Edges are
// not taken from Graphviz: routeEdge() draws them orthogonally from column row to column
// row, which Graphviz's own orthogonal splines cannot do (no ports with splines=ortho) and
// which costs nothing when a box moves.
//
// Cancelling: Graphviz's gvLayout() cannot be interrupted. The graph is therefore cut into
// its connected components, each laid out by its own gvLayout() call, and `cancel` is
// checked between components (progress counts boxes placed); the components are then packed
// in rows. A cancel during one huge component takes effect when that component is done;
// callers on the GUI side abandon the job at once (LayoutJob drops the late result).
// Graphviz keeps global state, so layouts in one process run one at a time (a mutex here).
//
// Pinned boxes stay exactly where they were put: the fresh layout is moved so that the
// pinned boxes' layout positions line up with their pinned ones on average, pinned boxes are
// set at their pinned positions, and free boxes that would overlap one are pushed down.
//
// Threads: computeLayout() is synchronous, any thread but the GUI's.

#include "base/result.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <atomic>
#include <functional>

namespace strata::erd {

enum class LayoutEngine { Dot, Fdp };

struct LayoutNode {
    QString id;
    QSizeF size;
};

struct LayoutEdge {
    QString from;
    QString to;
};

struct LayoutInput {
    QList<LayoutNode> nodes;
    QList<LayoutEdge> edges;
    LayoutEngine engine = LayoutEngine::Dot;
    QHash<QString, QPointF> pinned;   ///< top-left corners that must not move
};

struct LayoutOutput {
    QHash<QString, QPointF> positions;   ///< top-left corner of every node
    int components = 0;
    double graphvizMs = 0;               ///< time spent inside gvLayout() alone
};

/// (boxes placed, boxes in all); called on the layout's thread.
using LayoutProgress = std::function<void(int done, int total)>;

/// Lays out `input`; Cancelled when `cancel` became true between components.
[[nodiscard]] Result<LayoutOutput> computeLayout(const LayoutInput &input, const std::atomic_bool *cancel = nullptr,
                                                 const LayoutProgress &progress = {});

/// An orthogonal route for a foreign key: from the side of `fromBox` at height `fromY` (the
/// referencing column's row) to the side of `toBox` at `toY` (the referenced column's row).
/// Horizontal and vertical segments only; first and last segments are horizontal and leave
/// or enter the boxes' sides (where the cardinality ends are drawn). A self reference loops
/// out of the right side and back. `lane` (0..1) places the vertical segment across the gap
/// between the boxes, so that keys to different parents do not share one vertical line.
QList<QPointF> routeEdge(const QRectF &fromBox, qreal fromY, const QRectF &toBox, qreal toY, qreal lane = 0.5);

} // namespace strata::erd
