// The first window goes first: the table model starts counting (estimate, count, sampling)
// only once no window read is wanted, on SQLite and PostgreSQL. Checked by the order of
// jobs on the counting connection: a job posted when the table has opened comes back before
// any count did, and the rows then arrive, then the count. Also a table of more rows than an
// int holds in the model's 64-bit count.

#include "tablemodeltesting.h"

class TestFirstWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void countingWaitsForTheFirstWindow_data();
    void countingWaitsForTheFirstWindow();
};

void TestFirstWindow::countingWaitsForTheFirstWindow_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("pg") << QStringLiteral("pg");
}

void TestFirstWindow::countingWaitsForTheFirstWindow()
{
    GRID_FIXTURE(fx);
    QVERIFY2(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, v text)"),
                      fx.isPostgres() ? QStringLiteral("INSERT INTO t SELECT i, 'v' || i FROM generate_series(1, 5000) AS i")
                                      : QStringLiteral("INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                                       "WHERE i < 5000) SELECT i, 'v' || i FROM n"),
                      fx.isPostgres() ? QStringLiteral("ANALYZE t") : QStringLiteral("SELECT 1")})
                 .isEmpty(),
             "fixture");
    connection::Connection *reader = fx.connect();
    connection::Connection *background = fx.connect();
    QVERIFY(reader && background);
    TableModel model(reader, background, nullptr, 64);
    // When the table has opened, a probe goes to the counting connection: it runs before any
    // estimate or count, since those wait for the first window.
    bool probed = false;
    TableModel::CountState countAtProbe = TableModel::CountState::Exact;
    QObject::connect(&model, &TableModel::opened, &model, [&] {
        background->run<bool>(&model, [](connection::JobContext &) -> Result<bool> { return true; }, [&](Result<bool>) {
            probed = true;
            countAtProbe = model.countState();
        });
    });
    QList<QString> order;
    QObject::connect(&model, &TableModel::windowLoaded, &model, [&](int window) {
        if (window == 0)
            order << QStringLiteral("rows");
    });
    QObject::connect(&model, &TableModel::statusChanged, &model, [&] {
        if (model.countState() != TableModel::CountState::Unknown && !order.contains(QStringLiteral("count")))
            order << QStringLiteral("count");
    });
    model.open(fx.isPostgres() ? QStringLiteral("public") : QStringLiteral("main"), QStringLiteral("t"));
    QTRY_VERIFY_WITH_TIMEOUT(probed, 20000);
    QCOMPARE(countAtProbe, TableModel::CountState::Unknown);
    QVERIFY(test::grid::waitCount(&model));
    QCOMPARE(model.tableRowCount(), 5000);
    QCOMPARE(order, QList<QString>({QStringLiteral("rows"), QStringLiteral("count")}));
}

STRATA_TEST_MAIN(TestFirstWindow)
#include "tst_firstwindow.moc"
