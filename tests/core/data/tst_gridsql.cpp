// The grid's SQL, exactly, per dialect: windows (keyset and OFFSET), counts, boundary
// samples, filters with bound operands, and the writer's DML with its conflict checks.
// Also the window planner's choices and the edit buffer, without a database.

#include "data/editbuffer.h"
#include "data/gridwriter.h"
#include "data/windowplanner.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::data;
using dialect::DialectKind;

namespace {

TableInfo books(DialectKind kind, bool withKey = true)
{
    TableInfo t;
    t.dialect = kind;
    t.schema = kind == DialectKind::Postgres ? QStringLiteral("public") : QStringLiteral("main");
    t.name = QStringLiteral("bo\"oks");
    for (const char *name : {"id", "title", "pages"}) {
        ColumnMeta c;
        c.name = QString::fromLatin1(name);
        c.type = c.name == QLatin1String("title") ? ValueType::Text : ValueType::Integer;
        if (kind == DialectKind::Postgres)
            c.comparedType = c.name == QLatin1String("title") ? QStringLiteral("character(22)") : QStringLiteral("integer");
        t.columns << c;
    }
    if (withKey) {
        t.columns[0].keyPosition = 1;
        t.keyColumns = {0};
        t.identity = RowIdentity::PrimaryKey;
    } else if (kind == DialectKind::Postgres) {
        t.identity = RowIdentity::Ctid;
    } else {
        t.identity = RowIdentity::Rowid;
        t.rowidName = QStringLiteral("rowid");
    }
    return t;
}

} // namespace

class TestGridSql : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keysetWindows();
    void offsetWindowsForOtherSorts();
    void filtersBindOperands();
    void selectionForExport();
    void boundarySample();
    void plannerPicksCheapestAnchor();
    void plannerGuessesFarWindows();
    void plannerReadsEstimatedEndFromTheEnd();
    void rangePlans();
    void boundariesStayCompact();
    void stepSampleSql();
    void rowPositionAndEstimateSql();
    void writerStatements();
    void undoStatements();
    void editBufferSteps();
    void rowCacheEvictsFarthest();
};

void TestGridSql::keysetWindows()
{
    GridSqlBuilder pg(books(DialectKind::Postgres), GridSpec{});
    QVERIFY(pg.keyset());
    QCOMPARE(pg.window({AnchorKind::Start, {}}, 256).sql,
             QStringLiteral("SELECT \"id\", \"id\", \"title\", \"pages\" FROM \"public\".\"bo\"\"oks\" ORDER BY \"id\" ASC LIMIT 256"));
    const BoundSql after = pg.window({AnchorKind::After, {QStringLiteral("42")}}, 256);
    QCOMPARE(after.sql, QStringLiteral("SELECT \"id\", \"id\", \"title\", \"pages\" FROM \"public\".\"bo\"\"oks\" WHERE \"id\" > $1 "
                                       "ORDER BY \"id\" ASC LIMIT 256"));
    QCOMPARE(after.values, QVariantList({QStringLiteral("42")}));
    // An offset in key order is skipped on the key alone, in a subquery.
    QCOMPARE(pg.window({AnchorKind::End, {}}, 100, 5).sql,
             QStringLiteral("SELECT \"id\", \"id\", \"title\", \"pages\" FROM \"public\".\"bo\"\"oks\" WHERE \"id\" <= "
                            "(SELECT \"id\" FROM \"public\".\"bo\"\"oks\" ORDER BY \"id\" DESC LIMIT 1 OFFSET 5) "
                            "ORDER BY \"id\" DESC LIMIT 100"));
    GridSpec filtered;
    filtered.filters << ColumnFilter{2, FilterOp::Greater, QStringLiteral("10")};
    const BoundSql skip = GridSqlBuilder(books(DialectKind::Sqlite), filtered).window({AnchorKind::AtOrAfter, {qlonglong(500)}}, 10, 30);
    QCOMPARE(skip.sql, QStringLiteral("SELECT \"id\", \"id\", \"title\", \"pages\" FROM \"bo\"\"oks\" WHERE \"pages\" > ? AND \"id\" >= "
                                      "(SELECT \"id\" FROM \"bo\"\"oks\" WHERE \"pages\" > ? AND \"id\" >= ? ORDER BY \"id\" ASC "
                                      "LIMIT 1 OFFSET 30) ORDER BY \"id\" ASC LIMIT 10"));
    QCOMPARE(skip.values, QVariantList({QStringLiteral("10"), QStringLiteral("10"), qlonglong(500)}));
    GridSpec desc;
    desc.sort << SortKey{0, true};
    GridSqlBuilder sqliteDesc(books(DialectKind::Sqlite), desc);
    QVERIFY(sqliteDesc.keyset());
    QCOMPARE(sqliteDesc.window({AnchorKind::Before, {qlonglong(7)}}, 10).sql,
             QStringLiteral("SELECT \"id\", \"id\", \"title\", \"pages\" FROM \"bo\"\"oks\" WHERE \"id\" > ? ORDER BY \"id\" ASC LIMIT 10"));
    GridSqlBuilder rowid(books(DialectKind::Sqlite, false), GridSpec{});
    QVERIFY(rowid.keyset());
    QCOMPARE(rowid.window({AnchorKind::AtOrAfter, {qlonglong(3)}}, 10).sql,
             QStringLiteral("SELECT rowid, \"id\", \"title\", \"pages\" FROM \"bo\"\"oks\" WHERE rowid >= ? ORDER BY rowid ASC LIMIT 10"));
    GridSqlBuilder ctid(books(DialectKind::Postgres, false), GridSpec{});
    QVERIFY(!ctid.keyset());
    QCOMPARE(ctid.window({AnchorKind::Start, {}}, 10, 20).sql,
             QStringLiteral("SELECT ctid, \"id\", \"title\", \"pages\" FROM \"public\".\"bo\"\"oks\" LIMIT 10 OFFSET 20"));
}

void TestGridSql::offsetWindowsForOtherSorts()
{
    GridSpec spec;
    spec.sort << SortKey{1, true};
    GridSqlBuilder b(books(DialectKind::Sqlite), spec);
    QVERIFY(!b.keyset());
    QCOMPARE(b.window({AnchorKind::Start, {}}, 50, 1000).sql,
             QStringLiteral("SELECT \"id\", \"id\", \"title\", \"pages\" FROM \"bo\"\"oks\" ORDER BY \"title\" DESC, \"id\" LIMIT 50 OFFSET 1000"));
}

void TestGridSql::filtersBindOperands()
{
    GridSpec spec;
    spec.filters << ColumnFilter{1, FilterOp::Contains, QStringLiteral("50%_off\\")} << ColumnFilter{2, FilterOp::IsNull, {}}
                 << ColumnFilter{0, FilterOp::LessOrEqual, QStringLiteral("9'; DROP TABLE x; --")};
    spec.where = QStringLiteral("title <> '%1'");
    GridSqlBuilder pg(books(DialectKind::Postgres), spec);
    const BoundSql count = pg.count();
    QCOMPARE(count.sql, QStringLiteral("SELECT count(*) FROM \"public\".\"bo\"\"oks\" WHERE \"title\"::text ILIKE $1 ESCAPE '\\' AND "
                                       "\"pages\" IS NULL AND \"id\" <= $2 AND (title <> '%1'\n)"));
    QCOMPARE(count.values, QVariantList({QStringLiteral("%50\\%\\_off\\\\%"), QStringLiteral("9'; DROP TABLE x; --")}));
    QVERIFY(!pg.estimate());
    GridSqlBuilder sqlite(books(DialectKind::Sqlite), spec);
    QVERIFY(sqlite.count().sql.contains(QStringLiteral("\"title\" LIKE ? ESCAPE '\\'")));
    QVERIFY(GridSqlBuilder(books(DialectKind::Postgres), GridSpec{}).estimate());
}

void TestGridSql::selectionForExport()
{
    GridSpec spec;
    spec.filters << ColumnFilter{1, FilterOp::Contains, QStringLiteral("o'k")};
    spec.sort << SortKey{2, true};
    const BoundSql all = GridSqlBuilder(books(DialectKind::Sqlite), spec).selection();
    // The table's own columns only (no rowid/identity column), the filter bound, the sort kept, no LIMIT.
    QVERIFY2(all.sql.startsWith(QStringLiteral("SELECT \"id\", \"title\", \"pages\" FROM \"bo\"\"oks\" WHERE ")), qPrintable(all.sql));
    QVERIFY2(all.sql.contains(QStringLiteral(" ORDER BY \"pages\" DESC")), qPrintable(all.sql));
    QVERIFY(!all.sql.contains(QStringLiteral("LIMIT")));
    QCOMPARE(all.values, QVariantList({QStringLiteral("%o'k%")}));
}

void TestGridSql::boundarySample()
{
    GridSqlBuilder b(books(DialectKind::Postgres), GridSpec{});
    const BoundSql s = b.sampleBoundaries({QStringLiteral("100")}, 1024, 256);
    QCOMPARE(s.sql, QStringLiteral("SELECT \"k0\", rn FROM (SELECT \"k0\", row_number() OVER (ORDER BY \"k0\" ASC) AS rn FROM "
                                   "(SELECT \"id\" AS \"k0\" FROM \"public\".\"bo\"\"oks\" WHERE \"id\" > $1 ORDER BY \"id\" ASC "
                                   "LIMIT 1024) AS a) AS b WHERE (rn - 1) % 256 = 0 OR rn = 1024 ORDER BY rn"));
    QCOMPARE(s.values, QVariantList({QStringLiteral("100")}));
}

void TestGridSql::plannerPicksCheapestAnchor()
{
    GridSqlBuilder b(books(DialectKind::Sqlite), GridSpec{});
    RowCache cache(10, 10);
    KeyBoundaries bounds;
    // Nothing known: OFFSET from the start.
    WindowPlan p = planWindow(b, cache, bounds, 50, -1);
    QCOMPARE(p.anchor.kind, AnchorKind::Start);
    QCOMPARE(p.offset, 500);
    // With the exact count, the last window comes from the end.
    p = planWindow(b, cache, bounds, 99, 995);
    QCOMPARE(p.anchor.kind, AnchorKind::End);
    QCOMPARE(p.offset, 0);
    QCOMPARE(p.limit, 5);
    QVERIFY(p.reversed());
    p = planWindow(b, cache, bounds, 97, 995);
    QCOMPARE(p.offset, 15);
    // A boundary at the window: no offset at all.
    bounds.set(50, {qlonglong(5001)});
    p = planWindow(b, cache, bounds, 50, 995);
    QCOMPARE(p.anchor.kind, AnchorKind::AtOrAfter);
    QCOMPARE(p.anchor.key, QVariantList({qlonglong(5001)}));
    QCOMPARE(p.offset, 0);
    // Just below a boundary: backwards from it.
    p = planWindow(b, cache, bounds, 49, 995);
    QCOMPARE(p.anchor.kind, AnchorKind::Before);
    QCOMPARE(p.offset, 0);
    // The previous window cached: the next keys after its last one.
    GridRows rows;
    for (int i = 0; i < 10; ++i)
        rows << QVariantList{qlonglong(300 + i), qlonglong(300 + i), QStringLiteral("t"), qlonglong(1)};
    cache.insert(30, rows);
    p = planWindow(b, cache, bounds, 31, -1);
    QCOMPARE(p.anchor.kind, AnchorKind::After);
    QCOMPARE(p.anchor.key, QVariantList({qlonglong(309)}));
    // Not in key order: always OFFSET.
    GridSpec spec;
    spec.sort << SortKey{2, false};
    p = planWindow(GridSqlBuilder(books(DialectKind::Sqlite), spec), cache, bounds, 50, 995);
    QCOMPARE(p.anchor.kind, AnchorKind::Start);
    QCOMPARE(p.offset, 500);
}

void TestGridSql::plannerGuessesFarWindows()
{
    // Histogram bounds of keys 1..1001 in steps of 100 (ten buckets); integer keys interpolate.
    QVariantList bounds;
    for (int i = 0; i <= 10; ++i)
        bounds << QString::number(1 + i * 100);
    const KeyQuantiles histogram(bounds, true);
    QCOMPARE(histogram.keyAt(500, 1000, false).toLongLong(), 501);
    QCOMPARE(histogram.keyAt(0, 1000, false).toLongLong(), 1);
    QCOMPARE(histogram.keyAt(999, 1000, true).toLongLong(), 1);
    GridSqlBuilder b(books(DialectKind::Postgres), GridSpec{});
    RowCache cache(10, 10);
    KeyBoundaries exact;
    exact.set(0, {qlonglong(1)});
    KeyBoundaries guessed;
    Approximation a{&guessed, &histogram, 1000, 100};
    // Far from anything exact: a guessed key, no offset.
    WindowPlan p = planWindow(b, cache, exact, 50, 1000, &a);
    QVERIFY(p.approximate);
    QCOMPARE(p.anchor.kind, AnchorKind::AtOrAfter);
    QCOMPARE(p.anchor.key, QVariantList({qlonglong(501)}));
    QCOMPARE(p.offset, 0);
    // Near an exact boundary (within the threshold): exact.
    p = planWindow(b, cache, exact, 5, 1000, &a);
    QVERIFY(!p.approximate);
    // Next to a guessed window: from it, still approximate (consistent with its neighbour).
    guessed.set(50, {qlonglong(505)});
    GridRows rows;
    for (int i = 0; i < 10; ++i)
        rows << QVariantList{qlonglong(505 + i), qlonglong(505 + i), QStringLiteral("t"), qlonglong(1)};
    cache.insert(50, rows);
    p = planWindow(b, cache, exact, 51, 1000, &a);
    QVERIFY(p.approximate);
    QCOMPARE(p.anchor.kind, AnchorKind::After);
    QCOMPARE(p.anchor.key, QVariantList({qlonglong(514)}));
    p = planWindow(b, cache, exact, 49, 1000, &a);
    QVERIFY(p.approximate);
    QCOMPARE(p.anchor.kind, AnchorKind::Before);
    QCOMPARE(p.anchor.key, QVariantList({qlonglong(505)}));
    // Without an approximation the same window is an exact (offset) read.
    p = planWindow(b, cache, exact, 49, 1000);
    QVERIFY(!p.approximate);
}

void TestGridSql::plannerReadsEstimatedEndFromTheEnd()
{
    // The count is an estimate (1,000): the last window by it is the table's real last rows,
    // read backwards from the end; only their numbers are a guess.
    const KeyQuantiles ends(QVariantList{qlonglong(1), qlonglong(1000)}, true);
    GridSqlBuilder b(books(DialectKind::Sqlite), GridSpec{});
    RowCache cache(10, 10);
    KeyBoundaries exact;
    KeyBoundaries guessed;
    Approximation a{&guessed, &ends, 995, 100};
    WindowPlan p = planWindow(b, cache, exact, 99, -1, &a);
    QVERIFY(p.approximate);
    QCOMPARE(p.anchor.kind, AnchorKind::End);
    QCOMPARE(p.limit, 5);
    QCOMPARE(p.offset, 0);
    QVERIFY(p.reversed());
    // Elsewhere the integer key's ends interpolate.
    p = planWindow(b, cache, exact, 50, -1, &a);
    QVERIFY(p.approximate);
    QCOMPARE(p.anchor.kind, AnchorKind::AtOrAfter);
    QCOMPARE(p.anchor.key, QVariantList({qlonglong(503)}));   // 1 + 999 * 500.5 / 995
}

void TestGridSql::rangePlans()
{
    GridSqlBuilder b(books(DialectKind::Sqlite), GridSpec{});
    RowCache cache(10, 10);
    KeyBoundaries bounds;
    WindowPlan p = planRange(b, cache, bounds, 123, 40, -1);
    QCOMPARE(p.anchor.kind, AnchorKind::Start);
    QCOMPARE(p.offset, 123);
    QCOMPARE(p.limit, 40);
    QCOMPARE(p.sql.sql, b.window({AnchorKind::Start, {}}, 40, 123).sql);
    // From the end when the count is exact and the range is near it.
    p = planRange(b, cache, bounds, 900, 40, 1000);
    QCOMPARE(p.anchor.kind, AnchorKind::End);
    QCOMPARE(p.offset, 60);
    // From the boundary at or below, or backwards from the one above.
    bounds.set(12, {qlonglong(121)});
    p = planRange(b, cache, bounds, 123, 40, -1);
    QCOMPARE(p.anchor.kind, AnchorKind::AtOrAfter);
    QCOMPARE(p.offset, 3);
    bounds.set(17, {qlonglong(171)});
    p = planRange(b, cache, bounds, 130, 38, -1);   // rows 130..167, boundary row 170
    QCOMPARE(p.anchor.kind, AnchorKind::Before);
    QCOMPARE(p.offset, 2);
    // Right after a cached row: its key, no offset.
    GridRows rows;
    for (int i = 0; i < 10; ++i)
        rows << QVariantList{qlonglong(121 + i), qlonglong(121 + i), QStringLiteral("t"), qlonglong(1)};
    cache.insert(12, rows);
    p = planRange(b, cache, bounds, 125, 500, -1);
    QCOMPARE(p.anchor.kind, AnchorKind::After);
    QCOMPARE(p.anchor.key, QVariantList({qlonglong(125)}));
    QCOMPARE(p.offset, 0);
    QCOMPARE(p.limit, 500);
}

void TestGridSql::boundariesStayCompact()
{
    KeyBoundaries k;
    k.set(10, {qlonglong(1001)});
    k.set(2, {QStringLiteral("201")});   // PostgreSQL's text of an integer
    k.set(7, {701});
    QVERIFY(k.isCompact());
    QCOMPARE(k.size(), 3);
    QCOMPARE(k.windows(), QList<int>({2, 7, 10}));
    QCOMPARE(k.key(2), QVariantList({qlonglong(201)}));
    QCOMPARE(k.atOrBelow(9), 7);
    QCOMPARE(k.atOrBelow(1), -1);
    QCOMPARE(k.above(7), 10);
    QCOMPARE(k.above(10), -1);
    k.set(7, {qlonglong(702)});
    QCOMPARE(k.key(7), QVariantList({qlonglong(702)}));
    k.remove(7);
    QVERIFY(!k.contains(7));
    QVERIFY(k.key(7).isEmpty());
    // A key that is not one integer: every key kept as a list from then on.
    k.set(5, {QStringLiteral("007")});
    QVERIFY(!k.isCompact());
    QCOMPARE(k.key(5), QVariantList({QStringLiteral("007")}));
    QCOMPARE(k.key(10), QVariantList({qlonglong(1001)}));
    k.set(6, {QStringLiteral("a"), qlonglong(2)});
    QCOMPARE(k.key(6), QVariantList({QStringLiteral("a"), qlonglong(2)}));
    QCOMPARE(k.windows(), QList<int>({2, 5, 6, 10}));
    k.clear();
    QVERIFY(k.isCompact());
    QCOMPARE(k.size(), 0);
}

void TestGridSql::stepSampleSql()
{
    GridSpec spec;
    spec.filters << ColumnFilter{1, FilterOp::Contains, QStringLiteral("a")};
    GridSqlBuilder b(books(DialectKind::Postgres), spec);
    const BoundSql s = b.sampleSteps({QStringLiteral("100")}, 1024, 256);
    QVERIFY2(s.sql.startsWith(QStringLiteral("WITH RECURSIVE strata_s(strata_n, strata_k) AS (SELECT 0, (SELECT \"id\" FROM ")), qPrintable(s.sql));
    QVERIFY2(s.sql.contains(QStringLiteral("\"id\" >= $2 ORDER BY \"id\" ASC LIMIT 1)")), qPrintable(s.sql));
    QVERIFY2(s.sql.contains(QStringLiteral("\"id\" > strata_s.strata_k ORDER BY \"id\" ASC LIMIT 1 OFFSET 255)")), qPrintable(s.sql));
    QVERIFY2(s.sql.contains(QStringLiteral("strata_n < 1024")), qPrintable(s.sql));
    // The filter is bound in both subqueries.
    QCOMPARE(s.values, QVariantList({QStringLiteral("%a%"), QStringLiteral("100"), QStringLiteral("%a%")}));
    const BoundSql d = b.keyDistance({QStringLiteral("1")}, {QStringLiteral("9")});
    QVERIFY2(d.sql.contains(QStringLiteral("\"id\" >= $2 AND \"id\" < $3")), qPrintable(d.sql));
    QVERIFY(!b.keyHistogram().has_value());   // filtered: the histogram says nothing about it
    QVERIFY(GridSqlBuilder(books(DialectKind::Postgres), GridSpec{}).keyHistogram().has_value());
    // SQLite: the two ends of an integer key, interpolated between.
    const std::optional<BoundSql> ends = GridSqlBuilder(books(DialectKind::Sqlite), GridSpec{}).keyHistogram();
    QVERIFY(ends.has_value());
    QCOMPARE(ends->sql, QStringLiteral("SELECT min(\"id\") FROM \"bo\"\"oks\" UNION ALL SELECT max(\"id\") FROM \"bo\"\"oks\""));
    QVERIFY(!GridSqlBuilder(books(DialectKind::Sqlite), spec).keyHistogram().has_value());
    QVERIFY(GridSqlBuilder(books(DialectKind::Sqlite, false), GridSpec{}).keyHistogram().has_value());   // rowid
}

void TestGridSql::rowPositionAndEstimateSql()
{
    // Key order: the keys before the row, if the filtered rows hold it.
    GridSpec filtered;
    filtered.filters << ColumnFilter{2, FilterOp::Greater, QStringLiteral("100")};
    const std::optional<BoundSql> keyset = GridSqlBuilder(books(DialectKind::Postgres), filtered).rowPosition({qlonglong(42)});
    QVERIFY(keyset);
    QCOMPARE(keyset->sql, QStringLiteral("SELECT (SELECT count(*) FROM \"public\".\"bo\"\"oks\" WHERE \"pages\" > $1 AND \"id\" < $2) "
                                         "FROM \"public\".\"bo\"\"oks\" WHERE \"pages\" > $3 AND \"id\" = $4"));
    QCOMPARE(keyset->values, QVariantList({QStringLiteral("100"), qlonglong(42), QStringLiteral("100"), qlonglong(42)}));
    GridSpec descending;
    descending.sort << SortKey{0, true};
    QVERIFY(GridSqlBuilder(books(DialectKind::Sqlite), descending).rowPosition({qlonglong(42)})->sql.contains(QStringLiteral("\"id\" > ?")));
    // Another order: the row's number among the filtered rows, in the order windows are read.
    GridSpec byTitle;
    byTitle.sort << SortKey{1, false};
    const std::optional<BoundSql> numbered = GridSqlBuilder(books(DialectKind::Sqlite), byTitle).rowPosition({qlonglong(42)});
    QVERIFY(numbered);
    QCOMPARE(numbered->sql, QStringLiteral("SELECT n - 1 FROM (SELECT \"id\" AS \"k0\", row_number() OVER (ORDER BY \"title\" ASC, \"id\") AS n "
                                           "FROM \"bo\"\"oks\") AS r WHERE \"k0\" = ?"));
    const std::optional<BoundSql> ctid = GridSqlBuilder(books(DialectKind::Postgres, false), GridSpec{}).rowPosition({QStringLiteral("(0,7)")});
    QVERIFY(ctid);
    QCOMPARE(ctid->sql, QStringLiteral("SELECT n - 1 FROM (SELECT ctid AS \"k0\", row_number() OVER () AS n FROM \"public\".\"bo\"\"oks\") AS r "
                                       "WHERE \"k0\" = $1"));
    QVERIFY(!GridSqlBuilder(books(DialectKind::Sqlite), GridSpec{}).rowPosition({}));   // no identity given

    // The PostgreSQL estimate: reltuples of -1 (never analysed) and 0 (analysed before the rows
    // came) are both unknown, never "0 rows".
    const std::optional<BoundSql> estimate = GridSqlBuilder(books(DialectKind::Postgres), GridSpec{}).estimate();
    QVERIFY(estimate);
    QCOMPARE(estimate->sql, QStringLiteral("SELECT CASE WHEN reltuples >= 1 THEN reltuples::bigint ELSE -1 END "
                                           "FROM pg_class WHERE oid = to_regclass($1)"));
    QCOMPARE(estimate->values, QVariantList({QStringLiteral("\"public\".\"bo\"\"oks\"")}));
}

void TestGridSql::writerStatements()
{
    GridWriter pg(books(DialectKind::Postgres));
    RowEdit update;
    update.identity = {QStringLiteral("7")};
    update.before = {QStringLiteral("7"), QStringLiteral("old"), QVariant()};
    update.changes = {{1, QStringLiteral("new")}};
    RowEdit insert;
    insert.kind = EditKind::Insert;
    insert.changes = {{1, QStringLiteral("t")}};
    RowEdit empty;
    empty.kind = EditKind::Insert;
    RowEdit del;
    del.kind = EditKind::Delete;
    del.identity = {QStringLiteral("8")};
    del.before = {QStringLiteral("8"), QStringLiteral("x"), QVariant()};
    const QList<SaveStatement> s = pg.compile({update, insert, empty, del});
    QCOMPARE(s.size(), 4);
    QCOMPARE(s.at(0).sql.sql, QStringLiteral("UPDATE \"public\".\"bo\"\"oks\" SET \"title\" = $1 WHERE \"id\" = $2 AND "
                                             "\"title\" IS NOT DISTINCT FROM $3::character(22) RETURNING \"id\", \"id\", \"title\", \"pages\""));
    QCOMPARE(s.at(0).sql.values, QVariantList({QStringLiteral("new"), QStringLiteral("7"), QStringLiteral("old")}));
    QCOMPARE(s.at(1).sql.sql, QStringLiteral("INSERT INTO \"public\".\"bo\"\"oks\" (\"title\") VALUES ($1) RETURNING \"id\", \"id\", \"title\", \"pages\""));
    QCOMPARE(s.at(2).sql.sql, QStringLiteral("INSERT INTO \"public\".\"bo\"\"oks\" DEFAULT VALUES RETURNING \"id\", \"id\", \"title\", \"pages\""));
    QCOMPARE(s.at(3).sql.sql, QStringLiteral("DELETE FROM \"public\".\"bo\"\"oks\" WHERE \"id\" = $1 AND \"id\" IS NOT DISTINCT FROM $2::integer "
                                             "AND \"title\" IS NOT DISTINCT FROM $3::character(22) AND \"pages\" IS NOT DISTINCT FROM $4::integer "
                                             "RETURNING \"id\", \"id\", \"title\", \"pages\""));
    // Key-less PostgreSQL: the physical row AND the whole before-image.
    GridWriter ctid(books(DialectKind::Postgres, false));
    update.identity = {QStringLiteral("(0,1)")};
    const SaveStatement c = ctid.compile({update}).first();
    QCOMPARE(c.sql.sql, QStringLiteral("UPDATE \"public\".\"bo\"\"oks\" SET \"title\" = $1 WHERE ctid = $2 AND \"id\" IS NOT DISTINCT FROM $3::integer "
                                       "AND \"title\" IS NOT DISTINCT FROM $4::character(22) AND \"pages\" IS NOT DISTINCT FROM $5::integer "
                                       "RETURNING ctid, \"id\", \"title\", \"pages\""));
    GridWriter sqlite(books(DialectKind::Sqlite));
    update.identity = {qlonglong(7)};
    QCOMPARE(sqlite.compile({update}).first().sql.sql,
             QStringLiteral("UPDATE \"bo\"\"oks\" SET \"title\" = ? WHERE \"id\" = ? AND (\"title\" IS ? AND typeof(\"title\") = typeof(?)) "
                            "RETURNING \"id\", \"id\", \"title\", \"pages\""));
}

void TestGridSql::undoStatements()
{
    GridWriter sqlite(books(DialectKind::Sqlite, false));
    SaveRecord record;
    record.changes << SavedChange{EditKind::Update, {qlonglong(1)}, {qlonglong(1), QStringLiteral("a"), qlonglong(5)}, {qlonglong(1)},
                                  {qlonglong(1), QStringLiteral("b"), qlonglong(5)}, {1}};
    record.changes << SavedChange{EditKind::Delete, {qlonglong(2)}, {qlonglong(2), QStringLiteral("c"), QVariant()}, {}, {}, {}};
    const QList<SaveStatement> s = sqlite.compileUndo(record);
    QCOMPARE(s.size(), 2);
    QCOMPARE(s.at(0).sql.sql, QStringLiteral("INSERT INTO \"bo\"\"oks\" (rowid, \"id\", \"title\", \"pages\") VALUES (?, ?, ?, ?) "
                                             "RETURNING rowid, \"id\", \"title\", \"pages\""));
    // A rowid without a declared key may be renumbered by VACUUM: the whole row is checked.
    QCOMPARE(s.at(1).sql.sql, QStringLiteral("UPDATE \"bo\"\"oks\" SET \"title\" = ? WHERE rowid = ? AND (\"id\" IS ? AND typeof(\"id\") = typeof(?)) "
                                             "AND (\"title\" IS ? AND typeof(\"title\") = typeof(?)) AND (\"pages\" IS ? AND typeof(\"pages\") = typeof(?)) "
                                             "RETURNING rowid, \"id\", \"title\", \"pages\""));
    QCOMPARE(s.at(1).sql.values, QVariantList({QStringLiteral("a"), qlonglong(1), qlonglong(1), qlonglong(1), QStringLiteral("b"),
                                               QStringLiteral("b"), qlonglong(5), qlonglong(5)}));
}

void TestGridSql::editBufferSteps()
{
    EditBuffer buffer;
    const QVariantList before{qlonglong(1), QStringLiteral("a")};
    QVERIFY(buffer.setCell({qlonglong(1)}, before, 1, QStringLiteral("b")));
    QCOMPARE(buffer.pendingCount(), 1);
    QVERIFY(buffer.setCell({qlonglong(1)}, before, 1, QStringLiteral("a")));   // back to the original: no edit
    QCOMPARE(buffer.pendingCount(), 0);
    QVERIFY(buffer.undo());
    QCOMPARE(buffer.find({qlonglong(1)})->value(1).toString(), QStringLiteral("b"));
    // SQLite: 1 and '1' are different identities.
    QVERIFY(!buffer.find({QStringLiteral("1")}));
    buffer.beginStep();
    buffer.addInsert();
    buffer.addInsert();
    buffer.markDeleted({qlonglong(2)}, {qlonglong(2), QStringLiteral("z")});
    buffer.endStep();
    QCOMPARE(buffer.pendingCount(), 4);
    QVERIFY(!buffer.setCell({qlonglong(2)}, {}, 1, QStringLiteral("q")));   // deleted rows are not edited
    QVERIFY(buffer.undo());
    QCOMPARE(buffer.pendingCount(), 1);
    const QList<RowEdit> ordered = buffer.ordered();
    QCOMPARE(ordered.size(), 1);
    QCOMPARE(identityKey({QVariant(), qlonglong(3), QStringLiteral("3")}), identityKey({QVariant(), qlonglong(3), QStringLiteral("3")}));
    QVERIFY(identityKey({QVariant()}) != identityKey({QStringLiteral("")}));
}

void TestGridSql::rowCacheEvictsFarthest()
{
    RowCache cache(4, 3);
    for (int w : {0, 1, 2})
        cache.insert(w, GridRows{{1}, {2}, {3}, {4}});
    const QList<int> evicted = cache.insert(10, GridRows{{1}});
    QCOMPARE(evicted, QList<int>({0}));
    QVERIFY(cache.row(9));
    QVERIFY(!cache.row(1));
    QVERIFY(!cache.row(41));   // window 10 is short
    QCOMPARE(cache.rowCount(), 9);
}

STRATA_TEST_MAIN(TestGridSql)
#include "tst_gridsql.moc"
