#pragma once

// Session: SQLAlchemy's Session for mapped structs, on the calling thread's QSqlDatabase.
//
//  - Objects are held by std::shared_ptr; the identity map keeps one object per row per
//    session, so get() and every query return the same pointer for the same key.
//  - The first statement begins a transaction (autobegin); commit() flushes and commits,
//    rollback() rolls back and empties the session (its objects are detached, not reset).
//  - flush() is the unit of work: cascades save-update / delete / delete-orphan, inserts and
//    updates parents before children, deletes children before parents, writes only the
//    columns that differ from the values loaded or last flushed, and reads generated keys
//    back (RETURNING; PostgreSQL bulk inserts draw keys from the sequence first). A failed
//    flush rolls the whole transaction back and empties the session, so nothing partial stays.
//  - Queries and get() flush pending changes first (autoflush), so they see them.
//  - Any failed statement rolls the transaction back and empties the session (a PostgreSQL
//    transaction is unusable after an error anyway); the Error carries the server's message.
//  - One Session per QSqlDatabase connection at a time (they would share its transaction).
//  - The identity map holds every object the session tracks until the session goes (or is
//    emptied), so a belongsTo back-reference (a std::weak_ptr) it set stays valid that long.
//  - Relationships load only when asked (load(), Query::with()); nothing loads lazily.
//  - A StatementObserver sees every statement with its values (tests, logging).
// A Session is not thread-safe: use it on the thread that opened its QSqlDatabase.

#include "base/result.h"
#include "dialect/dialect.h"
#include "entrytable.h"
#include "identitymap.h"
#include "sqlcompiler.h"
#include "table.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;
struct pg_result;

namespace strata::mapping {

template <typename T>
class Query;

using StatementObserver = std::function<void(const QString &sql, const QVariantList &values)>;

class Session {
public:
    /// `db` must be open, with a QSQLITE or QPSQL driver (else every call fails Unsupported).
    explicit Session(QSqlDatabase db);
    /// Rolls back a transaction that was not committed.
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    const dialect::Dialect &dialect() const { return *m_dialect; }
    QSqlDatabase database() const { return m_db; }
    void setStatementObserver(StatementObserver observer) { m_observer = std::move(observer); }

    template <Mapped T>
    std::shared_ptr<T> add(T object)
    {
        auto p = std::make_shared<T>(std::move(object));
        add(p);
        return p;
    }
    /// Tracks `object`; it is inserted at the next flush (nothing happens if already tracked).
    template <Mapped T>
    void add(const std::shared_ptr<T> &object) { addObject(tableDef<T>(), object); }
    /// Marks `object` for deletion at the next flush (a pending object is simply dropped).
    template <Mapped T>
    void remove(const std::shared_ptr<T> &object) { removeObject(tableDef<T>(), object); }
    template <Mapped T>
    bool contains(const std::shared_ptr<T> &object) const { return m_entries.contains(object.get()); }

    /// The object with this primary key (one value, or a list in key order for composite
    /// keys): from the identity map without SQL when present. Null pointer when no such row.
    template <Mapped T>
    Result<std::shared_ptr<T>> get(const QVariant &key) { return get<T>(QVariantList{key}); }
    template <Mapped T>
    Result<std::shared_ptr<T>> get(const QVariantList &key)
    {
        const Result<std::shared_ptr<void>> r = getObject(tableDef<T>(), key);
        if (!r)
            return r.error();
        return std::static_pointer_cast<T>(*r);
    }

    template <Mapped T>
    Query<T> query();

    /// Loads a relationship of `object` (at most one SELECT), replacing what the member held.
    template <Mapped T, typename R>
    Status load(const std::shared_ptr<T> &object, R T::*relation)
    {
        const RelationDef *r = tableDef<T>().relationFor(relation);
        if (!r)
            return Error(ErrorKind::Unsupported, QStringLiteral("not a declared relationship of %1").arg(tableDef<T>().name));
        return loadRelation(tableDef<T>(), *r, {std::static_pointer_cast<void>(object)});
    }

    Status flush();
    Status commit();
    /// Rolls back the open transaction (if any) and empties the session.
    Status rollback();
    bool inTransaction() const { return m_inTransaction; }
    /// Forgets every object without touching the database.
    void clear();
    /// Tracked objects (for tests and diagnostics).
    int size() const { return int(m_entries.size()); }

    // Used by Query<T>; type-erased so the work happens in session.cpp.
    Result<std::vector<std::shared_ptr<void>>> fetchObjects(const TableDef &table, const CompiledSql &sql, bool autoflush = true);
    Result<QList<QVariantList>> fetchRows(const CompiledSql &sql);
    /// Loads `relation` of every owner in batches: one SELECT ... WHERE key IN (...) per
    /// relationChunk() distinct keys, children grouped to their owners in primary-key order,
    /// objects already in the session reused. Flushes first.
    Status loadRelation(const TableDef &table, const RelationDef &relation,
                        const std::vector<std::shared_ptr<void>> &owners);
    /// Keys bound per IN (...) of relationship loading (well under SQLite's 32766 and
    /// PostgreSQL's 65535 parameters).
    static constexpr int relationChunk() { return 1000; }

    /// A row's identity: the table and its key. A single integer key is kept as a number;
    /// other keys (text, composite, NULL parts) as text. Never both.
    struct IdentityKey {
        const TableDef *table = nullptr;
        qint64 number = 0;
        QString text;
        bool operator==(const IdentityKey &) const = default;
    };

private:
    enum class State { Pending, Persistent, Deleted };
    struct Entry {
        const TableDef *table = nullptr;
        std::shared_ptr<void> object;
        State state = State::Pending;
        /// The snapshot was taken during this flush's insert (afterFlush need not take it).
        bool snapshotTaken = false;
        /// A copy of the object as loaded or last flushed, relationship members emptied
        /// (null while pending): dirty tracking compares columns against it.
        std::shared_ptr<void> snapshot;
        IdentityKey identity;   ///< table null while pending
        quint64 order = 0;
        /// Loaded one-to-many collections: relation index -> the children at load / last flush.
        QHash<int, std::vector<const void *>> collections;
    };
    struct InsertGroup {   ///< rows of one INSERT shape: columns written, columns read back
        QList<int> columns;
        QList<int> returning;
        std::vector<Entry *> entries;
    };

    void addObject(const TableDef &table, const std::shared_ptr<void> &object);
    void removeObject(const TableDef &table, const std::shared_ptr<void> &object);
    Result<std::shared_ptr<void>> getObject(const TableDef &table, const QVariantList &key);
    /// `fresh`: the object was just created here, so no entry can refer to it yet.
    Entry &track(const TableDef &table, const std::shared_ptr<void> &object, State state, bool fresh = false);
    static IdentityKey identityOf(const TableDef &table, const void *object);
    /// Copies the object into e.snapshot (reusing the copy already there).
    static void takeSnapshot(Entry &e);
    static void clearRelations(const TableDef &table, void *object);
    static bool isDirty(const Entry &e);
    QVariantList keyValues(const TableDef &table, const void *object) const;
    static QVariantList readAll(const TableDef &table, const void *object);

    Status begin();
    Result<QSqlQuery *> prepared(const QString &sql);
    Status execute(QSqlQuery &q, const QString &sql, const QVariantList &values);
    Status runQuery(QSqlQuery &q, const CompiledSql &sql);
    void notify(const QString &sql, const QVariantList &values) const;
    QVariantList rowValues(const QSqlQuery &q, int count) const;

    // The hot loops of bulk inserts and reads on the driver's own handle (sessionsqlite.cpp,
    // sessionpostgres.cpp).
    Status insertSqliteBatch(const TableDef &table, const InsertGroup &group, size_t start, int rows);
    Status copyRows(const TableDef &table, const InsertGroup &group);
    /// COPY ... (columns) FROM STDIN of `rows` rows, each written by appendRow (ending in \n).
    Status copyRows(const TableDef &table, const QList<int> &columns, size_t rows,
                    const std::function<void(QByteArray &, size_t)> &appendRow);
    void appendCopyRow(QByteArray &buffer, const TableDef &table, const QList<int> &columns, const void *object) const;
    /// PQexecParams with the values as text; a result whose status is `expected`, or the error.
    Result<pg_result *> execPostgres(const QString &sql, const QVariantList &values, int expected);
    /// The one integer a PostgreSQL statement returns.
    Result<qint64> scalarPostgres(const QString &sql, const QVariantList &values);
    Status fetchSqlite(const TableDef &table, const CompiledSql &sql, std::vector<std::shared_ptr<void>> &out);
    Status fetchPostgres(const TableDef &table, const CompiledSql &sql, std::vector<std::shared_ptr<void>> &out);
    // PostgreSQL keys generated by the server during a COPY, read back (sessionpostgreskeys.cpp).
    /// The sequence the key's identity or default draws from, or empty (keys read row by row).
    Result<QString> keySequence(const TableDef &table, const ColumnDef &key);
    Status copyReadingKeys(const TableDef &table, const InsertGroup &group, const QString &sequence);
    Status readBackKeys(const TableDef &table, const InsertGroup &group, qint64 first, qint64 last);
    Result<sqlite3_stmt *> sqliteStatement(const QString &sql);
    void finalizeNative();

    // Relationship loading (sessionrelations.cpp).
    Status loadChildren(const TableDef &table, const RelationDef &relation, const std::vector<std::shared_ptr<void>> &owners);
    Status loadParents(const TableDef &table, const RelationDef &relation, const std::vector<std::shared_ptr<void>> &owners);
    Status loadEachOwner(const TableDef &table, const RelationDef &relation, const std::vector<std::shared_ptr<void>> &owners);
    /// Rows of `table` whose `column` is one of `keys`, fetched relationChunk() keys at a time.
    Result<std::vector<std::shared_ptr<void>>> fetchIn(const TableDef &table, const ColumnDef &column, const QVariantList &keys);
    /// Takes a freshly read object into the identity map, or the one already there.
    /// `snapshot`, when given, is storage of the same type for the entry's snapshot (allocated
    /// with the object by TableDef::createWithSnapshot).
    void adopt(const TableDef &table, std::shared_ptr<void> object, std::vector<std::shared_ptr<void>> &out,
               std::shared_ptr<void> snapshot = nullptr);

    // The unit of work (unitofwork.cpp).
    Status flushSteps();
    void cascadeSaveUpdate();
    Status cascadeDeletes();
    void handleOrphans();
    std::vector<const TableDef *> flushOrder() const;
    void syncForeignKeys(const TableDef &table);
    // Inserts and deletes of one table; a table referring to itself goes in levels, parents
    // inserted first and children deleted first (unitofworkselfref.cpp).
    Status insertRows(const TableDef &table, const std::vector<Entry *> &pending);
    Status deleteRows(const TableDef &table, const std::vector<Entry *> &deleted);
    static bool refersToItself(const TableDef &table);
    Result<std::vector<std::vector<Entry *>>> selfReferenceLevels(const TableDef &table, const std::vector<Entry *> &entries,
                                                                  bool deleting);
    /// The rows in INSERT statements, grouped by the columns they write.
    Status insertShapes(const TableDef &table, const std::vector<Entry *> &pending);
    Status insertGroup(const TableDef &table, InsertGroup &group);
    Status allocateKeys(const TableDef &table, InsertGroup &group, const QString &sequence);
    Status updateRows(const TableDef &table, const std::vector<Entry *> &persistent);
    Status deleteEach(const TableDef &table, const std::vector<Entry *> &deleted);
    void afterFlush();
    /// The entries of each table in one pass, by state, in the order they joined the session.
    struct TableEntries {
        std::vector<Entry *> pending, persistent, deleted;
    };
    QHash<const TableDef *, TableEntries> entriesByTable();
    /// Notes a table an entry was made for (m_tables).
    void noteTable(const TableDef &table);
    /// Whether a table of the session declares relationships (cascades and key syncing
    /// have nothing to do otherwise, and skip their passes over every entry).
    bool anyRelations() const;

    QSqlDatabase m_db;
    const dialect::Dialect *m_dialect = nullptr;
    StatementObserver m_observer;
    bool m_inTransaction = false;
    bool m_flushing = false;
    quint64 m_nextOrder = 0;
    EntryTable<Entry> m_entries;
    /// Every table an entry was made for since the last clear() (a superset of the tables
    /// with entries: flush order is planned over it without scanning the entries).
    std::vector<const TableDef *> m_tables;
    IdentityMap<IdentityKey, Entry> m_identity;
    QHash<QString, QSqlQuery> m_statements;
    sqlite3 *m_sqlite = nullptr;     ///< the QSQLITE connection's handle
    pg_conn *m_postgres = nullptr;   ///< the QPSQL connection's handle
    QHash<QString, sqlite3_stmt *> m_sqliteStatements;
};

size_t qHash(const Session::IdentityKey &key, size_t seed = 0) noexcept;

/// RAII transaction scope over a session (the session_scope() of SQLAlchemy's tutorials):
/// commit() commits; leaving the scope without a successful commit rolls back.
class SessionScope {
public:
    explicit SessionScope(Session &session) : m_session(session) {}
    ~SessionScope()
    {
        if (!m_committed)
            (void)m_session.rollback();
    }
    SessionScope(const SessionScope &) = delete;
    SessionScope &operator=(const SessionScope &) = delete;

    Session &session() { return m_session; }
    Session *operator->() { return &m_session; }
    Status commit()
    {
        const Status s = m_session.commit();
        m_committed = s.ok();
        return s;
    }

private:
    Session &m_session;
    bool m_committed = false;
};

/// Runs `body(session)` (returning Status) and commits when it succeeds; on its error or a
/// failed commit, rolls back and returns that error.
template <typename F>
Status sessionScope(Session &session, F &&body)
{
    SessionScope scope(session);
    if (const Status s = body(session); !s)
        return s;
    return scope.commit();
}

} // namespace strata::mapping
