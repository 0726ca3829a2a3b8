// MigrationRunner::runSection: one section of a revision, run on its own (the revision
// editor's "Run upgrade section…"). The same path as a revision of a run (lock, transaction,
// SQLite foreign keys, executor, events, cancel) without the version and history tables.

#include "migrationrunner.h"

#include "sectioncheck.h"
#include "sqliteforeignkeys.h"

#include <QElapsedTimer>

namespace strata::migrate {

Result<qint64> MigrationRunner::runSection(const SectionRun &section)
{
    if (!m_executor.isValid())
        return Error(ErrorKind::Connection, QStringLiteral("The connection is not open"));
    // As for a revision of a run: all of its text can run, and a transactional section has
    // no transaction control of its own.
    if (Status s = checkSection(section.sql, m_dialect.kind(), section.transactional, section.file, section.firstLine); !s)
        return s.error();
    const VersionTableName &vt = m_options.versionTable;
    RunCanceller::Armed armed(m_canceller, m_db);
    RunResult none;   // a section records no step
    MigrationLock lock(m_executor, m_db, (vt.schema.isEmpty() ? QString() : vt.schema + QLatin1Char('.')) + vt.table,
                       m_options.lockTimeoutSeconds,
                       [this](const QString &text) { emitEvent(RunEvent{RunEvent::Kind::Waiting, {}, {}, text, {}, 0, 0, {}}); },
                       m_canceller);
    if (Status s = lock.acquire(); !s)
        return s.error();
    ForeignKeysOff fkOff(m_executor, m_db);
    if (Status s = lock.beginTransaction(); !s)
        return s.error();
    if (m_canceller.isCancelled()) {
        rollback();
        return Error(ErrorKind::Cancelled, QStringLiteral("Cancelled before the section ran"));
    }
    if (!section.transactional) {
        // As in a run: a non-transactional revision's SQL runs outside any transaction.
        if (Status s = commit(none); !s)
            return s.error();
        emitEvent(RunEvent{RunEvent::Kind::Info, section.revision, section.direction,
                           QStringLiteral("Revision %1 is not transactional: running its section outside a transaction").arg(section.revision),
                           {}, 0, 0, {}});
    }
    emitEvent(RunEvent{RunEvent::Kind::RevisionStarted, section.revision, section.direction, QString(), section.file,
                       section.firstLine, 0, {}});
    QElapsedTimer timer;
    timer.start();
    Status ran = m_executor.execute(section.sql, section.file, section.firstLine, [&](const StatementEvent &e) {
        emitEvent(RunEvent{RunEvent::Kind::Statement, section.revision, section.direction, e.sql, section.file, e.line,
                           e.durationMs, {}});
    });
    if (!ran) {
        if (section.transactional)
            rollback();
        return ran.error();
    }
    if (section.transactional)
        if (Status s = commit(none); !s) {
            rollback();
            return s.error();
        }
    const qint64 ms = timer.elapsed();
    emitEvent(RunEvent{RunEvent::Kind::RevisionFinished, section.revision, section.direction, QString(), section.file, 0, ms, {}});
    return ms;
}

} // namespace strata::migrate
