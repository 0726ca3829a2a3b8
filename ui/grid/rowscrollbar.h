#pragma once

// RowScrollBar: the grid's vertical scrollbar, whose position is a row (64-bit), not a pixel
// offset. A QScrollBar's range is an int: up to 2^30 top rows it counts rows one to one (the
// arrows step one row exactly); beyond, its 2^30 steps are spread over the rows, and the
// arrows and page clicks still step rows exactly (the slider lands on the nearest step).
// While the slider is dragged, a tooltip beside it names the row it stands for ("Row
// 37,000,000 of 100,000,000"). The view sets the range and the position; the user's moves
// come back as rowPositionRequested().

#include <QScrollBar>
#include <functional>

namespace strata::ui {

class RowScrollBar : public QScrollBar {
    Q_OBJECT
public:
    static constexpr int kMaxSteps = 1 << 30;

    explicit RowScrollBar(QWidget *parent = nullptr);

    /// Top rows 0..maxTop; `pageRows` rows fit in the view.
    void setRowRange(qint64 maxTop, int pageRows);
    /// Moves the slider to a row without emitting rowPositionRequested().
    void setRowPosition(qint64 top);
    qint64 rowPosition() const { return m_position; }
    qint64 maxRow() const { return m_maxTop; }
    /// True when a slider step stands for more than one row.
    bool isScaled() const { return m_maxTop > kMaxSteps; }
    qint64 rowForValue(int value) const;
    int valueForRow(qint64 row) const;
    /// The tooltip's text for a top row while dragging (the view names the rows it shows).
    void setTipText(std::function<QString(qint64)> text) { m_tipText = std::move(text); }

Q_SIGNALS:
    /// The user moved the slider (drag, click, arrows, wheel): `top` should be the top row.
    void rowPositionRequested(qint64 top);

private:
    void onAction(int action);
    void onValueChanged(int value);
    void showTip();

    qint64 m_maxTop = 0;
    qint64 m_position = 0;
    int m_pageRows = 1;
    qint64 m_exactTarget = -1;   // the row an arrow or page step asked for (scaled range)
    bool m_setting = false;
    std::function<QString(qint64)> m_tipText;
};

} // namespace strata::ui
