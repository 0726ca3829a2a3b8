#include "sqlitebackupjob.h"

#include "backupsql.h"
#include "connection/nativehandle.h"
#include "copycomparison.h"
#include "scopeddatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <sqlite3.h>

namespace strata::backup {

namespace {

connection::ConnectionProfile fileProfile(const QString &path, bool readOnly)
{
    connection::ConnectionProfile p;
    p.driver = dialect::DialectKind::Sqlite;
    p.filePath = path;
    p.readOnly = readOnly;
    return p;
}

Error sqliteError(sqlite3 *db, const QString &what)
{
    return Error(ErrorKind::Io, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))))
        .withSqlState(QString::number(sqlite3_extended_errcode(db)));
}

// What the VACUUM INTO progress handler needs: the job (cancel flag, progress) and the file.
struct VacuumWatch {
    SqliteBackupJob *job = nullptr;
    QString destination;
    qint64 expectedBytes = 0;
    QElapsedTimer sincePoll;
};

int vacuumProgress(void *context)
{
    auto *w = static_cast<VacuumWatch *>(context);
    if (w->job->isCancelled())
        return 1;   // interrupts VACUUM INTO
    if (!w->sincePoll.isValid() || w->sincePoll.elapsed() > 100) {
        w->sincePoll.start();
        JobProgress p = JobProgress::busy(QStringLiteral("Writing a compact copy (VACUUM INTO)"));
        p.bytes = QFileInfo(w->destination).size();
        if (w->expectedBytes > 0)
            p.fraction = qMin(0.99, double(p.bytes) / double(w->expectedBytes));
        w->job->progress(p);
    }
    return 0;
}

qint64 pragmaValue(QSqlDatabase &db, const QString &pragma)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("PRAGMA ") + pragma) && q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

void removeSqliteFile(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

Result<QString> sqliteIntegrity(const QString &path)
{
    ScopedDatabase db(fileProfile(path, true), std::nullopt, QStringLiteral("backup-integrity"));
    if (!db.isOpen())
        return db.info().error();
    QSqlDatabase handle = db.db();
    QSqlQuery q(handle);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return Error(ErrorKind::Io, QStringLiteral("integrity_check failed on %1: %2").arg(QDir::toNativeSeparators(path), q.lastError().text()));
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    return lines.join(QLatin1Char('\n'));
}

SqliteBackupJob::SqliteBackupJob(SqliteBackupRequest request)
    : m_request(std::move(request))
{
}

Status SqliteBackupJob::onlineBackup(void *sourceHandle)
{
    auto *source = static_cast<sqlite3 *>(sourceHandle);
    sqlite3 *dest = nullptr;
    const QByteArray destPath = QFile::encodeName(m_request.destinationPath);
    if (sqlite3_open_v2(destPath.constData(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        Error e = sqliteError(dest, QStringLiteral("Cannot create %1").arg(m_request.destinationPath));
        sqlite3_close(dest);
        return e;
    }
    sqlite3_backup *backup = sqlite3_backup_init(dest, "main", source, "main");
    if (!backup) {
        Error e = sqliteError(dest, QStringLiteral("Cannot start the backup"));
        sqlite3_close(dest);
        return e;
    }
    int rc = SQLITE_OK;
    while (!isCancelled()) {
        rc = sqlite3_backup_step(backup, qMax(1, m_request.pagesPerStep));
        const int total = sqlite3_backup_pagecount(backup);
        const int done = total - sqlite3_backup_remaining(backup);
        JobProgress p = JobProgress::items(QStringLiteral("Copying pages"), done, total, QStringLiteral("pages"));
        p.bytes = QFileInfo(m_request.destinationPath).size();
        progress(p, rc == SQLITE_DONE);
        if (rc == SQLITE_DONE)
            break;
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            QThread::msleep(20);
            continue;
        }
        if (rc != SQLITE_OK)
            break;
    }
    sqlite3_backup_finish(backup);
    Status result;
    if (isCancelled())
        result = cancelledError();
    else if (rc != SQLITE_DONE)
        result = sqliteError(dest, QStringLiteral("The backup failed"));
    sqlite3_close(dest);
    return result;
}

Status SqliteBackupJob::compactCopy(QSqlDatabase &db, void *sourceHandle)
{
    auto *source = static_cast<sqlite3 *>(sourceHandle);
    VacuumWatch watch;
    watch.job = this;
    watch.destination = m_request.destinationPath;
    // The copy holds the used pages only: its size is about (pages - free pages) x page size.
    watch.expectedBytes = (pragmaValue(db, QStringLiteral("page_count")) - pragmaValue(db, QStringLiteral("freelist_count")))
        * pragmaValue(db, QStringLiteral("page_size"));
    sqlite3_progress_handler(source, 1000, vacuumProgress, &watch);
    QSqlQuery q(db);
    const QString text = QStringLiteral("VACUUM INTO ?");
    bool ok = q.prepare(text);
    if (ok) {
        q.addBindValue(m_request.destinationPath);
        ok = q.exec();
    }
    sqlite3_progress_handler(source, 0, nullptr, nullptr);
    if (isCancelled())
        return cancelledError();
    if (!ok)
        return dialect::dialectFor(dialect::DialectKind::Sqlite).mapError(q.lastError(), text);
    JobProgress done = JobProgress::busy(QStringLiteral("Compact copy written"));
    done.fraction = 1.0;
    done.bytes = QFileInfo(m_request.destinationPath).size();
    progress(done, true);
    return {};
}

Result<Verification> SqliteBackupJob::verifyCopy(QSqlDatabase &source)
{
    progress(JobProgress::busy(QStringLiteral("Verifying: restoring into a temporary file")), true);
    QTemporaryDir scratch;
    const QString copyPath = scratch.filePath(QStringLiteral("restored.db"));
    if (!scratch.isValid() || !QFile::copy(m_request.destinationPath, copyPath))
        return Error(ErrorKind::Io, QStringLiteral("Could not copy the backup to a temporary file for verification."));
    Result<QString> integrity = sqliteIntegrity(copyPath);
    if (!integrity)
        return integrity.error();
    Verification v;
    {
        ScopedDatabase copy(fileProfile(copyPath, true), std::nullopt, QStringLiteral("backup-verify-copy"));
        if (!copy.isOpen())
            return copy.info().error();
        QSqlDatabase copyDb = copy.db();
        CompareScope scope;
        scope.schemas = {QStringLiteral("main")};
        Result<Verification> compared = CopyComparison::compare(source, copyDb, scope, [this](int done, int total, const QString &what) {
            progress(JobProgress::items(QStringLiteral("Verifying: counting rows of %1").arg(what), done, total, QStringLiteral("tables")));
            return !isCancelled();
        });
        if (!compared)
            return compared.error();
        v = *compared;
    }
    if (*integrity != QLatin1String("ok")) {
        v.differences.prepend(QStringLiteral("integrity_check of the copy: %1").arg(integrity->left(500)));
        v.passed = false;
    }
    return v;
}

Result<JobReport> SqliteBackupJob::run()
{
    startTimer();
    const QString &dest = m_request.destinationPath;
    if (QFileInfo(dest).absoluteFilePath() == QFileInfo(m_request.sourcePath).absoluteFilePath())
        return Error(ErrorKind::Io, QStringLiteral("The backup cannot replace the database itself: choose another file."));
    progress(JobProgress::busy(QStringLiteral("Opening %1").arg(QFileInfo(m_request.sourcePath).fileName())), true);
    ScopedDatabase source(fileProfile(m_request.sourcePath, false), std::nullopt, QStringLiteral("backup-source"));
    if (!source.isOpen())
        return source.info().error();
    QSqlDatabase db = source.db();
    sqlite3 *handle = connection::NativeHandle::sqliteHandle(db);
    if (!handle)
        return Error(ErrorKind::Internal, QStringLiteral("No native SQLite handle"));
    removeSqliteFile(dest);
    Status copied;
    const bool online = m_request.method == SqliteCopyMethod::OnlineBackup;
    if (online) {
        // One read transaction for the whole copy (and the verification): one snapshot.
        if (Status begun = BackupCatalog::exec(db, QStringLiteral("BEGIN")); !begun)
            return begun.error();
        if (Status read = BackupCatalog::exec(db, QStringLiteral("SELECT count(*) FROM main.sqlite_schema")); !read)
            return read.error();
        copied = onlineBackup(handle);
    } else {
        copied = compactCopy(db, handle);
    }
    if (!copied) {
        if (online)
            (void)BackupCatalog::exec(db, QStringLiteral("ROLLBACK"));
        removeSqliteFile(dest);
        return copied.error();
    }
    JobReport r;
    r.path = dest;
    r.bytes = QFileInfo(dest).size();
    r.tool = online ? QStringLiteral("SQLite online backup (sqlite3_backup_step, %1 pages a step)").arg(m_request.pagesPerStep)
                    : QStringLiteral("SQLite VACUUM INTO (compact copy)");
    if (m_request.verify) {
        Result<Verification> v = verifyCopy(db);
        r.verification = v ? *v : Verification{};
        if (!v && v.error().isCancelled())
            r.verification->cancelled = true;
        else if (!v)
            r.verification->differences << QStringLiteral("the verification could not run: %1").arg(v.error().message);
        if (!online)
            r.verification->notes << QStringLiteral("a compact copy is compared with the file as it is now: "
                                                    "changes made since the copy show as differences");
    }
    if (online)
        (void)BackupCatalog::exec(db, QStringLiteral("COMMIT"));
    r.durationMs = elapsedMs();
    return r;
}

} // namespace strata::backup
