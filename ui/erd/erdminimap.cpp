#include "erdminimap.h"

#include "erdscene.h"
#include "erdview.h"

#include <QMouseEvent>
#include <QScrollBar>

namespace strata::ui {

ErdMinimap::ErdMinimap(ErdView *view)
    : QGraphicsView(view->scene(), view)
    , m_view(view)
{
    setObjectName(QStringLiteral("erdMinimap"));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setInteractive(false);
    setFrameShape(QFrame::Box);
    setRenderHint(QPainter::Antialiasing, false);
    setFixedSize(200, 140);
    setToolTip(tr("The whole diagram: click or drag to move the view"));
    const auto repaint = [this] { viewport()->update(); };
    connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(view, &ErdView::zoomChanged, this, repaint);
}

void ErdMinimap::refit()
{
    auto *erd = qobject_cast<ErdScene *>(scene());
    const QRectF content = erd ? erd->contentRect() : sceneRect();
    if (!content.isEmpty())
        fitInView(content, Qt::KeepAspectRatio);
}

void ErdMinimap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF shown = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    painter->setPen(QPen(QColor(0xc2, 0x6a, 0x12), 0));   // cosmetic: one pixel at any scale
    painter->setBrush(QColor(0xc2, 0x6a, 0x12, 40));
    painter->drawRect(shown);
}

void ErdMinimap::moveViewTo(const QPoint &at)
{
    m_view->centerOn(mapToScene(at));
}

void ErdMinimap::mousePressEvent(QMouseEvent *event)
{
    moveViewTo(event->pos());
}

void ErdMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        moveViewTo(event->pos());
}

void ErdMinimap::mouseDoubleClickEvent(QMouseEvent *event)
{
    moveViewTo(event->pos());
}

void ErdMinimap::wheelEvent(QWheelEvent *event)
{
    event->ignore();
}

} // namespace strata::ui
