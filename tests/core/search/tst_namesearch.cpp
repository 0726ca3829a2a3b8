// Quick open's matcher and ranking (core/search): the four tiers, the order within and
// across them (objects before columns, the current connection, shorter names), Unicode,
// quoted and odd names, hostile names, narrowing as the query grows, and the SELECT text
// of Ctrl+Enter.

#include "dialect/dialect.h"
#include "search/fuzzymatch.h"
#include "search/namesearch.h"
#include "search/searchsql.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::search;

namespace {

QString u(const char *text)
{
    return QString::fromUtf8(text);
}

FuzzyMatch match(const QString &query, const QString &name, QList<int> *positions = nullptr)
{
    const QString folded = foldForMatch(name);
    return fuzzyMatch(foldForMatch(query), folded, name, positions);
}

struct Name {
    NameKind kind;
    QString schema;
    QString name;
    QString parent;   // a column's table
};

std::shared_ptr<const NameIndex> indexOf(int database, const QString &label, const QList<Name> &names)
{
    NameIndexBuilder builder(database, label);
    QHash<QString, qint32> relations;
    for (const Name &n : names) {
        const int schema = builder.schema(n.schema);
        const qint32 parent = n.parent.isEmpty() ? -1 : relations.value(n.parent, -1);
        const qint32 id = builder.add(n.kind, schema, n.name, parent);
        if (n.kind != NameKind::Column)
            relations.insert(n.name, id);
    }
    return builder.finish();
}

QStringList names(const QList<NameHit> &hits)
{
    QStringList out;
    for (const NameHit &h : hits)
        out << (h.relation.isEmpty() ? h.name : h.relation + QLatin1Char('.') + h.name) + QLatin1Char('@')
                   + QString::number(h.database);
    return out;
}

}   // namespace

class TestNameSearch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tiers_data();
    void tiers();
    void positionsForBold();
    void foldingKeepsPositions();
    void rankingAcrossTiers();
    void objectsBeforeColumns();
    void tiesCurrentConnectionThenShorter();
    void unicodeNames();
    void quotedAndOddNames();
    void hostileNamesStayFast();
    void narrowingGivesTheSameAsAFreshSearch();
    void emptyQueryAndNoIndexes();
    void selectAllText();
};

void TestNameSearch::tiers_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("tier");
    const auto row = [](const char *tag, const char *q, const char *n, MatchTier t) {
        QTest::newRow(tag) << u(q) << u(n) << int(t);
    };
    row("exact", "books", "books", MatchTier::Exact);
    row("exact, other case", "BOOKS", "Books", MatchTier::Exact);
    row("prefix", "boo", "books", MatchTier::Prefix);
    row("underscore words", "ba", "book_authors", MatchTier::WordBoundary);
    row("word and its run", "bauth", "book_authors", MatchTier::WordBoundary);
    row("camelCase", "ba", "bookAuthors", MatchTier::WordBoundary);
    row("digits start a word", "t2", "table2", MatchTier::WordBoundary);
    row("word inside", "auth", "book_authors", MatchTier::WordBoundary);
    row("substring mid-word", "oks", "books", MatchTier::Subsequence);
    row("letters spread", "bks", "books", MatchTier::Subsequence);
    row("wrong order", "skoob", "books", MatchTier::None);
    row("longer than the name", "bookss", "books", MatchTier::None);
    row("absent letter", "bz", "books", MatchTier::None);
}

void TestNameSearch::tiers()
{
    QFETCH(QString, query);
    QFETCH(QString, name);
    QFETCH(int, tier);
    QCOMPARE(int(match(query, name).tier), tier);
}

void TestNameSearch::positionsForBold()
{
    QList<int> positions;
    QVERIFY(match(u("ba"), u("book_authors"), &positions));
    QCOMPARE(positions, (QList<int>{0, 5}));
    QVERIFY(match(u("auth"), u("book_authors"), &positions));
    QCOMPARE(positions, (QList<int>{5, 6, 7, 8}));
    // A contiguous occurrence is shown rather than the letters' first occurrences.
    QVERIFY(match(u("ook"), u("obooks"), &positions));
    QCOMPARE(positions, (QList<int>{2, 3, 4}));
    // Spread letters: the tightest window ending at the last letter.
    QVERIFY(match(u("ac"), u("abxac"), &positions));
    QCOMPARE(positions, (QList<int>{3, 4}));
}

void TestNameSearch::foldingKeepsPositions()
{
    for (const QString &text : {u("ÉCOLE"), u("Straße"), u("ΒΙΒΛΊΑ"), u("📚Books"), u("İstanbul")}) {
        const QString folded = foldForMatch(text);
        QCOMPARE(folded.size(), text.size());
    }
    QCOMPARE(foldForMatch(u("ÉCOLE Books")), u("école books"));
}

void TestNameSearch::rankingAcrossTiers()
{
    NameSearch search;
    search.setIndexes({indexOf(1, u("db"),
                               {{NameKind::Table, u("main"), u("ebooks"), {}},
                                {NameKind::Table, u("main"), u("b_o_o_k_s"), {}},
                                {NameKind::Table, u("main"), u("bookshelf"), {}},
                                {NameKind::View, u("main"), u("books"), {}},
                                {NameKind::Table, u("main"), u("authors"), {}}})},
                      1);
    QCOMPARE(names(search.find(u("books"))), (QStringList{u("books@1"), u("bookshelf@1"), u("b_o_o_k_s@1"), u("ebooks@1")}));
    QCOMPARE(search.lastMatchCount(), qsizetype(4));
    const QList<NameHit> hits = search.find(u("books"));
    QCOMPARE(hits.first().kind, NameKind::View);
    QCOMPARE(hits.first().tier, MatchTier::Exact);
    QCOMPARE(hits.last().tier, MatchTier::Subsequence);
    QCOMPARE(names(search.find(u("books"), 2)), (QStringList{u("books@1"), u("bookshelf@1")}));
}

void TestNameSearch::objectsBeforeColumns()
{
    NameSearch search;
    search.setIndexes({indexOf(1, u("db"),
                               {{NameKind::Table, u("main"), u("library"), {}},
                                {NameKind::Column, u("main"), u("title"), u("library")},
                                {NameKind::Table, u("main"), u("title"), {}},
                                {NameKind::Column, u("main"), u("titles"), u("library")},
                                {NameKind::Table, u("main"), u("titles_archive"), {}}})},
                      1);
    // Within a tier the table comes first; a better tier still wins over the kind.
    QCOMPARE(names(search.find(u("title"))),
             (QStringList{u("title@1"), u("library.title@1"), u("titles_archive@1"), u("library.titles@1")}));
    const NameHit column = search.find(u("title")).at(1);
    QCOMPARE(column.kind, NameKind::Column);
    QCOMPARE(column.relation, u("library"));
    QCOMPARE(column.relationKind, NameKind::Table);
}

void TestNameSearch::tiesCurrentConnectionThenShorter()
{
    const auto a = indexOf(
        1, u("first"), {{NameKind::Table, u("public"), u("orders"), {}}, {NameKind::Table, u("public"), u("order_lines"), {}}});
    const auto b = indexOf(
        2, u("second"), {{NameKind::Table, u("public"), u("orders"), {}}, {NameKind::Table, u("public"), u("order_items"), {}}});
    NameSearch search;
    search.setIndexes({a, b}, 2);
    // Same tier and score: the current connection (2) first, then the window's order; the
    // letters of "orders" spread over order_items / order_lines only match as a subsequence.
    QCOMPARE(names(search.find(u("orders"))),
             (QStringList{u("orders@2"), u("orders@1"), u("order_items@2"), u("order_lines@1")}));
    // Prefix tier: the current connection first, then shorter names; equal length: by name.
    QCOMPARE(names(search.find(u("order"))), (QStringList{u("orders@2"), u("order_items@2"), u("orders@1"), u("order_lines@1")}));
    search.setIndexes({a, b}, 0);   // no current connection: the order of the window
    QCOMPARE(names(search.find(u("orders"), 2)), (QStringList{u("orders@1"), u("orders@2")}));
    QCOMPARE(names(search.find(u("order"))), (QStringList{u("orders@1"), u("orders@2"), u("order_items@2"), u("order_lines@1")}));
}

void TestNameSearch::unicodeNames()
{
    NameSearch search;
    search.setIndexes({indexOf(1, u("db"),
                               {{NameKind::Table, u("main"), u("Ünïcode_Tàble"), {}},
                                {NameKind::Table, u("main"), u("Βιβλία"), {}},
                                {NameKind::Table, u("main"), u("📚books"), {}},
                                {NameKind::Table, u("main"), u("Straße"), {}},
                                {NameKind::Table, u("main"), u("日本語の表"), {}}})},
                      1);
    QCOMPARE(names(search.find(u("ÜN"))), QStringList{u("Ünïcode_Tàble@1")});
    QCOMPARE(search.find(u("ÜN")).first().tier, MatchTier::Prefix);
    QCOMPARE(search.find(u("tàb")).first().tier, MatchTier::WordBoundary);
    QVERIFY(search.find(u("uni")).isEmpty());   // no accent folding: ü is not u
    QCOMPARE(names(search.find(u("ΒΙΒ"))), QStringList{u("Βιβλία@1")});
    QCOMPARE(search.find(u("books")).first().name, u("📚books"));
    QCOMPARE(search.find(u("books")).first().tier, MatchTier::WordBoundary);   // the emoji ends a word
    QCOMPARE(names(search.find(u("📚"))), QStringList{u("📚books@1")});
    QCOMPARE(names(search.find(u("straße"))), QStringList{u("Straße@1")});
    QCOMPARE(names(search.find(u("表"))), QStringList{u("日本語の表@1")});
    QCOMPARE(search.find(u("表")).first().positions, QList<int>{4});
}

void TestNameSearch::quotedAndOddNames()
{
    NameSearch search;
    search.setIndexes({indexOf(1, u("db"),
                               {{NameKind::Table, u("main"), u("we\"ird"), {}},
                                {NameKind::Table, u("main"), u("with space"), {}},
                                {NameKind::Table, u("main"), u("a.b"), {}},
                                {NameKind::Table, u("main"), u("%_\\"), {}},
                                {NameKind::Table, u("main"), u("select"), {}},
                                {NameKind::Table, u("main"), QString(), {}},
                                {NameKind::Table, u("main"), u("x]y`z'"), {}}})},
                      1);
    QCOMPARE(names(search.find(u("we\"i"))), QStringList{u("we\"ird@1")});
    QCOMPARE(names(search.find(u("  with sp  "))), QStringList{u("with space@1")});
    QCOMPARE(search.find(u("ws")).first().tier, MatchTier::WordBoundary);
    QCOMPARE(search.find(u("ab")).first().name, u("a.b"));
    QCOMPARE(search.find(u("ab")).first().tier, MatchTier::WordBoundary);
    QCOMPARE(names(search.find(u("%_"))), QStringList{u("%_\\@1")});   // no pattern characters
    QCOMPARE(names(search.find(u("SELECT"))), QStringList{u("select@1")});
    QCOMPARE(names(search.find(u("]y`"))), QStringList{u("x]y`z'@1")});
    QCOMPARE(search.nameCount(), qsizetype(7));   // the empty name is kept and never matches
}

void TestNameSearch::hostileNamesStayFast()
{
    // Backtracking has a budget: a long run of one letter cannot make a match explode.
    const QString name = QString(300, QLatin1Char('a')) + u("_") + QString(300, QLatin1Char('a')) + u("b");
    const QString query = QString(40, QLatin1Char('a')) + u("c");
    QCOMPARE(int(match(query, name).tier), int(MatchTier::None));
    const QString longQuery = QString(40, QLatin1Char('a')) + u("b");
    QVERIFY(match(longQuery, name));
}

void TestNameSearch::narrowingGivesTheSameAsAFreshSearch()
{
    QList<Name> list;
    for (int i = 0; i < 500; ++i)
        list << Name{NameKind::Table, u("main"), u("table_%1_orders").arg(i), {}}
             << Name{NameKind::Column, u("main"), u("customer_id"), u("table_%1_orders").arg(i)};
    const auto index = indexOf(1, u("db"), list);
    NameSearch typing;
    typing.setIndexes({index}, 1);
    QList<NameHit> last;
    for (const QString &q : {u("t"), u("t1"), u("t1o"), u("t1or")})
        last = typing.find(q, 20);
    NameSearch fresh;
    fresh.setIndexes({index}, 1);
    QCOMPARE(names(last), names(fresh.find(u("t1or"), 20)));
    QCOMPARE(typing.lastMatchCount(), fresh.lastMatchCount());
    // A query that is no extension starts again from every name.
    QCOMPARE(names(typing.find(u("cust"), 5)), names(fresh.find(u("cust"), 5)));
    QCOMPARE(typing.lastMatchCount(), qsizetype(500));
}

void TestNameSearch::emptyQueryAndNoIndexes()
{
    NameSearch search;
    QVERIFY(search.find(u("books")).isEmpty());
    search.setIndexes({indexOf(1, u("db"), {{NameKind::Table, u("main"), u("books"), {}}})}, 1);
    QVERIFY(search.find(u("   ")).isEmpty());
    QVERIFY(search.find(QString()).isEmpty());
    QCOMPARE(search.find(u("b")).size(), 1);
}

void TestNameSearch::selectAllText()
{
    const dialect::Dialect &sqlite = dialect::dialectFor(dialect::DialectKind::Sqlite);
    const dialect::Dialect &pg = dialect::dialectFor(dialect::DialectKind::Postgres);
    QCOMPARE(selectAllSql(sqlite, u("main"), u("books")), u("SELECT * FROM books"));
    QCOMPARE(selectAllSql(sqlite, u("main"), u("we\"ird name")), u("SELECT * FROM \"we\"\"ird name\""));
    QCOMPARE(selectAllSql(sqlite, u("archive"), u("books")), u("SELECT * FROM archive.books"));
    QCOMPARE(selectAllSql(pg, u("public"), u("books")), u("SELECT * FROM public.books"));
    QCOMPARE(selectAllSql(pg, u("Sales"), u("order")), u("SELECT * FROM \"Sales\".\"order\""));
    QCOMPARE(selectAllSql(pg, u("public"), u("Ünï")), u("SELECT * FROM public.\"Ünï\""));
}

STRATA_TEST_MAIN(TestNameSearch)
#include "tst_namesearch.moc"
