#include "diagramchanges.h"

#include <QObject>
#include <QRectF>
#include <QSet>

namespace strata::erd {

QString DiagramChanges::summary() const
{
    QStringList parts;
    if (!added.isEmpty())
        parts << QObject::tr("%n table(s) added", nullptr, int(added.size()));
    if (!removed.isEmpty())
        parts << QObject::tr("%n table(s) removed", nullptr, int(removed.size()));
    if (!changed.isEmpty())
        parts << QObject::tr("%n table(s) changed", nullptr, int(changed.size()));
    if (!addedEdges.isEmpty())
        parts << QObject::tr("%n foreign key(s) added", nullptr, int(addedEdges.size()));
    if (!removedEdges.isEmpty())
        parts << QObject::tr("%n foreign key(s) removed", nullptr, int(removedEdges.size()));
    return parts.join(QStringLiteral(", "));
}

DiagramChanges diffDiagrams(const Diagram &before, const Diagram &after)
{
    DiagramChanges c;
    for (const DiagramTable &t : after.tables) {
        const DiagramTable *old = before.table(t.key);
        if (!old)
            c.added << t.key;
        else if (old->columns != t.columns)
            c.changed << t.key;
    }
    for (const DiagramTable &t : before.tables)
        if (!after.contains(t.key))
            c.removed << t.key;
    QSet<QString> oldEdges, newEdges;
    for (const DiagramEdge &e : before.edges)
        oldEdges.insert(e.id());
    for (const DiagramEdge &e : after.edges) {
        newEdges.insert(e.id());
        if (!oldEdges.contains(e.id()))
            c.addedEdges << e.id();
    }
    for (const DiagramEdge &e : before.edges)
        if (!newEdges.contains(e.id()))
            c.removedEdges << e.id();
    return c;
}

QHash<QString, QPointF> placeNewTables(const Diagram &diagram, const QList<TableKey> &added,
                                       const QHash<QString, QPointF> &placed, const QHash<QString, QSizeF> &sizes)
{
    constexpr qreal gap = 60;
    QList<QRectF> taken;
    QRectF all;
    for (auto it = placed.cbegin(); it != placed.cend(); ++it) {
        taken << QRectF(it.value(), sizes.value(it.key()));
        all |= taken.last();
    }
    QHash<QString, QPointF> out;
    for (const TableKey &key : added) {
        const QSizeF size = sizes.value(key.id(), QSizeF(160, 40));
        QPointF at(all.isNull() ? 0 : all.left(), all.isNull() ? 0 : all.bottom() + gap);
        for (const DiagramEdge &e : diagram.edgesOf(key)) {
            const TableKey other = e.from == key ? e.to : e.from;
            if (other == key || !placed.contains(other.id()))
                continue;
            const QRectF near(placed.value(other.id()), sizes.value(other.id()));
            at = e.from == key ? QPointF(near.right() + gap, near.top()) : QPointF(near.left() - gap - size.width(), near.top());
            break;
        }
        QRectF box(at, size);
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF &t : std::as_const(taken))
                if (box.adjusted(-12, -12, 12, 12).intersects(t)) {
                    box.moveTop(t.bottom() + 24);
                    moved = true;
                }
        }
        out.insert(key.id(), box.topLeft());
        taken << box;
        all |= box;
    }
    return out;
}

} // namespace strata::erd
