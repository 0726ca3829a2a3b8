#include "migrate/script/inifile.h"
#include "migrate/script/revisionfileparser.h"
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
