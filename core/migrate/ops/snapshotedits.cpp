#include "snapshotedits.h"

#include "ddltext.h"

namespace strata::migrate::ops::edits {

using catalog::ConstraintInfo;
using catalog::ConstraintKind;
using catalog::ForeignKeyInfo;
using catalog::IndexInfo;
using catalog::TableDetail;
using dialect::DialectKind;

namespace {

bool sameNames(DialectKind kind, const QStringList &a, const QStringList &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i)
        if (!ddl::sameName(kind, a.at(i), b.at(i)))
            return false;
    return true;
}

void renameIn(DialectKind kind, QStringList &names, const QString &from, const QString &to)
{
    for (QString &n : names)
        if (ddl::sameName(kind, n, from))
            n = to;
}

void setPrimaryKey(DialectKind kind, TableDetail &table, const QStringList &columns)
{
    for (catalog::ColumnInfo &c : table.columns) {
        c.primaryKeyPosition = 0;
        for (int i = 0; i < columns.size(); ++i)
            if (ddl::sameName(kind, c.name, columns.at(i)))
                c.primaryKeyPosition = i + 1;
    }
}

void clearPrimaryKey(DialectKind kind, TableDetail &table)
{
    for (catalog::ColumnInfo &c : table.columns) {
        c.primaryKeyPosition = 0;
        if (kind == DialectKind::Sqlite)
            c.isIdentity = false;   // no longer a rowid alias
    }
    table.constraints.removeIf([](const ConstraintInfo &c) { return c.kind == ConstraintKind::PrimaryKey; });
    table.indexes.removeIf([](const IndexInfo &i) { return i.primary; });
}

} // namespace

int columnIndex(DialectKind kind, const TableDetail &table, const QString &name)
{
    for (int i = 0; i < table.columns.size(); ++i)
        if (ddl::sameName(kind, table.columns.at(i).name, name))
            return i;
    return -1;
}

int foreignKeyIndex(DialectKind kind, const TableDetail &table, const ForeignKeyInfo &fk)
{
    for (int i = 0; i < table.foreignKeys.size(); ++i) {
        const ForeignKeyInfo &f = table.foreignKeys.at(i);
        if (!fk.name.isEmpty() && !f.name.isEmpty()) {
            if (ddl::sameName(kind, f.name, fk.name))
                return i;
            continue;
        }
        if (sameNames(kind, f.columns, fk.columns) && ddl::sameName(kind, f.referencedTable, fk.referencedTable))
            return i;
    }
    return -1;
}

bool indexUses(DialectKind kind, const IndexInfo &index, const QString &name)
{
    for (int i = 0; i < index.columns.size(); ++i) {
        const bool expression = i < index.isExpression.size() && index.isExpression.at(i);
        if (expression ? ddl::mentions(index.columns.at(i), name) : ddl::sameName(kind, index.columns.at(i), name))
            return true;
    }
    return !index.predicate.isEmpty() && ddl::mentions(index.predicate, name);
}

bool constraintUses(DialectKind kind, const ConstraintInfo &constraint, const QString &name)
{
    if (ddl::containsName(kind, constraint.columns, name))
        return true;
    return constraint.kind == ConstraintKind::Check && ddl::mentions(constraint.expression, name);
}

void dropColumn(DialectKind kind, TableDetail &table, const QString &name)
{
    const int i = columnIndex(kind, table, name);
    if (i < 0)
        return;
    const bool inKey = table.columns.at(i).primaryKeyPosition > 0;
    table.columns.removeAt(i);
    for (int p = 0; p < table.columns.size(); ++p)
        table.columns[p].position = p + 1;
    if (inKey)
        clearPrimaryKey(kind, table);
    table.indexes.removeIf([&](const IndexInfo &index) { return indexUses(kind, index, name); });
    table.constraints.removeIf([&](const ConstraintInfo &c) { return constraintUses(kind, c, name); });
    table.foreignKeys.removeIf([&](const ForeignKeyInfo &fk) { return ddl::containsName(kind, fk.columns, name); });
}

void renameColumn(SchemaSnapshot &snapshot, const QString &tableName, const QString &from, const QString &to)
{
    const DialectKind kind = snapshot.dialect;
    const dialect::Dialect &d = dialect::dialectFor(kind);
    TableDetail *table = snapshot.table(tableName);
    if (!table)
        return;
    for (catalog::ColumnInfo &c : table->columns)
        if (ddl::sameName(kind, c.name, from))
            c.name = to;
    for (IndexInfo &index : table->indexes) {
        for (int i = 0; i < index.columns.size(); ++i) {
            const bool expression = i < index.isExpression.size() && index.isExpression.at(i);
            if (expression)
                index.columns[i] = ddl::renameIdentifier(d, index.columns.at(i), from, to);
            else if (ddl::sameName(kind, index.columns.at(i), from))
                index.columns[i] = to;
        }
        if (!index.predicate.isEmpty())
            index.predicate = ddl::renameIdentifier(d, index.predicate, from, to);
        if (!index.definition.isEmpty())
            index.definition = ddl::renameIdentifier(d, index.definition, from, to);
    }
    for (ConstraintInfo &c : table->constraints) {
        renameIn(kind, c.columns, from, to);
        if (c.kind == ConstraintKind::Check)
            c.expression = ddl::renameIdentifier(d, c.expression, from, to);
    }
    for (ForeignKeyInfo &fk : table->foreignKeys)
        renameIn(kind, fk.columns, from, to);
    for (catalog::TriggerInfo &trigger : table->triggers)
        trigger.definition = ddl::renameIdentifier(d, trigger.definition, from, to);
    // Referencing foreign keys (the table's own included) and views that read the table.
    for (TableDetail &other : snapshot.tables)
        for (ForeignKeyInfo &fk : other.foreignKeys)
            if (ddl::sameName(kind, fk.referencedTable, table->relation.name))
                renameIn(kind, fk.referencedColumns, from, to);
    for (TableDetail &view : snapshot.views)
        if (ddl::mentions(view.viewDefinition, table->relation.name))
            view.viewDefinition = ddl::renameIdentifier(d, view.viewDefinition, from, to);
}

void renameTable(SchemaSnapshot &snapshot, const QString &from, const QString &to)
{
    const DialectKind kind = snapshot.dialect;
    const dialect::Dialect &d = dialect::dialectFor(kind);
    TableDetail *table = snapshot.table(from);
    if (!table)
        return;
    table->relation.name = to;
    for (IndexInfo &index : table->indexes)
        if (!index.definition.isEmpty())
            index.definition = ddl::renameIdentifier(d, index.definition, from, to);
    for (TableDetail &other : snapshot.tables) {
        for (ForeignKeyInfo &fk : other.foreignKeys)
            if (ddl::sameName(kind, fk.referencedTable, from))
                fk.referencedTable = to;
        for (catalog::TriggerInfo &trigger : other.triggers)
            if (ddl::mentions(trigger.definition, from))
                trigger.definition = ddl::renameIdentifier(d, trigger.definition, from, to);
    }
    for (TableDetail &view : snapshot.views) {
        if (ddl::mentions(view.viewDefinition, from))
            view.viewDefinition = ddl::renameIdentifier(d, view.viewDefinition, from, to);
        for (catalog::TriggerInfo &trigger : view.triggers)
            if (ddl::mentions(trigger.definition, from))
                trigger.definition = ddl::renameIdentifier(d, trigger.definition, from, to);
    }
}

void addConstraint(DialectKind kind, TableDetail &table, const ConstraintInfo &constraint)
{
    if (constraint.kind == ConstraintKind::PrimaryKey) {
        clearPrimaryKey(kind, table);
        setPrimaryKey(kind, table, constraint.columns);
    }
    table.constraints.append(constraint);
    // PostgreSQL backs a unique constraint with an index of the same name.
    if (kind == DialectKind::Postgres && constraint.kind == ConstraintKind::Unique && !constraint.name.isEmpty()) {
        IndexInfo index;
        index.name = constraint.name;
        index.columns = constraint.columns;
        index.isExpression = QList<bool>(constraint.columns.size(), false);
        index.unique = true;
        index.method = QStringLiteral("btree");
        table.indexes.append(index);
    }
}

bool dropConstraint(DialectKind kind, TableDetail &table, const ConstraintInfo &constraint)
{
    int found = -1;
    for (int i = 0; i < table.constraints.size() && found < 0; ++i) {
        const ConstraintInfo &c = table.constraints.at(i);
        const bool match = !constraint.name.isEmpty() && !c.name.isEmpty()
                               ? ddl::sameName(kind, c.name, constraint.name)
                               : c.kind == constraint.kind && sameNames(kind, c.columns, constraint.columns)
                                     && (c.kind != ConstraintKind::Check || c.expression == constraint.expression);
        if (match)
            found = i;
    }
    if (found < 0)
        return false;
    const ConstraintInfo c = table.constraints.takeAt(found);
    if (c.kind == ConstraintKind::PrimaryKey)
        clearPrimaryKey(kind, table);
    if (c.kind == ConstraintKind::Unique) {
        table.indexes.removeIf([&](const IndexInfo &index) {
            if (kind == DialectKind::Postgres)
                return !c.name.isEmpty() && index.name == c.name;
            return index.unique && ddl::isConstraintIndex(kind, table, index) && !index.primary
                   && sameNames(kind, index.columns, c.columns);
        });
    }
    return true;
}

} // namespace strata::migrate::ops::edits
