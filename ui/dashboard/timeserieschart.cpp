#include "timeserieschart.h"

#include <QPainter>
#include <QPainterPath>
#include <QPaintEvent>
#include <cmath>

namespace strata::ui {

TimeSeriesChart::TimeSeriesChart(const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void TimeSeriesChart::setValueFormat(ValueFormat format, const QString &unitSuffix)
{
    m_format = format;
    m_unit = unitSuffix;
    update();
}

void TimeSeriesChart::setSeries(const QList<ChartSeries> &series, double windowSeconds, double now)
{
    m_series = series;
    m_window = qMax(1.0, windowSeconds);
    m_now = now;
    double max = 0;
    for (const ChartSeries &s : m_series)
        for (const QPointF &p : s.points)
            if (p.x() >= m_now - m_window)
                max = qMax(max, p.y());
    m_axisMax = m_format == ValueFormat::Ratio ? 1.0 : niceCeiling(qMax(max, 1.0));
    update();
}

double TimeSeriesChart::niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (step * magnitude >= value * (1 - 1e-9))
            return step * magnitude;
    return 10 * magnitude;
}

QString TimeSeriesChart::formatValue(double value, ValueFormat format)
{
    if (format == ValueFormat::Ratio)
        return QStringLiteral("%1%").arg(value * 100, 0, 'f', value >= 0.999 ? 0 : 1);
    if (format == ValueFormat::Bytes) {
        const char *const units[] = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (std::abs(value) >= 1024 && u < 4) {
            value /= 1024;
            ++u;
        }
        return QStringLiteral("%1 %2").arg(value, 0, 'f', u == 0 || value >= 100 ? 0 : 1).arg(QLatin1String(units[u]));
    }
    const double a = std::abs(value);
    if (a >= 1e9)
        return QStringLiteral("%1G").arg(value / 1e9, 0, 'g', 3);
    if (a >= 1e6)
        return QStringLiteral("%1M").arg(value / 1e6, 0, 'g', 3);
    if (a >= 1e3)
        return QStringLiteral("%1k").arg(value / 1e3, 0, 'g', 3);
    if (a >= 10 || a == 0 || value == std::floor(value))
        return QString::number(qRound64(value));
    return QString::number(value, 'f', 1);
}

QSize TimeSeriesChart::minimumSizeHint() const
{
    return {240, 140};
}

QSize TimeSeriesChart::sizeHint() const
{
    return {360, 190};
}

int TimeSeriesChart::paintLegend(QPainter *p, const QRect &area)
{
    const QFontMetrics fm(font());
    int x = area.right();
    for (int i = int(m_series.size()) - 1; i >= 0; --i) {
        const ChartSeries &s = m_series[i];
        const QString last = s.points.isEmpty() ? QStringLiteral("–") : formatValue(s.points.last().y(), m_format) + m_unit;
        const QString text = s.name + QLatin1Char(' ') + last;
        const int w = fm.horizontalAdvance(text);
        x -= w;
        if (p) {
            p->setPen(palette().color(QPalette::WindowText));
            p->drawText(QRect(x, area.top(), w, area.height()), Qt::AlignVCenter | Qt::AlignLeft, text);
        }
        x -= 14;
        if (p)
            p->fillRect(QRect(x, area.center().y() - 4, 9, 9), s.color);
        x -= 12;
    }
    return area.right() - x;
}

void TimeSeriesChart::paintAxes(QPainter &p, const QRect &plot)
{
    const QFontMetrics fm(font());
    const QColor grid = palette().color(QPalette::Mid).lighter(135);
    const QColor text = palette().color(QPalette::PlaceholderText);
    for (int i = 0; i <= 4; ++i) {
        const int y = plot.bottom() - int(std::lround(plot.height() * i / 4.0));
        p.setPen(QPen(grid, 1, i == 0 ? Qt::SolidLine : Qt::DotLine));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(text);
        const QString label = formatValue(m_axisMax * i / 4.0, m_format);
        p.drawText(QRect(0, y - fm.height() / 2, plot.left() - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter, label);
    }
    const int minutes = int(std::lround(m_window / 60));
    int nextFree = 0;
    for (int i = 0; i <= 4; ++i) {
        const int x = plot.left() + int(std::lround(plot.width() * i / 4.0));
        const double ago = m_window * (4 - i) / 4.0;
        QString label = i == 4 ? tr("now") : minutes >= 4 ? QStringLiteral("−%1 min").arg(ago / 60, 0, 'g', 3) : QStringLiteral("−%1 s").arg(qRound(ago));
        const int w = fm.horizontalAdvance(label);
        const int left = i == 0 ? x : i == 4 ? x - w : x - w / 2;
        if (left < nextFree)
            continue;   // a narrow chart: skip a label rather than print two over each other
        nextFree = left + w + fm.horizontalAdvance(QLatin1Char(' ')) * 2;
        p.setPen(text);
        p.drawText(QRect(left, plot.bottom() + 3, w, fm.height()), Qt::AlignLeft | Qt::AlignTop, label);
    }
}

void TimeSeriesChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    const QFontMetrics fm(font());
    const int pad = 8;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::WindowText));
    const QRect titleRect(pad, pad, width() - 2 * pad, fm.height());
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.setFont(font());
    // The legend beside the title when both fit, else on a line of its own below it.
    const QRect besideTitle = titleRect.adjusted(QFontMetrics(bold).horizontalAdvance(m_title) + 16, 0, 0, 0);
    const bool ownLine = paintLegend(nullptr, titleRect) > besideTitle.width();
    const QRect legendRect = ownLine ? titleRect.translated(0, fm.height() + 4) : besideTitle;
    paintLegend(&p, legendRect);

    int labelWidth = 0;
    for (int i = 1; i <= 4; ++i)
        labelWidth = qMax(labelWidth, fm.horizontalAdvance(formatValue(m_axisMax * i / 4.0, m_format)));
    labelWidth += 10;
    const int top = legendRect.bottom() + 10;
    const QRect plot(pad + labelWidth, top, width() - 2 * pad - labelWidth - 4, height() - top - fm.height() - pad - 4);
    if (plot.width() < 20 || plot.height() < 20)
        return;
    paintAxes(p, plot);

    bool anyPoint = false;
    p.setRenderHint(QPainter::Antialiasing);
    p.setClipRect(plot.adjusted(0, -2, 1, 2));
    const double from = m_now - m_window;
    for (const ChartSeries &s : m_series) {
        QPainterPath path;
        bool started = false;
        for (const QPointF &pt : s.points) {
            if (pt.x() < from - m_window * 0.02)
                continue;
            const double x = plot.left() + (pt.x() - from) / m_window * plot.width();
            const double y = plot.bottom() - qBound(0.0, pt.y() / m_axisMax, 1.05) * plot.height();
            if (!started)
                path.moveTo(x, y);
            else
                path.lineTo(x, y);
            started = true;
            anyPoint = true;
        }
        p.setPen(QPen(s.color, 1.6));
        p.drawPath(path);
    }
    p.setClipping(false);
    if (!anyPoint) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(plot, Qt::AlignCenter, tr("Waiting for the next samples…"));
    }
}

} // namespace strata::ui
