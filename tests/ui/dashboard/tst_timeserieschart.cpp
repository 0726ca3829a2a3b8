// The QPainter chart: round axis tops, value formats, and that it draws what it is given
// (the line's colour appears in the picture; an empty chart says it waits).

#include "dashboard/timeserieschart.h"
#include "support/testenvironment.h"

#include <QImage>
#include <QtTest>

using namespace strata::ui;
using namespace Qt::StringLiterals;

class TestTimeSeriesChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void niceCeiling();
    void formats();
    void drawsTheSeries();
};

void TestTimeSeriesChart::niceCeiling()
{
    QCOMPARE(TimeSeriesChart::niceCeiling(0.3), 0.5);
    QCOMPARE(TimeSeriesChart::niceCeiling(1), 1.0);
    QCOMPARE(TimeSeriesChart::niceCeiling(1.2), 2.0);
    QCOMPARE(TimeSeriesChart::niceCeiling(2.2), 2.5);
    QCOMPARE(TimeSeriesChart::niceCeiling(730), 1000.0);
    QCOMPARE(TimeSeriesChart::niceCeiling(4100), 5000.0);
}

void TestTimeSeriesChart::formats()
{
    QCOMPARE(TimeSeriesChart::formatValue(0, TimeSeriesChart::ValueFormat::Count), u"0"_s);
    QCOMPARE(TimeSeriesChart::formatValue(2.5, TimeSeriesChart::ValueFormat::Count), u"2.5"_s);
    QCOMPARE(TimeSeriesChart::formatValue(1234, TimeSeriesChart::ValueFormat::Count), u"1.23k"_s);
    QCOMPARE(TimeSeriesChart::formatValue(5.5e6, TimeSeriesChart::ValueFormat::Count), u"5.5M"_s);
    QCOMPARE(TimeSeriesChart::formatValue(1536, TimeSeriesChart::ValueFormat::Bytes), u"1.5 kB"_s);
    QCOMPARE(TimeSeriesChart::formatValue(0.995, TimeSeriesChart::ValueFormat::Ratio), u"99.5%"_s);
}

void TestTimeSeriesChart::drawsTheSeries()
{
    TimeSeriesChart chart(u"Transactions per second"_s);
    chart.resize(400, 200);
    const QColor red(0xd0, 0x10, 0x10);
    QList<QPointF> points;
    for (int t = 0; t <= 300; t += 5)
        points << QPointF(1000 + t, 50 + (t % 50));
    chart.setSeries({ChartSeries{u"commits"_s, red, points}}, 300, 1300);
    QCOMPARE(chart.axisMaximum(), 100.0);
    const QImage image = chart.grab().toImage();
    int reddish = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            reddish += c.red() > 150 && c.green() < 90 && c.blue() < 90 ? 1 : 0;
        }
    QVERIFY2(reddish > 200, qPrintable(QString::number(reddish)));   // a line across the plot, not a dot
    chart.setSeries({ChartSeries{u"commits"_s, red, {}}}, 300, 1300);
    const QImage empty = chart.grab().toImage();
    int emptyReddish = 0;
    for (int y = 0; y < empty.height(); ++y)
        for (int x = 0; x < empty.width(); ++x) {
            const QColor c = empty.pixelColor(x, y);
            emptyReddish += c.red() > 150 && c.green() < 90 && c.blue() < 90 ? 1 : 0;
        }
    QVERIFY(emptyReddish < 120);   // only the legend's swatch
}

STRATA_TEST_MAIN_GUI(TestTimeSeriesChart)
#include "tst_timeserieschart.moc"
