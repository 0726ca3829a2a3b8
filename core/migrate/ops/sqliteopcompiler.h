#pragma once

// Operations as SQLite DDL. Native ALTER TABLE where SQLite has it (RENAME TABLE, RENAME
// COLUMN, ADD COLUMN and DROP COLUMN in the cases SQLite accepts); everything else is a
// table rebuild (sqlitetablerebuild.h). Enum types, sequences and materialized views are
// errors: SQLite has none.

#include "base/result.h"
#include "schemasnapshot.h"

namespace strata::migrate::ops {

class SqliteOpCompiler {
public:
    explicit SqliteOpCompiler(const dialect::Dialect &dialect) : m_dialect(dialect) {}

    /// The statements of one operation: `before` is the schema it applies to, `after` the
    /// schema once applied (applyOperation). RawSql excluded: the caller handles it.
    Result<QStringList> compile(const Operation &op, const SchemaSnapshot &before, const SchemaSnapshot &after) const;

    /// The table `op` rebuilds when applied to `before`, or empty when SQLite makes the
    /// change natively (or `op` changes no table).
    static QString rebuiltTable(const Operation &op, const SchemaSnapshot &before);

    /// Why SQLite's ALTER TABLE ... DROP COLUMN would refuse `column` of `table` (an index,
    /// key, constraint, foreign key, trigger or view uses it), or empty when it would not.
    static QString dropColumnBlocker(const SchemaSnapshot &snapshot, const QString &table, const QString &column);

private:
    const dialect::Dialect &m_dialect;
};

} // namespace strata::migrate::ops
