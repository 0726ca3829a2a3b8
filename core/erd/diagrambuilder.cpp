#include "diagrambuilder.h"

#include <QSet>
#include <algorithm>

namespace strata::erd {

using catalog::ConstraintKind;
using catalog::RelationKind;
using catalog::TableDetail;

namespace {

bool drawn(const TableDetail &d)
{
    const RelationKind kind = d.relation.kind;
    return (kind == RelationKind::Table || kind == RelationKind::PartitionedTable || kind == RelationKind::ForeignTable)
        && !d.relation.isPartition;
}

/// Column sets that are unique in `d`: the primary key, UNIQUE constraints, unique indexes
/// over plain columns.
QList<QSet<QString>> uniqueSets(const TableDetail &d)
{
    QList<QSet<QString>> sets;
    const QStringList pk = d.primaryKey();
    if (!pk.isEmpty())
        sets << QSet<QString>(pk.begin(), pk.end());
    for (const catalog::ConstraintInfo &c : d.constraints)
        if ((c.kind == ConstraintKind::Unique || c.kind == ConstraintKind::PrimaryKey) && !c.columns.isEmpty())
            sets << QSet<QString>(c.columns.begin(), c.columns.end());
    for (const catalog::IndexInfo &i : d.indexes)
        if (i.unique && i.predicate.isEmpty() && !i.isExpression.contains(true) && !i.columns.isEmpty())
            sets << QSet<QString>(i.columns.begin(), i.columns.end());
    return sets;
}

DiagramTable tableOf(const TableDetail &d, const QList<QSet<QString>> &unique)
{
    DiagramTable t;
    t.key = {d.relation.schema, d.relation.name};
    QSet<QString> fkColumns;
    for (const catalog::ForeignKeyInfo &fk : d.foreignKeys)
        for (const QString &c : fk.columns)
            fkColumns.insert(c);
    for (const catalog::ColumnInfo &c : d.columns) {
        DiagramColumn col;
        col.name = c.name;
        col.type = c.dataType;
        col.primaryKey = c.primaryKeyPosition > 0;
        col.foreignKey = fkColumns.contains(c.name);
        col.notNull = !c.nullable || col.primaryKey;
        col.unique = !col.primaryKey && std::any_of(unique.begin(), unique.end(), [&](const QSet<QString> &s) {
            return s.size() == 1 && s.contains(c.name);
        });
        t.columns << col;
    }
    return t;
}

} // namespace

Diagram buildDiagram(const QList<TableDetail> &details)
{
    Diagram diagram;
    QHash<QString, const TableDetail *> byId;
    for (const TableDetail &d : details) {
        if (!drawn(d))
            continue;
        const TableKey key{d.relation.schema, d.relation.name};
        if (byId.contains(key.id()))
            continue;
        byId.insert(key.id(), &d);
        diagram.tables << tableOf(d, uniqueSets(d));
    }
    std::sort(diagram.tables.begin(), diagram.tables.end(), [](const DiagramTable &a, const DiagramTable &b) { return a.key < b.key; });
    for (const DiagramTable &t : std::as_const(diagram.tables)) {
        const TableDetail &d = *byId.value(t.key.id());
        const QList<QSet<QString>> unique = uniqueSets(d);
        for (const catalog::ForeignKeyInfo &fk : d.foreignKeys) {
            const TableKey parent{fk.referencedSchema.isEmpty() ? t.key.schema : fk.referencedSchema, fk.referencedTable};
            const TableDetail *target = byId.value(parent.id());
            if (!target)
                continue;
            DiagramEdge e;
            e.name = fk.name;
            e.from = t.key;
            e.fromColumns = fk.columns;
            e.to = parent;
            e.toColumns = fk.referencedColumns.isEmpty() ? target->primaryKey() : fk.referencedColumns;
            e.optional = std::any_of(fk.columns.begin(), fk.columns.end(), [&d](const QString &c) {
                const catalog::ColumnInfo *col = d.column(c);
                return col && col->nullable && col->primaryKeyPosition == 0;
            });
            const QSet<QString> own(fk.columns.begin(), fk.columns.end());
            e.oneToOne = std::any_of(unique.begin(), unique.end(), [&own](const QSet<QString> &s) { return s == own; });
            diagram.edges << e;
        }
    }
    return diagram;
}

Diagram neighbourhood(const Diagram &diagram, const TableKey &center, int hops)
{
    if (!diagram.contains(center))
        return {};
    QHash<QString, QList<TableKey>> adjacent;
    for (const DiagramEdge &e : diagram.edges) {
        adjacent[e.from.id()] << e.to;
        adjacent[e.to.id()] << e.from;
    }
    QSet<QString> seen{center.id()};
    QList<TableKey> frontier{center};
    QList<TableKey> all{center};
    for (int hop = 0; hop < hops && !frontier.isEmpty(); ++hop) {
        QList<TableKey> next;
        for (const TableKey &k : std::as_const(frontier))
            for (const TableKey &n : adjacent.value(k.id()))
                if (!seen.contains(n.id())) {
                    seen.insert(n.id());
                    next << n;
                }
        all << next;
        frontier = next;
    }
    return subset(diagram, all);
}

Diagram subset(const Diagram &diagram, const QList<TableKey> &keys)
{
    QSet<QString> wanted;
    for (const TableKey &k : keys)
        wanted.insert(k.id());
    Diagram out;
    for (const DiagramTable &t : diagram.tables)
        if (wanted.contains(t.key.id()))
            out.tables << t;
    for (const DiagramEdge &e : diagram.edges)
        if (wanted.contains(e.from.id()) && wanted.contains(e.to.id()))
            out.edges << e;
    return out;
}

} // namespace strata::erd
