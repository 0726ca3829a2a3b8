// Session::flush, the unit of work: cascades, then per table in foreign-key order inserts
// and updates, then deletes in reverse order, all inside the session's transaction.

#include "session.h"

#include <QSqlError>

namespace strata::mapping {

namespace {

bool isUnsetKey(const ColumnDef &c, const QVariant &v)
{
    return c.autoIncrement && (!v.isValid() || v.isNull() || v.toLongLong() == 0);
}

} // namespace

QHash<const TableDef *, Session::TableEntries> Session::entriesByTable()
{
    QHash<const TableDef *, TableEntries> out;
    const TableDef *last = nullptr;
    TableEntries *lastEntries = nullptr;
    for (Entry &e : m_entries) {
        if (e.table != last) {
            last = e.table;
            lastEntries = &out[last];
        }
        auto &list = e.state == State::Pending ? lastEntries->pending
            : e.state == State::Persistent     ? lastEntries->persistent
                                               : lastEntries->deleted;
        list.push_back(&e);
    }
    const auto byOrder = [](const Entry *a, const Entry *b) { return a->order < b->order; };
    for (TableEntries &t : out) {   // entries are mostly in slot order: erased slots are reused
        for (auto *list : {&t.pending, &t.persistent, &t.deleted}) {
            if (!std::is_sorted(list->begin(), list->end(), byOrder))
                std::sort(list->begin(), list->end(), byOrder);
        }
    }
    return out;
}

Status Session::flush()
{
    if (m_flushing)
        return {};
    bool work = false;
    for (const Entry &e : m_entries) {
        if (e.state != State::Persistent || !e.table->relations.empty() || isDirty(e)) {
            work = true;
            break;
        }
    }
    if (!work)
        return {};
    m_flushing = true;
    const Status s = flushSteps();
    m_flushing = false;
    if (!s) {
        (void)rollback();   // nothing partial survives a failed flush
        return s;
    }
    afterFlush();
    return {};
}

Status Session::flushSteps()
{
    if (const Status s = begin(); !s)
        return s;
    if (anyRelations()) {
        cascadeSaveUpdate();
        handleOrphans();
        if (const Status s = cascadeDeletes(); !s)
            return s;
    }
    const std::vector<const TableDef *> order = flushOrder();
    QHash<const TableDef *, TableEntries> entries = entriesByTable();
    for (const TableDef *t : order) {
        syncForeignKeys(*t);
        if (const Status s = insertRows(*t, entries[t].pending); !s)
            return s;
        if (const Status s = updateRows(*t, entries[t].persistent); !s)
            return s;
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (const Status s = deleteRows(**it, entries[*it].deleted); !s)
            return s;
    }
    return {};
}

void Session::cascadeSaveUpdate()
{
    std::vector<const void *> work;
    for (const Entry &e : m_entries) {
        const void *ptr = e.object.get();
        if (e.state != State::Deleted && !e.table->relations.empty())
            work.push_back(ptr);
    }
    while (!work.empty()) {
        const Entry e = *m_entries.find(work.back());
        work.pop_back();
        for (const RelationDef &r : e.table->relations) {
            if (!(r.cascade & SaveUpdate))
                continue;
            std::vector<std::shared_ptr<void>> related;
            if (r.kind == RelationDef::Kind::ManyToOne) {
                if (auto p = r.getOne(e.object.get()))
                    related.push_back(p);
            } else {
                related = r.getMany(e.object.get());
            }
            for (const auto &obj : related) {
                if (obj && !m_entries.contains(obj.get())) {
                    addObject(r.target(), obj);
                    work.push_back(obj.get());
                }
            }
        }
    }
}

void Session::handleOrphans()
{
    std::vector<std::pair<const RelationDef *, const void *>> orphans;
    for (Entry &e : m_entries) {
        void *ptr = e.object.get();
        if (e.state == State::Deleted)
            continue;
        for (auto it = e.collections.cbegin(); it != e.collections.cend(); ++it) {
            const RelationDef &r = e.table->relations[size_t(it.key())];
            const auto now = r.getMany(ptr);
            for (const void *child : it.value()) {
                const bool kept = std::any_of(now.begin(), now.end(), [child](const auto &c) { return c.get() == child; });
                if (!kept)
                    orphans.emplace_back(&r, child);
            }
        }
    }
    for (const auto &[r, child] : orphans) {
        const Entry *e = m_entries.find(child);
        if (!e)
            continue;
        if (r->cascade & DeleteOrphan) {
            removeObject(*e->table, e->object);
        } else {
            for (const QString &c : r->foreignKeyColumns())   // SQLAlchemy nulls the key out
                e->table->column(c)->write(const_cast<void *>(child), QVariant());
        }
    }
}

Status Session::cascadeDeletes()
{
    std::vector<const void *> work;
    for (const Entry &e : m_entries) {
        const void *ptr = e.object.get();
        if (e.state == State::Deleted)
            work.push_back(ptr);
    }
    while (!work.empty()) {
        const Entry *found = m_entries.find(work.back());
        work.pop_back();
        if (!found)
            continue;
        const Entry e = *found;
        for (const RelationDef &r : e.table->relations) {
            if (r.kind != RelationDef::Kind::OneToMany || !(r.cascade & Delete))
                continue;
            std::vector<std::shared_ptr<void>> children = r.getMany(e.object.get());
            // Children in the database but not loaded are deleted too (one SELECT, not lazy loading).
            const CompiledSql sql{selectWhereSql(*m_dialect, r.target(), r.foreignKeyColumns()),
                                  keyValues(*e.table, e.object.get())};
            const auto stored = fetchObjects(r.target(), sql, false);
            if (!stored)
                return stored.error();
            children.insert(children.end(), stored->begin(), stored->end());
            for (const auto &c : children) {
                const Entry *it = m_entries.find(c.get());
                if (!it || it->state == State::Deleted)
                    continue;
                removeObject(r.target(), c);
                work.push_back(c.get());
            }
        }
    }
    return {};
}

std::vector<const TableDef *> Session::flushOrder() const
{
    std::vector<const TableDef *> tables = m_tables;
    std::sort(tables.begin(), tables.end(), [](const TableDef *a, const TableDef *b) { return a->name < b->name; });
    std::vector<const TableDef *> out;
    QSet<const TableDef *> done;
    std::function<void(const TableDef *, int)> visit = [&](const TableDef *t, int depth) {
        if (done.contains(t) || depth > int(tables.size()))
            return;   // the depth guard stops foreign-key cycles
        for (const QString &ref : t->referencedTables()) {
            for (const TableDef *other : tables) {
                if (other->name == ref)
                    visit(other, depth + 1);
            }
        }
        if (!done.contains(t)) {
            done.insert(t);
            out.push_back(t);
        }
    };
    for (const TableDef *t : tables)
        visit(t, 0);
    return out;
}

void Session::syncForeignKeys(const TableDef &table)
{
    if (!anyRelations())
        return;
    auto copyKey = [this](const TableDef &parentTable, const void *parent, const TableDef &childTable, void *child,
                          const QStringList &fk) {
        const QVariantList key = keyValues(parentTable, parent);
        if (key.size() != fk.size() || key.contains(QVariant()))
            return;
        for (qsizetype i = 0; i < fk.size(); ++i) {
            if (const ColumnDef *c = childTable.column(fk[i]))
                c->write(child, key[i]);
        }
    };
    for (Entry &e : m_entries) {
        void *ptr = e.object.get();
        if (e.state == State::Deleted)
            continue;
        for (const RelationDef &r : e.table->relations) {
            if (r.kind == RelationDef::Kind::ManyToOne && e.table == &table) {
                if (const auto parent = r.getOne(ptr))
                    copyKey(r.target(), parent.get(), table, e.object.get(), r.foreignKeyColumns());
            } else if (r.kind == RelationDef::Kind::OneToMany && &r.target() == &table) {
                for (const auto &child : r.getMany(ptr)) {
                    if (child)
                        copyKey(*e.table, ptr, table, child.get(), r.foreignKeyColumns());
                }
            }
        }
    }
}

Status Session::insertShapes(const TableDef &table, const std::vector<Entry *> &pending)
{
    // Only keys the server generates and columns with server defaults may be left out of
    // an INSERT; every other column is always written, so only those decide a row's shape.
    QList<int> optional;
    for (size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].autoIncrement || !table.columns[i].serverDefault.isEmpty())
            optional.append(int(i));
    }
    InsertGroup group;
    std::vector<bool> shape(optional.size());
    std::vector<bool> groupShape;
    for (Entry *e : pending) {
        for (qsizetype k = 0; k < optional.size(); ++k) {
            const ColumnDef &c = table.columns[size_t(optional[k])];
            const QVariant v = c.read(e->object.get());
            shape[size_t(k)] = isUnsetKey(c, v) || (!c.serverDefault.isEmpty() && v.isNull());
        }
        if (!group.entries.empty() && shape != groupShape) {
            if (const Status s = insertGroup(table, group); !s)
                return s;
            group.entries.clear();
        }
        if (group.entries.empty()) {
            groupShape = shape;
            group.columns.clear();
            group.returning.clear();
            for (size_t i = 0, k = 0; i < table.columns.size(); ++i) {
                const bool omit = k < size_t(optional.size()) && optional[qsizetype(k)] == int(i) && shape[k++];
                (omit ? group.returning : group.columns).append(int(i));
            }
        }
        group.entries.push_back(e);
    }
    return group.entries.empty() ? Status() : insertGroup(table, group);
}

} // namespace strata::mapping
