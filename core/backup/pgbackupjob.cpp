#include "pgbackupjob.h"

#include "backupsql.h"
#include "pgverifier.h"
#include "scopeddatabase.h"
#include "toolprogress.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>
#include <memory>

namespace strata::backup {

PgBackupJob::PgBackupJob(PgBackupRequest request)
    : m_request(std::move(request))
{
}

Result<PgTool> PgBackupJob::pickTool(const PgVersion &server)
{
    return findTool(PgProgram::Dump, m_request.tool, server, m_request.search);
}

void PgBackupJob::removePartialOutput(bool existedBefore) const
{
    const QString &path = m_request.options.outputPath;
    if (m_request.options.format == ArchiveFormat::Directory && existedBefore) {
        // The folder was there (empty) before: empty it again, keep it.
        QDir dir(path);
        for (const QFileInfo &fi : dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            removePath(fi.absoluteFilePath());
        return;
    }
    removePath(path);
}

namespace {

Result<QString> openSnapshot(QSqlDatabase &db)
{
    if (Status begun = BackupCatalog::exec(db, sql::beginSnapshot()); !begun)
        return begun.error();
    QSqlQuery q(db);
    if (!q.exec(sql::exportSnapshot()) || !q.next())
        return Error(ErrorKind::Internal, QStringLiteral("Could not export a snapshot for the verification."));
    return q.value(0).toString();
}

// Reads pg_stat_progress_copy on a connection of its own (the source connection may hold a
// repeatable-read snapshot, in which the server's view of other sessions does not move), at
// most every 400 ms, so a single big table does not leave the bar flat. PostgreSQL 14+;
// pg_dump's sessions are found by their application name ("pg_dump" unless the profile sets one).
class CopyWatcher {
public:
    CopyWatcher(const ConnectionTarget &target, int serverVersionNum, bool anyData)
        : m_applicationName(target.profile.applicationName.isEmpty() ? QStringLiteral("pg_dump")
                                                                    : target.profile.applicationName)
    {
        if (anyData && serverVersionNum >= sql::kCopyProgressSince)
            m_db = std::make_unique<ScopedDatabase>(target.profile, target.password, QStringLiteral("backup-progress"));
    }

    void poll(DumpProgress &tracker)
    {
        if (!m_db || !m_db->isOpen() || tracker.current().isEmpty())
            return;
        if (m_sincePoll.isValid() && m_sincePoll.elapsed() < 400)
            return;
        m_sincePoll.restart();
        QSqlDatabase db = m_db->db();
        if (Result<QList<CopyProgress>> copies = BackupCatalog::copyProgress(db, m_applicationName))
            for (const CopyProgress &c : *copies)
                tracker.setRowsCopied(c.table, c.rows, c.estimate);
    }

private:
    QString m_applicationName;
    std::unique_ptr<ScopedDatabase> m_db;
    QElapsedTimer m_sincePoll;
};

QString rowsDetail(const DumpProgress &tracker)
{
    if (tracker.rowsCopied() < 0)
        return {};
    if (tracker.rowsEstimate() > 0)
        return QStringLiteral("%L1 of about %L2 rows copied").arg(tracker.rowsCopied()).arg(tracker.rowsEstimate());
    return QStringLiteral("%L1 rows copied").arg(tracker.rowsCopied());
}

CompareScope scopeOf(const DumpOptions &o, const QStringList &allSchemas)
{
    CompareScope scope;
    scope.schemas = o.schemas.isEmpty() ? allSchemas : o.schemas;
    if (!o.tables.isEmpty()) {
        scope.onlyTables = o.tables;
        QStringList schemas;
        for (const TableName &t : o.tables)
            if (!schemas.contains(t.schema))
                schemas << t.schema;
        scope.schemas = schemas;
    }
    scope.skipRowCounts = o.excludeTableData;
    scope.compareRows = o.content == Content::Everything;
    return scope;
}

} // namespace

Result<PgCommand> PgBackupJob::preview(const PgBackupRequest &request)
{
    PgBackupJob job(request);
    ScopedDatabase source(request.target.profile, request.target.password, QStringLiteral("backup-preview"));
    if (!source.isOpen())
        return source.info().error();
    QSqlDatabase db = source.db();
    const int version = source.info()->versionNumber;
    Result<PgTool> tool = job.pickTool(PgVersion::fromNumber(version));
    if (!tool)
        return tool.error();
    Result<DumpOptions> options = BackupCatalog::withPartitions(db, request.options, version);
    if (!options)
        return options.error();
    return PgCommandBuilder::dump(*tool, request.target, *options);
}

Result<QList<TableWeight>> PgBackupJob::choosableTables(const ConnectionTarget &target, const QStringList &schemas)
{
    ScopedDatabase source(target.profile, target.password, QStringLiteral("backup-tables"));
    if (!source.isOpen())
        return source.info().error();
    QSqlDatabase db = source.db();
    return BackupCatalog::choosableTables(db, schemas, source.info()->versionNumber);
}

Result<JobReport> PgBackupJob::run()
{
    startTimer();
    if (m_request.verify && m_request.options.content == Content::DataOnly)
        return Error(ErrorKind::Unsupported, QStringLiteral("Verification needs the schema in the backup: choose "
                                                            "\"Everything\" or \"Schema only\", or turn verification off."));
    progress(JobProgress::busy(QStringLiteral("Connecting")), true);
    ScopedDatabase source(m_request.target.profile, m_request.target.password, QStringLiteral("backup"));
    if (!source.isOpen())
        return source.info().error();
    QSqlDatabase db = source.db();
    const PgVersion server = PgVersion::fromNumber(source.info()->versionNumber);
    Result<PgTool> tool = pickTool(server);
    if (!tool)
        return tool.error();
    progress(JobProgress::busy(QStringLiteral("Reading the catalog")), true);
    Result<DumpOptions> expanded = BackupCatalog::withPartitions(db, m_request.options, source.info()->versionNumber);
    if (!expanded)
        return expanded.error();
    const DumpOptions &o = *expanded;
    Result<QList<TableWeight>> tables = BackupCatalog::dataTables(db, o);
    if (!tables)
        return tables.error();
    QString snapshot;
    if (m_request.verify) {
        Result<QString> exported = openSnapshot(db);
        if (!exported)
            return exported.error();
        snapshot = *exported;
    }
    Result<PgCommand> command = PgCommandBuilder::dump(*tool, m_request.target, o, snapshot);
    if (!command)
        return command.error();
    Result<PgCommand> shown = PgCommandBuilder::dump(*tool, m_request.target, o);

    const bool existedBefore = QFileInfo::exists(o.outputPath);
    DumpProgress tracker;
    tracker.setTables(*tables);
    tracker.setParallel(o.jobs > 1);
    ToolMessages messages;
    qint64 bytes = 0;
    auto report = [&](bool force) {
        JobProgress p = JobProgress::items(tracker.current().isEmpty() ? QStringLiteral("Reading the catalog")
                                                                       : QStringLiteral("Writing %1").arg(tracker.current()),
                                           tracker.tablesDone(), tracker.tablesTotal(), QStringLiteral("tables"));
        p.fraction = tracker.fraction();
        p.bytes = bytes;
        p.detail = rowsDetail(tracker);
        progress(p, force);
    };
    ChildProcess::Callbacks callbacks;
    callbacks.stderrLine = [&](const QString &line) {
        messages.feed(line);
        if (tracker.feed(line))
            report(false);
    };
    CopyWatcher copies(m_request.target, source.info()->versionNumber, !tables->isEmpty());
    callbacks.tick = [&] {
        bytes = pathSize(o.outputPath);
        copies.poll(tracker);
        report(false);
    };
    Result<int> exit = runTool(*command, m_request.target.password, callbacks);
    if (!exit || *exit != 0) {
        removePartialOutput(existedBefore);
        if (!exit)
            return exit.error();
        return toolFailure(QStringLiteral("pg_dump"), messages, *exit, m_request.target);
    }
    tracker.finish();
    bytes = pathSize(o.outputPath);
    report(true);

    JobReport r;
    r.path = o.outputPath;
    r.bytes = bytes;
    r.tool = tool->describe();
    r.command = shown ? shown->displayText() : QString();
    r.warnings = messages.warnings();
    if (m_request.verify) {
        Result<QStringList> schemas = BackupCatalog::userSchemas(db);
        if (!schemas)
            return schemas.error();
        PgVerifier verifier(*this, m_request.target, m_request.search, server, tool->version);
        Result<Verification> v = verifier.verify(db, o.outputPath, o.format, scopeOf(o, *schemas));
        r.verification = v ? *v : Verification{};
        if (!v && v.error().isCancelled())
            r.verification->cancelled = true;
        else if (!v)   // the backup is written; only its check could not run
            r.verification->differences << QStringLiteral("the verification could not run: %1").arg(v.error().message);
        (void)BackupCatalog::exec(db, sql::commit());
    }
    r.durationMs = elapsedMs();
    return r;
}

} // namespace strata::backup
