#include "diffentry.h"

#include <QCoreApplication>

namespace strata::ui {

namespace ops = migrate::ops;
using Change = DiffEntry::Change;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("strata::ui::DiffEntry", text);
}

DiffEntry entry(const QString &owner, ObjectIcon icon, Change change, const QString &label, bool itself = false)
{
    DiffEntry e;
    e.owner = owner;
    e.icon = icon;
    e.change = change;
    e.label = label;
    e.isOwnerItself = itself;
    return e;
}

QString columnLabel(const catalog::ColumnInfo &c)
{
    QString text = tr("column %1 (%2").arg(c.name, c.dataType);
    if (!c.nullable)
        text += tr(", not null");
    if (!c.defaultValue.isEmpty())
        text += tr(", default %1").arg(c.defaultValue);
    return text + QLatin1Char(')');
}

QString alterLabel(const catalog::ColumnInfo &from, const catalog::ColumnInfo &to)
{
    QStringList what;
    if (from.dataType != to.dataType)
        what << tr("type %1 → %2").arg(from.dataType, to.dataType);
    if (from.nullable != to.nullable)
        what << (to.nullable ? tr("nullable") : tr("not null"));
    if (from.defaultValue != to.defaultValue)
        what << tr("default %1 → %2").arg(from.defaultValue.isEmpty() ? tr("none") : from.defaultValue,
                                          to.defaultValue.isEmpty() ? tr("none") : to.defaultValue);
    if (what.isEmpty())
        what << tr("definition");
    return tr("column %1: %2").arg(to.name, what.join(QStringLiteral(", ")));
}

QString indexLabel(const catalog::IndexInfo &index)
{
    return (index.unique ? tr("unique index %1 (%2)") : tr("index %1 (%2)"))
        .arg(index.name, index.columns.join(QStringLiteral(", ")));
}

QString foreignKeyLabel(const catalog::ForeignKeyInfo &fk)
{
    const QString name = fk.name.isEmpty() ? QString() : fk.name + QLatin1Char(' ');
    return tr("foreign key %1(%2) → %3(%4)")
        .arg(name, fk.columns.join(QStringLiteral(", ")), fk.referencedTable, fk.referencedColumns.join(QStringLiteral(", ")));
}

QString constraintLabel(const catalog::ConstraintInfo &c)
{
    if (c.kind == catalog::ConstraintKind::Check)
        return tr("check %1 (%2)").arg(c.name, c.expression);
    return tr("unique %1 (%2)").arg(c.name, c.columns.join(QStringLiteral(", ")));
}

} // namespace

DiffEntry diffEntry(const ops::Operation &op)
{
    return std::visit([](const auto &o) -> DiffEntry {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::CreateTable>)
            return entry(o.table.relation.name, ObjectIcon::Table, Change::Added, tr("table created"), true);
        else if constexpr (std::is_same_v<T, ops::DropTable>)
            return entry(o.table.relation.name, ObjectIcon::Table, Change::Removed, tr("table dropped"), true);
        else if constexpr (std::is_same_v<T, ops::RenameTable>) {
            DiffEntry e = entry(o.to, ObjectIcon::Table, Change::Renamed, tr("renamed from %1").arg(o.from), true);
            e.previousOwner = o.from;
            return e;
        } else if constexpr (std::is_same_v<T, ops::AddColumn>)
            return entry(o.table, ObjectIcon::Column, Change::Added, columnLabel(o.column));
        else if constexpr (std::is_same_v<T, ops::DropColumn>)
            return entry(o.table, ObjectIcon::Column, Change::Removed, columnLabel(o.column));
        else if constexpr (std::is_same_v<T, ops::AlterColumn>)
            return entry(o.table, ObjectIcon::Column, Change::Changed, alterLabel(o.from, o.to));
        else if constexpr (std::is_same_v<T, ops::RenameColumn>)
            return entry(o.table, ObjectIcon::Column, Change::Renamed, tr("column %1 → %2").arg(o.from, o.to));
        else if constexpr (std::is_same_v<T, ops::CreateIndex>)
            return entry(o.table, ObjectIcon::Index, Change::Added, indexLabel(o.index));
        else if constexpr (std::is_same_v<T, ops::DropIndex>)
            return entry(o.table, ObjectIcon::Index, Change::Removed, indexLabel(o.index));
        else if constexpr (std::is_same_v<T, ops::AddConstraint>)
            return entry(o.table, ObjectIcon::Constraint, Change::Added, constraintLabel(o.constraint));
        else if constexpr (std::is_same_v<T, ops::DropConstraint>)
            return entry(o.table, ObjectIcon::Constraint, Change::Removed, constraintLabel(o.constraint));
        else if constexpr (std::is_same_v<T, ops::AddForeignKey>)
            return entry(o.table, ObjectIcon::ForeignKey, Change::Added, foreignKeyLabel(o.foreignKey));
        else if constexpr (std::is_same_v<T, ops::DropForeignKey>)
            return entry(o.table, ObjectIcon::ForeignKey, Change::Removed, foreignKeyLabel(o.foreignKey));
        else if constexpr (std::is_same_v<T, ops::CreateView>)
            return entry(o.name, ObjectIcon::View, Change::Added, tr("view created"), true);
        else if constexpr (std::is_same_v<T, ops::DropView>)
            return entry(o.name, ObjectIcon::View, Change::Removed, tr("view dropped"), true);
        else if constexpr (std::is_same_v<T, ops::CreateSequence>)
            return entry(o.sequence.name, ObjectIcon::Sequence, Change::Added, tr("sequence created"), true);
        else if constexpr (std::is_same_v<T, ops::DropSequence>)
            return entry(o.sequence.name, ObjectIcon::Sequence, Change::Removed, tr("sequence dropped"), true);
        else if constexpr (std::is_same_v<T, ops::CreateEnum>)
            return entry(o.type.name, ObjectIcon::Constraint, Change::Added,
                         tr("enum type (%1)").arg(o.type.labels.join(QStringLiteral(", "))), true);
        else if constexpr (std::is_same_v<T, ops::DropEnum>)
            return entry(o.type.name, ObjectIcon::Constraint, Change::Removed, tr("enum type dropped"), true);
        else
            return entry(tr("(SQL)"), ObjectIcon::Function, Change::Changed, o.upgrade.left(60), true);
    }, op);
}

QColor changeColor(Change change)
{
    switch (change) {
    case Change::Added: return QColor(0x2e, 0x8b, 0x57);
    case Change::Removed: return QColor(0xc6, 0x28, 0x28);
    case Change::Changed: return QColor(0xc0, 0x6a, 0x00);
    case Change::Renamed: return QColor(0x1f, 0x6f, 0xd1);
    }
    return {};
}

QString changeMark(Change change)
{
    switch (change) {
    case Change::Added: return QStringLiteral("+");
    case Change::Removed: return QStringLiteral("−");
    case Change::Changed: return QStringLiteral("~");
    case Change::Renamed: return QStringLiteral("→");
    }
    return {};
}

} // namespace strata::ui
