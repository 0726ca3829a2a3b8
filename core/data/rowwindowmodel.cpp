#include "rowwindowmodel.h"

namespace strata::data {

RowWindowModel::RowWindowModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int RowWindowModel::rowsFor(qint64 total, qint64 offset) const
{
    return int(qBound(qint64(0), total - offset, qint64(m_span)));
}

int RowWindowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : rowsFor(m_total, m_offset);
}

int RowWindowModel::windowRow(qint64 absoluteRow) const
{
    const qint64 row = absoluteRow - m_offset;
    return row >= 0 && row < rowCount() ? int(row) : -1;
}

void RowWindowModel::setWindowSpan(int span)
{
    span = qMax(16, span);
    if (span == m_span)
        return;
    beginResetModel();
    m_span = span;
    m_offset = 0;
    endResetModel();
    Q_EMIT totalRowCountChanged(m_total);
}

void RowWindowModel::relayout(const std::function<int(int)> &map, const std::function<void()> &apply)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    if (apply)
        apply();
    QModelIndexList after;
    after.reserve(before.size());
    const int rows = rowCount();
    for (const QModelIndex &index : before) {
        const int row = map(index.row());
        after << (row >= 0 && row < rows ? createIndex(row, index.column()) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

bool RowWindowModel::setWindowOffset(qint64 offset)
{
    offset = qBound(qint64(0), offset, qMax(qint64(0), m_total - m_span));
    if (offset == m_offset)
        return false;
    const qint64 shift = m_offset - offset;   // model row r becomes r + shift
    relayout([shift](int row) { return int(qBound(qint64(-1), row + shift, qint64(std::numeric_limits<int>::max()))); },
             [this, offset] { m_offset = offset; });
    Q_EMIT totalRowCountChanged(m_total);
    return true;
}

bool RowWindowModel::moveWindowTo(qint64 first, int count)
{
    if (windowContains(first) && windowContains(first + qMax(1, count) - 1))
        return false;
    return setWindowOffset(first - (m_span - qMax(1, count)) / 2);
}

void RowWindowModel::setTotalRows(qint64 total, const std::function<void()> &apply)
{
    total = qMax(qint64(0), total);
    if (total > m_total) {
        const int oldRows = rowCount();
        const int newRows = rowsFor(total, m_offset);
        if (newRows > oldRows)
            beginInsertRows(QModelIndex(), oldRows, newRows - 1);
        m_total = total;
        if (apply)
            apply();
        if (newRows > oldRows)
            endInsertRows();
    } else if (total < m_total) {
        // Keep the window full: it moves up first, then the rows past the new end go.
        const qint64 maxOffset = qMax(qint64(0), total - m_span);
        if (m_offset > maxOffset)
            setWindowOffset(maxOffset);
        const int oldRows = rowCount();
        const int newRows = rowsFor(total, m_offset);
        if (newRows < oldRows)
            beginRemoveRows(QModelIndex(), newRows, oldRows - 1);
        m_total = total;
        if (apply)
            apply();
        if (newRows < oldRows)
            endRemoveRows();
    } else if (apply) {
        apply();
        return;
    }
    Q_EMIT totalRowCountChanged(m_total);
}

void RowWindowModel::insertRowsAt(qint64 first, qint64 count, const std::function<void()> &apply)
{
    if (count <= 0) {
        if (apply)
            apply();
        return;
    }
    first = qBound(qint64(0), first, m_total);
    const int oldRows = rowCount();
    const qint64 at = first - m_offset;   // in model rows
    if (at < 0 || at > oldRows) {
        // Above the window: it follows its rows (same model rows, no signal). Below: unseen.
        if (at < 0)
            m_offset += count;
        m_total += count;
        if (apply)
            apply();
    } else if (rowsFor(m_total + count, m_offset) - oldRows == count) {
        beginInsertRows(QModelIndex(), int(at), int(at + count - 1));
        m_total += count;
        if (apply)
            apply();
        endInsertRows();
    } else {
        // The window is full: the rows pushed past its end leave it.
        relayout([at, count](int row) { return row < at ? row : int(qMin<qint64>(row + count, std::numeric_limits<int>::max())); },
                 [this, count, &apply] {
                     m_total += count;
                     if (apply)
                         apply();
                 });
    }
    Q_EMIT totalRowCountChanged(m_total);
}

void RowWindowModel::removeRowsAt(qint64 first, qint64 count, const std::function<void()> &apply)
{
    first = qBound(qint64(0), first, m_total);
    count = qBound(qint64(0), count, m_total - first);
    if (count == 0) {
        if (apply)
            apply();
        return;
    }
    const int oldRows = rowCount();
    const qint64 total = m_total - count;
    // Rows removed above the window move it up with its rows; then it must stay full.
    const qint64 above = qBound(qint64(0), m_offset - first, count);
    const qint64 offset = qMin(m_offset - above, qMax(qint64(0), total - m_span));
    const qint64 at = first - m_offset;
    if (above == 0 && offset == m_offset && at >= 0 && at + count <= oldRows && rowsFor(total, offset) == oldRows - count) {
        beginRemoveRows(QModelIndex(), int(at), int(at + count - 1));
        m_total = total;
        if (apply)
            apply();
        endRemoveRows();
    } else if (above == count && offset == m_offset - count) {
        m_total = total;   // above the window: it follows its rows (same model rows, no signal)
        m_offset = offset;
        if (apply)
            apply();
    } else if (at >= oldRows && offset == m_offset) {
        m_total = total;   // below the window, which stays full
        if (apply)
            apply();
    } else {
        const qint64 oldOffset = m_offset;
        relayout(
            [oldOffset, offset, first, count](int row) {
                const qint64 absolute = oldOffset + row;
                if (absolute >= first && absolute < first + count)
                    return -1;
                const qint64 moved = (absolute < first ? absolute : absolute - count) - offset;
                return moved < 0 || moved > std::numeric_limits<int>::max() ? -1 : int(moved);
            },
            [this, total, offset, &apply] {
                m_total = total;
                m_offset = offset;
                if (apply)
                    apply();
            });
    }
    Q_EMIT totalRowCountChanged(m_total);
}

void RowWindowModel::resetTotalRows(qint64 total)
{
    m_total = qMax(qint64(0), total);
    m_offset = 0;
}

void RowWindowModel::emitRowsChanged(qint64 first, qint64 last)
{
    const int columns = columnCount();
    const qint64 top = qMax(first - m_offset, qint64(0));
    const qint64 bottom = qMin(last - m_offset, qint64(rowCount()) - 1);
    if (columns > 0 && top <= bottom)
        Q_EMIT dataChanged(index(int(top), 0), index(int(bottom), columns - 1));
}

} // namespace strata::data
