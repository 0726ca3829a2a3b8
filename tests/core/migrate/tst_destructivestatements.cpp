// Destructive-statement detection (core/migrate/destructivestatements.h): what the
// migration panel's and the revision editor's confirmations list.

#include "migrate/destructivestatements.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::migrate;
using dialect::DialectKind;

namespace {
QString s(const char *t) { return QString::fromUtf8(t); }
} // namespace

class TestDestructiveStatements : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void found_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("expected");
        const int lite = int(DialectKind::Sqlite), pg = int(DialectKind::Postgres);
        QTest::newRow("drop table") << lite << s("CREATE TABLE a (x);\nDROP TABLE authors;")
                                    << QStringList{s("v.sql:11: DROP TABLE authors")};
        QTest::newRow("drop column") << lite << s("ALTER TABLE books\n  DROP COLUMN price;")
                                     << QStringList{s("v.sql:10: ALTER TABLE books DROP COLUMN price")};
        QTest::newRow("pg drop without COLUMN") << pg << s("ALTER TABLE books DROP price, ADD c int;")
                                                << QStringList{s("v.sql:10: ALTER TABLE books DROP price, ADD c int")};
        QTest::newRow("pg drop if exists") << pg << s("alter table books drop if exists price;")
                                           << QStringList{s("v.sql:10: alter table books drop if exists price")};
        QTest::newRow("kept: drop default, not null, constraint, identity, expression")
            << pg
            << s("ALTER TABLE b ALTER c DROP DEFAULT; ALTER TABLE b ALTER c DROP NOT NULL; ALTER TABLE b DROP CONSTRAINT k;\n"
                 "ALTER TABLE b ALTER c DROP IDENTITY; ALTER TABLE b ALTER c DROP EXPRESSION; DROP INDEX i; DROP VIEW v;")
            << QStringList();
        QTest::newRow("line comments before") << lite << s("-- gone\n-- for good\nDROP TABLE t;")
                                              << QStringList{s("v.sql:12: DROP TABLE t")};
        // Comments before a statement, strings and bodies are the lexer's: the regexes this
        // replaced took the DROP inside 'DROP x' for a dropped column.
        QTest::newRow("block comment before") << lite << s("/* old\n table */ DROP TABLE t;")
                                              << QStringList{s("v.sql:11: DROP TABLE t")};
        QTest::newRow("drop inside a string") << lite << s("ALTER TABLE t ADD c TEXT DEFAULT 'DROP x';")
                                              << QStringList();
        QTest::newRow("drop inside a body") << pg
                                            << s("CREATE FUNCTION f() RETURNS void AS $$ DROP TABLE t; $$ LANGUAGE sql;")
                                            << QStringList();
    }

    void found()
    {
        QFETCH(int, kind);
        QFETCH(QString, sql);
        QFETCH(QStringList, expected);
        QCOMPARE(destructiveStatements(sql, s("v.sql"), 10, DialectKind(kind)), expected);
    }
};

STRATA_TEST_MAIN(TestDestructiveStatements)
#include "tst_destructivestatements.moc"
