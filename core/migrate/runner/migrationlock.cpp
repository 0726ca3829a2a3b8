#include "migrationlock.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace strata::migrate {

MigrationLock::MigrationLock(ScriptExecutor &executor, const QSqlDatabase &db, const QString &lockName, int timeoutSeconds,
                             std::function<void(const QString &)> onWait, const std::atomic<bool> *cancelled)
    : m_executor(executor), m_db(db), m_lockName(lockName), m_timeoutSeconds(timeoutSeconds), m_onWait(std::move(onWait)),
      m_cancelled(cancelled)
{
    const QByteArray hash = QCryptographicHash::hash(QByteArrayLiteral("strata-migrate:") + lockName.toUtf8(), QCryptographicHash::Sha256);
    for (int i = 0; i < 8; ++i)
        m_key = (m_key << 8) | quint8(hash[i]);
}

MigrationLock::~MigrationLock()
{
    release();
}

QString MigrationLock::description() const
{
    if (m_executor.kind() == dialect::DialectKind::Postgres)
        return QStringLiteral("the migration lock (PostgreSQL advisory lock %1 for %2)").arg(m_key).arg(m_lockName);
    return QStringLiteral("the migration lock (SQLite write lock on %1)").arg(m_db.databaseName());
}

Status MigrationLock::waitFor(const std::function<Result<bool>()> &attempt)
{
    QDeadlineTimer deadline(qint64(m_timeoutSeconds) * 1000);
    while (true) {
        Result<bool> got = attempt();
        if (!got)
            return got.error();
        if (*got)
            return {};
        if (!m_reportedWait && m_onWait) {
            m_reportedWait = true;
            m_onWait(QStringLiteral("Waiting for %1 (up to %2 s)...").arg(description()).arg(m_timeoutSeconds));
        }
        if (m_cancelled && m_cancelled->load())
            return Error(ErrorKind::Cancelled, QStringLiteral("Cancelled while waiting for %1").arg(description()));
        if (deadline.hasExpired())
            return Error(ErrorKind::Busy, QStringLiteral("Timed out after %1 s waiting for %2: another migration is running")
                                              .arg(m_timeoutSeconds).arg(description()));
        QThread::msleep(50);
    }
}

Status MigrationLock::acquire()
{
    if (m_executor.kind() != dialect::DialectKind::Postgres || m_held)
        return {};
    Status s = waitFor([this]() -> Result<bool> {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT pg_try_advisory_lock(?)"));
        q.addBindValue(m_key);
        if (!q.exec() || !q.next())
            return dialect::dialectFor(dialect::DialectKind::Postgres).mapError(q.lastError());
        return q.value(0).toBool();
    });
    m_held = s.ok();
    return s;
}

void MigrationLock::release()
{
    if (!m_held)
        return;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT pg_advisory_unlock(?)"));
    q.addBindValue(m_key);
    q.exec();
    m_held = false;
}

Status MigrationLock::beginTransaction()
{
    if (m_executor.kind() == dialect::DialectKind::Postgres)
        return m_executor.exec(QStringLiteral("BEGIN"));
    m_executor.setBusyTimeout(0);
    Status s = waitFor([this]() -> Result<bool> {
        Status begin = m_executor.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (begin)
            return true;
        if (begin.error().kind == ErrorKind::Busy)
            return false;
        return begin.error();
    });
    m_executor.setBusyTimeout(qMax(1, m_timeoutSeconds) * 1000);
    return s;
}

} // namespace strata::migrate
