// The foreign-key lookup on real SQLite and PostgreSQL tables: the referenced keys with
// their display column, a limit, type-to-search filtered on the server with hostile text
// (%, _, quotes, Unicode) bound as a value, and only the latest search reported.

#include "data/foreignkeylookup.h"
#include "tablemodeltesting.h"

class TestForeignKeyLookup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dialects_data();
    void searchesReferencedTable_data() { dialects_data(); }
    void searchesReferencedTable();
};

void TestForeignKeyLookup::dialects_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("pg") << QStringLiteral("pg");
}

namespace {

QList<LookupItem> searchAndWait(ForeignKeyLookup &lookup, const QString &text)
{
    QSignalSpy ready(&lookup, &ForeignKeyLookup::resultsReady);
    lookup.search(text);
    if (!ready.wait(20000))
        return {LookupItem{QStringLiteral("timeout"), {}}};
    return ready.last().at(1).value<QList<LookupItem>>();
}

QStringList keys(const QList<LookupItem> &items)
{
    QStringList out;
    for (const LookupItem &i : items)
        out << i.key.toString();
    return out;
}

} // namespace

void TestForeignKeyLookup::searchesReferencedTable()
{
    GRID_FIXTURE(fx);
    const bool pg = fx.isPostgres();
    QStringList setup;
    setup << QStringLiteral("CREATE TABLE authors (id integer PRIMARY KEY, born integer, name text)");
    setup << (pg ? QStringLiteral("INSERT INTO authors SELECT i, 1900 + i, 'Author ' || i FROM generate_series(1, 300) AS i")
                 : QStringLiteral("INSERT INTO authors WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                                  "SELECT i, 1900 + i, 'Author ' || i FROM n"));
    setup << QStringLiteral("INSERT INTO authors VALUES (1001, NULL, '100% O''Brien_x'), (1002, NULL, 'Zoë Ångström'), "
                            "(1003, NULL, '100 OBrienXx')");
    setup << QStringLiteral("CREATE TABLE books (id integer PRIMARY KEY, title text, author_id integer REFERENCES authors (id))");
    setup << QStringLiteral("INSERT INTO books VALUES (1, 'A book', 2)");
    QCOMPARE(fx.exec(setup), QString());
    Grid g = openGrid(fx, QStringLiteral("books"));
    QVERIFY(g.model);
    const TableInfo info = g->tableInfo();
    QVERIFY(ForeignKeyLookup::foreignKeyOf(info, 2).has_value());
    QVERIFY(!ForeignKeyLookup::foreignKeyOf(info, 1).has_value());

    connection::Connection *conn = fx.connect();
    QVERIFY(conn);
    ForeignKeyLookup lookup(conn, info, 2);
    QVERIFY(lookup.isValid());
    lookup.setLimit(50);
    // Nothing typed: the first keys, with the first text column as display.
    QList<LookupItem> items = searchAndWait(lookup, QString());
    QCOMPARE(items.size(), 50);
    QCOMPARE(items.first().key.toString(), QStringLiteral("1"));
    QCOMPARE(items.first().display, QStringLiteral("Author 1"));
    QVERIFY(lookup.target().has_value());
    QCOMPARE(lookup.target()->displayColumn, QStringLiteral("name"));
    QCOMPARE(lookup.target()->keyColumn, QStringLiteral("id"));
    // Wildcards and quotes are literal.
    QCOMPARE(keys(searchAndWait(lookup, QStringLiteral("100% O'Brien_"))), QStringList({QStringLiteral("1001")}));
    QCOMPARE(keys(searchAndWait(lookup, QStringLiteral("o'brien"))), QStringList({QStringLiteral("1001")}));
    QCOMPARE(keys(searchAndWait(lookup, QStringLiteral("Zoë Å"))), QStringList({QStringLiteral("1002")}));
    // Keys match as text too: 29, 129, 229 and 290..299 (display "Author 29…" agrees).
    items = searchAndWait(lookup, QStringLiteral("29"));
    QCOMPARE(items.size(), 13);
    QCOMPARE(items.first().key.toString(), QStringLiteral("29"));
    QVERIFY(searchAndWait(lookup, QStringLiteral("no such author")).isEmpty());

    // Typing fast: only the latest search is reported.
    QSignalSpy ready(&lookup, &ForeignKeyLookup::resultsReady);
    lookup.search(QStringLiteral("Author"));
    lookup.search(QStringLiteral("Author 1"));
    lookup.search(QStringLiteral("Zoë"));
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.first().at(0).toString(), QStringLiteral("Zoë"));
    // Searches run and answer in order: once a later search has answered, every earlier
    // one has been reported or dropped. Only the latest two were reported.
    QCOMPARE(keys(searchAndWait(lookup, QStringLiteral("100% O'Brien_"))), QStringList({QStringLiteral("1001")}));
    QCOMPARE(ready.size(), 2);
    QCOMPARE(ready.at(1).at(0).toString(), QStringLiteral("100% O'Brien_"));
}

STRATA_TEST_MAIN(TestForeignKeyLookup)
#include "tst_foreignkeylookup.moc"
