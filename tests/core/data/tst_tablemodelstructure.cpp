// The grid's table model reading the table's structure again on refresh() (a column added,
// dropped or retyped by someone else), on real SQLite and PostgreSQL tables: filters and sort
// follow their columns by name; pending edits keep the old structure until they are saved or
// reverted; a count that failed says so instead of counting forever.

#include "tablemodeltesting.h"

using namespace strata::test::grid;

class TestTableModelStructure : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dialects_data();
    void refreshReadsNewColumns_data() { dialects_data(); }
    void refreshReadsNewColumns();
    void pendingEditsKeepTheOldStructure_data() { dialects_data(); }
    void pendingEditsKeepTheOldStructure();
    void failedCountIsNotCounting_data() { dialects_data(); }
    void failedCountIsNotCounting();
};

namespace {

QStringList headers(const TableModel *m)
{
    QStringList names;
    for (int c = 0; c < m->columnCount(); ++c)
        names << m->headerData(c, Qt::Horizontal).toString();
    return names;
}

} // namespace

void TestTableModelStructure::dialects_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("pg") << QStringLiteral("pg");
}

void TestTableModelStructure::refreshReadsNewColumns()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, a text, b integer)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', 20), (3, 'three', 30)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    // Filter on b, sort on b descending: they must follow b when a is dropped before it.
    GridSpec spec;
    spec.filters << ColumnFilter{2, FilterOp::Greater, QStringLiteral("15")};
    spec.sort << SortKey{2, true};
    g->setSpec(spec);
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), 2);

    QCOMPARE(fx.exec({QStringLiteral("ALTER TABLE t ADD COLUMN c text"), QStringLiteral("UPDATE t SET c = 'x' || id"),
                      QStringLiteral("ALTER TABLE t DROP COLUMN a")}),
             QString());
    QSignalSpy changed(g.model.get(), &TableModel::structureChanged);
    g->refresh();
    QVERIFY(changed.wait(10000));
    QCOMPARE(headers(g.model.get()), (QStringList{QStringLiteral("id"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(g->spec().filters.size(), 1);
    QCOMPARE(g->spec().filters.first().column, 1);
    QCOMPARE(g->spec().sort, (QList<SortKey>{SortKey{1, true}}));
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), 2);
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 0, TableModel::RawRole).toLongLong(), 3);
    QCOMPARE(cell(g.model.get(), 0, 2).toString(), QStringLiteral("x3"));

    // Nothing changed: refresh reads rows again, the model is not reset.
    changed.clear();
    QSignalSpy reset(g.model.get(), &QAbstractItemModel::modelReset);
    g->refresh();
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    QTest::qWait(50);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(reset.size(), 0);
}

void TestTableModelStructure::pendingEditsKeepTheOldStructure()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, a text)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'one'), (2, 'two')")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("uno")));
    QCOMPARE(fx.exec({QStringLiteral("ALTER TABLE t ADD COLUMN b integer DEFAULT 7")}), QString());
    g->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(g->isStructureOutdated(), 10000);
    QCOMPARE(g->columnCount(), 2);   // the edit refers to these columns
    QCOMPARE(g->pendingCount(), 1);
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("uno"));

    // Saved: the new structure comes by itself, with the saved value.
    QSignalSpy changed(g.model.get(), &TableModel::structureChanged);
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QVERIFY(changed.wait(10000));
    QVERIFY(!g->isStructureOutdated());
    QCOMPARE(headers(g.model.get()), (QStringList{QStringLiteral("id"), QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("uno"));
    QCOMPARE(cell(g.model.get(), 0, 2, TableModel::RawRole).toInt(), 7);

    // Reverted: the same.
    QVERIFY(g->setData(g->index(1, 1), QStringLiteral("dos")));
    QCOMPARE(fx.exec({QStringLiteral("ALTER TABLE t ADD COLUMN c text")}), QString());
    g->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(g->isStructureOutdated(), 10000);
    changed.clear();
    g->revertAll();
    QVERIFY(changed.wait(10000));
    QCOMPARE(g->columnCount(), 4);
    QCOMPARE(g->pendingCount(), 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT a FROM t WHERE id = 2")).toString(), QStringLiteral("two"));
}

void TestTableModelStructure::failedCountIsNotCounting()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, a text)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'one')")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitCount(g.model.get()));
    GridSpec spec;
    spec.where = QStringLiteral("nosuch = 1");
    g->setSpec(spec);
    QTRY_VERIFY_WITH_TIMEOUT(g->countError().has_value(), 10000);
    QVERIFY(!g->isCounting());
    QVERIFY(g->countError()->message.contains(QStringLiteral("nosuch")));
    g->setSpec(GridSpec{});
    QVERIFY(!g->countError());   // a new read forgets the old failure
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), 1);
}

STRATA_TEST_MAIN(TestTableModelStructure)
#include "tst_tablemodelstructure.moc"
