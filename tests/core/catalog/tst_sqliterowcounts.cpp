// SQLite row counts for the tree (issue 19): exact within the size limit, "~" estimates from
// sqlite_stat1 beyond it, nothing without statistics, and cancellation.

#include "catalog/sqliterowcounts.h"
#include "connection/connectionworker.h"
#include "connection/nativehandle.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::catalog;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

/// books: 3 rows; big: 5000 rows; no_stats: 2 rows (created after ANALYZE).
QString makeFile(bool analyse)
{
    const QString file = test::tempPath(analyse ? s("counts-analysed.db") : s("counts.db"));
    QSqlDatabase db = test::openTestDatabase(file);
    QStringList statements{s("CREATE TABLE books (id integer PRIMARY KEY, title text)"),
                           s("INSERT INTO books (title) VALUES ('a'), ('b'), ('c')"),
                           s("CREATE TABLE big (id integer PRIMARY KEY, v text)"),
                           s("CREATE INDEX big_v ON big (v)"),
                           s("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                             "INSERT INTO big (v) SELECT 'v' || i FROM n")};
    if (analyse)
        statements << s("ANALYZE");
    statements << s("CREATE TABLE \"no stats\" (x int)") << s("INSERT INTO \"no stats\" VALUES (1), (2)");
    const QString error = test::execAll(db, statements);
    test::closeTestDatabase(db);
    return error.isEmpty() ? file : QString();
}

Result<QList<RowCount>> count(const QString &file, qint64 limit, bool cancelled = false)
{
    QSqlDatabase db = test::openTestDatabase(file);
    connection::NativeHandle native;
    native.attach(db);
    connection::ConnectionProfile profile;
    connection::JobContext job{db, dialect::dialectFor(dialect::DialectKind::Sqlite), native, profile};
    std::atomic_bool flag(cancelled);
    auto result = sqliteRowCounts(job, s("main"), {s("books"), s("big"), s("no stats")}, limit, flag);
    native.detach();
    test::closeTestDatabase(db);
    return result;
}

} // namespace

class TestSqliteRowCounts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void smallFileIsCountedExactly();
    void bigFileUsesStatisticsWhereThereAreSome();
    void bigFileWithoutStatisticsShowsNothing();
    void cancelledStopsBeforeCounting();
};

void TestSqliteRowCounts::smallFileIsCountedExactly()
{
    const QString file = makeFile(false);
    QVERIFY(!file.isEmpty());
    const auto counts = count(file, kExactRowCountSizeLimit);
    QVERIFY2(counts, counts ? "" : qPrintable(counts.error().message));
    QCOMPARE(counts.value().size(), 3);
    QCOMPARE(counts.value()[0].rows, 3);
    QCOMPARE(counts.value()[1].rows, 5000);
    QCOMPARE(counts.value()[2].table, s("no stats"));
    QCOMPARE(counts.value()[2].rows, 2);
    QVERIFY(!counts.value()[1].estimate);
}

void TestSqliteRowCounts::bigFileUsesStatisticsWhereThereAreSome()
{
    const QString file = makeFile(true);
    QVERIFY(!file.isEmpty());
    const auto counts = count(file, 0);   // every file is "too big" to count
    QVERIFY2(counts, counts ? "" : qPrintable(counts.error().message));
    // books has no index, big has one: ANALYZE writes a row for each table (books' with a NULL idx)
    QStringList tables;
    for (const RowCount &c : counts.value()) {
        tables << c.table;
        QVERIFY(c.estimate);
    }
    QVERIFY(tables.contains(s("big")));
    QVERIFY(!tables.contains(s("no stats")));   // created after ANALYZE: no estimate, no guess
    for (const RowCount &c : counts.value())
        if (c.table == s("big"))
            QCOMPARE(c.rows, 5000);
}

void TestSqliteRowCounts::bigFileWithoutStatisticsShowsNothing()
{
    const QString file = makeFile(false);
    const auto counts = count(file, 0);
    QVERIFY(counts);
    QVERIFY(counts.value().isEmpty());
}

void TestSqliteRowCounts::cancelledStopsBeforeCounting()
{
    const QString file = makeFile(false);
    const auto counts = count(file, kExactRowCountSizeLimit, true);
    QVERIFY(!counts);
    QCOMPARE(counts.error().kind, ErrorKind::Cancelled);
}

STRATA_TEST_MAIN(TestSqliteRowCounts)
#include "tst_sqliterowcounts.moc"
