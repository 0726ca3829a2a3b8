#include "rowscrollbar.h"

#include <QLocale>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolTip>

namespace strata::ui {

RowScrollBar::RowScrollBar(QWidget *parent)
    : QScrollBar(Qt::Vertical, parent)
{
    setSingleStep(1);
    connect(this, &QAbstractSlider::actionTriggered, this, &RowScrollBar::onAction);
    connect(this, &QAbstractSlider::valueChanged, this, &RowScrollBar::onValueChanged);
    connect(this, &QAbstractSlider::sliderPressed, this, &RowScrollBar::showTip);
    connect(this, &QAbstractSlider::sliderReleased, this, [] { QToolTip::hideText(); });
}

qint64 RowScrollBar::rowForValue(int value) const
{
    if (!isScaled())
        return value;
    if (value >= maximum())
        return m_maxTop;
    return qint64(double(value) / double(kMaxSteps) * double(m_maxTop));
}

int RowScrollBar::valueForRow(qint64 row) const
{
    row = qBound(qint64(0), row, m_maxTop);
    if (!isScaled())
        return int(row);
    return int(qBound(0.0, double(row) / double(m_maxTop) * double(kMaxSteps) + 0.5, double(kMaxSteps)));
}

void RowScrollBar::setRowRange(qint64 maxTop, int pageRows)
{
    maxTop = qMax(qint64(0), maxTop);
    m_pageRows = qMax(1, pageRows);
    const bool changed = maxTop != m_maxTop;
    m_maxTop = maxTop;
    m_setting = true;
    setPageStep(isScaled() ? qMax(1, int(qint64(m_pageRows) * kMaxSteps / m_maxTop)) : m_pageRows);
    setRange(0, isScaled() ? kMaxSteps : int(m_maxTop));
    if (changed)
        setValue(valueForRow(m_position));
    m_setting = false;
}

void RowScrollBar::setRowPosition(qint64 top)
{
    m_position = qBound(qint64(0), top, m_maxTop);
    m_setting = true;
    setValue(valueForRow(m_position));
    m_setting = false;
}

void RowScrollBar::onAction(int action)
{
    // Steps and pages move by rows, also when a slider step stands for many rows.
    qint64 target = -1;
    switch (action) {
    case SliderSingleStepAdd: target = m_position + 1; break;
    case SliderSingleStepSub: target = m_position - 1; break;
    case SliderPageStepAdd: target = m_position + m_pageRows; break;
    case SliderPageStepSub: target = m_position - m_pageRows; break;
    case SliderToMinimum: target = 0; break;
    case SliderToMaximum: target = m_maxTop; break;
    default: break;
    }
    if (action == SliderNoAction || action == SliderMove)
        return;
    m_exactTarget = qBound(qint64(0), target, m_maxTop);
    setSliderPosition(valueForRow(m_exactTarget));
    if (value() == sliderPosition()) {
        // The slider did not move (a step smaller than one slider step): say so anyway.
        const qint64 exact = m_exactTarget;
        m_exactTarget = -1;
        if (exact != m_position) {
            m_position = exact;
            Q_EMIT rowPositionRequested(exact);
        }
    }
}

void RowScrollBar::onValueChanged(int value)
{
    if (m_setting)
        return;
    const qint64 row = m_exactTarget >= 0 ? m_exactTarget : rowForValue(value);
    m_exactTarget = -1;
    m_position = row;
    if (isSliderDown())
        showTip();
    Q_EMIT rowPositionRequested(row);
}

void RowScrollBar::showTip()
{
    const qint64 row = isSliderDown() ? rowForValue(sliderPosition()) : m_position;
    const QString text = m_tipText ? m_tipText(row)
                                   : tr("Row %1 of %2").arg(QLocale().toString(row + 1), QLocale().toString(m_maxTop + m_pageRows));
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect handle = style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, this);
    QToolTip::showText(mapToGlobal(QPoint(0, handle.center().y())), text, this);
}

} // namespace strata::ui
