#include "sqlitehealthsession.h"

#include "connection/connection.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>

namespace strata::monitor {

using connection::Connection;
using connection::JobContext;

SqliteHealthSession::SqliteHealthSession(connection::ConnectionSpec spec, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
{
}

SqliteHealthSession::~SqliteHealthSession()
{
    if (m_connection) {
        m_connection->cancel();
        m_connection->disposeLater();
    }
}

QString SqliteHealthSession::filePath() const
{
    return m_spec.profile.inMemory ? QString() : m_spec.profile.filePath;
}

QString SqliteHealthSession::unavailableReason(SqliteHealthAction action) const
{
    if (isReadOnly() && sqliteActionWrites(action))
        return tr("The connection is read-only: this action writes (SQLite refuses even VACUUM INTO there).");
    if (m_spec.profile.inMemory && action == SqliteHealthAction::Checkpoint)
        return tr("An in-memory database has no write-ahead log.");
    if (action == SqliteHealthAction::Checkpoint && !m_health.journalMode.isEmpty() && m_health.journalMode != QLatin1String("wal"))
        return tr("The journal mode is %1: there is no write-ahead log to checkpoint.").arg(m_health.journalMode);
    return {};
}

void SqliteHealthSession::withConnection(std::function<void()> then)
{
    if (m_connection && m_connection->state() == Connection::State::Open)
        return then();
    if (!m_connection)
        m_connection = new Connection(m_spec.profile, QStringLiteral("health"));
    QPointer<SqliteHealthSession> self(this);
    m_connection->open(m_spec.password, [self, then = std::move(then)](const Result<connection::ServerInfo> &) {
        if (self)
            then();   // a failed open shows as the job's "not open" error
    });
}

void SqliteHealthSession::readHealth()
{
    withConnection([this] {
        const QString path = filePath();
        m_connection->run<SqliteFileHealth>(this, [path](JobContext &job) {
            return readSqliteHealth(job.native.sqlite(), path);
        }, [this](Result<SqliteFileHealth> r) {
            if (r)
                m_health = r.value();
            Q_EMIT healthRead(r.ok(), r ? Error() : r.error());
        });
    });
}

void SqliteHealthSession::run(SqliteHealthAction action, const QString &targetPath)
{
    SqliteActionReport report;
    report.action = action;
    report.targetPath = targetPath;
    if (m_running) {
        report.error = Error(ErrorKind::Busy, tr("Another health action runs on this file."));
        Q_EMIT finished(report);
        return;
    }
    if (const QString why = unavailableReason(action); !why.isEmpty()) {
        report.error = Error(ErrorKind::Permission, why);
        Q_EMIT finished(report);
        return;
    }
    m_running = true;
    report.statement = sqliteHealthStatement(dialect::dialectFor(dialect::DialectKind::Sqlite), action);
    withConnection([this, report, action, targetPath]() mutable {
        Q_EMIT started(action, report.statement);
        const QString path = filePath();
        QPointer<SqliteHealthSession> self(this);
        // Rows and step counts travel to this thread as they come.
        auto onRow = [self](const QString &row) {
            QMetaObject::invokeMethod(self, [self, row] { if (self) Q_EMIT self->checkRow(row); }, Qt::QueuedConnection);
        };
        auto onSteps = [self](qint64 steps) {
            QMetaObject::invokeMethod(self, [self, steps] { if (self) Q_EMIT self->progress(steps); }, Qt::QueuedConnection);
        };
        m_connection->run<SqliteActionReport>(this, [report, action, targetPath, path, onRow, onSteps](JobContext &job) mutable -> Result<SqliteActionReport> {
            sqlite3 *db = job.native.sqlite();
            if (Result<SqliteFileHealth> before = readSqliteHealth(db, path))
                report.before = before.value();
            QElapsedTimer timer;
            timer.start();
            Status status;
            if (action == SqliteHealthAction::IntegrityCheck || action == SqliteHealthAction::QuickCheck) {
                Result<int> problems = runSqliteCheck(db, action, 10000, [&report, &onRow](const QString &row) { ++report.rows; onRow(row); });
                if (problems) {
                    report.clean = problems.value() == 0;
                    if (report.clean)
                        report.rows = 0;
                } else {
                    status = problems.error();
                }
            } else if (action == SqliteHealthAction::ForeignKeyCheck) {
                Result<QList<ForeignKeyViolation>> found = sqliteForeignKeyCheck(db);
                if (found) {
                    report.violations = found.value();
                    report.rows = int(report.violations.size());
                    report.clean = report.violations.isEmpty();
                } else {
                    status = found.error();
                }
            } else {
                Result<QString> answer = runSqliteUpkeep(db, action, targetPath, onSteps);
                if (answer)
                    report.summary = answer.value();
                else
                    status = answer.error();
            }
            report.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
            report.ok = status.ok();
            if (!status) {
                report.error = status.error();
                report.cancelled = status.error().isCancelled();
            }
            if (Result<SqliteFileHealth> after = readSqliteHealth(db, path))
                report.after = after.value();
            if (!targetPath.isEmpty())
                report.targetSize = QFileInfo(targetPath).exists() ? QFileInfo(targetPath).size() : -1;
            return report;
        }, [this](Result<SqliteActionReport> r) {
            SqliteActionReport done = r ? r.value() : SqliteActionReport{};
            if (!r)
                done.error = r.error();
            complete(done);
        });
    });
}

void SqliteHealthSession::cancel()
{
    if (m_running && m_connection)
        m_connection->cancel();
}

void SqliteHealthSession::complete(const SqliteActionReport &report)
{
    m_running = false;
    if (report.after.pageSize > 0)
        m_health = report.after;
    if (report.action == SqliteHealthAction::ForeignKeyCheck && report.ok)
        Q_EMIT violationsFound(report.violations);
    Q_EMIT finished(report);
}

} // namespace strata::monitor
