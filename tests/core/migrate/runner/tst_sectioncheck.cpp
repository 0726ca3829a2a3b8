// What is checked before a revision section runs (core/migrate/runner/sectioncheck.h) and
// the splitter/parser pieces it stands on: constructs left open at the end, statement-level
// first keywords, located errors, and the parser's warnings and locations.

#include "exec/statementsplitter.h"
#include "migrate/runner/sectioncheck.h"
#include "migrate/script/revisionfileparser.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::migrate;
using strata::dialect::DialectKind;
using strata::exec::StatementSplitter;

namespace {
QString s(const char *text) { return QString::fromUtf8(text); }
}

Q_DECLARE_METATYPE(strata::dialect::DialectKind)

class TestSectionCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unterminated_data();
    void unterminated();
    void leadingWords();
    void transactionControl_data();
    void transactionControl();
    void locatedErrors();
    void parserWarningsAndLocations();
};

void TestSectionCheck::unterminated_data()
{
    QTest::addColumn<DialectKind>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("offset");   // -1: nothing open
    QTest::addColumn<QString>("description");
    const auto pg = DialectKind::Postgres;
    const auto lite = DialectKind::Sqlite;
    QTest::newRow("closed") << pg << s("SELECT 'a'; /* b */ SELECT $$c$$;") << -1 << QString();
    QTest::newRow("comment") << pg << s("SELECT 1; /* x") << 10 << s("an unterminated /* comment");
    QTest::newRow("nested comment pg") << pg << s("/* a /* b */ SELECT 1;") << 0 << s("an unterminated /* comment");
    QTest::newRow("nested comment sqlite") << lite << s("/* a /* b */ SELECT 1;") << -1 << QString();
    QTest::newRow("string") << pg << s("SELECT 'x") << 7 << s("an unterminated string ('...)");
    QTest::newRow("escape string") << pg << s("SELECT E'x\\'") << 7 << s("an unterminated string (E'...)");
    QTest::newRow("identifier") << lite << s("SELECT \"x") << 7 << s("an unterminated quoted identifier (\"...)");
    QTest::newRow("bracket") << lite << s("SELECT [x") << 7 << s("an unterminated quoted identifier ([...)");
    QTest::newRow("dollar") << pg << s("DO $b$ BEGIN $$ END") << 3 << s("an unterminated dollar quote $b$");
    QTest::newRow("line comment is fine") << pg << s("SELECT 1; -- 'x") << -1 << QString();
}

void TestSectionCheck::unterminated()
{
    QFETCH(DialectKind, dialect);
    QFETCH(QString, sql);
    QFETCH(int, offset);
    QFETCH(QString, description);
    const auto open = StatementSplitter::unterminated(sql, dialect);
    QCOMPARE(open.has_value(), offset >= 0);
    if (open) {
        QCOMPARE(open->offset, offset);
        QCOMPARE(open->description(), description);
    }
}

void TestSectionCheck::leadingWords()
{
    const auto pg = DialectKind::Postgres;
    QCOMPARE(StatementSplitter::leadingWords(s("start  transaction isolation level"), 2, pg), QStringList({s("START"), s("TRANSACTION")}));
    QCOMPARE(StatementSplitter::leadingWords(s("/* c */ -- d\n commit"), 2, pg), QStringList{s("COMMIT")});
    QCOMPARE(StatementSplitter::leadingWords(s("(SELECT 1)"), 2, pg), QStringList());
    QCOMPARE(StatementSplitter::leadingWords(s("\"begin\" x"), 2, pg), QStringList());
}

void TestSectionCheck::transactionControl_data()
{
    QTest::addColumn<DialectKind>("dialect");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("line");   // 0: allowed
    const auto pg = DialectKind::Postgres;
    const auto lite = DialectKind::Sqlite;
    QTest::newRow("commit") << pg << s("CREATE TABLE a (x INT);\nCOMMIT;") << 2;
    QTest::newRow("end") << lite << s("SELECT 1;\n\n  END;") << 3;
    QTest::newRow("begin deferred") << lite << s("BEGIN DEFERRED;") << 1;
    QTest::newRow("prepare transaction") << pg << s("PREPARE TRANSACTION 'x';") << 1;
    QTest::newRow("prepare statement") << pg << s("PREPARE p AS SELECT 1;") << 0;
    QTest::newRow("rollback to savepoint") << pg << s("SELECT 1; ROLLBACK TO SAVEPOINT s;") << 1;
    QTest::newRow("plpgsql end") << pg << s("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$;") << 0;
    QTest::newRow("begin atomic") << pg << s("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;") << 0;
    QTest::newRow("case end") << pg << s("SELECT CASE WHEN true THEN 1 END;\nUPDATE t SET x = CASE x WHEN 1 THEN 2 END;") << 0;
    QTest::newRow("trigger body") << lite << s("CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  SELECT 1;\nEND;") << 0;
    QTest::newRow("raise rollback") << lite << s("CREATE TRIGGER t BEFORE DELETE ON a BEGIN SELECT RAISE(ROLLBACK, 'no'); END;") << 0;
    QTest::newRow("in a string") << pg << s("SELECT 'COMMIT';\nSELECT \"end\" FROM t;") << 0;
    QTest::newRow("rule body") << pg << s("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); COMMIT);") << 0;
}

void TestSectionCheck::transactionControl()
{
    QFETCH(DialectKind, dialect);
    QFETCH(QString, sql);
    QFETCH(int, line);
    const Status st = checkTransactionControl(sql, dialect, s("v/a.sql"), 10);
    QCOMPARE(st.ok(), line == 0);
    if (!st.ok()) {
        QVERIFY2(st.error().message.startsWith(s("v/a.sql:%1: ").arg(9 + line)), qPrintable(st.error().message));
        QVERIFY(st.error().message.contains(s("'-- transactional: false'")));
        QCOMPARE(st.error().location.file, s("v/a.sql"));
        QCOMPARE(st.error().location.line, 9 + line);
        QVERIFY(checkSection(sql, dialect, false, s("v/a.sql"), 10).ok());   // allowed when not transactional
    }
}

void TestSectionCheck::locatedErrors()
{
    const Status nul = checkComplete(s("SELECT 1;\n  SELECT 2;") + QChar(u'\0'), DialectKind::Sqlite, s("v/b.sql"), 5);
    QVERIFY(!nul.ok());
    QCOMPARE(nul.error().location.line, 6);
    QCOMPARE(nul.error().location.column, 12);
    QVERIFY(nul.error().message.startsWith(s("v/b.sql:6: a NUL character")));
    const Status open = checkComplete(s("SELECT 1;\n\nSELECT 'abc"), DialectKind::Postgres, QString(), 1);
    QVERIFY(!open.ok());
    QCOMPARE(open.error().message.left(29), s("an unterminated string ('...)"));   // no file: no prefix
    QCOMPARE(open.error().location.line, 3);
    QCOMPARE(open.error().location.column, 8);
}

void TestSectionCheck::parserWarningsAndLocations()
{
    const Result<RevisionScript> r = RevisionFileParser::parse(
        s("-- revision: a1\n-- down_revision: none\n-- +upgrade\n-- transactional: false\n-- REVIEW: fine\n"
          "SELECT '\n-- message: inside a string\n';\n-- +downgrade\n--created: late\n"),
        s("f.sql"));
    QVERIFY(r.ok());
    QCOMPARE(r->warnings.size(), 2);
    QCOMPARE(r->warnings[0].location.line, 4);
    QCOMPARE(r->warnings[0].text(), s("f.sql:4: warning: '-- transactional:' below the first section is SQL (a comment), not a "
                                      "header: move it above the first '-- +upgrade' line"));
    QCOMPARE(r->warnings[1].location.line, 10);
    QVERIFY(r->transactional);
    const Result<RevisionScript> bad = RevisionFileParser::parse(s("-- revision: a1\n-- down_revision: none\n-- colour: red\n"), s("f.sql"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().location.file, s("f.sql"));
    QCOMPARE(bad.error().location.line, 3);
}

STRATA_TEST_MAIN(TestSectionCheck)
#include "tst_sectioncheck.moc"
