#pragma once

// MigrationEngine: the one entry point of revision tracking, for strata-migrate, the
// migration panel and applications that upgrade their database at start-up. It holds a
// project (config + validated script store) and offers Alembic's commands; results are
// values (RevisionInfo lists, RunResult, reports) that callers print as Alembic's text or
// as JSON. Commands that need the database take an open QSqlDatabase and run on the
// thread that owns it; the others never touch a database.
//
//   Result<MigrationEngine> e = MigrationEngine::open(ProjectConfig::forScriptDirectory(":/migrations"));
//   e->runner(db, {}).upgrade("head");

#include "revisioninfo.h"

#include "migrate/runner/driftcheck.h"
#include "migrate/runner/migrationrunner.h"
#include "migrate/script/projectconfig.h"
#include "migrate/script/scriptstore.h"

#include <QDateTime>

namespace strata::migrate {

struct NewRevisionOptions {
    QString message;
    QString head;              ///< revision to base it on; empty: the single head ("base" for a new base)
    bool splice = false;       ///< allow a `head` that is not a head (a new branch)
    QStringList branchLabels;
    QStringList dependsOn;
    QString revId;             ///< empty: generated
};

struct CheckReport {
    QStringList current;
    QStringList heads;
    bool atHead() const;
};

class MigrationEngine {
public:
    /// Loads and validates the project's revisions.
    static Result<MigrationEngine> open(const ProjectConfig &config);
    /// Creates `directory` with a strata.ini and an empty versions/ (fails if strata.ini exists).
    static Status init(const QString &directory);

    const ProjectConfig &config() const { return m_config; }
    const ScriptStore &store() const { return m_store; }
    const RevisionGraph &graph() const { return m_store.graph(); }
    VersionTableName versionTableName() const;

    RevisionInfo info(const QString &id) const;
    QList<RevisionInfo> heads() const;
    QList<RevisionInfo> branchPoints() const;
    /// Revisions of `range` ("a:b", "a:", ":b", "" for all), heads first; currentHeads
    /// resolves "current" and relative ends, and marks (current) with indicateCurrent.
    Result<QList<RevisionInfo>> history(const QString &range, const QStringList &currentHeads, bool indicateCurrent) const;
    Result<QList<RevisionInfo>> show(const QString &revision, const QStringList &currentHeads) const;
    /// What `current` shows for the version rows (unknown ids are an error): the rows, and a
    /// revision applied only because a row depends on it, as Alembic shows them.
    Result<QList<RevisionInfo>> current(const QStringList &currentHeads) const;

    Result<RevisionScript> createRevision(const NewRevisionOptions &options, const QDateTime &created = QDateTime::currentDateTime());
    Result<RevisionScript> merge(const QStringList &revisions, const QString &message, const QStringList &branchLabels = {},
                                 const QString &revId = {}, const QDateTime &created = QDateTime::currentDateTime());

    // Database commands (owning thread of `db`).
    /// A runner that reads the project's revision files again when its command starts, so
    /// it runs the files as they are then (not as they were when this engine was opened).
    MigrationRunner runner(const QSqlDatabase &db, RunnerOptions options) const;
    Result<QStringList> currentHeads(const QSqlDatabase &db) const;
    Result<CheckReport> check(const QSqlDatabase &db) const;
    /// The applied revisions compared with their files as loaded (see driftcheck.h).
    Result<VerifyReport> verify(const QSqlDatabase &db) const;

    /// Offline SQL for `range` ("start:end" or "end"; upgrades start at base by default,
    /// downgrades need a start).
    Result<QString> offlineSql(Direction direction, const QString &range, dialect::DialectKind kind,
                               bool transactionPerMigration) const;

    /// The plan an upgrade or downgrade to `target` would run from `startHeads` (the
    /// database's version rows, e.g. read with currentHeads()); the runner makes the same
    /// plan when the database is still at `startHeads`. Pure: no database.
    Result<MigrationPlan> plan(Direction direction, const QStringList &startHeads, const QString &target) const;
    /// Offline SQL of plan(direction, startHeads, target): what `strata-migrate upgrade
    /// <start>:<target> --sql` prints for a single start head (several heads, which a range
    /// cannot name, are supported too).
    Result<QString> offlineSql(Direction direction, const QStringList &startHeads, const QString &target,
                               dialect::DialectKind kind, bool transactionPerMigration) const;

private:
    ProjectConfig m_config;
    ScriptStore m_store;
};

} // namespace strata::migrate
