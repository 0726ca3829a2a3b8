#pragma once

// MigrationRunner: runs a plan online on one open connection, on the calling thread (the
// thread that owns the QSqlDatabase).
//
// A command runs in one transaction by default, so a failing revision leaves the schema
// and the version table exactly as they were (SQLite included: its DDL is transactional,
// and BEGIN IMMEDIATE takes the write lock up front). With transactionPerMigration each
// revision commits on its own. A `transactional: false` revision runs outside any
// transaction: the work before it is committed first and the rest continues in a new
// transaction (reported as an Info event). On SQLite, PRAGMA foreign_keys is off during
// the run (restored afterwards) and PRAGMA foreign_key_check runs before every COMMIT.
//
// Concurrency: see MigrationLock, held for the whole command. At the start of every
// transaction the runner re-reads the version table and re-plans towards the (already
// resolved) target, so a runner that waited never applies a revision twice. cancel() (any
// thread) stops between revisions; interrupt() (any thread, e.g. on SIGTERM) also stops the
// running statement. Either way the open transaction is rolled back and the lock released;
// after interrupt() the error says what was rolled back and what stays (RunCanceller).
//
// What runs is what is on disk when the command starts: a runner made from a ProjectConfig
// (MigrationEngine::runner) reads the revision files once the lock is held and executes,
// checks and records (checksum) those same bytes. With RunnerOptions::confirmed (what a
// confirmation showed), a revision file that differs from the confirmed one, or a revision
// the confirmation did not show, stops the command before anything runs, with a Conflict
// error naming the file. Before running, every applied revision is compared with its file
// (driftcheck.h): drift is a Warning event, or a refusal with RunnerOptions::refuseDrift.

#include "driftcheck.h"
#include "migrationlock.h"
#include "runcanceller.h"
#include "scriptexecutor.h"
#include "versiontable.h"

#include "migrate/script/projectconfig.h"
#include "migrate/script/scriptstore.h"

#include <QMap>
#include <functional>
#include <optional>

namespace strata::migrate {

struct RunEvent {
    enum class Kind { Info, Waiting, RevisionStarted, Statement, RevisionFinished, Committed, Warning };
    Kind kind = Kind::Info;
    QString revision;
    Direction direction = Direction::Upgrade;
    QString text;          ///< message, or the statement's SQL
    QString file;
    int line = 0;
    qint64 durationMs = 0;
    QStringList fromRevisions;  ///< for RevisionStarted: what the step goes from
};

/// What a confirmation showed: each revision of its plan with the fingerprint of its file
/// (RevisionScript::fingerprint) and its path for messages.
struct ConfirmedRevisions {
    QMap<QString, QString> fingerprints;   ///< revision id -> fingerprint
    QMap<QString, QString> paths;          ///< revision id -> display path
    /// The revisions of `plan` as `store` holds them (the store the confirmation was built from).
    static ConfirmedRevisions of(const MigrationPlan &plan, const ScriptStore &store);
};

struct RunnerOptions {
    VersionTableName versionTable;
    bool transactionPerMigration = false;
    int lockTimeoutSeconds = 60;
    std::function<void(const RunEvent &)> onEvent;
    /// Set by a caller that showed the plan first: nothing runs unless the files are still
    /// the ones shown (see the note at the top).
    std::optional<ConfirmedRevisions> confirmed;
    /// Refuse the command when an applied revision was edited after it ran (--strict,
    /// strict_drift); otherwise each drifted revision is a Warning event.
    bool refuseDrift = false;
};

/// One section of a revision run on its own ("Run upgrade section…" of the revision
/// editor): under the migration lock, in a transaction unless `transactional` is false,
/// with SQLite's foreign keys handled as in a run; nothing is written to the version or
/// history tables.
struct SectionRun {
    QString revision;
    Direction direction = Direction::Upgrade;
    QString sql;            ///< exactly what runs (the text the confirmation showed)
    QString file;           ///< for located errors and events
    int firstLine = 1;      ///< line of the first line of `sql` in the file
    bool transactional = true;
};

struct StepResult {
    QString revision;
    Direction direction = Direction::Upgrade;
    qint64 durationMs = 0;
};

struct RunResult {
    QStringList startHeads;
    QStringList endHeads;
    QList<StepResult> steps;
    bool nothingToDo() const { return steps.isEmpty(); }
};

class MigrationRunner {
public:
    /// Runs the scripts of `store` as given (projects built in code, tests).
    MigrationRunner(const QSqlDatabase &db, const ScriptStore &store, RunnerOptions options);
    /// Reads `project`'s revision files when each command starts (after the lock is held).
    MigrationRunner(const QSqlDatabase &db, const ProjectConfig &project, RunnerOptions options);

    Result<RunResult> upgrade(const QString &target);
    Result<RunResult> downgrade(const QString &target);
    /// Sets the version rows without running SQL (see RevisionGraph::stampHeads).
    Result<RunResult> stamp(const QStringList &targets, bool purge);
    /// Runs one section (migrationrunnersection.cpp); returns its duration in ms.
    Result<qint64> runSection(const SectionRun &section);
    /// The scripts of the last command (as read from disk when it started).
    const ScriptStore &scripts() const { return m_store; }
    /// The version rows (no lock, no transaction).
    Result<QStringList> currentHeads() const;
    /// Thread-safe: stop before the next revision.
    void cancel() { m_canceller.cancel(); }
    /// Thread-safe: stop now, cancelling the running statement; may be called repeatedly.
    /// `reason` ("SIGTERM") is named in the error: "Interrupted by SIGTERM: rolled back ...".
    void interrupt(const QString &reason = {}) { m_canceller.interrupt(reason); }

private:
    struct Target {
        Direction direction = Direction::Upgrade;
        UpgradeTarget up;
        DowngradeTarget down;
    };
    Result<RunResult> run(Direction direction, const QString &targetText);
    Result<bool> runTransaction(Target &target, bool &resolved, const QString &targetText, RunResult &result, MigrationLock &lock);
    Status runStep(const MigrationStep &step, VersionTable &table, RunResult &result);
    Status readScripts();
    Status checkKnownHeads(const QStringList &heads) const;
    Status checkSections(const MigrationPlan &plan) const;
    Status checkConfirmed(const MigrationPlan &plan) const;
    Status reportDrift(const VersionTable &table, const QStringList &heads);
    Status foreignKeyCheck();
    Status commit(const RunResult &result);
    void rollback();
    Error interrupted(const Error &cause, const RunResult &result);
    void emitEvent(RunEvent event) const;

    QSqlDatabase m_db;
    ScriptStore m_store;
    std::optional<ProjectConfig> m_project;
    RunnerOptions m_options;
    ScriptExecutor m_executor;
    const dialect::Dialect &m_dialect;
    RunCanceller m_canceller;
    // For the message of an interrupted run: the steps of result.steps committed so far, and
    // the revision that was running.
    qsizetype m_committedSteps = 0;
    struct Running {
        QString revision;
        Direction direction = Direction::Upgrade;
        bool transactional = true;
    };
    std::optional<Running> m_running;
};

} // namespace strata::migrate
