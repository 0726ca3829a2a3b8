#pragma once

// TimeSeriesChart: a small line chart of a few series over a sliding time window, drawn
// with QPainter (Qt Charts is GPL-3 in its open-source form; Strata is MIT). The x axis is
// time (seconds since the epoch, as the monitor's history gives it), the window ending at
// `now`; the y axis starts at 0 and ends at a round value above the largest point shown.
// The legend shows each series' latest value. Nothing is kept but the points given.

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

namespace strata::ui {

struct ChartSeries {
    QString name;
    QColor color;
    QList<QPointF> points;   ///< (time in seconds, value), oldest first
};

class TimeSeriesChart : public QWidget {
    Q_OBJECT
public:
    enum class ValueFormat { Count, Bytes, Ratio };

    explicit TimeSeriesChart(const QString &title, QWidget *parent = nullptr);

    void setValueFormat(ValueFormat format, const QString &unitSuffix = {});
    void setSeries(const QList<ChartSeries> &series, double windowSeconds, double now);
    const QList<ChartSeries> &series() const { return m_series; }
    QString title() const { return m_title; }
    /// The top of the y axis as last drawn (tests check the scale follows the data).
    double axisMaximum() const { return m_axisMax; }

    /// 1234 -> "1.23k", 5.5e6 -> "5.5M"; bytes as "1.5 MB".
    static QString formatValue(double value, ValueFormat format);
    /// A round number at or above `value`: 1, 2, 2.5, 5 times a power of ten.
    static double niceCeiling(double value);

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    /// Draws the legend right-aligned in `area`; returns its width (nothing drawn when `p` is null).
    int paintLegend(QPainter *p, const QRect &area);
    void paintAxes(QPainter &p, const QRect &plot);

    QString m_title;
    ValueFormat m_format = ValueFormat::Count;
    QString m_unit;
    QList<ChartSeries> m_series;
    double m_window = 300;
    double m_now = 0;
    double m_axisMax = 1;
};

} // namespace strata::ui
