// The dashboard as a DBA uses it during an incident, against a real PostgreSQL: opened from
// the tree's context menu; the blocking tree shows who blocks whom; Cancel and Terminate are
// clicked and confirmed by clicking, and the waiters go on; the charts move while a load
// runs; a missing privilege reads as the server states it; a read-only connection sees
// everything with the actions disabled; a table's Statistics page runs maintenance.

#include "../../core/monitor/pgsession.h"
#include "dashboard/activitypanel.h"
#include "dashboard/dashboardtab.h"
#include "dashboard/lockspanel.h"
#include "dashboard/overviewpage.h"
#include "dashboard/tablestatisticspage.h"
#include "dashboard/timeserieschart.h"
#include "dashboardtesting.h"
#include "mainwindow/mainwindow.h"
#include "monitor/activitymodel.h"
#include "monitor/blockingtreemodel.h"
#include "monitor/postgresmonitor.h"
#include "support/connectionwaits.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"
#include "tree/objectpropertiestab.h"
#include "tree/objecttreepanel.h"
#include "tree/objecttreeproxy.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace strata;
using namespace strata::test;
using namespace strata::ui;
using namespace Qt::StringLiterals;

namespace {

struct Opened {
    std::unique_ptr<MainWindow> window;
    int id = -1;
};

Opened openWindow(const QString &url, bool readOnly = false)
{
    Opened o;
    o.window = std::make_unique<MainWindow>();
    o.window->move(0, 0);
    o.window->resize(1280, 820);
    o.window->show();
    QSignalSpy opened(o.window.get(), &MainWindow::connectionOpened);
    const PgTarget target = pgTarget(url);
    connection::ConnectionSpec spec;
    spec.profile = target.profile;
    spec.profile.readOnly = readOnly;
    spec.password = target.password;
    o.window->openConnection(spec);
    if (opened.wait(20000) && opened.first().at(1).toBool())
        o.id = opened.first().at(0).toInt();
    return o;
}

/// Opens the dashboard as a user does: right-click the connection, "Dashboard".
DashboardTab *openDashboardFromTree(MainWindow &window, int id)
{
    ObjectTreePanel *panel = window.treePanel();
    const QModelIndex node = panel->proxy()->mapFromSource(window.treeModel()->connectionIndex(id));
    if (!chooseFromContextMenu(panel->view(), node, u"Dashboard"_s))
        return nullptr;
    auto *tab = qobject_cast<DashboardTab *>(window.tabs()->currentWidget());
    if (tab)
        (void)QTest::qWaitFor([tab] { return tab->monitor()->refreshCount() > 0; }, 20000);
    return tab;
}

QModelIndex visibleBackend(LocksPanel *locks, int pid)
{
    return locks->treeModel()->indexOfPid(pid);
}

bool waitForWaiterUnder(LocksPanel *locks, int blocker, int waiter)
{
    return QTest::qWaitFor([&] {
        monitor::BlockingTreeModel *m = locks->treeModel();
        if (m->rootPids() != QList<int>{blocker})
            return false;
        const QModelIndex root = m->index(0, 0);
        for (int r = 0; r < m->rowCount(root); ++r)
            if (m->index(r, 0, root).data(monitor::BlockingTreeModel::PidRole).toInt() == waiter
                && monitor::BlockingTreeModel::NodeKind(m->index(r, 0, root).data(monitor::BlockingTreeModel::NodeKindRole).toInt())
                       == monitor::BlockingTreeModel::NodeKind::Backend)
                return true;
        return false;
    }, 20000);
}

/// Clicks the activity row of `pid` after finding it with the search box.
bool selectInActivity(ActivityPanel *activity, int pid)
{
    activity->searchEdit()->clear();
    QTest::keyClicks(activity->searchEdit(), QString::number(pid));
    QModelIndex row;
    (void)QTest::qWaitFor([&] {
        for (int r = 0; r < activity->view()->model()->rowCount(); ++r) {
            const QModelIndex i = activity->view()->model()->index(r, 0);
            if (i.data(monitor::ActivityModel::PidRole).toInt() == pid)
                row = i;
        }
        return row.isValid();
    }, 20000);
    if (!row.isValid())
        return false;
    QTest::mouseClick(activity->view()->viewport(), Qt::LeftButton, {}, activity->view()->visualRect(row).center());
    return activity->selectedPid() == pid;
}

} // namespace

class TestDashboardTab : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void blockingTreeAndCancelByClicks();
    void terminateFromTheActivityList();
    void chartsMoveUnderLoad();
    void privilegeErrorAsTheServerStatesIt();
    void readOnlySeesButCannotAct();
    void statisticsPageRunsMaintenance();
};

void TestDashboardTab::initTestCase()
{
    QSettings settings;
    settings.setValue(u"dashboard/intervalMs"_s, 500);
    settings.setValue(u"dashboard/idleInTransactionWarning"_s, 0.5);
    settings.setValue(u"dashboard/idleInTransactionCritical"_s, 300);
}

void TestDashboardTab::blockingTreeAndCancelByClicks()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE orders (id int); INSERT INTO orders VALUES (1), (2)"_s), QString());
    PgSession blocker(conninfoFromUrl(scratch.url())), waiter(conninfoFromUrl(scratch.url()));
    QVERIFY(blocker.send(u"LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(300)"_s));
    QVERIFY(QTest::qWaitFor([&] { return setup.value(u"SELECT count(*) FROM pg_locks WHERE relation = 'orders'::regclass AND granted"_s) == u"1"_s; }, 10000));
    QVERIFY(waiter.send(u"SELECT count(*) FROM orders"_s));

    Opened o = openWindow(scratch.url());
    QVERIFY(o.id > 0);
    DashboardTab *tab = openDashboardFromTree(*o.window, o.id);
    QVERIFY(tab);
    QVERIFY(clickTab(tab->pages(), u"Locks"_s));
    LocksPanel *locks = tab->locks();
    QVERIFY(waitForWaiterUnder(locks, blocker.pid(), waiter.pid()));
    QVERIFY(locks->headline()->text().contains(u"1 backend waiting"_s));
    QTest::qWait(200);
    screenshot(o.window.get(), u"dashboard-blocking-tree"_s);

    const QModelIndex root = visibleBackend(locks, blocker.pid());
    QTest::mouseClick(locks->treeView()->viewport(), Qt::LeftButton, {}, locks->treeView()->visualRect(root).center());
    QCOMPARE(locks->selectedPid(), blocker.pid());
    QVERIFY(locks->cancelButton()->isEnabled());
    QVERIFY(clickAndConfirm(locks->cancelButton()));
    // The outcome, not a timing: the waiter got its rows, the blocker the cancel error.
    QCOMPARE(waiter.waitResult(20000), QString());
    QCOMPARE(blocker.waitResult(20000), u"57014"_s);
    QTRY_VERIFY_WITH_TIMEOUT(tab->messageLabel()->text().contains(u"Cancel sent to backend %1"_s.arg(blocker.pid())), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(locks->treeModel()->rootPids().isEmpty(), 10000);
    QVERIFY(locks->headline()->text().contains(u"No backend waits"_s));
}

void TestDashboardTab::terminateFromTheActivityList()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE orders (id int)"_s), QString());
    PgSession blocker(conninfoFromUrl(scratch.url())), waiter(conninfoFromUrl(scratch.url()));
    QCOMPARE(blocker.exec(u"BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"_s), QString());   // idle in transaction
    QVERIFY(waiter.send(u"INSERT INTO orders VALUES (7)"_s));

    Opened o = openWindow(scratch.url());
    QVERIFY(o.id > 0);
    DashboardTab *tab = openDashboardFromTree(*o.window, o.id);
    QVERIFY(tab);
    QVERIFY(clickTab(tab->pages(), u"Activity"_s));
    ActivityPanel *activity = tab->activity();
    QVERIFY(selectInActivity(activity, blocker.pid()));
    // Idle in a transaction past the (test's) threshold: highlighted.
    QTRY_VERIFY_WITH_TIMEOUT(activity->view()->currentIndex().data(monitor::ActivityModel::SeverityRole).toInt()
                                 != int(monitor::Severity::Normal), 10000);
    QVERIFY(activity->terminateButton()->isEnabled());
    QVERIFY(clickAndConfirm(activity->terminateButton()));
    QCOMPARE(waiter.waitResult(20000), QString());
    QVERIFY(!blocker.exec(u"SELECT 1"_s).isEmpty());   // its session is gone
    QCOMPARE(setup.value(u"SELECT count(*) FROM orders"_s), u"1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(tab->messageLabel()->text().contains(u"terminate"_s), 10000);
}

void TestDashboardTab::chartsMoveUnderLoad()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession load(conninfoFromUrl(scratch.url()));
    QCOMPARE(load.exec(u"CREATE TABLE events (id bigserial PRIMARY KEY, payload text)"_s), QString());

    Opened o = openWindow(scratch.url());
    QVERIFY(o.id > 0);
    DashboardTab *tab = openDashboardFromTree(*o.window, o.id);
    QVERIFY(tab);
    TimeSeriesChart *tuplesIn = nullptr;
    for (TimeSeriesChart *chart : tab->overview()->charts())
        if (chart->title().startsWith(u"Tuples in"_s))
            tuplesIn = chart;
    QVERIFY(tuplesIn);
    auto inserted = [tuplesIn] {
        for (const ChartSeries &s : tuplesIn->series())
            if (s.name == u"inserted"_s)
                for (const QPointF &p : s.points)
                    if (p.y() > 0)
                        return true;
        return false;
    };
    QVERIFY(!inserted());
    // A bounded load: 40 transactions of 400 rows, a tenth of a second apart.
    for (int i = 0; i < 40; ++i) {
        QVERIFY(load.send(u"INSERT INTO events (payload) SELECT md5(g::text) FROM generate_series(1, 400) g"_s));
        QCOMPARE(load.waitResult(), QString());
        QTest::qWait(100);
        if (i == 30)
            screenshot(o.window.get(), u"dashboard-under-load"_s);
    }
    QTRY_VERIFY_WITH_TIMEOUT(inserted(), 20000);
    QVERIFY(tuplesIn->axisMaximum() > 1);
    QVERIFY(tab->overview()->tile(u"transactions"_s)->text().contains(u"/s"_s));
    QVERIFY(tab->overview()->tile(u"connections"_s)->text().contains(u" of "_s));
    // Pausing stops the refreshes.
    QTest::mouseClick(tab->pauseButton(), Qt::LeftButton);
    QVERIFY(tab->monitor()->isPaused());
    QTest::qWait(700);
    const quint64 count = tab->monitor()->refreshCount();
    QTest::qWait(1500);
    QCOMPARE(tab->monitor()->refreshCount(), count);
    QTest::mouseClick(tab->pauseButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tab->monitor()->refreshCount() > count, 10000);
}

void TestDashboardTab::privilegeErrorAsTheServerStatesIt()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession super(superuserConninfo(url, scratch.name()));
    QVERIFY2(super.ok(), qPrintable(super.error()));
    QVERIFY(super.send(u"SELECT pg_sleep(120)"_s));
    PgSession plain(conninfoFromUrl(scratch.url()));
    const QString expected = plain.exec(u"SELECT pg_terminate_backend(%1)"_s.arg(super.pid()));
    QVERIFY(!expected.isEmpty());

    Opened o = openWindow(scratch.url());
    QVERIFY(o.id > 0);
    DashboardTab *tab = openDashboardFromTree(*o.window, o.id);
    QVERIFY(tab);
    QVERIFY(clickTab(tab->pages(), u"Activity"_s));
    QVERIFY(selectInActivity(tab->activity(), super.pid()));
    QVERIFY(clickAndConfirm(tab->activity()->terminateButton()));
    QTRY_VERIFY_WITH_TIMEOUT(tab->messageLabel()->isVisible() && !tab->messageLabel()->text().isEmpty(), 10000);
    const QString shown = tab->messageLabel()->text();
    const QString primary = shown.section(u" — "_s, 0, 0);
    QVERIFY2(expected.contains(primary), qPrintable(u"server: "_s + expected + u"\nshown: "_s + shown));
    QVERIFY(super.busy());
    PgSession super2(superuserConninfo(url, scratch.name()));
    QCOMPARE(super2.value(u"SELECT pg_cancel_backend(%1)"_s.arg(super.pid())), u"t"_s);
    QCOMPARE(super.waitResult(), u"57014"_s);
}

void TestDashboardTab::readOnlySeesButCannotAct()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession sleeper(conninfoFromUrl(scratch.url()));
    QVERIFY(sleeper.send(u"SELECT pg_sleep(60)"_s));
    Opened o = openWindow(scratch.url(), true);
    QVERIFY(o.id > 0);
    DashboardTab *tab = openDashboardFromTree(*o.window, o.id);
    QVERIFY(tab);
    QVERIFY(tab->monitor()->isReadOnly());
    QVERIFY(clickTab(tab->pages(), u"Activity"_s));
    QVERIFY(selectInActivity(tab->activity(), sleeper.pid()));   // sees everything
    QVERIFY(!tab->activity()->cancelButton()->isEnabled());
    QVERIFY(!tab->activity()->terminateButton()->isEnabled());
    QCOMPARE(tab->activity()->terminateButton()->toolTip(), tab->monitor()->readOnlyReason());
    QVERIFY(tab->activity()->consoleButton()->isEnabled());   // reading a query is not changing anything
    QVERIFY(tab->messageLabel()->text().contains(u"read-only"_s));
    QVERIFY(sleeper.busy());
}

void TestDashboardTab::statisticsPageRunsMaintenance()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE books (id int PRIMARY KEY, title text);"
                        "INSERT INTO books SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g;"
                        "DELETE FROM books WHERE id % 2 = 0"_s), QString());
    Opened o = openWindow(scratch.url());
    QVERIFY(o.id > 0);
    ObjectRef ref;
    ref.kind = NodeKind::Relation;
    ref.connectionId = o.id;
    ref.schema = u"public"_s;
    ref.name = u"books"_s;
    o.window->openObject(ref);
    auto *properties = qobject_cast<ObjectPropertiesTab *>(o.window->tabs()->currentWidget());
    QVERIFY(properties);
    auto *pages = properties->findChild<QTabWidget *>();
    QVERIFY(pages);
    auto *stats = properties->findChild<TableStatisticsPage *>();
    QVERIFY(stats);
    QSignalSpy shown(stats, &TableStatisticsPage::statisticsShown);
    QVERIFY(clickTab(pages, u"Statistics"_s));
    QVERIFY(shown.wait(20000));
    QVERIFY(stats->figure(u"totalSize"_s)->text() != u"–"_s);
    QCOMPARE(stats->indexTable()->rowCount(), 1);

    QSignalSpy finished(stats, &TableStatisticsPage::maintenanceFinished);
    QTest::mouseClick(stats->fullBox(), Qt::LeftButton);
    QVERIFY(stats->fullBox()->isChecked());
    QTest::mouseClick(stats->vacuumButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(stats->reportView()->toPlainText()));
    QVERIFY(stats->reportView()->toPlainText().contains(u"VACUUM (FULL)"_s));
    QVERIFY(stats->reportView()->toPlainText().contains(u"Done in"_s));
    if (qEnvironmentVariableIsSet("STRATA_SCREENSHOT_DIR"))
        screenshot(o.window.get(), u"table-statistics"_s);

    QVERIFY(stats->concurrentlyBox()->isEnabled());
    QTest::mouseClick(stats->concurrentlyBox(), Qt::LeftButton);
    QTest::mouseClick(stats->reindexButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(stats->reportView()->toPlainText()));
    QVERIFY(stats->reportView()->toPlainText().contains(u"REINDEX TABLE CONCURRENTLY"_s));
    QVERIFY(stats->clusterButton()->isEnabled());
    QTest::mouseClick(stats->clusterButton(), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(stats->reportView()->toPlainText()));
    QVERIFY(stats->reportView()->toPlainText().contains(u"CLUSTER \"public\".\"books\" USING \"books_pkey\""_s));
}

STRATA_TEST_MAIN_GUI(TestDashboardTab)
#include "tst_dashboardtab.moc"
