// The monitor's SQL as text: version conditions, every resource renders for PostgreSQL
// 12 to 17, and the maintenance / file health statements exactly, hostile names included.

#include "dialect/dialect.h"
#include "monitor/maintenancestatement.h"
#include "monitor/monitorsql.h"
#include "support/testenvironment.h"

#include <QDirIterator>
#include <QtTest>

using namespace strata;
using namespace strata::monitor;
using namespace Qt::StringLiterals;

class TestMonitorSql : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void conditionsKeepTheLinesOfTheServersVersion();
    void malformedConditionIsAnError();
    void everyQueryRendersForEveryVersion_data();
    void everyQueryRendersForEveryVersion();
    void versionedColumns();
    void maintenanceStatements_data();
    void maintenanceStatements();
    void maintenanceRefusals();
    void sqliteStatements();
};

void TestMonitorSql::conditionsKeepTheLinesOfTheServersVersion()
{
    const QString text = u"SELECT a\n"
                         "-- a comment with an apostrophe's\n"
                         "     , b -- @pg>=14\n"
                         "     , NULL AS b -- @pg<14\n"
                         "FROM t"_s;
    QCOMPARE(renderVersioned(text, 130011).value(), u"SELECT a\n     , NULL AS b\nFROM t"_s);
    QCOMPARE(renderVersioned(text, 140000).value(), u"SELECT a\n     , b\nFROM t"_s);
    QCOMPARE(renderVersioned(text, 170002).value(), u"SELECT a\n     , b\nFROM t"_s);
}

void TestMonitorSql::malformedConditionIsAnError()
{
    const Result<QString> r = renderVersioned(u"SELECT 1 -- @pg>14"_s, 150000);
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"line 1"_s), qPrintable(r.error().message));
}

void TestMonitorSql::everyQueryRendersForEveryVersion_data()
{
    QTest::addColumn<QString>("name");
    QDirIterator it(u":/strata/monitor/postgres"_s);
    QStringList names;
    while (it.hasNext())
        names << QFileInfo(it.next()).completeBaseName();
    names.sort();
    QVERIFY(names.size() >= 15);
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
}

void TestMonitorSql::everyQueryRendersForEveryVersion()
{
    QFETCH(QString, name);
    for (int major = 12; major <= 17; ++major) {
        const Result<QString> sql = monitorSql(u"postgres/"_s + name, major * 10000);
        QVERIFY2(sql.ok(), qPrintable(sql.ok() ? QString() : sql.error().message));
        QVERIFY(!sql->contains(u"@pg"_s));
        QVERIFY(!sql->contains(u"--"_s));   // comments dropped: QtSql must not see apostrophes in them
        QVERIFY(sql->contains(u"SELECT"_s));
    }
}

void TestMonitorSql::versionedColumns()
{
    // leader_pid exists from 13, pg_locks.waitstart from 14, pg_stat_progress_analyze from 13,
    // the vacuum progress columns were renamed in 17.
    QVERIFY(monitorSql(u"postgres/activity"_s, 120000)->contains(u"NULL::int AS leader_pid"_s));
    QVERIFY(monitorSql(u"postgres/activity"_s, 130000)->contains(u"a.leader_pid"_s));
    QVERIFY(!monitorSql(u"postgres/blocking"_s, 130000)->contains(u"l.waitstart"_s));
    QVERIFY(monitorSql(u"postgres/blocking"_s, 140000)->contains(u"l.waitstart"_s));
    QVERIFY(!monitorSql(u"postgres/progress"_s, 120000)->contains(u"pg_stat_progress_analyze"_s));
    QVERIFY(monitorSql(u"postgres/progress"_s, 130000)->contains(u"pg_stat_progress_analyze"_s));
    QVERIFY(monitorSql(u"postgres/progress"_s, 160000)->contains(u"num_dead_tuples"_s));
    QVERIFY(!monitorSql(u"postgres/progress"_s, 170000)->contains(u"num_dead_tuples"_s));
    QVERIFY(monitorSql(u"postgres/progress"_s, 170000)->contains(u"num_dead_item_ids"_s));
    QVERIFY(monitorSql(u"postgres/tablestats"_s, 160000)->contains(u"s.last_seq_scan"_s));
    QVERIFY(!monitorSql(u"postgres/tablestats"_s, 150000)->contains(u"s.last_seq_scan"_s));
    // Parameters: the progress query binds the pid once per view it reads.
    QCOMPARE(monitorSql(u"postgres/progress"_s, 150000)->count(u'?'), 4);
    QCOMPARE(monitorSql(u"postgres/progress"_s, 120000)->count(u'?'), 4);
}

void TestMonitorSql::maintenanceStatements_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("full");
    QTest::addColumn<bool>("freeze");
    QTest::addColumn<bool>("analyze");
    QTest::addColumn<bool>("concurrently");
    QTest::addColumn<QString>("index");
    QTest::addColumn<QString>("expected");
    const auto k = [](MaintenanceKind kind) { return int(kind); };
    QTest::newRow("vacuum") << k(MaintenanceKind::Vacuum) << false << false << false << false << QString()
                            << u"VACUUM \"my schema\".\"Book \"\"x\"\"\""_s;
    QTest::newRow("vacuum full freeze analyze") << k(MaintenanceKind::Vacuum) << true << true << true << false << QString()
                                                << u"VACUUM (FULL, FREEZE, ANALYZE) \"my schema\".\"Book \"\"x\"\"\""_s;
    QTest::newRow("vacuum analyze") << k(MaintenanceKind::Vacuum) << false << false << true << false << QString()
                                    << u"VACUUM (ANALYZE) \"my schema\".\"Book \"\"x\"\"\""_s;
    QTest::newRow("analyze") << k(MaintenanceKind::Analyze) << false << false << false << false << QString()
                             << u"ANALYZE \"my schema\".\"Book \"\"x\"\"\""_s;
    QTest::newRow("reindex") << k(MaintenanceKind::Reindex) << false << false << false << false << QString()
                             << u"REINDEX TABLE \"my schema\".\"Book \"\"x\"\"\""_s;
    QTest::newRow("reindex concurrently") << k(MaintenanceKind::Reindex) << false << false << false << true << QString()
                                          << u"REINDEX TABLE CONCURRENTLY \"my schema\".\"Book \"\"x\"\"\""_s;
    QTest::newRow("cluster using") << k(MaintenanceKind::Cluster) << false << false << false << false << u"idx \"q\" ☕"_s
                                   << u"CLUSTER \"my schema\".\"Book \"\"x\"\"\" USING \"idx \"\"q\"\" ☕\""_s;
}

void TestMonitorSql::maintenanceStatements()
{
    QFETCH(int, kind);
    QFETCH(bool, full);
    QFETCH(bool, freeze);
    QFETCH(bool, analyze);
    QFETCH(bool, concurrently);
    QFETCH(QString, index);
    QFETCH(QString, expected);
    MaintenanceRequest r;
    r.kind = MaintenanceKind(kind);
    r.schema = u"my schema"_s;
    r.table = u"Book \"x\""_s;
    r.full = full;
    r.freeze = freeze;
    r.analyze = analyze;
    r.concurrently = concurrently;
    r.index = index;
    MaintenanceTarget target;
    target.serverVersion = 150000;
    target.relkind = u"r"_s;
    const Result<QString> sql = maintenanceStatement(dialect::dialectFor(dialect::DialectKind::Postgres), r, target);
    QVERIFY2(sql.ok(), qPrintable(sql.ok() ? QString() : sql.error().message));
    QCOMPARE(sql.value(), expected);
}

void TestMonitorSql::maintenanceRefusals()
{
    const dialect::Dialect &pg = dialect::dialectFor(dialect::DialectKind::Postgres);
    MaintenanceRequest r;
    r.schema = u"pg_catalog"_s;
    r.table = u"pg_class"_s;
    r.kind = MaintenanceKind::Reindex;
    r.concurrently = true;
    MaintenanceTarget system;
    system.serverVersion = 150000;
    system.relkind = u"r"_s;
    system.systemTable = true;
    Result<QString> sql = maintenanceStatement(pg, r, system);
    QVERIFY(!sql);
    QCOMPARE(sql.error().kind, ErrorKind::Unsupported);
    QVERIFY(!reindexConcurrentlyUnavailable(system).isEmpty());

    MaintenanceTarget partitioned;
    partitioned.serverVersion = 130000;
    partitioned.relkind = u"p"_s;
    r.schema = u"public"_s;
    r.table = u"events"_s;
    QVERIFY(!maintenanceStatement(pg, r, partitioned));
    partitioned.serverVersion = 140000;
    QCOMPARE(maintenanceStatement(pg, r, partitioned).value(), u"REINDEX TABLE CONCURRENTLY \"public\".\"events\""_s);

    r.kind = MaintenanceKind::Cluster;
    QVERIFY(!maintenanceStatement(pg, r, partitioned));   // clustering a partitioned table needs 15
    MaintenanceTarget plain;
    plain.serverVersion = 150000;
    plain.relkind = u"r"_s;
    sql = maintenanceStatement(pg, r, plain);
    QVERIFY(!sql);   // never clustered and no index chosen
    QVERIFY(sql.error().message.contains(u"choose the index"_s));
    plain.clusteredIndex = u"events_pkey"_s;
    QCOMPARE(maintenanceStatement(pg, r, plain).value(), u"CLUSTER \"public\".\"events\""_s);

    QVERIFY(!maintenanceStatement(dialect::dialectFor(dialect::DialectKind::Sqlite), r, plain));
}

void TestMonitorSql::sqliteStatements()
{
    const dialect::Dialect &sqlite = dialect::dialectFor(dialect::DialectKind::Sqlite);
    QCOMPARE(sqliteHealthStatement(sqlite, SqliteHealthAction::IntegrityCheck), u"PRAGMA \"main\".integrity_check(10000)"_s);
    QCOMPARE(sqliteHealthStatement(sqlite, SqliteHealthAction::QuickCheck, u"main"_s, 5), u"PRAGMA \"main\".quick_check(5)"_s);
    QCOMPARE(sqliteHealthStatement(sqlite, SqliteHealthAction::ForeignKeyCheck, u"we\"ird"_s), u"PRAGMA \"we\"\"ird\".foreign_key_check"_s);
    QCOMPARE(sqliteHealthStatement(sqlite, SqliteHealthAction::Vacuum), u"VACUUM \"main\""_s);
    QCOMPARE(sqliteHealthStatement(sqlite, SqliteHealthAction::VacuumInto), u"VACUUM \"main\" INTO ?"_s);
    QCOMPARE(sqliteHealthStatement(sqlite, SqliteHealthAction::Optimize), u"PRAGMA \"main\".optimize"_s);
    QCOMPARE(sqliteHealthStatement(sqlite, SqliteHealthAction::Checkpoint), u"PRAGMA \"main\".wal_checkpoint(TRUNCATE)"_s);
    QVERIFY(!sqliteActionWrites(SqliteHealthAction::IntegrityCheck));
    QVERIFY(!sqliteActionWrites(SqliteHealthAction::ForeignKeyCheck));
    QVERIFY(sqliteActionWrites(SqliteHealthAction::VacuumInto));
    QVERIFY(sqliteActionWrites(SqliteHealthAction::Checkpoint));
}

STRATA_TEST_MAIN(TestMonitorSql)
#include "tst_monitorsql.moc"
