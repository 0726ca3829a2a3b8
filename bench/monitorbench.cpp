// strata-bench monitor: the dashboard under 50,000 locks held by 5 backends (the situation
// in which pgAdmin's dashboard grows to gigabytes, pgadmin4 issue 9285).

#include "monitorbench.h"

#include "benchreport.h"
#include "connection/connectionstring.h"
#include "monitor/activitymodel.h"
#include "monitor/blockingtreemodel.h"
#include "monitor/locksummarymodel.h"
#include "monitor/monitorsql.h"
#include "monitor/postgresmonitor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <memory>

#include <libpq-fe.h>

namespace strata::bench {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

struct Conn {
    PGconn *c = nullptr;
    explicit Conn(const QByteArray &info) : c(PQconnectdb(info.constData())) {}
    ~Conn() { PQfinish(c); }
    bool ok() const { return PQstatus(c) == CONNECTION_OK; }
    QString error() const { return QString::fromUtf8(PQerrorMessage(c)).trimmed(); }
    /// Runs `sql`; empty on success, else the error.
    QString exec(const QString &sql) const
    {
        PGresult *r = PQexec(c, sql.toUtf8().constData());
        const ExecStatusType st = PQresultStatus(r);
        const QString e = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? QString() : QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        PQclear(r);
        return e;
    }
    QString value(const QString &sql) const
    {
        PGresult *r = PQexec(c, sql.toUtf8().constData());
        const QString v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? QString::fromUtf8(PQgetvalue(r, 0, 0)) : QString();
        PQclear(r);
        return v;
    }
};

QByteArray conninfo(const connection::ConnectionProfile &p, const std::optional<QString> &password, const QString &app)
{
    QString info = QStringLiteral("host='%1' port=%2 user='%3' dbname='%4' application_name='%5'")
                       .arg(p.host).arg(p.port > 0 ? p.port : 5432).arg(p.user, p.database, app);
    if (password)
        info += QStringLiteral(" password='%1'").arg(QString(*password).replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'")));
    return info.toUtf8();
}

/// Raises max_locks_per_transaction on a with-postgres.sh server (the bench owns it) and
/// restarts it. False, with the reason on stderr, anywhere else.
bool raiseLockTable(int perTransaction, int port)
{
    const QString data = qEnvironmentVariable("STRATA_TEST_PG_DATA");
    const QStringList ctl = qEnvironmentVariable("STRATA_TEST_PG_CTL").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (data.isEmpty() || ctl.isEmpty()) {
        err() << "the server's lock table is too small, and this is not a server the bench owns: start it with\n"
                 "  -c max_locks_per_transaction=" << perTransaction << " (or run the bench under scripts/with-postgres.sh)\n";
        return false;
    }
    const QString work = QFileInfo(data).absolutePath();
    Conn admin(QStringLiteral("host=%1/sock port=%2 user=postgres dbname=postgres").arg(work).arg(port).toUtf8());
    if (!admin.ok()) {
        err() << "cannot reach the superuser over the socket: " << admin.error() << '\n';
        return false;
    }
    const QString e = admin.exec(QStringLiteral("ALTER SYSTEM SET max_locks_per_transaction = %1").arg(perTransaction));
    if (!e.isEmpty()) {
        err() << e << '\n';
        return false;
    }
    err() << "raising max_locks_per_transaction to " << perTransaction << " (ALTER SYSTEM) and restarting the server…\n";
    err().flush();
    QProcess restart;
    restart.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    restart.start(ctl.first(), ctl.mid(1) + QStringList{QStringLiteral("-D"), data, QStringLiteral("-l"), work + QStringLiteral("/server.log"),
                                                         QStringLiteral("-w"), QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("restart")});
    restart.waitForFinished(120000);
    return restart.exitStatus() == QProcess::NormalExit && restart.exitCode() == 0;
}

/// The queries of one refresh, as the monitor renders them for this server.
QStringList refreshQueries(int version)
{
    QStringList sql;
    for (const char *name : {"overview", "counters", "activity", "blocking", "locksummary", "replicationprimary"})
        sql << monitor::monitorSql(QStringLiteral("postgres/") + QLatin1String(name), version).valueOr(QString());
    return sql;
}

/// Runs `sql` with libpq and touches every value, as a client that shows them would.
qint64 rawRun(PGconn *c, const QString &sql)
{
    PGresult *r = PQexec(c, sql.toUtf8().constData());
    qint64 bytes = 0;
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        for (int row = 0; row < PQntuples(r); ++row)
            for (int col = 0; col < PQnfields(r); ++col)
                bytes += PQgetlength(r, row, col) + (PQgetvalue(r, row, col)[0] != 0 ? 1 : 0);
    else
        err() << "raw query failed: " << PQresultErrorMessage(r) << '\n';
    PQclear(r);
    return bytes;
}

struct Holders {
    std::vector<std::unique_ptr<Conn>> sessions;
    std::unique_ptr<Conn> exclusiveWaiter, readerWaiter;
};

bool prepareTables(const Conn &admin, int tables)
{
    if (admin.value(QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                   "WHERE n.nspname = 'strata_bench_monitor' AND c.relkind = 'r'")).toInt() == tables)
        return true;
    err() << "preparing " << tables << " tables in schema strata_bench_monitor…\n";
    err().flush();
    QString e = admin.exec(QStringLiteral("DROP SCHEMA IF EXISTS strata_bench_monitor CASCADE; CREATE SCHEMA strata_bench_monitor"));
    for (int first = 1; e.isEmpty() && first <= tables; first += 500)
        e = admin.exec(QStringLiteral("DO $$ BEGIN FOR i IN %1..%2 LOOP EXECUTE format("
                                      "'CREATE TABLE strata_bench_monitor.t%s (id int)', i); END LOOP; END $$")
                           .arg(first).arg(qMin(tables, first + 499)));
    if (!e.isEmpty())
        err() << "could not prepare: " << e << '\n';
    return e.isEmpty();
}

/// B sessions holding `locks` locks in all, plus two sessions waiting behind them.
bool takeLocks(Holders &h, const QByteArray &info, int locks, int backends, int tables)
{
    QStringList names;
    for (int i = 1; i <= tables; ++i)
        names << QStringLiteral("strata_bench_monitor.t%1").arg(i);
    const int perBackend = locks / backends;
    const int advisory = qMax(0, perBackend - tables);
    for (int b = 0; b < backends; ++b) {
        auto s = std::make_unique<Conn>(info);
        if (!s->ok()) {
            err() << s->error() << '\n';
            return false;
        }
        const QString e = s->exec(QStringLiteral("BEGIN; LOCK TABLE %1 IN ACCESS SHARE MODE; "
                                                 "SELECT count(pg_advisory_xact_lock(%2, g)) FROM generate_series(1, %3) AS g")
                                      .arg(names.join(QStringLiteral(", "))).arg(b + 1).arg(advisory));
        if (!e.isEmpty()) {
            err() << "backend " << b + 1 << " could not take its locks: " << e << '\n';
            return false;
        }
        h.sessions.push_back(std::move(s));
    }
    // One waits to rewrite t1 (blocked by every holder), one waits to read it behind that one.
    h.exclusiveWaiter = std::make_unique<Conn>(info);
    PQsendQuery(h.exclusiveWaiter->c, "BEGIN; LOCK TABLE strata_bench_monitor.t1 IN ACCESS EXCLUSIVE MODE; ROLLBACK");
    QThread::msleep(300);
    h.readerWaiter = std::make_unique<Conn>(info);
    PQsendQuery(h.readerWaiter->c, "SELECT count(*) FROM strata_bench_monitor.t1");
    // Both must be waiting for a lock, or the bench would measure a tree without blockers.
    const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid IN (%1, %2)")
                                .arg(PQbackendPID(h.exclusiveWaiter->c)).arg(PQbackendPID(h.readerWaiter->c));
    const Conn watch(info);   // outside the holders' transactions, which see pg_stat_activity as it was
    for (int i = 0; i < 100; ++i) {
        if (watch.value(waiting) == QLatin1String("2"))
            return true;
        QThread::msleep(100);
    }
    err() << "the two waiters are not waiting for a lock\n";
    return false;
}

} // namespace

int runMonitorBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The dashboard's refresh under many locks, beside raw libpq."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("postgresql:// URL of the server"), QStringLiteral("url")});
    parser.addOption({QStringLiteral("locks"), QStringLiteral("locks held in all (default 50000)"), QStringLiteral("n"), QStringLiteral("50000")});
    parser.addOption({QStringLiteral("backends"), QStringLiteral("backends holding them (default 5)"), QStringLiteral("n"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("tables"), QStringLiteral("tables each backend locks (default 1000)"), QStringLiteral("n"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("refreshes"), QStringLiteral("refreshes measured (default 20)"), QStringLiteral("n"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("print the figures as JSON")});
    parser.process(arguments);
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || !spec->profile.isPostgres()) {
        err() << "strata-bench monitor: --url must be a postgresql:// URL\n";
        return 2;
    }
    const int locks = qMax(1, parser.value(QStringLiteral("locks")).toInt());
    const int backends = qMax(1, parser.value(QStringLiteral("backends")).toInt());
    const int tables = qMax(1, parser.value(QStringLiteral("tables")).toInt());
    const int refreshes = qMax(3, parser.value(QStringLiteral("refreshes")).toInt());
    const connection::ConnectionProfile &p = spec->profile;
    const QByteArray info = conninfo(p, spec->password, QStringLiteral("strata-bench"));

    {
        Conn admin(info);
        if (!admin.ok()) {
            err() << admin.error() << '\n';
            return 1;
        }
        // The shared lock table holds max_locks_per_transaction entries per backend slot.
        const qint64 perTransaction = admin.value(QStringLiteral("SHOW max_locks_per_transaction")).toLongLong();
        const qint64 slots = admin.value(QStringLiteral(
            "SELECT current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int "
            "+ current_setting('autovacuum_max_workers')::int + 1 + current_setting('max_worker_processes')::int "
            "+ current_setting('max_wal_senders')::int")).toLongLong();
        if (perTransaction * slots < qint64(locks) * 12 / 10) {
            const qint64 needed = (qint64(locks) * 3 / 2 + slots - 1) / qMax<qint64>(1, slots);
            if (!raiseLockTable(int((needed + 63) / 64 * 64), p.port > 0 ? p.port : 5432))
                return 1;
        }
    }
    Conn admin(info);
    if (!admin.ok() || !prepareTables(admin, tables))
        return 1;
    Holders holders;
    err() << "taking " << locks << " locks in " << backends << " backends…\n";
    err().flush();
    if (!takeLocks(holders, info, locks, backends, tables))
        return 1;
    const qint64 serverLocks = admin.value(QStringLiteral("SELECT count(*) FROM pg_locks")).toLongLong();
    const int version = admin.value(QStringLiteral("SHOW server_version_num")).toInt();

    // Strata: the monitor on a connection of its own, its snapshot into the dashboard's models.
    const double rssBefore = rssMb();
    monitor::PostgresMonitor mon(spec.value());
    mon.setPaused(true);
    monitor::ActivityModel activity;
    monitor::BlockingTreeModel tree;
    monitor::LockSummaryModel summary;
    tree.setDetailFetcher([&mon](int pid, QObject *context, std::function<void(Result<QList<monitor::LockGroup>>)> done) {
        mon.fetchLockDetail(pid, context, std::move(done));
    });
    QList<double> strataMs, workerMs;
    bool refreshed = false;
    QElapsedTimer clock;
    QObject::connect(&mon, &monitor::PostgresMonitor::refreshed, &mon, [&](const monitor::MonitorSnapshot &s) {
        activity.setRows(s.activity);
        tree.setBackends(s.blocking);
        summary.setSummary(s.locks);
        strataMs << double(clock.nsecsElapsed()) / 1e6;
        workerMs << s.queryMs;
        refreshed = true;
    });
    QObject::connect(&mon, &monitor::PostgresMonitor::refreshFailed, &mon, [](const Error &e) { err() << "refresh failed: " << e.message << '\n'; });
    bool opened = false;
    QObject::connect(&mon, &monitor::PostgresMonitor::opened, &mon, [&](bool ok, const Error &e) {
        opened = true;
        if (!ok)
            err() << "monitor: " << e.message << '\n';
    });
    auto spin = [](const std::function<bool()> &done, int ms) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return done();
    };
    clock.start();
    mon.start();   // opens, then refreshes once (paused: no timer after it)
    if (!spin([&] { return opened && refreshed; }, 30000)) {
        err() << "the monitor never refreshed\n";
        return 1;
    }
    strataMs.clear();
    workerMs.clear();
    for (int i = 0; i < refreshes; ++i) {
        refreshed = false;
        clock.restart();
        mon.refreshNow();
        if (!spin([&] { return refreshed; }, 30000))
            return 1;
    }
    // Expanding one holder's "Locks held": its locks counted by the server.
    QElapsedTimer detailClock;
    detailClock.start();
    const QModelIndex holderNode = tree.indexOfPid(PQbackendPID(holders.sessions.front()->c));
    const QModelIndex folder = holderNode.isValid() ? tree.index(0, 0, holderNode) : QModelIndex();
    bool detailDone = false;
    QObject::connect(&tree, &monitor::BlockingTreeModel::detailLoaded, &tree, [&] { detailDone = true; });
    tree.fetchMore(folder);
    spin([&] { return detailDone; }, 30000);
    const double strataDetailMs = double(detailClock.nsecsElapsed()) / 1e6;
    const int detailRows = folder.isValid() ? tree.rowCount(folder) : 0;
    const double strataGrowth = rssMb() - rssBefore;
    const int treeNodes = tree.nodeCount();
    const int roots = int(tree.rootPids().size());

    // Raw libpq: the same statements on one connection, every value touched.
    const double rawBefore = rssMb();
    Conn raw(info);
    const QStringList queries = refreshQueries(version);
    QList<double> rawMs;
    for (int i = 0; i < refreshes + 1; ++i) {
        QElapsedTimer t;
        t.start();
        for (const QString &sql : queries)
            rawRun(raw.c, sql);
        if (i > 0)
            rawMs << double(t.nsecsElapsed()) / 1e6;
    }
    const QString detailSql = monitor::monitorSql(QStringLiteral("postgres/lockdetail"), version).valueOr(QString())
                                  .replace(QLatin1Char('?'), QString::number(PQbackendPID(holders.sessions.front()->c)));
    QElapsedTimer rawDetail;
    rawDetail.start();
    rawRun(raw.c, detailSql);
    const double rawDetailMs = double(rawDetail.nsecsElapsed()) / 1e6;
    const double rawGrowth = rssMb() - rawBefore;

    auto median = [](QList<double> v) { std::sort(v.begin(), v.end()); return v.isEmpty() ? 0.0 : v[v.size() / 2]; };
    auto worst = [](const QList<double> &v) { return v.isEmpty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
    BenchReport report(QStringLiteral("monitor"), QStringLiteral("postgresql"));
    report.setParameter(QStringLiteral("locks on the server"), serverLocks);
    report.setParameter(QStringLiteral("holding backends"), backends);
    report.setParameter(QStringLiteral("tables locked by each"), tables);
    report.setParameter(QStringLiteral("refreshes"), refreshes);
    report.setParameter(QStringLiteral("server"), admin.value(QStringLiteral("SHOW server_version")));
    report.add({QStringLiteral("refresh, end to end (median)"), median(strataMs), median(rawMs), QStringLiteral("ms"),
                QStringLiteral("6 queries, snapshot, 3 models updated")});
    report.add({QStringLiteral("refresh, end to end (worst)"), worst(strataMs), worst(rawMs), QStringLiteral("ms"), QString()});
    report.add({QStringLiteral("refresh, queries on the worker (median)"), median(workerMs), median(rawMs), QStringLiteral("ms"), QStringLiteral("the same queries run by raw libpq")});
    report.add({QStringLiteral("expand one holder's locks"), strataDetailMs, rawDetailMs, QStringLiteral("ms"),
                QStringLiteral("%1 groups for %2 locks").arg(detailRows).arg(locks / backends)});
    report.add({QStringLiteral("memory growth"), strataGrowth, rawGrowth, QStringLiteral("MB"),
                QStringLiteral("RSS after %1 refreshes minus before the monitor started").arg(refreshes + 1)});
    report.add({QStringLiteral("blocking tree nodes"), double(treeNodes), -1, QStringLiteral("nodes"),
                QStringLiteral("%1 root blockers; never a node per lock").arg(roots)});
    report.add({QStringLiteral("lock summary rows"), double(summary.rowCount()), -1, QStringLiteral("rows"),
                QStringLiteral("%1 groups on the server").arg(summary.totalGroups())});
    report.add({QStringLiteral("activity rows"), double(activity.rowCount()), -1, QStringLiteral("rows"), QString()});

    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    else
        out << report.toText();
    out.flush();
    // Release: the waiters get their locks once the holders are gone.
    holders.sessions.clear();
    return 0;
}

} // namespace strata::bench
