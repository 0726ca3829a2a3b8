#pragma once

// ErdScene: the diagram drawn with Strata's own items on a QGraphicsScene — a TableItem per
// table, an EdgeItem per foreign key. Knows nothing of the database: it is given a Diagram,
// a density and positions, and says what the person did (moved a box, asked for a table).
// Selecting a box highlights it, its references in and out, and the tables at their other end.

#include "erd/diagramdocument.h"
#include "erd/diagramlayout.h"

#include <QGraphicsScene>
#include <QHash>

namespace strata::ui {

class EdgeItem;
class TableItem;

class ErdScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit ErdScene(QObject *parent = nullptr);
    ~ErdScene() override;

    /// Replaces everything with `diagram`'s boxes at `placements` (boxes without a place go
    /// to the origin until a layout places them). Tables of schemas other than `homeSchema`
    /// show their schema in the title.
    void setDiagram(const erd::Diagram &diagram, erd::Density density, const QString &homeSchema,
                    const QHash<QString, erd::Placement> &placements);
    const erd::Diagram &diagram() const { return m_diagram; }
    erd::Density density() const { return m_density; }

    TableItem *tableItem(const erd::TableKey &key) const { return m_tables.value(key.id()); }
    QList<TableItem *> tableItems() const { return m_tables.values(); }
    QList<EdgeItem *> edgeItems() const { return m_edges; }

    /// What the layout needs: every box's size, the edges, the pinned boxes.
    erd::LayoutInput layoutInput(erd::LayoutEngine engine) const;
    void applyPositions(const QHash<QString, QPointF> &positions);
    QHash<QString, erd::Placement> placements() const;
    /// Sizes by TableKey::id() (placing new tables after a refresh).
    QHash<QString, QSizeF> sizes() const;

    /// Highlights `key`'s box, its edges and its neighbours (none: clears).
    void highlight(const erd::TableKey &key);
    /// Tables whose name contains `text` (case-insensitive), name order.
    QList<erd::TableKey> find(const QString &text) const;
    /// The scene rectangle of everything drawn, with a margin.
    QRectF contentRect() const;

Q_SIGNALS:
    void boxMoved(const strata::erd::TableKey &key);

private:
    /// Deletes every item without telling anyone (no selectionChanged about dying items).
    void removeAll();
    /// Spreads the vertical segments of keys to different parents over the gaps.
    void assignLanes();

    erd::Diagram m_diagram;
    erd::Density m_density = erd::Density::Full;
    QHash<QString, TableItem *> m_tables;
    QList<EdgeItem *> m_edges;
};

} // namespace strata::ui
