// The grid's table model reading real SQLite and PostgreSQL tables: windows with eviction,
// keyset jumps, server-side sort and filter with hostile values, NULL vs empty, read-only cases.

#include "tablemodeltesting.h"

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
    void viewIsReadOnly_data() { dialects_data(); }
    void viewIsReadOnly();
    void readOnlyConnectionRefusesEdits_data() { dialects_data(); }
    void readOnlyConnectionRefusesEdits();
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

STRATA_TEST_MAIN(TestTableModel)
#include "tst_tablemodel.moc"
