// Exact SQL of the version tables per dialect: the offline (literal) statements that
// strata-migrate --sql writes, and the online ones VersionTable runs with bound values,
// which must describe the same statements.

#include "base/version.h"
#include "migrate/runner/versiontable.h"
#include "support/testenvironment.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

using namespace strata;
using namespace strata::migrate;
using dialect::DialectKind;

namespace {

const dialect::Dialect &sqlite() { return dialect::dialectFor(DialectKind::Sqlite); }
const dialect::Dialect &pg() { return dialect::dialectFor(DialectKind::Postgres); }
QString s(const char *t) { return QString::fromUtf8(t); }
const QString kVersion = QStringLiteral(STRATA_VERSION_STRING);

VersionTableName named(const char *schema, const char *table)
{
    VersionTableName n;
    n.schema = s(schema);
    n.table = s(table);
    return n;
}

} // namespace

class TestVersionTableSql : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createVersionTable()
    {
        QCOMPARE(VersionTable::createVersionTableSql(sqlite(), named("ignored", "strata_version")),
                 s("CREATE TABLE IF NOT EXISTS \"strata_version\" (\n    version_num VARCHAR(32) NOT NULL,\n"
                   "    CONSTRAINT \"strata_version_pkc\" PRIMARY KEY (version_num)\n)"));
        QCOMPARE(VersionTable::createVersionTableSql(pg(), named("app", "alembic\"version")),
                 s("CREATE TABLE IF NOT EXISTS \"app\".\"alembic\"\"version\" (\n    version_num VARCHAR(32) NOT NULL,\n"
                   "    CONSTRAINT \"alembic\"\"version_pkc\" PRIMARY KEY (version_num)\n)"));
        QCOMPARE(VersionTable::createVersionTableSql(pg(), named("", "strata_version")),
                 s("CREATE TABLE IF NOT EXISTS \"strata_version\" (\n    version_num VARCHAR(32) NOT NULL,\n"
                   "    CONSTRAINT \"strata_version_pkc\" PRIMARY KEY (version_num)\n)"));
    }

    void createHistoryTable()
    {
        QCOMPARE(VersionTable::createHistoryTableSql(sqlite(), named("ignored", "strata_version")),
                 s("CREATE TABLE IF NOT EXISTS \"strata_version_history\" (\n    revision VARCHAR(32) NOT NULL,\n"
                   "    direction VARCHAR(10) NOT NULL,\n    checksum VARCHAR(64),\n    applied_at TEXT NOT NULL,\n"
                   "    duration_ms INTEGER,\n    strata_version VARCHAR(32)\n)"));
        QCOMPARE(VersionTable::createHistoryTableSql(pg(), named("app", "strata_version")),
                 s("CREATE TABLE IF NOT EXISTS \"app\".\"strata_version_history\" (\n    revision VARCHAR(32) NOT NULL,\n"
                   "    direction VARCHAR(10) NOT NULL,\n    checksum VARCHAR(64),\n    applied_at TIMESTAMPTZ NOT NULL,\n"
                   "    duration_ms BIGINT,\n    strata_version VARCHAR(32)\n)"));
    }

    void dropVersionTable()
    {
        QCOMPARE(VersionTable::dropVersionTableSql(sqlite(), named("ignored", "v")), s("DROP TABLE \"v\""));
        QCOMPARE(VersionTable::dropVersionTableSql(pg(), named("app", "v")), s("DROP TABLE \"app\".\"v\""));
    }

    void changeStatements()
    {
        HeadChange change;
        change.deletes = {s("a1"), s("it's")};
        change.updateFrom = s("b1");
        change.updateTo = s("b2");
        change.inserts = {s("c1")};
        const QStringList expected{s("DELETE FROM \"app\".\"v\" WHERE version_num = 'a1'"),
                                   s("DELETE FROM \"app\".\"v\" WHERE version_num = 'it''s'"),
                                   s("UPDATE \"app\".\"v\" SET version_num = 'b2' WHERE version_num = 'b1'"),
                                   s("INSERT INTO \"app\".\"v\" (version_num) VALUES ('c1')")};
        QCOMPARE(VersionTable::changeSql(pg(), named("app", "v"), change), expected);
        QStringList lite = expected;
        lite.replaceInStrings(s("\"app\"."), QString());
        QCOMPARE(VersionTable::changeSql(sqlite(), named("app", "v"), change), lite);
        QCOMPARE(VersionTable::changeSql(sqlite(), named("", "v"), HeadChange{}), QStringList());
    }

    void recordStatement()
    {
        QCOMPARE(VersionTable::recordSql(sqlite(), named("", "v"), s("r1"), s("upgrade"), s("abc")),
                 s("INSERT INTO \"v_history\" (revision, direction, checksum, applied_at, duration_ms, strata_version) "
                   "VALUES ('r1', 'upgrade', 'abc', strftime('%Y-%m-%d %H:%M:%f', 'now'), NULL, '") + kVersion + s("')"));
        QCOMPARE(VersionTable::recordSql(pg(), named("app", "v"), s("r1"), s("downgrade"), QString()),
                 s("INSERT INTO \"app\".\"v_history\" (revision, direction, checksum, applied_at, duration_ms, strata_version) "
                   "VALUES ('r1', 'downgrade', NULL, CURRENT_TIMESTAMP, NULL, '") + kVersion + s("')"));
    }

    // The online statements (bound values) leave the same rows as the offline ones would.
    void onlineMatchesOffline()
    {
        {
            QSqlDatabase online = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("vt-online"));
            online.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(online.open());
            QSqlDatabase offline = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("vt-offline"));
            offline.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(offline.open());
            const VersionTableName n = named("", "strata_version");
            VersionTable table(online, n);
            QVERIFY(table.create().ok());
            HeadChange first;
            first.inserts = {s("a"), s("b")};
            QVERIFY(table.apply(first).ok());
            HeadChange second;
            second.deletes = {s("a")};
            second.updateFrom = s("b");
            second.updateTo = s("c");
            QVERIFY(table.apply(second).ok());
            QVERIFY(table.record(s("c"), s("upgrade"), s("sum"), 7).ok());
            QSqlQuery q(offline);
            QStringList script{VersionTable::createVersionTableSql(sqlite(), n), VersionTable::createHistoryTableSql(sqlite(), n)};
            script += VersionTable::changeSql(sqlite(), n, first);
            script += VersionTable::changeSql(sqlite(), n, second);
            script += VersionTable::recordSql(sqlite(), n, s("c"), s("upgrade"), s("sum"));
            for (const QString &sql : script)
                QVERIFY2(q.exec(sql), qPrintable(sql));
            for (QSqlDatabase *db : {&online, &offline}) {
                QSqlQuery r(*db);
                QVERIFY(r.exec(s("SELECT group_concat(version_num) FROM strata_version")) && r.next());
                QCOMPARE(r.value(0).toString(), s("c"));
                QVERIFY(r.exec(s("SELECT revision, direction, checksum, strata_version, length(applied_at) FROM strata_version_history"))
                        && r.next());
                QCOMPARE(r.value(0).toString(), s("c"));
                QCOMPARE(r.value(1).toString(), s("upgrade"));
                QCOMPARE(r.value(2).toString(), s("sum"));
                QCOMPARE(r.value(3).toString(), kVersion);
                QCOMPARE(r.value(4).toInt(), 23);   // yyyy-MM-dd HH:mm:ss.zzz either way
                QVERIFY(!r.next());
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("vt-online"));
        QSqlDatabase::removeDatabase(QStringLiteral("vt-offline"));
    }
};

STRATA_TEST_MAIN(TestVersionTableSql)
#include "tst_versiontablesql.moc"
