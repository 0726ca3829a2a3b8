// The splitter on a corpus of tricky scripts, in both dialects: every construct that may
// hold a ';' (strings, identifiers, dollar quotes, E'' escapes, nested comments, routine and
// trigger bodies), empty statements, trailing comments, no final ';', CRLF line ends, and
// the positions (offset, line, column) the console maps errors with.

#include "exec/statementsplitter.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata::exec;

namespace {
QString s(const char *text) { return QString::fromUtf8(text); }
QStringList texts(const QString &sql, DialectKind d = DialectKind::Postgres)
{
    QStringList out;
    for (const SqlStatement &st : StatementSplitter::split(sql, d))
        out.append(st.text);
    return out;
}
}

Q_DECLARE_METATYPE(strata::dialect::DialectKind)

class TestStatementSplitter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cases_data();
    void cases();
    void sqliteOnly_data();
    void sqliteOnly();
    void positions();
    void crlf();
    void range();
    void terminated();
    void statementAt();
    void dollarInsideNames();
    void lexerResumesAcrossLines();
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
    QTest::newRow("e escape lower") << s("SELECT e'\\\\'; SELECT ';'") << QStringList({s("SELECT e'\\\\'"), s("SELECT ';'")});
    QTest::newRow("plain backslash") << s("SELECT 'a\\'; SELECT 2") << QStringList({s("SELECT 'a\\'"), s("SELECT 2")});
    QTest::newRow("identifier") << s("CREATE TABLE \"a;\"\"b\" (x INT); SELECT 2")
                                << QStringList({s("CREATE TABLE \"a;\"\"b\" (x INT)"), s("SELECT 2")});
    QTest::newRow("dollar") << s("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2")
                            << QStringList({s("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"), s("SELECT 2")});
    QTest::newRow("dollar tag") << s("DO $body$ BEGIN PERFORM 1; $$ still; END $body$; SELECT 2")
                                << QStringList({s("DO $body$ BEGIN PERFORM 1; $$ still; END $body$"), s("SELECT 2")});
    QTest::newRow("plpgsql function") << s("CREATE OR REPLACE FUNCTION g(a int) RETURNS int LANGUAGE plpgsql AS $fn$\n"
                                           "BEGIN\n  IF a > 0 THEN RETURN 1; END IF;\n  RAISE NOTICE 'x;y';\n  RETURN 0;\nEND;\n$fn$;\nSELECT g(1);")
                                      << QStringList({s("CREATE OR REPLACE FUNCTION g(a int) RETURNS int LANGUAGE plpgsql AS $fn$\n"
                                                        "BEGIN\n  IF a > 0 THEN RETURN 1; END IF;\n  RAISE NOTICE 'x;y';\n  RETURN 0;\nEND;\n$fn$"),
                                                      s("SELECT g(1)")});
    QTest::newRow("begin atomic") << s("CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 END; SELECT 2; END; SELECT 3")
                                  << QStringList({s("CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 END; SELECT 2; END"),
                                                  s("SELECT 3")});
    QTest::newRow("procedure atomic") << s("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;")
                                      << QStringList({s("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END")});
    QTest::newRow("positional param not a quote") << s("PREPARE p AS SELECT $1; SELECT 2")
                                                  << QStringList({s("PREPARE p AS SELECT $1"), s("SELECT 2")});
    QTest::newRow("identifier with dollar") << s("SELECT a$b$ FROM t; SELECT 2") << QStringList({s("SELECT a$b$ FROM t"), s("SELECT 2")});
    QTest::newRow("line comment") << s("SELECT 1; -- a; comment\nSELECT 2;") << QStringList({s("SELECT 1"), s("SELECT 2")});
    QTest::newRow("comment inside") << s("SELECT 1 -- one;\n, 2; SELECT 3") << QStringList({s("SELECT 1 -- one;\n, 2"), s("SELECT 3")});
    QTest::newRow("only comments dropped") << s("SELECT 1; -- end;\n/* x; */") << QStringList({s("SELECT 1")});
    QTest::newRow("trailing comment, no semicolon") << s("SELECT 1\n-- done; really") << QStringList({s("SELECT 1")});
    QTest::newRow("nested block comment") << s("SELECT /* a /* b; */ c; */ 1; SELECT 2")
                                          << QStringList({s("SELECT /* a /* b; */ c; */ 1"), s("SELECT 2")});
    QTest::newRow("trigger") << s("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = CASE WHEN 1 THEN 2 END; DELETE FROM c; END; SELECT 2")
                             << QStringList({s("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = CASE WHEN 1 THEN 2 END; DELETE FROM c; END"),
                                             s("SELECT 2")});
    QTest::newRow("temp trigger") << s("CREATE TEMP TRIGGER t BEFORE DELETE ON a BEGIN SELECT 1; END;")
                                  << QStringList({s("CREATE TEMP TRIGGER t BEFORE DELETE ON a BEGIN SELECT 1; END")});
    QTest::newRow("pg trigger has no body") << s("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f(); SELECT 1")
                                            << QStringList({s("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f()"), s("SELECT 1")});
    QTest::newRow("begin transaction not a block") << s("BEGIN; SELECT 1; COMMIT;") << QStringList({s("BEGIN"), s("SELECT 1"), s("COMMIT")});
    QTest::newRow("case in select") << s("SELECT CASE WHEN x THEN 1 END FROM t; SELECT 2") << QStringList({s("SELECT CASE WHEN x THEN 1 END FROM t"), s("SELECT 2")});
    QTest::newRow("empty") << s("  ;; \n") << QStringList();
    QTest::newRow("empty statements between") << s("SELECT 1;;\n;SELECT 2") << QStringList({s("SELECT 1"), s("SELECT 2")});
    QTest::newRow("unterminated string") << s("SELECT 1; SELECT 'abc; SELECT 2") << QStringList({s("SELECT 1"), s("SELECT 'abc; SELECT 2")});
    // psql tracks parenthesis depth: a ';' inside ( ) never ends a statement
    QTest::newRow("rule with semicolons in parentheses")
        << s("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (new.x); INSERT INTO b VALUES (new.x)); SELECT 2")
        << QStringList({s("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (new.x); INSERT INTO b VALUES (new.x))"),
                        s("SELECT 2")});
    QTest::newRow("nested parentheses") << s("SELECT ((1); (2)); SELECT 3") << QStringList({s("SELECT ((1); (2))"), s("SELECT 3")});
    QTest::newRow("stray closing parenthesis") << s("SELECT 1); SELECT (2;)") << QStringList({s("SELECT 1)"), s("SELECT (2;)")});
    QTest::newRow("parenthesis in a string") << s("SELECT '('; SELECT 2") << QStringList({s("SELECT '('"), s("SELECT 2")});
    QTest::newRow("cast is not a parameter") << s("SELECT '1'::int; SELECT 2") << QStringList({s("SELECT '1'::int"), s("SELECT 2")});
}

void TestStatementSplitter::cases()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    QCOMPARE(texts(sql), expected);
}

void TestStatementSplitter::sqliteOnly_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("backtick") << s("SELECT `a;b` FROM t; SELECT 2") << QStringList({s("SELECT `a;b` FROM t"), s("SELECT 2")});
    QTest::newRow("bracket") << s("SELECT [a;b] FROM t; SELECT 2") << QStringList({s("SELECT [a;b] FROM t"), s("SELECT 2")});
    QTest::newRow("dollar is a parameter") << s("SELECT $a; SELECT 2") << QStringList({s("SELECT $a"), s("SELECT 2")});
    QTest::newRow("no E escapes") << s("SELECT E'\\'; SELECT 2") << QStringList({s("SELECT E'\\'"), s("SELECT 2")});
    QTest::newRow("trigger with case") << s("CREATE TRIGGER IF NOT EXISTS tr AFTER UPDATE ON a FOR EACH ROW BEGIN\n"
                                            "  INSERT INTO log VALUES (CASE new.x WHEN 1 THEN 'one;' ELSE 'other' END);\n"
                                            "  UPDATE b SET y = (SELECT CASE WHEN 1 THEN 2 END);\nEND;\nSELECT 1")
                                         << QStringList({s("CREATE TRIGGER IF NOT EXISTS tr AFTER UPDATE ON a FOR EACH ROW BEGIN\n"
                                                           "  INSERT INTO log VALUES (CASE new.x WHEN 1 THEN 'one;' ELSE 'other' END);\n"
                                                           "  UPDATE b SET y = (SELECT CASE WHEN 1 THEN 2 END);\nEND"),
                                                         s("SELECT 1")});
    QTest::newRow("trigger with parentheses and subquery")
        << s("CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n  INSERT INTO log (x) VALUES ((SELECT max(x) FROM a));\n"
             "  DELETE FROM b WHERE y IN (SELECT y FROM c);\nEND;\nCREATE TABLE d (x INT); SELECT 2")
        << QStringList({s("CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n  INSERT INTO log (x) VALUES ((SELECT max(x) FROM a));\n"
                          "  DELETE FROM b WHERE y IN (SELECT y FROM c);\nEND"),
                        s("CREATE TABLE d (x INT)"), s("SELECT 2")});
    QTest::newRow("bracket names hold parentheses") << s("SELECT [a(] FROM t; SELECT 2") << QStringList({s("SELECT [a(] FROM t"), s("SELECT 2")});
}

void TestStatementSplitter::sqliteOnly()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    QCOMPARE(texts(sql, DialectKind::Sqlite), expected);
}

void TestStatementSplitter::positions()
{
    const QString sql = s("SELECT 1;\n\n  SELECT\n 2;\n'x\ny';  SELECT 3");
    const QList<SqlStatement> st = StatementSplitter::split(sql);
    QCOMPARE(st.size(), 4);
    QCOMPARE(st[0].line, 0);
    QCOMPARE(st[1].line, 2);
    QCOMPARE(st[1].column, 2);
    QCOMPARE(st[1].offset, 13);
    QCOMPARE(sql.mid(st[1].offset, st[1].length), st[1].text);
    QCOMPARE(st[2].line, 4);
    QCOMPARE(st[3].line, 5);
    QCOMPARE(st[3].column, 5);
    QVERIFY(st[2].terminated);
    QVERIFY(!st[3].terminated);
    const TextPosition p = positionOf(sql, st[3].offset + 7);
    QCOMPARE(p.line, 5);
    QCOMPARE(p.column, 12);
}

void TestStatementSplitter::crlf()
{
    const QString sql = s("SELECT 1;\r\n-- c;\r\nSELECT\r\n  'a;\r\nb';\r\n");
    const QList<SqlStatement> st = StatementSplitter::split(sql);
    QCOMPARE(st.size(), 2);
    QCOMPARE(st[0].text, s("SELECT 1"));
    QCOMPARE(st[1].text, s("SELECT\r\n  'a;\r\nb'"));
    QCOMPARE(st[1].line, 2);
    QCOMPARE(st[1].column, 0);
}

void TestStatementSplitter::range()
{
    const QString sql = s("SELECT 0;\nSELECT 1; SELECT 2;\nSELECT 3;");
    const int from = int(sql.indexOf(s("SELECT 1")));
    const int to = int(sql.indexOf(s("SELECT 3")));
    const QList<SqlStatement> st = StatementSplitter::split(sql, from, to, DialectKind::Postgres);
    QCOMPARE(st.size(), 2);
    QCOMPARE(st[1].text, s("SELECT 2"));
    QCOMPARE(st[1].line, 1);
    QCOMPARE(st[1].column, 10);
}

void TestStatementSplitter::terminated()
{
    QVERIFY(StatementSplitter::isTerminated(s("SELECT 1;")));
    QVERIFY(StatementSplitter::isTerminated(s("SELECT 1; -- done")));
    QVERIFY(!StatementSplitter::isTerminated(s("SELECT 1")));
    QVERIFY(!StatementSplitter::isTerminated(s("SELECT 1 -- ;")));
    QVERIFY(StatementSplitter::isTerminated(s("")));
    QVERIFY(!StatementSplitter::isTerminated(s("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;"), DialectKind::Sqlite));
}

void TestStatementSplitter::statementAt()
{
    const QString sql = s("SELECT 1;\nSELECT 2;\n\nSELECT 3");
    QCOMPARE(StatementSplitter::statementAt(sql, 0)->text, s("SELECT 1"));
    QCOMPARE(StatementSplitter::statementAt(sql, 8)->text, s("SELECT 1"));
    QCOMPARE(StatementSplitter::statementAt(sql, 9)->text, s("SELECT 1"));   // just after the ';'
    QCOMPARE(StatementSplitter::statementAt(sql, 12)->text, s("SELECT 2"));
    QCOMPARE(StatementSplitter::statementAt(sql, int(sql.size()))->text, s("SELECT 3"));
    QVERIFY(!StatementSplitter::statementAt(s("  -- nothing"), 3).has_value());
}

void TestStatementSplitter::dollarInsideNames()
{
    // SQLite, like PostgreSQL, continues a bare name with '$': a$b is one identifier (a
    // leading $ still starts a parameter on SQLite).
    for (DialectKind kind : {DialectKind::Sqlite, DialectKind::Postgres}) {
        const QList<SqlToken> tokens = SqlLexer::codeTokens(kind, s("SELECT a$b FROM t"));
        QCOMPARE(tokens.size(), 4);
        QCOMPARE(tokens.at(1).kind, TokenKind::Word);
        QCOMPARE(tokens.at(1).length, 3);
    }
    const QList<SqlToken> parameter = SqlLexer::codeTokens(DialectKind::Sqlite, s("SELECT $a$b"));
    QCOMPARE(parameter.size(), 2);
    QCOMPARE(parameter.at(1).kind, TokenKind::Parameter);
    QCOMPARE(parameter.at(1).length, 4);
}

void TestStatementSplitter::lexerResumesAcrossLines()
{
    // the highlighter lexes line by line; the state carried between lines must give the
    // same tokens as lexing the whole text
    const QString sql = s("SELECT $x$ a\nb $x$, /* c /* d\n*/ e\n*/ 'f\ng', E'h\\'\ni' FROM t");
    QList<TokenKind> whole;
    for (const SqlToken &t : SqlLexer::tokenize(DialectKind::Postgres, sql))
        whole.append(t.kind);
    QList<TokenKind> pieces;
    LexState state;
    int lineStart = 0;
    while (lineStart <= sql.size()) {
        int lineEnd = int(sql.indexOf(QLatin1Char('\n'), lineStart));
        if (lineEnd < 0)
            lineEnd = int(sql.size());
        SqlLexer lexer(DialectKind::Postgres, sql, lineStart, lineEnd, state);
        SqlToken t;
        while (lexer.next(t)) {
            // a construct continued on the next line is the same token
            if (!pieces.isEmpty() && t.start == lineStart && state.mode != LexState::Mode::Code)
                continue;
            pieces.append(t.kind);
        }
        state = lexer.state();
        if (lineEnd < sql.size() && state.mode == LexState::Mode::Code)
            pieces.append(TokenKind::Whitespace);   // the '\n' the line split removed
        lineStart = lineEnd + 1;
    }
    // compare code tokens only: whitespace runs split differently at line ends
    auto code = [](const QList<TokenKind> &all) {
        QList<TokenKind> out;
        for (TokenKind k : all)
            if (k != TokenKind::Whitespace)
                out.append(k);
        return out;
    };
    QCOMPARE(code(pieces), code(whole));
    QCOMPARE(code(whole).count(TokenKind::BlockComment), 1);
    QCOMPARE(code(whole).count(TokenKind::String), 2);
    QCOMPARE(code(whole).count(TokenKind::DollarString), 1);
}

STRATA_TEST_MAIN(TestStatementSplitter)
#include "tst_statementsplitter.moc"
