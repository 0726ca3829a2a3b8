#include "maintenancerunner.h"

#include "connection/connection.h"
#include "data/nativequery.h"
#include "exec/servertext.h"
#include "postgresmonitorreader.h"

#include <QElapsedTimer>
#include <QPointer>

#include <libpq-fe.h>

namespace strata::monitor {

using connection::Connection;
using connection::JobContext;

namespace {

/// Collects the notices of one statement; restores libpq's default receiver afterwards
/// (which hands them to the notice processor, as before).
class NoticeCapture {
public:
    explicit NoticeCapture(PGconn *conn)
        : m_conn(conn)
        , m_previous(PQsetNoticeReceiver(conn, &NoticeCapture::receive, this))
    {
    }
    ~NoticeCapture() { PQsetNoticeReceiver(m_conn, m_previous, nullptr); }
    NoticeCapture(const NoticeCapture &) = delete;
    NoticeCapture &operator=(const NoticeCapture &) = delete;

    QList<exec::Notice> notices;

private:
    static void receive(void *arg, const PGresult *res)
    {
        auto *self = static_cast<NoticeCapture *>(arg);
        auto field = [self, res](int code) { return exec::decodeServerText(self->m_conn, PQresultErrorField(res, code)); };
        exec::Notice n;
        n.severity = field(PG_DIAG_SEVERITY);
        n.message = field(PG_DIAG_MESSAGE_PRIMARY);
        QStringList detail;
        if (!field(PG_DIAG_MESSAGE_DETAIL).isEmpty())
            detail << QStringLiteral("DETAIL: ") + field(PG_DIAG_MESSAGE_DETAIL);
        if (!field(PG_DIAG_MESSAGE_HINT).isEmpty())
            detail << QStringLiteral("HINT: ") + field(PG_DIAG_MESSAGE_HINT);
        n.detail = detail.join(QLatin1Char('\n'));
        self->notices.append(n);
    }

    PGconn *m_conn;
    PQnoticeReceiver m_previous;
};

struct WorkOutcome {
    Status status;
    QList<exec::Notice> notices;
};

WorkOutcome executeWithNotices(JobContext &job, const QString &statement)
{
    WorkOutcome outcome;
    PGconn *conn = job.native.postgres();
    if (!conn) {
        outcome.status = Error(ErrorKind::Connection, QObject::tr("No PostgreSQL connection."));
        return outcome;
    }
    NoticeCapture capture(conn);
    const QByteArray sql = statement.toUtf8();
    PGresult *res = PQexec(conn, sql.constData());
    const ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        outcome.status = data::nativePostgresError(conn, res, statement);
    PQclear(res);
    outcome.notices = capture.notices;
    return outcome;
}

} // namespace

MaintenanceRunner::MaintenanceRunner(connection::ConnectionSpec spec, QString schema, QString table, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_schema(std::move(schema))
    , m_table(std::move(table))
{
    m_poll.setInterval(500);
    connect(&m_poll, &QTimer::timeout, this, &MaintenanceRunner::pollProgress);
}

MaintenanceRunner::~MaintenanceRunner()
{
    for (Connection *c : {m_work, m_watch}) {
        if (!c)
            continue;
        c->cancel();
        c->disposeLater();
    }
}

bool MaintenanceRunner::isReadOnly() const
{
    return m_spec.profile.readOnly || m_serverReadOnly;
}

QString MaintenanceRunner::readOnlyReason() const
{
    if (m_spec.profile.readOnly)
        return tr("The connection is read-only: maintenance changes the table, so it is disabled.");
    if (m_serverReadOnly)
        return tr("The session is read-only on the server (default_transaction_read_only): maintenance is disabled.");
    return {};
}

void MaintenanceRunner::withWatch(std::function<void()> then)
{
    if (m_watch && m_watch->state() == Connection::State::Open)
        return then();
    if (!m_watch)
        m_watch = new Connection(m_spec.profile, QStringLiteral("maintenance-watch"));
    QPointer<MaintenanceRunner> self(this);
    m_watch->open(m_spec.password, [self, then = std::move(then)](const Result<connection::ServerInfo> &r) {
        if (!self)
            return;
        if (r) {
            self->m_serverVersion = r->versionNumber;
            self->m_serverReadOnly = r->readOnly;
        }
        then();   // a failed open shows as the job's "not open" error
    });
}

void MaintenanceRunner::withWork(std::function<void()> then)
{
    if (m_work && m_work->state() == Connection::State::Open && m_workPid > 0)
        return then();
    if (!m_work)
        m_work = new Connection(m_spec.profile, QStringLiteral("maintenance"));
    QPointer<MaintenanceRunner> self(this);
    m_work->open(m_spec.password, [self, then = std::move(then)](const Result<connection::ServerInfo> &r) {
        if (!self)
            return;
        if (!r) {
            then();
            return;
        }
        self->m_work->run<int>(self, [](JobContext &job) -> Result<int> {
            return job.native.postgres() ? PQbackendPID(job.native.postgres()) : 0;
        }, [self, then](Result<int> pid) {
            self->m_workPid = pid.valueOr(0);
            then();
        });
    });
}

void MaintenanceRunner::loadStatistics()
{
    withWatch([this] {
        const int version = m_serverVersion;
        const QString schema = m_schema, table = m_table;
        m_watch->run<TableStatistics>(this, [version, schema, table](JobContext &job) {
            return PostgresMonitorReader(version).tableStatistics(job.db, schema, table);
        }, [this](Result<TableStatistics> r) {
            if (r) {
                m_statistics = r.value();
                m_hasStatistics = true;
            }
            Q_EMIT statisticsLoaded(r.ok(), r ? Error() : r.error());
        });
    });
}

void MaintenanceRunner::run(const MaintenanceRequest &request)
{
    if (m_running) {
        MaintenanceReport busy;
        busy.error = Error(ErrorKind::Busy, tr("A maintenance command runs already on this table."));
        Q_EMIT finished(busy);
        return;
    }
    m_running = true;
    withWatch([this, request] {
        if (isReadOnly()) {
            MaintenanceReport refused;
            refused.error = Error(ErrorKind::Permission, readOnlyReason());
            complete(refused);
            return;
        }
        const int version = m_serverVersion;
        const QString schema = m_schema, table = m_table;
        m_watch->run<TableStatistics>(this, [version, schema, table](JobContext &job) {
            return PostgresMonitorReader(version).tableStatistics(job.db, schema, table);
        }, [this, request, schema, table](Result<TableStatistics> before) {
            if (!before) {
                MaintenanceReport failed;
                failed.error = before.error();
                complete(failed);
                return;
            }
            m_statistics = before.value();
            m_hasStatistics = true;
            MaintenanceRequest forThisTable = request;   // the runner is of one table: a caller need not repeat it
            forThisTable.schema = schema;
            forThisTable.table = table;
            Result<QString> statement = maintenanceStatement(dialect::dialectFor(dialect::DialectKind::Postgres), forThisTable, target());
            if (!statement) {
                MaintenanceReport refused;
                refused.error = statement.error();
                complete(refused);
                return;
            }
            execute(statement.value());
        });
    });
}

void MaintenanceRunner::execute(const QString &statement)
{
    MaintenanceReport report;
    report.statement = statement;
    report.totalSizeBefore = m_statistics.totalSize;
    report.deadTuplesBefore = m_statistics.deadTuples;
    withWork([this, report, statement]() mutable {
        Q_EMIT started(statement);
        m_poll.start();
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_work->run<WorkOutcome>(this, [statement](JobContext &job) -> Result<WorkOutcome> {
            return executeWithNotices(job, statement);
        }, [this, report, timer, statement](Result<WorkOutcome> outcome) mutable {
            m_poll.stop();
            report.elapsedMs = double(timer->nsecsElapsed()) / 1e6;
            const Status status = outcome ? outcome->status : Status(outcome.error());
            if (outcome)
                report.notices = outcome->notices;
            report.ok = status.ok();
            if (!status.ok()) {
                report.error = status.error();
                report.cancelled = status.error().isCancelled();
            }
            // The table as it is now: sizes after, and the page's figures.
            const int version = m_serverVersion;
            const QString schema = m_schema, table = m_table;
            m_watch->run<TableStatistics>(this, [version, schema, table](JobContext &job) {
                return PostgresMonitorReader(version).tableStatistics(job.db, schema, table);
            }, [this, report](Result<TableStatistics> after) mutable {
                if (after) {
                    m_statistics = after.value();
                    report.totalSizeAfter = m_statistics.totalSize;
                    report.deadTuplesAfter = m_statistics.deadTuples;
                    Q_EMIT statisticsLoaded(true, Error());
                }
                complete(report);
            });
        });
    });
}

void MaintenanceRunner::pollProgress()
{
    if (!m_running || m_polling || m_workPid <= 0 || !m_watch)
        return;
    m_polling = true;
    const int version = m_serverVersion;
    const int pid = m_workPid;
    m_watch->run<std::optional<MaintenanceProgress>>(this, [version, pid](JobContext &job) {
        return PostgresMonitorReader(version).progress(job.db, pid);
    }, [this](Result<std::optional<MaintenanceProgress>> p) {
        m_polling = false;
        if (m_running && p && p->has_value())
            Q_EMIT progress(**p);
    });
}

void MaintenanceRunner::cancel()
{
    if (m_running && m_work)
        m_work->cancel();
}

void MaintenanceRunner::complete(MaintenanceReport report)
{
    m_running = false;
    m_poll.stop();
    Q_EMIT finished(report);
}

} // namespace strata::monitor
