#include "erdview.h"

#include "erdminimap.h"
#include "erdscene.h"
#include "tableitem.h"

#include <QApplication>
#include <QGraphicsLineItem>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace strata::ui {

ErdView::ErdView(QGraphicsScene *scene, QWidget *parent) : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setDragMode(RubberBandDrag);
}

void ErdView::setMinimap(ErdMinimap *minimap)
{
    m_minimap = minimap;
    placeMinimap();
}

void ErdView::placeMinimap()
{
    if (!m_minimap)
        return;
    const QRect port = viewport()->geometry();
    m_minimap->move(port.right() - m_minimap->width() - 8, port.bottom() - m_minimap->height() - 8);
    m_minimap->raise();
}

void ErdView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void ErdView::setZoom(qreal factor)
{
    factor = std::clamp(factor, 0.02, 4.0);
    setTransform(QTransform::fromScale(factor, factor));
    Q_EMIT zoomChanged(factor);
}

void ErdView::zoomBy(qreal factor)
{
    setZoom(zoom() * factor);
}

void ErdView::fit()
{
    auto *erd = qobject_cast<ErdScene *>(scene());
    const QRectF content = erd ? erd->contentRect() : sceneRect();
    if (content.isEmpty())
        return;
    const QRectF port = viewport()->rect();
    setZoom(std::min({1.0, port.width() / content.width(), port.height() / content.height()}));
    centerOn(content.center());
}

void ErdView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.0015, delta));
    event->accept();
}

void ErdView::mouseDoubleClickEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->pos()))
        if (auto *table = dynamic_cast<TableItem *>(item)) {
            Q_EMIT tableActivated(table->key());
            event->accept();
            return;
        }
    QGraphicsView::mouseDoubleClickEvent(event);
}

TableItem *ErdView::tableAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos))
        if (auto *table = dynamic_cast<TableItem *>(item))
            return table;
    return nullptr;
}

bool ErdView::startLink(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || event->modifiers() != Qt::NoModifier)
        return false;
    TableItem *table = tableAt(event->pos());
    const QString column = table ? table->columnAt(mapToScene(event->pos())) : QString();
    if (column.isEmpty())
        return false;
    scene()->clearSelection();
    table->setSelected(true);
    m_linkFrom = table;
    m_linkColumn = column;
    m_linkPress = event->pos();
    const QPointF start = table->mapFromScene(QPointF(table->sceneBox().right(), table->rowY(column)));
    m_linkLine = new QGraphicsLineItem(QLineF(start, start), table);
    m_linkLine->setPen(QPen(QColor(0xc2, 0x6a, 0x12), 2, Qt::DashLine));
    event->accept();
    return true;
}

void ErdView::finishLink(const QPoint &viewPos)
{
    TableItem *from = m_linkFrom;
    if (from)
        delete m_linkLine;
    m_linkLine = nullptr;
    m_linkFrom = nullptr;
    if (!from)
        return;   // the box went away (a refresh) while the key was dragged
    if ((viewPos - m_linkPress).manhattanLength() < QApplication::startDragDistance())
        return;   // a click on a column selects its box, nothing more
    if (TableItem *to = tableAt(viewPos))
        Q_EMIT foreignKeyDragged(from->key(), m_linkColumn, to->key(), to->columnAt(mapToScene(viewPos)));
}

void ErdView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_linkLine) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    if (m_linkFrom)
        m_linkLine->setLine(QLineF(m_linkLine->line().p1(), m_linkFrom->mapFromScene(mapToScene(event->pos()))));
    event->accept();
}

void ErdView::mousePressEvent(QMouseEvent *event)
{
    if (startLink(event))
        return;
    // The background pans (hand drag); Ctrl+drag on the background selects with a rubber band.
    if (event->button() == Qt::LeftButton && !itemAt(event->pos()) && !(event->modifiers() & Qt::ControlModifier))
        setDragMode(ScrollHandDrag);
    QGraphicsView::mousePressEvent(event);
}

void ErdView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_linkLine && event->button() == Qt::LeftButton) {
        finishLink(event->pos());
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
    setDragMode(RubberBandDrag);
}

} // namespace strata::ui
