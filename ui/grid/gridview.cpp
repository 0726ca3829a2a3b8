// GridView: geometry, painting and scrolling (see gridview.h); input and selection are in
// gridviewinput.cpp.

#include "gridview.h"

#include "data/rowwindowmodel.h"
#include "rownumberheader.h"
#include "rowscrollbar.h"

#include <QHeaderView>
#include <QPainter>
#include <QPaintEvent>
#include <QScrollBar>

namespace strata::ui {

namespace {
/// Rows beyond this distance from the top have no rectangle: their pixel y would not fit.
constexpr qint64 kFarRows = 1 << 20;
}

GridView::GridView(QWidget *parent)
    : QAbstractItemView(parent)
    , m_header(new QHeaderView(Qt::Horizontal, this))
    , m_rowHeader(new RowNumberHeader(this))
    , m_bar(new RowScrollBar)
{
    setVerticalScrollBar(m_bar);   // the scroll area owns it from here
    m_rowHeight = fontMetrics().height() + 8;
    setHorizontalScrollMode(ScrollPerPixel);
    setSelectionMode(ExtendedSelection);
    setSelectionBehavior(SelectItems);
    m_header->setSectionsClickable(true);
    m_header->setHighlightSections(false);
    connect(m_bar, &RowScrollBar::rowPositionRequested, this, [this](qint64 top) { setTop(top); });
    m_bar->setTipText([this](qint64 top) {
        const qint64 total = totalRows();
        return tr("Row %1 of %2").arg(QLocale().toString(top + 1), QLocale().toString(total));
    });
    auto relayout = [this] {
        updateGeometries();
        viewport()->update();
    };
    connect(m_header, &QHeaderView::sectionResized, this, relayout);
    connect(m_header, &QHeaderView::sectionMoved, this, relayout);
    connect(m_header, &QHeaderView::sectionCountChanged, this, relayout);
    connect(m_header, &QHeaderView::geometriesChanged, this, [this] { updateGeometries(); });
    connect(m_header, &QHeaderView::sectionHandleDoubleClicked, this, &GridView::resizeColumnToContents);
}

GridView::~GridView() = default;

void GridView::setModel(QAbstractItemModel *newModel)
{
    if (QAbstractItemModel *old = model())
        disconnect(old, nullptr, this, nullptr);
    m_window = qobject_cast<data::RowWindowModel *>(newModel);
    // Before the selection model's own slot (made by QAbstractItemView::setModel): see
    // onLayoutAboutToBeChanged().
    if (newModel)
        connect(newModel, &QAbstractItemModel::layoutAboutToBeChanged, this, &GridView::onLayoutAboutToBeChanged);
    QAbstractItemView::setModel(newModel);
    m_header->setModel(newModel);
    m_top = 0;
    m_knownOffset = windowOffset();
    m_anchorRow = -1;
    if (newModel) {
        connect(newModel, &QAbstractItemModel::layoutChanged, this, &GridView::onLayoutChanged);
        connect(newModel, &QAbstractItemModel::rowsRemoved, this, [this] {
            updateGeometries();
            viewport()->update();
        });
        connect(newModel, &QAbstractItemModel::headerDataChanged, this, [this](Qt::Orientation orientation) {
            if (orientation == Qt::Vertical)
                refreshRowHeader();
        });
    }
    if (m_window)
        connect(m_window, &data::RowWindowModel::totalRowCountChanged, this, &GridView::onWindowShifted);
    updateGeometries();
}

qint64 GridView::windowOffset() const
{
    return m_window ? m_window->windowOffset() : 0;
}

qint64 GridView::totalRows() const
{
    if (!model())
        return 0;
    return m_window ? m_window->totalRowCount() : model()->rowCount(rootIndex());
}

qint64 GridView::absoluteRow(int modelRow) const
{
    return windowOffset() + modelRow;
}

int GridView::topModelRow() const
{
    const int rows = model() ? model()->rowCount(rootIndex()) : 0;
    return int(qBound(qint64(0), m_top - windowOffset(), qint64(qMax(0, rows - 1))));
}

int GridView::pageRows() const
{
    return qMax(1, viewport()->height() / m_rowHeight);
}

qint64 GridView::maxTop() const
{
    return qMax(qint64(0), totalRows() - pageRows());
}

void GridView::setRowHeight(int height)
{
    m_rowHeight = qMax(4, height);
    updateGeometries();
    viewport()->update();
}

void GridView::setShowGrid(bool show)
{
    m_showGrid = show;
    viewport()->update();
}

void GridView::setSortingEnabled(bool enabled)
{
    if (enabled == m_sorting)
        return;
    m_sorting = enabled;
    m_header->setSortIndicatorShown(enabled);
    if (enabled)
        connect(m_header, &QHeaderView::sortIndicatorChanged, this, [this](int section, Qt::SortOrder order) {
            if (model())
                model()->sort(section, order);
        });
    else
        disconnect(m_header, &QHeaderView::sortIndicatorChanged, this, nullptr);
}

int GridView::columnWidth(int column) const
{
    return m_header->sectionSize(column);
}

void GridView::setColumnWidth(int column, int width)
{
    m_header->resizeSection(column, width);
}

int GridView::rowAt(int y) const
{
    if (!model() || y < 0)
        return -1;
    const qint64 row = qint64(topModelRow()) + y / m_rowHeight;
    return row < model()->rowCount(rootIndex()) ? int(row) : -1;
}

int GridView::columnAt(int x) const
{
    return m_header->logicalIndexAt(x);
}

QModelIndex GridView::indexAt(const QPoint &point) const
{
    const int row = rowAt(point.y());
    const int column = columnAt(point.x());
    return row >= 0 && column >= 0 ? model()->index(row, column, rootIndex()) : QModelIndex();
}

QRect GridView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != model() || isIndexHidden(index))
        return {};
    const qint64 row = qint64(index.row()) - topModelRow();
    if (row < -kFarRows || row > kFarRows)
        return {};
    return QRect(m_header->sectionViewportPosition(index.column()), int(row) * m_rowHeight, m_header->sectionSize(index.column()),
                 m_rowHeight);
}

QRegion GridView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    if (!model())
        return region;
    const int first = topModelRow();
    const int last = first + viewport()->height() / m_rowHeight + 1;
    for (const QItemSelectionRange &range : selection) {
        if (!range.isValid() || range.bottom() < first || range.top() > last)
            continue;
        const int top = qMax(range.top(), first) - first;
        const int bottom = qMin(range.bottom(), last) - first;
        for (int column = range.left(); column <= range.right(); ++column) {
            if (m_header->isSectionHidden(column))
                continue;
            region += QRect(m_header->sectionViewportPosition(column), top * m_rowHeight, m_header->sectionSize(column),
                            (bottom - top + 1) * m_rowHeight);
        }
    }
    return region;
}

int GridView::horizontalOffset() const
{
    return horizontalScrollBar()->value();
}

int GridView::verticalOffset() const
{
    // Relative to the top row at the last mouse press, which is all QAbstractItemView uses it
    // for (a drag selection that scrolls): a pixel offset from row 0 would not fit an int.
    const qint64 pixels = (m_top - m_pressTop) * m_rowHeight;
    return int(qBound(qint64(-(1 << 30)), pixels, qint64(1 << 30)));
}

bool GridView::isIndexHidden(const QModelIndex &index) const
{
    return m_header->isSectionHidden(index.column());
}

QSize GridView::viewportSizeHint() const
{
    return QSize(m_header->length(), int(qMin<qint64>(totalRows(), 20) * m_rowHeight));
}

int GridView::sizeHintForRow(int) const
{
    return m_rowHeight;
}

void GridView::updateGeometries()
{
    if (m_inGeometry)
        return;
    m_inGeometry = true;
    const int headerHeight =
        m_header->isHidden() ? 0 : qBound(m_header->minimumHeight(), m_header->sizeHint().height(), m_header->maximumHeight());
    m_rowHeaderWidth = m_rowHeader->isHidden() ? 0 : m_rowHeader->widthHint();
    setViewportMargins(m_rowHeaderWidth, headerHeight, 0, 0);
    const QRect area = viewport()->geometry();
    m_header->setGeometry(area.left(), area.top() - headerHeight, area.width(), headerHeight);
    m_rowHeader->setGeometry(area.left() - m_rowHeaderWidth, area.top(), m_rowHeaderWidth, area.height());
    QScrollBar *h = horizontalScrollBar();
    h->setPageStep(area.width());
    h->setSingleStep(20);
    h->setRange(0, qMax(0, m_header->length() - area.width()));
    m_header->setOffset(h->value());
    m_bar->setRowRange(maxTop(), pageRows());
    m_inGeometry = false;
    if (m_top > maxTop() || (m_window && !m_movingWindow && !m_window->windowContains(m_top) && totalRows() > 0))
        setTop(m_top);
    else
        m_bar->setRowPosition(m_top);
    QAbstractItemView::updateGeometries();
}

void GridView::scrollContentsBy(int dx, int)
{
    // Vertical moves are rows (setTop); the scroll area's pixel dy is not used.
    if (dx == 0)
        return;
    m_header->setOffset(horizontalScrollBar()->value());
    viewport()->scroll(dx, 0);
    updateEditorGeometries();
}

void GridView::setTop(qint64 top)
{
    top = qBound(qint64(0), top, maxTop());
    const int visible = viewport()->height() / m_rowHeight + 1;
    const QModelIndex current = currentIndex();
    ensureInWindow(top, visible, current.isValid() ? absoluteRow(current.row()) : -1);
    if (top == m_top) {
        m_bar->setRowPosition(top);
        return;
    }
    const qint64 delta = top - m_top;
    m_top = top;
    m_bar->setRowPosition(top);
    if (qAbs(delta) < visible)
        viewport()->scroll(0, int(-delta * m_rowHeight));
    else
        viewport()->update();
    updateEditorGeometries();
    refreshRowHeader();
    Q_EMIT topRowChanged(top);
}

void GridView::scrollToRow(qint64 row)
{
    setTop(row);
}

void GridView::scrollByRows(qint64 delta)
{
    setTop(m_top + delta);
}

void GridView::ensureInWindow(qint64 first, int count, qint64 keep)
{
    if (!m_window || totalRows() == 0)
        return;
    count = qMax(1, count);
    const qint64 last = qMin(first + count - 1, totalRows() - 1);
    if (m_window->windowContains(first) && m_window->windowContains(last))
        return;
    const int span = m_window->windowSpan();
    qint64 offset = first - (span - count) / 2;
    if (keep >= 0) {
        const qint64 low = qMin(keep, first);
        const qint64 high = qMax(keep, last);
        if (high - low + 1 <= span)
            offset = low - (span - (high - low + 1)) / 2;
    }
    m_movingWindow = true;
    m_window->setWindowOffset(offset);
    m_movingWindow = false;
    m_knownOffset = m_window->windowOffset();
}

void GridView::onWindowShifted()
{
    // The model moved its window by itself (rows added above it): it keeps showing the same
    // rows, which now have higher numbers.
    const qint64 offset = windowOffset();
    const qint64 shift = offset - m_knownOffset;
    m_knownOffset = offset;
    if (m_movingWindow)
        return;   // the view moved it: it sets its top row next
    m_top += shift;
    updateGeometries();
    viewport()->update();
    refreshRowHeader();
}

void GridView::refreshRowHeader()
{
    if (m_rowHeader->widthHint() != m_rowHeaderWidth)
        updateGeometries();
    m_rowHeader->update();
}

void GridView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid() || index.model() != model())
        return;
    const qint64 row = absoluteRow(index.row());
    const int page = pageRows();
    qint64 top = m_top;
    switch (hint) {
    case EnsureVisible:
        if (row < m_top)
            top = row;
        else if (row >= m_top + page)
            top = row - page + 1;
        break;
    case PositionAtTop: top = row; break;
    case PositionAtBottom: top = row - page + 1; break;
    case PositionAtCenter: top = row - page / 2; break;
    }
    setTop(top);
    QScrollBar *h = horizontalScrollBar();
    const int x = m_header->sectionPosition(index.column());
    const int width = m_header->sectionSize(index.column());
    if (x < h->value())
        h->setValue(x);
    else if (x + width > h->value() + viewport()->width())
        h->setValue(qMin(x, x + width - viewport()->width()));
}

void GridView::paintEvent(QPaintEvent *event)
{
    if (!model())
        return;
    QPainter painter(viewport());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const QRect area = event->rect();
    const int rows = model()->rowCount(rootIndex());
    const int top = topModelRow();
    const int firstRow = top + qMax(0, area.top()) / m_rowHeight;
    const int lastRow = int(qMin<qint64>(qint64(top) + qMax(0, area.bottom()) / m_rowHeight, rows - 1));
    int firstVisual = m_header->visualIndexAt(area.left());
    int lastVisual = m_header->visualIndexAt(area.right());
    if (firstVisual < 0)
        firstVisual = 0;
    if (lastVisual < 0)
        lastVisual = m_header->count() - 1;
    const QModelIndex current = currentIndex();
    const bool focus = (hasFocus() || viewport()->hasFocus()) && current.isValid();
    const int grid = m_showGrid ? 1 : 0;
    const QColor gridColor = QColor::fromRgba(uint(style()->styleHint(QStyle::SH_Table_GridLineColor, &option, this)));
    int right = 0;
    for (int row = firstRow; row <= lastRow; ++row) {
        const int y = (row - top) * m_rowHeight;
        const bool alternate = alternatingRowColors() && (absoluteRow(row) & 1);
        for (int visual = firstVisual; visual <= lastVisual; ++visual) {
            const int column = m_header->logicalIndex(visual);
            if (column < 0 || m_header->isSectionHidden(column))
                continue;
            const QModelIndex index = model()->index(row, column, rootIndex());
            QStyleOptionViewItem cell = option;
            const int x = m_header->sectionViewportPosition(column);
            right = qMax(right, x + m_header->sectionSize(column));
            cell.rect = QRect(x, y, m_header->sectionSize(column) - grid, m_rowHeight - grid);
            cell.features.setFlag(QStyleOptionViewItem::Alternate, alternate);
            if (selectionModel() && selectionModel()->isSelected(index))
                cell.state |= QStyle::State_Selected;
            if (index == current && focus)
                cell.state |= QStyle::State_HasFocus;
            if (!(model()->flags(index) & Qt::ItemIsEnabled))
                cell.state &= ~QStyle::State_Enabled;
            cell.palette.setCurrentColorGroup(cell.state & QStyle::State_Enabled ? (isActiveWindow() ? QPalette::Active : QPalette::Inactive)
                                                                                 : QPalette::Disabled);
            style()->drawPrimitive(QStyle::PE_PanelItemViewRow, &cell, &painter, this);
            itemDelegateForIndex(index)->paint(&painter, cell, index);
        }
    }
    if (grid && lastRow >= firstRow) {
        painter.setPen(gridColor);
        const int bottom = (lastRow - top + 1) * m_rowHeight;
        for (int row = firstRow; row <= lastRow; ++row) {
            const int y = (row - top + 1) * m_rowHeight - 1;
            painter.drawLine(area.left(), y, qMin(area.right(), right - 1), y);
        }
        for (int visual = firstVisual; visual <= lastVisual; ++visual) {
            const int column = m_header->logicalIndex(visual);
            if (column < 0 || m_header->isSectionHidden(column))
                continue;
            const int x = m_header->sectionViewportPosition(column) + m_header->sectionSize(column) - 1;
            painter.drawLine(x, qMax(0, area.top()), x, qMin(area.bottom(), bottom - 1));
        }
    }
}

int GridView::textWidth(const QModelIndex &index) const
{
    const QString text = index.data(Qt::DisplayRole).toString();
    const int margin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1;
    return text.isEmpty() ? 0 : fontMetrics().horizontalAdvance(text.left(200)) + 2 * margin + 8;
}

int GridView::sizeHintForColumn(int column) const
{
    if (!model())
        return -1;
    int width = 0;
    const int top = topModelRow();
    const int last = qMin(model()->rowCount(rootIndex()) - 1, top + viewport()->height() / m_rowHeight);
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    for (int row = top; row <= last; ++row) {
        const QModelIndex index = model()->index(row, column, rootIndex());
        width = qMax(width, itemDelegateForIndex(index)->sizeHint(option, index).width());
    }
    return width + (m_showGrid ? 1 : 0);
}

void GridView::resizeColumnToContents(int column)
{
    if (column < 0 || column >= m_header->count())
        return;
    m_header->resizeSection(column, qMax(m_header->sectionSizeHint(column), sizeHintForColumn(column)));
}

void GridView::fitColumnsToContents(int rows, int minWidth, int maxWidth, const QList<int> &keep)
{
    if (!model())
        return;
    // Display text measured with the font, not the delegate: a fraction of the cost, so that
    // many columns fit in a few milliseconds on open.
    const int last = qMin(model()->rowCount(rootIndex()), rows) - 1;
    for (int column = 0; column < m_header->count(); ++column) {
        if (keep.contains(column))
            continue;
        int width = m_header->sectionSizeHint(column);
        for (int row = 0; row <= last; ++row)
            width = qMax(width, textWidth(model()->index(row, column, rootIndex())));
        m_header->resizeSection(column, qBound(minWidth, width, maxWidth));
    }
}

void GridView::growColumnsToVisibleRows(int maxWidth, const QList<int> &keep)
{
    if (!model())
        return;
    const int top = topModelRow();
    const int last = qMin(model()->rowCount(rootIndex()) - 1, top + viewport()->height() / m_rowHeight);
    for (int column = 0; column < m_header->count(); ++column) {
        if (keep.contains(column) || m_header->isSectionHidden(column) || m_header->sectionSize(column) >= maxWidth)
            continue;
        int width = 0;
        for (int row = top; row <= last; ++row)
            width = qMax(width, textWidth(model()->index(row, column, rootIndex())));
        if (width > m_header->sectionSize(column))
            m_header->resizeSection(column, qMin(width, maxWidth));
    }
}

} // namespace strata::ui
