// The grid's table model on real databases, SQLite and PostgreSQL: windowed reading with
// eviction, keyset jumps, server-side sort and filter with hostile values, and editing
// (NULL vs empty, defaults read back, failed saves, conflicts, key-less tables, undo).

#include "data/tablemodel.h"
#include "gridfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTimeZone>

using namespace strata;
using namespace strata::data;
using strata::test::GridFixture;

#define GRID_FIXTURE(fx)                                                  \
    QFETCH(QString, dialect);                                             \
    QString pgServer;                                                     \
    if (dialect == QLatin1String("pg")) {                                 \
        STRATA_REQUIRE_PG(serverUrl);                                     \
        pgServer = serverUrl;                                             \
    }                                                                     \
    GridFixture fx(dialect, pgServer);                                    \
    QVERIFY2(fx.ok(), qPrintable(fx.error()))

namespace {

struct Grid {
    std::unique_ptr<TableModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    TableModel *operator->() const { return model.get(); }
};

Grid openGrid(GridFixture &fx, const QString &table, int windowSize = 64, int maxWindows = 40, bool readOnly = false)
{
    Grid g;
    connection::Connection *reader = fx.connect(readOnly);
    connection::Connection *background = fx.connect(readOnly);
    if (!reader || !background)
        return g;
    g.model = std::make_unique<TableModel>(reader, background, nullptr, windowSize, maxWindows);
    g.tester = std::make_unique<QAbstractItemModelTester>(g.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QObject::connect(g.model.get(), &TableModel::fetchFailed, [](const Error &e) { qWarning() << "fetch failed:" << e.toString() << e.sql; });
    QSignalSpy opened(g.model.get(), &TableModel::opened);
    g.model->open(fx.isPostgres() ? QStringLiteral("public") : QStringLiteral("main"), table);
    if (!opened.wait(20000) || !opened.first().at(0).toBool())
        g.model.reset();
    return g;
}

bool waitCount(TableModel *m)
{
    return QTest::qWaitFor([m] { return m->countState() == TableModel::CountState::Exact && !m->isCounting(); }, 20000);
}

bool waitRow(TableModel *m, qint64 tableRow)
{
    m->fetchTableRow(tableRow);
    const bool ok = QTest::qWaitFor([m, tableRow] { return m->isTableRowLoaded(tableRow); }, 20000);
    if (!ok)
        qWarning() << "row" << tableRow << "not loaded; rows" << m->tableRowCount() << "state" << int(m->countState())
                   << "fetching" << m->isFetching() << "windows" << m->cachedWindowCount();
    return ok;
}

QVariant cell(TableModel *m, qint64 tableRow, int column, int role = Qt::DisplayRole)
{
    return m->data(m->index(m->modelRow(tableRow), column), role);
}

/// The first column (the id) of every row, loading as needed.
QList<qlonglong> allIds(TableModel *m)
{
    QList<qlonglong> ids;
    if (!waitCount(m))
        return {-1};
    for (qint64 r = 0; r < m->tableRowCount(); ++r) {
        if (!waitRow(m, r))
            return {-2};
        ids << cell(m, r, 0, TableModel::RawRole).toLongLong();
    }
    return ids;
}

bool waitSave(TableModel *m, bool *ok = nullptr, Error *error = nullptr, int *row = nullptr)
{
    QSignalSpy spy(m, &TableModel::saveFinished);
    if (!spy.wait(20000))
        return false;
    if (ok)
        *ok = spy.first().at(0).toBool();
    if (error)
        *error = spy.first().at(1).value<Error>();
    if (row)
        *row = spy.first().at(2).toInt();
    return true;
}

QStringList booksFixture(bool pg, int rows)
{
    if (pg)
        return {QStringLiteral("CREATE TABLE books (id integer PRIMARY KEY, title text, pages int)"),
                QStringLiteral("INSERT INTO books SELECT i, 'Book ' || i, i % 500 FROM generate_series(1, %1) AS i").arg(rows),
                QStringLiteral("ANALYZE books")};
    return {QStringLiteral("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, pages INTEGER)"),
            QStringLiteral("INSERT INTO books (id, title, pages) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < %1) SELECT i, 'Book ' || i, i % 500 FROM n").arg(rows)};
}

} // namespace

class TestTableModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dialects_data();
    void windowsAndEviction_data() { dialects_data(); }
    void windowsAndEviction();
    void keysetJumps_data() { dialects_data(); }
    void keysetJumps();
    void hostileFilters_data() { dialects_data(); }
    void hostileFilters();
    void nullVersusEmpty_data() { dialects_data(); }
    void nullVersusEmpty();
    void insertReadsDefaultsBack_data() { dialects_data(); }
    void insertReadsDefaultsBack();
    void failedSaveKeepsEdits_data() { dialects_data(); }
    void failedSaveKeepsEdits();
    void conflictIsDetected_data() { dialects_data(); }
    void conflictIsDetected();
    void keylessTableEditsOneOfTwoIdenticalRows_data() { dialects_data(); }
    void keylessTableEditsOneOfTwoIdenticalRows();
    void pendingEditsSurviveSortFilterRefresh_data() { dialects_data(); }
    void pendingEditsSurviveSortFilterRefresh();
    void undoLastSave_data() { dialects_data(); }
    void undoLastSave();
    void undoPendingEdits_data() { dialects_data(); }
    void undoPendingEdits();
    void readOnlyConnectionRefusesEdits_data() { dialects_data(); }
    void readOnlyConnectionRefusesEdits();
    void editorValuesRoundTrip_data() { dialects_data(); }
    void editorValuesRoundTrip();
    void pasteTabSeparated_data() { dialects_data(); }
    void pasteTabSeparated();
    void viewIsReadOnly_data() { dialects_data(); }
    void viewIsReadOnly();
};

void TestTableModel::dialects_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("pg") << QStringLiteral("pg");
}

void TestTableModel::windowsAndEviction()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), 5000)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"), 64, 4);
    QVERIFY(g.model);
    QCOMPARE(g->tableInfo().identity, RowIdentity::PrimaryKey);
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("Book 1"));
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), 5000);
    QCOMPARE(g->rowCount(), 5000);
    for (qint64 row : {1000, 2000, 3000, 4000, 4999, 4998, 100}) {
        QVERIFY(waitRow(g.model.get(), row));
        QCOMPARE(cell(g.model.get(), row, 0, TableModel::RawRole).toLongLong(), row + 1);
        QCOMPARE(cell(g.model.get(), row, 1).toString(), QStringLiteral("Book %1").arg(row + 1));
        QVERIFY2(g->cachedWindowCount() <= 4, qPrintable(QString::number(g->cachedWindowCount())));
    }
    int stillLoaded = 0;
    for (qint64 row : {1000, 2000, 3000, 4000, 4999, 100})
        stillLoaded += g->isTableRowLoaded(row) ? 1 : 0;
    QVERIFY(stillLoaded <= 4);
    QVERIFY(g->isTableRowLoaded(100));
    QVERIFY(g->loadedRowCount() <= 4 * 64);
    // Unfetched rows answer empty while loading, and are marked so.
    QCOMPARE(cell(g.model.get(), 3500, 1, TableModel::LoadedRole).toBool(), false);
    QCOMPARE(cell(g.model.get(), 3500, 1, TableModel::RowStateRole).toInt(), int(TableModel::RowState::Loading));
}

void TestTableModel::keysetJumps()
{
    GRID_FIXTURE(fx);
    const int n = 5000;
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), n)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"), 64, 8);
    QVERIFY(g.model);
    QVERIFY(waitCount(g.model.get()));
    QTRY_VERIFY_WITH_TIMEOUT(g->boundariesComplete(), 20000);
    QVERIFY2(g->boundaryCount() >= n / 64, qPrintable(QString::number(g->boundaryCount())));
    for (qint64 row : {4999, 2500, 63, 64, 1234, 0, 4936}) {
        QVERIFY(waitRow(g.model.get(), row));
        QCOMPARE(cell(g.model.get(), row, 0, TableModel::RawRole).toLongLong(), row + 1);
    }

    // Descending by key: still keyset.
    g->sort(0, Qt::DescendingOrder);
    QVERIFY(waitCount(g.model.get()));
    for (qint64 row : {0, 4999, 2500, 777}) {
        QVERIFY(waitRow(g.model.get(), row));
        QCOMPARE(cell(g.model.get(), row, 0, TableModel::RawRole).toLongLong(), n - row);
    }

    // A filter, in key order: the rows with pages >= 250.
    GridSpec spec;
    spec.filters << ColumnFilter{2, FilterOp::GreaterOrEqual, QStringLiteral("250")};
    g->setSpec(spec);
    QList<qlonglong> expected;
    for (int i = 1; i <= n; ++i)
        if (i % 500 >= 250)
            expected << i;
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), expected.size());
    QTRY_VERIFY_WITH_TIMEOUT(g->boundariesComplete(), 20000);
    for (qint64 row : {qint64(expected.size() - 1), qint64(1300), qint64(0), qint64(65)}) {
        QVERIFY(waitRow(g.model.get(), row));
        QCOMPARE(cell(g.model.get(), row, 0, TableModel::RawRole).toLongLong(), expected.at(row));
    }

    // Sorted by a non-key column: OFFSET paging, ties broken by the key.
    spec = GridSpec{};
    spec.sort << SortKey{2, true};
    g->setSpec(spec);
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 0, TableModel::RawRole).toLongLong(), 499);   // pages 499, smallest id
    QVERIFY(waitRow(g.model.get(), 4999));
    QCOMPARE(cell(g.model.get(), 4999, 2, TableModel::RawRole).toLongLong(), 0);
    QCOMPARE(cell(g.model.get(), 4999, 0, TableModel::RawRole).toLongLong(), 5000);
}

void TestTableModel::hostileFilters()
{
    GRID_FIXTURE(fx);
    const QString unicode = QString::fromUtf8("ünïcödé 😀");
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE \"odd \"\"notes\"\"\" (id integer PRIMARY KEY, body text)"),
                      QStringLiteral("INSERT INTO \"odd \"\"notes\"\"\" VALUES (1, 'O''Brien'), (2, '100% sure'), (3, 'a_b'), "
                                     "(4, NULL), (5, '%1'), (6, 'a\\b back'), (7, ''), (8, 'plain ab')").arg(unicode)}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("odd \"notes\""));
    QVERIFY(g.model);
    QCOMPARE(allIds(g.model.get()), QList<qlonglong>({1, 2, 3, 4, 5, 6, 7, 8}));
    auto filtered = [&](const QList<ColumnFilter> &filters, const QString &where = {}) {
        GridSpec spec;
        spec.filters = filters;
        spec.where = where;
        g->setSpec(spec);
        return allIds(g.model.get());
    };
    using F = ColumnFilter;
    QCOMPARE(filtered({F{1, FilterOp::Contains, QStringLiteral("'")}}), QList<qlonglong>({1}));
    QCOMPARE(filtered({F{1, FilterOp::Contains, QStringLiteral("%")}}), QList<qlonglong>({2}));
    QCOMPARE(filtered({F{1, FilterOp::Contains, QStringLiteral("_")}}), QList<qlonglong>({3}));
    QCOMPARE(filtered({F{1, FilterOp::Contains, QStringLiteral("\\")}}), QList<qlonglong>({6}));
    QCOMPARE(filtered({F{1, FilterOp::Contains, QStringLiteral("ab")}}), QList<qlonglong>({8}));
    QCOMPARE(filtered({F{1, FilterOp::Contains, QString::fromUtf8("cödé 😀")}}), QList<qlonglong>({5}));
    QCOMPARE(filtered({F{1, FilterOp::IsNull, {}}}), QList<qlonglong>({4}));
    QCOMPARE(filtered({F{1, FilterOp::IsNotNull, {}}}).size(), 7);
    QCOMPARE(filtered({F{1, FilterOp::Equals, QString()}}), QList<qlonglong>({7}));
    QCOMPARE(filtered({F{1, FilterOp::Equals, QStringLiteral("O'Brien")}}), QList<qlonglong>({1}));
    QCOMPARE(filtered({F{1, FilterOp::Equals, unicode}}), QList<qlonglong>({5}));
    QCOMPARE(filtered({F{0, FilterOp::Greater, QStringLiteral("5")}}), QList<qlonglong>({6, 7, 8}));
    QCOMPARE(filtered({}, QStringLiteral("body = 'O''Brien' OR id = 2")), QList<qlonglong>({1, 2}));
    QCOMPARE(filtered({F{0, FilterOp::LessOrEqual, QStringLiteral("3")}}, QStringLiteral("body LIKE '%1%'")), QList<qlonglong>({2}));
    // Filter text as people type it.
    QCOMPARE(ColumnFilter::parse(1, QStringLiteral(">= 4"))->op, FilterOp::GreaterOrEqual);
    QCOMPARE(ColumnFilter::parse(1, QStringLiteral("is null"))->op, FilterOp::IsNull);
    QCOMPARE(ColumnFilter::parse(1, QStringLiteral("=")), (std::optional<ColumnFilter>(F{1, FilterOp::Equals, QString()})));
    QVERIFY(!ColumnFilter::parse(1, QStringLiteral("  ")));
    // A broken WHERE fragment is reported, not swallowed.
    GridSpec bad;
    bad.where = QStringLiteral("nosuchcolumn = 1");
    QSignalSpy failed(g.model.get(), &TableModel::fetchFailed);
    g->setSpec(bad);
    QVERIFY(failed.wait(10000));
    // Sorting by body descending puts the Unicode text first (byte order in both).
    GridSpec sorted;
    sorted.sort << SortKey{1, true};
    sorted.filters << F{1, FilterOp::IsNotNull, {}};
    g->setSpec(sorted);
    QCOMPARE(allIds(g.model.get()).first(), 5);
}

void TestTableModel::nullVersusEmpty()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, note text)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'x'), (2, 'y'), (3, NULL), (4, '')")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 2, 1, TableModel::IsNullRole).toBool(), true);
    QCOMPARE(cell(g.model.get(), 3, 1, TableModel::IsNullRole).toBool(), false);
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("")));
    QVERIFY(g->setNull(g->index(1, 1)));
    QVERIFY(g->setData(g->index(2, 1), QString(QStringLiteral(""))));   // NULL -> empty
    QVERIFY(g->setNull(g->index(3, 1)));                                  // empty -> NULL
    QCOMPARE(g->pendingCount(), 4);
    QCOMPARE(cell(g.model.get(), 1, 1, TableModel::IsNullRole).toBool(), true);
    QCOMPARE(cell(g.model.get(), 0, 1, TableModel::IsNullRole).toBool(), false);
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM t WHERE note IS NULL AND id IN (2, 4)")).toInt(), 2);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM t WHERE note = '' AND id IN (1, 3)")).toInt(), 2);
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1, TableModel::IsNullRole).toBool(), false);
    QCOMPARE(cell(g.model.get(), 1, 1, TableModel::IsNullRole).toBool(), true);
}

void TestTableModel::insertReadsDefaultsBack()
{
    GRID_FIXTURE(fx);
    if (fx.isPostgres())
        QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, "
                                         "qty int NOT NULL DEFAULT 7, created timestamptz DEFAULT now())"),
                          QStringLiteral("INSERT INTO items (name) VALUES ('first')")}),
                 QString());
    else
        QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                         "qty INTEGER NOT NULL DEFAULT 7, created TEXT DEFAULT (datetime('now')))"),
                          QStringLiteral("INSERT INTO items (name) VALUES ('first')")}),
                 QString());
    Grid g = openGrid(fx, QStringLiteral("items"));
    QVERIFY(g.model);
    QVERIFY(waitCount(g.model.get()));
    const int row = g->addRow();
    QCOMPARE(row, 0);
    QCOMPARE(g->rowCount(), 2);
    QCOMPARE(g->data(g->index(0, 2), TableModel::IsDefaultRole).toBool(), true);
    QCOMPARE(g->data(g->index(0, 2), TableModel::IsNullRole).toBool(), false);
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("second")));
    QCOMPARE(g->data(g->index(0, 0), TableModel::RowStateRole).toInt(), int(TableModel::RowState::Inserted));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(g->pendingCount(), 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT qty FROM items WHERE name = 'second'")).toInt(), 7);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT id FROM items WHERE name = 'second'")).toInt(), 2);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM items WHERE created IS NOT NULL")).toInt(), 2);
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->rowCount(), 2);
    QVERIFY(waitRow(g.model.get(), 1));
    QCOMPARE(cell(g.model.get(), 1, 2, TableModel::RawRole).toInt(), 7);
}

void TestTableModel::failedSaveKeepsEdits()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE acc (id integer PRIMARY KEY, name text UNIQUE, amount integer CHECK (amount >= 0))"),
                      QStringLiteral("INSERT INTO acc VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("acc"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 2), 11));
    QVERIFY(g->setData(g->index(1, 1), QStringLiteral("c")));   // violates UNIQUE
    const int added = g->addRow();
    QVERIFY(g->setData(g->index(added, 0), 4));
    QVERIFY(g->setData(g->index(added, 1), QStringLiteral("d")));
    QVERIFY(g->setData(g->index(added, 2), 5));
    QCOMPARE(g->pendingCount(), 3);
    g->save();
    bool ok = true;
    Error error;
    int failedRow = -2;
    QVERIFY(waitSave(g.model.get(), &ok, &error, &failedRow));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Constraint);
    QCOMPARE(g->pendingCount(), 3);
    // Nothing was written: the first UPDATE rolled back with the rest.
    QCOMPARE(fx.scalar(QStringLiteral("SELECT amount FROM acc WHERE id = 1")).toInt(), 10);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM acc")).toInt(), 3);
    QCOMPARE(failedRow, g->modelRow(1));
    QVERIFY(!g->data(g->index(failedRow, 0), TableModel::RowErrorRole).toString().isEmpty());
    QCOMPARE(g->data(g->index(failedRow, 0), TableModel::RowStateRole).toInt(), int(TableModel::RowState::Failed));
    QCOMPARE(g->data(g->modelRow(0) >= 0 ? g->index(g->modelRow(0), 2) : QModelIndex(), Qt::DisplayRole).toString(), QStringLiteral("11"));
    // Fix the failing edit and save again.
    QVERIFY(g->setData(g->index(failedRow, 1), QStringLiteral("b2")));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT amount FROM acc WHERE id = 1")).toInt(), 11);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT name FROM acc WHERE id = 2")).toString(), QStringLiteral("b2"));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT amount FROM acc WHERE name = 'd'")).toInt(), 5);
}

void TestTableModel::conflictIsDetected()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, title text, pages integer)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', 20)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    // Someone else changes row 1's title and row 2's pages after we read them.
    QCOMPARE(fx.exec({QStringLiteral("UPDATE t SET title = 'theirs' WHERE id = 1"),
                      QStringLiteral("UPDATE t SET pages = 99 WHERE id = 2")}),
             QString());
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("mine")));
    g->save();
    bool ok = true;
    Error error;
    int row = -2;
    QVERIFY(waitSave(g.model.get(), &ok, &error, &row));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(row, 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM t WHERE id = 1")).toString(), QStringLiteral("theirs"));
    QCOMPARE(g->pendingCount(), 1);
    const RowEdit *edit = g->editAt(0);
    QVERIFY(edit && edit->conflict && edit->theirs);
    QCOMPARE(edit->theirs->value(1).toString(), QStringLiteral("theirs"));
    QVERIFY(g->data(g->index(0, 1), Qt::ToolTipRole).toString().contains(QStringLiteral("theirs")));
    // A change to another column of another row does not conflict with editing its title.
    QVERIFY(g->setData(g->index(1, 1), QStringLiteral("two!")));
    g->resolveConflict(0, true);   // keep mine: overwrite theirs knowingly
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM t WHERE id = 1")).toString(), QStringLiteral("mine"));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title || ':' || pages FROM t WHERE id = 2")).toString(), QStringLiteral("two!:99"));
    // A row deleted meanwhile is a conflict too, never a silent success.
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(fx.exec({QStringLiteral("DELETE FROM t WHERE id = 2")}), QString());
    QVERIFY(g->setData(g->index(1, 2), 5));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QVERIFY(g->editAt(1) && g->editAt(1)->conflict && !g->editAt(1)->theirs);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM t")).toInt(), 1);
}

void TestTableModel::keylessTableEditsOneOfTwoIdenticalRows()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE dup (a integer, b text)"),
                      QStringLiteral("INSERT INTO dup VALUES (1, 'same'), (1, 'same'), (2, 'other'), (3, 'gone'), (3, 'gone')")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("dup"));
    QVERIFY(g.model);
    QCOMPARE(g->tableInfo().identity, fx.isPostgres() ? RowIdentity::Ctid : RowIdentity::Rowid);
    QVERIFY(g->isEditable());
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    int sameRow = -1;
    int goneRow = -1;
    for (int r = 0; r < g->rowCount(); ++r) {
        const QString b = g->data(g->index(r, 1)).toString();
        if (b == QLatin1String("same") && sameRow < 0)
            sameRow = r;
        if (b == QLatin1String("gone") && goneRow < 0)
            goneRow = r;
    }
    QVERIFY(sameRow >= 0 && goneRow >= 0);
    QVERIFY(g->setData(g->index(sameRow, 1), QStringLiteral("changed")));
    g->deleteRows({goneRow});
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'changed'")).toInt(), 1);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'same'")).toInt(), 1);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'gone'")).toInt(), 1);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup")).toInt(), 4);
    // The before-image is required: a row changed by someone else is not touched.
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    int otherRow = -1;
    for (int r = 0; r < g->rowCount(); ++r)
        if (g->data(g->index(r, 1)).toString() == QLatin1String("other"))
            otherRow = r;
    QVERIFY(otherRow >= 0);
    QCOMPARE(fx.exec({QStringLiteral("UPDATE dup SET a = 20 WHERE b = 'other'")}), QString());
    QVERIFY(g->setData(g->index(otherRow, 1), QStringLiteral("overwritten?")));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'other' AND a = 20")).toInt(), 1);
}

void TestTableModel::pendingEditsSurviveSortFilterRefresh()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), 300)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"), 64, 3);
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 5));
    QVERIFY(g->setData(g->index(5, 1), QStringLiteral("edited")));
    QVERIFY(g->setData(g->index(6, 2), 1234));
    QCOMPARE(g->pendingCount(), 2);
    g->sort(0, Qt::DescendingOrder);
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 300 - 6));
    QCOMPARE(cell(g.model.get(), 300 - 6, 0, TableModel::RawRole).toLongLong(), 6);
    QCOMPARE(cell(g.model.get(), 300 - 6, 1).toString(), QStringLiteral("edited"));
    QCOMPARE(cell(g.model.get(), 300 - 6, 1, TableModel::CellChangedRole).toBool(), true);
    // Evicted and read again: still there.
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(waitRow(g.model.get(), 100));
    QVERIFY(waitRow(g.model.get(), 200));
    QVERIFY(waitRow(g.model.get(), 300 - 7));
    QCOMPARE(cell(g.model.get(), 300 - 7, 2).toString(), QStringLiteral("1234"));
    GridSpec spec;
    spec.filters << ColumnFilter{0, FilterOp::Equals, QStringLiteral("6")};
    g->setSpec(spec);
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), 1);
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("edited"));
    g->refresh();
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("edited"));
    QCOMPARE(g->pendingCount(), 2);
    // Holding edits takes no lock: another connection writes the same table meanwhile.
    QCOMPARE(fx.exec({QStringLiteral("UPDATE books SET pages = 1 WHERE id = 100")}), QString());
}

void TestTableModel::undoLastSave()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, title text NOT NULL, pages integer)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', NULL), (3, 'three', 30)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("uno")));
    g->deleteRows({1});
    QCOMPARE(g->data(g->index(1, 0), TableModel::RowStateRole).toInt(), int(TableModel::RowState::Deleted));
    const int added = g->addRow();
    QVERIFY(g->setData(g->index(added, 0), 4));
    QVERIFY(g->setData(g->index(added, 1), QStringLiteral("four")));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    const QString agg = fx.isPostgres() ? QStringLiteral("string_agg") : QStringLiteral("group_concat");
    QCOMPARE(fx.scalar(QStringLiteral("SELECT %1(title, ',') FROM (SELECT title FROM t ORDER BY id) s").arg(agg)).toString(),
             QStringLiteral("uno,three,four"));
    QVERIFY(g->canUndoLastSave());
    g->undoLastSave();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT %1(title || ':' || coalesce(pages, -1), ',') FROM "
                                      "(SELECT title, pages FROM t ORDER BY id) s").arg(agg)).toString(),
             QStringLiteral("one:10,two:-1,three:30"));
    QVERIFY(!g->canUndoLastSave());
    // Undo refuses to overwrite what someone changed after the save.
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 2), 11));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(ok);
    QCOMPARE(fx.exec({QStringLiteral("UPDATE t SET pages = 12 WHERE id = 1")}), QString());
    g->undoLastSave();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT pages FROM t WHERE id = 1")).toInt(), 12);
}

void TestTableModel::undoPendingEdits()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), 10)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("a")));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("b")));
    g->addRow();
    g->deleteRows({g->modelRow(3)});
    QCOMPARE(g->pendingCount(), 3);
    QVERIFY(g->undo());   // the delete
    QCOMPARE(g->pendingCount(), 2);
    QVERIFY(g->undo());   // the new row
    QCOMPARE(g->rowCount(), 10);
    QVERIFY(g->undo());   // "b" -> "a"
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("a"));
    QVERIFY(g->undo());
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("Book 1"));
    QCOMPARE(g->pendingCount(), 0);
    QVERIFY(!g->undo());
    QVERIFY(g->setData(g->index(2, 1), QStringLiteral("c")));
    g->revertAll();
    QCOMPARE(g->pendingCount(), 0);
    QCOMPARE(cell(g.model.get(), 2, 1).toString(), QStringLiteral("Book 3"));
}

void TestTableModel::readOnlyConnectionRefusesEdits()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), 10)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"), 64, 40, true);
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(!g->isEditable());
    QVERIFY(!g->readOnlyReason().isEmpty());
    QVERIFY(!(g->flags(g->index(0, 1)) & Qt::ItemIsEditable));
    QVERIFY(!g->setData(g->index(0, 1), QStringLiteral("x")));
    QVERIFY(!g->setNull(g->index(0, 1)));
    QCOMPARE(g->addRow(), -1);
    g->deleteRows({0});
    QVERIFY(!g->pasteText(g->index(0, 1), QStringLiteral("y")));
    QCOMPARE(g->pendingCount(), 0);
}

void TestTableModel::editorValuesRoundTrip()
{
    GRID_FIXTURE(fx);
    const bool pg = fx.isPostgres();
    if (pg)
        QCOMPARE(fx.exec({QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
                          QStringLiteral("CREATE TABLE types (id int PRIMARY KEY, b boolean, i bigint, n numeric(12,4), "
                                         "r double precision, d date, t time, ts timestamp, tz timestamptz, j jsonb, "
                                         "bl bytea, tx text, m mood)"),
                          QStringLiteral("INSERT INTO types (id) VALUES (1)")}),
                 QString());
    else
        QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE types (id INTEGER PRIMARY KEY, b BOOLEAN, i INTEGER, n NUMERIC, "
                                         "r REAL, d DATE, t TIME, ts DATETIME, tz TIMESTAMP, j JSON, bl BLOB, tx TEXT, m TEXT)"),
                          QStringLiteral("INSERT INTO types (id) VALUES (1)")}),
                 QString());
    Grid g = openGrid(fx, QStringLiteral("types"));
    QVERIFY(g.model);
    const QList<ColumnMeta> &cols = g->tableInfo().columns;
    QCOMPARE(cols.at(1).type, ValueType::Bool);
    QCOMPARE(cols.at(2).type, ValueType::Integer);
    QCOMPARE(cols.at(5).type, ValueType::Date);
    QCOMPARE(cols.at(7).type, ValueType::Timestamp);
    QCOMPARE(cols.at(9).type, ValueType::Json);
    QCOMPARE(cols.at(10).type, ValueType::Bytes);
    if (pg) {
        QCOMPARE(cols.at(8).type, ValueType::TimestampTz);
        QCOMPARE(cols.at(12).type, ValueType::Enum);
        QCOMPARE(cols.at(12).enumLabels, QStringList({QStringLiteral("sad"), QStringLiteral("ok"), QStringLiteral("happy")}));
    }
    QVERIFY(waitRow(g.model.get(), 0));
    const QByteArray bytes("\x00\x01\xffPNG\n", 7);
    const QDateTime local(QDate(2024, 1, 2), QTime(3, 4, 5, 678));
    const QDateTime zoned(QDate(2024, 6, 30), QTime(23, 59, 1), Qt::OffsetFromUTC, 7200);
    const QList<QPair<int, QVariant>> values = {
        {1, true}, {2, qlonglong(9007199254740993LL)}, {3, QStringLiteral("12.3456")}, {4, 2.5},
        {5, QDate(2024, 2, 29)}, {6, QTime(13, 45, 6)}, {7, local}, {8, zoned},
        {9, QStringLiteral("{\"a\": [1, 2]}")}, {10, bytes}, {11, QString::fromUtf8("multi\nline ✓")},
        {12, QStringLiteral("happy")}};
    for (const auto &v : values)
        QVERIFY2(g->setData(g->index(0, v.first), v.second), qPrintable(cols.at(v.first).name));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString() + QStringLiteral(" ") + error.sql));
    Grid fresh = openGrid(fx, QStringLiteral("types"));
    QVERIFY(fresh.model);
    QVERIFY(waitRow(fresh.model.get(), 0));
    auto edit = [&](int column) { return cell(fresh.model.get(), 0, column, Qt::EditRole); };
    QCOMPARE(edit(1).toBool(), true);
    QCOMPARE(edit(1).metaType().id(), QMetaType::Bool);
    QCOMPARE(edit(2).toLongLong(), 9007199254740993LL);
    QCOMPARE(edit(3).toString(), QStringLiteral("12.3456"));
    QCOMPARE(edit(4).toDouble(), 2.5);
    QCOMPARE(edit(5).toDate(), QDate(2024, 2, 29));
    QCOMPARE(edit(6).toTime(), QTime(13, 45, 6));
    QCOMPARE(edit(7).toDateTime(), local);
    if (pg)
        QCOMPARE(edit(8).toDateTime().toUTC(), zoned.toUTC());
    QCOMPARE(edit(9).toString(), QStringLiteral("{\"a\": [1, 2]}"));
    QCOMPARE(edit(10).toByteArray(), bytes);
    QCOMPARE(edit(11).toString(), QString::fromUtf8("multi\nline ✓"));
    QCOMPARE(edit(12).toString(), QStringLiteral("happy"));
    QVERIFY(cell(fresh.model.get(), 0, 10).toString().startsWith(QStringLiteral("[7 B] 00 01 ff")));
    QCOMPARE(cell(fresh.model.get(), 0, 1).toString(), QStringLiteral("true"));
}

void TestTableModel::pasteTabSeparated()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, title text, pages integer, done boolean)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'a', 1, NULL), (2, 'b', 2, NULL), (3, 'c', 3, NULL)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QString error;
    QVERIFY2(g->pasteText(g->index(0, 1), QStringLiteral("x\t10\ttrue\r\n\"multi\nline\"\t\tfalse\r\n"), &error), qPrintable(error));
    QCOMPARE(g->pendingCount(), 2);
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("x"));
    QCOMPARE(cell(g.model.get(), 1, 1, Qt::EditRole).toString(), QStringLiteral("multi\nline"));
    QCOMPARE(cell(g.model.get(), 1, 2, TableModel::IsNullRole).toBool(), true);   // empty number cell: NULL
    QVERIFY(!g->pasteText(g->index(2, 3), QStringLiteral("maybe"), &error));
    QVERIFY(error.contains(QStringLiteral("maybe")));
    QCOMPARE(g->pendingCount(), 2);
    QVERIFY(g->undo());   // the whole paste is one step
    QCOMPARE(g->pendingCount(), 0);
}

void TestTableModel::viewIsReadOnly()
{
    GRID_FIXTURE(fx);
    QStringList setup = booksFixture(fx.isPostgres(), 10);
    setup << QStringLiteral("CREATE VIEW thick AS SELECT id, title FROM books WHERE pages > 5");
    QCOMPARE(fx.exec(setup), QString());
    Grid g = openGrid(fx, QStringLiteral("thick"));
    QVERIFY(g.model);
    QVERIFY(!g->isEditable());
    QCOMPARE(allIds(g.model.get()), QList<qlonglong>({6, 7, 8, 9, 10}));
}

STRATA_TEST_MAIN(TestTableModel)
#include "tst_tablemodel.moc"
