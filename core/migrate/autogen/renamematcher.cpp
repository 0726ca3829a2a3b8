// Rename detection: a table that disappears while one with the same columns (names and
// types by meaning) appears, or within a table a column that disappears while exactly one
// of the same type appears, is proposed as a rename rather than drop + create (which
// would lose the rows). Ambiguous shapes are never guessed: they stay drop + add unless
// the user forces a rename.

#include "normalize.h"
#include "tablediff.h"

#include <QSet>

namespace strata::migrate::autogen::detail {

namespace {

using catalog::TableDetail;
using dialect::DialectKind;

const TableDetail *findTable(const ops::SchemaSnapshot &s, const QString &name)
{
    for (const TableDetail &t : s.tables)
        if (nameKey(s.dialect, t.relation.name) == nameKey(s.dialect, name))
            return &t;
    return nullptr;
}

const catalog::ColumnInfo *findColumn(DialectKind d, const TableDetail &t, const QString &name)
{
    for (const catalog::ColumnInfo &c : t.columns)
        if (nameKey(d, c.name) == nameKey(d, name))
            return &c;
    return nullptr;
}

QSet<QString> shape(DialectKind d, const TableDetail &t)
{
    QSet<QString> columns;
    for (const catalog::ColumnInfo &c : t.columns)
        columns.insert(nameKey(d, c.name) + QLatin1Char(' ') + normalizeType(d, c.dataType));
    return columns;
}

bool isRejected(const CompareOptions &o, const RenameProposal &p)
{
    for (const RenameProposal &r : o.rejected)
        if (r.kind == p.kind && r.from == p.from && r.to == p.to && (p.kind == RenameProposal::Kind::Table || r.table == p.table))
            return true;
    return false;
}

Status forcedRename(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target, const QString &spec,
                    QList<RenameProposal> &out)
{
    const QString from = spec.section(QLatin1Char('='), 0, 0).trimmed();
    const QString to = spec.section(QLatin1Char('='), 1).trimmed();
    const auto bad = [&](const QString &why) {
        return Error(ErrorKind::Syntax, QStringLiteral("--rename %1: %2").arg(spec, why));
    };
    if (from.isEmpty() || to.isEmpty() || !spec.contains(QLatin1Char('=')))
        return bad(QStringLiteral("expected old=new or table.old=new"));
    const DialectKind d = current.dialect;
    if (!from.contains(QLatin1Char('.'))) {
        if (!findTable(current, from) || findTable(target, from))
            return bad(QStringLiteral("the database has no table %1 that the target lacks").arg(from));
        if (!findTable(target, to) || findTable(current, to))
            return bad(QStringLiteral("the target has no new table %1").arg(to));
        out.append({RenameProposal::Kind::Table, current.schema, QString(), findTable(current, from)->relation.name,
                    findTable(target, to)->relation.name, true});
        return {};
    }
    const QString table = from.section(QLatin1Char('.'), 0, -2);
    const QString column = from.section(QLatin1Char('.'), -1);
    QString currentTable = table;
    for (const RenameProposal &r : std::as_const(out))
        if (r.kind == RenameProposal::Kind::Table && nameKey(d, r.to) == nameKey(d, table))
            currentTable = r.from;
    const TableDetail *cur = findTable(current, currentTable);
    const TableDetail *tgt = findTable(target, table);
    if (!cur || !tgt)
        return bad(QStringLiteral("no table %1 on both sides").arg(table));
    if (!findColumn(d, *cur, column) || findColumn(d, *tgt, column))
        return bad(QStringLiteral("the database's %1 has no column %2 that the target lacks").arg(table, column));
    if (!findColumn(d, *tgt, to) || findColumn(d, *cur, to))
        return bad(QStringLiteral("the target's %1 has no new column %2").arg(table, to));
    out.append({RenameProposal::Kind::Column, current.schema, tgt->relation.name, findColumn(d, *cur, column)->name,
                findColumn(d, *tgt, to)->name, true});
    return {};
}

bool alreadyRenamed(DialectKind d, const QList<RenameProposal> &renames, RenameProposal::Kind kind, const QString &table,
                    const QString &from, const QString &to)
{
    for (const RenameProposal &r : renames)
        if (r.kind == kind && nameKey(d, r.table) == nameKey(d, table)
            && (nameKey(d, r.from) == nameKey(d, from) || nameKey(d, r.to) == nameKey(d, to)))
            return true;
    return false;
}

void proposeTableRenames(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target, const CompareOptions &o,
                         QList<RenameProposal> &out)
{
    const DialectKind d = current.dialect;
    QList<const TableDetail *> gone, added;
    for (const TableDetail &t : current.tables)
        if (!findTable(target, t.relation.name) && !alreadyRenamed(d, out, RenameProposal::Kind::Table, {}, t.relation.name, {}))
            gone.append(&t);
    for (const TableDetail &t : target.tables)
        if (!findTable(current, t.relation.name) && !alreadyRenamed(d, out, RenameProposal::Kind::Table, {}, {}, t.relation.name))
            added.append(&t);
    for (const TableDetail *g : gone) {
        QList<const TableDetail *> same;
        for (const TableDetail *a : added)
            if (shape(d, *a) == shape(d, *g))
                same.append(a);
        int rivals = 0;   // other disappearing tables of that shape make it ambiguous
        for (const TableDetail *other : gone)
            rivals += same.size() == 1 && shape(d, *other) == shape(d, *same.first());
        const RenameProposal p{RenameProposal::Kind::Table, current.schema, QString(), g->relation.name,
                               same.isEmpty() ? QString() : same.first()->relation.name, true};
        if (same.size() == 1 && rivals == 1 && !isRejected(o, p))
            out.append(p);
    }
}

void proposeColumnRenames(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target, const CompareOptions &o,
                          QList<RenameProposal> &out)
{
    const DialectKind d = current.dialect;
    for (const TableDetail &tgt : target.tables) {
        QString currentName = tgt.relation.name;
        for (const RenameProposal &r : std::as_const(out))
            if (r.kind == RenameProposal::Kind::Table && nameKey(d, r.to) == nameKey(d, tgt.relation.name))
                currentName = r.from;
        const TableDetail *cur = findTable(current, currentName);
        if (!cur)
            continue;
        QList<const catalog::ColumnInfo *> gone, added;
        const QString table = tgt.relation.name;
        for (const catalog::ColumnInfo &c : cur->columns)
            if (!findColumn(d, tgt, c.name) && !alreadyRenamed(d, out, RenameProposal::Kind::Column, table, c.name, {}))
                gone.append(&c);
        for (const catalog::ColumnInfo &c : tgt.columns)
            if (!findColumn(d, *cur, c.name) && !alreadyRenamed(d, out, RenameProposal::Kind::Column, table, {}, c.name))
                added.append(&c);
        const auto typeOf = [d](const catalog::ColumnInfo *c) { return normalizeType(d, c->dataType); };
        for (const catalog::ColumnInfo *g : gone) {
            const auto sameType = [&](const QList<const catalog::ColumnInfo *> &list) {
                QList<const catalog::ColumnInfo *> hits;
                for (const catalog::ColumnInfo *c : list)
                    if (typeOf(c) == typeOf(g))
                        hits.append(c);
                return hits;
            };
            const QList<const catalog::ColumnInfo *> candidates = sameType(added);
            if (candidates.size() != 1 || sameType(gone).size() != 1)
                continue;
            const RenameProposal p{RenameProposal::Kind::Column, current.schema, table, g->name, candidates.first()->name, true};
            if (!isRejected(o, p))
                out.append(p);
        }
    }
}

void renameInList(DialectKind d, QStringList &names, const QString &from, const QString &to)
{
    for (QString &n : names)
        if (nameKey(d, n) == nameKey(d, from))
            n = to;
}

} // namespace

Result<QList<RenameProposal>> planRenames(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target,
                                          const CompareOptions &options)
{
    QList<RenameProposal> renames;
    // Table renames first, so a column rename may name its table by the new name.
    QStringList forced = options.forcedRenames;
    std::stable_sort(forced.begin(), forced.end(), [](const QString &a, const QString &b) {
        return !a.section(QLatin1Char('='), 0, 0).contains(QLatin1Char('.')) && b.section(QLatin1Char('='), 0, 0).contains(QLatin1Char('.'));
    });
    for (const QString &spec : std::as_const(forced))
        if (Status s = forcedRename(current, target, spec, renames); !s)
            return s.error();
    if (options.proposeRenames) {
        proposeTableRenames(current, target, options, renames);
        proposeColumnRenames(current, target, options, renames);
    }
    return renames;
}

void applyRenames(ops::SchemaSnapshot &snapshot, const QList<RenameProposal> &renames)
{
    const DialectKind d = snapshot.dialect;
    // Tables first: a column rename names its table by the new name.
    QList<RenameProposal> ordered;
    for (const RenameProposal &r : renames)
        (r.kind == RenameProposal::Kind::Table ? ordered.prepend(r) : ordered.append(r));
    for (const RenameProposal &r : std::as_const(ordered)) {
        if (r.kind == RenameProposal::Kind::Table) {
            for (TableDetail &t : snapshot.tables) {
                if (nameKey(d, t.relation.name) == nameKey(d, r.from))
                    t.relation.name = r.to;
                for (catalog::ForeignKeyInfo &fk : t.foreignKeys)
                    if (nameKey(d, fk.referencedTable) == nameKey(d, r.from))
                        fk.referencedTable = r.to;
            }
            continue;
        }
        for (TableDetail &t : snapshot.tables) {
            for (catalog::ForeignKeyInfo &fk : t.foreignKeys)
                if (nameKey(d, fk.referencedTable) == nameKey(d, r.table))
                    renameInList(d, fk.referencedColumns, r.from, r.to);
            if (nameKey(d, t.relation.name) != nameKey(d, r.table))
                continue;
            for (catalog::ColumnInfo &c : t.columns)
                if (nameKey(d, c.name) == nameKey(d, r.from))
                    c.name = r.to;
            for (catalog::IndexInfo &i : t.indexes)
                renameInList(d, i.columns, r.from, r.to);
            for (catalog::ConstraintInfo &c : t.constraints)
                renameInList(d, c.columns, r.from, r.to);
            for (catalog::ForeignKeyInfo &fk : t.foreignKeys)
                renameInList(d, fk.columns, r.from, r.to);
        }
    }
}

} // namespace strata::migrate::autogen::detail
