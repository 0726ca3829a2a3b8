#include "pgrestorejob.h"

#include "backupsql.h"
#include "pgcommand.h"
#include "scopeddatabase.h"
#include "toolprogress.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

namespace strata::backup {

PgRestoreJob::PgRestoreJob(PgRestoreRequest request)
    : m_request(std::move(request))
{
}

qint64 readPosition(qint64 pid, const QString &path)
{
#ifdef Q_OS_LINUX
    const QString wanted = QFileInfo(path).canonicalFilePath();
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString &fd : fds.entryList(QDir::System | QDir::Files | QDir::NoDotAndDotDot)) {
        if (QFileInfo(fds.filePath(fd)).symLinkTarget() != wanted)
            continue;
        QFile info(QStringLiteral("/proc/%1/fdinfo/%2").arg(pid).arg(fd));
        if (!info.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : info.readAll().split('\n'))
            if (line.startsWith("pos:"))
                return line.mid(4).trimmed().toLongLong();
    }
#else
    Q_UNUSED(pid)
    Q_UNUSED(path)
#endif
    return -1;
}

Result<ArchiveList> PgRestoreJob::listArchive(const QString &path, const ToolSearch &search)
{
    const QList<PgTool> found = PgToolFinder::discover(PgProgram::Restore, search);
    Result<PgTool> tool = PgToolFinder::choose(found, PgProgram::Restore, PgVersion{}, search);
    if (!tool)
        return tool.error();
    const PgCommand command = PgCommandBuilder::list(*tool, path);
    ChildProcess child(command.program, command.arguments, command.childEnvironment(QProcessEnvironment::systemEnvironment(), {}));
    QString out;
    ToolMessages messages;
    ChildProcess::Callbacks cb;
    cb.stdoutLine = [&out](const QString &line) { out += line + QLatin1Char('\n'); };
    cb.stderrLine = [&messages](const QString &line) { messages.feed(line); };
    Result<int> exit = child.run(cb);
    if (!exit)
        return exit.error();
    if (*exit != 0)
        return toolFailure(QStringLiteral("pg_restore"), messages, *exit, ConnectionTarget{});
    return ArchiveList::parse(out);
}

Result<PgCommand> PgRestoreJob::command(const PgRestoreRequest &request, const PgTool &tool)
{
    RestoreOptions o = request.options;
    if (!request.newDatabase.isEmpty())
        o.targetDatabase = request.newDatabase;
    const QString listFile = o.selectedIds.isEmpty() ? QString() : QStringLiteral("selection.list");
    return PgCommandBuilder::restore(tool, request.target, o, listFile);
}

Result<PgCommand> PgRestoreJob::preview(const PgRestoreRequest &request)
{
    PgRestoreJob job(request);
    ScopedDatabase server(request.target.profile, request.target.password, QStringLiteral("restore-preview"));
    if (!server.isOpen())
        return server.info().error();
    Result<PgTool> tool = job.pickTool(PgVersion::fromNumber(server.info()->versionNumber));
    if (!tool)
        return tool.error();
    return command(request, *tool);
}

Result<PgTool> PgRestoreJob::pickTool(const PgVersion &server)
{
    const PgProgram program = m_request.options.format == ArchiveFormat::Plain ? PgProgram::Psql : PgProgram::Restore;
    // At least the server's major, and at least the major of the pg_dump that wrote the archive.
    PgVersion needed = server;
    if (m_request.list && m_request.list->dumpedBy.majorKey() > server.majorKey())
        needed = m_request.list->dumpedBy;
    return findTool(program, m_request.tool, needed, m_request.search);
}

Result<JobReport> PgRestoreJob::run()
{
    startTimer();
    RestoreOptions o = m_request.options;
    progress(JobProgress::busy(QStringLiteral("Connecting")), true);
    ScopedDatabase server(m_request.target.profile, m_request.target.password, QStringLiteral("restore"));
    if (!server.isOpen())
        return server.info().error();
    QSqlDatabase db = server.db();
    const bool plain = o.format == ArchiveFormat::Plain;
    if (!plain && !m_request.list) {
        progress(JobProgress::busy(QStringLiteral("Reading the archive's contents")), true);
        Result<ArchiveList> list = listArchive(o.inputPath, m_request.search);
        if (!list)
            return list.error();
        m_request.list = *list;
    }
    Result<PgTool> tool = pickTool(PgVersion::fromNumber(server.info()->versionNumber));
    if (!tool)
        return tool.error();
    if (!m_request.newDatabase.isEmpty()) {
        progress(JobProgress::busy(QStringLiteral("Creating database %1").arg(m_request.newDatabase)), true);
        if (Status created = BackupCatalog::exec(db, sql::createDatabase(m_request.newDatabase)); !created)
            return created.error();
        o.targetDatabase = m_request.newDatabase;
    }
    QTemporaryFile listFile(QDir::tempPath() + QStringLiteral("/strata-restore-XXXXXX.list"));
    if (!o.selectedIds.isEmpty()) {
        if (!listFile.open() || listFile.write(m_request.list->useListText(o.selectedIds).toUtf8()) < 0 || !listFile.flush())
            return Error(ErrorKind::Io, QStringLiteral("Could not write the list of objects to restore: %1").arg(listFile.errorString()));
    }
    Result<PgCommand> command = PgCommandBuilder::restore(*tool, m_request.target, o, o.selectedIds.isEmpty() ? QString() : listFile.fileName());
    if (!command)
        return command.error();

    RestoreProgress tracker;
    if (m_request.list)
        tracker.setTotal(o.selectedIds.isEmpty() ? int(m_request.list->entries.size()) : int(o.selectedIds.size()));
    ToolMessages messages;
    const qint64 size = pathSize(o.inputPath);
    qint64 pid = 0;
    ChildProcess::Callbacks callbacks;
    callbacks.started = [&pid](qint64 p) { pid = p; };
    callbacks.stderrLine = [&](const QString &line) {
        messages.feed(line);
        if (tracker.feed(line)) {
            JobProgress p = JobProgress::items(QStringLiteral("Restoring %1").arg(tracker.current()), tracker.done(),
                                               tracker.total(), QStringLiteral("objects"));
            p.fraction = tracker.fraction();
            progress(p);
        }
    };
    callbacks.tick = [&] {
        if (!plain)
            return;
        // psql says nothing while it works: how far it has read the file is the progress.
        const qint64 read = readPosition(pid, o.inputPath);
        JobProgress p = JobProgress::busy(QStringLiteral("Running %1").arg(QFileInfo(o.inputPath).fileName()));
        if (read >= 0 && size > 0) {
            p.fraction = qMin(0.99, double(read) / double(size));
            p.bytes = read;
        }
        progress(p);
    };
    progress(JobProgress::busy(QStringLiteral("Restoring")), true);
    Result<int> exit = runTool(*command, m_request.target.password, callbacks);
    if (!exit || (*exit != 0 && (o.exitOnError || messages.errors().isEmpty()))) {
        if (!exit && exit.error().isCancelled() && !m_request.newDatabase.isEmpty())
            (void)BackupCatalog::exec(db, sql::dropDatabase(m_request.newDatabase, server.info()->versionNumber));
        if (!exit)
            return exit.error();
        return toolFailure(programName(plain ? PgProgram::Psql : PgProgram::Restore), messages, *exit, m_request.target,
                           o.targetDatabase);
    }
    tracker.finish();
    JobProgress done = JobProgress::items(QStringLiteral("Restored"), tracker.done(), tracker.total(), QStringLiteral("objects"));
    done.fraction = 1.0;
    progress(done, true);
    JobReport r;
    r.path = o.inputPath;
    r.bytes = size;
    r.tool = tool->describe();
    Result<PgCommand> shown = command;
    r.command = shown->displayText();
    r.warnings = messages.warnings();
    r.errors = messages.errors();
    r.durationMs = elapsedMs();
    return r;
}

} // namespace strata::backup
