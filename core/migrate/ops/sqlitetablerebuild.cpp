#include "sqlitetablerebuild.h"

#include "ddltext.h"

#include <utility>

namespace strata::migrate::ops {

using catalog::ColumnInfo;
using catalog::TableDetail;
using catalog::TriggerInfo;
using dialect::DialectKind;

namespace {

struct OtherTrigger {
    QString schema;
    TriggerInfo trigger;
};

// Triggers outside `table` and outside the views that are dropped anyway whose text names
// the table.
QList<OtherTrigger> dependentTriggers(const SchemaSnapshot &s, const QString &table,
                                      const QList<const TableDetail *> &droppedViews)
{
    QList<OtherTrigger> found;
    auto scan = [&](const TableDetail &owner) {
        for (const TriggerInfo &t : owner.triggers)
            if (ddl::mentions(t.definition, table))
                found.append({owner.relation.schema, t});
    };
    for (const TableDetail &other : s.tables)
        if (!ddl::sameName(DialectKind::Sqlite, other.relation.name, table))
            scan(other);
    for (const TableDetail &view : s.views)
        if (!droppedViews.contains(&view))
            scan(view);
    return found;
}

// Columns copied: those of the new table that the old one has, generated ones excepted.
QStringList copiedColumns(const dialect::Dialect &d, const TableDetail &oldTable, const TableDetail &newTable)
{
    QStringList names;
    for (const ColumnInfo &c : newTable.columns) {
        if (c.isGenerated)
            continue;
        for (const ColumnInfo &old : oldTable.columns)
            if (!old.isGenerated && ddl::sameName(DialectKind::Sqlite, old.name, c.name))
                names.append(d.quoteIdentifier(c.name));
    }
    return names;
}

} // namespace

QList<const TableDetail *> SqliteTableRebuild::dependentViews(const SchemaSnapshot &snapshot, const QString &table)
{
    QStringList names{table};
    QList<const TableDetail *> found;
    bool grew = true;
    while (grew) {
        grew = false;
        for (const TableDetail &view : snapshot.views) {
            if (found.contains(&view))
                continue;
            for (const QString &name : std::as_const(names)) {
                if (ddl::mentions(view.viewDefinition, name)) {
                    found.append(&view);
                    names.append(view.relation.name);
                    grew = true;
                    break;
                }
            }
        }
    }
    return found;
}

Result<QStringList> SqliteTableRebuild::statements(const dialect::Dialect &d, const SchemaSnapshot &before,
                                                   const SchemaSnapshot &after, const QString &table)
{
    const TableDetail *oldTable = before.table(table);
    const TableDetail *newTable = after.table(table);
    if (!oldTable || !newTable)
        return Error(ErrorKind::NotFound, QStringLiteral("table %1 does not exist in the schema").arg(table));
    const QString name = newTable->relation.name;
    const QString schema = newTable->relation.schema;
    const QString temporary = temporaryPrefix() + name;
    if (before.table(temporary))
        return Error(ErrorKind::Conflict, QStringLiteral("the rebuild of %1 needs the name %2, which a table has").arg(name, temporary));

    QStringList out{ddl::createTable(d, *newTable, temporary)};
    const QStringList columns = copiedColumns(d, *oldTable, *newTable);
    if (!columns.isEmpty())
        out.append(QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3")
                       .arg(ddl::objectName(d, schema, temporary), columns.join(QLatin1String(", ")),
                            ddl::objectName(d, schema, name)));
    const QList<const TableDetail *> views = dependentViews(before, name);
    const QList<OtherTrigger> triggers = dependentTriggers(before, name, views);
    for (const TableDetail *view : views)
        out.append(QStringLiteral("DROP VIEW ") + ddl::objectName(d, view->relation.schema, view->relation.name));
    for (const OtherTrigger &t : triggers)
        out.append(QStringLiteral("DROP TRIGGER ") + ddl::objectName(d, t.schema, t.trigger.name));
    out.append(QStringLiteral("DROP TABLE ") + ddl::objectName(d, schema, name));
    out.append(QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(ddl::objectName(d, schema, temporary), d.quoteIdentifier(name)));

    for (const catalog::IndexInfo &index : newTable->indexes)
        if (!ddl::isConstraintIndex(DialectKind::Sqlite, *newTable, index))
            out.append(ddl::createIndex(d, schema, name, index));
    for (const TriggerInfo &trigger : newTable->triggers)
        out.append(ddl::statementText(trigger.definition));
    for (const TableDetail *view : views) {
        out.append(QStringLiteral("CREATE VIEW %1 AS\n%2")
                       .arg(ddl::objectName(d, view->relation.schema, view->relation.name),
                            ddl::statementText(view->viewDefinition)));
        for (const TriggerInfo &trigger : view->triggers)
            out.append(ddl::statementText(trigger.definition));
    }
    for (const OtherTrigger &t : triggers)
        out.append(ddl::statementText(t.trigger.definition));
    return out;
}

} // namespace strata::migrate::ops
