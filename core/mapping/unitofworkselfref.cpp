// Rows of a table that refers to itself (categories with a parent category, employees with a
// manager): within one flush a new parent is inserted before its new children, whose foreign
// key then takes the parent's generated key, and a deleted child is deleted before its deleted
// parent (else the parent's DELETE fails on the reference, or cascades in the database and
// the child's own DELETE then matches no row). Other tables keep one pass per table.
//
// Inserts follow the relationships (belongsTo / hasMany onto the same table): the parent's key
// is not known yet. Deletes follow the foreign-key values as last flushed (the snapshot):
// relationships may have been emptied by then.

#include "session.h"

namespace strata::mapping {

namespace {

/// Kahn's algorithm: `edges` (before, after) between indexes of `count` items; levels of
/// indexes in input order, each after every item it depends on. Empty on a cycle.
std::vector<std::vector<size_t>> levelsOf(size_t count, const std::vector<std::pair<size_t, size_t>> &edges)
{
    std::vector<int> waiting(count, 0);
    std::vector<std::vector<size_t>> next(count);
    for (const auto &[before, after] : edges) {
        ++waiting[after];
        next[before].push_back(after);
    }
    std::vector<std::vector<size_t>> levels;
    std::vector<size_t> current;
    for (size_t i = 0; i < count; ++i) {
        if (waiting[i] == 0)
            current.push_back(i);
    }
    size_t placed = 0;
    while (!current.empty()) {
        placed += current.size();
        std::vector<size_t> following;
        for (size_t i : current) {
            for (size_t n : next[i]) {
                if (--waiting[n] == 0)
                    following.push_back(n);
            }
        }
        std::sort(following.begin(), following.end());   // input order within a level
        levels.push_back(std::move(current));
        current = std::move(following);
    }
    if (placed != count)
        levels.clear();
    return levels;
}

QString valuesText(const TableDef &table, const void *object, const QStringList &columns)
{
    QString text;
    for (const QString &name : columns) {
        const ColumnDef *c = table.column(name);
        const QVariant v = c ? c->read(object) : QVariant();
        if (!v.isValid() || v.isNull())
            return QString();   // a NULL reference refers to no row
        text += v.toString() + QLatin1Char('\x1f');
    }
    return text;
}

} // namespace

bool Session::refersToItself(const TableDef &table)
{
    for (const ForeignKeyDef &fk : table.foreignKeys) {
        if (fk.referencedTable == table.name)
            return true;
    }
    return std::any_of(table.relations.begin(), table.relations.end(),
                       [&](const RelationDef &r) { return &r.target() == &table; });
}

Result<std::vector<std::vector<Session::Entry *>>> Session::selfReferenceLevels(const TableDef &table,
                                                                                 const std::vector<Entry *> &entries,
                                                                                 bool deleting)
{
    std::vector<std::pair<size_t, size_t>> edges;
    if (!deleting) {
        QHash<const void *, size_t> index;
        for (size_t i = 0; i < entries.size(); ++i)
            index.insert(entries[i]->object.get(), i);
        for (size_t i = 0; i < entries.size(); ++i) {
            for (const RelationDef &r : table.relations) {
                if (&r.target() != &table)
                    continue;
                if (r.kind == RelationDef::Kind::ManyToOne) {
                    const auto parent = r.getOne(entries[i]->object.get());
                    if (const auto it = index.constFind(parent.get()); parent && it != index.cend() && *it != i)
                        edges.emplace_back(*it, i);
                } else {
                    for (const auto &child : r.getMany(entries[i]->object.get())) {
                        if (const auto it = index.constFind(child.get()); child && it != index.cend() && *it != i)
                            edges.emplace_back(i, *it);
                    }
                }
            }
        }
    } else {
        for (const ForeignKeyDef &fk : table.foreignKeys) {
            if (fk.referencedTable != table.name)
                continue;
            QHash<QString, size_t> referenced;
            for (size_t i = 0; i < entries.size(); ++i) {
                const void *row = entries[i]->snapshot ? entries[i]->snapshot.get() : entries[i]->object.get();
                if (const QString key = valuesText(table, row, fk.referencedColumns); !key.isNull())
                    referenced.insert(key, i);
            }
            for (size_t i = 0; i < entries.size(); ++i) {
                const void *row = entries[i]->snapshot ? entries[i]->snapshot.get() : entries[i]->object.get();
                const QString parent = valuesText(table, row, fk.columns);
                if (const auto it = referenced.constFind(parent); !parent.isNull() && it != referenced.cend() && *it != i)
                    edges.emplace_back(i, *it);   // the child first
            }
        }
    }
    std::vector<std::vector<Entry *>> out;
    if (edges.empty()) {
        out.push_back(entries);
        return out;
    }
    const std::vector<std::vector<size_t>> levels = levelsOf(entries.size(), edges);
    if (levels.empty())
        return Error(ErrorKind::Unsupported,
                     QStringLiteral("Rows of %1 refer to each other in a cycle: %2 one of them with the reference "
                                    "unset first, then set it in a second flush.")
                         .arg(table.name, deleting ? QStringLiteral("clear the reference of")
                                                   : QStringLiteral("insert")));
    for (const std::vector<size_t> &level : levels) {
        std::vector<Entry *> &rows = out.emplace_back();
        rows.reserve(level.size());
        for (size_t i : level)
            rows.push_back(entries[i]);
    }
    return out;
}

Status Session::insertRows(const TableDef &table, const std::vector<Entry *> &pending)
{
    if (pending.empty() || !refersToItself(table))
        return insertShapes(table, pending);
    const auto levels = selfReferenceLevels(table, pending, false);
    if (!levels)
        return levels.error();
    for (size_t i = 0; i < levels->size(); ++i) {
        if (i > 0)
            syncForeignKeys(table);   // the parents inserted so far have their keys now
        if (const Status s = insertShapes(table, (*levels)[i]); !s)
            return s;
    }
    return {};
}

Status Session::deleteRows(const TableDef &table, const std::vector<Entry *> &deleted)
{
    if (deleted.empty() || !refersToItself(table))
        return deleteEach(table, deleted);
    const auto levels = selfReferenceLevels(table, deleted, true);
    if (!levels)
        return levels.error();
    for (const std::vector<Entry *> &level : *levels) {
        if (const Status s = deleteEach(table, level); !s)
            return s;
    }
    return {};
}

} // namespace strata::mapping
