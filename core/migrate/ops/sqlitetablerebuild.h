#pragma once

// The 12-step table rebuild of sqlite.org ("Making Other Kinds Of Table Schema Changes"),
// for the changes SQLite's ALTER TABLE cannot make:
//   1. CREATE TABLE "_strata_new_<t>" with the new definition;
//   2. INSERT INTO it (common columns) SELECT them FROM the old table;
//   3. DROP the views that read the table (and the views that read those), and the triggers
//      of other tables and views whose body names it: renaming a table checks every view and
//      trigger of the schema, and these would name a table that is missing for a moment;
//   4. DROP TABLE the old one (its indexes and triggers go with it);
//   5. ALTER TABLE "_strata_new_<t>" RENAME TO "<t>";
//   6. recreate the table's indexes (as written when they are unchanged) and triggers, then
//      the dropped views with their triggers, then the other dropped triggers.
// The caller runs the statements in one transaction with PRAGMA foreign_keys off and
// PRAGMA foreign_key_check before COMMIT (applyStatements(), the migration runner), so no
// ON DELETE CASCADE fires in child tables while the parent is dropped.

#include "base/result.h"
#include "schemasnapshot.h"

namespace strata::migrate::ops {

class SqliteTableRebuild {
public:
    /// Statements that turn `table` as it is in `before` into the table as it is in `after`.
    static Result<QStringList> statements(const dialect::Dialect &dialect, const SchemaSnapshot &before,
                                          const SchemaSnapshot &after, const QString &table);

    /// Views of `snapshot` that read `table`, directly or through other such views, in an
    /// order that creates each after the views it reads.
    static QList<const catalog::TableDetail *> dependentViews(const SchemaSnapshot &snapshot, const QString &table);

    /// The prefix of the temporary table: "_strata_new_".
    static QString temporaryPrefix() { return QStringLiteral("_strata_new_"); }
};

} // namespace strata::migrate::ops
