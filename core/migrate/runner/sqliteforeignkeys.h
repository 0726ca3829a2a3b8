#pragma once

// SQLite's foreign-key switch around a migration transaction, shared by the migration
// runner and ops::applyStatements(): PRAGMA foreign_keys only takes effect outside a
// transaction, so it goes off before BEGIN (a table rebuild then fires no ON DELETE CASCADE
// in child tables) and PRAGMA foreign_key_check runs before COMMIT instead.
// Owning thread of the QSqlDatabase only.

#include "base/result.h"
#include "scriptexecutor.h"

#include <QSqlDatabase>

namespace strata::migrate {

/// Turns PRAGMA foreign_keys off for its lifetime on SQLite and restores the previous value,
/// however the scope ends. Does nothing on PostgreSQL.
class ForeignKeysOff {
public:
    ForeignKeysOff(ScriptExecutor &exec, const QSqlDatabase &db);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    ScriptExecutor &m_exec;
    bool m_active = false;
    bool m_wasOn = false;
};

/// PRAGMA foreign_key_check on SQLite: a Constraint error naming the first violations
/// (table, row, parent table); `context` starts the message. No-op on PostgreSQL.
Status foreignKeyCheck(const QSqlDatabase &db, const QString &context);

} // namespace strata::migrate
