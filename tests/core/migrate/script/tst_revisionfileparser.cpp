#include "migrate/script/inifile.h"
#include "migrate/script/revisionfileparser.h"
#include "migrate/script/revisionwriter.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::migrate;

namespace {
QString s(const char *text) { return QString::fromUtf8(text); }
}

class TestRevisionFileParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fullFile();
    void mergeAndDialectSections();
    void malformed_data();
    void malformed();
    void sectionChoice();
    void checksumIgnoresWhitespaceStyle();
    void nulCharacterRefused();
    void crOnlyLineEnds();
    void crAtTheEndOfTheFile();
    void markerInsideQuotedNameIsSql();
    void markerInsideUnclosedStringIsAnError();
    void eitherDialectSeesTheMarker();
    void iniFile();
    void iniErrors();
};

void TestRevisionFileParser::fullFile()
{
    const QString text = s("-- revision: 1975ea83b712\r\n"
                           "-- down_revision: none\r\n"
                           "-- message: create books table\r\n"
                           "-- branch_labels: reviews, extra\r\n"
                           "-- depends_on: 27c6a30d7c24\r\n"
                           "-- transactional: false\r\n"
                           "-- created: 2026-11-21 10:00:00\r\n"
                           "-- a free comment line\r\n"
                           "\r\n"
                           "-- +upgrade\r\n"
                           "\r\n"
                           "CREATE TABLE books (id INTEGER);\r\n"
                           "-- not a header: here\r\n"
                           "\r\n"
                           "-- +downgrade\r\n"
                           "DROP TABLE books;\r\n");
    const Result<RevisionScript> r = RevisionFileParser::parse(text, s("versions/a.sql"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->id, s("1975ea83b712"));
    QVERIFY(r->downRevisions.isEmpty());
    QCOMPARE(r->message, s("create books table"));
    QCOMPARE(r->branchLabels, QStringList({s("reviews"), s("extra")}));
    QCOMPARE(r->dependsOn, QStringList({s("27c6a30d7c24")}));
    QVERIFY(!r->transactional);
    QCOMPARE(r->created, s("2026-11-21 10:00:00"));
    QCOMPARE(r->sections.value(s("upgrade")).sql, s("CREATE TABLE books (id INTEGER);\n-- not a header: here"));
    QCOMPARE(r->sections.value(s("upgrade")).line, 12);
    QCOMPARE(r->sections.value(s("downgrade")).sql, s("DROP TABLE books;"));
    QCOMPARE(r->revisionLine, 1);
    QCOMPARE(r->downRevisionLine, 2);
}

void TestRevisionFileParser::mergeAndDialectSections()
{
    const QString text = s("-- revision: m1\n-- down_revision: a1 ,b2,  c3\n-- message: merge\n"
                           "-- +upgrade postgresql\nSELECT 1;\n-- +upgrade sqlite\nSELECT 2;\n-- +downgrade\n");
    const Result<RevisionScript> r = RevisionFileParser::parse(text, s("m.sql"));
    QVERIFY(r.ok());
    QCOMPARE(r->downRevisions, QStringList({s("a1"), s("b2"), s("c3")}));
    QCOMPARE(r->sections.value(s("upgrade postgresql")).sql, s("SELECT 1;"));
    QCOMPARE(r->sections.value(s("upgrade sqlite")).sql, s("SELECT 2;"));
    QVERIFY(r->sections.contains(s("downgrade")));
    QCOMPARE(r->sections.value(s("downgrade")).sql, QString());
}

void TestRevisionFileParser::malformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing id") << s("-- down_revision: none\n-- +upgrade\n") << s("f.sql:1: missing '-- revision:' header");
    QTest::newRow("missing down_revision") << s("-- revision: a1\n-- +upgrade\n")
                                           << s("f.sql:1: missing '-- down_revision:' header (use 'none' for a base revision)");
    QTest::newRow("duplicate id key") << s("-- revision: a1\n-- revision: a2\n-- down_revision: none\n-- +upgrade\n")
                                      << s("f.sql:2: duplicate header key 'revision'");
    QTest::newRow("unknown key") << s("-- revision: a1\n-- down_revision: none\n-- author: me\n-- +upgrade\n")
                                 << s("f.sql:3: unknown header key 'author' (known: revision, down_revision, message, "
                                      "branch_labels, depends_on, transactional, created)");
    QTest::newRow("no upgrade") << s("-- revision: a1\n-- down_revision: none\n-- +downgrade\nSELECT 1;")
                                << s("f.sql:4: no '-- +upgrade' section");
    QTest::newRow("id too long") << s("-- revision: 0123456789abcdef0123456789abcdef0\n-- down_revision: none\n-- +upgrade\n")
                                 << s("f.sql:1: revision id '0123456789abcdef0123456789abcdef0' is 33 characters long; "
                                      "at most 32 fit the version table");
    QTest::newRow("id with dash") << s("-- revision: a-1\n-- down_revision: none\n-- +upgrade\n")
                                  << s("f.sql:1: revision id 'a-1' contains '@', '-', '+', ',' or a space");
    QTest::newRow("reserved id") << s("-- revision: head\n-- down_revision: none\n-- +upgrade\n")
                                 << s("f.sql:1: 'head' is a reserved word and cannot be a revision id");
    QTest::newRow("bad parent id") << s("-- revision: a1\n-- down_revision: x+1\n-- +upgrade\n")
                                   << s("f.sql:2: revision id 'x+1' contains '@', '-', '+', ',' or a space");
    QTest::newRow("transactional") << s("-- revision: a1\n-- down_revision: none\n-- transactional: maybe\n-- +upgrade\n")
                                   << s("f.sql:3: transactional must be true or false, not 'maybe'");
    QTest::newRow("sql in header") << s("-- revision: a1\n-- down_revision: none\nCREATE TABLE t (x INT);\n-- +upgrade\n")
                                   << s("f.sql:3: SQL before the first '-- +upgrade' section");
    QTest::newRow("unknown section") << s("-- revision: a1\n-- down_revision: none\n-- +upgrad\n")
                                     << s("f.sql:3: unknown section '-- +upgrad' (expected +upgrade or +downgrade)");
    QTest::newRow("unknown dialect") << s("-- revision: a1\n-- down_revision: none\n-- +upgrade mysql\n")
                                     << s("f.sql:3: unknown dialect 'mysql' in '-- +upgrade mysql' (expected sqlite or postgresql)");
    QTest::newRow("duplicate section") << s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nA;\n-- +upgrade\nB;\n")
                                       << s("f.sql:5: duplicate section '-- +upgrade'");
    QTest::newRow("empty file") << QString() << s("f.sql:1: missing '-- revision:' header");
}

void TestRevisionFileParser::malformed()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<RevisionScript> r = RevisionFileParser::parse(text, s("f.sql"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().kind, ErrorKind::Syntax);
}

void TestRevisionFileParser::sectionChoice()
{
    const Result<RevisionScript> r = RevisionFileParser::parse(
        s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nGENERIC;\n-- +upgrade postgresql\nPG;\n"), s("f.sql"));
    QVERIFY(r.ok());
    QCOMPARE(r->section(Direction::Upgrade, s("postgresql"))->sql, s("PG;"));
    QCOMPARE(r->section(Direction::Upgrade, s("sqlite"))->sql, s("GENERIC;"));
    const Result<RevisionSection> none = r->section(Direction::Downgrade, s("sqlite"));
    QVERIFY(!none.ok());
    QCOMPARE(none.error().message, s("f.sql: revision a1 has no '-- +downgrade' section for sqlite"));
    const Result<RevisionScript> pgOnly = RevisionFileParser::parse(
        s("-- revision: a1\n-- down_revision: none\n-- +upgrade postgresql\nPG;\n"), s("f.sql"));
    QVERIFY(pgOnly.ok());
    QVERIFY(!pgOnly->section(Direction::Upgrade, s("sqlite")).ok());
}

void TestRevisionFileParser::checksumIgnoresWhitespaceStyle()
{
    const QString a = sqlChecksum(s("CREATE TABLE t (x INT);\nDROP TABLE u;"));
    QCOMPARE(sqlChecksum(s("CREATE TABLE t (x INT);   \r\nDROP TABLE u;\t\r\n\r\n")), a);
    QCOMPARE(sqlChecksum(s("\nCREATE TABLE t (x INT);\rDROP TABLE u;")), a);
    QVERIFY(sqlChecksum(s("CREATE TABLE t (x  INT);\nDROP TABLE u;")) != a);
    QVERIFY(sqlChecksum(s("create table t (x INT);\nDROP TABLE u;")) != a);
    QCOMPARE(a.size(), 64);
}

// A NUL would stop libpq and SQLite reading the SQL: refused at parse time with file:line.
void TestRevisionFileParser::nulCharacterRefused()
{
    const QString text = s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nCREATE TABLE a (x INT);\nSELECT 1;")
                         + QChar(u'\0') + s(" DROP TABLE a;\n");
    const Result<RevisionScript> r = RevisionFileParser::parse(text, s("f.sql"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(s("f.sql:5: a NUL character (column 10)")), qPrintable(r.error().message));
    QCOMPARE(r.error().kind, ErrorKind::Syntax);
}

// A file saved with classic Mac line ends (\r only) reads as lines, not as one 139-character id.
void TestRevisionFileParser::crOnlyLineEnds()
{
    const QString text = s("-- revision: a1\r-- down_revision: none\r-- message: mac\r\r-- +upgrade\r"
                           "CREATE TABLE a (x INT);\rCREATE TABLE b (y INT);\r\r-- +downgrade\rDROP TABLE b;\rDROP TABLE a;\r");
    const Result<RevisionScript> r = RevisionFileParser::parse(text, s("f.sql"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->id, s("a1"));
    QCOMPARE(r->message, s("mac"));
    QCOMPARE(r->sections.value(s("upgrade")).sql, s("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);"));
    QCOMPARE(r->sections.value(s("upgrade")).line, 6);
    QCOMPARE(r->sections.value(s("downgrade")).sql, s("DROP TABLE b;\nDROP TABLE a;"));
    // a lone \r in a file with \n line ends is text (it may be inside a quoted name)
    const Result<RevisionScript> mixed = RevisionFileParser::parse(
        s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nALTER TABLE t ADD COLUMN \"a\rb\" INT;\n"), s("f.sql"));
    QVERIFY(mixed.ok());
    QCOMPARE(mixed->sections.value(s("upgrade")).sql, s("ALTER TABLE t ADD COLUMN \"a\rb\" INT;"));
}

// Found by fuzz_revisionfile (corpus regression-trailing-cr): a file with \n line ends whose
// last line ends in a lone \r kept that \r in the SQL; written back, it became a \r\n line
// end, so the revision did not read back as written (RevisionWriter refused it).
void TestRevisionFileParser::crAtTheEndOfTheFile()
{
    const Result<RevisionScript> r =
        RevisionFileParser::parse(s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nSELECT 1;\r"), s("f.sql"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->sections.value(s("upgrade")).sql, s("SELECT 1;"));
    const Status back = RevisionWriter::checkReadsBack(*r);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    // Found next (corpus regression-cr-run-before-line-end): a run of \r before a line end or
    // the end of the file; a \r inside a line stays.
    const Result<RevisionScript> runs = RevisionFileParser::parse(
        s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nSELECT 1;\r\r\n-- x\ry\r\r\r"), s("f.sql"));
    QVERIFY2(runs.ok(), qPrintable(runs.ok() ? QString() : runs.error().message));
    QCOMPARE(runs->sections.value(s("upgrade")).sql, s("SELECT 1;\n-- x\ry"));
    const Status runsBack = RevisionWriter::checkReadsBack(*runs);
    QVERIFY2(runsBack.ok(), qPrintable(runsBack.ok() ? QString() : runsBack.error().message));
}

// A name or string whose text holds a line "-- +downgrade" is SQL, not a section marker.
void TestRevisionFileParser::markerInsideQuotedNameIsSql()
{
    const QString upgrade = s("ALTER TABLE t ADD COLUMN \"a\n-- +downgrade\nDELETE FROM keep; --\" TEXT;\n"
                              "INSERT INTO t VALUES ('x\n-- +upgrade sqlite\n');\n"
                              "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n-- +downgrade\nSELECT 1 $$;\n"
                              "/* a comment\n-- +downgrade\n*/ SELECT 2;");
    const QString text = s("-- revision: a1\n-- down_revision: none\n-- +upgrade\n") + upgrade
                         + s("\n-- +downgrade\nALTER TABLE t DROP COLUMN \"a\n-- +downgrade\nDELETE FROM keep; --\";\n");
    const Result<RevisionScript> r = RevisionFileParser::parse(text, s("f.sql"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->sections.keys(), QStringList({s("downgrade"), s("upgrade")}));
    QCOMPARE(r->sections.value(s("upgrade")).sql, upgrade);
    QCOMPARE(r->sections.value(s("downgrade")).sql, s("ALTER TABLE t DROP COLUMN \"a\n-- +downgrade\nDELETE FROM keep; --\";"));
}

// A string never closed runs over the next marker: the file is refused where the string opens.
void TestRevisionFileParser::markerInsideUnclosedStringIsAnError()
{
    const QString text = s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nCREATE TABLE a (x INT);\n"
                           "INSERT INTO a VALUES ('oops);\n\n-- +downgrade\nDROP TABLE a;\n");
    const Result<RevisionScript> r = RevisionFileParser::parse(text, s("f.sql"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.startsWith(s("f.sql:5: ")), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(s("the section marker on line 7 is inside it")), qPrintable(r.error().message));
}

// A plain section is read by both dialects' lexers: a marker counts when either sees code there
// (PostgreSQL's E'it\'s' is a closed string; SQLite would read a string left open).
void TestRevisionFileParser::eitherDialectSeesTheMarker()
{
    const Result<RevisionScript> r = RevisionFileParser::parse(
        s("-- revision: a1\n-- down_revision: none\n-- +upgrade\nSELECT E'it\\'s';\n-- +downgrade\nSELECT 1;\n"), s("f.sql"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->sections.value(s("upgrade")).sql, s("SELECT E'it\\'s';"));
    QCOMPARE(r->sections.value(s("downgrade")).sql, s("SELECT 1;"));
    // a section for SQLite alone is read by SQLite's lexer only
    const Result<RevisionScript> sqlite = RevisionFileParser::parse(
        s("-- revision: a1\n-- down_revision: none\n-- +upgrade sqlite\nSELECT [a\n-- +downgrade\n];\n"), s("f.sql"));
    QVERIFY(sqlite.ok());
    QCOMPARE(sqlite->sections.keys(), QStringList{s("upgrade sqlite")});
}

void TestRevisionFileParser::iniFile()
{
    const Result<IniFile> ini = IniFile::parse(
        s("# comment\n[strata]\nscript_location = %(here)s/versions\nurl: postgresql://u@h/db?a=1,b=2\n"
          "file_template = %%(rev)s_%%(slug)s\nmulti = one\n  two\n; another comment\n[other]\nx=1\n"),
        s("strata.ini"), s("/proj"));
    QVERIFY(ini.ok());
    QCOMPARE(ini->value(s("strata"), s("script_location")), s("/proj/versions"));
    QCOMPARE(ini->value(s("strata"), s("url")), s("postgresql://u@h/db?a=1,b=2"));
    QCOMPARE(ini->value(s("strata"), s("file_template")), s("%(rev)s_%(slug)s"));
    QCOMPARE(ini->value(s("strata"), s("multi")), s("one\ntwo"));
    QCOMPARE(ini->value(s("other"), s("x")), s("1"));
    QCOMPARE(ini->value(s("other"), s("missing"), s("dflt")), s("dflt"));
}

void TestRevisionFileParser::iniErrors()
{
    QCOMPARE(IniFile::parse(s("key = 1\n"), s("a.ini")).error().message, s("a.ini:1: a setting before the first [section]"));
    QCOMPARE(IniFile::parse(s("[s]\nnovalue\n"), s("a.ini")).error().message, s("a.ini:2: expected 'key = value'"));
    QCOMPARE(IniFile::parse(s("[s]\na=1\na=2\n"), s("a.ini")).error().message, s("a.ini:3: duplicate key 'a' in [s]"));
    const Result<IniFile> ini = IniFile::parse(s("[s]\nb = perhaps\n"), s("a.ini"));
    QVERIFY(!ini->boolValue(s("s"), s("b"), false).ok());
}

STRATA_TEST_MAIN(TestRevisionFileParser)
#include "tst_revisionfileparser.moc"
