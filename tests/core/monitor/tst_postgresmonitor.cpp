// The monitor against a real PostgreSQL: every query runs, the blocking graph of extra
// sessions comes back in the right order, locks are counted by the server, the rates move
// under a load, cancel and terminate free the waiters, and a missing privilege is reported
// in the server's own words.

#include "monitor/blockingtreemodel.h"
#include "monitor/postgresmonitor.h"
#include "monitor/postgresmonitorreader.h"
#include "pgsession.h"
#include "support/connectionwaits.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSqlQuery>
#include <QtTest>

using namespace strata;
using namespace strata::monitor;
using namespace strata::test;
using namespace Qt::StringLiterals;

namespace {

connection::ConnectionSpec specFor(const QString &url, bool readOnly = false)
{
    const PgTarget target = pgTarget(url);
    connection::ConnectionSpec spec;
    spec.profile = target.profile;
    spec.profile.readOnly = readOnly;
    spec.password = target.password;
    return spec;
}

/// Waits for a refresh after which `accept(snapshot)` holds.
bool waitForSnapshot(PostgresMonitor &monitor, const std::function<bool(const MonitorSnapshot &)> &accept, int timeoutMs = 20000)
{
    bool seen = false;
    QString lastError;
    const QMetaObject::Connection c = QObject::connect(&monitor, &PostgresMonitor::refreshed, &monitor,
                                                       [&](const MonitorSnapshot &s) { seen = seen || accept(s); });
    const QMetaObject::Connection f = QObject::connect(&monitor, &PostgresMonitor::refreshFailed, &monitor,
                                                       [&](const Error &e) { lastError = e.message; });
    const bool ok = QTest::qWaitFor([&] { return seen; }, timeoutMs);
    QObject::disconnect(c);
    QObject::disconnect(f);
    if (!ok && !lastError.isEmpty())
        qWarning("last refresh failed: %s", qPrintable(lastError));
    return ok;
}

const BlockingBackend *find(const QList<BlockingBackend> &list, int pid)
{
    for (const BlockingBackend &b : list)
        if (b.pid == pid)
            return &b;
    return nullptr;
}

} // namespace

class TestPostgresMonitor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readerRunsEveryQuery();
    void blockingGraphInOrder();
    void locksAreCountedByTheServer();
    void ratesMoveUnderLoad();
    void cancelFreesTheWaiter();
    void terminateEndsTheBlocker();
    void privilegeErrorsInTheServersWords();
    void readOnlyRefusesActions();
};

void TestPostgresMonitor::readerRunsEveryQuery()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY2(scratch.error().isEmpty(), qPrintable(scratch.error()));
    QString error;
    QSqlDatabase db = openTestDatabase(scratch.url(), &error);
    QVERIFY2(db.isOpen(), qPrintable(error));
    QCOMPARE(execAll(db, {u"CREATE TABLE books (id int PRIMARY KEY, title text)"_s,
                          u"CREATE INDEX books_title ON books (title)"_s, u"CREATE INDEX books_title_again ON books (title)"_s,
                          u"INSERT INTO books SELECT g, 'b' || g FROM generate_series(1, 100) g"_s}), QString());
    QSqlQuery version(db);
    QVERIFY(version.exec(u"SHOW server_version_num"_s) && version.next());
    const PostgresMonitorReader reader(version.value(0).toInt());

    const Result<ServerOverview> o = reader.overview(db);
    QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().message));
    QCOMPARE(o->databaseName, scratch.name());
    QVERIFY(o->versionNumber >= 120000);
    QVERIFY(o->maxConnections > 0);
    QVERIFY(o->databaseSessions.total >= 1);
    QVERIFY(o->uptimeSeconds() > 0);
    const auto counters = reader.counters(db);
    QVERIFY(counters.ok());
    QVERIFY(counters->second.xactCommit > 0);
    QVERIFY(counters->second.xactCommit >= counters->first.xactCommit);
    QVERIFY(reader.sizes(db)->database > 0);
    const Result<QList<ActivityRow>> activity = reader.activity(db);
    QVERIFY(activity.ok());
    const auto self = std::find_if(activity->begin(), activity->end(), [&](const ActivityRow &r) { return r.pid == o->ownPid; });
    QVERIFY(self != activity->end());
    QCOMPARE(self->state, u"active"_s);
    QVERIFY(self->query.contains(u"pg_stat_activity"_s));
    QVERIFY(reader.blocking(db)->isEmpty());
    const Result<LockSummary> locks = reader.lockSummary(db);
    QVERIFY(locks.ok());
    QVERIFY(locks->totalLocks > 0);
    QVERIFY(!reader.lockDetail(db, o->ownPid)->isEmpty());
    QVERIFY(!reader.replication(db, false)->standby);
    // The whole text of another backend's query (this session's own is the EXECUTE of querytext.sql).
    PgSession sleeper(conninfoFromUrl(scratch.url()));
    const QString sleeping = u"SELECT pg_sleep(60) /* %1 */"_s.arg(QString(900, u'q'));
    QVERIFY(sleeper.send(sleeping));
    QVERIFY(QTest::qWaitFor([&] { const Result<QString> text = reader.queryText(db, sleeper.pid());
        return text.ok() && *text == sleeping;
    }, 10000));
    QVERIFY(sleeper.cancel());
    QCOMPARE(sleeper.waitResult(), u"57014"_s);
    QVERIFY(!reader.progress(db, o->ownPid)->has_value());

    const Result<TableStatistics> t = reader.tableStatistics(db, u"public"_s, u"books"_s);
    QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
    QCOMPARE(t->relkind, u"r"_s);
    QVERIFY(t->totalSize >= t->tableSize + t->indexesSize);
    QCOMPARE(t->indexes.size(), 3);
    for (const IndexStatistics &i : t->indexes) {
        if (i.name == u"books_title"_s) {
            QCOMPARE(i.duplicateOf, u"books_title_again"_s);
            QVERIFY(i.unused);
        }
        if (i.name == u"books_pkey"_s) {
            QVERIFY(i.primary);
            QVERIFY(!i.unused);   // backs the primary key: never "unused"
        }
    }
    QCOMPARE(reader.tableStatistics(db, u"public"_s, u"nope"_s).error().kind, ErrorKind::NotFound);
    closeTestDatabase(db);
}

void TestPostgresMonitor::blockingGraphInOrder()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE orders (id int)"_s), QString());
    PgSession holder(conninfoFromUrl(scratch.url())), reader(conninfoFromUrl(scratch.url())), writer(conninfoFromUrl(scratch.url()));
    QVERIFY(holder.ok() && reader.ok() && writer.ok());
    QCOMPARE(holder.exec(u"BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"_s), QString());
    QVERIFY(reader.send(u"SELECT count(*) FROM orders"_s));
    QVERIFY(QTest::qWaitFor([&] { return setup.value(u"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"_s) == u"1"_s; }, 10000));
    QVERIFY(writer.send(u"BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; COMMIT"_s));   // queued behind the reader

    PostgresMonitor monitor(specFor(scratch.url()));
    monitor.setInterval(200);
    monitor.start();
    QVERIFY(waitForSnapshot(monitor, [](const MonitorSnapshot &s) { return s.blocking.size() == 3; }));
    const QList<BlockingBackend> &graph = monitor.lastSnapshot().blocking;
    QVERIFY(find(graph, holder.pid())->blockedBy.isEmpty());
    QCOMPARE(find(graph, reader.pid())->blockedBy, QList<int>{holder.pid()});
    QVERIFY(find(graph, writer.pid())->blockedBy.contains(holder.pid()));
    QVERIFY(find(graph, writer.pid())->blockedBy.contains(reader.pid()));
    QCOMPARE(find(graph, reader.pid())->awaitedMode, u"AccessShareLock"_s);
    QCOMPARE(find(graph, reader.pid())->awaitedRelation, u"orders"_s);
    QVERIFY(find(graph, reader.pid())->waitSeconds >= 0);
    QVERIFY(find(graph, holder.pid())->locksHeld >= 1);

    BlockingTreeModel tree;
    tree.setBackends(graph);
    QCOMPARE(tree.rootPids(), QList<int>{holder.pid()});
    const QModelIndex root = tree.index(0, 0);
    QList<int> under;
    for (int r = 0; r < tree.rowCount(root); ++r)
        if (BlockingTreeModel::NodeKind(tree.index(r, 0, root).data(BlockingTreeModel::NodeKindRole).toInt()) == BlockingTreeModel::NodeKind::Backend)
            under << tree.index(r, 0, root).data(BlockingTreeModel::PidRole).toInt();
    QCOMPARE(under, (QList<int>{qMin(reader.pid(), writer.pid()), qMax(reader.pid(), writer.pid())}));
    QCOMPARE(holder.exec(u"ROLLBACK"_s), QString());
    QCOMPARE(reader.waitResult(), QString());
    QCOMPARE(writer.waitResult(), QString());
}

void TestPostgresMonitor::locksAreCountedByTheServer()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession holder(conninfoFromUrl(scratch.url())), waiter(conninfoFromUrl(scratch.url()));
    QCOMPARE(holder.exec(u"SELECT pg_advisory_lock(g) FROM generate_series(1, 3000) AS g"_s), QString());
    QVERIFY(waiter.send(u"SELECT pg_advisory_lock(1)"_s));

    PostgresMonitor monitor(specFor(scratch.url()));
    monitor.setInterval(200);
    monitor.start();
    QVERIFY(waitForSnapshot(monitor, [&](const MonitorSnapshot &s) { return find(s.blocking, waiter.pid()) != nullptr; }));
    const MonitorSnapshot &s = monitor.lastSnapshot();
    QVERIFY(find(s.blocking, holder.pid())->locksHeld >= 3000);
    QCOMPARE(find(s.blocking, waiter.pid())->awaitedLockType, u"advisory"_s);
    // One group for the 3,000 advisory locks, with its count; no row per lock anywhere.
    const auto advisory = std::find_if(s.locks.groups.begin(), s.locks.groups.end(), [](const LockGroup &g) {
        return g.lockType == u"advisory"_s && g.granted;
    });
    QVERIFY(advisory != s.locks.groups.end());
    QCOMPARE(advisory->locks, 3000);
    QCOMPARE(advisory->backends, 1);
    QVERIFY(s.locks.totalLocks >= 3001);
    QVERIFY(s.locks.groups.size() < 20);

    BlockingTreeModel tree;
    tree.setDetailFetcher([&monitor](int pid, QObject *context, std::function<void(Result<QList<LockGroup>>)> done) {
        monitor.fetchLockDetail(pid, context, std::move(done));
    });
    tree.setBackends(s.blocking);
    QSignalSpy loaded(&tree, &BlockingTreeModel::detailLoaded);
    const QModelIndex folder = tree.index(0, 0, tree.indexOfPid(holder.pid()));
    tree.fetchMore(folder);
    QVERIFY(loaded.wait(10000));
    QVERIFY(tree.rowCount(folder) <= 3);
    QCOMPARE(tree.index(0, BlockingTreeModel::Locks, folder).data().toString(), u"3000"_s);
    QVERIFY(tree.nodeCount() < 10);
    QCOMPARE(holder.exec(u"SELECT pg_advisory_unlock_all()"_s), QString());
    QCOMPARE(waiter.waitResult(), QString());
}

void TestPostgresMonitor::ratesMoveUnderLoad()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession load(conninfoFromUrl(scratch.url()));
    QCOMPARE(load.exec(u"CREATE TABLE events (id bigserial, at timestamptz DEFAULT now())"_s), QString());

    PostgresMonitor monitor(specFor(scratch.url()));
    monitor.setInterval(250);
    monitor.start();
    QVERIFY(waitForSnapshot(monitor, [](const MonitorSnapshot &) { return true; }));
    QVERIFY(waitForSnapshot(monitor, [](const MonitorSnapshot &) { return true; }));
    // A bounded load from another session: 30 transactions of 500 rows, a tenth of a second apart.
    auto moved = [&] {
        for (const QPointF &p : monitor.history(Scope::Database).points(Metric::TuplesInserted, 0))
            if (p.y() > 0)
                return true;
        return false;
    };
    QVERIFY(!moved());
    for (int i = 0; i < 30; ++i) {
        QVERIFY(load.send(u"INSERT INTO events (at) SELECT now() FROM generate_series(1, 500)"_s));
        QCOMPARE(load.waitResult(), QString());
        QTest::qWait(100);
    }
    QVERIFY2(QTest::qWaitFor(moved, 20000), "the inserted-rows rate never left zero while rows were inserted");
    QVERIFY(QTest::qWaitFor([&] {
        for (const QPointF &p : monitor.history(Scope::Database).points(Metric::Commits, 0))
            if (p.y() > 0)
                return true;
        return false;
    }, 10000));
    // The server scope saw them too.
    QVERIFY(QTest::qWaitFor([&] { return monitor.lastSnapshot().serverCounters.tuplesInserted >= 15000; }, 10000));
}

void TestPostgresMonitor::cancelFreesTheWaiter()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE orders (id int); INSERT INTO orders VALUES (1)"_s), QString());
    PgSession blocker(conninfoFromUrl(scratch.url())), waiter(conninfoFromUrl(scratch.url()));
    // One implicit transaction: the lock, then a long statement the cancel interrupts.
    QVERIFY(blocker.send(u"LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120)"_s));
    QVERIFY(QTest::qWaitFor([&] { return setup.value(u"SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND relation = 'orders'::regclass"_s) == u"1"_s; }, 10000));
    QVERIFY(waiter.send(u"SELECT count(*) FROM orders"_s));

    PostgresMonitor monitor(specFor(scratch.url()));
    monitor.setInterval(200);
    monitor.start();
    QVERIFY(waitForSnapshot(monitor, [&](const MonitorSnapshot &s) { return find(s.blocking, waiter.pid()); }));
    std::optional<Result<bool>> outcome;
    monitor.cancelBackend(blocker.pid(), &monitor, [&](Result<bool> r) { outcome = r; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 10000));
    QVERIFY(outcome->ok() && outcome->value());
    QCOMPARE(waiter.waitResult(), QString());                 // proceeded
    QCOMPARE(blocker.waitResult(), u"57014"_s);               // canceling statement due to user request
    QVERIFY(waitForSnapshot(monitor, [](const MonitorSnapshot &s) { return s.blocking.isEmpty(); }));
}

void TestPostgresMonitor::terminateEndsTheBlocker()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE orders (id int)"_s), QString());
    PgSession blocker(conninfoFromUrl(scratch.url())), waiter(conninfoFromUrl(scratch.url()));
    QCOMPARE(blocker.exec(u"BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"_s), QString());   // idle in transaction
    QVERIFY(waiter.send(u"INSERT INTO orders VALUES (1)"_s));

    PostgresMonitor monitor(specFor(scratch.url()));
    monitor.start();
    QVERIFY(waitForSnapshot(monitor, [&](const MonitorSnapshot &s) { return find(s.blocking, waiter.pid()); }));
    std::optional<Result<bool>> outcome;
    monitor.terminateBackend(blocker.pid(), &monitor, [&](Result<bool> r) { outcome = r; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 10000));
    QVERIFY(outcome->ok() && outcome->value());
    QCOMPARE(waiter.waitResult(), QString());
    QVERIFY(!blocker.exec(u"SELECT 1"_s).isEmpty());   // its session is gone
    QCOMPARE(setup.value(u"SELECT count(*) FROM orders"_s), u"1"_s);
}

void TestPostgresMonitor::privilegeErrorsInTheServersWords()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession super(superuserConninfo(url, scratch.name()));
    QVERIFY2(super.ok(), qPrintable(super.error()));
    QVERIFY(super.send(u"SELECT pg_sleep(60)"_s));
    // What the server says to this role, asked directly.
    PgSession plain(conninfoFromUrl(scratch.url()));
    const QString expected = plain.exec(u"SELECT pg_terminate_backend(%1)"_s.arg(super.pid()));
    QVERIFY2(!expected.isEmpty(), "the test role may terminate a superuser's session: the test proves nothing");

    PostgresMonitor monitor(specFor(scratch.url()));
    monitor.start();
    QVERIFY(waitForSnapshot(monitor, [](const MonitorSnapshot &) { return true; }));
    std::optional<Result<bool>> outcome;
    monitor.terminateBackend(super.pid(), &monitor, [&](Result<bool> r) { outcome = r; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 10000));
    QVERIFY(!outcome->ok());
    QCOMPARE(outcome->error().kind, ErrorKind::Permission);
    QVERIFY2(expected.contains(outcome->error().message), qPrintable(expected + u" / "_s + outcome->error().message));
    QCOMPARE(outcome->error().sqlState, u"42501"_s);
    QVERIFY(super.busy());   // still sleeping
    PgSession super2(superuserConninfo(url, scratch.name()));
    QCOMPARE(super2.value(u"SELECT pg_cancel_backend(%1)"_s.arg(super.pid())), u"t"_s);
    QCOMPARE(super.waitResult(), u"57014"_s);
}

void TestPostgresMonitor::readOnlyRefusesActions()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession sleeper(conninfoFromUrl(scratch.url()));
    QVERIFY(sleeper.send(u"SELECT pg_sleep(30)"_s));
    PostgresMonitor monitor(specFor(scratch.url(), true));
    monitor.start();
    QVERIFY(waitForSnapshot(monitor, [&](const MonitorSnapshot &s) {
        return std::any_of(s.activity.begin(), s.activity.end(), [&](const ActivityRow &r) { return r.pid == sleeper.pid(); });
    }));
    QVERIFY(monitor.isReadOnly());
    QVERIFY(!monitor.readOnlyReason().isEmpty());
    std::optional<Result<bool>> outcome;
    monitor.cancelBackend(sleeper.pid(), &monitor, [&](Result<bool> r) { outcome = r; });
    QVERIFY(outcome.has_value());   // refused at once, nothing sent
    QCOMPARE(outcome->error().kind, ErrorKind::Permission);
    QTest::qWait(300);
    QVERIFY(sleeper.busy());   // the refused cancel never reached the server
}

STRATA_TEST_MAIN(TestPostgresMonitor)
#include "tst_postgresmonitor.moc"
