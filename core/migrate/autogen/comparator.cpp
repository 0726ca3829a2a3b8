// The comparison of two snapshots, in dependency order (Alembic's autogenerate compares
// per object kind the same way; its output order is the order of the comparators, ours is
// the order the database needs): types and sequences, drop changed views, renames, drop
// foreign keys, indexes and constraints, create tables (referenced first), column
// changes, drop tables (referrers first), create indexes and constraints, add foreign
// keys, drop types and sequences, create views.

#include "normalize.h"
#include "tablediff.h"

#include "migrate/ops/operationcompiler.h"

#include <QRegularExpression>
#include <QSet>

namespace strata::migrate::autogen {

namespace {

using catalog::TableDetail;
using dialect::DialectKind;
using detail::nameKey;

bool ignored(DialectKind d, const CompareOptions &o, const QString &table)
{
    if (d == DialectKind::Sqlite && nameKey(d, table).startsWith(QLatin1String("sqlite_")))
        return true;
    return std::any_of(o.ignoreTables.cbegin(), o.ignoreTables.cend(),
                       [&](const QString &name) { return nameKey(d, name) == nameKey(d, table); });
}

ops::SchemaSnapshot filtered(const ops::SchemaSnapshot &s, const CompareOptions &o)
{
    ops::SchemaSnapshot out = s;
    out.tables.clear();
    for (const TableDetail &t : s.tables)
        if (!ignored(s.dialect, o, t.relation.name))
            out.tables.append(t);
    if (!o.compareViews)
        out.views.clear();
    return out;
}

const TableDetail *find(DialectKind d, const QList<TableDetail> &list, const QString &name)
{
    for (const TableDetail &t : list)
        if (nameKey(d, t.relation.name) == nameKey(d, name))
            return &t;
    return nullptr;
}

// Tables in an order where every table comes after the tables (of the same list) its
// foreign keys reference. In a cycle, the foreign keys that close it are moved out to
// `deferred` (added once both tables exist).
QList<TableDetail> referencedFirst(DialectKind d, QList<TableDetail> tables, QList<ops::Operation> *deferred,
                                   const QString &schema)
{
    QList<TableDetail> sorted;
    QSet<QString> placed;
    const auto waitsFor = [&](const TableDetail &t, const catalog::ForeignKeyInfo &fk) {
        const QString ref = nameKey(d, fk.referencedTable);
        return ref != nameKey(d, t.relation.name) && !placed.contains(ref) && find(d, tables, fk.referencedTable);
    };
    while (!tables.isEmpty()) {
        qsizetype next = -1;
        for (qsizetype i = 0; i < tables.size() && next < 0; ++i)
            if (std::none_of(tables[i].foreignKeys.cbegin(), tables[i].foreignKeys.cend(),
                             [&](const catalog::ForeignKeyInfo &fk) { return waitsFor(tables[i], fk); }))
                next = i;
        if (next < 0) {   // a cycle: break it at the first table
            next = 0;
            TableDetail &t = tables[0];
            for (qsizetype k = t.foreignKeys.size() - 1; k >= 0; --k) {
                if (!waitsFor(t, t.foreignKeys[k]))
                    continue;
                if (deferred)
                    deferred->append(ops::AddForeignKey{schema, t.relation.name, t.foreignKeys[k]});
                t.foreignKeys.removeAt(k);
            }
        }
        placed.insert(nameKey(d, tables[next].relation.name));
        sorted.append(tables.takeAt(next));
    }
    return sorted;
}

QString viewKey(const QString &definition)
{
    QString s = detail::lowerOutsideQuotes(definition);
    while (s.endsWith(QLatin1Char(';')))
        s = s.chopped(1).trimmed();
    static const QRegularExpression punctuation(QStringLiteral("\\s*([(),;=<>+*/|-])\\s*"));
    return s.replace(punctuation, QStringLiteral("\\1"));
}

void diffViews(const ops::SchemaSnapshot &cur, const ops::SchemaSnapshot &tgt, detail::Phases &out)
{
    const DialectKind d = cur.dialect;
    QList<TableDetail> created;
    for (const TableDetail &v : cur.views) {
        const TableDetail *other = find(d, tgt.views, v.relation.name);
        if (!other || viewKey(other->viewDefinition) != viewKey(v.viewDefinition))
            out.dropViews.prepend(ops::DropView{cur.schema, v.relation.name, v.viewDefinition,
                                                v.relation.kind == catalog::RelationKind::MaterializedView});
    }
    for (const TableDetail &v : tgt.views) {
        const TableDetail *other = find(d, cur.views, v.relation.name);
        if (!other || viewKey(other->viewDefinition) != viewKey(v.viewDefinition))
            created.append(v);
    }
    // A view reading another new view comes after it.
    std::stable_sort(created.begin(), created.end(), [d](const TableDetail &a, const TableDetail &b) {
        return viewKey(b.viewDefinition).contains(nameKey(d, a.relation.name).toLower())
            && !viewKey(a.viewDefinition).contains(nameKey(d, b.relation.name).toLower());
    });
    for (const TableDetail &v : std::as_const(created))
        out.createViews.append(ops::CreateView{cur.schema, v.relation.name, v.viewDefinition,
                                               v.relation.kind == catalog::RelationKind::MaterializedView});
}

// PostgreSQL adds enum labels in place (ALTER TYPE ... ADD VALUE, one statement each) but
// cannot remove them: a removed label becomes a comment for review, and the downgrade
// leaves added labels in place (the raw SQL's review note says so).
QList<ops::Operation> enumLabelChanges(const ops::EnumTypeInfo &before, const ops::EnumTypeInfo &after)
{
    const dialect::Dialect &pg = dialect::dialectFor(DialectKind::Postgres);
    QList<ops::Operation> out;
    for (qsizetype i = 0; i < after.labels.size(); ++i) {
        const QString &label = after.labels.at(i);
        if (before.labels.contains(label))
            continue;
        QString sql = QStringLiteral("ALTER TYPE %1 ADD VALUE %2").arg(pg.qualifiedName(after.schema, after.name), pg.stringLiteral(label));
        if (i > 0)
            sql += QStringLiteral(" AFTER ") + pg.stringLiteral(after.labels.at(i - 1));
        else if (after.labels.size() > 1)
            sql += QStringLiteral(" BEFORE ") + pg.stringLiteral(after.labels.at(1));
        out.append(ops::RawSql{sql, QString(), pg.name()});
    }
    for (const QString &label : before.labels)
        if (!after.labels.contains(label))
            out.append(ops::RawSql{ops::reviewComment(QStringLiteral("label %1 of %2 is gone from the target; PostgreSQL cannot "
                                                                     "drop an enum label").arg(pg.stringLiteral(label), after.name)),
                                   QString(), pg.name()});
    return out;
}

void diffTypes(const ops::SchemaSnapshot &cur, const ops::SchemaSnapshot &tgt, detail::Phases &out)
{
    const DialectKind d = cur.dialect;
    for (const catalog::SequenceInfo &s : tgt.sequences)
        if (std::none_of(cur.sequences.cbegin(), cur.sequences.cend(), [&](const auto &o) { return nameKey(d, o.name) == nameKey(d, s.name); }))
            out.createTypes.append(ops::CreateSequence{s});
    for (const catalog::SequenceInfo &s : cur.sequences)
        if (std::none_of(tgt.sequences.cbegin(), tgt.sequences.cend(), [&](const auto &o) { return nameKey(d, o.name) == nameKey(d, s.name); }))
            out.dropTypes.append(ops::DropSequence{s});
    const auto findEnum = [d](const QList<ops::EnumTypeInfo> &list, const QString &name) -> const ops::EnumTypeInfo * {
        for (const ops::EnumTypeInfo &e : list)
            if (nameKey(d, e.name) == nameKey(d, name))
                return &e;
        return nullptr;
    };
    for (const ops::EnumTypeInfo &e : tgt.enums) {
        const ops::EnumTypeInfo *before = findEnum(cur.enums, e.name);
        if (!before) {
            out.createTypes.prepend(ops::CreateEnum{e});
        } else if (before->labels != e.labels) {
            out.createTypes.append(enumLabelChanges(*before, e));
        }
    }
    for (const ops::EnumTypeInfo &e : cur.enums)
        if (!findEnum(tgt.enums, e.name))
            out.dropTypes.append(ops::DropEnum{e});
}

void diffTables(const ops::SchemaSnapshot &cur, const ops::SchemaSnapshot &tgt, detail::Phases &out)
{
    const DialectKind d = cur.dialect;
    QList<TableDetail> created, dropped;
    for (const TableDetail &t : tgt.tables) {
        if (const TableDetail *before = find(d, cur.tables, t.relation.name))
            detail::diffTable(cur, *before, tgt, t, out);
        else
            created.append(t);
    }
    for (const TableDetail &t : cur.tables)
        if (!find(d, tgt.tables, t.relation.name))
            dropped.append(t);
    for (TableDetail &t : referencedFirst(d, created, &out.addForeignKeys, cur.schema)) {
        t.relation.schema = cur.schema;
        out.createTables.append(ops::CreateTable{t});
    }
    const QList<TableDetail> drops = referencedFirst(d, dropped, nullptr, cur.schema);
    for (auto it = drops.crbegin(); it != drops.crend(); ++it)
        out.dropTables.append(ops::DropTable{*it});
}

} // namespace

QList<ops::Operation> detail::Phases::ordered() const
{
    QList<ops::Operation> all;
    for (const QList<ops::Operation> *phase : {&createTypes, &dropViews, &renames, &dropForeignKeys, &dropIndexes, &createTables,
                                               &columns, &dropTables, &createIndexes, &addForeignKeys, &dropTypes, &createViews, &triggers})
        all += *phase;
    return all;
}

Result<Comparison> compare(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target, const CompareOptions &options)
{
    if (current.dialect != target.dialect)
        return Error(ErrorKind::Unsupported, QStringLiteral("Cannot compare schemas of two different databases (SQLite and PostgreSQL)"));
    const ops::SchemaSnapshot tgt = filtered(target, options);
    ops::SchemaSnapshot cur = filtered(current, options);
    Result<QList<RenameProposal>> renames = detail::planRenames(cur, tgt, options);
    if (!renames)
        return renames.error();
    detail::Phases phases;
    Comparison result;
    for (const bool tables : {true, false}) {
        for (const RenameProposal &r : std::as_const(*renames)) {
            if ((r.kind == RenameProposal::Kind::Table) != tables)
                continue;
            result.renames.append(r);
            if (tables)
                phases.renames.append(ops::RenameTable{cur.schema, r.from, r.to});
            else
                phases.renames.append(ops::RenameColumn{cur.schema, r.table, r.from, r.to});
        }
    }
    detail::applyRenames(cur, *renames);
    diffTypes(cur, tgt, phases);
    diffViews(cur, tgt, phases);
    diffTables(cur, tgt, phases);
    result.operations = phases.ordered();
    return result;
}

} // namespace strata::migrate::autogen
