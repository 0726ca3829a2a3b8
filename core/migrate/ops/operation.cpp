#include "operation.h"

#include "overloaded.h"

namespace strata::migrate::ops {

namespace {

QString dotted(const QString &table, const QString &column)
{
    return table + QLatin1Char('.') + column;
}

QString constraintWord(catalog::ConstraintKind kind)
{
    switch (kind) {
    case catalog::ConstraintKind::PrimaryKey: return QStringLiteral("primary key");
    case catalog::ConstraintKind::Unique: return QStringLiteral("unique constraint");
    case catalog::ConstraintKind::Check: return QStringLiteral("check constraint");
    case catalog::ConstraintKind::Exclusion: return QStringLiteral("exclusion constraint");
    }
    return QString();
}

QString constraintLabel(const catalog::ConstraintInfo &c, const QString &table)
{
    const QString name = c.name.isEmpty() ? QStringLiteral("(%1)").arg(c.columns.join(QLatin1String(", "))) : c.name;
    return QStringLiteral("%1 %2 on %3").arg(constraintWord(c.kind), name, table);
}

QString foreignKeyLabel(const catalog::ForeignKeyInfo &fk, const QString &table)
{
    const QString name = fk.name.isEmpty()
                             ? QStringLiteral("(%1) -> %2").arg(fk.columns.join(QLatin1String(", ")), fk.referencedTable)
                             : fk.name;
    return QStringLiteral("foreign key %1 on %2").arg(name, table);
}

QString viewWord(bool materialized)
{
    return materialized ? QStringLiteral("materialized view") : QStringLiteral("view");
}

QStringList alterNotes(const AlterColumn &op)
{
    QStringList notes;
    const QString column = dotted(op.table, op.to.name);
    if (op.from.dataType.compare(op.to.dataType, Qt::CaseInsensitive) != 0)
        notes.append(QStringLiteral("type change of %1 from %2 to %3 may fail on existing data")
                         .arg(column, op.from.dataType, op.to.dataType));
    if (op.from.nullable && !op.to.nullable)
        notes.append(QStringLiteral("NOT NULL added to %1: fails if a row holds NULL in it").arg(column));
    return notes;
}

} // namespace

Operation reverse(const Operation &op)
{
    return std::visit(Overloaded{
        [](const CreateTable &o) -> Operation { return DropTable{o.table}; },
        [](const DropTable &o) -> Operation { return CreateTable{o.table}; },
        [](const RenameTable &o) -> Operation { return RenameTable{o.schema, o.to, o.from}; },
        [](const AddColumn &o) -> Operation { return DropColumn{o.schema, o.table, o.column}; },
        [](const DropColumn &o) -> Operation { return AddColumn{o.schema, o.table, o.column}; },
        [](const AlterColumn &o) -> Operation { return AlterColumn{o.schema, o.table, o.to, o.from}; },
        [](const RenameColumn &o) -> Operation { return RenameColumn{o.schema, o.table, o.to, o.from}; },
        [](const CreateIndex &o) -> Operation { return DropIndex{o.schema, o.table, o.index}; },
        [](const DropIndex &o) -> Operation { return CreateIndex{o.schema, o.table, o.index}; },
        [](const AddConstraint &o) -> Operation { return DropConstraint{o.schema, o.table, o.constraint}; },
        [](const DropConstraint &o) -> Operation { return AddConstraint{o.schema, o.table, o.constraint}; },
        [](const AddForeignKey &o) -> Operation { return DropForeignKey{o.schema, o.table, o.foreignKey}; },
        [](const DropForeignKey &o) -> Operation { return AddForeignKey{o.schema, o.table, o.foreignKey}; },
        [](const CreateView &o) -> Operation { return DropView{o.schema, o.name, o.definition, o.materialized}; },
        [](const DropView &o) -> Operation { return CreateView{o.schema, o.name, o.definition, o.materialized}; },
        [](const CreateSequence &o) -> Operation { return DropSequence{o.sequence, o.start, o.increment}; },
        [](const DropSequence &o) -> Operation { return CreateSequence{o.sequence, o.start, o.increment}; },
        [](const CreateEnum &o) -> Operation { return DropEnum{o.type}; },
        [](const DropEnum &o) -> Operation { return CreateEnum{o.type}; },
        [](const RawSql &o) -> Operation { return RawSql{o.downgrade, o.upgrade, o.dialect}; },
    }, op);
}

QList<Operation> reverse(const QList<Operation> &ops)
{
    QList<Operation> out;
    out.reserve(ops.size());
    for (auto it = ops.crbegin(); it != ops.crend(); ++it)
        out.append(reverse(*it));
    return out;
}

QString describe(const Operation &op)
{
    return std::visit(Overloaded{
        [](const CreateTable &o) { return QStringLiteral("create table ") + o.table.relation.name; },
        [](const DropTable &o) { return QStringLiteral("drop table ") + o.table.relation.name; },
        [](const RenameTable &o) { return QStringLiteral("rename table %1 to %2").arg(o.from, o.to); },
        [](const AddColumn &o) { return QStringLiteral("add column ") + dotted(o.table, o.column.name); },
        [](const DropColumn &o) { return QStringLiteral("drop column ") + dotted(o.table, o.column.name); },
        [](const AlterColumn &o) { return QStringLiteral("alter column ") + dotted(o.table, o.to.name); },
        [](const RenameColumn &o) { return QStringLiteral("rename column %1 to %2").arg(dotted(o.table, o.from), o.to); },
        [](const CreateIndex &o) { return QStringLiteral("create index %1 on %2").arg(o.index.name, o.table); },
        [](const DropIndex &o) { return QStringLiteral("drop index %1 on %2").arg(o.index.name, o.table); },
        [](const AddConstraint &o) { return QStringLiteral("add ") + constraintLabel(o.constraint, o.table); },
        [](const DropConstraint &o) { return QStringLiteral("drop ") + constraintLabel(o.constraint, o.table); },
        [](const AddForeignKey &o) { return QStringLiteral("add ") + foreignKeyLabel(o.foreignKey, o.table); },
        [](const DropForeignKey &o) { return QStringLiteral("drop ") + foreignKeyLabel(o.foreignKey, o.table); },
        [](const CreateView &o) { return QStringLiteral("create %1 %2").arg(viewWord(o.materialized), o.name); },
        [](const DropView &o) { return QStringLiteral("drop %1 %2").arg(viewWord(o.materialized), o.name); },
        [](const CreateSequence &o) { return QStringLiteral("create sequence ") + o.sequence.name; },
        [](const DropSequence &o) { return QStringLiteral("drop sequence ") + o.sequence.name; },
        [](const CreateEnum &o) { return QStringLiteral("create enum type ") + o.type.name; },
        [](const DropEnum &o) { return QStringLiteral("drop enum type ") + o.type.name; },
        [](const RawSql &o) {
            return o.dialect.isEmpty() ? QStringLiteral("raw SQL") : QStringLiteral("raw SQL (%1)").arg(o.dialect);
        },
    }, op);
}

QStringList reviewNotes(const Operation &op)
{
    return std::visit(Overloaded{
        [](const DropTable &o) {
            return QStringList{QStringLiteral("drop: every row of table %1 is lost").arg(o.table.relation.name)};
        },
        [](const RenameTable &o) {
            return QStringList{QStringLiteral("rename: check this is not a drop + add (table %1 -> %2)").arg(o.from, o.to)};
        },
        [](const AddColumn &o) {
            if (o.column.nullable || !o.column.defaultValue.isEmpty() || o.column.isIdentity || o.column.isGenerated)
                return QStringList();
            return QStringList{QStringLiteral("NOT NULL column %1 without a default: fails if the table has rows")
                                   .arg(dotted(o.table, o.column.name))};
        },
        [](const DropColumn &o) {
            return QStringList{QStringLiteral("drop: the data of column %1 is lost").arg(dotted(o.table, o.column.name))};
        },
        [](const AlterColumn &o) { return alterNotes(o); },
        [](const RenameColumn &o) {
            return QStringList{QStringLiteral("rename: check this is not a drop + add (column %1 -> %2)")
                                   .arg(dotted(o.table, o.from), o.to)};
        },
        [](const AddConstraint &o) {
            return QStringList{QStringLiteral("%1: fails if existing rows violate it").arg(constraintLabel(o.constraint, o.table))};
        },
        [](const AddForeignKey &o) {
            return QStringList{QStringLiteral("%1: existing rows must reference existing parent rows")
                                   .arg(foreignKeyLabel(o.foreignKey, o.table))};
        },
        [](const DropView &o) {
            return QStringList{QStringLiteral("drop: views and code that read %1 %2 break").arg(viewWord(o.materialized), o.name)};
        },
        [](const DropSequence &o) {
            return QStringList{QStringLiteral("drop: the current value of sequence %1 is lost").arg(o.sequence.name)};
        },
        [](const DropEnum &o) {
            return QStringList{QStringLiteral("drop: enum type %1 must no longer be used by any column").arg(o.type.name)};
        },
        [](const RawSql &o) {
            if (o.downgrade.trimmed().isEmpty())
                return QStringList{QStringLiteral("hand-written SQL without a reverse: the downgrade does nothing")};
            return QStringList();
        },
        [](const auto &) { return QStringList(); },
    }, op);
}

bool losesData(const Operation &op)
{
    return std::holds_alternative<DropTable>(op) || std::holds_alternative<DropColumn>(op);
}

} // namespace strata::migrate::ops
