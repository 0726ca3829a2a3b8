#pragma once

// OfflineRenderer: the SQL script of a plan, for a DBA to run (`--sql`), without touching
// any database: BEGIN/COMMIT (one transaction, or one per revision; COMMIT before and
// BEGIN after a non-transactional revision), the version and history table creation
// for upgrades, each revision's SQL under a "-- Running upgrade a -> b" comment (as
// Alembic writes it), the version-table updates and history rows, and, when a downgrade
// ends at base, the final DROP of the version table. On SQLite the script turns
// foreign keys off first and runs PRAGMA foreign_key_check before each COMMIT.

#include "versiontable.h"

#include "migrate/script/scriptstore.h"

namespace strata::migrate {

class OfflineRenderer {
public:
    static Result<QString> render(const MigrationPlan &plan, const ScriptStore &store, const dialect::Dialect &dialect,
                                  const VersionTableName &table, bool transactionPerMigration);
};

} // namespace strata::migrate
