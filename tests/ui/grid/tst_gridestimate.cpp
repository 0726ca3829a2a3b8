// The grid view over a PostgreSQL table whose planner estimate exceeds 2^31 rows: the
// estimate (3,000,000,000, set in pg_class by the throwaway server's superuser over its
// socket on a table of 1,000 rows) is shown whole and its last row is reached with
// Ctrl+End; then the exact count takes over and the view follows it.

#include "connection/connection.h"
#include "data/nativequery.h"
#include "data/tablemodel.h"
#include "grid/griddelegate.h"
#include "grid/gridview.h"
#include "grid/rownumberheader.h"
#include "support/connectionwaits.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;

class TestGridEstimate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void estimateBeyondInt();
};

void TestGridEstimate::estimateBeyondInt()
{
    STRATA_REQUIRE_PG(serverUrl);
    test::ScratchPgDatabase scratch(serverUrl);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    {
        QSqlDatabase db = test::openTestDatabase(scratch.url());
        const QString error = test::execAll(db, {QStringLiteral("CREATE TABLE huge (id integer PRIMARY KEY, v text)"),
                                                 QStringLiteral("INSERT INTO huge SELECT i, 'v' || i FROM generate_series(1, 1000) AS i"),
                                                 QStringLiteral("ANALYZE huge")});
        test::closeTestDatabase(db);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    {
        // The superuser `postgres` over the server's socket (trust), as scripts/with-postgres.sh makes it.
        const QString dataDir = qEnvironmentVariable("STRATA_TEST_PG_DATA");
        QVERIFY2(!dataDir.isEmpty(), "STRATA_TEST_PG_DATA is set by scripts/with-postgres.sh");
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("estimate-admin"));
        admin.setHostName(QFileInfo(dataDir).dir().filePath(QStringLiteral("sock")));
        admin.setPort(QUrl(serverUrl).port(5432));
        admin.setUserName(QStringLiteral("postgres"));
        admin.setDatabaseName(scratch.name());
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        QSqlQuery q(admin);
        QVERIFY2(q.exec(QStringLiteral("UPDATE pg_class SET reltuples = 3000000000 WHERE oid = 'huge'::regclass")), qPrintable(q.lastError().text()));
        q.finish();
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("estimate-admin"));

    const test::PgTarget target = test::pgTarget(scratch.url());
    connection::Connection reader(target.profile, QStringLiteral("grid"));
    connection::Connection background(target.profile, QStringLiteral("grid-count"));
    QVERIFY(test::openAndWait(reader, target.password));
    QVERIFY(test::openAndWait(background, target.password));
    TableModel model(&reader, &background);
    GridDelegate delegate;
    GridView view;
    view.setItemDelegate(&delegate);
    view.setModel(&model);
    view.resize(640, 400);
    view.show();
    // Right after the estimate, the counting connection sleeps 3 s: the estimate stays on screen.
    bool slept = false;
    connect(&model, &data::RowWindowModel::totalRowCountChanged, &model, [&](qint64 total) {
        if (total != 3000000000LL || slept)
            return;
        slept = true;
        background.run<bool>(&model, [](connection::JobContext &job) -> Result<bool> {
            if (Status s = data::execNative(job.native, job.dialect, QStringLiteral("SELECT pg_sleep(3)")); !s)
                return s.error();
            return true;
        });
    });
    model.open(QStringLiteral("public"), QStringLiteral("huge"));
    QTRY_VERIFY_WITH_TIMEOUT(slept, 20000);
    QCOMPARE(model.countState(), TableModel::CountState::Estimate);
    QCOMPARE(view.totalRows(), 3000000000LL);
    QCOMPARE(model.rowCount(), data::RowWindowModel::kDefaultSpan);
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.absoluteRow(view.currentIndex().row()), 2999999999LL);
    QVERIFY(model.windowOffset() > 0);
    QCOMPARE(view.rowHeader()->label(view.currentIndex().row()), QLocale().toString(3000000000LL));
    QVERIFY(view.rowHeader()->width() > view.fontMetrics().horizontalAdvance(QLocale().toString(3000000000LL)));
    QVERIFY(view.visualRect(view.currentIndex()).bottom() <= view.viewport()->height());
    // The exact count takes over: 1,000 rows, the window back at 0, the last row reachable.
    QTRY_COMPARE_WITH_TIMEOUT(model.countState(), TableModel::CountState::Exact, 20000);
    QCOMPARE(view.totalRows(), 1000);
    QCOMPARE(model.windowOffset(), 0);
    QVERIFY(view.topRow() <= 1000 - view.pageRows());
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.absoluteRow(view.currentIndex().row()), 999);
    QTRY_COMPARE(view.currentIndex().siblingAtColumn(0).data(TableModel::RawRole).toString(), QStringLiteral("1000"));
    QCOMPARE(view.rowHeader()->label(view.currentIndex().row()), QStringLiteral("1,000"));
}

STRATA_TEST_MAIN_GUI(TestGridEstimate)
#include "tst_gridestimate.moc"
