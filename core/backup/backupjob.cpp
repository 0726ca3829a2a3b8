#include "backupjob.h"

#include "passwordfile.h"
#include "pgcommand.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMutexLocker>

namespace strata::backup {

BackupJob::BackupJob() = default;
BackupJob::~BackupJob() = default;

void BackupJob::cancel()
{
    m_cancelled.store(true);
    QMutexLocker lock(&m_mutex);
    if (m_process)
        m_process->cancel();
}

void BackupJob::setRunningProcess(ChildProcess *process)
{
    QMutexLocker lock(&m_mutex);
    m_process = process;
    if (m_process && m_cancelled.load())
        m_process->cancel();
}

void BackupJob::processStarted(qint64 pid) const
{
    if (m_pidSink)
        m_pidSink(pid);
}

Result<int> BackupJob::runTool(const PgCommand &command, const std::optional<QString> &password,
                               const ChildProcess::Callbacks &callbacks)
{
    if (isCancelled())
        return cancelledError();
    PasswordFile passfile;
    if (password && !password->isEmpty())
        if (Status written = passfile.write(*password); !written)
            return written.error();
    ChildProcess child(command.program, command.arguments,
                       command.childEnvironment(QProcessEnvironment::systemEnvironment(), passfile.path()));
    ChildProcess::Callbacks cb = callbacks;
    cb.started = [this, &callbacks](qint64 pid) {
        processStarted(pid);
        if (callbacks.started)
            callbacks.started(pid);
    };
    cb.stderrLine = [this, &callbacks](const QString &line) {
        log(line);
        if (callbacks.stderrLine)
            callbacks.stderrLine(line);
    };
    setRunningProcess(&child);
    Result<int> exit = child.run(cb);
    setRunningProcess(nullptr);
    return exit;
}

Error BackupJob::cancelledError()
{
    return Error(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
}

void BackupJob::progress(JobProgress p, bool force)
{
    p.elapsedMs = elapsedMs();
    if (p.fraction >= 0.03 && p.fraction < 1.0 && p.elapsedMs > 1000)
        p.remainingMs = qint64(double(p.elapsedMs) * (1.0 - p.fraction) / p.fraction);
    else if (p.fraction >= 1.0)
        p.remainingMs = 0;
    const bool phaseChanged = p.phase != m_lastPhase;
    if (!force && !phaseChanged && m_sinceReport.isValid() && m_sinceReport.elapsed() < 100)
        return;
    m_lastPhase = p.phase;
    m_sinceReport.start();
    if (m_progressSink)
        m_progressSink(p);
}

void BackupJob::log(const QString &line)
{
    if (m_logSink)
        m_logSink(line);
}

QString JobReport::summary() const
{
    QStringList lines;
    lines << QStringLiteral("%1 — %2 in %3").arg(QDir::toNativeSeparators(path), formatBytes(bytes), formatDuration(durationMs));
    if (!tool.isEmpty())
        lines << QStringLiteral("Used %1").arg(tool);
    if (!warnings.isEmpty())
        lines << QStringLiteral("%1 warning(s): ").arg(warnings.size()) + warnings.join(QStringLiteral("; "));
    if (!errors.isEmpty())
        lines << QStringLiteral("%1 error(s): ").arg(errors.size()) + errors.join(QStringLiteral("; "));
    if (verification) {
        const Verification &v = *verification;
        if (v.cancelled)
            lines << QStringLiteral("Verification cancelled; the backup itself is complete.");
        else if (v.passed)
            lines << QStringLiteral("Verified: the copy restores with the same schema (%1 schema(s)) and the same row counts "
                                    "(%2 table(s), %3 rows).").arg(v.schemasCompared).arg(v.tablesCompared).arg(v.rowsCompared);
        else
            lines << QStringLiteral("Verification found %1 difference(s):").arg(v.differences.size())
                  << v.differences;
        for (const QString &note : v.notes)
            lines << QStringLiteral("Note: ") + note;
    }
    return lines.join(QLatin1Char('\n'));
}

Result<PgTool> BackupJob::findTool(PgProgram program, const std::optional<PgTool> &preset, const PgVersion &needed,
                                   const ToolSearch &search)
{
    if (preset && preset->isValid())
        return *preset;
    progress(JobProgress::busy(QStringLiteral("Looking for %1").arg(programName(program))), true);
    return PgToolFinder::choose(PgToolFinder::discover(program, search), program, needed, search);
}

qint64 pathSize(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return 0;
    if (!fi.isDir())
        return fi.size();
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

bool removePath(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists() && !fi.isSymLink())
        return true;
    if (fi.isDir() && !fi.isSymLink())
        return QDir(path).removeRecursively();
    return QFile::remove(path);
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("?");
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    const char *units[] = {"KB", "MB", "GB", "TB"};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', value < 10 ? 1 : 0).arg(QLatin1String(units[unit]));
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("?");
    if (ms < 60000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10000 ? 1 : 0);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
}

} // namespace strata::backup
