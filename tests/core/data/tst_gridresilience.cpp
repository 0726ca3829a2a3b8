// The grid on PostgreSQL when things are not simple: a far jump before the key boundaries
// are sampled (lands on an estimated key, shown as approximate, then located exactly
// without losing the user's place or edits), and pending edits surviving a lost
// connection (backend terminated) and a reconnect, then saved.

#include "tablemodeltesting.h"

class TestGridResilience : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void farJumpIsApproximateThenLocated();
    void pendingEditsSurviveReconnect();
};

namespace {

struct PgGrid {
    connection::Connection *reader = nullptr;
    connection::Connection *background = nullptr;
    std::unique_ptr<TableModel> model;
};

PgGrid openPg(GridFixture &fx, const QString &table, int windowSize, qint64 threshold = 200000)
{
    PgGrid g;
    g.reader = fx.connect();
    g.background = fx.connect();
    if (!g.reader || !g.background)
        return g;
    g.model = std::make_unique<TableModel>(g.reader, g.background, nullptr, windowSize, 40);
    g.model->setApproximationThreshold(threshold);
    QSignalSpy opened(g.model.get(), &TableModel::opened);
    g.model->open(QStringLiteral("public"), table);
    if (!opened.wait(20000) || !opened.first().at(0).toBool())
        g.model.reset();
    return g;
}

bool waitState(connection::Connection *c, connection::Connection::State state)
{
    return QTest::qWaitFor([c, state] { return c->state() == state; }, 20000);
}

} // namespace

void TestGridResilience::farJumpIsApproximateThenLocated()
{
    STRATA_REQUIRE_PG(serverUrl);
    GridFixture fx(QStringLiteral("pg"), serverUrl);
    QVERIFY2(fx.ok(), qPrintable(fx.error()));
    // Uneven keys: dense at first, then sparse, so that a histogram guess is off.
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE nums (id bigint PRIMARY KEY, label text)"),
                      QStringLiteral("INSERT INTO nums SELECT CASE WHEN i <= 30000 THEN i ELSE 30000 + (i - 30000) * 37 END, "
                                     "'n' || i FROM generate_series(1, 60000) AS i"),
                      QStringLiteral("ANALYZE nums")}),
             QString());
    PgGrid g = openPg(fx, QStringLiteral("nums"), 64, 2000);
    QVERIFY(g.model);
    TableModel *m = g.model.get();
    // Hold the key sampling back (it queues behind this on the background connection) so
    // that the jump below happens before it.
    bool slept = false;
    QObject::connect(m, &TableModel::countFinished, m, [&] {
        g.background->run<bool>(m, [](connection::JobContext &job) -> Result<bool> {
            QSqlQuery q(job.db);
            q.exec(QStringLiteral("SELECT pg_sleep(1.5)"));
            return true;
        }, [&slept](Result<bool>) { slept = true; });
    });
    QVERIFY(waitCount(m));
    QCOMPARE(m->tableRowCount(), 60000);
    QVERIFY(!m->boundariesComplete());
    const qint64 target = 45000;
    QVERIFY(waitRow(m, target));
    QVERIFY(m->isRowApproximate(target));
    QVERIFY(m->headerData(m->modelRow(target), Qt::Vertical).toString().startsWith(QChar(0x2248)));
    // The window is real, consecutive rows of the table, whatever their exact position.
    const qint64 windowStart = target / 64 * 64;
    const qlonglong key = cell(m, windowStart, 0, TableModel::RawRole).toLongLong();
    const qlonglong next = cell(m, windowStart + 1, 0, TableModel::RawRole).toLongLong();
    const qlonglong exactRow = fx.scalar(QStringLiteral("SELECT count(*) FROM nums WHERE id < %1").arg(key)).toLongLong();
    QCOMPARE(fx.scalar(QStringLiteral("SELECT min(id) FROM nums WHERE id > %1").arg(key)).toLongLong(), next);
    // An edit made there is kept by the row's key.
    QVERIFY(m->setData(m->index(m->modelRow(windowStart), 1), QStringLiteral("edited far away")));
    QSignalSpy moved(m, &TableModel::rowsRepositioned);
    QVERIFY(moved.wait(20000));
    QVERIFY(slept);
    QCOMPARE(moved.first().at(0).toInt(), m->modelRow(windowStart));
    QCOMPARE(moved.first().at(1).toLongLong(), exactRow - windowStart);
    QVERIFY(!m->hasApproximateRows());
    QVERIFY(m->boundariesComplete());
    QVERIFY(waitRow(m, exactRow));
    QVERIFY(!m->isRowApproximate(exactRow));
    QCOMPARE(cell(m, exactRow, 0, TableModel::RawRole).toLongLong(), key);
    QCOMPARE(cell(m, exactRow, 1).toString(), QStringLiteral("edited far away"));
    QCOMPARE(m->headerData(m->modelRow(exactRow), Qt::Vertical).toLongLong(), exactRow + 1);
    // Jumps are exact from now on.
    QVERIFY(waitRow(m, 50000));
    QVERIFY(!m->isRowApproximate(50000));
    QCOMPARE(cell(m, 50000, 0, TableModel::RawRole).toLongLong(), 30000 + (50001 - 30000) * 37);
}

void TestGridResilience::pendingEditsSurviveReconnect()
{
    STRATA_REQUIRE_PG(serverUrl);
    GridFixture fx(QStringLiteral("pg"), serverUrl);
    QVERIFY2(fx.ok(), qPrintable(fx.error()));
    for (const QString &sql : booksFixture(true, 500))
        QCOMPARE(fx.exec({sql}), QString());
    PgGrid g = openPg(fx, QStringLiteral("books"), 64);
    QVERIFY(g.model);
    TableModel *m = g.model.get();
    QVERIFY(waitCount(m));
    QVERIFY(QTest::qWaitFor([m] { return m->boundariesComplete(); }, 20000));
    QVERIFY(waitRow(m, 300));
    QVERIFY(m->setData(m->index(m->modelRow(3), 1), QStringLiteral("kept across a reconnect")));
    QVERIFY(m->setData(m->index(m->modelRow(300), 2), QStringLiteral("4242")));
    const int added = m->addRow();
    QVERIFY(added >= 0);
    QVERIFY(m->setData(m->index(added, 0), QStringLiteral("9001")));
    QVERIFY(m->setData(m->index(added, 1), QStringLiteral("new after reconnect")));
    QCOMPARE(m->pendingCount(), 3);

    // Another session ends both of the grid's backends, as a server restart would.
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")).toInt(), 2);
    // The grid notices on its next statements: a save fails with the connection and keeps every edit.
    m->save();
    bool ok = true;
    Error error;
    QVERIFY(waitSave(m, &ok, &error));
    QVERIFY(!ok);
    QVERIFY2(error.kind == ErrorKind::Connection, qPrintable(error.toString()));   // not a conflict, not a syntax error
    QCOMPARE(m->pendingCount(), 3);
    QVERIFY(waitState(g.reader, connection::Connection::State::Lost));
    m->refresh();   // the background connection notices too
    QVERIFY(waitState(g.background, connection::Connection::State::Lost));
    QVERIFY(m->isConnectionLost());

    QSignalSpy reconnected(m, &TableModel::reconnected);
    g.reader->reconnect();
    g.background->reconnect();
    QVERIFY(reconnected.wait(20000));
    QVERIFY(!m->isConnectionLost());
    QCOMPARE(m->pendingCount(), 3);
    QVERIFY(waitCount(m));
    QVERIFY(waitRow(m, 300));
    QVERIFY(waitRow(m, 3));
    // Re-anchored by key on the rows read again.
    QCOMPARE(cell(m, 3, 1).toString(), QStringLiteral("kept across a reconnect"));
    QCOMPARE(cell(m, 300, 2, TableModel::CellChangedRole).toBool(), true);
    m->save();
    QVERIFY(waitSave(m, &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(m->pendingCount(), 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM books WHERE id = 4")).toString(), QStringLiteral("kept across a reconnect"));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT pages FROM books WHERE id = 301")).toInt(), 4242);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM books WHERE id = 9001")).toString(), QStringLiteral("new after reconnect"));
}

STRATA_TEST_MAIN(TestGridResilience)
#include "tst_gridresilience.moc"
