#include "dialect/dialect.h"
#include "support/testenvironment.h"

#include <QDate>
#include <QtTest>

using namespace strata;
using namespace strata::dialect;

class TestDialect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quoting_data();
    void quoting();
    void whenNeeded_data();
    void whenNeeded();
    void qualified();
    void literals_data();
    void literals();
    void capabilities();
    void postgresErrorKinds();
};

void TestDialect::quoting_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "books" << "\"books\"";
    QTest::newRow("embedded quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
    QTest::newRow("only quotes") << "\"\"" << "\"\"\"\"\"\"";
    QTest::newRow("bracket") << "a]b" << "\"a]b\"";
    QTest::newRow("backtick") << "a`b" << "\"a`b\"";
    QTest::newRow("space") << "my table" << "\"my table\"";
    QTest::newRow("reserved") << "select" << "\"select\"";
    QTest::newRow("mixed case") << "MixedCase" << "\"MixedCase\"";
    QTest::newRow("unicode") << QString::fromUtf8("café ☕") << QString::fromUtf8("\"café ☕\"");
    QTest::newRow("empty") << "" << "\"\"";
    QTest::newRow("semicolon injection") << "x\"; DROP TABLE t; --" << "\"x\"\"; DROP TABLE t; --\"";
}

void TestDialect::quoting()
{
    QFETCH(QString, name);
    QFETCH(QString, quoted);
    QCOMPARE(dialectFor(DialectKind::Sqlite).quoteIdentifier(name), quoted);
    QCOMPARE(dialectFor(DialectKind::Postgres).quoteIdentifier(name), quoted);
}

void TestDialect::whenNeeded_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres");
    QTest::newRow("lower") << "books" << "books" << "books";
    QTest::newRow("upper") << "Books" << "Books" << "\"Books\"";
    QTest::newRow("reserved both") << "order" << "\"order\"" << "\"order\"";
    QTest::newRow("sqlite keyword only") << "pragma" << "\"pragma\"" << "pragma";
    QTest::newRow("leading digit") << "1st" << "\"1st\"" << "\"1st\"";
    QTest::newRow("dollar") << "a$b" << "\"a$b\"" << "a$b";
    QTest::newRow("empty") << "" << "\"\"" << "\"\"";
}

void TestDialect::whenNeeded()
{
    QFETCH(QString, name);
    QFETCH(QString, sqlite);
    QFETCH(QString, postgres);
    QCOMPARE(dialectFor(DialectKind::Sqlite).quoteIdentifier(name, QuotePolicy::WhenNeeded), sqlite);
    QCOMPARE(dialectFor(DialectKind::Postgres).quoteIdentifier(name, QuotePolicy::WhenNeeded), postgres);
}

void TestDialect::qualified()
{
    const Dialect &pg = dialectFor(DialectKind::Postgres);
    QCOMPARE(pg.qualifiedName(QStringLiteral("public"), QStringLiteral("books")), QStringLiteral("\"public\".\"books\""));
    QCOMPARE(pg.qualifiedName(QString(), QStringLiteral("books")), QStringLiteral("\"books\""));
    QCOMPARE(pg.qualifiedName(QStringLiteral("My Schema"), QStringLiteral("a.b"), QuotePolicy::WhenNeeded),
             QStringLiteral("\"My Schema\".\"a.b\""));
}

void TestDialect::literals_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres");
    QTest::newRow("null") << QVariant() << "NULL" << "NULL";
    QTest::newRow("int") << QVariant(42) << "42" << "42";
    QTest::newRow("bool") << QVariant(true) << "1" << "TRUE";
    QTest::newRow("string") << QVariant(QStringLiteral("it's")) << "'it''s'" << "'it''s'";
    QTest::newRow("backslash") << QVariant(QStringLiteral("a\\b")) << "'a\\b'" << "'a\\b'";
    QTest::newRow("bytes") << QVariant(QByteArray("\x01\xff", 2)) << "X'01FF'" << "'\\x01ff'::bytea";
    QTest::newRow("date") << QVariant(QDate(2016, 11, 18)) << "'2016-11-18'" << "'2016-11-18'";
    QTest::newRow("double") << QVariant(39.95) << "39.95" << "39.95";
    QTest::newRow("double inexact") << QVariant(0.1 + 0.2) << "0.30000000000000004" << "0.30000000000000004";
}

void TestDialect::literals()
{
    QFETCH(QVariant, value);
    QFETCH(QString, sqlite);
    QFETCH(QString, postgres);
    QCOMPARE(dialectFor(DialectKind::Sqlite).literal(value), sqlite);
    QCOMPARE(dialectFor(DialectKind::Postgres).literal(value), postgres);
}

void TestDialect::capabilities()
{
    QVERIFY(dialectFor(DialectKind::Postgres).capabilities().schemas);
    QVERIFY(!dialectFor(DialectKind::Sqlite).capabilities().schemas);
    QVERIFY(dialectFor(DialectKind::Sqlite).capabilities().transactionalDdl);
    QVERIFY(!dialectFor(DialectKind::Sqlite).capabilities().alterColumnType);
    QCOMPARE(dialectFor(DialectKind::Sqlite).name(), QStringLiteral("sqlite"));
    QCOMPARE(dialectFor(DialectKind::Postgres).qtDriverName(), QStringLiteral("QPSQL"));
}

void TestDialect::postgresErrorKinds()
{
    const Dialect &pg = dialectFor(DialectKind::Postgres);
    const QSqlError unique(QStringLiteral("driver"), QStringLiteral("duplicate key"), QSqlError::StatementError, QStringLiteral("23505"));
    QCOMPARE(pg.mapError(unique).kind, ErrorKind::Constraint);
    QCOMPARE(pg.mapError(unique).sqlState, QStringLiteral("23505"));
    // QPSQL's databaseText is the server's message plus "\n(SQLSTATE)": the message keeps the server's words.
    const QSqlError denied(QStringLiteral("QPSQL: Unable to create query"),
                           QStringLiteral("ERROR:  must be a superuser to terminate superuser process\n(42501)"),
                           QSqlError::StatementError, QStringLiteral("42501"));
    QCOMPARE(pg.mapError(denied).message, QStringLiteral("ERROR:  must be a superuser to terminate superuser process"));
    QCOMPARE(pg.mapError(denied).kind, ErrorKind::Permission);
    const QSqlError cancelled(QString(), QStringLiteral("canceling statement"), QSqlError::StatementError, QStringLiteral("57014"));
    QCOMPARE(pg.mapError(cancelled).kind, ErrorKind::Cancelled);
    const QSqlError readOnly(QString(), QStringLiteral("read-only"), QSqlError::StatementError, QStringLiteral("25006"));
    QCOMPARE(pg.mapError(readOnly).kind, ErrorKind::Permission);
    const Dialect &lite = dialectFor(DialectKind::Sqlite);
    const QSqlError uniqueLite(QString(), QStringLiteral("UNIQUE constraint failed"), QSqlError::StatementError, QStringLiteral("2067"));
    QCOMPARE(lite.mapError(uniqueLite).kind, ErrorKind::Constraint);
}

STRATA_TEST_MAIN(TestDialect)
#include "tst_dialect.moc"
