#include "edgeitem.h"

#include "erd/diagramlayout.h"
#include "tableitem.h"

#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace strata::ui {

namespace {
const QColor kEdge(0x5a, 0x66, 0x78);
const QColor kEdgeHighlight(0xc2, 0x6a, 0x12);
}

EdgeItem::EdgeItem(erd::DiagramEdge edge, TableItem *from, TableItem *to)
    : m_edge(std::move(edge))
    , m_from(from)
    , m_to(to)
{
    setZValue(0);
    setToolTip(QStringLiteral("%1 (%2) \u2192 %3 (%4)%5")
                   .arg(m_edge.from.display(), m_edge.fromColumns.join(QStringLiteral(", ")), m_edge.to.display(),
                        m_edge.toColumns.join(QStringLiteral(", ")),
                        m_edge.name.isEmpty() ? QString() : QStringLiteral("\n") + m_edge.name));
    from->addEdge(this);
    if (to != from)
        to->addEdge(this);
    updatePath();
}

void EdgeItem::updatePath()
{
    prepareGeometryChange();
    const qreal fromY = m_from->rowY(m_edge.fromColumns.value(0));
    const qreal toY = m_to->rowY(m_edge.toColumns.value(0));
    m_points = erd::routeEdge(m_from->sceneBox(), fromY, m_to->sceneBox(), toY, m_lane);
    m_path = QPainterPath();
    m_path.moveTo(m_points.first());
    for (int i = 1; i < m_points.size(); ++i)
        m_path.lineTo(m_points.at(i));
    m_bounds = m_path.boundingRect().adjusted(-12, -12, 12, 12);
}

void EdgeItem::setLane(qreal lane)
{
    m_lane = lane;
    updatePath();
}

void EdgeItem::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    setZValue(on ? 0.5 : 0);
    update();
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(6);
    return stroker.createStroke(m_path);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setPen(QPen(m_highlighted ? kEdgeHighlight : kEdge, m_highlighted ? 2 : 1.2));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < 0.3 || m_points.size() < 2)
        return;
    const auto outward = [](QPointF a, QPointF b) {
        const QLineF l(a, b);
        return l.length() > 0 ? QPointF(l.dx() / l.length(), l.dy() / l.length()) : QPointF(1, 0);
    };
    const qsizetype n = m_points.size();
    paintEnd(painter, m_points.first(), outward(m_points.at(0), m_points.at(1)), !m_edge.oneToOne, true);
    paintEnd(painter, m_points.last(), outward(m_points.at(n - 1), m_points.at(n - 2)), false, m_edge.optional);
}

void EdgeItem::paintEnd(QPainter *painter, QPointF at, QPointF d, bool many, bool optional) const
{
    const QPointF normal(-d.y(), d.x());
    if (many) {   // crow's foot: three prongs meeting 12 units out
        const QPointF tip = at + d * 12;
        painter->drawLine(tip, at + normal * 6);
        painter->drawLine(tip, at);
        painter->drawLine(tip, at - normal * 6);
    } else {
        painter->drawLine(at + d * 6 + normal * 6, at + d * 6 - normal * 6);
    }
    const QPointF next = at + d * 16;
    if (optional) {
        painter->setBrush(Qt::white);
        painter->drawEllipse(next + d * 4, 4, 4);
        painter->setBrush(Qt::NoBrush);
    } else {
        painter->drawLine(next + normal * 6, next - normal * 6);
    }
}

} // namespace strata::ui
