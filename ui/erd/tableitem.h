#pragma once

// TableItem: one table's box on the diagram — the name in a header, then one row per shown
// column (key marker, name, type, NOT NULL) as the density asks. Movable and selectable;
// moving it re-routes its foreign-key edges. Knows its size before it is placed (the layout
// needs every size first): TableItem::sizeFor(). The header moves the box; a column's row is
// where a foreign key is dragged from (ErdView), so the cursor says which is which.

#include "erd/diagramtypes.h"

#include <QFont>
#include <QGraphicsObject>

namespace strata::ui {

class EdgeItem;

class TableItem : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr qreal kHeader = 26;
    static constexpr qreal kRow = 18;
    static constexpr qreal kPad = 8;

    TableItem(erd::DiagramTable table, erd::Density density, bool showSchema);

    /// The box's size for `table` at `density` (fonts of the diagram).
    static QSizeF sizeFor(const erd::DiagramTable &table, erd::Density density, bool showSchema);

    const erd::DiagramTable &table() const { return m_table; }
    erd::TableKey key() const { return m_table.key; }
    QString title() const;
    /// Scene y of the middle of `column`'s row; the header's middle when the row is hidden.
    qreal rowY(const QString &column) const;
    /// The column whose row is at `scenePos`; empty on the header or outside the rows.
    QString columnAt(const QPointF &scenePos) const;
    QRectF sceneBox() const { return QRectF(pos(), m_size); }

    void addEdge(EdgeItem *edge) { m_edges << edge; }
    const QList<EdgeItem *> &edges() const { return m_edges; }
    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }
    void setPinned(bool on);
    bool isPinned() const { return m_pinned; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

Q_SIGNALS:
    /// The person let go of a dragged box (positions are worth saving).
    void moved();

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void paintRows(QPainter *painter) const;

    erd::DiagramTable m_table;
    erd::Density m_density;
    bool m_showSchema;
    QList<erd::DiagramColumn> m_rows;
    QSizeF m_size;
    QList<EdgeItem *> m_edges;
    bool m_highlighted = false;
    bool m_pinned = false;
    QPointF m_pressPos;
};

} // namespace strata::ui
