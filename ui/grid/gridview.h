#pragma once

// GridView: the data grid's table view, for any number of rows.
//
// A QAbstractItemView, so the model/view contract holds as in QTableView: the selection
// model, delegates and their editors, edit triggers, keyboard navigation (arrows, Page
// Up/Down, Home/End, Ctrl+Home/End, Tab), Shift+click and Shift+arrow ranges, context menus.
// What differs is the geometry, so that nothing grows with the row count:
//  - every row has the same height; the vertical position is a row (the top row, 64-bit),
//    never a pixel offset, and rows are laid out and painted for the viewport only;
//  - the row numbers (RowNumberHeader) are painted for the visible rows; nothing is kept per
//    row (QHeaderView keeps state per section: most of a gigabyte at a hundred million rows,
//    and its int pixel positions overflow near 97 million 22-pixel rows);
//  - the columns are an ordinary QHeaderView (the filter row attaches to it);
//  - the vertical scrollbar (RowScrollBar) holds a row position and names the row while
//    dragged.
// With a data::RowWindowModel past 2^30 rows (a model row is an int), the view moves the
// model's window when it must show a row outside it: the current index, the selection
// (translated) and open editors follow. A selection spans at most one window (2^30 rows).
// Shift ranges start from an anchor kept as an absolute row, so they extend across windows
// of the model's row cache and across window moves.

#include <QAbstractItemView>
#include <QPointer>

class QHeaderView;

namespace strata::data { class RowWindowModel; }

namespace strata::ui {

class RowNumberHeader;
class RowScrollBar;

class GridView : public QAbstractItemView {
    Q_OBJECT
public:
    explicit GridView(QWidget *parent = nullptr);
    ~GridView() override;

    void setModel(QAbstractItemModel *model) override;

    QHeaderView *horizontalHeader() const { return m_header; }
    RowNumberHeader *rowHeader() const { return m_rowHeader; }
    RowScrollBar *rowScrollBar() const { return m_bar; }

    int rowHeight() const { return m_rowHeight; }
    void setRowHeight(int height);
    void setShowGrid(bool show);
    void setSortingEnabled(bool enabled);
    bool isSortingEnabled() const { return m_sorting; }
    int columnWidth(int column) const;
    void setColumnWidth(int column, int width);
    /// Fits a column to its header and the visible rows (double-click on a header handle).
    void resizeColumnToContents(int column);
    /// Fits every column to its header and the rows loaded among the first `rows` model rows,
    /// between `minWidth` and `maxWidth` pixels; columns in `keep` are left alone.
    void fitColumnsToContents(int rows, int minWidth, int maxWidth, const QList<int> &keep = {});
    /// Widens (never narrows) the columns not in `keep` whose visible rows hold wider text,
    /// up to `maxWidth`: after a jump, the rows there may be wider than the first ones.
    void growColumnsToVisibleRows(int maxWidth, const QList<int> &keep = {});

    /// Every row: the model's 64-bit count for a RowWindowModel, else rowCount().
    qint64 totalRows() const;
    /// The absolute row of a model row (model rows are a window of a RowWindowModel).
    qint64 absoluteRow(int modelRow) const;
    /// The absolute row at the top of the viewport.
    qint64 topRow() const { return m_top; }
    /// The model row at the top of the viewport.
    int topModelRow() const;
    /// Rows that fit entirely in the viewport (a page).
    int pageRows() const;
    /// Model row at viewport y, or -1.
    int rowAt(int y) const;
    int columnAt(int x) const;
    /// Scrolls so that absolute row `row` is the top row (as near as the end allows).
    void scrollToRow(qint64 row);
    void scrollByRows(qint64 delta);
    /// The index of an absolute row, moving the model's window to it when needed.
    QModelIndex indexAtRow(qint64 row, int column);

    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;
    void keyboardSearch(const QString &search) override;
    void reset() override;
    void selectAll() override;

Q_SIGNALS:
    /// The top row changed (scrolling, paging, a jump).
    void topRowChanged(qint64 top);

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void paintEvent(QPaintEvent *event) override;
    void updateGeometries() override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles = QList<int>()) override;
    void selectionChanged(const QItemSelection &selected, const QItemSelection &deselected) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    int sizeHintForColumn(int column) const override;
    int sizeHintForRow(int row) const override;
    QSize viewportSizeHint() const override;

private:
    friend class RowNumberHeader;
    qint64 windowOffset() const;
    qint64 maxTop() const;
    void setTop(qint64 top);
    /// Moves the model's window so that rows [first, first + count) (and `keep`, when all
    /// fit) are in it.
    void ensureInWindow(qint64 first, int count, qint64 keep = -1);
    void onWindowShifted();
    void onLayoutAboutToBeChanged();
    void onLayoutChanged();
    /// Selects from the anchor (absolute row, column) to `to` with `command`.
    void extendSelection(const QModelIndex &to, QItemSelectionModel::SelectionFlags command);
    QItemSelection cellRange(int row1, int column1, int row2, int column2) const;
    void setAnchor(const QModelIndex &index);
    void selectRowsFromHeader(int row, Qt::KeyboardModifiers modifiers, bool press);
    void refreshRowHeader();
    int textWidth(const QModelIndex &index) const;

    QHeaderView *m_header;
    RowNumberHeader *m_rowHeader;
    RowScrollBar *m_bar;
    QPointer<data::RowWindowModel> m_window;
    qint64 m_top = 0;              // absolute top row
    qint64 m_knownOffset = 0;      // the model window's offset the view last saw
    int m_rowHeight = 0;
    bool m_showGrid = true;
    bool m_sorting = false;
    bool m_inGeometry = false;
    bool m_movingWindow = false;
    bool m_keepAnchor = false;     // the current index moves as part of a range: keep the anchor
    QList<QPair<QPair<qint64, qint64>, QPair<int, int>>> m_movedSelection;   // absolute rows, columns
    qint64 m_anchorRow = -1;       // absolute row of the Shift-range anchor
    int m_anchorColumn = 0;
    qint64 m_pressTop = 0;         // the top row at the last mouse press (verticalOffset origin)
    int m_wheelRemainder = 0;
    int m_rowHeaderWidth = 0;
};

} // namespace strata::ui
