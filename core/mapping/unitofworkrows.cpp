// The statements of Session::flush: batched inserts (SQLite: multi-row VALUES ... RETURNING,
// sessionsqlite.cpp; PostgreSQL: COPY for many rows, generated keys read back afterwards,
// sessionpostgreskeys.cpp, or keys drawn first and multi-row VALUES for a few; per-row
// RETURNING when other values must be read back),
// updates of the changed columns only, deletes by key. Every update and delete must touch
// exactly one row, or the flush fails with Conflict.

#include "session.h"

#include <QSqlError>
#include <utility>

namespace strata::mapping {

namespace {

constexpr int kMaxParameters = 30000;   // below SQLite's 32766 and PostgreSQL's 65535
constexpr int kMaxBatchRows = 1000;
constexpr size_t kCopyFromRows = 100;  // PostgreSQL: below this, a multi-row INSERT is as fast as COPY

} // namespace

Status Session::allocateKeys(const TableDef &table, InsertGroup &group, const QString &sequence)
{
    // A few rows: the keys drawn in one round trip, then inserted explicitly in multi-row
    // statements (the RETURNING order of a multi-row INSERT is not guaranteed).
    const ColumnDef &key = table.columns[size_t(group.returning.front())];
    const QString sql = QStringLiteral("SELECT nextval(?) FROM generate_series(1, ?)");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return m_dialect->mapError(q.lastError(), sql);
    if (const Status s = execute(q, sql, {sequence, qlonglong(group.entries.size())}); !s)
        return s;
    for (Entry *e : group.entries) {
        if (!q.next())
            return Error(ErrorKind::Internal, QStringLiteral("the sequence of %1 gave too few values").arg(table.name));
        key.write(e->object.get(), q.value(0));
    }
    group.columns.append(group.returning.front());
    std::sort(group.columns.begin(), group.columns.end());
    group.returning.clear();
    return {};
}

Status Session::insertGroup(const TableDef &table, InsertGroup &group)
{
    const bool onlyKeyReturned = group.returning.size() == 1
        && table.columns[size_t(group.returning.front())].autoIncrement;
    if (m_dialect->kind() == dialect::DialectKind::Postgres && onlyKeyReturned && group.entries.size() > 1) {
        const Result<QString> sequence = keySequence(table, table.columns[size_t(group.returning.front())]);
        if (!sequence)
            return sequence.error();
        if (!sequence->isEmpty()) {   // else: read back row by row below
            if (m_postgres && group.entries.size() >= kCopyFromRows)
                return copyReadingKeys(table, group, *sequence);
            if (const Status s = allocateKeys(table, group, *sequence); !s)
                return s;
        }
    }
    const int perRow = int(group.columns.size());
    const int batch = std::max(1, std::min(kMaxBatchRows, kMaxParameters / std::max(1, perRow)));
    if (m_sqlite && !group.columns.isEmpty()) {
        for (size_t start = 0; start < group.entries.size(); start += size_t(batch)) {
            const int rows = int(std::min(group.entries.size() - start, size_t(batch)));
            if (const Status s = insertSqliteBatch(table, group, start, rows); !s)
                return s;
        }
        return {};
    }
    if (m_postgres && group.returning.isEmpty() && !group.columns.isEmpty() && group.entries.size() >= kCopyFromRows)
        return copyRows(table, group);
    if (!group.returning.isEmpty() || group.columns.isEmpty()) {
        const QString sql = insertSql(*m_dialect, table, group.columns, group.returning);
        const auto q = prepared(sql);
        if (!q)
            return q.error();
        for (Entry *e : group.entries) {
            QVariantList values;
            for (int i : group.columns)
                values.append(table.columns[size_t(i)].read(e->object.get()));
            if (const Status s = execute(**q, sql, values); !s)
                return s;
            if (!group.returning.isEmpty() && (*q)->next()) {
                for (qsizetype i = 0; i < group.returning.size(); ++i)
                    table.columns[size_t(group.returning[i])].write(e->object.get(), (*q)->isNull(int(i)) ? QVariant() : (*q)->value(int(i)));
            }
            (*q)->finish();
        }
        return {};
    }
    for (size_t start = 0; start < group.entries.size(); start += size_t(batch)) {
        const int rows = int(std::min(group.entries.size() - start, size_t(batch)));
        const QString sql = insertSql(*m_dialect, table, group.columns, {}, rows);
        const auto q = prepared(sql);
        if (!q)
            return q.error();
        QVariantList values;
        values.reserve(rows * perRow);
        for (int r = 0; r < rows; ++r) {
            const void *object = group.entries[start + size_t(r)]->object.get();
            for (int i : group.columns)
                values.append(table.columns[size_t(i)].read(object));
        }
        if (const Status s = execute(**q, sql, values); !s)
            return s;
    }
    return {};
}

Status Session::updateRows(const TableDef &table, const std::vector<Entry *> &persistent)
{
    for (Entry *e : persistent) {
        QList<int> changed;
        QVariantList values;
        for (size_t i = 0; i < table.columns.size(); ++i) {
            const ColumnDef &c = table.columns[i];
            if (!c.same(e->object.get(), e->snapshot.get())) {
                changed.append(int(i));
                values.append(c.read(e->object.get()));
            }
        }
        if (changed.isEmpty())
            continue;
        for (int k : table.keyIndexes)   // the row as it was: the key may have changed
            values.append(table.columns[size_t(k)].read(e->snapshot.get()));
        const QString sql = updateSql(*m_dialect, table, changed);
        const auto q = prepared(sql);
        if (!q)
            return q.error();
        if (const Status s = execute(**q, sql, values); !s)
            return s;
        if ((*q)->numRowsAffected() != 1)
            return Error(ErrorKind::Conflict, QStringLiteral("UPDATE of a %1 row matched %2 rows instead of 1")
                                                  .arg(table.name).arg((*q)->numRowsAffected())).withSql(sql);
    }
    return {};
}

Status Session::deleteEach(const TableDef &table, const std::vector<Entry *> &deleted)
{
    const QString sql = deleteSql(*m_dialect, table);
    for (Entry *e : deleted) {
        const QVariantList key = keyValues(table, e->snapshot.get());
        const auto q = prepared(sql);
        if (!q)
            return q.error();
        if (const Status s = execute(**q, sql, key); !s)
            return s;
        if ((*q)->numRowsAffected() != 1)
            return Error(ErrorKind::Conflict, QStringLiteral("DELETE of a %1 row matched %2 rows instead of 1")
                                                  .arg(table.name).arg((*q)->numRowsAffected())).withSql(sql);
    }
    return {};
}

void Session::afterFlush()
{
    for (Entry &e : m_entries) {
        if (e.state == State::Deleted) {
            m_identity.remove(e.identity);
            m_entries.erase(&e);   // the slot is emptied, iteration skips it
            continue;
        }
        e.state = State::Persistent;
        if (!std::exchange(e.snapshotTaken, false))
            takeSnapshot(e);
        IdentityKey id = identityOf(*e.table, e.object.get());
        if (id != e.identity) {
            if (e.identity.table)
                m_identity.remove(e.identity);
            m_identity.insert(id, &e);
            e.identity = std::move(id);
        }
        if (e.collections.isEmpty())
            continue;   // (a non-const begin() would give every entry an empty table of its own)
        for (auto c = e.collections.begin(); c != e.collections.end(); ++c) {
            std::vector<const void *> members;
            for (const auto &child : e.table->relations[size_t(c.key())].getMany(e.object.get()))
                members.push_back(child.get());
            c.value() = members;
        }
    }
}

} // namespace strata::mapping
