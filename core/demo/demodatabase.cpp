#include "demodatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <sqlite3.h>

namespace strata::demo {

namespace {

const QString kScriptResource = QStringLiteral(":/strata/demo/demo.sql");

// Closes the handle on every exit path; sqlite3_open_v2 hands one out even when it fails.
class SqliteHandle {
public:
    SqliteHandle() = default;
    ~SqliteHandle() { close(); }
    SqliteHandle(const SqliteHandle &) = delete;
    SqliteHandle &operator=(const SqliteHandle &) = delete;

    sqlite3 *get() const { return m_db; }
    sqlite3 **out() { return &m_db; }
    int close()
    {
        const int rc = sqlite3_close(m_db);   // a null handle is a harmless no-op
        m_db = nullptr;
        return rc;
    }

private:
    sqlite3 *m_db = nullptr;
};

bool isFileSystemError(int code)
{
    switch (code & 0xff) {
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return true;
    default:
        return false;
    }
}

// Opening is lazy in SQLite, so an unwritable location can surface only at the first
// statement: file-system codes are Io errors wherever they appear.
Error sqliteError(sqlite3 *db, int rc, const QString &path, const char *message)
{
    const int code = db ? sqlite3_extended_errcode(db) : rc;
    const QString text = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
    if (isFileSystemError(code)) {
        return Error(ErrorKind::Io, QStringLiteral("Cannot write the demo database %1: %2")
                                        .arg(QDir::toNativeSeparators(path), text))
            .withSqlState(QString::number(code));
    }
    return Error(ErrorKind::Syntax, text).withSqlState(QString::number(code));
}

Result<QByteArray> readScript()
{
    QFile file(kScriptResource);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Internal,
                     QStringLiteral("The demo database script %1 is missing from this build")
                         .arg(kScriptResource));
    return file.readAll();
}

// Runs one statement or script; returns an Error when it fails.
Status exec(sqlite3 *db, const QByteArray &sql, const QString &path)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    Error error = sqliteError(db, rc, path, message);
    sqlite3_free(message);
    return error;
}

// Builds the whole database at `path` in one transaction; foreign keys are enforced so a
// script that breaks them fails here rather than in front of the user.
Status buildDatabase(const QString &path, const QByteArray &script)
{
    SqliteHandle db;
    const QByteArray nativePath = QFile::encodeName(path);
    const int rc = sqlite3_open_v2(nativePath.constData(), db.out(),
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(db.get(), rc, path, db.get() ? sqlite3_errmsg(db.get()) : nullptr);
    sqlite3_extended_result_codes(db.get(), 1);

    Status status = exec(db.get(), "PRAGMA foreign_keys = ON", path);
    if (status)
        status = exec(db.get(), "BEGIN", path);
    if (status) {
        status = exec(db.get(), script, path);
        if (status)
            status = exec(db.get(), "COMMIT", path);
        if (!status)
            (void)exec(db.get(), "ROLLBACK", path);   // the first error is the one to report
    }
    const int closeRc = db.close();
    if (status && closeRc != SQLITE_OK)
        return sqliteError(nullptr, closeRc, path, nullptr);
    return status;
}

void removePartial(const QString &partialPath)
{
    QFile::remove(partialPath);
    QFile::remove(partialPath + QStringLiteral("-journal"));
}

Error ioError(const QString &what, const QString &path)
{
    return Error(ErrorKind::Io, what.arg(QDir::toNativeSeparators(path)));
}

} // namespace

QString defaultDemoPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/demo.db");
}

Result<bool> installDemoDatabase(const QString &path)
{
    const QFileInfo target(path);
    if (target.exists() || target.isSymLink())
        return false;

    if (!QDir().mkpath(target.absolutePath()))
        return ioError(QStringLiteral("Cannot create the directory for the demo database %1"),
                       path);

    Result<QByteArray> script = readScript();
    if (!script)
        return script.error();

    // A leftover from an earlier crash is never trusted: start from an empty file.
    const QString partialPath = path + QStringLiteral(".partial");
    removePartial(partialPath);
    if (QFileInfo::exists(partialPath))
        return ioError(QStringLiteral("Cannot remove the stale file %1"), partialPath);

    const Status built = buildDatabase(partialPath, *script);
    if (!built) {
        removePartial(partialPath);
        return built.error();
    }

    // QFile::rename refuses to replace an existing file, so a demo.db that appeared in the
    // meantime is still never overwritten; within one directory the rename is atomic.
    if (!QFile::rename(partialPath, path)) {
        removePartial(partialPath);
        if (QFileInfo::exists(path))
            return false;
        return ioError(QStringLiteral("Cannot move the demo database into place at %1"), path);
    }
    return true;
}

} // namespace strata::demo
