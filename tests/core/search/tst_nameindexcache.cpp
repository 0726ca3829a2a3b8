// Quick open's names read from real databases (names.sql on both dialects) and the cache
// that keeps them per connection: read on the worker, kept, dropped and read again when
// the SchemaNotifier announces a change, forgotten when the connection goes.

#include "catalog/schemanotifier.h"
#include "connection/connectionstring.h"
#include "search/nameindexcache.h"
#include "search/namesearch.h"
#include "support/connectionwaits.h"
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

/// kind:schema.name (columns as kind:schema.table.column) of every entry.
QStringList describe(const NameIndex &index)
{
    static const char *const kinds[] = {"schema", "table",    "view",      "matview", "foreign",
                                        "column", "function", "procedure", "sequence"};
    QStringList out;
    for (qsizetype i = 0; i < index.size(); ++i) {
        const qint32 parent = index.parent(i);
        const QString name =
            parent >= 0 ? index.name(parent).toString() + QLatin1Char('.') + index.name(i).toString() : index.name(i).toString();
        out << QString::fromLatin1(kinds[int(index.kind(i))]) + QLatin1Char(':') + index.schema(i) + QLatin1Char('.') + name;
    }
    out.sort();
    return out;
}

struct Fixture {
    QString location;
    std::unique_ptr<test::ScratchPgDatabase> pg;
    connection::ConnectionSpec spec;
};

std::unique_ptr<Fixture> makeFixture(bool postgres, const QString &pgServer)
{
    auto f = std::make_unique<Fixture>();
    QStringList setup;
    if (postgres) {
        f->pg = std::make_unique<test::ScratchPgDatabase>(pgServer);
        f->location = f->pg->url();
        setup = {u("CREATE SCHEMA \"Sales\""),
                 u("CREATE TABLE \"Sales\".\"Orders\" (id serial PRIMARY KEY, \"Customer Name\" text)"),
                 u("CREATE TABLE public.books (id integer PRIMARY KEY, title text)"),
                 u("CREATE VIEW public.long_books AS SELECT id, title FROM public.books"),
                 u("CREATE MATERIALIZED VIEW public.book_titles AS SELECT title FROM public.books"),
                 u("CREATE SEQUENCE public.ticket_numbers"),
                 u("CREATE FUNCTION public.book_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM public.books'"),
                 u("CREATE FUNCTION public.book_count(integer) RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint'"),
                 u("CREATE TABLE public.shelves (id integer, old_name text)"),
                 u("ALTER TABLE public.shelves DROP COLUMN old_name"),
                 u("ALTER TABLE public.shelves ADD COLUMN \"tïtle\" text")};
    } else {
        static int files = 0;
        f->location = test::tempPath(u("names%1.db").arg(++files));
        setup = {u("CREATE TABLE books (id integer PRIMARY KEY, title text)"), u("CREATE TABLE \"we\"\"ird\" (\"a b\" text)"),
                 u("CREATE VIEW long_books AS SELECT id, title FROM books"), u("CREATE INDEX books_title ON books (title)")};
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

}   // namespace

class TestNameIndexCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsEveryKind_data();
    void readsEveryKind();
    void followsSchemaChanges_data();
    void followsSchemaChanges();
};

void TestNameIndexCache::readsEveryKind_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestNameIndexCache::readsEveryKind()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, server);
    auto f = makeFixture(postgres, server);
    QVERIFY(f);
    connection::Connection conn(f->spec.profile);
    QVERIFY(test::openAndWait(conn, f->spec.password).ok());
    catalog::SchemaNotifier notifier;
    NameIndexCache cache(&notifier, [&conn](int) { return NameIndexCache::Source{&conn, u("fixture")}; });
    QSignalSpy ready(&cache, &NameIndexCache::indexReady);
    QVERIFY(!cache.index(7));   // nothing yet: the read starts on the worker
    QVERIFY(cache.isLoading(7));
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.first().first().toInt(), 7);
    const NameIndexPtr index = cache.index(7);
    QVERIFY(index);
    QCOMPARE(index->database(), 7);
    QCOMPARE(index->connectionName(), u("fixture"));
    QStringList expected;
    if (postgres) {
        expected = {u("column:Sales.Orders.Customer Name"),
                    u("column:Sales.Orders.id"),
                    u("column:public.book_titles.title"),
                    u("column:public.books.id"),
                    u("column:public.books.title"),
                    u("column:public.long_books.id"),
                    u("column:public.long_books.title"),
                    u("column:public.shelves.id"),
                    u("column:public.shelves.tïtle"),
                    u("function:public.book_count"),
                    u("matview:public.book_titles"),
                    u("schema:Sales.Sales"),
                    u("schema:public.public"),
                    u("sequence:Sales.Orders_id_seq"),
                    u("sequence:public.ticket_numbers"),
                    u("table:Sales.Orders"),
                    u("table:public.books"),
                    u("table:public.shelves"),
                    u("view:public.long_books")};
    } else {
        expected = {u("column:main.books.id"),         u("column:main.books.title"), u("column:main.long_books.id"),
                    u("column:main.long_books.title"), u("column:main.we\"ird.a b"), u("table:main.books"),
                    u("table:main.we\"ird"),           u("view:main.long_books")};
    }
    expected.sort();
    QCOMPARE(describe(*index), expected);
    // The dropped column is gone, the overloads show once, no system schema leaks in.
    NameSearch search;
    search.setIndexes({index}, 7);
    QVERIFY(search.find(u("pg_class")).isEmpty());
    QVERIFY(search.find(u("sqlite_schema")).isEmpty());
}

void TestNameIndexCache::followsSchemaChanges_data()
{
    readsEveryKind_data();
}

void TestNameIndexCache::followsSchemaChanges()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, server);
    auto f = makeFixture(postgres, server);
    QVERIFY(f);
    connection::Connection conn(f->spec.profile);
    QVERIFY(test::openAndWait(conn, f->spec.password).ok());
    catalog::SchemaNotifier notifier;
    connection::Connection *open = &conn;
    NameIndexCache cache(&notifier, [&open](int) { return NameIndexCache::Source{open, u("fixture")}; });
    QSignalSpy ready(&cache, &NameIndexCache::indexReady);
    (void)cache.index(1);
    QVERIFY(ready.wait(20000));
    NameSearch search;
    search.setIndexes({cache.index(1)}, 1);
    QVERIFY(search.find(u("new_arrivals")).isEmpty());

    // DDL elsewhere: the cache keeps what it read until someone says the schema changed.
    QString error;
    QSqlDatabase db = test::openTestDatabase(f->location, &error);
    QCOMPARE(test::execAll(db, {u("CREATE TABLE new_arrivals (isbn text)")}), QString());
    test::closeTestDatabase(db);
    QCOMPARE(cache.loadsFinished(), 1);
    QVERIFY(cache.index(1));
    QCOMPARE(cache.loadsFinished(), 1);   // cached: not read again

    notifier.notify(catalog::SchemaChange{2, {}, {}});   // another database: untouched
    QVERIFY(cache.index(1));
    notifier.notify(catalog::SchemaChange{1, {}, {u("new_arrivals")}});
    QVERIFY(!cache.index(1));   // dropped at once, and read again
    QVERIFY(cache.isLoading(1));
    QVERIFY(ready.wait(20000));
    search.setIndexes({cache.index(1)}, 1);
    QCOMPARE(search.find(u("new_arr")).size(), 1);
    QCOMPARE(search.find(u("new_arr")).first().name, u("new_arrivals"));
    QCOMPARE(search.find(u("isbn")).first().relation, u("new_arrivals"));

    // A change during a read: the stale read is dropped, the new one wins.
    notifier.notify(catalog::SchemaChange{1, {}, {}});
    notifier.notify(catalog::SchemaChange{1, {}, {}});
    ready.clear();
    QVERIFY(ready.wait(20000));
    QVERIFY(cache.index(1));
    QTest::qWait(200);
    QCOMPARE(ready.size(), 1);

    // The connection went: nothing more is read for it.
    cache.forget(1);
    open = nullptr;
    QVERIFY(!cache.index(1));
    QVERIFY(!cache.isLoading(1));
}

STRATA_TEST_MAIN(TestNameIndexCache)
#include "tst_nameindexcache.moc"
