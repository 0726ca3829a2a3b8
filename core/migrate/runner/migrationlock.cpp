#include "migrationlock.h"

#include "connection/nativehandle.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <sqlite3.h>

namespace strata::migrate {

namespace {

constexpr int kPollMs = 50;
// How often the server checks that the runner's socket is still open during a statement.
constexpr auto kConnectionCheckInterval = "2s";
constexpr QLatin1String kAnotherMigration("another migration is running");

QString sqliteFile(const QSqlDatabase &db)
{
    sqlite3 *handle = connection::NativeHandle::sqliteHandle(db);
    const char *name = handle ? sqlite3_db_filename(handle, "main") : nullptr;
    return name ? QString::fromUtf8(name) : QString();
}

} // namespace

MigrationLock::MigrationLock(ScriptExecutor &executor, const QSqlDatabase &db, const QString &lockName, int timeoutSeconds,
                             std::function<void(const QString &)> onWait, RunCanceller &canceller)
    : m_executor(executor), m_db(db), m_lockName(lockName), m_timeoutSeconds(timeoutSeconds), m_onWait(std::move(onWait)),
      m_canceller(canceller)
{
    const QByteArray hash = QCryptographicHash::hash(QByteArrayLiteral("strata-migrate:") + lockName.toUtf8(), QCryptographicHash::Sha256);
    for (int i = 0; i < 8; ++i)
        m_key = (m_key << 8) | quint8(hash[i]);
    if (m_executor.kind() == dialect::DialectKind::Sqlite) {
        const QString file = sqliteFile(db);
        if (!file.isEmpty())
            m_file = std::make_unique<SqliteLockFile>(file);
    }
}

MigrationLock::~MigrationLock()
{
    release();
}

QString MigrationLock::description() const
{
    if (m_executor.kind() == dialect::DialectKind::Postgres)
        return QStringLiteral("the migration lock (PostgreSQL advisory lock %1 for %2)").arg(m_key).arg(m_lockName);
    if (m_file)
        return QStringLiteral("the migration lock (file %1)").arg(m_file->path());
    return QStringLiteral("the migration lock");
}

Status MigrationLock::waitFor(const Wait &wait)
{
    QDeadlineTimer deadline(qint64(m_timeoutSeconds) * 1000);
    bool reported = false;
    while (true) {
        Result<bool> got = wait.attempt();
        if (got && *got)
            return {};
        // An interruption may have cancelled the attempt itself (PQcancel): say what it stopped.
        if (m_canceller.isCancelled())
            return Error(ErrorKind::Cancelled, QStringLiteral("Cancelled while waiting for %1").arg(wait.what));
        if (!got)
            return got.error();
        if (!reported && m_onWait) {
            reported = true;
            m_onWait(QStringLiteral("Waiting for %1 (up to %2 s)...").arg(wait.what).arg(m_timeoutSeconds));
        }
        if (deadline.hasExpired()) {
            const QString holder = wait.holder ? wait.holder() : QString();
            return Error(ErrorKind::Busy, QStringLiteral("Timed out after %1 s waiting for %2: %3%4")
                                              .arg(m_timeoutSeconds)
                                              .arg(wait.what, wait.reason,
                                                   holder.isEmpty() ? QString() : QStringLiteral("; it is held by ") + holder));
        }
        QThread::msleep(kPollMs);
    }
}

Status MigrationLock::acquire()
{
    if (m_held)
        return {};
    if (m_executor.kind() == dialect::DialectKind::Postgres)
        return acquirePostgres();
    if (!m_file)
        return {};   // an in-memory database belongs to this connection alone
    Status s = waitFor(Wait{description(), kAnotherMigration, [this] { return m_file->tryLock(); }, [this] { return m_file->holder(); }});
    m_held = s.ok();
    return s;
}

Status MigrationLock::acquirePostgres()
{
    setConnectionCheck(true);
    Status s = waitFor(Wait{description(), kAnotherMigration,
                            [this]() -> Result<bool> {
                                QSqlQuery q(m_db);
                                q.prepare(QStringLiteral("SELECT pg_try_advisory_lock(?)"));
                                q.addBindValue(m_key);
                                if (!q.exec() || !q.next())
                                    return dialect::dialectFor(dialect::DialectKind::Postgres).mapError(q.lastError());
                                return q.value(0).toBool();
                            },
                            [this] { return postgresHolder(); }});
    m_held = s.ok();
    if (!m_held)
        setConnectionCheck(false);
    return s;
}

// The session holding our advisory lock: pg_locks shows a bigint key as classid (high 32
// bits) and objid (low 32 bits) with objsubid 1. Columns of another role's session other than
// pid and application_name read as NULL without pg_read_all_stats.
QString MigrationLock::postgresHolder() const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT l.pid, a.application_name, a.query_start, a.state FROM pg_locks l "
        "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::bigint = ? AND l.objid::bigint = ? "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1"));
    q.addBindValue(qint64(quint32(quint64(m_key) >> 32)));
    q.addBindValue(qint64(quint32(quint64(m_key) & 0xffffffffu)));
    if (!q.exec() || !q.next())
        return QString();
    const QDateTime started = q.value(2).toDateTime();
    return QStringLiteral("backend pid %1 (application_name \"%2\", %3%4)")
        .arg(q.value(0).toLongLong())
        .arg(q.value(1).toString(),
             started.isValid() ? QStringLiteral("query started %1").arg(started.toString(Qt::ISODateWithMs))
                               : QStringLiteral("query start not visible to this role"),
             q.value(3).isNull() ? QString() : QStringLiteral(", %1").arg(q.value(3).toString()));
}

void MigrationLock::setConnectionCheck(bool on)
{
    QSqlQuery q(m_db);
    if (on) {
        // current_setting(..., true) is NULL before PostgreSQL 14, which has no such setting.
        if (!q.exec(QStringLiteral("SELECT current_setting('client_connection_check_interval', true)")) || !q.next()
            || q.value(0).isNull())
            return;
        m_previousCheckInterval = q.value(0).toString();
        q.prepare(QStringLiteral("SELECT set_config('client_connection_check_interval', ?, false)"));
        q.addBindValue(QString::fromLatin1(kConnectionCheckInterval));
        m_checkIntervalSet = q.exec();
    } else if (m_checkIntervalSet) {
        q.prepare(QStringLiteral("SELECT set_config('client_connection_check_interval', ?, false)"));
        q.addBindValue(m_previousCheckInterval);
        q.exec();
        m_checkIntervalSet = false;
    }
}

void MigrationLock::release()
{
    if (!m_held)
        return;
    m_held = false;
    if (m_file) {
        m_file->unlock();
        return;
    }
    // Twice at most: a cancel request of an interrupted run may still reach the first one.
    for (int attempt = 0; attempt < 2; ++attempt) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT pg_advisory_unlock(?)"));
        q.addBindValue(m_key);
        if (q.exec())
            break;
    }
    setConnectionCheck(false);
}

Status MigrationLock::beginTransaction()
{
    if (m_executor.kind() == dialect::DialectKind::Postgres)
        return m_executor.exec(dialect::dialectFor(m_executor.kind()).beginTransaction());
    m_canceller.setBusyTimeout(0);
    Status s = waitFor(Wait{QStringLiteral("the SQLite write lock on %1").arg(m_db.databaseName()),
                            QStringLiteral("another connection is writing to the database"),
                            [this]() -> Result<bool> {
                                Status begin = m_executor.exec(
                                    dialect::dialectFor(m_executor.kind()).beginTransaction(dialect::BeginMode::Immediate));
                                if (begin)
                                    return true;
                                if (begin.error().kind == ErrorKind::Busy)
                                    return false;
                                return begin.error();
                            },
                            {}});
    m_canceller.setBusyTimeout(qMax(1, m_timeoutSeconds) * 1000);
    return s;
}

} // namespace strata::migrate
