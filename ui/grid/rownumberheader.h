#pragma once

// RowNumberHeader: the row numbers left of the grid, painted for the visible rows only
// (nothing per row is kept: at a hundred million rows QHeaderView's per-section state alone
// is most of a gigabyte). Labels come from the model's vertical headerData(): numbers with
// the locale's group separators, text (a new row's "+", an estimated position's "≈123") as
// it is. The current row's number is bold, selected rows' numbers are highlighted. A click
// selects the row, Shift+click extends to it, Ctrl+click adds it, a drag selects the rows
// passed over. Owned and placed by GridView.

#include <QWidget>

namespace strata::ui {

class GridView;

class RowNumberHeader : public QWidget {
    Q_OBJECT
public:
    explicit RowNumberHeader(GridView *view);

    /// The label of a model row as painted.
    QString label(int modelRow) const;
    /// The width that fits the labels of the visible rows and of the last row.
    int widthHint() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    int rowAt(int y) const;

    GridView *m_view;
    int m_pressedRow = -1;
};

} // namespace strata::ui
