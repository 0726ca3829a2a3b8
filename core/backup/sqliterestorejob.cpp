#include "sqliterestorejob.h"

#include "sqlitebackupjob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <sqlite3.h>

namespace strata::backup {

namespace {

Error sqliteError(sqlite3 *db, const QString &what)
{
    return Error(ErrorKind::Io, QStringLiteral("%1: %2").arg(what, QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory")))
        .withSqlState(QString::number(db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM));
}

// A sqlite3 handle closed with the scope.
struct Handle {
    sqlite3 *db = nullptr;
    ~Handle() { sqlite3_close(db); }
};

} // namespace

SqliteRestoreJob::SqliteRestoreJob(SqliteRestoreRequest request)
    : m_request(std::move(request))
{
}

Status SqliteRestoreJob::copyAsFile()
{
    const QFileInfo target(m_request.targetPath);
    const QString temporary = target.absoluteDir().filePath(QStringLiteral(".%1.strata-restore").arg(target.fileName()));
    QFile::remove(temporary);
    if (!QFile::copy(m_request.backupPath, temporary)) {
        QFile::remove(temporary);
        return Error(ErrorKind::Io, QStringLiteral("Could not copy the backup to %1.").arg(QDir::toNativeSeparators(target.absolutePath())));
    }
    if (isCancelled()) {
        QFile::remove(temporary);
        return cancelledError();
    }
    if (!QFile::rename(temporary, m_request.targetPath)) {
        QFile::remove(temporary);
        return Error(ErrorKind::Io, QStringLiteral("Could not put the copy in place as %1.").arg(QDir::toNativeSeparators(m_request.targetPath)));
    }
    return {};
}

Status SqliteRestoreJob::copyInto(void *backupHandle)
{
    auto *source = static_cast<sqlite3 *>(backupHandle);
    Handle target;
    const QByteArray path = QFile::encodeName(m_request.targetPath);
    if (sqlite3_open_v2(path.constData(), &target.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        return sqliteError(target.db, QStringLiteral("Cannot open %1").arg(m_request.targetPath));
    sqlite3_busy_timeout(target.db, 5000);
    sqlite3_backup *backup = sqlite3_backup_init(target.db, "main", source, "main");
    if (!backup)
        return sqliteError(target.db, QStringLiteral("Cannot restore into %1").arg(m_request.targetPath));
    int rc = SQLITE_OK;
    int busyRounds = 0;
    while (!isCancelled()) {
        rc = sqlite3_backup_step(backup, qMax(1, m_request.pagesPerStep));
        const int total = sqlite3_backup_pagecount(backup);
        const int done = total - sqlite3_backup_remaining(backup);
        JobProgress p = JobProgress::items(QStringLiteral("Restoring pages"), done, total, QStringLiteral("pages"));
        progress(p, rc == SQLITE_DONE);
        if (rc == SQLITE_DONE)
            break;
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busyRounds < 250) {
            QThread::msleep(20);
            continue;
        }
        if (rc != SQLITE_OK)
            break;
    }
    // Before DONE, finish() rolls the target's write transaction back: the target is untouched.
    sqlite3_backup_finish(backup);
    if (isCancelled())
        return cancelledError();
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return Error(ErrorKind::Busy, QStringLiteral("%1 is in use by another program: close it there and try again.")
                                          .arg(QDir::toNativeSeparators(m_request.targetPath)));
    if (rc != SQLITE_DONE)
        return sqliteError(target.db, QStringLiteral("The restore failed"));
    return {};
}

Result<JobReport> SqliteRestoreJob::run()
{
    startTimer();
    progress(JobProgress::busy(QStringLiteral("Checking the backup")), true);
    Result<QString> sound = sqliteIntegrity(m_request.backupPath);
    if (!sound)
        return Error(ErrorKind::Io, QStringLiteral("The backup is damaged or not a SQLite database (%1); nothing was restored.")
                                        .arg(sound.error().message));
    if (*sound != QLatin1String("ok"))
        return Error(ErrorKind::Io, QStringLiteral("The backup is damaged (integrity_check: %1); nothing was restored.")
                                        .arg(sound->left(300)));
    Status restored;
    if (!QFileInfo::exists(m_request.targetPath)) {
        restored = copyAsFile();
    } else {
        Handle backup;
        const QByteArray path = QFile::encodeName(m_request.backupPath);
        if (sqlite3_open_v2(path.constData(), &backup.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            return sqliteError(backup.db, QStringLiteral("Cannot open %1").arg(m_request.backupPath));
        restored = copyInto(backup.db);
    }
    if (!restored)
        return restored.error();
    progress(JobProgress::busy(QStringLiteral("Checking the restored file")), true);
    Result<QString> check = sqliteIntegrity(m_request.targetPath);
    JobReport r;
    r.path = m_request.backupPath;
    r.bytes = QFileInfo(m_request.backupPath).size();
    r.tool = QStringLiteral("SQLite backup API (into %1)").arg(QDir::toNativeSeparators(m_request.targetPath));
    if (!check || *check != QLatin1String("ok"))
        r.errors << QStringLiteral("integrity_check of the restored file: %1").arg(check ? *check : check.error().message);
    r.durationMs = elapsedMs();
    return r;
}

} // namespace strata::backup
