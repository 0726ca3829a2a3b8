// GridView on the synthetic model, driven with real key, mouse and wheel events, offscreen:
// keyboard navigation, Shift ranges from a far anchor (keyboard and mouse) and across a
// move of the model's window, the 10^10-row table scrolled to its end and edited there, the
// scrollbar dragged with the row number in its tooltip, row numbers painted for the visible
// rows only.

#include "data/synthetictablemodel.h"
#include "grid/gridview.h"
#include "grid/rownumberheader.h"
#include "grid/rowscrollbar.h"
#include "support/testenvironment.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolTip>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::SyntheticTableModel;

namespace {

constexpr qint64 kTenBillion = 10000000000LL;

void saveShot(QWidget &widget, const QString &name)
{
    const QImage image = widget.grab().toImage();
    image.save(test::tempPath(name));
    const QByteArray dir = qgetenv("STRATA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        image.save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name);
}

struct Fixture {
    explicit Fixture(qint64 rows, int span = data::RowWindowModel::kDefaultSpan)
        : model(rows)
    {
        if (span != data::RowWindowModel::kDefaultSpan)
            model.setWindowSpan(span);
        view.setModel(&model);
        view.setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
        view.resize(640, 420);
        view.show();
        view.setFocus();
    }
    SyntheticTableModel model;
    GridView view;

    qint64 currentRow() const { return view.absoluteRow(view.currentIndex().row()); }
    void click(int modelRow, int column, Qt::KeyboardModifiers modifiers = {})
    {
        const QRect rect = view.visualRect(model.index(modelRow, column));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, modifiers, rect.center());
    }
    /// The selection as absolute rows (top, bottom) and columns (left, right) of one range.
    QList<QList<qint64>> ranges() const
    {
        QList<QList<qint64>> out;
        for (const QItemSelectionRange &r : view.selectionModel()->selection())
            out << QList<qint64>{view.absoluteRow(r.top()), view.absoluteRow(r.bottom()), r.left(), r.right()};
        return out;
    }
};

} // namespace

class TestGridView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keyboardNavigation();
    void shiftArrowsAcrossCacheWindows();
    void shiftClickFromFarAnchor();
    void selectionFollowsWindowMove();
    void tenBillionRowsScrolledToEnd();
    void editAtLastOfTenBillion();
    void scrollbarDragShowsRow();
    void wheelScrollsRows();
    void rowHeaderSelectsRows();
    void allRowsChangedCostsVisibleRows();
};

void TestGridView::keyboardNavigation()
{
    Fixture f(1000000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.click(0, 0);
    QCOMPARE(f.currentRow(), 0);
    QTest::keyClick(&f.view, Qt::Key_Down);
    QTest::keyClick(&f.view, Qt::Key_Down);
    QCOMPARE(f.currentRow(), 2);
    const int page = f.view.pageRows();
    QVERIFY(page > 5);
    QTest::keyClick(&f.view, Qt::Key_PageDown);
    QCOMPARE(f.currentRow(), 2 + page);
    QCOMPARE(f.view.topRow(), qint64(page));   // the page moved with the cursor
    QTest::keyClick(&f.view, Qt::Key_PageUp);
    QCOMPARE(f.currentRow(), 2);
    QCOMPARE(f.view.topRow(), 0);
    QTest::keyClick(&f.view, Qt::Key_Right);
    QCOMPARE(f.view.currentIndex().column(), 1);
    QTest::keyClick(&f.view, Qt::Key_End);
    QCOMPARE(f.view.currentIndex().column(), 3);
    QTest::keyClick(&f.view, Qt::Key_Home);
    QCOMPARE(f.view.currentIndex().column(), 0);
    QTest::keyClick(&f.view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(f.currentRow(), 999999);
    QCOMPARE(f.view.currentIndex().column(), 3);
    QCOMPARE(f.view.topRow(), 1000000 - page);
    QVERIFY(f.view.visualRect(f.view.currentIndex()).bottom() <= f.view.viewport()->height());
    QTest::keyClick(&f.view, Qt::Key_Down);
    QCOMPARE(f.currentRow(), 999999);
    QTest::keyClick(&f.view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(f.currentRow(), 0);
    QCOMPARE(f.view.currentIndex().column(), 0);
    QCOMPARE(f.view.topRow(), 0);
    QTest::keyClick(&f.view, Qt::Key_Up);
    QCOMPARE(f.currentRow(), 0);
    // Plain moves select the cell they land on; Ctrl moves only the current cell (as Qt's).
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{2, 2, 0, 0}}));
}

void TestGridView::shiftArrowsAcrossCacheWindows()
{
    // Shift+Page Down repeatedly: the range grows from the anchor, far past the rows on screen.
    Fixture f(5000000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.click(3, 1);
    for (int i = 0; i < 100; ++i)
        QTest::keyClick(&f.view, Qt::Key_PageDown, Qt::ShiftModifier);
    QTest::keyClick(&f.view, Qt::Key_Right, Qt::ShiftModifier);
    const qint64 end = 3 + 100 * qint64(f.view.pageRows());
    QCOMPARE(f.currentRow(), end);
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{3, end, 1, 2}}));
    QTest::keyClick(&f.view, Qt::Key_Up, Qt::ShiftModifier);
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{3, end - 1, 1, 2}}));
    // Shift+Ctrl+End extends to the last row; Shift+Ctrl+Home back over the anchor.
    QTest::keyClick(&f.view, Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{3, 4999999, 1, 3}}));
    QTest::keyClick(&f.view, Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{0, 3, 0, 1}}));
}

void TestGridView::shiftClickFromFarAnchor()
{
    Fixture f(50000000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.click(10, 0);
    f.view.scrollToRow(40000000);   // as the scrollbar would
    QCOMPARE(f.view.topRow(), 40000000);
    const int row = f.view.topModelRow() + 4;
    f.click(row, 2, Qt::ShiftModifier);
    QCOMPARE(f.currentRow(), 40000004);
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{10, 40000004, 0, 2}}));
    QCOMPARE(f.view.topRow(), 40000000);   // the click did not scroll
    // A plain click starts a new range there.
    f.click(row + 1, 1);
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{40000005, 40000005, 1, 1}}));
}

void TestGridView::selectionFollowsWindowMove()
{
    // A window of 1,000 model rows over 100,000 rows: extending a range past the window's end
    // moves the window; the range, the current cell and the anchor keep their rows.
    Fixture f(100000, 1000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.scrollToRow(600);
    f.click(f.view.topModelRow(), 0);
    QCOMPARE(f.currentRow(), 600);
    QCOMPARE(f.model.windowOffset(), 0);
    while (f.currentRow() < 1400)
        QTest::keyClick(&f.view, Qt::Key_Down, Qt::ShiftModifier);
    QVERIFY(f.model.windowOffset() > 0);
    QVERIFY(f.model.windowContains(600));
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{600, 1400, 0, 0}}));
    QCOMPARE(f.view.currentIndex().data().toLongLong(), 1401);   // id = row + 1
    // Far away and back: the window moves twice, the current cell stays on its row.
    QTest::keyClick(&f.view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(f.currentRow(), 99999);
    QVERIFY(f.model.windowOffset() >= 99000);
    QCOMPARE(f.view.currentIndex().siblingAtColumn(0).data().toLongLong(), 100000);
    QTest::keyClick(&f.view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(f.model.windowOffset(), 0);
    QCOMPARE(f.view.currentIndex().data().toLongLong(), 1);
}

void TestGridView::tenBillionRowsScrolledToEnd()
{
    Fixture f(kTenBillion);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QCOMPARE(f.view.totalRows(), kTenBillion);
    QCOMPARE(f.model.rowCount(), data::RowWindowModel::kDefaultSpan);
    f.click(0, 0);
    QTest::keyClick(&f.view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(f.currentRow(), kTenBillion - 1);
    QCOMPARE(f.view.topRow(), kTenBillion - f.view.pageRows());
    QCOMPARE(f.view.currentIndex().siblingAtColumn(0).data().toLongLong(), kTenBillion);
    // The last row's number is painted, whole: 10,000,000,000.
    const QString last = QLocale().toString(kTenBillion);
    QCOMPARE(f.view.rowHeader()->label(f.view.currentIndex().row()), last);
    QVERIFY(f.view.rowHeader()->width() >= f.view.rowHeader()->fontMetrics().horizontalAdvance(last));
    QVERIFY(f.view.visualRect(f.view.currentIndex()).bottom() <= f.view.viewport()->height());
    QCOMPARE(f.view.rowScrollBar()->value(), f.view.rowScrollBar()->maximum());
    QVERIFY(f.view.rowScrollBar()->isScaled());
    saveShot(f.view, QStringLiteral("grid-view-10e10-end.png"));
    // One row up at a time, also past the end of the scrollbar's precision.
    QTest::keyClick(&f.view, Qt::Key_Up);
    QCOMPARE(f.currentRow(), kTenBillion - 2);
    QTest::keyClick(&f.view, Qt::Key_PageUp);
    QCOMPARE(f.currentRow(), kTenBillion - 2 - f.view.pageRows());
    QTest::keyClick(&f.view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(f.currentRow(), 0);
    QCOMPARE(f.model.windowOffset(), 0);
    QCOMPARE(f.view.rowHeader()->label(0), QStringLiteral("1"));
}

void TestGridView::editAtLastOfTenBillion()
{
    Fixture f(kTenBillion);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.click(0, 1);
    QTest::keyClick(&f.view, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClick(&f.view, Qt::Key_Left);
    QTest::keyClick(&f.view, Qt::Key_Left);
    QCOMPARE(f.view.currentIndex().column(), 1);
    QTest::keyClick(&f.view, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QCOMPARE(editor->text(), QStringLiteral("Title 10000000000"));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("the very last"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(f.model.editedValue(kTenBillion - 1, 1).toString(), QStringLiteral("the very last"));
    QCOMPARE(f.model.editCount(), 1);
}

void TestGridView::scrollbarDragShowsRow()
{
    Fixture f(100000000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    RowScrollBar *bar = f.view.rowScrollBar();
    QStyleOptionSlider option;
    option.initFrom(bar);
    option.orientation = Qt::Vertical;
    option.minimum = bar->minimum();
    option.maximum = bar->maximum();
    option.sliderPosition = bar->sliderPosition();
    option.sliderValue = bar->value();
    option.pageStep = bar->pageStep();
    option.singleStep = bar->singleStep();
    const QRect handle = bar->style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, bar);
    const QRect groove = bar->style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarGroove, bar);
    QTest::mousePress(bar, Qt::LeftButton, {}, handle.center());
    const int y = handle.center().y() + int(0.37 * (groove.height() - handle.height()));
    QMouseEvent move(QEvent::MouseMove, QPointF(handle.center().x(), y), bar->mapToGlobal(QPointF(handle.center().x(), y)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(bar, &move);
    const qint64 top = f.view.topRow();
    QVERIFY2(qAbs(top - 37000000) < 1500000, qPrintable(QString::number(top)));
    QVERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("Row %1 of %2").arg(QLocale().toString(top + 1), QLocale().toString(100000000)));
    QTest::mouseRelease(bar, Qt::LeftButton, {}, QPoint(handle.center().x(), y));
    QCOMPARE(f.view.rowHeader()->label(f.view.topModelRow()), QLocale().toString(top + 1));
    // Rows are painted there: the first visible cell is row top's.
    QCOMPARE(f.view.indexAt(QPoint(2, 2)).data().toLongLong(), top + 1);
}

void TestGridView::wheelScrollsRows()
{
    Fixture f(1000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const QPoint at = f.view.viewport()->rect().center();
    QWheelEvent down(at, f.view.viewport()->mapToGlobal(at), QPoint(), QPoint(0, -240), Qt::NoButton, Qt::NoModifier,
                     Qt::NoScrollPhase, false);
    QApplication::sendEvent(f.view.viewport(), &down);
    QCOMPARE(f.view.topRow(), 2 * QApplication::wheelScrollLines());
}

void TestGridView::rowHeaderSelectsRows()
{
    Fixture f(1000000);
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    RowNumberHeader *header = f.view.rowHeader();
    const int h = f.view.rowHeight();
    QTest::mouseClick(header, Qt::LeftButton, {}, QPoint(header->width() / 2, 2 * h + h / 2));
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{2, 2, 0, 3}}));
    QTest::mouseClick(header, Qt::LeftButton, Qt::ShiftModifier, QPoint(header->width() / 2, 6 * h + h / 2));
    QCOMPARE(f.ranges(), (QList<QList<qint64>>{{2, 6, 0, 3}}));
    QCOMPARE(header->label(6), QStringLiteral("7"));
}

namespace {
/// Counts the rectangles the view is asked for.
class CountingView : public GridView {
public:
    QRect visualRect(const QModelIndex &index) const override
    {
        ++calls;
        return GridView::visualRect(index);
    }
    mutable qint64 calls = 0;
};
} // namespace

void TestGridView::allRowsChangedCostsVisibleRows()
{
    // A model saying "every row changed" (a refresh, a save) costs the visible rows, not all.
    SyntheticTableModel model(10000000);
    CountingView view;
    view.setModel(&model);
    view.resize(640, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.calls = 0;
    Q_EMIT model.dataChanged(model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1));
    QVERIFY2(view.calls < 10000, qPrintable(QString::number(view.calls)));
}

STRATA_TEST_MAIN_GUI(TestGridView)
#include "tst_gridview.moc"
