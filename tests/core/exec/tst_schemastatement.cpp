// Which statements the console runs change the schema (and make the open views read it
// again): DDL by its first keyword, whatever comments precede it; not DML, not a keyword
// inside a string or comment.

#include "exec/schemastatement.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::exec;
using dialect::DialectKind;

class TestSchemaStatement : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ddl_data();
    void ddl();
};

void TestSchemaStatement::ddl_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("dialect");
    QTest::addColumn<bool>("changes");
    const int pg = int(DialectKind::Postgres);
    const int lite = int(DialectKind::Sqlite);
    QTest::newRow("create table") << QStringLiteral("CREATE TABLE t (id int)") << pg << true;
    QTest::newRow("lower case") << QStringLiteral("create index i on t(x)") << lite << true;
    QTest::newRow("alter") << QStringLiteral("ALTER TABLE books ADD COLUMN isbn text") << lite << true;
    QTest::newRow("drop") << QStringLiteral("drop view v") << pg << true;
    QTest::newRow("comment first") << QStringLiteral("-- make it\n/* now */ CREATE TABLE x (a int)") << pg << true;
    QTest::newRow("comment on") << QStringLiteral("COMMENT ON TABLE t IS 'x'") << pg << true;
    QTest::newRow("import foreign schema") << QStringLiteral("IMPORT FOREIGN SCHEMA s FROM SERVER f INTO public") << pg << true;
    QTest::newRow("attach") << QStringLiteral("ATTACH DATABASE 'x.db' AS x") << lite << true;
    QTest::newRow("attach is not pg") << QStringLiteral("ATTACH x") << pg << false;
    QTest::newRow("select") << QStringLiteral("SELECT 'CREATE TABLE x'") << pg << false;
    QTest::newRow("insert") << QStringLiteral("INSERT INTO t VALUES ('drop')") << lite << false;
    QTest::newRow("update") << QStringLiteral("UPDATE t SET a = 1") << pg << false;
    QTest::newRow("keyword in comment only") << QStringLiteral("-- CREATE TABLE\nSELECT 1") << pg << false;
    QTest::newRow("empty") << QString() << pg << false;
    QTest::newRow("string first") << QStringLiteral("'CREATE'") << lite << false;
}

void TestSchemaStatement::ddl()
{
    QFETCH(QString, sql);
    QFETCH(int, dialect);
    QFETCH(bool, changes);
    QCOMPARE(changesSchema(sql, DialectKind(dialect)), changes);
}

STRATA_TEST_MAIN(TestSchemaStatement)
#include "tst_schemastatement.moc"
