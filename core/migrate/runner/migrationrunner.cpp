#include "migrationrunner.h"

#include "sectioncheck.h"
#include "sqliteforeignkeys.h"

#include "migrate/script/revisionchecksum.h"

#include <QElapsedTimer>

namespace strata::migrate {

using dialect::DialectKind;

namespace {

const dialect::Dialect &dialectOf(const QSqlDatabase &db)
{
    return dialect::dialectFor(db.driverName() == u"QPSQL" ? DialectKind::Postgres : DialectKind::Sqlite);
}

} // namespace

ConfirmedRevisions ConfirmedRevisions::of(const MigrationPlan &plan, const ScriptStore &store)
{
    ConfirmedRevisions c;
    for (const MigrationStep &step : plan.steps)
        if (const RevisionScript *script = store.find(step.revision)) {
            c.fingerprints.insert(step.revision, script->fingerprint);
            c.paths.insert(step.revision, script->displayPath);
        }
    return c;
}

MigrationRunner::MigrationRunner(const QSqlDatabase &db, const ScriptStore &store, RunnerOptions options)
    : m_db(db), m_store(store), m_options(std::move(options)), m_executor(db), m_dialect(dialectOf(db))
{
}

MigrationRunner::MigrationRunner(const QSqlDatabase &db, const ProjectConfig &project, RunnerOptions options)
    : m_db(db), m_project(project), m_options(std::move(options)), m_executor(db), m_dialect(dialectOf(db))
{
}

Status MigrationRunner::readScripts()
{
    if (!m_project)
        return {};
    Result<ScriptStore> store = ScriptStore::load(*m_project);
    if (!store)
        return store.error();
    m_store = *store;
    return {};
}

Status MigrationRunner::checkConfirmed(const MigrationPlan &plan) const
{
    if (!m_options.confirmed)
        return {};
    const ConfirmedRevisions &c = *m_options.confirmed;
    auto changed = [](const QString &file, const QString &what) {
        return Error(ErrorKind::Conflict, QStringLiteral("%1 %2 after the confirmation: nothing was run").arg(file, what)).withLocation(file, 0);
    };
    for (auto it = c.fingerprints.cbegin(); it != c.fingerprints.cend(); ++it) {
        const RevisionScript *script = m_store.find(it.key());
        if (!script)
            return changed(c.paths.value(it.key()), QStringLiteral("(revision %1) was removed or lost its id").arg(it.key()));
        if (script->fingerprint != it.value())
            return changed(script->displayPath, QStringLiteral("(revision %1) changed").arg(it.key()));
    }
    for (const MigrationStep &step : plan.steps)
        if (!c.fingerprints.contains(step.revision))
            return changed(m_store.find(step.revision)->displayPath,
                           QStringLiteral("(revision %1) was not in the confirmation: the project changed").arg(step.revision));
    return {};
}

Status MigrationRunner::reportDrift(const VersionTable &table, const QStringList &heads)
{
    Result<QList<HistoryRow>> rows = table.history();
    if (!rows)
        return rows.error();
    const QList<VerifyEntry> drifted = checkDrift(m_store, heads, *rows, m_dialect.name()).drifted();
    if (drifted.isEmpty())
        return {};
    QStringList lines;
    for (const VerifyEntry &e : drifted)
        lines.append(driftWarning(e));
    if (m_options.refuseDrift)
        return Error(ErrorKind::Migration, QStringLiteral("Refusing to run (strict drift check): %1").arg(lines.join(QStringLiteral("; "))))
            .withDetail(QStringLiteral("Restore the file as it was applied, or run without --strict / strict_drift."));
    for (const VerifyEntry &e : drifted)
        emitEvent(RunEvent{RunEvent::Kind::Warning, e.revision, Direction::Upgrade, QStringLiteral("WARNING: ") + driftWarning(e),
                           e.path, 0, 0, {}});
    return {};
}

void MigrationRunner::emitEvent(RunEvent event) const
{
    if (m_options.onEvent)
        m_options.onEvent(event);
}

Result<QStringList> MigrationRunner::currentHeads() const
{
    return VersionTable(m_db, m_options.versionTable).heads();
}

Result<RunResult> MigrationRunner::upgrade(const QString &target)
{
    return run(Direction::Upgrade, target);
}

Result<RunResult> MigrationRunner::downgrade(const QString &target)
{
    return run(Direction::Downgrade, target);
}

Status MigrationRunner::checkKnownHeads(const QStringList &heads) const
{
    for (const QString &h : heads)
        if (!m_store.graph().contains(h))
            return Error(ErrorKind::Migration,
                         QStringLiteral("The database is at revision %1, which is not in the script directory").arg(h));
    return {};
}

Status MigrationRunner::checkSections(const MigrationPlan &plan) const
{
    for (const MigrationStep &step : plan.steps) {
        const RevisionScript *script = m_store.find(step.revision);
        Result<RevisionSection> section = script->section(step.direction, m_dialect.name());
        if (!section)
            return section.error();
        if (Status s = checkSection(section->sql, m_dialect.kind(), script->transactional, script->displayPath, section->line); !s)
            return s;
    }
    return {};
}

Status MigrationRunner::foreignKeyCheck()
{
    if (m_executor.kind() != DialectKind::Sqlite)
        return {};
    return migrate::foreignKeyCheck(m_db, QStringLiteral("Foreign key violations after the migrations"));
}

Status MigrationRunner::commit(const RunResult &result)
{
    if (Status s = foreignKeyCheck(); !s)
        return s;
    Status s = m_executor.exec(QStringLiteral("COMMIT"));
    if (s)
        m_committedSteps = result.steps.size();
    return s;
}

void MigrationRunner::rollback()
{
    if (!m_canceller.isInterrupted()) {
        (void)m_executor.exec(QStringLiteral("ROLLBACK"));
        return;
    }
    // Twice at most: a cancel request sent just before stopInterrupting() may still reach it.
    m_canceller.stopInterrupting();
    if (!m_executor.exec(QStringLiteral("ROLLBACK")))
        (void)m_executor.exec(QStringLiteral("ROLLBACK"));
}

// The run stopped on interrupt(): what was rolled back, what stays, where the database is.
Error MigrationRunner::interrupted(const Error &cause, const RunResult &result)
{
    m_canceller.stopInterrupting();
    auto name = [](Direction d, const QString &revision) { return QStringLiteral("%1 %2").arg(directionName(d), revision); };
    QStringList rolledBack, kept, detail;
    for (qsizetype i = 0; i < result.steps.size(); ++i)
        (i < m_committedSteps ? kept : rolledBack).append(name(result.steps[i].direction, result.steps[i].revision));
    if (m_running) {
        detail.append(QStringLiteral("The statement that was running stopped: %1").arg(cause.message));
        if (m_running->transactional)
            rolledBack.append(name(m_running->direction, m_running->revision) + QStringLiteral(" (it was running)"));
        else
            detail.append(QStringLiteral("Revision %1 is not transactional: the statements it finished before the interruption stay "
                                         "in the database, and it is not recorded as applied.").arg(m_running->revision));
    }
    if (!kept.isEmpty())
        detail.append(QStringLiteral("Committed before the interruption, and kept: %1").arg(kept.join(QStringLiteral(", "))));
    const Result<QStringList> heads = VersionTable(m_db, m_options.versionTable).heads();
    const QString at = !heads ? QStringLiteral("unknown (%1)").arg(heads.error().message)
                       : heads->isEmpty() ? QStringLiteral("base") : heads->join(QStringLiteral(", "));
    const bool unchanged = kept.isEmpty() && (!m_running || m_running->transactional);
    const QString reason = m_canceller.interruptReason();
    const QString what = reason.isEmpty() ? QStringLiteral("Interrupted") : QStringLiteral("Interrupted by %1").arg(reason);
    QString message = rolledBack.isEmpty() && !m_running && kept.isEmpty()
                          ? QStringLiteral("%1 before any revision ran (%2)").arg(what, cause.message)
                          : QStringLiteral("%1: rolled back %2").arg(what, rolledBack.isEmpty() ? QStringLiteral("nothing")
                                                                                               : rolledBack.join(QStringLiteral(", ")));
    message += QStringLiteral("; the database is at %1%2").arg(at, unchanged ? QStringLiteral(", as before the command") : QString());
    Error e(ErrorKind::Cancelled, message);
    e.detail = detail.join(QLatin1Char('\n'));
    return e;
}

Result<RunResult> MigrationRunner::run(Direction direction, const QString &targetText)
{
    if (!m_executor.isValid())
        return Error(ErrorKind::Connection, QStringLiteral("The connection is not open"));
    const VersionTableName &vt = m_options.versionTable;
    RunCanceller::Armed armed(m_canceller, m_db);
    m_committedSteps = 0;
    m_running.reset();
    RunResult result;
    MigrationLock lock(m_executor, m_db, (vt.schema.isEmpty() ? QString() : vt.schema + QLatin1Char('.')) + vt.table,
                       m_options.lockTimeoutSeconds,
                       [this](const QString &text) { emitEvent(RunEvent{RunEvent::Kind::Waiting, {}, {}, text, {}, 0, 0, {}}); },
                       m_canceller);
    if (Status s = lock.acquire(); !s)
        return m_canceller.isInterrupted() ? interrupted(s.error(), result) : s.error();
    if (Status s = readScripts(); !s)
        return s.error();
    ForeignKeysOff fkOff(m_executor, m_db);
    Target target;
    target.direction = direction;
    bool resolved = false;
    while (true) {
        Result<bool> done = runTransaction(target, resolved, targetText, result, lock);
        if (!done)
            return m_canceller.isInterrupted() ? interrupted(done.error(), result) : done.error();
        if (*done)
            break;
    }
    Result<QStringList> end = VersionTable(m_db, vt).heads();
    if (end)
        result.endHeads = *end;
    return result;
}

// One transaction of a run: returns true when the run is complete, false when another
// transaction must follow (transaction per migration, or a non-transactional revision).
Result<bool> MigrationRunner::runTransaction(Target &target, bool &resolved, const QString &targetText, RunResult &result,
                                             MigrationLock &lock)
{
    if (Status s = lock.beginTransaction(); !s)
        return s.error();
    auto fail = [this](const Error &e) -> Result<bool> {
        rollback();
        return e;
    };
    VersionTable table(m_db, m_options.versionTable);
    if (Status s = table.create(); !s)
        return fail(s.error());
    Result<QStringList> heads = table.heads();
    if (!heads)
        return fail(heads.error());
    if (Status s = checkKnownHeads(*heads); !s)
        return fail(s.error());
    const RevisionGraph &graph = m_store.graph();
    if (!resolved) {
        if (Status s = reportDrift(table, *heads); !s)
            return fail(s.error());
        result.startHeads = *heads;
        if (target.direction == Direction::Upgrade) {
            Result<UpgradeTarget> t = graph.resolveUpgradeTarget(targetText, *heads);
            if (!t)
                return fail(t.error());
            target.up = *t;
        } else {
            Result<DowngradeTarget> t = graph.resolveDowngradeTarget(targetText, *heads);
            if (!t)
                return fail(t.error());
            target.down = *t;
        }
        resolved = true;
    }
    const MigrationPlan plan = target.direction == Direction::Upgrade ? graph.planUpgrade(*heads, target.up)
                                                                      : graph.planDowngrade(*heads, target.down);
    if (Status s = checkSections(plan); !s)
        return fail(s.error());
    if (Status s = checkConfirmed(plan); !s)
        return fail(s.error());
    bool didWork = false;
    for (const MigrationStep &step : plan.steps) {
        if (m_canceller.isCancelled())
            return fail(Error(ErrorKind::Cancelled, QStringLiteral("Cancelled before revision %1").arg(step.revision)));
        const RevisionScript *script = m_store.find(step.revision);
        if (!script->transactional) {
            if (didWork) {
                if (Status s = commit(result); !s)
                    return fail(s.error());
                emitEvent(RunEvent{RunEvent::Kind::Committed, {}, step.direction, QStringLiteral("Committed before the non-transactional revision %1").arg(step.revision), {}, 0, 0, {}});
                return false;
            }
            if (Status s = commit(result); !s)
                return fail(s.error());
            emitEvent(RunEvent{RunEvent::Kind::Info, step.revision, step.direction,
                               QStringLiteral("Revision %1 is not transactional: running it outside a transaction").arg(step.revision), {}, 0, 0, {}});
            if (Status s = runStep(step, table, result); !s)
                return s.error();
            m_committedSteps = result.steps.size();   // each of its statements committed on its own
            return false;
        }
        if (Status s = runStep(step, table, result); !s)
            return fail(s.error());
        didWork = true;
        if (m_options.transactionPerMigration) {
            if (Status s = commit(result); !s)
                return fail(s.error());
            emitEvent(RunEvent{RunEvent::Kind::Committed, step.revision, step.direction, QStringLiteral("Committed %1").arg(step.revision), {}, 0, 0, {}});
            return false;
        }
    }
    if (Status s = commit(result); !s)
        return fail(s.error());
    if (didWork)
        emitEvent(RunEvent{RunEvent::Kind::Committed, {}, target.direction, QStringLiteral("Committed"), {}, 0, 0, {}});
    return true;
}

Status MigrationRunner::runStep(const MigrationStep &step, VersionTable &table, RunResult &result)
{
    const RevisionScript *script = m_store.find(step.revision);
    const RevisionSection section = *script->section(step.direction, m_dialect.name());
    RunEvent started{RunEvent::Kind::RevisionStarted, step.revision, step.direction, script->message, script->displayPath, section.line, 0, {}};
    started.fromRevisions = step.direction == Direction::Upgrade ? m_store.graph().node(step.revision).downRevisions
                                                                 : QStringList{step.revision};
    emitEvent(started);
    m_running = Running{step.revision, step.direction, script->transactional};
    QElapsedTimer timer;
    timer.start();
    Status ran = m_executor.execute(section.sql, script->displayPath, section.line, [&](const StatementEvent &e) {
        emitEvent(RunEvent{RunEvent::Kind::Statement, step.revision, step.direction, e.sql, script->displayPath, e.line, e.durationMs, {}});
    });
    if (!ran)
        return ran;
    if (Status s = table.apply(step.change); !s)
        return s;
    const qint64 ms = timer.elapsed();
    if (Status s = table.record(step.revision, directionName(step.direction), revisionChecksum(*script, m_dialect.name()), ms); !s)
        return s;
    result.steps.append(StepResult{step.revision, step.direction, ms});
    m_running.reset();
    emitEvent(RunEvent{RunEvent::Kind::RevisionFinished, step.revision, step.direction, script->message, script->displayPath, 0, ms, {}});
    return {};
}

Result<RunResult> MigrationRunner::stamp(const QStringList &targets, bool purge)
{
    if (!m_executor.isValid())
        return Error(ErrorKind::Connection, QStringLiteral("The connection is not open"));
    const VersionTableName &vt = m_options.versionTable;
    RunCanceller::Armed armed(m_canceller, m_db);
    MigrationLock lock(m_executor, m_db, (vt.schema.isEmpty() ? QString() : vt.schema + QLatin1Char('.')) + vt.table,
                       m_options.lockTimeoutSeconds,
                       [this](const QString &text) { emitEvent(RunEvent{RunEvent::Kind::Waiting, {}, {}, text, {}, 0, 0, {}}); },
                       m_canceller);
    if (Status s = lock.acquire(); !s)
        return s.error();
    if (Status s = readScripts(); !s)
        return s.error();
    if (Status s = lock.beginTransaction(); !s)
        return s.error();
    auto fail = [this](const Error &e) -> Result<RunResult> {
        rollback();
        return e;
    };
    VersionTable table(m_db, vt);
    if (Status s = table.create(); !s)
        return fail(s.error());
    Result<QStringList> heads = table.heads();
    if (!heads)
        return fail(heads.error());
    if (!purge)
        if (Status s = checkKnownHeads(*heads); !s)
            return fail(s.error());
    if (Status s = reportDrift(table, *heads); !s)
        return fail(s.error());
    Result<QStringList> next = m_store.graph().stampHeads(*heads, targets, purge);
    if (!next)
        return fail(next.error());
    HeadChange change;
    for (const QString &h : *heads)
        if (!next->contains(h))
            change.deletes.append(h);
    for (const QString &h : *next)
        if (!heads->contains(h))
            change.inserts.append(h);
    if (Status s = table.apply(change); !s)
        return fail(s.error());
    for (const QString &h : change.inserts)
        if (Status s = table.record(h, QStringLiteral("stamp"), QString(), 0); !s)
            return fail(s.error());
    if (Status s = m_executor.exec(QStringLiteral("COMMIT")); !s)
        return fail(s.error());
    RunResult result;
    result.startHeads = *heads;
    result.endHeads = m_store.graph().sorted(QSet<QString>(next->cbegin(), next->cend()));
    return result;
}

} // namespace strata::migrate
