// Relationship loading (Session::load, Query::with): one SELECT ... WHERE key IN (...) per
// chunk of distinct keys for all owners together, instead of one SELECT per owner. Every
// fetched row goes through the identity map, so an object already in the session is reused.

#include "session.h"

#include <QSet>

namespace strata::mapping {

namespace {

bool isNull(const QVariant &v) { return !v.isValid() || v.isNull(); }

} // namespace

Status Session::loadRelation(const TableDef &table, const RelationDef &relation,
                             const std::vector<std::shared_ptr<void>> &owners)
{
    if (relation.foreignKeyColumns().size() != 1)
        return loadEachOwner(table, relation, owners);
    if (relation.kind == RelationDef::Kind::ManyToOne)
        return relation.target().keyIndexes.size() == 1 ? loadParents(table, relation, owners)
                                                        : loadEachOwner(table, relation, owners);
    return table.keyIndexes.size() == 1 ? loadChildren(table, relation, owners) : loadEachOwner(table, relation, owners);
}

Result<std::vector<std::shared_ptr<void>>> Session::fetchIn(const TableDef &table, const ColumnDef &column,
                                                            const QVariantList &keys)
{
    std::vector<std::shared_ptr<void>> out;
    for (qsizetype start = 0; start < keys.size(); start += relationChunk()) {
        const QVariantList chunk = keys.mid(start, relationChunk());
        const CompiledSql sql{selectInSql(*m_dialect, table, column.name, int(chunk.size())), chunk};
        auto rows = fetchObjects(table, sql, false);   // the caller flushed once for all chunks
        if (!rows)
            return rows.error();
        out.insert(out.end(), std::make_move_iterator(rows->begin()), std::make_move_iterator(rows->end()));
    }
    return out;
}

Status Session::loadChildren(const TableDef &table, const RelationDef &relation,
                             const std::vector<std::shared_ptr<void>> &owners)
{
    const TableDef &target = relation.target();
    const ColumnDef *foreignKey = target.column(relation.foreignKeyColumns().front());
    if (!foreignKey)
        return Error(ErrorKind::Unsupported, QStringLiteral("%1 has no foreign key column for %2").arg(target.name, table.name));
    const ColumnDef &ownerKey = table.columns[size_t(table.keyIndexes.front())];
    if (const Status s = flush(); !s)   // after it, pending owners have their keys
        return s;
    QHash<IdentityKey, std::vector<std::shared_ptr<void>>> children;
    QVariantList keys;
    for (const std::shared_ptr<void> &owner : owners) {
        const QVariant key = ownerKey.read(owner.get());
        if (isNull(key))
            continue;
        const IdentityKey id = identityOf(table, owner.get());
        if (!children.contains(id)) {
            children.insert(id, {});
            keys.append(key);
        }
    }
    const auto fetched = fetchIn(target, *foreignKey, keys);
    if (!fetched)
        return fetched.error();
    // The owner's identity from each child's foreign key, written into an owner-typed probe so
    // that the key compares as the owner's member holds it (an int key and a qint64 column).
    const std::shared_ptr<void> probe = table.create();
    for (const std::shared_ptr<void> &child : *fetched) {
        ownerKey.write(probe.get(), foreignKey->read(child.get()));
        const auto it = children.find(identityOf(table, probe.get()));
        if (it != children.end())
            it->push_back(child);
    }
    const int relationIndex = int(&relation - table.relations.data());
    for (const std::shared_ptr<void> &owner : owners) {
        const std::vector<std::shared_ptr<void>> list = children.value(identityOf(table, owner.get()));
        relation.setMany(owner.get(), list);
        if (Entry *e = m_entries.find(owner.get())) {
            std::vector<const void *> members;
            members.reserve(list.size());
            for (const auto &c : list)
                members.push_back(c.get());
            e->collections.insert(relationIndex, members);
        }
    }
    return {};
}

Status Session::loadParents(const TableDef &table, const RelationDef &relation,
                            const std::vector<std::shared_ptr<void>> &owners)
{
    const TableDef &target = relation.target();
    const ColumnDef *foreignKey = table.column(relation.foreignKeyColumns().front());
    if (!foreignKey)
        return Error(ErrorKind::Unsupported, QStringLiteral("%1 has no foreign key column for %2").arg(table.name, target.name));
    const ColumnDef &targetKey = target.columns[size_t(target.keyIndexes.front())];
    if (const Status s = flush(); !s)
        return s;
    // Distinct keys of parents not yet in the session, normalised through a target-typed probe
    // (1 and 1LL name the same row), as get() does.
    const std::shared_ptr<void> probe = target.create();
    QSet<IdentityKey> asked;
    QVariantList keys;
    for (const std::shared_ptr<void> &owner : owners) {
        const QVariant value = foreignKey->read(owner.get());
        if (isNull(value))
            continue;
        targetKey.write(probe.get(), value);
        const IdentityKey id = identityOf(target, probe.get());
        if (m_identity.value(id) || asked.contains(id))
            continue;
        asked.insert(id);
        keys.append(targetKey.read(probe.get()));
    }
    if (const auto fetched = fetchIn(target, targetKey, keys); !fetched)
        return fetched.error();
    for (const std::shared_ptr<void> &owner : owners) {
        const QVariant value = foreignKey->read(owner.get());
        if (isNull(value)) {
            relation.setOne(owner.get(), nullptr);
            continue;
        }
        targetKey.write(probe.get(), value);
        const Entry *e = m_identity.value(identityOf(target, probe.get()));
        relation.setOne(owner.get(), e && e->state != State::Deleted ? e->object : nullptr);
    }
    return {};
}

// Composite foreign keys (not declarable by hasMany/belongsTo today): one SELECT per owner.
// SQLite takes a row-value IN only against a subquery (IN (VALUES ...)), so batching them
// would need that form on both dialects; left for when such relationships exist.
Status Session::loadEachOwner(const TableDef &table, const RelationDef &relation,
                              const std::vector<std::shared_ptr<void>> &owners)
{
    const TableDef &target = relation.target();
    const QStringList fk = relation.foreignKeyColumns();
    const bool manyToOne = relation.kind == RelationDef::Kind::ManyToOne;
    const int relationIndex = int(&relation - table.relations.data());
    for (const std::shared_ptr<void> &owner : owners) {
        if (manyToOne) {
            QVariantList key;
            for (const QString &c : fk)
                key.append(table.column(c)->read(owner.get()));
            if (std::any_of(key.begin(), key.end(), isNull)) {
                relation.setOne(owner.get(), nullptr);
                continue;
            }
            const auto parent = getObject(target, key);
            if (!parent)
                return parent.error();
            relation.setOne(owner.get(), *parent);
            continue;
        }
        if (const Status s = flush(); !s)
            return s;
        const CompiledSql sql{selectWhereSql(*m_dialect, target, fk), keyValues(table, owner.get())};
        const auto children = fetchObjects(target, sql, false);
        if (!children)
            return children.error();
        relation.setMany(owner.get(), *children);
        if (Entry *e = m_entries.find(owner.get())) {
            std::vector<const void *> members;
            for (const auto &c : *children)
                members.push_back(c.get());
            e->collections.insert(relationIndex, members);
        }
    }
    return {};
}

} // namespace strata::mapping
