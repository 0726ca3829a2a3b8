#pragma once

// Small builders for hand-made snapshots and a one-line spelling of operations that does
// not depend on the compiler, shared by the autogenerate tests.

#include "migrate/ops/schemasnapshot.h"

#include <QStringList>

namespace autogentest {

using namespace strata;
using namespace strata::migrate;

inline QString s(const char *text)
{
    return QString::fromUtf8(text);
}

inline catalog::ColumnInfo col(const char *name, const char *type, bool nullable = true, const char *def = "", int pk = 0)
{
    catalog::ColumnInfo c;
    c.name = s(name);
    c.dataType = s(type);
    c.nullable = nullable;
    c.defaultValue = s(def);
    c.primaryKeyPosition = pk;
    return c;
}

inline catalog::TableDetail table(const char *name, const QList<catalog::ColumnInfo> &columns)
{
    catalog::TableDetail t;
    t.relation.name = s(name);
    t.columns = columns;
    for (int i = 0; i < t.columns.size(); ++i)
        t.columns[i].position = i + 1;
    return t;
}

inline catalog::ForeignKeyInfo fk(const char *column, const char *table, const char *refColumn, const char *onDelete = "NO ACTION")
{
    catalog::ForeignKeyInfo f;
    f.columns = {s(column)};
    f.referencedTable = s(table);
    f.referencedColumns = {s(refColumn)};
    f.onDelete = s(onDelete);
    f.onUpdate = s("NO ACTION");
    return f;
}

inline ops::SchemaSnapshot snapshot(dialect::DialectKind kind, const QList<catalog::TableDetail> &tables)
{
    ops::SchemaSnapshot snap;
    snap.dialect = kind;
    snap.schema = kind == dialect::DialectKind::Sqlite ? s("main") : s("public");
    snap.tables = tables;
    for (catalog::TableDetail &t : snap.tables)
        t.relation.schema = snap.schema;
    return snap;
}

inline QString constraintText(const catalog::ConstraintInfo &c)
{
    return c.kind == catalog::ConstraintKind::Check ? c.expression : c.columns.join(u',');
}

/// "AddColumn books.price", "CreateTable authors", ... in order.
inline QString spell(const ops::Operation &op)
{
    return std::visit([](const auto &o) -> QString {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::CreateTable>) return s("CreateTable ") + o.table.relation.name;
        else if constexpr (std::is_same_v<T, ops::DropTable>) return s("DropTable ") + o.table.relation.name;
        else if constexpr (std::is_same_v<T, ops::RenameTable>) return s("RenameTable %1->%2").arg(o.from, o.to);
        else if constexpr (std::is_same_v<T, ops::AddColumn>) return s("AddColumn %1.%2").arg(o.table, o.column.name);
        else if constexpr (std::is_same_v<T, ops::DropColumn>) return s("DropColumn %1.%2").arg(o.table, o.column.name);
        else if constexpr (std::is_same_v<T, ops::AlterColumn>) return s("AlterColumn %1.%2").arg(o.table, o.to.name);
        else if constexpr (std::is_same_v<T, ops::RenameColumn>) return s("RenameColumn %1.%2->%3").arg(o.table, o.from, o.to);
        else if constexpr (std::is_same_v<T, ops::CreateIndex>) return s("CreateIndex %1.%2").arg(o.table, o.index.name);
        else if constexpr (std::is_same_v<T, ops::DropIndex>) return s("DropIndex %1.%2").arg(o.table, o.index.name);
        else if constexpr (std::is_same_v<T, ops::AddConstraint>) return s("AddConstraint %1.%2").arg(o.table, constraintText(o.constraint));
        else if constexpr (std::is_same_v<T, ops::DropConstraint>) return s("DropConstraint %1.%2").arg(o.table, constraintText(o.constraint));
        else if constexpr (std::is_same_v<T, ops::AddForeignKey>) return s("AddForeignKey %1->%2").arg(o.table, o.foreignKey.referencedTable);
        else if constexpr (std::is_same_v<T, ops::DropForeignKey>) return s("DropForeignKey %1->%2").arg(o.table, o.foreignKey.referencedTable);
        else if constexpr (std::is_same_v<T, ops::CreateView>) return s("CreateView ") + o.name;
        else if constexpr (std::is_same_v<T, ops::DropView>) return s("DropView ") + o.name;
        else if constexpr (std::is_same_v<T, ops::CreateSequence>) return s("CreateSequence ") + o.sequence.name;
        else if constexpr (std::is_same_v<T, ops::DropSequence>) return s("DropSequence ") + o.sequence.name;
        else if constexpr (std::is_same_v<T, ops::CreateEnum>) return s("CreateEnum ") + o.type.name;
        else if constexpr (std::is_same_v<T, ops::DropEnum>) return s("DropEnum ") + o.type.name;
        else return s("RawSql ") + o.upgrade;
    }, op);
}

inline QStringList spell(const QList<ops::Operation> &ops)
{
    QStringList out;
    for (const ops::Operation &op : ops)
        out.append(spell(op));
    return out;
}

} // namespace autogentest
