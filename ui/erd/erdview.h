#pragma once

// ErdView: the diagram's viewport. The wheel zooms around the cursor (Ctrl not needed;
// Shift+wheel scrolls sideways), dragging the background pans, scrollbars are always there
// when the diagram is larger than the view; fit() and actualSize() for the toolbar.
// Double-clicking a table asks for its grid.

#include "erd/diagramtypes.h"

#include <QGraphicsView>

namespace strata::ui {

class ErdMinimap;

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

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void placeMinimap();

    ErdMinimap *m_minimap = nullptr;
};

} // namespace strata::ui
