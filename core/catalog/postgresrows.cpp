#include "postgresrows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace strata::catalog::pgrows {

namespace {

QString text(const QSqlQuery &row, int column)
{
    return row.value(column).toString();
}

QStringList jsonStrings(const QVariant &value)
{
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &v : array)
        list.append(v.toString());
    return list;
}

RelationKind relationKind(const QString &relkind)
{
    if (relkind == QLatin1String("v"))
        return RelationKind::View;
    if (relkind == QLatin1String("m"))
        return RelationKind::MaterializedView;
    if (relkind == QLatin1String("f"))
        return RelationKind::ForeignTable;
    if (relkind == QLatin1String("p"))
        return RelationKind::PartitionedTable;
    return RelationKind::Table;
}

// pg_get_viewdef ends the query with ";" and starts it with a space.
QString viewText(const QString &definition)
{
    QString text = definition.trimmed();
    while (text.endsWith(QLatin1Char(';')))
        text = text.chopped(1).trimmed();
    return text;
}

QStringList triggerEvents(int type)
{
    QStringList events;
    if (type & (1 << 2))
        events.append(QStringLiteral("INSERT"));
    if (type & (1 << 4))
        events.append(QStringLiteral("UPDATE"));
    if (type & (1 << 3))
        events.append(QStringLiteral("DELETE"));
    if (type & (1 << 5))
        events.append(QStringLiteral("TRUNCATE"));
    return events;
}

} // namespace

QString foreignKeyAction(const QString &letter)
{
    if (letter == QLatin1String("c"))
        return QStringLiteral("CASCADE");
    if (letter == QLatin1String("n"))
        return QStringLiteral("SET NULL");
    if (letter == QLatin1String("d"))
        return QStringLiteral("SET DEFAULT");
    if (letter == QLatin1String("r"))
        return QStringLiteral("RESTRICT");
    return QStringLiteral("NO ACTION");
}

RelationInfo relationInfo(const QSqlQuery &row, const QString &schema)
{
    RelationInfo r;
    r.schema = schema;
    r.name = text(row, 0);
    r.kind = relationKind(text(row, 1));
    const bool hasEstimate = r.kind == RelationKind::Table || r.kind == RelationKind::MaterializedView;
    // reltuples is -1 before the first ANALYZE and 0 after one that saw no committed rows;
    // neither says the table is empty now.
    const qint64 reltuples = row.value(2).toLongLong();
    r.estimatedRows = hasEstimate && reltuples >= 1 ? reltuples : -1;
    r.rowsUnknown = hasEstimate && reltuples < 1;
    r.isPartition = row.value(3).toBool();
    if (!row.value(4).isNull())
        r.parent = text(row, 4) + QLatin1Char('.') + text(row, 5);
    r.comment = text(row, 6);
    return r;
}

void readRelationDdl(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl)
{
    ddl.relkind = text(row, 1).isEmpty() ? 'r' : text(row, 1).at(0).toLatin1();
    ddl.unlogged = row.value(7).toBool();
    ddl.partitionKey = text(row, 8);
    ddl.partitionBound = text(row, 9);
    detail.viewDefinition = viewText(text(row, 10));
    ddl.options = text(row, 11);
    ddl.foreignServer = text(row, 12);
    const QJsonArray parents = QJsonDocument::fromJson(text(row, 13).toUtf8()).array();
    for (const QJsonValue &parent : parents)
        ddl.parents.append({parent.toArray().at(0).toString(), parent.toArray().at(1).toString()});
}

void addColumn(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl)
{
    ColumnInfo c;
    c.name = text(row, 1);
    c.position = int(detail.columns.size()) + 1;
    c.dataType = text(row, 2);
    c.nullable = !row.value(3).toBool();
    const QString identity = text(row, 5);
    const bool generated = text(row, 6) == QLatin1String("s");
    (generated ? c.generationExpression : c.defaultValue) = text(row, 4);
    c.isGenerated = generated;
    if (identity == QLatin1String("a"))
        c.identityGeneration = QStringLiteral("ALWAYS");
    else if (identity == QLatin1String("d"))
        c.identityGeneration = QStringLiteral("BY DEFAULT");
    c.collation = text(row, 7);
    c.comment = text(row, 8);
    c.primaryKeyPosition = row.value(9).toInt();
    if (!row.value(10).toBool())
        ddl.inheritedColumns.insert(c.name);
    // serial: a nextval() default on a sequence the column owns.
    const bool ownsSequence = !row.value(12).isNull();
    c.isIdentity = !c.identityGeneration.isEmpty()
                   || (ownsSequence && c.defaultValue.startsWith(QLatin1String("nextval(")));
    if (ownsSequence)
        ddl.ownedSequences.append({text(row, 11), text(row, 12), text(row, 13), c.name});
    detail.columns.append(c);
}

void addIndex(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl)
{
    IndexInfo index;
    index.name = text(row, 1);
    index.definition = text(row, 2);
    index.unique = row.value(3).toBool();
    index.primary = row.value(4).toBool();
    index.predicate = text(row, 5);
    index.method = text(row, 6);
    if (row.value(7).toBool() || row.value(8).toBool())
        ddl.constraintIndexes.insert(index.name);
    const QJsonArray keys = QJsonDocument::fromJson(text(row, 9).toUtf8()).array();
    for (const QJsonValue &key : keys) {
        index.isExpression.append(key.toArray().at(0).toBool());
        index.columns.append(key.toArray().at(1).toString());
    }
    detail.indexes.append(index);
}

void addConstraint(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl)
{
    const QString name = text(row, 1);
    const QString type = text(row, 2);
    const QString definition = text(row, 3);
    if (row.value(5).toBool())
        ddl.localConstraints.append({name, definition});
    const QStringList columns = jsonStrings(row.value(6));
    if (type == QLatin1String("f")) {
        ForeignKeyInfo fk;
        fk.name = name;
        fk.columns = columns;
        fk.referencedSchema = text(row, 7);
        fk.referencedTable = text(row, 8);
        fk.referencedColumns = jsonStrings(row.value(9));
        fk.onDelete = foreignKeyAction(text(row, 10));
        fk.onUpdate = foreignKeyAction(text(row, 11));
        detail.foreignKeys.append(fk);
        return;
    }
    ConstraintInfo c;
    c.name = name;
    c.columns = columns;
    c.expression = definition;
    if (type == QLatin1String("p")) {
        c.kind = ConstraintKind::PrimaryKey;
    } else if (type == QLatin1String("u")) {
        c.kind = ConstraintKind::Unique;
    } else if (type == QLatin1String("x")) {
        c.kind = ConstraintKind::Exclusion;
    } else {
        c.kind = ConstraintKind::Check;
        c.expression = text(row, 4);
    }
    detail.constraints.append(c);
}

void addTrigger(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl)
{
    TriggerInfo t;
    t.name = text(row, 1);
    const int type = row.value(2).toInt();
    t.timing = (type & (1 << 1)) ? QStringLiteral("BEFORE")
               : (type & (1 << 6)) ? QStringLiteral("INSTEAD OF") : QStringLiteral("AFTER");
    t.events = triggerEvents(type);
    t.definition = text(row, 3);
    if (row.value(4).toBool())
        ddl.clonedTriggers.insert(t.name);
    detail.triggers.append(t);
}

} // namespace strata::catalog::pgrows
