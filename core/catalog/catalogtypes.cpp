#include "catalogtypes.h"

#include <algorithm>

namespace strata::catalog {

QStringList TableDetail::primaryKey() const
{
    QList<const ColumnInfo *> keyColumns;
    for (const ColumnInfo &c : columns)
        if (c.primaryKeyPosition > 0)
            keyColumns.append(&c);
    std::sort(keyColumns.begin(), keyColumns.end(),
              [](const ColumnInfo *a, const ColumnInfo *b) { return a->primaryKeyPosition < b->primaryKeyPosition; });
    QStringList names;
    for (const ColumnInfo *c : keyColumns)
        names.append(c->name);
    return names;
}

const ColumnInfo *TableDetail::column(const QString &name) const
{
    for (const ColumnInfo &c : columns)
        if (c.name == name)
            return &c;
    return nullptr;
}

QString relationKindName(RelationKind kind)
{
    switch (kind) {
    case RelationKind::Table: return QStringLiteral("table");
    case RelationKind::View: return QStringLiteral("view");
    case RelationKind::MaterializedView: return QStringLiteral("materialized view");
    case RelationKind::ForeignTable: return QStringLiteral("foreign table");
    case RelationKind::PartitionedTable: return QStringLiteral("partitioned table");
    }
    return QString();
}

} // namespace strata::catalog
