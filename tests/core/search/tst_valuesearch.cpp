// "Search in database" (core/search/valuesearch): the SQL per dialect (quoted identifiers,
// the pattern bound, %/_ escaped), matches streamed with their table, column and row key,
// progress over the relations, and a cancel that stops the statement on the server.

#include "connection/connectionstring.h"
#include "search/searchsql.h"
#include "search/valuesearch.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSignalSpy>
#include <QtTest>

using namespace strata;
using namespace strata::search;

namespace {

QString u(const char *text)
{
    return QString::fromUtf8(text);
}

catalog::TableDetail table(const QString &schema, const QString &name, QList<QPair<QString, QString>> columns,
                           const QStringList &key = {}, catalog::RelationKind kind = catalog::RelationKind::Table)
{
    catalog::TableDetail t;
    t.relation.schema = schema;
    t.relation.name = name;
    t.relation.kind = kind;
    int position = 0;
    for (const auto &[column, type] : columns) {
        catalog::ColumnInfo c;
        c.name = column;
        c.dataType = type;
        c.position = ++position;
        c.primaryKeyPosition = int(key.indexOf(column)) + 1;
        t.columns << c;
    }
    return t;
}

struct Fixture {
    QString location;
    std::unique_ptr<test::ScratchPgDatabase> pg;
    connection::ConnectionSpec spec;
    QString schema;
};

std::unique_ptr<Fixture> makeFixture(bool postgres, const QString &server, const QStringList &setup)
{
    auto f = std::make_unique<Fixture>();
    if (postgres) {
        f->pg = std::make_unique<test::ScratchPgDatabase>(server);
        f->location = f->pg->url();
        f->schema = u("public");
    } else {
        static int files = 0;
        f->location = test::tempPath(u("values%1.db").arg(++files));
        f->schema = u("main");
    }
    QString error;
    QSqlDatabase db = test::openTestDatabase(f->location, &error);
    if (!db.isOpen() || !(error = test::execAll(db, setup)).isEmpty()) {
        qWarning() << "fixture:" << error;
        return nullptr;
    }
    test::closeTestDatabase(db);
    auto spec = connection::parseConnectionString(f->location);
    if (!spec)
        return nullptr;
    f->spec = *spec;
    return f;
}

QStringList describe(const QList<QVariantList> &found)
{
    QStringList out;
    for (const QVariantList &args : found) {
        const auto m = args.first().value<ValueMatch>();
        out << m.table + QLatin1Char('.') + m.column + QLatin1Char('[') + m.keyColumns.join(u(",")) + QLatin1Char('=')
                   + m.key.join(u(",")) + QStringLiteral("]: ") + m.text;
    }
    out.sort();
    return out;
}

}   // namespace

class TestValueSearch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ValueMatch>();
        qRegisterMetaType<Error>();
    }
    void sqlPerDialect();
    void textColumns();
    void findsValues_data();
    void findsValues();
    void cancelStopsTheStatement_data();
    void cancelStopsTheStatement();
    void newSearchCancelsTheRunningOneOnly();
};

void TestValueSearch::sqlPerDialect()
{
    const auto books =
        table(u("main"), u("books"),
              {{u("id"), u("INTEGER")}, {u("title"), u("TEXT")}, {u("pages"), u("INTEGER")}, {u("note \"x\""), u("varchar(20)")}},
              {u("id")});
    const auto &sqlite = dialect::dialectFor(dialect::DialectKind::Sqlite);
    ValueSearchQuery q = valueSearchQuery(sqlite, books, u("50%_off\\"), 100);
    QCOMPARE(q.sql, u("SELECT \"id\", \"title\", \"note \"\"x\"\"\" FROM \"main\".\"books\" "
                      "WHERE \"title\" LIKE ? ESCAPE '\\' OR \"note \"\"x\"\"\" LIKE ? ESCAPE '\\' LIMIT 100"));
    QCOMPARE(q.values, (QVariantList{u("%50\\%\\_off\\\\%"), u("%50\\%\\_off\\\\%")}));
    QCOMPARE(q.keyColumns, QStringList{u("id")});
    QCOMPARE(q.textColumns, (QStringList{u("title"), u("note \"x\"")}));

    const auto &pg = dialect::dialectFor(dialect::DialectKind::Postgres);
    const auto orders = table(u("Sales"), u("Orders"),
                              {{u("a"), u("integer")},
                               {u("b"), u("integer")},
                               {u("name"), u("character varying(30)")},
                               {u("tags"), u("text[]")},
                               {u("code"), u("character(4)")}},
                              {u("a"), u("b")});
    q = valueSearchQuery(pg, orders, u("x"), 5);
    QCOMPARE(q.sql, u("SELECT \"a\", \"b\", \"name\"::text, \"code\"::text FROM \"Sales\".\"Orders\" "
                      "WHERE \"name\"::text ILIKE ? ESCAPE '\\' OR \"code\"::text ILIKE ? ESCAPE '\\' LIMIT 5"));
    QCOMPARE(q.keyColumns, (QStringList{u("a"), u("b")}));

    // No primary key: the row's address; a view has none.
    q = valueSearchQuery(pg, table(u("public"), u("log"), {{u("line"), u("text")}}), u("x"), 5);
    QCOMPARE(q.sql,
             u("SELECT ctid::text, \"line\"::text FROM \"public\".\"log\" WHERE \"line\"::text ILIKE ? ESCAPE '\\' LIMIT 5"));
    QCOMPARE(q.keyColumns, QStringList{u("ctid")});
    q = valueSearchQuery(sqlite, table(u("main"), u("log"), {{u("line"), QString()}}), u("x"), 5);
    QCOMPARE(q.sql, u("SELECT rowid, \"line\" FROM \"main\".\"log\" WHERE \"line\" LIKE ? ESCAPE '\\' LIMIT 5"));
    q = valueSearchQuery(sqlite, table(u("main"), u("v"), {{u("t"), u("TEXT")}}, {}, catalog::RelationKind::View), u("x"), 5);
    QCOMPARE(q.sql, u("SELECT \"t\" FROM \"main\".\"v\" WHERE \"t\" LIKE ? ESCAPE '\\' LIMIT 5"));
    QVERIFY(q.keyColumns.isEmpty());
    // Nothing to search in a table without text.
    QVERIFY(valueSearchQuery(pg, table(u("public"), u("n"), {{u("x"), u("integer")}}), u("x"), 5).isEmpty());
}

void TestValueSearch::textColumns()
{
    using dialect::DialectKind;
    for (const char *type : {"TEXT", "varchar(10)", "NCHAR", "CLOB", "", "character varying"})
        QVERIFY2(isTextColumn(DialectKind::Sqlite, u(type)), type);
    for (const char *type : {"INTEGER", "REAL", "BLOB", "NUMERIC"})
        QVERIFY2(!isTextColumn(DialectKind::Sqlite, u(type)), type);
    for (const char *type : {"text", "character varying(30)", "character(4)", "citext", "name", "varchar"})
        QVERIFY2(isTextColumn(DialectKind::Postgres, u(type)), type);
    for (const char *type : {"integer", "text[]", "jsonb", "bytea", "timestamp with time zone", "character varying[]"})
        QVERIFY2(!isTextColumn(DialectKind::Postgres, u(type)), type);
}

void TestValueSearch::findsValues_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestValueSearch::findsValues()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, server);
    auto f = makeFixture(postgres, server,
                         {u("CREATE TABLE books (id integer PRIMARY KEY, title text, subtitle varchar(80), pages integer)"),
                          u("INSERT INTO books VALUES (1, 'Deep Learning', NULL, 800), (2, 'Pattern Recognition', "
                            "'and Machine LEARNING', 738), (3, 'Statistics', '100% learning_rate', 745)"),
                          u("CREATE TABLE \"odd \"\"names\" (\"a key\" text PRIMARY KEY, \"the text\" text)"),
                          u("INSERT INTO \"odd \"\"names\" VALUES ('k1', 'no match'), ('k2', 'relearning')"),
                          u("CREATE TABLE numbers (n integer)"), u("INSERT INTO numbers VALUES (1)"),
                          u("CREATE TABLE notes (body text)"), u("INSERT INTO notes VALUES ('learning'), ('other')")});
    QVERIFY(f);
    ValueSearch search(f->spec);
    QSignalSpy found(&search, &ValueSearch::found);
    QSignalSpy progress(&search, &ValueSearch::progress);
    QSignalSpy finished(&search, &ValueSearch::finished);
    search.start(f->schema, u("learning"));
    QVERIFY(search.isRunning());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).value<Error>().message));
    QVERIFY(!search.isRunning());
    const QString rowKey = postgres ? u("ctid=(0,1)") : u("rowid=1");
    QCOMPARE(describe(found),
             (QStringList{u("books.subtitle[id=2]: and Machine LEARNING"), u("books.subtitle[id=3]: 100% learning_rate"),
                          u("books.title[id=1]: Deep Learning"), u("notes.body[") + rowKey + u("]: learning"),
                          u("odd \"names.the text[a key=k2]: relearning")}));
    // Progress: 0 of 4 once the schema is read, then one step per relation.
    QCOMPARE(progress.first(), (QVariantList{0, 4}));
    QCOMPARE(progress.last(), (QVariantList{4, 4}));
    QCOMPARE(progress.size(), 5);

    // % and _ are searched as themselves, not as patterns.
    found.clear();
    finished.clear();
    search.start(f->schema, u("100% learning_"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(describe(found), QStringList{u("books.subtitle[id=3]: 100% learning_rate")});
    found.clear();
    finished.clear();
    search.start(f->schema, u("0%_l"));
    QVERIFY(finished.wait(30000));
    QVERIFY(describe(found).isEmpty());
}

void TestValueSearch::cancelStopsTheStatement_data()
{
    findsValues_data();
}

void TestValueSearch::cancelStopsTheStatement()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, server);
    // A view that takes minutes to read: only a cancel on the server ends it early.
    const QString slow = postgres ? u("CREATE VIEW slow AS SELECT md5(g::text) AS t FROM generate_series(1, 1000) AS g "
                                      "WHERE pg_sleep(0.6) IS NOT NULL")   // volatile: never folded away by the planner
                                  : u("CREATE VIEW slow AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r "
                                      "WHERE i < 4000000000) SELECT 'x' || i AS t FROM r");
    auto f = makeFixture(postgres, server, {slow});
    QVERIFY(f);
    ValueSearch search(f->spec);
    QSignalSpy progress(&search, &ValueSearch::progress);
    QSignalSpy finished(&search, &ValueSearch::finished);
    search.start(f->schema, u("never there"));
    QVERIFY(progress.wait(30000));   // the schema is read: 0 of 1, the view runs
    QCOMPARE(progress.first(), (QVariantList{0, 1}));
    const QString sleeping = u("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' "
                               "AND datname = current_database()");
    if (postgres) {
        // Wait until the server runs the statement, so the cancel reaches a running query.
        QVERIFY(QTest::qWaitFor([&] { return test::scalar(f->location, sleeping).toInt() == 1; }, 20000));
    } else {
        QTest::qWait(300);
    }
    search.cancel();
    QVERIFY(finished.wait(20000));   // far sooner than the view would take
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(finished.first().at(1).value<Error>().isCancelled());
    QCOMPARE(progress.size(), 1);   // the view was never finished
    if (postgres) {
        // The server is not running it any more.
        QVERIFY(QTest::qWaitFor([&] { return test::scalar(f->location, sleeping).toInt() == 0; }, 10000));
    }
    // The search's connection works after a cancel.
    finished.clear();
    search.start(f->schema, u("nothing"), 1);
    QTest::qWait(200);
    search.cancel();
    QVERIFY(finished.wait(20000));
}

void TestValueSearch::newSearchCancelsTheRunningOneOnly()
{
    STRATA_REQUIRE_PG(server);
    // A search stuck in a slow view, then a new search elsewhere: the first is cancelled on
    // the server, the repeated cancels never reach the second, which finds its row.
    auto f = makeFixture(true, server,
                         {u("CREATE SCHEMA slow"),
                          u("CREATE VIEW slow.v AS SELECT md5(g::text) AS t FROM generate_series(1, 1000) AS g "
                            "WHERE pg_sleep(0.6) IS NOT NULL"),
                          u("CREATE TABLE public.books (id integer PRIMARY KEY, title text)"),
                          u("INSERT INTO public.books VALUES (1, 'Deep Learning')")});
    QVERIFY(f);
    ValueSearch search(f->spec);
    QSignalSpy found(&search, &ValueSearch::found);
    QSignalSpy progress(&search, &ValueSearch::progress);
    QSignalSpy finished(&search, &ValueSearch::finished);
    search.start(u("slow"), u("never there"));
    QVERIFY(progress.wait(30000));
    QVERIFY(QTest::qWaitFor(
        [&] {
            return test::scalar(f->location, u("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' "
                                               "AND datname = current_database()"))
                       .toInt()
                == 1;
        },
        20000));
    search.start(u("public"), u("deep"));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);   // only the new search reports
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).value<Error>().message));
    QCOMPARE(describe(found), QStringList{u("books.title[id=1]: Deep Learning")});
}

STRATA_TEST_MAIN(TestValueSearch)
#include "tst_valuesearch.moc"
