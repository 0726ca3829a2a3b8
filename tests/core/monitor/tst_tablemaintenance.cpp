// Table statistics and maintenance against a real PostgreSQL: every action runs and
// reports, progress comes from pg_stat_progress_* while a command waits, Cancel stops it,
// and a role without the privilege gets the server's warning or error as it worded them.

#include "monitor/maintenancerunner.h"
#include "pgsession.h"
#include "support/connectionwaits.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QUuid>
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

std::optional<MaintenanceReport> runAndWait(MaintenanceRunner &runner, const MaintenanceRequest &request)
{
    std::optional<MaintenanceReport> report;
    const auto c = QObject::connect(&runner, &MaintenanceRunner::finished, &runner, [&](const MaintenanceReport &r) { report = r; });
    runner.run(request);
    (void)QTest::qWaitFor([&] { return report.has_value(); }, 60000);
    QObject::disconnect(c);
    return report;
}

MaintenanceRequest request(MaintenanceKind kind, const QString &table = u"books"_s)
{
    MaintenanceRequest r;
    r.kind = kind;
    r.schema = u"public"_s;
    r.table = table;
    return r;
}

QString describe(const std::optional<MaintenanceReport> &r)
{
    if (!r)
        return u"no report"_s;
    return r->statement + u": "_s + (r->ok ? u"ok"_s : r->error.message);
}

} // namespace

class TestTableMaintenance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyActionRunsAndReports();
    void progressWhileWaitingAndCancel();
    void privilegeWarningsAndErrors();
    void readOnlyRefuses();
};

void TestTableMaintenance::everyActionRunsAndReports()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE books (id int PRIMARY KEY, title text, pages int);"
                        "CREATE INDEX books_pages ON books (pages);"
                        "INSERT INTO books SELECT g, repeat('t', 200), g % 500 FROM generate_series(1, 20000) g;"
                        "DELETE FROM books WHERE id % 10 <> 0"_s), QString());

    MaintenanceRunner runner(specFor(scratch.url()), u"public"_s, u"books"_s);
    QSignalSpy loaded(&runner, &MaintenanceRunner::statisticsLoaded);
    runner.loadStatistics();
    QVERIFY(loaded.wait(20000));
    QVERIFY(loaded.first().at(0).toBool());
    QVERIFY(runner.statistics().totalSize > 0);
    QCOMPARE(runner.statistics().indexes.size(), 2);
    QVERIFY(runner.target().clusteredIndex.isEmpty());

    MaintenanceRequest vacuum = request(MaintenanceKind::Vacuum);
    vacuum.full = true;
    vacuum.freeze = true;
    vacuum.analyze = true;
    auto report = runAndWait(runner, vacuum);
    QVERIFY2(report && report->ok, qPrintable(describe(report)));
    QCOMPARE(report->statement, u"VACUUM (FULL, FREEZE, ANALYZE) \"public\".\"books\""_s);
    QVERIFY(report->totalSizeBefore > 0);
    QVERIFY2(report->totalSizeAfter < report->totalSizeBefore / 2,
             qPrintable(u"%1 -> %2"_s.arg(report->totalSizeBefore).arg(report->totalSizeAfter)));

    report = runAndWait(runner, request(MaintenanceKind::Analyze));
    QVERIFY2(report && report->ok, qPrintable(describe(report)));
    QVERIFY(QTest::qWaitFor([&] {
        runner.loadStatistics();
        return loaded.wait(5000) && runner.statistics().lastAnalyze.isValid();
    }, 20000));

    MaintenanceRequest reindex = request(MaintenanceKind::Reindex);
    reindex.concurrently = true;
    report = runAndWait(runner, reindex);
    QVERIFY2(report && report->ok, qPrintable(describe(report)));
    QCOMPARE(report->statement, u"REINDEX TABLE CONCURRENTLY \"public\".\"books\""_s);

    MaintenanceRequest cluster = request(MaintenanceKind::Cluster);
    cluster.index = u"books_pages"_s;
    report = runAndWait(runner, cluster);
    QVERIFY2(report && report->ok, qPrintable(describe(report)));
    QCOMPARE(runner.target().clusteredIndex, u"books_pages"_s);   // read again after the run
    cluster.index.clear();
    report = runAndWait(runner, cluster);
    QVERIFY2(report && report->ok, qPrintable(describe(report)));
    QCOMPARE(report->statement, u"CLUSTER \"public\".\"books\""_s);
    QCOMPARE(setup.value(u"SELECT count(*) FROM books"_s), u"2000"_s);
}

void TestTableMaintenance::progressWhileWaitingAndCancel()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE books (id int PRIMARY KEY); INSERT INTO books SELECT generate_series(1, 1000)"_s), QString());
    // A writer's open transaction: REINDEX CONCURRENTLY waits for it, reporting so.
    PgSession writer(conninfoFromUrl(scratch.url()));
    QCOMPARE(writer.exec(u"BEGIN; INSERT INTO books VALUES (5000)"_s), QString());

    MaintenanceRunner runner(specFor(scratch.url()), u"public"_s, u"books"_s);
    runner.setPollInterval(100);
    QList<MaintenanceProgress> seen;
    connect(&runner, &MaintenanceRunner::progress, this, [&](const MaintenanceProgress &p) { seen << p; });
    std::optional<MaintenanceReport> report;
    connect(&runner, &MaintenanceRunner::finished, this, [&](const MaintenanceReport &r) { report = r; });
    MaintenanceRequest reindex = request(MaintenanceKind::Reindex);
    reindex.concurrently = true;
    runner.run(reindex);
    QVERIFY(runner.isRunning());
    QVERIFY2(QTest::qWaitFor([&] { return !seen.isEmpty() && seen.last().phase.contains(u"waiting"_s); }, 20000),
             qPrintable(seen.isEmpty() ? u"no progress"_s : seen.last().phase));
    QCOMPARE(seen.last().command, u"REINDEX CONCURRENTLY"_s);
    runner.cancel();
    QVERIFY(QTest::qWaitFor([&] { return report.has_value(); }, 20000));
    QVERIFY(!report->ok);
    QVERIFY2(report->cancelled, qPrintable(report->error.message));
    QVERIFY(!runner.isRunning());
    QCOMPARE(writer.exec(u"ROLLBACK"_s), QString());
}

void TestTableMaintenance::privilegeWarningsAndErrors()
{
    STRATA_REQUIRE_PG(url);
    // A database and a table of the superuser: the test role may connect, not maintain.
    const QString name = u"strata_priv_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    PgSession admin(superuserConninfo(url, u"postgres"_s));
    QVERIFY2(admin.ok(), qPrintable(admin.error()));
    QCOMPARE(admin.exec(u"CREATE DATABASE %1"_s.arg(name)), QString());
    {
        PgSession owner(superuserConninfo(url, name));
        QCOMPARE(owner.exec(u"CREATE TABLE ledger (id int PRIMARY KEY); INSERT INTO ledger SELECT generate_series(1, 10)"_s), QString());
        QUrl target(url);
        target.setPath(u"/"_s + name);
        PgSession plain(conninfoFromUrl(target.toString()));
        const QString reindexError = plain.exec(u"REINDEX TABLE public.ledger"_s);
        QVERIFY2(!reindexError.isEmpty(), "the test role may reindex the superuser's table: the test proves nothing");

        MaintenanceRunner runner(specFor(target.toString()), u"public"_s, u"ledger"_s);
        auto report = runAndWait(runner, request(MaintenanceKind::Vacuum, u"ledger"_s));
        QVERIFY(report.has_value());
        // VACUUM of a table one does not own is skipped with a WARNING, not an error.
        QVERIFY2(report->ok, qPrintable(describe(report)));
        QVERIFY(!report->notices.isEmpty());
        QCOMPARE(report->notices.first().severity, u"WARNING"_s);
        QVERIFY2(report->notices.first().message.contains(u"ledger"_s), qPrintable(report->notices.first().message));
        report = runAndWait(runner, request(MaintenanceKind::Reindex, u"ledger"_s));
        QVERIFY(report.has_value());
        QVERIFY(!report->ok);
        QCOMPARE(report->error.kind, ErrorKind::Permission);
        QVERIFY2(reindexError.contains(report->error.message), qPrintable(reindexError + u" / "_s + report->error.message));
        MaintenanceRequest cluster = request(MaintenanceKind::Cluster, u"ledger"_s);
        cluster.index = u"ledger_pkey"_s;
        report = runAndWait(runner, cluster);
        QVERIFY(report.has_value());
        QVERIFY(!report->ok);
        QCOMPARE(report->error.sqlState, u"42501"_s);
    }
    QCOMPARE(admin.exec(u"DROP DATABASE %1 WITH (FORCE)"_s.arg(name)), QString());
}

void TestTableMaintenance::readOnlyRefuses()
{
    STRATA_REQUIRE_PG(url);
    ScratchPgDatabase scratch(url);
    QVERIFY(scratch.error().isEmpty());
    PgSession setup(conninfoFromUrl(scratch.url()));
    QCOMPARE(setup.exec(u"CREATE TABLE books (id int)"_s), QString());
    MaintenanceRunner runner(specFor(scratch.url(), true), u"public"_s, u"books"_s);
    QVERIFY(runner.isReadOnly());
    auto report = runAndWait(runner, request(MaintenanceKind::Vacuum));
    QVERIFY(report.has_value());
    QVERIFY(!report->ok);
    QCOMPARE(report->error.kind, ErrorKind::Permission);
    QVERIFY(report->statement.isEmpty());   // nothing was sent
    QCOMPARE(setup.value(u"SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'books'"_s), u"0"_s);
}

STRATA_TEST_MAIN(TestTableMaintenance)
#include "tst_tablemaintenance.moc"
