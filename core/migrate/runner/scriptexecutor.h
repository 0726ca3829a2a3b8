#pragma once

// ScriptExecutor: runs SQL on the native connection behind a QtSql one, so that each
// statement is reported and errors carry the statement, its line in the revision file and
// the server's position. SQLite steps through the script with sqlite3_prepare_v2's tail
// pointer (SQLite's own parser decides where statements end, triggers included);
// PostgreSQL sends each statement of exec::StatementSplitter as a simple query (PQexec).
// Owning thread of the QSqlDatabase only. No QSqlQuery may be active on it meanwhile.

#include "base/result.h"
#include "dialect/dialect.h"

#include <QSqlDatabase>
#include <functional>

struct sqlite3;
struct pg_conn;

namespace strata::migrate {

struct StatementEvent {
    QString sql;
    int line = 0;          ///< line in the file (1-based), 0 when not from a file
    qint64 durationMs = 0;
};

class ScriptExecutor {
public:
    explicit ScriptExecutor(const QSqlDatabase &db);

    dialect::DialectKind kind() const { return m_kind; }
    bool isValid() const { return m_sqlite || m_postgres; }

    /// Runs every statement of `sql`. `file`/`firstLine` place errors ("file:line: ...").
    Status execute(const QString &sql, const QString &file, int firstLine,
                   const std::function<void(const StatementEvent &)> &onStatement = {});
    /// Runs one statement without reporting (BEGIN, COMMIT, PRAGMA...).
    Status exec(const QString &sql);
    /// SQLite: sets the busy timeout in milliseconds. No-op on PostgreSQL.
    void setBusyTimeout(int ms);

private:
    Status executeSqlite(const QString &sql, const QString &file, int firstLine,
                         const std::function<void(const StatementEvent &)> &onStatement);
    Status executePostgres(const QString &sql, const QString &file, int firstLine,
                           const std::function<void(const StatementEvent &)> &onStatement);

    dialect::DialectKind m_kind = dialect::DialectKind::Sqlite;
    sqlite3 *m_sqlite = nullptr;
    pg_conn *m_postgres = nullptr;
};

} // namespace strata::migrate
