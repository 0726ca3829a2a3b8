#include "objecttreeitems.h"

#include "widgets/objecticons.h"

#include <QLocale>

namespace strata::ui::treeitems {

using catalog::RelationKind;
using Model = ObjectTreeModel;

namespace {

ObjectIcon iconForRelation(RelationKind kind)
{
    switch (kind) {
    case RelationKind::Table: return ObjectIcon::Table;
    case RelationKind::View: return ObjectIcon::View;
    case RelationKind::MaterializedView: return ObjectIcon::MaterializedView;
    case RelationKind::PartitionedTable: return ObjectIcon::PartitionedTable;
    case RelationKind::ForeignTable: return ObjectIcon::ForeignTable;
    }
    return ObjectIcon::Table;
}

void setRef(QStandardItem *item, int connectionId, const QString &schema, const QString &name)
{
    item->setData(connectionId, Model::ConnectionIdRole);
    item->setData(schema, Model::SchemaRole);
    item->setData(name, Model::NameRole);
}

Row folderRow(FolderKind folder, const QString &title, int count, int connectionId, const QString &schema,
              const QString &name)
{
    Row row = makeRow(NodeKind::Folder, title, QString::number(count), objectIcon(ObjectIcon::Folder));
    row[0]->setData(int(folder), Model::FolderRole);
    setRef(row[0], connectionId, schema, name);
    row[0]->setData(int(Model::LoadState::Loaded), Model::LoadStateRole);
    return row;
}

Row leafRow(NodeKind kind, ObjectIcon icon, const QString &text, const QString &detail, int connectionId,
            const QString &schema, const QString &name)
{
    Row row = makeRow(kind, text, detail, objectIcon(icon));
    setRef(row[0], connectionId, schema, name);
    row[0]->setData(int(Model::LoadState::Loaded), Model::LoadStateRole);
    return row;
}

template <typename Items, typename MakeChild>
void addFolder(QList<Row> &rows, FolderKind folder, const QString &title, const Items &items, bool showWhenEmpty,
               int connectionId, const QString &schema, const QString &name, MakeChild makeChild)
{
    if (items.isEmpty() && !showWhenEmpty)
        return;
    Row row = folderRow(folder, title, int(items.size()), connectionId, schema, name);
    for (const auto &item : items)
        row[0]->appendRow(makeChild(item));
    rows.append(row);
}

QString yesNoNull(bool nullable)
{
    return nullable ? QString() : QStringLiteral(" not null");
}

} // namespace

Row makeRow(NodeKind kind, const QString &text, const QString &detail, const QIcon &icon)
{
    auto *name = new QStandardItem(icon, text);
    name->setEditable(false);
    name->setData(int(kind), Model::KindRole);
    name->setToolTip(text);
    auto *info = new QStandardItem(detail);
    info->setEditable(false);
    info->setData(QVariant::fromValue(int(Qt::AlignRight | Qt::AlignVCenter)), Qt::TextAlignmentRole);
    return {name, info};
}

QString formatRowEstimate(qint64 rows)
{
    if (rows < 0)
        return QString();
    const QLocale locale;
    if (rows < 100000)
        return locale.toString(rows);
    if (rows < 100000000)
        return locale.toString(double(rows) / 1e6, 'f', 1) + QStringLiteral(" M");
    return locale.toString(double(rows) / 1e9, 'f', 1) + QStringLiteral(" G");
}

QList<Row> schemaRows(const QList<catalog::SchemaInfo> &schemas, int connectionId)
{
    QList<Row> rows;
    for (const catalog::SchemaInfo &s : schemas) {
        Row row = makeRow(NodeKind::Schema, s.name, s.owner, objectIcon(ObjectIcon::Schema));
        setRef(row[0], connectionId, s.name, s.name);
        if (!s.comment.isEmpty())
            row[0]->setToolTip(s.comment);
        rows.append(row);
    }
    return rows;
}

QList<Row> schemaContentRows(const catalog::SchemaObjects &objects, int connectionId)
{
    const QString &schema = objects.schema;
    QList<catalog::RelationInfo> tables, views, matviews;
    for (const catalog::RelationInfo &r : objects.relations) {
        if (r.kind == RelationKind::View)
            views.append(r);
        else if (r.kind == RelationKind::MaterializedView)
            matviews.append(r);
        else if (!r.isPartition)   // partitions are reached through their parent, as in psql's \d+
            tables.append(r);
    }
    auto relationRow = [connectionId, &objects](const catalog::RelationInfo &r) {
        // Relation nodes load their details on expand: leave LoadState unset.
        Row row = makeRow(NodeKind::Relation, r.name, r.rowsUnknown ? QStringLiteral("?") : formatRowEstimate(r.estimatedRows),
                          objectIcon(iconForRelation(r.kind)));
        if (r.rowsUnknown)
            row[1]->setToolTip(QObject::tr("Row count unknown: PostgreSQL has not analysed this table since it got rows. "
                                           "Open its data to count them."));
        setRef(row[0], connectionId, objects.schema, r.name);
        row[0]->setData(int(r.kind), Model::RelationKindRole);
        QString tip = relationKindName(r.kind) + QLatin1Char(' ') + r.name;
        if (r.estimatedRows >= 0)
            tip += QStringLiteral("\n≈ %1 rows (planner estimate)").arg(QLocale().toString(r.estimatedRows));
        else if (r.rowsUnknown)
            tip += QStringLiteral("\nrow count unknown (not analysed since it got rows)");
        if (r.withoutRowid)
            tip += QStringLiteral("\nWITHOUT ROWID");
        if (!r.comment.isEmpty())
            tip += QLatin1Char('\n') + r.comment;
        row[0]->setToolTip(tip);
        return row;
    };
    QList<Row> rows;
    addFolder(rows, FolderKind::Tables, QStringLiteral("Tables"), tables, true, connectionId, schema, QString(), relationRow);
    addFolder(rows, FolderKind::Views, QStringLiteral("Views"), views, true, connectionId, schema, QString(), relationRow);
    addFolder(rows, FolderKind::MaterializedViews, QStringLiteral("Materialized views"), matviews, false, connectionId,
              schema, QString(), relationRow);
    addFolder(rows, FolderKind::Sequences, QStringLiteral("Sequences"), objects.sequences, false, connectionId, schema,
              QString(), [&](const catalog::SequenceInfo &s) {
                  return leafRow(NodeKind::Sequence, ObjectIcon::Sequence, s.name, s.dataType, connectionId, schema, s.name);
              });
    addFolder(rows, FolderKind::Functions, QStringLiteral("Functions"), objects.routines, false, connectionId, schema,
              QString(), [&](const catalog::RoutineInfo &f) {
                  return leafRow(NodeKind::Routine, f.isProcedure ? ObjectIcon::Procedure : ObjectIcon::Function,
                                 QStringLiteral("%1(%2)").arg(f.name, f.arguments), f.resultType, connectionId, schema, f.name);
              });
    return rows;
}

QList<Row> relationDetailRows(const catalog::TableDetail &detail, int connectionId)
{
    const QString &schema = detail.relation.schema;
    const QString &table = detail.relation.name;
    QList<Row> rows;
    addFolder(rows, FolderKind::Columns, QStringLiteral("Columns"), detail.columns, true, connectionId, schema, table,
              [&](const catalog::ColumnInfo &c) {
                  return leafRow(NodeKind::Column, c.primaryKeyPosition > 0 ? ObjectIcon::KeyColumn : ObjectIcon::Column,
                                 c.name, c.dataType + yesNoNull(c.nullable), connectionId, schema, table);
              });
    const bool isTable = detail.relation.kind != RelationKind::View;
    if (!isTable)
        return rows;
    addFolder(rows, FolderKind::Indexes, QStringLiteral("Indexes"), detail.indexes, true, connectionId, schema, table,
              [&](const catalog::IndexInfo &i) {
                  QString info = i.columns.join(QStringLiteral(", "));
                  if (i.unique)
                      info = QStringLiteral("unique ") + info;
                  return leafRow(NodeKind::Index, ObjectIcon::Index, i.name, info, connectionId, schema, table);
              });
    addFolder(rows, FolderKind::ForeignKeys, QStringLiteral("Foreign keys"), detail.foreignKeys, true, connectionId, schema,
              table, [&](const catalog::ForeignKeyInfo &fk) {
                  const QString text = fk.name.isEmpty() ? fk.columns.join(QStringLiteral(", ")) : fk.name;
                  return leafRow(NodeKind::ForeignKey, ObjectIcon::ForeignKey, text,
                                 QStringLiteral("→ %1").arg(fk.referencedTable), connectionId, schema, table);
              });
    addFolder(rows, FolderKind::Constraints, QStringLiteral("Constraints"), detail.constraints, true, connectionId, schema,
              table, [&](const catalog::ConstraintInfo &c) {
                  const QString text = c.name.isEmpty() ? c.expression : c.name;
                  return leafRow(NodeKind::Constraint, ObjectIcon::Constraint, text, c.columns.join(QStringLiteral(", ")),
                                 connectionId, schema, table);
              });
    addFolder(rows, FolderKind::Triggers, QStringLiteral("Triggers"), detail.triggers, true, connectionId, schema, table,
              [&](const catalog::TriggerInfo &t) {
                  return leafRow(NodeKind::Trigger, ObjectIcon::Trigger, t.name,
                                 t.timing + QLatin1Char(' ') + t.events.join(QStringLiteral(" OR ")), connectionId, schema, table);
              });
    return rows;
}

} // namespace strata::ui::treeitems
