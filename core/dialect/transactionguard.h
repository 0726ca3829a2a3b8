#pragma once

// TransactionGuard: the one transaction scope every writer uses (grid saves, CSV import,
// schema changes, create_all/drop_all). It renders BEGIN/COMMIT/ROLLBACK/SAVEPOINT through
// the dialect and runs them through an executor the caller supplies, so it works the same
// over a QtSql connection, a native sqlite3* or a libpq connection.
//
// Rollback unless committed: a guard that goes out of scope with its transaction open sends
// ROLLBACK (its error ignored: the first error is the one to report). A COMMIT that fails
// leaves the guard open (SQLite's SQLITE_BUSY keeps the transaction), so it is rolled back too.
// Not thread-safe; lives on the thread that owns the connection.

#include "dialect.h"

#include <QSqlDatabase>

#include <functional>

namespace strata::dialect {

class TransactionGuard {
public:
    /// Runs one statement on the connection the transaction belongs to.
    using Executor = std::function<Status(const QString &sql)>;

    TransactionGuard(const Dialect &dialect, Executor executor);
    /// Over a QtSql connection: statements run as QSqlQuery, errors mapped by its dialect.
    explicit TransactionGuard(const QSqlDatabase &db);
    ~TransactionGuard();
    TransactionGuard(const TransactionGuard &) = delete;
    TransactionGuard &operator=(const TransactionGuard &) = delete;

    Status begin(BeginMode mode = BeginMode::Deferred);
    /// On failure the transaction counts as still open: the guard rolls it back.
    Status commit();
    /// Rolls back now if open (errors ignored); afterwards nothing is open.
    void rollback();

    Status savepoint(const QString &name);
    Status release(const QString &name);
    Status rollbackTo(const QString &name);

    bool isOpen() const { return m_open; }

private:
    const Dialect &m_dialect;
    Executor m_exec;
    bool m_open = false;
};

} // namespace strata::dialect
