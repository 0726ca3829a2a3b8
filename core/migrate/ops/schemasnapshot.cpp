#include "schemasnapshot.h"

#include "ddltext.h"
#include "overloaded.h"
#include "snapshotedits.h"

namespace strata::migrate::ops {

using catalog::ConstraintKind;
using catalog::TableDetail;
using dialect::DialectKind;

namespace {

Error missing(const QString &what)
{
    return Error(ErrorKind::NotFound, QStringLiteral("%1 does not exist in the schema").arg(what));
}

Error exists(const QString &what)
{
    return Error(ErrorKind::Conflict, QStringLiteral("%1 already exists in the schema").arg(what));
}

template <typename List, typename Pred>
bool removeFirst(List &list, Pred pred)
{
    for (auto it = list.begin(); it != list.end(); ++it) {
        if (pred(*it)) {
            list.erase(it);
            return true;
        }
    }
    return false;
}

class Applier {
public:
    explicit Applier(SchemaSnapshot &s) : m_s(s), m_kind(s.dialect) {}

    Status operator()(const CreateTable &op)
    {
        if (m_s.table(op.table.relation.name) || m_s.view(op.table.relation.name))
            return exists(QStringLiteral("table ") + op.table.relation.name);
        m_s.tables.append(op.table);
        return {};
    }
    Status operator()(const DropTable &op)
    {
        const QString &name = op.table.relation.name;
        if (!removeFirst(m_s.tables, [&](const TableDetail &t) { return same(t.relation.name, name); }))
            return missing(QStringLiteral("table ") + name);
        return {};
    }
    Status operator()(const RenameTable &op)
    {
        if (!m_s.table(op.from))
            return missing(QStringLiteral("table ") + op.from);
        if (!ddl::sameName(m_kind, op.from, op.to) && (m_s.table(op.to) || m_s.view(op.to)))
            return exists(QStringLiteral("table ") + op.to);
        edits::renameTable(m_s, op.from, op.to);
        return {};
    }
    Status operator()(const AddColumn &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t)
            return missing(QStringLiteral("table ") + op.table);
        if (edits::columnIndex(m_kind, *t, op.column.name) >= 0)
            return exists(QStringLiteral("column %1.%2").arg(op.table, op.column.name));
        catalog::ColumnInfo column = op.column;
        column.position = int(t->columns.size()) + 1;
        t->columns.append(column);
        return {};
    }
    Status operator()(const DropColumn &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t)
            return missing(QStringLiteral("table ") + op.table);
        if (edits::columnIndex(m_kind, *t, op.column.name) < 0)
            return missing(QStringLiteral("column %1.%2").arg(op.table, op.column.name));
        edits::dropColumn(m_kind, *t, op.column.name);
        return {};
    }
    Status operator()(const AlterColumn &op)
    {
        TableDetail *t = m_s.table(op.table);
        const int i = t ? edits::columnIndex(m_kind, *t, op.from.name) : -1;
        if (i < 0)
            return missing(QStringLiteral("column %1.%2").arg(op.table, op.from.name));
        const int position = t->columns.at(i).position;
        t->columns[i] = op.to;
        t->columns[i].position = position;
        return {};
    }
    Status operator()(const RenameColumn &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t || edits::columnIndex(m_kind, *t, op.from) < 0)
            return missing(QStringLiteral("column %1.%2").arg(op.table, op.from));
        if (!ddl::sameName(m_kind, op.from, op.to) && edits::columnIndex(m_kind, *t, op.to) >= 0)
            return exists(QStringLiteral("column %1.%2").arg(op.table, op.to));
        edits::renameColumn(m_s, t->relation.name, op.from, op.to);
        return {};
    }
    Status operator()(const CreateIndex &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t)
            return missing(QStringLiteral("table ") + op.table);
        for (const TableDetail &other : m_s.tables)
            for (const catalog::IndexInfo &index : other.indexes)
                if (same(index.name, op.index.name))
                    return exists(QStringLiteral("index ") + op.index.name);
        t->indexes.append(op.index);
        return {};
    }
    Status operator()(const DropIndex &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t || !removeFirst(t->indexes, [&](const catalog::IndexInfo &i) { return same(i.name, op.index.name); }))
            return missing(QStringLiteral("index %1 on %2").arg(op.index.name, op.table));
        return {};
    }
    Status operator()(const AddConstraint &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t)
            return missing(QStringLiteral("table ") + op.table);
        edits::addConstraint(m_kind, *t, op.constraint);
        return {};
    }
    Status operator()(const DropConstraint &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t || !edits::dropConstraint(m_kind, *t, op.constraint))
            return missing(QStringLiteral("constraint %1 on %2").arg(op.constraint.name, op.table));
        return {};
    }
    Status operator()(const AddForeignKey &op)
    {
        TableDetail *t = m_s.table(op.table);
        if (!t)
            return missing(QStringLiteral("table ") + op.table);
        t->foreignKeys.append(op.foreignKey);
        return {};
    }
    Status operator()(const DropForeignKey &op)
    {
        TableDetail *t = m_s.table(op.table);
        const int i = t ? edits::foreignKeyIndex(m_kind, *t, op.foreignKey) : -1;
        if (i < 0)
            return missing(QStringLiteral("foreign key %1 on %2").arg(op.foreignKey.name, op.table));
        t->foreignKeys.removeAt(i);
        return {};
    }
    Status operator()(const CreateView &op)
    {
        if (m_s.view(op.name) || m_s.table(op.name))
            return exists(QStringLiteral("view ") + op.name);
        TableDetail view;
        view.relation.schema = op.schema.isEmpty() ? m_s.schema : op.schema;
        view.relation.name = op.name;
        view.relation.kind = op.materialized ? catalog::RelationKind::MaterializedView : catalog::RelationKind::View;
        view.viewDefinition = op.definition;
        m_s.views.append(view);
        return {};
    }
    Status operator()(const DropView &op)
    {
        if (!removeFirst(m_s.views, [&](const TableDetail &v) { return same(v.relation.name, op.name); }))
            return missing(QStringLiteral("view ") + op.name);
        return {};
    }
    Status operator()(const CreateSequence &op)
    {
        for (const catalog::SequenceInfo &s : m_s.sequences)
            if (same(s.name, op.sequence.name))
                return exists(QStringLiteral("sequence ") + op.sequence.name);
        m_s.sequences.append(op.sequence);
        return {};
    }
    Status operator()(const DropSequence &op)
    {
        if (!removeFirst(m_s.sequences, [&](const catalog::SequenceInfo &s) { return same(s.name, op.sequence.name); }))
            return missing(QStringLiteral("sequence ") + op.sequence.name);
        return {};
    }
    Status operator()(const CreateEnum &op)
    {
        for (const EnumTypeInfo &e : m_s.enums)
            if (same(e.name, op.type.name))
                return exists(QStringLiteral("enum type ") + op.type.name);
        m_s.enums.append(op.type);
        return {};
    }
    Status operator()(const DropEnum &op)
    {
        if (!removeFirst(m_s.enums, [&](const EnumTypeInfo &e) { return same(e.name, op.type.name); }))
            return missing(QStringLiteral("enum type ") + op.type.name);
        return {};
    }
    Status operator()(const RawSql &) { return {}; }   // opaque: the snapshot cannot follow it

private:
    bool same(const QString &a, const QString &b) const { return ddl::sameName(m_kind, a, b); }

    SchemaSnapshot &m_s;
    DialectKind m_kind;
};

template <typename List>
auto findByName(List &list, DialectKind kind, const QString &name) -> decltype(&list.first())
{
    for (auto &item : list)
        if (ddl::sameName(kind, item.relation.name, name))
            return &item;
    return nullptr;
}

} // namespace

const TableDetail *SchemaSnapshot::table(const QString &name) const
{
    return findByName(tables, dialect, name);
}

TableDetail *SchemaSnapshot::table(const QString &name)
{
    return findByName(tables, dialect, name);
}

const TableDetail *SchemaSnapshot::view(const QString &name) const
{
    return findByName(views, dialect, name);
}

Status applyOperation(SchemaSnapshot &snapshot, const Operation &op)
{
    Status status = std::visit(Applier(snapshot), op);
    if (!status) {
        Error e = status.error();
        e.message = QStringLiteral("%1: %2").arg(describe(op), e.message);
        return e;
    }
    return status;
}

void moveToSchema(SchemaSnapshot &snapshot, const QString &schema)
{
    const QString old = snapshot.schema;
    snapshot.schema = schema;
    for (QList<catalog::TableDetail> *list : {&snapshot.tables, &snapshot.views}) {
        for (catalog::TableDetail &t : *list) {
            t.relation.schema = schema;
            for (catalog::ForeignKeyInfo &fk : t.foreignKeys)
                if (fk.referencedSchema == old)
                    fk.referencedSchema = schema;
        }
    }
    for (catalog::SequenceInfo &s : snapshot.sequences)
        s.schema = schema;
    for (EnumTypeInfo &e : snapshot.enums)
        e.schema = schema;
}

} // namespace strata::migrate::ops
