// The dashboard's models and arithmetic, headless: rates from counter samples, the bounded
// history, severities, the activity model's merge by pid and its filter, the blocking tree
// (order, shape, cycles, lazily loaded lock groups, never a node per lock).

#include "monitor/activityfilter.h"
#include "monitor/activitymodel.h"
#include "monitor/blockingtreemodel.h"
#include "monitor/counterrates.h"
#include "monitor/locksummarymodel.h"
#include "monitor/metrichistory.h"
#include "support/testenvironment.h"

#include <QAbstractItemModelTester>
#include <QTimer>
#include <QtTest>

using namespace strata;
using namespace strata::monitor;
using namespace Qt::StringLiterals;

namespace {

DatabaseCounters sample(double at, qint64 commits, qint64 inserted, qint64 read, qint64 hit)
{
    DatabaseCounters c;
    c.sampledAt = at;
    c.xactCommit = commits;
    c.tuplesInserted = inserted;
    c.blocksRead = read;
    c.blocksHit = hit;
    c.statsReset = QDateTime::fromSecsSinceEpoch(1000, Qt::UTC);
    return c;
}

ActivityRow backend(int pid, const QString &state, double stateSeconds = 0, double xactSeconds = -1)
{
    ActivityRow r;
    r.pid = pid;
    r.state = state;
    r.stateSeconds = stateSeconds;
    r.transactionSeconds = xactSeconds;
    r.backendType = u"client backend"_s;
    r.user = u"alice"_s;
    r.application = u"psql"_s;
    r.query = u"SELECT %1"_s.arg(pid);
    r.queryLength = int(r.query.size());
    return r;
}

BlockingBackend blocker(int pid, QList<int> blockedBy, qint64 locks, const QString &waitsFor = {})
{
    BlockingBackend b;
    b.pid = pid;
    b.blockedBy = std::move(blockedBy);
    b.locksHeld = locks;
    b.user = u"alice"_s;
    b.database = u"shop"_s;
    b.state = waitsFor.isEmpty() ? u"idle in transaction"_s : u"active"_s;
    b.awaitedMode = waitsFor;
    if (!waitsFor.isEmpty()) {
        b.awaitedLockType = u"relation"_s;
        b.awaitedRelation = u"orders"_s;
    }
    return b;
}

} // namespace

class TestMonitorModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ratesFromTwoSamples();
    void noRatesAcrossAReset();
    void historyIsBoundedAndWindowed();
    void severityFollowsThresholds();
    void activityMergesByPid();
    void activityFilter();
    void blockingTreeOrderAndShape();
    void blockingTreeCycle();
    void blockingTreeLoadsLockGroupsWhenExpanded();
    void blockingTreeKeepsShapeAcrossRefreshes();
    void lockSummaryModel();
};

void TestMonitorModels::ratesFromTwoSamples()
{
    const CounterRates r = ratesBetween(sample(100, 1000, 50, 10, 90), sample(102, 1100, 250, 30, 170));
    QVERIFY(r.valid);
    QCOMPARE(r.seconds, 2.0);
    QCOMPARE(r.commits, 50.0);
    QCOMPARE(r.tuplesInserted, 100.0);
    QCOMPARE(r.blocksRead, 10.0);
    QCOMPARE(r.cacheHitRatio, 0.8);   // 80 hits of 100 blocks in the interval
    QCOMPARE(r.transactions(), 50.0);
}

void TestMonitorModels::noRatesAcrossAReset()
{
    QVERIFY(!ratesBetween(sample(100, 1000, 0, 0, 0), sample(100, 1100, 0, 0, 0)).valid);   // no time passed
    QVERIFY(!ratesBetween(sample(100, 1000, 0, 0, 0), sample(101, 900, 0, 0, 0)).valid);    // went back
    DatabaseCounters reset = sample(101, 1200, 0, 0, 0);
    reset.statsReset = QDateTime::fromSecsSinceEpoch(100000, Qt::UTC);
    QVERIFY(!ratesBetween(sample(100, 1000, 0, 0, 0), reset).valid);
}

void TestMonitorModels::historyIsBoundedAndWindowed()
{
    MetricHistory h(60);
    for (int t = 0; t < 200; ++t)
        h.append(Metric::Commits, 1000 + t, t);
    QCOMPARE(h.size(Metric::Commits), 61);   // the last minute, both ends included
    QCOMPARE(h.last(Metric::Commits), 199.0);
    const QList<QPointF> last10 = h.points(Metric::Commits, 1190);
    QCOMPARE(last10.size(), 10);
    QCOMPARE(last10.first(), QPointF(1190, 190));
    QCOMPARE(h.size(Metric::Rollbacks), 0);
    CounterRates invalid;
    h.appendRates(2000, invalid);
    QCOMPARE(h.size(Metric::Rollbacks), 0);   // no point for an interval without rates
}

void TestMonitorModels::severityFollowsThresholds()
{
    ActivityThresholds t;
    t.idleInTransactionWarning = 10;
    t.idleInTransactionCritical = 60;
    t.longTransactionWarning = 100;
    t.longTransactionCritical = 1000;
    QString why;
    QCOMPARE(severityOf(backend(1, u"active"_s, 5, 5), t), Severity::Normal);
    QCOMPARE(severityOf(backend(2, u"idle in transaction"_s, 15, 15), t, &why), Severity::Warning);
    QVERIFY2(why.contains(u"idle in transaction"_s), qPrintable(why));
    QCOMPARE(severityOf(backend(3, u"idle in transaction (aborted)"_s, 75, 75), t), Severity::Critical);
    QCOMPARE(severityOf(backend(4, u"active"_s, 1, 150), t, &why), Severity::Warning);
    QVERIFY2(why.contains(u"transaction open"_s), qPrintable(why));
    QCOMPARE(severityOf(backend(5, u"idle"_s, 5000, -1), t), Severity::Normal);   // idle outside a transaction is fine
}

void TestMonitorModels::activityMergesByPid()
{
    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({backend(10, u"active"_s), backend(11, u"idle"_s), backend(12, u"idle"_s)});
    QCOMPARE(model.rowCount(), 3);
    QPersistentModelIndex kept = model.index(2, ActivityModel::State);   // pid 12
    model.setRows({backend(12, u"active"_s), backend(13, u"idle"_s), backend(10, u"idle"_s)});
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data(ActivityModel::PidRole).toInt(), 12);
    QCOMPARE(kept.data().toString(), u"active"_s);   // same row, new value
    QCOMPARE(model.indexOfPid(11), -1);
    QVERIFY(model.indexOfPid(13) >= 0);
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
}

void TestMonitorModels::activityFilter()
{
    ActivityModel model;
    ActivityFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ActivityRow own = backend(20, u"idle"_s);
    own.application = u"Strata"_s;
    ActivityRow worker = backend(21, u"active"_s);
    worker.backendType = u"autovacuum worker"_s;
    ActivityRow search = backend(22, u"active"_s);
    search.query = u"UPDATE accounts SET balance = 0"_s;
    model.setRows({own, worker, search, backend(23, u"idle in transaction"_s), backend(24, u"idle"_s)});
    QCOMPARE(filter.rowCount(), 5);
    filter.setHideOwn(true);
    filter.setOwn(99, u"Strata"_s);
    QCOMPARE(filter.rowCount(), 4);
    filter.setHideIdle(true);
    QCOMPARE(filter.rowCount(), 3);   // "idle in transaction" stays: it is not idle
    filter.setActiveOnly(true);
    QCOMPARE(filter.rowCount(), 2);
    filter.setHideBackground(true);
    QCOMPARE(filter.rowCount(), 1);
    filter.setSearchText(u"accounts"_s);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data(ActivityModel::PidRole).toInt(), 22);
    filter.setSearchText(u"nothing like it"_s);
    QCOMPARE(filter.rowCount(), 0);
    // Sorting by pid is numeric, not text: 100 after 22.
    filter.setSearchText(QString());
    filter.setActiveOnly(false);
    filter.setHideIdle(false);
    filter.setHideBackground(false);
    filter.setHideOwn(false);
    model.setRows({backend(100, u"idle"_s), backend(22, u"idle"_s), backend(9, u"idle"_s)});
    filter.sort(ActivityModel::Pid, Qt::AscendingOrder);
    QCOMPARE(filter.index(0, 0).data(ActivityModel::PidRole).toInt(), 9);
    QCOMPARE(filter.index(2, 0).data(ActivityModel::PidRole).toInt(), 100);
}

void TestMonitorModels::blockingTreeOrderAndShape()
{
    BlockingTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // 100 blocks 200 and 300; 300 blocks 400 (a chain); 50 blocks only 60.
    model.setBackends({blocker(400, {300}, 1, u"RowExclusiveLock"_s), blocker(100, {}, 10000),
                       blocker(200, {100}, 3, u"AccessShareLock"_s), blocker(300, {100}, 2, u"AccessExclusiveLock"_s),
                       blocker(60, {50}, 1, u"ShareLock"_s), blocker(50, {}, 20)});
    QCOMPARE(model.rootPids(), (QList<int>{100, 50}));   // the one holding up three backends first
    const QModelIndex root = model.index(0, 0);
    // Under 100: its "Locks held" node, then waiters 200 and 300; 400 under 300.
    QCOMPARE(model.rowCount(root), 3);
    QCOMPARE(BlockingTreeModel::NodeKind(model.index(0, 0, root).data(BlockingTreeModel::NodeKindRole).toInt()),
             BlockingTreeModel::NodeKind::LocksHeld);
    QCOMPARE(model.index(0, 0, root).data().toString(), u"Locks held: %L1"_s.arg(10000));
    QCOMPARE(model.index(1, 0, root).data(BlockingTreeModel::PidRole).toInt(), 200);
    const QModelIndex p300 = model.index(2, 0, root);
    QCOMPARE(p300.data(BlockingTreeModel::PidRole).toInt(), 300);
    QCOMPARE(model.index(1, 0, p300).data(BlockingTreeModel::PidRole).toInt(), 400);
    QCOMPARE(model.index(2, BlockingTreeModel::WaitingFor, root).data().toString(), u"AccessExclusiveLock on orders"_s);
    QVERIFY(model.indexOfPid(400).isValid());
    // 6 backends, 6 "Locks held" nodes, nothing per lock.
    QCOMPARE(model.nodeCount(), 12);
}

void TestMonitorModels::blockingTreeCycle()
{
    BlockingTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBackends({blocker(1, {2}, 1, u"ShareLock"_s), blocker(2, {1}, 1, u"ShareLock"_s)});
    // No root in a cycle: each backend is shown, neither forever.
    QCOMPARE(model.rootPids(), (QList<int>{1}));
    const QModelIndex one = model.index(0, 0);
    QCOMPARE(model.index(1, 0, one).data(BlockingTreeModel::PidRole).toInt(), 2);
    QCOMPARE(model.nodeCount(), 4);
}

void TestMonitorModels::blockingTreeLoadsLockGroupsWhenExpanded()
{
    BlockingTreeModel model;   // no model tester here: it fetches what it can, as a view expanding everything would
    QList<int> asked;
    std::function<void(Result<QList<LockGroup>>)> answer;
    model.setDetailFetcher([&](int pid, QObject *, std::function<void(Result<QList<LockGroup>>)> done) {
        asked << pid;
        answer = std::move(done);
    });
    model.setBackends({blocker(7, {}, 10000), blocker(8, {7}, 1, u"ExclusiveLock"_s)});
    QVERIFY(asked.isEmpty());   // nothing is read before a view expands it
    const QModelIndex locks = model.index(0, 0, model.index(0, 0));
    QVERIFY(model.hasChildren(locks));
    QVERIFY(model.canFetchMore(locks));
    model.fetchMore(locks);
    QCOMPARE(asked, QList<int>{7});
    QVERIFY(!model.canFetchMore(locks));
    LockGroup advisory{u"advisory"_s, QString(), QString(), u"ExclusiveLock"_s, true, 9999, 0};
    LockGroup table{u"relation"_s, QString(), u"orders"_s, u"AccessExclusiveLock"_s, true, 1, 0};
    answer(QList<LockGroup>{advisory, table});
    QCOMPARE(model.rowCount(locks), 2);
    QCOMPARE(model.index(0, BlockingTreeModel::Locks, locks).data().toString(), u"9999"_s);
    QCOMPARE(model.index(1, 0, locks).data().toString(), u"relation orders"_s);
    QCOMPARE(model.nodeCount(), 2 + 2 + 2);   // two backends, their two folders, two groups
}

void TestMonitorModels::blockingTreeKeepsShapeAcrossRefreshes()
{
    BlockingTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy rebuilt(&model, &BlockingTreeModel::rebuilt);
    QList<int> fetches;   // the pids whose groups were read, in order
    // As the monitor answers: later, from the event loop.
    model.setDetailFetcher([&](int pid, QObject *context, std::function<void(Result<QList<LockGroup>>)> done) {
        fetches << pid;
        QTimer::singleShot(0, context, [done] { done(QList<LockGroup>{LockGroup{u"advisory"_s, {}, {}, u"ExclusiveLock"_s, true, 5, 0}}); });
    });
    model.setBackends({blocker(7, {}, 5), blocker(8, {7}, 1, u"ExclusiveLock"_s)});
    QCOMPARE(rebuilt.count(), 1);
    const QPersistentModelIndex locks = model.index(0, 0, model.index(0, 0));
    model.fetchMore(locks);
    QTRY_COMPARE(model.rowCount(locks), 1);
    // The tester walks the tree and may load other folders too: whatever was loaded is read again.
    const QList<int> fetched = fetches;
    QVERIFY(fetched.contains(7));
    const QSet<int> loaded(fetched.begin(), fetched.end());
    QCOMPARE(qsizetype(loaded.size()), fetched.size());   // each folder read once
    BlockingBackend later = blocker(8, {7}, 1, u"ExclusiveLock"_s);
    later.waitSeconds = 42;
    model.setBackends({blocker(7, {}, 5), later});
    QCOMPARE(rebuilt.count(), 1);          // same shape: updated in place
    QVERIFY(locks.isValid());
    const QList<int> again = fetches.mid(fetched.size());   // the loaded groups were read again, once each
    QCOMPARE(QSet<int>(again.begin(), again.end()), loaded);
    QCOMPARE(again.size(), fetched.size());
    QTRY_COMPARE(model.rowCount(locks), 1);
    QCOMPARE(model.index(1, BlockingTreeModel::Waited, model.index(0, 0)).data().toString(), u"42 s"_s);
    model.setBackends({});
    QCOMPARE(rebuilt.count(), 2);
    QCOMPARE(model.rowCount(), 0);
}

void TestMonitorModels::lockSummaryModel()
{
    LockSummaryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LockSummary s;
    s.groups = {LockGroup{u"advisory"_s, u"shop"_s, QString(), u"ExclusiveLock"_s, true, 50000, 5},
                LockGroup{u"relation"_s, u"shop"_s, u"orders"_s, u"AccessShareLock"_s, true, 5, 5}};
    s.totalLocks = 50005;
    s.totalGroups = 2;
    model.setSummary(s);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, LockSummaryModel::Locks).data(LockSummaryModel::SortRole).toLongLong(), 50000);
    QCOMPARE(model.totalLocks(), 50005);
    s.groups[1].locks = 6;
    model.setSummary(s);
    QCOMPARE(model.index(1, LockSummaryModel::Locks).data(LockSummaryModel::SortRole).toLongLong(), 6);
}

STRATA_TEST_MAIN(TestMonitorModels)
#include "tst_monitormodels.moc"
