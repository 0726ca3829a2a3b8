// The object tree's actions (issue 19): exact SQL per dialect, hostile names quoted, what
// SQLite cannot do refused before anything runs, and each action run for real on both
// databases (rows, structure and names checked afterwards).

#include "connection/connectionworker.h"
#include "exec/objectactions.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::exec;
using strata::dialect::DialectKind;
using strata::dialect::dialectFor;

namespace {

const dialect::Dialect &sqlite() { return dialectFor(DialectKind::Sqlite); }
const dialect::Dialect &pg() { return dialectFor(DialectKind::Postgres); }

QStringList sqlOf(const Result<ObjectActionSql> &action)
{
    return action ? action.value().statements : QStringList{QStringLiteral("error: ") + action.error().message};
}

QString s(const char *text) { return QString::fromUtf8(text); }

/// Runs the statements as runObjectAction does, on a plain test connection.
QString run(const QString &location, const Result<ObjectActionSql> &action)
{
    if (!action)
        return action.error().message;
    QString error;
    QSqlDatabase db = test::openTestDatabase(location, &error);
    if (!db.isOpen())
        return error;
    connection::ConnectionProfile profile;
    profile.driver = location.startsWith(QLatin1String("postgres")) ? DialectKind::Postgres : DialectKind::Sqlite;
    connection::NativeHandle native;
    connection::JobContext job{db, dialectFor(profile.driver), native, profile};
    const Status status = runObjectAction(job, action.value());
    test::closeTestDatabase(db);
    return status ? QString() : status.error().message;
}

} // namespace

class TestObjectActions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dropSql();
    void renameSql();
    void emptySql();
    void duplicateSql();
    void createIndexSql();
    void schemaSql();
    void hostileNamesAreQuoted();
    void emptyNamesAreRefused();
    void runsOnSqlite();
    void runsOnPostgres();
    void failedStatementRollsBackTheAction();
};

void TestObjectActions::dropSql()
{
    QCOMPARE(sqlOf(dropRelation(sqlite(), s("main"), s("books"), false)), QStringList{s("DROP TABLE \"main\".\"books\"")});
    QCOMPARE(sqlOf(dropRelation(pg(), s("public"), s("books"), false)), QStringList{s("DROP TABLE \"public\".\"books\"")});
    QCOMPARE(sqlOf(dropRelation(pg(), s("public"), s("long_books"), true)), QStringList{s("DROP VIEW \"public\".\"long_books\"")});
    QVERIFY(dropRelation(pg(), s("public"), s("books"), false).value().destroys.contains(s("all its rows")));
}

void TestObjectActions::renameSql()
{
    QCOMPARE(sqlOf(renameRelation(sqlite(), s("main"), s("books"), s("novels"), false)),
             QStringList{s("ALTER TABLE \"main\".\"books\" RENAME TO \"novels\"")});
    QCOMPARE(sqlOf(renameRelation(pg(), s("public"), s("books"), s("novels"), false)),
             QStringList{s("ALTER TABLE \"public\".\"books\" RENAME TO \"novels\"")});
    QCOMPARE(sqlOf(renameRelation(pg(), s("public"), s("v"), s("w"), true)), QStringList{s("ALTER VIEW \"public\".\"v\" RENAME TO \"w\"")});
    const auto sqliteView = renameRelation(sqlite(), s("main"), s("v"), s("w"), true);
    QVERIFY(!sqliteView);
    QCOMPARE(sqliteView.error().kind, ErrorKind::Unsupported);
    QVERIFY(renameRelation(pg(), s("public"), s("books"), s("novels"), false).value().destroys.isEmpty());
}

void TestObjectActions::emptySql()
{
    QCOMPARE(sqlOf(emptyTable(sqlite(), s("main"), s("books"))), QStringList{s("DELETE FROM \"main\".\"books\"")});
    QCOMPARE(sqlOf(emptyTable(pg(), s("public"), s("books"))), QStringList{s("TRUNCATE TABLE \"public\".\"books\"")});
    QVERIFY(emptyTable(pg(), s("public"), s("books")).value().destroys.contains(s("Every row")));
}

void TestObjectActions::duplicateSql()
{
    QCOMPARE(sqlOf(duplicateTable(sqlite(), s("main"), s("books"), s("books_copy"), false)),
             QStringList{s("CREATE TABLE \"main\".\"books_copy\" AS SELECT * FROM \"main\".\"books\" WHERE 0")});
    QCOMPARE(sqlOf(duplicateTable(sqlite(), s("main"), s("books"), s("books_copy"), true)),
             QStringList{s("CREATE TABLE \"main\".\"books_copy\" AS SELECT * FROM \"main\".\"books\"")});
    QCOMPARE(sqlOf(duplicateTable(pg(), s("public"), s("books"), s("books_copy"), false)),
             QStringList{s("CREATE TABLE \"public\".\"books_copy\" (LIKE \"public\".\"books\" INCLUDING ALL)")});
    QCOMPARE(sqlOf(duplicateTable(pg(), s("public"), s("books"), s("books_copy"), true)),
             (QStringList{s("CREATE TABLE \"public\".\"books_copy\" (LIKE \"public\".\"books\" INCLUDING ALL)"),
                          s("INSERT INTO \"public\".\"books_copy\" OVERRIDING SYSTEM VALUE SELECT * FROM \"public\".\"books\"")}));
}

void TestObjectActions::createIndexSql()
{
    QCOMPARE(sqlOf(createIndex(sqlite(), s("main"), s("books"), s("books_title"), {s("title")}, false)),
             QStringList{s("CREATE INDEX \"main\".\"books_title\" ON \"books\" (\"title\")")});
    QCOMPARE(sqlOf(createIndex(pg(), s("public"), s("books"), s("books_title_pages"), {s("title"), s("pages")}, true)),
             QStringList{s("CREATE UNIQUE INDEX \"books_title_pages\" ON \"public\".\"books\" (\"title\", \"pages\")")});
    QCOMPARE(createIndex(pg(), s("public"), s("books"), s("i"), {}, false).error().kind, ErrorKind::Syntax);
}

void TestObjectActions::schemaSql()
{
    QCOMPARE(sqlOf(createSchema(pg(), s("archive"))), QStringList{s("CREATE SCHEMA \"archive\"")});
    QCOMPARE(sqlOf(dropSchema(pg(), s("archive"), false)), QStringList{s("DROP SCHEMA \"archive\"")});
    QCOMPARE(sqlOf(dropSchema(pg(), s("archive"), true)), QStringList{s("DROP SCHEMA \"archive\" CASCADE")});
    QCOMPARE(sqlOf(renameSchema(pg(), s("archive"), s("old"))), QStringList{s("ALTER SCHEMA \"archive\" RENAME TO \"old\"")});
    QVERIFY(dropSchema(pg(), s("archive"), true).value().destroys.contains(s("every table")));
    QCOMPARE(createSchema(sqlite(), s("archive")).error().kind, ErrorKind::Unsupported);
    QCOMPARE(dropSchema(sqlite(), s("main"), false).error().kind, ErrorKind::Unsupported);
    QCOMPARE(renameSchema(sqlite(), s("main"), s("x")).error().kind, ErrorKind::Unsupported);
}

void TestObjectActions::hostileNamesAreQuoted()
{
    QCOMPARE(sqlOf(dropRelation(pg(), s("my \"schema\""), s("a\"b; DROP TABLE x"), false)),
             QStringList{s("DROP TABLE \"my \"\"schema\"\"\".\"a\"\"b; DROP TABLE x\"")});
    QCOMPARE(sqlOf(renameRelation(sqlite(), s("main"), s("select"), s("Bücher ]`"), false)),
             QStringList{s("ALTER TABLE \"main\".\"select\" RENAME TO \"Bücher ]`\"")});
}

void TestObjectActions::emptyNamesAreRefused()
{
    QCOMPARE(renameRelation(pg(), s("public"), s("books"), s("  "), false).error().kind, ErrorKind::Syntax);
    QCOMPARE(createSchema(pg(), QString()).error().kind, ErrorKind::Syntax);
    QCOMPARE(duplicateTable(sqlite(), s("main"), s("books"), QString(), true).error().kind, ErrorKind::Syntax);
}

void TestObjectActions::runsOnSqlite()
{
    const QString file = test::tempPath(s("actions.db"));
    QSqlDatabase db = test::openTestDatabase(file);
    QCOMPARE(test::execAll(db, {s("CREATE TABLE books (id integer PRIMARY KEY, title text)"),
                                s("INSERT INTO books (title) VALUES ('Deep Learning'), ('Pattern Recognition')")}),
             QString());
    test::closeTestDatabase(db);
    QCOMPARE(run(file, duplicateTable(sqlite(), s("main"), s("books"), s("books copy"), true)), QString());
    QCOMPARE(test::scalar(file, s("SELECT count(*) FROM \"books copy\"")).toInt(), 2);
    QCOMPARE(run(file, createIndex(sqlite(), s("main"), s("books"), s("books_title"), {s("title")}, true)), QString());
    QCOMPARE(test::scalar(file, s("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'books_title'")).toInt(), 1);
    QCOMPARE(run(file, emptyTable(sqlite(), s("main"), s("books"))), QString());
    QCOMPARE(test::scalar(file, s("SELECT count(*) FROM books")).toInt(), 0);
    QCOMPARE(run(file, renameRelation(sqlite(), s("main"), s("books"), s("novels"), false)), QString());
    QCOMPARE(test::scalar(file, s("SELECT count(*) FROM sqlite_master WHERE name = 'novels'")).toInt(), 1);
    QCOMPARE(run(file, dropRelation(sqlite(), s("main"), s("novels"), false)), QString());
    QCOMPARE(test::scalar(file, s("SELECT count(*) FROM sqlite_master WHERE name = 'novels'")).toInt(), 0);
}

void TestObjectActions::runsOnPostgres()
{
    STRATA_REQUIRE_PG(url);
    test::ScratchPgDatabase scratch(url);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    const QString location = scratch.url();
    QSqlDatabase db = test::openTestDatabase(location);
    QCOMPARE(test::execAll(db, {s("CREATE TABLE books (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL)"),
                                s("INSERT INTO books (title) VALUES ('Deep Learning'), ('Pattern Recognition')")}),
             QString());
    test::closeTestDatabase(db);
    QCOMPARE(run(location, duplicateTable(pg(), s("public"), s("books"), s("books_copy"), true)), QString());
    QCOMPARE(test::scalar(location, s("SELECT count(*) FROM books_copy")).toInt(), 2);
    // LIKE … INCLUDING ALL kept the NOT NULL and the key
    QCOMPARE(test::scalar(location, s("SELECT count(*) FROM pg_constraint WHERE conrelid = 'books_copy'::regclass AND contype = 'p'")).toInt(), 1);
    QCOMPARE(run(location, createSchema(pg(), s("archive"))), QString());
    QCOMPARE(run(location, renameSchema(pg(), s("archive"), s("old stuff"))), QString());
    QCOMPARE(test::scalar(location, s("SELECT count(*) FROM pg_namespace WHERE nspname = 'old stuff'")).toInt(), 1);
    QCOMPARE(run(location, emptyTable(pg(), s("public"), s("books"))), QString());
    QCOMPARE(test::scalar(location, s("SELECT count(*) FROM books")).toInt(), 0);
    QCOMPARE(run(location, renameRelation(pg(), s("public"), s("books"), s("novels"), false)), QString());
    QCOMPARE(run(location, dropRelation(pg(), s("public"), s("novels"), false)), QString());
    QCOMPARE(test::scalar(location, s("SELECT count(*) FROM pg_class WHERE relname = 'novels'")).toInt(), 0);
    QCOMPARE(run(location, dropSchema(pg(), s("old stuff"), true)), QString());
    QCOMPARE(test::scalar(location, s("SELECT count(*) FROM pg_namespace WHERE nspname = 'old stuff'")).toInt(), 0);
}

void TestObjectActions::failedStatementRollsBackTheAction()
{
    // Duplicate with data into a name that exists: the CREATE fails, nothing is left behind.
    const QString file = test::tempPath(s("rollback.db"));
    QSqlDatabase db = test::openTestDatabase(file);
    QCOMPARE(test::execAll(db, {s("CREATE TABLE books (id integer PRIMARY KEY)"), s("CREATE TABLE taken (x int)")}), QString());
    test::closeTestDatabase(db);
    ObjectActionSql action;
    action.statements << s("CREATE TABLE fresh (x int)") << s("CREATE TABLE taken (y int)");
    QVERIFY(!run(file, Result<ObjectActionSql>(action)).isEmpty());
    QCOMPARE(test::scalar(file, s("SELECT count(*) FROM sqlite_master WHERE name = 'fresh'")).toInt(), 0);
}

STRATA_TEST_MAIN(TestObjectActions)
#include "tst_objectactions.moc"
