#include "session.h"

#include "metadata.h"

#include "connection/nativehandle.h"

#include <QSqlError>
#include <QSqlRecord>

namespace strata::mapping {

namespace {

QString identityPart(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QStringLiteral("\x01null");
    if (v.typeId() == QMetaType::QByteArray)
        return QString::fromLatin1(v.toByteArray().toHex());
    return v.toString();
}

} // namespace

Session::Session(QSqlDatabase db) : m_db(std::move(db))
{
    const auto d = dialectOf(m_db);
    m_dialect = d ? *d : nullptr;
    if (m_dialect && m_dialect->kind() == dialect::DialectKind::Sqlite)
        m_sqlite = connection::NativeHandle::sqliteHandle(m_db);
    else if (m_dialect)
        m_postgres = connection::NativeHandle::postgresHandle(m_db);
}

Session::~Session()
{
    m_observer = nullptr;   // it may watch from an object that is already gone
    if (m_inTransaction)
        (void)rollback();
    finalizeNative();
}

void Session::clear()
{
    m_entries.clear();
    m_identity.clear();
    m_tables.clear();
}

void Session::noteTable(const TableDef &table)
{
    if (!m_tables.empty() && m_tables.back() == &table)   // the common case: many objects of one table
        return;
    if (std::find(m_tables.begin(), m_tables.end(), &table) == m_tables.end())
        m_tables.push_back(&table);
}

bool Session::anyRelations() const
{
    return std::any_of(m_tables.begin(), m_tables.end(), [](const TableDef *t) { return !t->relations.empty(); });
}

QVariantList Session::readAll(const TableDef &table, const void *object)
{
    QVariantList values;
    values.reserve(qsizetype(table.columns.size()));
    for (const ColumnDef &c : table.columns)
        values.append(c.read(object));
    return values;
}

QVariantList Session::keyValues(const TableDef &table, const void *object) const
{
    QVariantList values;
    for (int i : table.keyIndexes)
        values.append(table.columns[size_t(i)].read(object));
    return values;
}

Session::IdentityKey Session::identityOf(const TableDef &table, const void *object)
{
    IdentityKey id;
    id.table = &table;
    if (table.keyIndexes.size() == 1) {
        const ColumnDef &c = table.columns[size_t(table.keyIndexes.front())];
        if (c.readInteger && c.readInteger(object, &id.number))
            return id;
    }
    for (int i : table.keyIndexes) {
        const QVariant v = table.columns[size_t(i)].read(object);
        id.text += QLatin1Char('\x1f');
        switch (v.typeId()) {   // the usual integer keys without QVariant::toString
        case QMetaType::Int:
        case QMetaType::LongLong: id.text += QString::number(v.toLongLong()); break;
        default: id.text += identityPart(v);
        }
    }
    return id;
}

size_t qHash(const Session::IdentityKey &key, size_t seed) noexcept
{
    return key.text.isNull() ? qHashMulti(seed, key.table, key.number) : qHashMulti(seed, key.table, key.text);
}

void Session::takeSnapshot(Entry &e)
{
    if (e.snapshot)
        e.table->assign(e.snapshot.get(), e.object.get());
    else
        e.snapshot = e.table->clone(e.object.get());
    clearRelations(*e.table, e.snapshot.get());
}

void Session::clearRelations(const TableDef &table, void *object)
{
    // A snapshot only serves column comparisons: it must not keep related objects alive.
    for (const RelationDef &r : table.relations) {
        if (r.kind == RelationDef::Kind::ManyToOne)
            r.setOne(object, nullptr);
        else
            r.setMany(object, {});
    }
}

bool Session::isDirty(const Entry &e)
{
    if (!e.snapshot)
        return true;
    for (const ColumnDef &c : e.table->columns) {
        if (!c.same(e.object.get(), e.snapshot.get()))
            return true;
    }
    return false;
}

Session::Entry &Session::track(const TableDef &table, const std::shared_ptr<void> &object, State state, bool fresh)
{
    Entry &e = fresh ? m_entries.append() : m_entries.insert(object.get());
    noteTable(table);
    e.table = &table;
    e.object = object;
    e.state = state;
    e.order = m_nextOrder++;
    return e;
}

void Session::addObject(const TableDef &table, const std::shared_ptr<void> &object)
{
    if (!object)
        return;
    Entry &e = m_entries.insert(object.get());   // one lookup: the entry, new (empty) or not
    if (e.object) {
        if (e.state == State::Deleted)   // add() after remove() keeps the row
            e.state = State::Persistent;
        return;
    }
    noteTable(table);
    e.table = &table;
    e.object = object;
    e.state = State::Pending;
    e.order = m_nextOrder++;
    // A new object's collections count as loaded: children taken out later are orphans.
    for (size_t r = 0; r < table.relations.size(); ++r) {
        if (table.relations[r].kind == RelationDef::Kind::OneToMany)
            e.collections.insert(int(r), {});
    }
}

void Session::removeObject(const TableDef &, const std::shared_ptr<void> &object)
{
    Entry *e = m_entries.find(object.get());
    if (!e)
        return;
    if (e->state == State::Pending)
        m_entries.erase(e);
    else
        e->state = State::Deleted;
}

Status Session::begin()
{
    if (!m_dialect)
        return Error(ErrorKind::Unsupported, QStringLiteral("the session's database has no supported driver"));
    if (m_inTransaction)
        return {};
    notify(QStringLiteral("BEGIN"), {});
    if (!m_db.transaction())
        return m_dialect->mapError(m_db.lastError(), QStringLiteral("BEGIN"));
    m_inTransaction = true;
    return {};
}

Status Session::commit()
{
    if (const Status s = flush(); !s)
        return s;
    if (!m_inTransaction)
        return {};
    notify(QStringLiteral("COMMIT"), {});
    m_statements.clear();
    finalizeNative();
    if (!m_db.commit()) {
        const Error e = m_dialect->mapError(m_db.lastError(), QStringLiteral("COMMIT"));
        (void)rollback();
        return e;
    }
    m_inTransaction = false;
    return {};
}

Status Session::rollback()
{
    clear();
    if (!m_inTransaction) {
        m_statements.clear();
        return {};
    }
    m_inTransaction = false;
    notify(QStringLiteral("ROLLBACK"), {});
    const bool ok = m_db.rollback();
    m_statements.clear();   // after ROLLBACK: an aborted PostgreSQL transaction refuses DEALLOCATE
    finalizeNative();
    if (!ok)
        return m_dialect->mapError(m_db.lastError(), QStringLiteral("ROLLBACK"));
    return {};
}

void Session::notify(const QString &sql, const QVariantList &values) const
{
    if (m_observer)
        m_observer(sql, values);
}

Result<QSqlQuery *> Session::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        if (!q.prepare(sql))
            return m_dialect->mapError(q.lastError(), sql);
        it = m_statements.insert(sql, q);
    }
    return &it.value();
}

Status Session::execute(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    notify(sql, values);
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), bindValue(*m_dialect, values[i]));
    if (!q.exec())
        return m_dialect->mapError(q.lastError(), sql);
    return {};
}

Status Session::runQuery(QSqlQuery &q, const CompiledSql &sql)
{
    Error error;
    if (!q.prepare(sql.sql)) {
        error = m_dialect->mapError(q.lastError(), sql.sql);
    } else if (const Status s = execute(q, sql.sql, sql.values); !s) {
        error = s.error();
    } else {
        return {};
    }
    // A failed statement leaves a PostgreSQL transaction unusable: end it, as a failed flush does.
    q.finish();
    if (!m_flushing)
        (void)rollback();
    return error;
}

QVariantList Session::rowValues(const QSqlQuery &q, int count) const
{
    QVariantList row;
    row.reserve(count);
    for (int i = 0; i < count; ++i)
        row.append(q.isNull(i) ? QVariant() : q.value(i));   // Qt 6 NULLs are typed, not null
    return row;
}

Result<QList<QVariantList>> Session::fetchRows(const CompiledSql &sql)
{
    if (const Status s = flush(); !s)
        return s.error();
    if (const Status s = begin(); !s)
        return s.error();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (const Status s = runQuery(q, sql); !s)
        return s.error();
    QList<QVariantList> rows;
    const int n = q.record().count();
    while (q.next())
        rows.append(rowValues(q, n));
    return rows;
}

Result<std::vector<std::shared_ptr<void>>> Session::fetchObjects(const TableDef &table, const CompiledSql &sql,
                                                                 bool autoflush)
{
    if (autoflush) {
        if (const Status s = flush(); !s)
            return s.error();
    }
    if (const Status s = begin(); !s)
        return s.error();
    std::vector<std::shared_ptr<void>> out;
    if (m_sqlite || m_postgres) {
        notify(sql.sql, sql.values);
        const Status s = m_sqlite ? fetchSqlite(table, sql, out) : fetchPostgres(table, sql, out);
        if (!s) {
            if (!m_flushing)
                (void)rollback();   // as runQuery does: the transaction is unusable
            return s.error();
        }
        return out;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (const Status s = runQuery(q, sql); !s)
        return s.error();
    const int n = int(table.columns.size());
    while (q.next()) {
        std::shared_ptr<void> object = table.create();
        for (int i = 0; i < n; ++i)
            table.columns[size_t(i)].write(object.get(), q.isNull(i) ? QVariant() : q.value(i));
        adopt(table, std::move(object), out);
    }
    return out;
}

void Session::adopt(const TableDef &table, std::shared_ptr<void> object, std::vector<std::shared_ptr<void>> &out,
                    std::shared_ptr<void> snapshot)
{
    IdentityKey id = identityOf(table, object.get());
    Entry *&slot = m_identity[id];   // one hash lookup, whether the row is known or not
    if (slot) {
        out.push_back(slot->object);   // one object per row
        return;
    }
    Entry &e = track(table, object, State::Persistent, true);
    slot = &e;
    if (snapshot) {   // storage allocated with the object: a copy, no allocation
        table.assign(snapshot.get(), object.get());
        clearRelations(table, snapshot.get());
        e.snapshot = std::move(snapshot);
    } else {
        takeSnapshot(e);
    }
    e.identity = std::move(id);
    out.push_back(std::move(object));
}

Result<std::shared_ptr<void>> Session::getObject(const TableDef &table, const QVariantList &key)
{
    const QList<int> keyIndexes = table.primaryKeyIndexes();
    if (key.size() != keyIndexes.size())
        return Error(ErrorKind::Unsupported, QStringLiteral("%1 has a key of %2 column(s), %3 value(s) given")
                                                 .arg(table.name).arg(keyIndexes.size()).arg(key.size()));
    // The key as the members would hold it, so 1 and 1LL name the same row.
    const std::shared_ptr<void> probe = table.create();
    for (qsizetype i = 0; i < key.size(); ++i)
        table.columns[size_t(keyIndexes[i])].write(probe.get(), key[i]);
    if (const Status s = flush(); !s)
        return s.error();
    if (const Entry *e = m_identity.value(identityOf(table, probe.get()))) {
        return e->state == State::Deleted ? std::shared_ptr<void>() : e->object;
    }
    const CompiledSql sql{selectWhereSql(*m_dialect, table, table.primaryKey()), keyValues(table, probe.get())};
    const auto objects = fetchObjects(table, sql, false);
    if (!objects)
        return objects.error();
    return objects->empty() ? std::shared_ptr<void>() : objects->front();
}

} // namespace strata::mapping
