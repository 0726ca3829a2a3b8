#pragma once

// ErdMinimap: the whole diagram in miniature in a corner of the view, with the part the view
// shows framed; clicking or dragging in it moves the view there. Shares the view's scene.

#include <QGraphicsView>

namespace strata::ui {

class ErdView;

class ErdMinimap : public QGraphicsView {
    Q_OBJECT
public:
    explicit ErdMinimap(ErdView *view);

    /// Fits the whole diagram (after a layout or a refresh).
    void refit();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    void moveViewTo(const QPoint &at);

    ErdView *m_view;
};

} // namespace strata::ui
