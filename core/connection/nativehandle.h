#pragma once

// The native connection behind a QtSql one: `sqlite3*` (QSQLITE) or `PGconn*` (QPSQL), for
// what QtSql cannot do — cancel, streaming, COPY, error positions. Attach and detach on the
// thread that owns the QSqlDatabase; interrupt() may be called from any thread: it stops
// the statement running now (sqlite3_interrupt / PQcancel) and is a no-op when idle.

#include <QMutex>
#include <QSqlDatabase>

struct sqlite3;
struct pg_conn;
struct pg_cancel;

namespace strata::connection {

class NativeHandle {
public:
    NativeHandle() = default;
    ~NativeHandle();
    NativeHandle(const NativeHandle &) = delete;
    NativeHandle &operator=(const NativeHandle &) = delete;

    /// Reads the driver's handle from `db` (owning thread only).
    void attach(const QSqlDatabase &db);
    /// Forgets the handle; call before the QSqlDatabase closes (owning thread only).
    void detach();

    sqlite3 *sqlite() const { return m_sqlite; }
    pg_conn *postgres() const { return m_postgres; }

    /// Thread-safe. Asks the database to stop the running statement. Returns false when
    /// there is nothing to interrupt or the cancel request could not be sent.
    bool interrupt();

    /// Owning thread: true when libpq reports the connection as broken (server restart,
    /// network drop). Always false for SQLite.
    bool isBroken() const;

    /// Reads a driver handle of `db` as the given type name ("sqlite3*", "PGconn*"/"pg_conn*").
    static sqlite3 *sqliteHandle(const QSqlDatabase &db);
    static pg_conn *postgresHandle(const QSqlDatabase &db);

private:
    mutable QMutex m_mutex;
    sqlite3 *m_sqlite = nullptr;
    pg_conn *m_postgres = nullptr;
    pg_cancel *m_cancel = nullptr;
};

} // namespace strata::connection
