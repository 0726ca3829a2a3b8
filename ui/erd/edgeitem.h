#pragma once

// EdgeItem: one foreign key on the diagram, drawn orthogonally (erd::routeEdge) from the
// referencing column's row to the referenced column's row, with crow's-foot ends: at the
// child many (a crow's foot) or one (a bar, when the key's columns are unique), at the parent
// one; a circle where the relationship is optional (a nullable key column). A composite key
// is one edge, anchored at its first columns; its tooltip names them all.

#include "erd/diagramtypes.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace strata::ui {

class TableItem;

class EdgeItem : public QGraphicsItem {
public:
    EdgeItem(erd::DiagramEdge edge, TableItem *from, TableItem *to);

    const erd::DiagramEdge &edge() const { return m_edge; }
    TableItem *fromItem() const { return m_from; }
    TableItem *toItem() const { return m_to; }
    /// The route's corner points (tests check that edges stay orthogonal).
    const QList<QPointF> &points() const { return m_points; }
    void updatePath();
    /// Where the vertical segment runs across the gap (0..1); set by the scene per parent.
    void setLane(qreal lane);
    void setHighlighted(bool on);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void paintEnd(QPainter *painter, QPointF at, QPointF outward, bool many, bool optional) const;

    erd::DiagramEdge m_edge;
    TableItem *m_from;
    TableItem *m_to;
    QList<QPointF> m_points;
    QPainterPath m_path;
    QRectF m_bounds;
    bool m_highlighted = false;
    qreal m_lane = 0.5;
};

} // namespace strata::ui
