#include "dialect/boundsql.h"
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
    void unchangedConditionPostgres_data();
    void unchangedConditionPostgres();
    void unchangedConditionSqlite_data();
    void unchangedConditionSqlite();
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
    QTest::newRow("double 17 digits") << QVariant(1.0000000000000002) << "1.0000000000000002" << "1.0000000000000002";
    QTest::newRow("negative zero") << QVariant(-0.0) << "-0.0" << "-0.0";
    QTest::newRow("infinity") << QVariant(qInf()) << "9e999" << "'inf'";
    QTest::newRow("-infinity") << QVariant(-qInf()) << "-9e999" << "'-inf'";
    QTest::newRow("NaN (SQLite stores NULL)") << QVariant(qQNaN()) << "NULL" << "'nan'";
    QTest::newRow("integer beyond 2^53") << QVariant(qlonglong(9007199254740993LL)) << "9007199254740993" << "9007199254740993";
    // A statement's text ends at NUL in SQLite; PostgreSQL text cannot hold NUL at all.
    QTest::newRow("text with NUL") << QVariant(QString::fromUtf8("a\0'b", 4)) << "CAST(X'61002762' AS TEXT)"
                                   << QString::fromUtf8("'a\0''b'", 7);
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

void TestDialect::unchangedConditionPostgres_data()
{
    // The one rule for "the column still holds what was read" (dialect/comparedcolumn.h):
    // each value in its own type, bound as that type; types without an equality by text.
    QTest::addColumn<QString>("typeName");
    QTest::addColumn<bool>("typed");
    QTest::addColumn<QString>("sql");
    const auto typed = [](const char *name, const QString &type) {
        QTest::newRow(name) << type << true << QStringLiteral("\"v\" IS NOT DISTINCT FROM $2::") + type;
    };
    typed("char(n): padding compared as char(n)", QStringLiteral("character(22)"));
    typed("numeric with scale", QStringLiteral("numeric(12,4)"));
    typed("timestamptz: instants, any TimeZone", QStringLiteral("timestamp(3) with time zone"));
    typed("double: NaN = NaN, -0 = 0", QStringLiteral("double precision"));
    typed("jsonb: key order ignored", QStringLiteral("jsonb"));
    typed("interval", QStringLiteral("interval day to second(3)"));
    typed("array", QStringLiteral("integer[]"));
    typed("quoted type name", QStringLiteral("\"char\""));
    typed("schema-qualified enum", QStringLiteral("other.mood"));
    typed("range", QStringLiteral("tstzrange"));
    const auto text = [](const char *name, const QString &type) {
        QTest::newRow(name) << type << false << QStringLiteral("\"v\"::text IS NOT DISTINCT FROM $2::") + type + QStringLiteral("::text");
    };
    text("json: no equality", QStringLiteral("json"));
    text("xml: no equality", QStringLiteral("xml"));
    text("box: = compares areas", QStringLiteral("box"));
    text("point: no equality", QStringLiteral("point"));
    text("array of json", QStringLiteral("json[]"));
    QTest::newRow("type unknown: the server infers it") << QString() << true << QStringLiteral("\"v\" IS NOT DISTINCT FROM $2");
}

void TestDialect::unchangedConditionPostgres()
{
    QFETCH(QString, typeName);
    QFETCH(bool, typed);
    QFETCH(QString, sql);
    SqlParams params(DialectKind::Postgres);
    params.add(QStringLiteral("key"));
    const ComparedColumn column{QStringLiteral("v"), typeName, typed ? Equality::Typed : Equality::TextForm};
    QCOMPARE(dialectFor(DialectKind::Postgres).unchangedCondition(column, QStringLiteral("y     "), params), sql);
    // The value is bound as read, once.
    QCOMPARE(params.values(), QVariantList({QStringLiteral("key"), QStringLiteral("y     ")}));
}

void TestDialect::unchangedConditionSqlite_data()
{
    // SQLite compares in the stored storage class: IS alone says 5 IS 5.0.
    QTest::addColumn<QVariant>("value");
    QTest::newRow("integer beyond 2^53") << QVariant(qlonglong(9007199254740993LL));
    QTest::newRow("real, 17 digits") << QVariant(0.30000000000000004);
    QTest::newRow("text with NUL") << QVariant(QString::fromUtf8("a\0b", 3));
    QTest::newRow("blob") << QVariant(QByteArray("\x00\xff", 2));
    QTest::newRow("NULL") << QVariant();
}

void TestDialect::unchangedConditionSqlite()
{
    QFETCH(QVariant, value);
    SqlParams params(DialectKind::Sqlite);
    const ComparedColumn column{QStringLiteral("m\"x"), QStringLiteral("ignored"), Equality::TextForm};
    QCOMPARE(dialectFor(DialectKind::Sqlite).unchangedCondition(column, value, params),
             QStringLiteral("(\"m\"\"x\" IS ? AND typeof(\"m\"\"x\") = typeof(?))"));
    QCOMPARE(params.values().size(), 2);
    for (const QVariant &bound : params.values()) {
        QCOMPARE(bound.metaType(), value.metaType());   // bound in the class it was read in
        QCOMPARE(bound, value);
    }
}

STRATA_TEST_MAIN(TestDialect)
#include "tst_dialect.moc"
