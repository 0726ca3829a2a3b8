// RowWindowModel: model rows as a window over 64-bit absolute rows. The window moves with
// persistent indexes following their rows; counts change at the end, above and inside the
// window; rows past 2^31 are reached. Checked with QAbstractItemModelTester throughout.

#include "data/rowwindowmodel.h"
#include "data/synthetictablemodel.h"
#include "support/testenvironment.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace strata;
using data::RowWindowModel;
using data::SyntheticTableModel;

namespace {

/// Rows numbered by their absolute row; inserts and removals anywhere (as TableModel's new rows).
class CountingModel : public RowWindowModel {
public:
    explicit CountingModel(qint64 rows) { setTotalRows(rows); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 2; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DisplayRole || !index.isValid())
            return {};
        return qlonglong(absoluteRow(index.row()) - m_shift);
    }
    void insert(qint64 first, qint64 count) { insertRowsAt(first, count, [this, count] { m_shift += count; }); }
    void remove(qint64 first, qint64 count) { removeRowsAt(first, count, [this, count] { m_shift -= count; }); }
    void resize(qint64 rows) { setTotalRows(rows); }
    qint64 m_shift = 0;   // rows inserted at the top (the tests insert above what they watch)
};

} // namespace

class TestRowWindowModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void smallTableHasNoWindow();
    void windowMovesPersistentIndexes();
    void shrinkKeepsWindowFull();
    void insertAndRemoveAroundWindow();
    void tenBillionRows();
};

void TestRowWindowModel::smallTableHasNoWindow()
{
    SyntheticTableModel model(10);
    model.setWindowSpan(1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setRows(20);
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 10);
    QCOMPARE(inserted.first().at(2).toInt(), 19);
    QVERIFY(!model.setWindowOffset(5));   // the window is the table
    QCOMPARE(model.windowOffset(), 0);
    QCOMPARE(model.headerData(19, Qt::Vertical).toLongLong(), 20);
}

void TestRowWindowModel::windowMovesPersistentIndexes()
{
    SyntheticTableModel model(100000);
    model.setWindowSpan(1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.totalRowCount(), 100000);
    const QPersistentModelIndex early = model.index(100, 1);
    const QPersistentModelIndex late = model.index(700, 2);
    QSignalSpy changed(&model, &RowWindowModel::totalRowCountChanged);
    QVERIFY(model.setWindowOffset(500));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.rowCount(), 1000);
    QVERIFY(!early.isValid());
    QCOMPARE(late.row(), 200);
    QCOMPARE(late.column(), 2);
    QCOMPARE(model.index(0, 0).data().toLongLong(), 501);
    QCOMPARE(model.headerData(0, Qt::Vertical).toLongLong(), 501);
    // Clamped: the window stays full.
    QVERIFY(model.setWindowOffset(1000000000));
    QCOMPARE(model.windowOffset(), 99000);
    QVERIFY(!late.isValid());
    QCOMPARE(model.index(999, 0).data().toLongLong(), 100000);
    QVERIFY(!model.moveWindowTo(99500));
    QVERIFY(model.moveWindowTo(1200, 10));
    QVERIFY(model.windowContains(1200) && model.windowContains(1209));
    QCOMPARE(model.windowRow(1200) + model.windowOffset(), 1200);
    QCOMPARE(model.windowRow(5), -1);
}

void TestRowWindowModel::shrinkKeepsWindowFull()
{
    SyntheticTableModel model(100000);
    model.setWindowSpan(1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWindowOffset(99000);
    const QPersistentModelIndex kept = model.index(0, 0);   // absolute 99000
    model.setRows(50000);
    QCOMPARE(model.windowOffset(), 49000);
    QCOMPARE(model.rowCount(), 1000);
    QVERIFY(!kept.isValid());   // past the new end
    QCOMPARE(model.index(999, 0).data().toLongLong(), 50000);
    model.setRows(600);
    QCOMPARE(model.windowOffset(), 0);
    QCOMPARE(model.rowCount(), 600);
    // Growing a full window shows no new model row, but says the count changed.
    model.setRows(5000);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &RowWindowModel::totalRowCountChanged);
    model.setRows(6000);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.totalRowCount(), 6000);
}

void TestRowWindowModel::insertAndRemoveAroundWindow()
{
    CountingModel model(10000);
    model.setWindowSpan(1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWindowOffset(5000);
    const QPersistentModelIndex watched = model.index(10, 0);
    QCOMPARE(watched.data().toLongLong(), 5010);
    // Above the window: it follows its rows, no model row changes.
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    model.insert(0, 3);
    QCOMPARE(model.windowOffset(), 5003);
    QCOMPARE(watched.row(), 10);
    QCOMPARE(watched.data().toLongLong(), 5010);
    QCOMPARE(layout.size(), 0);
    model.remove(0, 3);
    QCOMPARE(model.windowOffset(), 5000);
    QCOMPARE(watched.row(), 10);
    // Inside a full window: the rows after move down, the last leave it.
    model.insert(5005, 2);
    QCOMPARE(layout.size(), 1);
    QCOMPARE(watched.row(), 12);
    QCOMPARE(watched.data().toLongLong(), 5010);
    model.remove(5005, 2);
    QCOMPARE(watched.row(), 10);
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.totalRowCount(), 10000);
}

void TestRowWindowModel::tenBillionRows()
{
    const qint64 rows = 10000000000LL;
    SyntheticTableModel model(rows);
    QCOMPARE(model.totalRowCount(), rows);
    QCOMPARE(model.rowCount(), RowWindowModel::kDefaultSpan);
    QVERIFY(model.moveWindowTo(rows - 1));
    QCOMPARE(model.windowOffset(), rows - RowWindowModel::kDefaultSpan);
    const QModelIndex last = model.index(model.rowCount() - 1, 0);
    QCOMPARE(last.data().toLongLong(), rows);
    QCOMPARE(model.headerData(last.row(), Qt::Vertical).toLongLong(), rows);
    QVERIFY(model.setData(last.siblingAtColumn(1), QStringLiteral("last")));
    QCOMPARE(model.editedValue(rows - 1, 1).toString(), QStringLiteral("last"));
}

STRATA_TEST_MAIN(TestRowWindowModel)
#include "tst_rowwindowmodel.moc"
