// GridView: keyboard, mouse, selection and the model's window (see gridview.h).

#include "gridview.h"

#include "data/rowwindowmodel.h"
#include "rownumberheader.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>

namespace strata::ui {

namespace {

int firstVisibleVisual(const QHeaderView *header, int from, int step)
{
    for (int visual = from; visual >= 0 && visual < header->count(); visual += step)
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            return visual;
    return -1;
}

} // namespace

QModelIndex GridView::indexAtRow(qint64 row, int column)
{
    if (!model() || row < 0 || row >= totalRows())
        return {};
    ensureInWindow(row, 1, m_anchorRow);
    return model()->index(int(row - windowOffset()), column, rootIndex());
}

QModelIndex GridView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    const qint64 total = totalRows();
    const int firstVisual = firstVisibleVisual(m_header, 0, 1);
    const int lastVisual = firstVisibleVisual(m_header, m_header->count() - 1, -1);
    if (!model() || total == 0 || firstVisual < 0)
        return {};
    // Without a current cell, moves start from the top left cell: the arrows land on it,
    // Ctrl+End and the pages move from it.
    const QModelIndex current = currentIndex();
    qint64 row = current.isValid() ? absoluteRow(current.row()) : m_top;
    int visual = current.isValid() ? m_header->visualIndex(current.column()) : firstVisual;
    if (!current.isValid() && cursorAction != MoveHome && cursorAction != MoveEnd && cursorAction != MovePageUp
        && cursorAction != MovePageDown)
        return indexAtRow(row, m_header->logicalIndex(visual));
    const int page = pageRows();
    const bool control = modifiers & Qt::ControlModifier;
    auto step = [this, &visual](int direction) {
        const int next = firstVisibleVisual(m_header, visual + direction, direction);
        if (next >= 0)
            visual = next;
        return next >= 0;
    };
    switch (cursorAction) {
    case MoveUp: --row; break;
    case MoveDown: ++row; break;
    case MoveLeft: step(-1); break;
    case MoveRight: step(1); break;
    case MoveNext:
        if (!step(1)) {
            visual = firstVisual;
            ++row;
        }
        break;
    case MovePrevious:
        if (!step(-1)) {
            visual = lastVisual;
            --row;
        }
        break;
    case MoveHome:
        visual = firstVisual;
        if (control)
            row = 0;
        break;
    case MoveEnd:
        visual = lastVisual;
        if (control)
            row = total - 1;
        break;
    case MovePageUp:
        // A page moves the view and the current cell together: it keeps its place on screen.
        row -= page;
        setTop(m_top - page);
        break;
    case MovePageDown:
        row += page;
        setTop(m_top + page);
        break;
    }
    row = qBound(qint64(0), row, total - 1);
    return indexAtRow(row, m_header->logicalIndex(visual));
}

void GridView::keyPressEvent(QKeyEvent *event)
{
    CursorAction action;
    switch (event->key()) {
    case Qt::Key_Up: action = MoveUp; break;
    case Qt::Key_Down: action = MoveDown; break;
    case Qt::Key_Left: action = MoveLeft; break;
    case Qt::Key_Right: action = MoveRight; break;
    case Qt::Key_Home: action = MoveHome; break;
    case Qt::Key_End: action = MoveEnd; break;
    case Qt::Key_PageUp: action = MovePageUp; break;
    case Qt::Key_PageDown: action = MovePageDown; break;
    case Qt::Key_Tab:
        if (!tabKeyNavigation()) {
            QAbstractItemView::keyPressEvent(event);
            return;
        }
        action = MoveNext;
        break;
    case Qt::Key_Backtab:
        if (!tabKeyNavigation()) {
            QAbstractItemView::keyPressEvent(event);
            return;
        }
        action = MovePrevious;
        break;
    default: QAbstractItemView::keyPressEvent(event); return;
    }
    if (!model() || !selectionModel()) {
        event->ignore();
        return;
    }
    // As QAbstractItemView::keyPressEvent, except that a Shift range starts from an anchor
    // kept as an absolute row: the row it started on may be millions of rows away, where no
    // pixel rectangle reaches.
    const QPersistentModelIndex old = currentIndex();
    const QModelIndex target = moveCursor(action, event->modifiers());
    if (!target.isValid() || target == old) {
        event->ignore();
        return;
    }
    QItemSelectionModel::SelectionFlags command = selectionCommand(target, event);
    // Shift extends also with Ctrl (Ctrl+Shift+End selects to the last row, as spreadsheets
    // do; QAbstractItemView would only move the current cell).
    if ((event->modifiers() & Qt::ShiftModifier) && (selectionMode() == ExtendedSelection || selectionMode() == ContiguousSelection))
        command = QItemSelectionModel::SelectCurrent
                | (selectionBehavior() == SelectRows      ? QItemSelectionModel::Rows
                   : selectionBehavior() == SelectColumns ? QItemSelectionModel::Columns
                                                          : QItemSelectionModel::NoUpdate);
    if (command & QItemSelectionModel::Current) {
        if (m_anchorRow < 0 && old.isValid())
            setAnchor(old);
        m_keepAnchor = true;
        selectionModel()->setCurrentIndex(target, QItemSelectionModel::NoUpdate);
        m_keepAnchor = false;
        extendSelection(target, command);
    } else {
        selectionModel()->setCurrentIndex(target, command);
    }
    event->accept();
}

void GridView::mousePressEvent(QMouseEvent *event)
{
    m_pressTop = m_top;
    const QModelIndex index = indexAt(event->position().toPoint());
    const bool extend = event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier) && index.isValid()
                     && m_anchorRow >= 0 && (selectionMode() == ExtendedSelection || selectionMode() == ContiguousSelection);
    if (!extend) {
        QAbstractItemView::mousePressEvent(event);
        return;
    }
    // Shift+click: the press as a plain click (so that the base class's press state is that
    // of this cell), then the range from the anchor, which may be far outside the viewport.
    QMouseEvent plain(event->type(), event->position(), event->scenePosition(), event->globalPosition(), event->button(),
                      event->buttons(), event->modifiers() & ~Qt::ShiftModifier, event->pointingDevice());
    const QItemSelectionModel::SelectionFlags command = selectionCommand(index, event);
    m_keepAnchor = true;
    QAbstractItemView::mousePressEvent(&plain);
    m_keepAnchor = false;
    extendSelection(index, command);
    event->accept();
}

void GridView::mouseMoveEvent(QMouseEvent *event)
{
    // A drag selects from the pressed cell (QAbstractItemView's rectangle): it stays the anchor.
    m_keepAnchor = true;
    QAbstractItemView::mouseMoveEvent(event);
    m_keepAnchor = false;
}

void GridView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    if (angle.y() == 0 || (event->modifiers() & Qt::ShiftModifier)) {
        QApplication::sendEvent(horizontalScrollBar(), event);
        return;
    }
    m_wheelRemainder += angle.y();
    const int notches = m_wheelRemainder / 120;
    m_wheelRemainder -= notches * 120;
    if (notches != 0)
        scrollByRows(-qint64(notches) * QApplication::wheelScrollLines());
    event->accept();
}

void GridView::setAnchor(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_anchorRow = absoluteRow(index.row());
    m_anchorColumn = index.column();
}

QItemSelection GridView::cellRange(int row1, int column1, int row2, int column2) const
{
    QItemSelection selection;
    const int top = qMin(row1, row2);
    const int bottom = qMax(row1, row2);
    const int fromVisual = qMin(m_header->visualIndex(column1), m_header->visualIndex(column2));
    const int toVisual = qMax(m_header->visualIndex(column1), m_header->visualIndex(column2));
    // Columns between in visual order, as runs of consecutive logical columns.
    int runStart = -1;
    int runEnd = -1;
    auto flush = [&] {
        if (runStart >= 0)
            selection.append(QItemSelectionRange(model()->index(top, runStart, rootIndex()), model()->index(bottom, runEnd, rootIndex())));
        runStart = runEnd = -1;
    };
    for (int visual = fromVisual; visual <= toVisual; ++visual) {
        const int column = m_header->logicalIndex(visual);
        if (column < 0 || m_header->isSectionHidden(column))
            continue;
        if (runStart >= 0 && column != runEnd + 1)
            flush();
        if (runStart < 0)
            runStart = column;
        runEnd = column;
    }
    flush();
    return selection;
}

void GridView::extendSelection(const QModelIndex &to, QItemSelectionModel::SelectionFlags command)
{
    if (!to.isValid() || !selectionModel())
        return;
    if (m_anchorRow < 0)
        setAnchor(to);
    // The anchor is clipped to the model's window (a selection spans at most one window).
    const int rows = model()->rowCount(rootIndex());
    const int anchor = int(qBound(qint64(0), m_anchorRow - windowOffset(), qint64(rows - 1)));
    const QItemSelectionModel::SelectionFlags behaviour = command & (QItemSelectionModel::Rows | QItemSelectionModel::Columns);
    selectionModel()->select(cellRange(anchor, m_anchorColumn, to.row(), to.column()), QItemSelectionModel::ClearAndSelect | behaviour);
}

void GridView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (!model() || !selectionModel())
        return;
    const int rows = model()->rowCount(rootIndex());
    if (rows == 0 || m_header->count() == 0)
        return;
    const QRect area = rect.normalized();
    // Rows from y with 64-bit arithmetic: a drag that scrolled reaches above the viewport.
    auto rowOf = [this, rows](int y) {
        const qint64 offset = y >= 0 ? y / m_rowHeight : -((-qint64(y) + m_rowHeight - 1) / m_rowHeight);
        return int(qBound(qint64(0), qint64(topModelRow()) + offset, qint64(rows - 1)));
    };
    auto visualOf = [this](int x) {
        const int visual = m_header->visualIndexAt(x);
        if (visual >= 0)
            return visual;
        return x < 0 ? 0 : m_header->count() - 1;
    };
    const int left = m_header->logicalIndex(visualOf(area.left()));
    const int right = m_header->logicalIndex(visualOf(area.right()));
    selectionModel()->select(cellRange(rowOf(area.top()), left, rowOf(area.bottom()), right), command);
}

void GridView::selectAll()
{
    QAbstractItemView::selectAll();
}

void GridView::keyboardSearch(const QString &)
{
    // QAbstractItemView's search reads every row until one matches: not at this size.
}

void GridView::selectRowsFromHeader(int row, Qt::KeyboardModifiers modifiers, bool press)
{
    if (!model() || !selectionModel() || row < 0)
        return;
    const QModelIndex current = currentIndex();
    const int firstVisual = firstVisibleVisual(m_header, 0, 1);
    const int column = current.isValid() ? current.column() : (firstVisual >= 0 ? m_header->logicalIndex(firstVisual) : 0);
    const QModelIndex index = model()->index(row, column, rootIndex());
    const auto rows = QItemSelectionModel::Rows;
    setFocus(Qt::MouseFocusReason);
    if (press && !(modifiers & Qt::ShiftModifier)) {
        if (modifiers & Qt::ControlModifier) {
            selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
            selectionModel()->select(index, QItemSelectionModel::Toggle | rows);
        } else {
            selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | rows);
        }
        return;
    }
    m_keepAnchor = true;
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    m_keepAnchor = false;
    extendSelection(index, QItemSelectionModel::SelectCurrent | rows);
}

void GridView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QAbstractItemView::currentChanged(current, previous);
    if (!m_keepAnchor)
        setAnchor(current);
    m_rowHeader->update();
}

void GridView::selectionChanged(const QItemSelection &selected, const QItemSelection &deselected)
{
    QAbstractItemView::selectionChanged(selected, deselected);
    m_rowHeader->update();
}

void GridView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    // Rows read for windows out of sight change nothing on screen. The base class gets the
    // visible part only: it visits every index of the range (a model saying "all rows
    // changed" would cost a visualRect() per cell, seconds at ten million rows).
    if (!model() || !topLeft.isValid() || !bottomRight.isValid())
        return;
    const int first = topModelRow();
    const int last = qMin(first + viewport()->height() / m_rowHeight + 1, model()->rowCount(rootIndex()) - 1);
    if (bottomRight.row() < first || topLeft.row() > last)
        return;
    QAbstractItemView::dataChanged(topLeft.siblingAtRow(qMax(topLeft.row(), first)), bottomRight.siblingAtRow(qMin(bottomRight.row(), last)),
                                   roles);
    refreshRowHeader();
}

void GridView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    updateGeometries();
    viewport()->update();
    refreshRowHeader();
}

void GridView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
}

void GridView::reset()
{
    QAbstractItemView::reset();
    m_top = 0;
    m_knownOffset = windowOffset();
    m_anchorRow = -1;
    updateGeometries();
    viewport()->update();
    m_rowHeader->update();
}

void GridView::onLayoutAboutToBeChanged()
{
    // Runs before the selection model's own slot, which would keep a persistent index per
    // selected row across the layout change (a hundred million for a big selection). The
    // view keeps the ranges as absolute rows and restores them when it moved the window
    // itself; when the model changed its rows, the selection is dropped.
    m_movedSelection.clear();
    QItemSelectionModel *selection = selectionModel();
    if (!selection || !selection->hasSelection())
        return;
    if (m_movingWindow)
        for (const QItemSelectionRange &range : selection->selection())
            if (range.isValid())
                m_movedSelection.append({{absoluteRow(range.top()), absoluteRow(range.bottom())}, {range.left(), range.right()}});
    selection->clearSelection();
}

void GridView::onLayoutChanged()
{
    if (m_movedSelection.isEmpty() || !model() || !selectionModel())
        return;
    const qint64 offset = windowOffset();
    const qint64 last = offset + model()->rowCount(rootIndex()) - 1;
    QItemSelection restored;
    for (const auto &[rows, columns] : std::as_const(m_movedSelection)) {
        if (rows.second < offset || rows.first > last)
            continue;
        const int top = int(qMax(rows.first, offset) - offset);
        const int bottom = int(qMin(rows.second, last) - offset);
        restored.append(QItemSelectionRange(model()->index(top, columns.first, rootIndex()), model()->index(bottom, columns.second, rootIndex())));
    }
    m_movedSelection.clear();
    selectionModel()->select(restored, QItemSelectionModel::Select);
}

} // namespace strata::ui
