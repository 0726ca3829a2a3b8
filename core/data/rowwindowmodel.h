#pragma once

// RowWindowModel: a table model over a 64-bit row space, seen through a window of int rows.
//
// A QAbstractItemModel row is an int; a table's row is not: past 2,147,483,647 rows no model
// can name every row at once. A RowWindowModel numbers "absolute" rows 0 .. totalRowCount()-1
// (qint64) and shows at most windowSpan() of them as its model rows, from windowOffset():
// model row r is absolute row windowOffset() + r. A view that must show an absolute row
// outside the window moves it (moveWindowTo / setWindowOffset): the model emits
// layoutAboutToBeChanged, moves every persistent index by the difference (those that leave
// the window become invalid), then layoutChanged, so the selection, the current index and
// open editors inside both windows keep their rows. The window is always full once the table
// is larger than the span, so rowCount() does not change when it moves.
//
// Below windowSpan() rows (2^30 by default, about a billion) the offset stays 0 and model rows
// are absolute rows: ordinary tables never see a window move.
//
// Subclasses keep their absolute count here and report its changes through setTotalRows()
// (rows added or removed at the end), insertRowsAt() / removeRowsAt() (anywhere), or
// resetTotalRows() inside a model reset; they map model rows with absoluteRow() and
// windowRow(). GUI thread, like any model; QtCore only.

#include <QAbstractTableModel>
#include <functional>

namespace strata::data {

class RowWindowModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kDefaultSpan = 1 << 30;

    explicit RowWindowModel(QObject *parent = nullptr);

    /// Every row, not capped at an int.
    qint64 totalRowCount() const { return m_total; }
    /// The absolute row of model row 0.
    qint64 windowOffset() const { return m_offset; }
    /// The most rows the window shows (model rows); tests make it small to see windows move.
    int windowSpan() const { return m_span; }
    /// Sets the span; the window goes back to offset 0 (a model reset).
    void setWindowSpan(int span);

    /// Moves the window so that model row 0 is absolute row `offset` (clamped so that the
    /// window stays full); persistent indexes follow their rows. False when nothing moved.
    bool setWindowOffset(qint64 offset);
    /// Moves the window, if needed, so that absolute rows [first, first + count) are in it,
    /// centred when it must move. False when they already were.
    bool moveWindowTo(qint64 first, int count = 1);

    qint64 absoluteRow(int modelRow) const { return m_offset + modelRow; }
    /// The model row of an absolute row, or -1 when it is outside the window.
    int windowRow(qint64 absoluteRow) const;
    bool windowContains(qint64 absoluteRow) const { return windowRow(absoluteRow) >= 0; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;

Q_SIGNALS:
    /// The absolute count or the window's offset changed (also when no model row did).
    void totalRowCountChanged(qint64 total);

protected:
    /// The count changed at the end of the table; `apply` (may be empty) updates the
    /// subclass's own state between the begin and end of the model signals.
    void setTotalRows(qint64 total, const std::function<void()> &apply = {});
    /// `count` absolute rows were inserted at `first`.
    void insertRowsAt(qint64 first, qint64 count, const std::function<void()> &apply = {});
    /// `count` absolute rows at `first` were removed.
    void removeRowsAt(qint64 first, qint64 count, const std::function<void()> &apply = {});
    /// Inside beginResetModel()/endResetModel(): a new count, offset back to 0.
    void resetTotalRows(qint64 total);
    /// dataChanged for the part of absolute rows [first, last] inside the window.
    void emitRowsChanged(qint64 first, qint64 last);

private:
    int rowsFor(qint64 total, qint64 offset) const;
    /// A layout change: persistent model row r becomes map(r) (-1: invalid); `apply`
    /// changes the state in between.
    void relayout(const std::function<int(int)> &map, const std::function<void()> &apply);

    qint64 m_total = 0;
    qint64 m_offset = 0;
    int m_span = kDefaultSpan;
};

} // namespace strata::data
