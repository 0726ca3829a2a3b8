#pragma once

// Where the two sides of a comparison come from: a live database, a schema.sql file applied
// to a scratch database (in-memory SQLite; on PostgreSQL a temporary schema inside a
// transaction that is rolled back, so nothing is left behind), or the MetaData of mapped
// C++ structs. All functions run on the calling thread with the given QSqlDatabase, so the
// GUI calls them in a Connection job, never on the GUI thread.

#include "base/result.h"
#include "migrate/ops/schemasnapshot.h"
#include "migrate/script/projectconfig.h"

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

/// One script to run in a scratch database; `name` (e.g. a revision file) prefixes errors.
struct ScratchScript {
    QString name;
    QString sql;
};

/// Where scripts run on PostgreSQL. TemporarySchema: a new schema first on the search path
/// (for unqualified DDL such as a schema.sql). ShadowSchema: `schema` itself is renamed away
/// and created again empty (for revisions, which qualify names: "public"."books"); this
/// needs ownership of the schema and briefly locks it.
enum class ScratchPlacement { TemporarySchema, ShadowSchema };

/// Runs `scripts` in order in a scratch database of `kind` and snapshots the result, as
/// snapshotFromSql does. SQLite: an in-memory database (`server` unused, may be null);
/// PostgreSQL: in `*server` inside a transaction that is rolled back, so nothing is left
/// (no server is an error).
Result<ops::SchemaSnapshot> snapshotFromScripts(dialect::DialectKind kind, QSqlDatabase *server,
                                                const QList<ScratchScript> &scripts, const QString &schema = {},
                                                ScratchPlacement placement = ScratchPlacement::TemporarySchema);

/// The schema the project's revisions build: every revision's upgrade section for `kind`,
/// bases first through the heads, run by snapshotFromScripts. A revision without a section
/// for that dialect is an error naming its file.
Result<ops::SchemaSnapshot> snapshotFromRevisions(const ProjectConfig &config, dialect::DialectKind kind,
                                                  QSqlDatabase *server, const QString &schema = {});

/// The schema createAll would create, as `dialect` would read it back.
ops::SchemaSnapshot snapshotFromMetaData(const mapping::MetaData &metadata, const dialect::Dialect &dialect,
                                         const QString &schema = {});

} // namespace strata::migrate::autogen
