// dashboard-tour: the screenshots of the dashboard for the documentation, taken the way a
// person sees it: a real X window (run under xvfb-run), `import -window root`. Not a ctest
// test (it waits for a minute of chart history on purpose); scripts/dashboard-screenshots.sh
// runs it against the throwaway server of scripts/with-postgres.sh.
//
// On a scratch database it starts pgbench (a steady TPC-B-like load from 3 clients), opens
// the dashboard from the tree's context menu, lets the charts fill, then one session locks
// pgbench_branches so the pgbench clients queue behind it, and takes the overview, the
// blocking tree and the activity list. Each step is checked, so a tour that shows nothing
// fails instead of saving an empty picture.

#include "../../core/monitor/pgsession.h"
#include "dashboard/activitypanel.h"
#include "dashboard/dashboardtab.h"
#include "dashboard/lockspanel.h"
#include "dashboardtesting.h"
#include "mainwindow/mainwindow.h"
#include "monitor/blockingtreemodel.h"
#include "monitor/postgresmonitor.h"
#include "support/connectionwaits.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"
#include "tree/objecttreepanel.h"
#include "tree/objecttreeproxy.h"

#include <QProcess>
#include <QSettings>
#include <QTreeView>
#include <QtTest>

using namespace strata;
using namespace strata::test;
using namespace strata::ui;
using namespace Qt::StringLiterals;

namespace {

QString pgBin(const QString &tool)
{
    // STRATA_TEST_PG_CTL may be "runuser -u postgres -- …/bin/pg_ctl": its last word.
    const QString ctl = qEnvironmentVariable("STRATA_TEST_PG_CTL").split(u' ', Qt::SkipEmptyParts).value(-1);
    const QString dir = ctl.isEmpty() ? u"/usr/lib/postgresql/15/bin"_s : QFileInfo(ctl).absolutePath();
    return dir + u'/' + tool;
}

QProcess *pgbench(const QString &url, const QStringList &args, QObject *parent)
{
    const QUrl u(url);
    auto *p = new QProcess(parent);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, u.password());
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p->setStandardOutputFile(QProcess::nullDevice());
    p->start(pgBin(u"pgbench"_s), QStringList{u"-h"_s, u.host(), u"-p"_s, QString::number(u.port(5432)), u"-U"_s, u.userName()}
                                      + args + QStringList{u.path().mid(1)});
    return p;
}

int tourSeconds()
{
    bool ok = false;
    const int s = qEnvironmentVariableIntValue("STRATA_TOUR_SECONDS", &ok);
    return ok ? s : 60;
}

} // namespace

class DashboardTour : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dashboardUnderLoadWithABlocker();
};

void DashboardTour::dashboardUnderLoadWithABlocker()
{
    STRATA_REQUIRE_PG(url);
    QVERIFY2(!qEnvironmentVariableIsEmpty("STRATA_SCREENSHOT_DIR"), "set STRATA_SCREENSHOT_DIR");
    ScratchPgDatabase scratch(url);
    QVERIFY2(scratch.error().isEmpty(), qPrintable(scratch.error()));
    QProcess *init = pgbench(scratch.url(), {u"-i"_s, u"-q"_s, u"-s"_s, u"2"_s}, this);
    QVERIFY(init->waitForFinished(120000));
    QCOMPARE(init->exitCode(), 0);
    // A paced load (-R) so the tour does not take the machine's cores from everyone else.
    QProcess *load = pgbench(scratch.url(), {u"-c"_s, u"3"_s, u"-j"_s, u"1"_s, u"-R"_s, u"120"_s,
                                             u"-T"_s, QString::number(tourSeconds() + 90)}, this);
    QVERIFY(load->waitForStarted());

    QSettings().setValue(u"dashboard/intervalMs"_s, 1000);
    MainWindow window;
    window.move(0, 0);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    const PgTarget target = pgTarget(scratch.url());
    connection::ConnectionSpec spec;
    spec.profile = target.profile;
    spec.profile.name = u"local"_s;
    spec.password = target.password;
    window.openConnection(spec);
    QVERIFY(opened.wait(20000) && opened.first().at(1).toBool());
    const int id = opened.first().at(0).toInt();
    ObjectTreePanel *panel = window.treePanel();
    QVERIFY(chooseFromContextMenu(panel->view(), panel->proxy()->mapFromSource(window.treeModel()->connectionIndex(id)), u"Dashboard"_s));
    auto *tab = qobject_cast<DashboardTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);

    QTest::qWait(tourSeconds() * 1000);
    QVERIFY(tab->monitor()->refreshCount() > quint64(tourSeconds() / 2));
    QVERIFY(tab->monitor()->lastRates(monitor::Scope::Database).commits > 10);
    screenshot(&window, u"dashboard-under-load"_s);

    // A session takes the branches table: every pgbench transaction updates it, so the
    // clients queue behind the blocker; one more session waits to read the accounts.
    PgSession blocker(conninfoFromUrl(scratch.url()));
    QCOMPARE(blocker.exec(u"SET application_name = 'nightly-report'; BEGIN; LOCK TABLE pgbench_branches IN EXCLUSIVE MODE;"
                          "LOCK TABLE pgbench_accounts IN SHARE ROW EXCLUSIVE MODE"_s), QString());
    PgSession reader(conninfoFromUrl(scratch.url()));
    QCOMPARE(reader.exec(u"SET application_name = 'psql'"_s), QString());
    QVERIFY(reader.send(u"BEGIN; LOCK TABLE pgbench_accounts IN ACCESS EXCLUSIVE MODE; ROLLBACK"_s));
    QVERIFY(clickTab(tab->pages(), u"Locks"_s));
    LocksPanel *locks = tab->locks();
    QVERIFY(QTest::qWaitFor([&] { return locks->treeModel()->rootPids() == QList<int>{blocker.pid()}; }, 20000));
    QTest::qWait(4000);   // the waits grow to a few seconds
    const QModelIndex root = locks->treeModel()->indexOfPid(blocker.pid());
    QTest::mouseClick(locks->treeView()->viewport(), Qt::LeftButton, {}, locks->treeView()->visualRect(root).center());
    screenshot(&window, u"dashboard-blocking-tree"_s);

    QVERIFY(clickTab(tab->pages(), u"Activity"_s));
    QTest::qWait(2500);
    screenshot(&window, u"dashboard-activity"_s);

    QCOMPARE(blocker.exec(u"ROLLBACK"_s), QString());
    QCOMPARE(reader.waitResult(), QString());
    load->kill();
    load->waitForFinished();
}

STRATA_TEST_MAIN_GUI(DashboardTour)
#include "dashboardtour.moc"
