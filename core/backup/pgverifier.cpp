#include "pgverifier.h"

#include "backupsql.h"
#include "pgcommand.h"
#include "scopeddatabase.h"
#include "toolprogress.h"

#include <QRandomGenerator>

namespace strata::backup {


PgVerifier::PgVerifier(BackupJob &job, ConnectionTarget target, ToolSearch search, PgVersion server, PgVersion dumpedBy)
    : m_job(job), m_target(std::move(target)), m_search(std::move(search)), m_server(server), m_dumpedBy(dumpedBy)
{
}

QString PgVerifier::scratchName()
{
    return QStringLiteral("strata_verify_%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

Result<Verification> PgVerifier::verify(QSqlDatabase &source, const QString &backupPath, ArchiveFormat format,
                                        const CompareScope &scope)
{
    m_job.progress(JobProgress::busy(QStringLiteral("Verifying: creating a scratch database")), true);
    ScopedDatabase admin(m_target.profile, m_target.password, QStringLiteral("backup-verify-admin"));
    if (!admin.info())
        return admin.info().error();
    const QString scratch = scratchName();
    QSqlDatabase adminDb = admin.db();
    if (Status created = BackupCatalog::exec(adminDb, sql::createDatabase(scratch)); !created) {
        Error e = created.error();
        if (e.kind == ErrorKind::Permission || e.sqlState == QLatin1String("42501"))
            e.message = QStringLiteral("Verification needs the right to create a scratch database (CREATEDB) for user \"%1\": %2")
                            .arg(m_target.profile.user, e.message);
        return e;
    }
    Result<Verification> result = restoreAndCompare(source, scratch, backupPath, format, scope);
    // Dropped whatever happened; a failure to drop is said, never hidden.
    if (Status dropped = BackupCatalog::exec(adminDb, sql::dropDatabase(scratch, admin.info()->versionNumber)); !dropped) {
        if (result)
            result->notes << QStringLiteral("the scratch database %1 could not be dropped: %2").arg(scratch, dropped.error().message);
    }
    return result;
}

Result<Verification> PgVerifier::restoreAndCompare(QSqlDatabase &source, const QString &scratch, const QString &backupPath,
                                                   ArchiveFormat format, const CompareScope &scope)
{
    const PgProgram program = format == ArchiveFormat::Plain ? PgProgram::Psql : PgProgram::Restore;
    // It must read what pg_dump wrote and talk to the server: at least both majors.
    const PgVersion needed = m_dumpedBy.majorKey() > m_server.majorKey() ? m_dumpedBy : m_server;
    Result<PgTool> tool = PgToolFinder::choose(PgToolFinder::discover(program, m_search), program, needed, m_search);
    if (!tool)
        return tool.error();
    RestoreOptions options;
    options.inputPath = backupPath;
    options.format = format;
    options.targetDatabase = scratch;
    options.exitOnError = false;
    if (format != ArchiveFormat::Plain) {
        options.noOwner = true;
        options.noPrivileges = true;
        options.jobs = format == ArchiveFormat::Directory ? 2 : 1;
    }
    Result<PgCommand> command = PgCommandBuilder::restore(*tool, m_target, options);
    if (!command)
        return command.error();

    RestoreProgress tracker;
    ToolMessages messages;
    ChildProcess::Callbacks callbacks;
    callbacks.stderrLine = [&](const QString &line) {
        messages.feed(line);
        if (tracker.feed(line))
            m_job.progress(JobProgress::items(QStringLiteral("Verifying: restoring into %1").arg(scratch), tracker.done(), 0,
                                              QStringLiteral("objects")));
    };
    m_job.progress(JobProgress::busy(QStringLiteral("Verifying: restoring into %1").arg(scratch)), true);
    Result<int> exit = m_job.runTool(*command, m_target.password, callbacks);
    if (!exit)
        return exit.error();
    Verification failed;
    if (*exit != 0 && messages.errors().isEmpty()) {
        failed.differences << QStringLiteral("the backup could not be restored: %1 ended with exit code %2")
                                  .arg(programName(program)).arg(*exit);
        return failed;
    }

    connection::ConnectionProfile scratchProfile = m_target.profile;
    scratchProfile.database = scratch;
    ScopedDatabase copy(scratchProfile, m_target.password, QStringLiteral("backup-verify-copy"));
    if (!copy.info())
        return copy.info().error();
    QSqlDatabase copyDb = copy.db();
    Result<Verification> v = CopyComparison::compare(source, copyDb, scope, [this](int done, int total, const QString &what) {
        m_job.progress(JobProgress::items(QStringLiteral("Verifying: counting rows of %1").arg(what), done, total,
                                          QStringLiteral("tables")));
        return !m_job.isCancelled();
    });
    if (!v)
        return v;
    if (!messages.errors().isEmpty())
        v->notes << QStringLiteral("restoring the copy reported %1 error(s), first: %2")
                        .arg(messages.errors().size()).arg(messages.errors().first().section(QLatin1Char('\n'), 0, 0));
    return v;
}

} // namespace strata::backup
