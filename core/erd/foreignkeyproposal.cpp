#include "foreignkeyproposal.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace strata::erd {

namespace ops = migrate::ops;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("strata::erd::ForeignKeyProposal", text);
}

QStringList primaryKey(const DiagramTable &table)
{
    QStringList out;
    for (const DiagramColumn &c : table.columns)
        if (c.primaryKey)
            out << c.name;
    return out;
}

bool hasColumn(const DiagramTable &table, const QString &name)
{
    for (const DiagramColumn &c : table.columns)
        if (c.name == name)
            return true;
    return false;
}

/// The key a drop on the header (or on a primary-key column) means.
QStringList referencedKey(const DiagramTable &parent)
{
    if (const QStringList pk = primaryKey(parent); !pk.isEmpty())
        return pk;
    for (const DiagramColumn &c : parent.columns)
        if (c.unique)
            return {c.name};
    return {};
}

} // namespace

QStringList foreignKeyActions()
{
    return {QStringLiteral("NO ACTION"), QStringLiteral("RESTRICT"), QStringLiteral("CASCADE"), QStringLiteral("SET NULL"),
            QStringLiteral("SET DEFAULT")};
}

QString defaultForeignKeyName(const TableKey &child, const QStringList &childColumns)
{
    QStringList parts{QStringLiteral("fk"), child.name};
    for (const QString &c : childColumns)
        if (!c.isEmpty())
            parts << c;
    return parts.join(QLatin1Char('_'));
}

ForeignKeyProposal proposeForeignKey(const Diagram &diagram, const TableKey &child, const QString &fromColumn,
                                     const TableKey &parent, const QString &droppedColumn)
{
    ForeignKeyProposal p;
    p.child = child;
    p.parent = parent;
    const DiagramTable *parentTable = diagram.table(parent);
    const DiagramTable *childTable = diagram.table(child);
    QStringList key;
    if (parentTable) {
        const bool onKey = droppedColumn.isEmpty() || primaryKey(*parentTable).contains(droppedColumn);
        key = onKey ? referencedKey(*parentTable) : QStringList{droppedColumn};
        if (key.isEmpty() && !droppedColumn.isEmpty())
            key = QStringList{droppedColumn};
    }
    // The dragged column goes with the dropped column (on the header: the key column of its
    // name, else the key's first); the key's other columns with the child's columns of the
    // same name, when it has them.
    const qsizetype anchor = std::max<qsizetype>(0, key.indexOf(droppedColumn.isEmpty() ? fromColumn : droppedColumn));
    for (qsizetype i = 0; i < key.size(); ++i) {
        p.parentColumns << key.at(i);
        if (i == anchor)
            p.childColumns << fromColumn;
        else
            p.childColumns << (childTable && hasColumn(*childTable, key.at(i)) && key.at(i) != fromColumn ? key.at(i) : QString());
    }
    if (key.isEmpty()) {   // a table without a key: the person chooses
        p.childColumns << fromColumn;
        p.parentColumns << QString();
    }
    p.name = defaultForeignKeyName(child, p.childColumns);
    return p;
}

QStringList validateProposal(const Diagram &diagram, const ForeignKeyProposal &proposal)
{
    QStringList problems;
    const DiagramTable *child = diagram.table(proposal.child);
    const DiagramTable *parent = diagram.table(proposal.parent);
    if (!child || !parent)
        return {tr("The tables are no longer in the diagram.")};
    if (proposal.childColumns.isEmpty() || proposal.childColumns.size() != proposal.parentColumns.size())
        problems << tr("Pair every referencing column with a referenced column.");
    QSet<QString> seenChild, seenParent;
    for (qsizetype i = 0; i < proposal.childColumns.size(); ++i) {
        const QString c = proposal.childColumns.at(i), r = proposal.parentColumns.value(i);
        if (c.isEmpty() || r.isEmpty()) {
            problems << tr("Pair %1 has an empty column.").arg(i + 1);
            continue;
        }
        if (!hasColumn(*child, c))
            problems << tr("%1 has no column %2.").arg(proposal.child.display(), c);
        if (!hasColumn(*parent, r))
            problems << tr("%1 has no column %2.").arg(proposal.parent.display(), r);
        if (seenChild.contains(c) || seenParent.contains(r))
            problems << tr("A column is used twice in the key.");
        seenChild.insert(c);
        seenParent.insert(r);
    }
    for (const DiagramEdge &e : diagram.edges)
        if (e.from == proposal.child && e.to == proposal.parent && e.fromColumns == proposal.childColumns
            && e.toColumns == proposal.parentColumns)
            problems << tr("%1 already has this foreign key.").arg(proposal.child.display());
    problems.removeDuplicates();
    return problems;
}

ops::Operation foreignKeyOperation(const ForeignKeyProposal &proposal)
{
    catalog::ForeignKeyInfo fk;
    fk.name = proposal.name.trimmed();
    fk.columns = proposal.childColumns;
    fk.referencedSchema = proposal.parent.schema;
    fk.referencedTable = proposal.parent.name;
    fk.referencedColumns = proposal.parentColumns;
    fk.onDelete = proposal.onDelete;
    fk.onUpdate = proposal.onUpdate;
    return ops::AddForeignKey{proposal.child.schema, proposal.child.name, fk};
}

Result<ops::CompiledMigration> compileProposal(const ops::SchemaSnapshot &before, const Diagram &diagram,
                                               const ForeignKeyProposal &proposal)
{
    if (const QStringList problems = validateProposal(diagram, proposal); !problems.isEmpty())
        return Error(ErrorKind::Syntax, problems.first());
    if (before.schema != proposal.child.schema)
        return Error(ErrorKind::Internal, tr("The schema read is %1, not %2.").arg(before.schema, proposal.child.schema));
    return ops::compileMigration(dialect::dialectFor(before.dialect), {foreignKeyOperation(proposal)}, before);
}

} // namespace strata::erd
