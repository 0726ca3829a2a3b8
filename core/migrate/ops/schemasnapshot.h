#pragma once

// SchemaSnapshot: everything autogenerate compares in one schema, as catalog values. The
// compiler keeps one as it compiles a list of operations, so a SQLite table rebuild knows the
// table's other columns, indexes, triggers and the views that depend on it.

#include "base/result.h"
#include "dialect/dialect.h"
#include "operation.h"

namespace strata::migrate::ops {

struct SchemaSnapshot {
    dialect::DialectKind dialect = dialect::DialectKind::Sqlite;
    QString schema;                          ///< "main" on SQLite, e.g. "public" on PostgreSQL
    QList<catalog::TableDetail> tables;      ///< kind Table / PartitionedTable, with indexes, FKs, triggers
    QList<catalog::TableDetail> views;       ///< kind View / MaterializedView, viewDefinition set
    QList<catalog::SequenceInfo> sequences;  ///< standalone sequences only
    QList<EnumTypeInfo> enums;

    const catalog::TableDetail *table(const QString &name) const;
    catalog::TableDetail *table(const QString &name);
    const catalog::TableDetail *view(const QString &name) const;
};

/// Names every object of the snapshot as in `schema`: tables, views, foreign keys that
/// referenced the old schema, sequences and enum types. Texts the server wrote (index
/// definitions, view bodies, defaults) are left as they are; the compiler reuses an index
/// definition only when it names the operation's own schema.
void moveToSchema(SchemaSnapshot &snapshot, const QString &schema);

/// Applies `op` to the snapshot as the database would (a rename renames the table in
/// foreign keys that reference it, a dropped column takes the indexes, key, constraints
/// and foreign keys on it with it, ...).
/// An operation on something the snapshot does not have is an error naming it.
Status applyOperation(SchemaSnapshot &snapshot, const Operation &op);

} // namespace strata::migrate::ops
