#include "migrate/runner/statementsplitter.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata::migrate;

namespace {
QString s(const char *text) { return QString::fromUtf8(text); }
QStringList texts(const QString &sql)
{
    QStringList out;
    for (const SqlStatement &st : StatementSplitter::split(sql))
        out.append(st.text);
    return out;
}
}

class TestStatementSplitter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cases_data();
    void cases();
    void lines();
    void terminated();
};

void TestStatementSplitter::cases_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("simple") << s("SELECT 1; SELECT 2;") << QStringList({s("SELECT 1"), s("SELECT 2")});
    QTest::newRow("no final semicolon") << s("SELECT 1;\nSELECT 2") << QStringList({s("SELECT 1"), s("SELECT 2")});
    QTest::newRow("quote") << s("SELECT 'a;b'; SELECT 2") << QStringList({s("SELECT 'a;b'"), s("SELECT 2")});
    QTest::newRow("doubled quote") << s("SELECT 'it''s;'; SELECT 2") << QStringList({s("SELECT 'it''s;'"), s("SELECT 2")});
    QTest::newRow("E escape") << s("SELECT E'a\\';b'; SELECT 2") << QStringList({s("SELECT E'a\\';b'"), s("SELECT 2")});
    QTest::newRow("plain backslash") << s("SELECT 'a\\'; SELECT 2") << QStringList({s("SELECT 'a\\'"), s("SELECT 2")});
    QTest::newRow("identifier") << s("CREATE TABLE \"a;\"\"b\" (x INT); SELECT 2")
                                << QStringList({s("CREATE TABLE \"a;\"\"b\" (x INT)"), s("SELECT 2")});
    QTest::newRow("dollar") << s("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2")
                            << QStringList({s("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"), s("SELECT 2")});
    QTest::newRow("dollar tag") << s("DO $body$ BEGIN PERFORM 1; $$ still; END $body$; SELECT 2")
                                << QStringList({s("DO $body$ BEGIN PERFORM 1; $$ still; END $body$"), s("SELECT 2")});
    QTest::newRow("positional param not a quote") << s("PREPARE p AS SELECT $1; SELECT 2")
                                                  << QStringList({s("PREPARE p AS SELECT $1"), s("SELECT 2")});
    QTest::newRow("line comment") << s("SELECT 1; -- a; comment\nSELECT 2;") << QStringList({s("SELECT 1"), s("SELECT 2")});
    QTest::newRow("only comments dropped") << s("SELECT 1; -- end;\n/* x; */") << QStringList({s("SELECT 1")});
    QTest::newRow("nested block comment") << s("SELECT /* a /* b; */ c; */ 1; SELECT 2")
                                          << QStringList({s("SELECT /* a /* b; */ c; */ 1"), s("SELECT 2")});
    QTest::newRow("trigger") << s("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = CASE WHEN 1 THEN 2 END; DELETE FROM c; END; SELECT 2")
                             << QStringList({s("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = CASE WHEN 1 THEN 2 END; DELETE FROM c; END"),
                                             s("SELECT 2")});
    QTest::newRow("temp trigger") << s("CREATE TEMP TRIGGER t BEFORE DELETE ON a BEGIN SELECT 1; END;")
                                  << QStringList({s("CREATE TEMP TRIGGER t BEFORE DELETE ON a BEGIN SELECT 1; END")});
    QTest::newRow("begin transaction not a block") << s("BEGIN; SELECT 1; COMMIT;") << QStringList({s("BEGIN"), s("SELECT 1"), s("COMMIT")});
    QTest::newRow("empty") << s("  ;; \n") << QStringList();
}

void TestStatementSplitter::cases()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    QCOMPARE(texts(sql), expected);
}

void TestStatementSplitter::lines()
{
    const QList<SqlStatement> st = StatementSplitter::split(s("SELECT 1;\n\n  SELECT\n 2;\n'x\ny';"));
    QCOMPARE(st.size(), 3);
    QCOMPARE(st[0].line, 0);
    QCOMPARE(st[1].line, 2);
    QCOMPARE(st[2].line, 4);
    QCOMPARE(st[1].offset, 13);
}

void TestStatementSplitter::terminated()
{
    QVERIFY(StatementSplitter::isTerminated(s("SELECT 1;")));
    QVERIFY(StatementSplitter::isTerminated(s("SELECT 1; -- done")));
    QVERIFY(!StatementSplitter::isTerminated(s("SELECT 1")));
    QVERIFY(!StatementSplitter::isTerminated(s("SELECT 1 -- ;")));
    QVERIFY(StatementSplitter::isTerminated(s("")));
}

STRATA_TEST_MAIN(TestStatementSplitter)
#include "tst_statementsplitter.moc"
