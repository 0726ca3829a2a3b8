// Journey: a PostgreSQL table that has rows the planner does not know about (issue 15,
// item 8f). pg_class.reltuples is -1 until the first ANALYZE and 0 after an ANALYZE that
// ran while the rows were still being loaded (autovacuum during a bulk load, pgbench -i);
// neither means "empty". The user looks at the tree's Rows column, the table's properties
// and its grid: none may say 0 rows. The tree says "?", the properties "rows unknown", and
// the grid counts ("? … counting", then the real number) without ever showing 0.

#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "journeyinput.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"
#include "tree/objectpropertiestab.h"

#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;
namespace journey = strata::test::journey;

namespace {

QString scalarText(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<error: %1>").arg(q.lastError().text());
    return q.value(0).toString();
}

/// "0 rows", "~0 (estimate…) rows", "0+ (counting…) rows": a count of zero, in any form.
bool saysZeroRows(const QString &status)
{
    static const QRegularExpression zero(QStringLiteral("^~?0(\\+| |$)"));
    return zero.match(status).hasMatch();
}

} // namespace

class TestJourneyRowEstimate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tableWithRowsNeverShowsZero();
};

void TestJourneyRowEstimate::tableWithRowsNeverShowsZero()
{
    STRATA_REQUIRE_PG(url);
    test::ScratchPgDatabase scratch(url);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    {
        QSqlDatabase loader = test::openTestDatabase(scratch.url());
        QSqlDatabase analyzer = test::openTestDatabase(scratch.url());
        // Autovacuum off for both: its ANALYZE of the 1,000 committed rows, which a loaded
        // suite's server got to between this setup and the tree (seen: "≈ 1,000 rows"),
        // would end the very state the test is about.
        QCOMPARE(test::execAll(loader, {QStringLiteral("CREATE TABLE visits (id serial PRIMARY KEY, note text) WITH (autovacuum_enabled = false)"),
                                        QStringLiteral("CREATE TABLE fresh (id int PRIMARY KEY) WITH (autovacuum_enabled = false)"),
                                        QStringLiteral("INSERT INTO fresh SELECT generate_series(1, 50)"),
                                        // rows loaded in a transaction that ANALYZE cannot see yet
                                        QStringLiteral("BEGIN"),
                                        QStringLiteral("INSERT INTO visits (note) SELECT 'visit ' || i FROM generate_series(1, 1000) AS i")}),
                 QString());
        QCOMPARE(test::execAll(analyzer, {QStringLiteral("ANALYZE visits")}), QString());
        QCOMPARE(test::execAll(loader, {QStringLiteral("COMMIT")}), QString());
        // The state the report came from: rows, and a planner estimate of 0 (or -1).
        QCOMPARE(scalarText(analyzer, QStringLiteral("SELECT reltuples::bigint FROM pg_class WHERE relname = 'visits'")), QStringLiteral("0"));
        QCOMPARE(scalarText(analyzer, QStringLiteral("SELECT reltuples::bigint FROM pg_class WHERE relname = 'fresh'")), QStringLiteral("-1"));
        QCOMPARE(scalarText(analyzer, QStringLiteral("SELECT count(*) FROM visits")), QStringLiteral("1000"));
        test::closeTestDatabase(analyzer);
        test::closeTestDatabase(loader);
    }

    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QSignalSpy connected(&window, &MainWindow::connectionOpened);
    QVERIFY(window.openLocation(scratch.url()));
    QVERIFY(connected.wait(20000));

    // The tree's Rows column.
    const QModelIndex visits = journey::waitForTreeItem(window.treePanel(), QStringLiteral("visits"));
    const QModelIndex fresh = journey::waitForTreeItem(window.treePanel(), QStringLiteral("fresh"));
    QVERIFY(visits.isValid() && fresh.isValid());
    QCOMPARE(visits.siblingAtColumn(1).data().toString(), QStringLiteral("?"));
    QCOMPARE(fresh.siblingAtColumn(1).data().toString(), QStringLiteral("?"));
    QVERIFY(visits.siblingAtColumn(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("unknown")));

    // The properties tab.
    QVERIFY(journey::focus(window.treePanel()->view()));
    QVERIFY(journey::chooseFromContextMenu(window.treePanel()->view(), visits, QStringLiteral("Properties")));
    auto *properties = qobject_cast<ObjectPropertiesTab *>(window.tabs()->currentWidget());
    QVERIFY(properties);
    QTRY_VERIFY_WITH_TIMEOUT(properties->isLoaded(), 15000);
    QStringList labels;
    for (const QLabel *label : properties->findChildren<QLabel *>())
        labels << label->text();
    QVERIFY2(labels.join(u'\n').contains(QStringLiteral("rows unknown")), qPrintable(labels.join(u'\n')));
    QVERIFY2(!labels.join(u'\n').contains(QStringLiteral("≈ 0 rows")), qPrintable(labels.join(u'\n')));

    // The grid, opened with a double-click: every status it shows on the way to the count.
    journey::doubleClickCell(window.treePanel()->view(), visits);
    auto *grid = qobject_cast<GridTab *>(window.tabs()->currentWidget());
    QVERIFY(grid);
    QStringList shown{grid->statusLabel()->text()};
    // Connected after the tab's own slot: sees each text the tab just set.
    connect(grid->model(), &TableModel::statusChanged, this, [&] {
        if (shown.last() != grid->statusLabel()->text())
            shown << grid->statusLabel()->text();
    });
    QTRY_VERIFY_WITH_TIMEOUT(grid->model()->countState() == TableModel::CountState::Exact && !grid->model()->isCounting(), 20000);
    QCOMPARE(grid->model()->tableRowCount(), 1000);
    QVERIFY2(grid->statusLabel()->text().startsWith(QStringLiteral("1,000 rows")) || grid->statusLabel()->text().startsWith(QStringLiteral("1000 rows")),
             qPrintable(grid->statusLabel()->text()));
    for (const QString &status : shown)
        QVERIFY2(!saysZeroRows(status), qPrintable(QStringLiteral("the grid said \"%1\"; all it said: %2").arg(status, shown.join(QStringLiteral(" ⟶ ")))));
    qInfo().noquote() << "grid status on the way:" << shown.join(QStringLiteral(" ⟶ "));
}

STRATA_TEST_MAIN_GUI(TestJourneyRowEstimate)
#include "tst_journeyrowestimate.moc"
