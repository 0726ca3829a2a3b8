#include "erdscene.h"

#include "edgeitem.h"
#include "tableitem.h"

#include <QSet>
#include <algorithm>

namespace strata::ui {

ErdScene::ErdScene(QObject *parent) : QGraphicsScene(parent)
{
    setBackgroundBrush(QColor(0xee, 0xf0, 0xf3));
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        const QList<QGraphicsItem *> picked = selectedItems();
        auto *item = picked.size() == 1 ? dynamic_cast<TableItem *>(picked.first()) : nullptr;
        highlight(item ? item->key() : erd::TableKey{});
    });
}

ErdScene::~ErdScene()
{
    removeAll();
}

void ErdScene::removeAll()
{
    const QSignalBlocker quiet(this);   // clearing a selection would highlight through dead items
    clear();
    m_tables.clear();
    m_edges.clear();
}

void ErdScene::setDiagram(const erd::Diagram &diagram, erd::Density density, const QString &homeSchema,
                          const QHash<QString, erd::Placement> &placements)
{
    removeAll();
    m_diagram = diagram;
    m_density = density;
    for (const erd::DiagramTable &t : diagram.tables) {
        auto *item = new TableItem(t, density, t.key.schema != homeSchema);
        const erd::Placement place = placements.value(t.key.id());
        item->setPos(place.position);
        item->setPinned(place.pinned);
        addItem(item);
        m_tables.insert(t.key.id(), item);
        connect(item, &TableItem::moved, this, [this, item] { Q_EMIT boxMoved(item->key()); });
    }
    for (const erd::DiagramEdge &e : diagram.edges) {
        TableItem *from = m_tables.value(e.from.id()), *to = m_tables.value(e.to.id());
        if (!from || !to)
            continue;
        auto *edge = new EdgeItem(e, from, to);
        addItem(edge);
        m_edges << edge;
    }
    assignLanes();
    setSceneRect(contentRect());
}

erd::LayoutInput ErdScene::layoutInput(erd::LayoutEngine engine) const
{
    erd::LayoutInput input;
    input.engine = engine;
    for (const erd::DiagramTable &t : m_diagram.tables) {
        const TableItem *item = m_tables.value(t.key.id());
        input.nodes << erd::LayoutNode{t.key.id(), item->sceneBox().size()};
        if (item->isPinned())
            input.pinned.insert(t.key.id(), item->pos());
    }
    for (const erd::DiagramEdge &e : m_diagram.edges)
        input.edges << erd::LayoutEdge{e.from.id(), e.to.id()};
    return input;
}

void ErdScene::applyPositions(const QHash<QString, QPointF> &positions)
{
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        if (TableItem *item = m_tables.value(it.key()))
            item->setPos(it.value());
    assignLanes();
    setSceneRect(contentRect());
}

void ErdScene::assignLanes()
{
    // Parents in reading order (left to right, top to bottom); neighbours in that order get
    // different lanes, so the keys of two parents stacked in one rank never share a line.
    QList<TableItem *> parents;
    QSet<const TableItem *> seen;
    for (EdgeItem *e : std::as_const(m_edges))
        if (!seen.contains(e->toItem())) {
            seen.insert(e->toItem());
            parents << e->toItem();
        }
    std::sort(parents.begin(), parents.end(), [](const TableItem *a, const TableItem *b) {
        return a->x() != b->x() ? a->x() < b->x() : a->y() < b->y();
    });
    QHash<const TableItem *, int> order;
    for (int i = 0; i < parents.size(); ++i)
        order.insert(parents.at(i), i);
    constexpr int lanes = 5;
    for (EdgeItem *e : std::as_const(m_edges))
        e->setLane((order.value(e->toItem()) % lanes + 1) / double(lanes + 1));
}

QHash<QString, erd::Placement> ErdScene::placements() const
{
    QHash<QString, erd::Placement> out;
    for (auto it = m_tables.cbegin(); it != m_tables.cend(); ++it)
        out.insert(it.key(), erd::Placement{it.value()->pos(), it.value()->isPinned()});
    return out;
}

QHash<QString, QSizeF> ErdScene::sizes() const
{
    QHash<QString, QSizeF> out;
    for (auto it = m_tables.cbegin(); it != m_tables.cend(); ++it)
        out.insert(it.key(), it.value()->sceneBox().size());
    return out;
}

void ErdScene::highlight(const erd::TableKey &key)
{
    for (TableItem *t : std::as_const(m_tables))
        t->setHighlighted(false);
    for (EdgeItem *e : std::as_const(m_edges))
        e->setHighlighted(false);
    TableItem *center = key.isValid() ? m_tables.value(key.id()) : nullptr;
    if (!center)
        return;
    center->setHighlighted(true);
    for (EdgeItem *e : center->edges()) {
        e->setHighlighted(true);
        e->fromItem()->setHighlighted(true);
        e->toItem()->setHighlighted(true);
    }
}

QList<erd::TableKey> ErdScene::find(const QString &text) const
{
    QList<erd::TableKey> out;
    for (const erd::DiagramTable &t : m_diagram.tables)
        if (t.key.name.contains(text, Qt::CaseInsensitive))
            out << t.key;
    std::stable_sort(out.begin(), out.end(), [&text](const erd::TableKey &a, const erd::TableKey &b) {
        // An exact match first, then names that start with the text.
        const auto rank = [&text](const erd::TableKey &k) {
            return k.name.compare(text, Qt::CaseInsensitive) == 0 ? 0 : k.name.startsWith(text, Qt::CaseInsensitive) ? 1 : 2;
        };
        return rank(a) < rank(b);
    });
    return out;
}

QRectF ErdScene::contentRect() const
{
    return itemsBoundingRect().adjusted(-60, -60, 60, 60);
}

} // namespace strata::ui
