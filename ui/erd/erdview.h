#pragma once

// ErdView: the diagram's viewport. The wheel zooms around the cursor (Ctrl not needed;
// Shift+wheel scrolls sideways), dragging the background pans, scrollbars are always there
// when the diagram is larger than the view; fit() and actualSize() for the toolbar.
// Double-clicking a table asks for its grid. Dragging from a column's row (not the header,
// which moves the box) to another box draws a dashed line and, on release over a box,
// proposes a foreign key (foreignKeyDragged); released elsewhere, nothing happens.

#include "erd/diagramtypes.h"

#include <QGraphicsView>
#include <QPointer>

namespace strata::ui {

class ErdMinimap;
class TableItem;

class ErdView : public QGraphicsView {
    Q_OBJECT
public:
    explicit ErdView(QGraphicsScene *scene, QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal factor);
    void zoomBy(qreal factor);
    /// The whole diagram in view (never above 1:1).
    void fit();
    void actualSize() { setZoom(1.0); }
    /// The minimap in the bottom-right corner (null until setMinimap()).
    ErdMinimap *minimap() const { return m_minimap; }
    void setMinimap(ErdMinimap *minimap);

Q_SIGNALS:
    void tableActivated(const strata::erd::TableKey &key);
    void zoomChanged(qreal zoom);
    /// `fromColumn` of `from` was dropped on `to`, on `toColumn` (empty: its header).
    void foreignKeyDragged(const strata::erd::TableKey &from, const QString &fromColumn, const strata::erd::TableKey &to,
                           const QString &toColumn);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void placeMinimap();
    TableItem *tableAt(const QPoint &viewPos) const;
    bool startLink(QMouseEvent *event);
    void finishLink(const QPoint &viewPos);

    ErdMinimap *m_minimap = nullptr;
    // A foreign key being dragged: where from, and the dashed line that follows the mouse.
    // The line is a child of the box, so a refresh that deletes the box takes both.
    QPointer<TableItem> m_linkFrom;
    QString m_linkColumn;
    QPoint m_linkPress;
    QGraphicsLineItem *m_linkLine = nullptr;
};

} // namespace strata::ui
