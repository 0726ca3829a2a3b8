#pragma once

// Where the two sides of a comparison come from: a live database, a schema.sql file applied
// to a scratch database (in-memory SQLite; on PostgreSQL a temporary schema inside a
// transaction that is rolled back, so nothing is left behind), or the MetaData of mapped
// C++ structs. All functions run on the calling thread with the given QSqlDatabase, so the
// GUI calls them in a Connection job, never on the GUI thread.

#include "base/result.h"
#include "migrate/ops/schemasnapshot.h"

#include <QSqlDatabase>

namespace strata::mapping { class MetaData; }

namespace strata::migrate::autogen {

/// Tables (with details), views, standalone sequences and enum types of `schema`
/// ("main" on SQLite; empty means "main" / "public").
Result<ops::SchemaSnapshot> readSnapshot(QSqlDatabase &db, const QString &schema = {});

/// Runs `sqlText` (statements separated by ';', the console's splitter) in a scratch
/// database of `db`'s dialect and snapshots the result, named as `schema`. SQLite: an
/// in-memory database; PostgreSQL: a temporary schema in `db`, inside a transaction that
/// is rolled back. A failing statement is an error with its line.
Result<ops::SchemaSnapshot> snapshotFromSql(QSqlDatabase &db, const QString &sqlText, const QString &schema = {});

/// The schema createAll would create, as `dialect` would read it back.
ops::SchemaSnapshot snapshotFromMetaData(const mapping::MetaData &metadata, const dialect::Dialect &dialect,
                                         const QString &schema = {});

} // namespace strata::migrate::autogen
