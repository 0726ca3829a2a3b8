#include "overviewpage.h"

#include "monitor/activitymodel.h"
#include "monitor/postgresmonitor.h"
#include "timeserieschart.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace strata::ui {

using monitor::Metric;
using monitor::Scope;

namespace {

struct ChartPlan {
    const char *title;
    TimeSeriesChart::ValueFormat format;
    const char *unit;
    QList<std::tuple<const char *, QColor, Metric>> series;
};

QList<ChartPlan> chartPlans()
{
    using F = TimeSeriesChart::ValueFormat;
    return {
        {"Sessions", F::Count, "", {{"total", QColor(0x54, 0x6e, 0x7a), Metric::SessionsTotal},
                                    {"active", QColor(0x2e, 0x7d, 0x32), Metric::SessionsActive},
                                    {"idle in tx", QColor(0xef, 0x6c, 0x00), Metric::SessionsIdleInTransaction},
                                    {"waiting", QColor(0xc6, 0x28, 0x28), Metric::SessionsWaiting}}},
        {"Transactions per second", F::Count, "/s", {{"commits", QColor(0x15, 0x65, 0xc0), Metric::Commits},
                                                     {"rollbacks", QColor(0xc6, 0x28, 0x28), Metric::Rollbacks}}},
        {"Tuples in per second", F::Count, "/s", {{"inserted", QColor(0x2e, 0x7d, 0x32), Metric::TuplesInserted},
                                                  {"updated", QColor(0xef, 0x6c, 0x00), Metric::TuplesUpdated},
                                                  {"deleted", QColor(0xc6, 0x28, 0x28), Metric::TuplesDeleted}}},
        {"Tuples out per second", F::Count, "/s", {{"fetched", QColor(0x6a, 0x1b, 0x9a), Metric::TuplesFetched},
                                                   {"returned", QColor(0x00, 0x83, 0x8f), Metric::TuplesReturned}}},
        {"Block I/O per second", F::Count, "/s", {{"read", QColor(0xc6, 0x28, 0x28), Metric::BlocksRead},
                                                  {"hit", QColor(0x15, 0x65, 0xc0), Metric::BlocksHit}}},
        {"Temp files and deadlocks per second", F::Count, "/s", {{"temp files", QColor(0x8d, 0x6e, 0x63), Metric::TempFiles},
                                                                 {"deadlocks", QColor(0xc6, 0x28, 0x28), Metric::Deadlocks}}},
    };
}

QString bytes(qint64 value)
{
    return value < 0 ? QStringLiteral("–") : TimeSeriesChart::formatValue(double(value), TimeSeriesChart::ValueFormat::Bytes);
}

} // namespace

OverviewPage::OverviewPage(monitor::PostgresMonitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_scopeBox(new QComboBox(this))
    , m_windowBox(new QComboBox(this))
    , m_tileArea(new QWidget(this))
{
    m_scopeBox->setObjectName(QStringLiteral("scopeBox"));
    m_scopeBox->addItem(tr("This database"), int(Scope::Database));
    m_scopeBox->addItem(tr("Whole server"), int(Scope::Server));
    connect(m_scopeBox, &QComboBox::currentIndexChanged, this, [this] { setScope(Scope(m_scopeBox->currentData().toInt())); });
    m_windowBox->setObjectName(QStringLiteral("windowBox"));
    for (int minutes : {5, 15, 60})
        m_windowBox->addItem(tr("Last %1 minutes").arg(minutes), minutes * 60);
    connect(m_windowBox, &QComboBox::currentIndexChanged, this, [this] { setWindowSeconds(m_windowBox->currentData().toDouble()); });

    auto *tiles = new QGridLayout(m_tileArea);
    tiles->setContentsMargins(0, 0, 0, 0);
    tiles->setHorizontalSpacing(18);
    tiles->setVerticalSpacing(2);
    const std::pair<const char *, const char *> names[] = {
        {"version", "Server"}, {"uptime", "Up for"}, {"size", "Size"}, {"connections", "Connections"},
        {"cache", "Cache hit"}, {"transactions", "Transactions"}, {"tuples", "Tuples in / out"},
        {"temp", "Temp files"}, {"deadlocks", "Deadlocks"}, {"replication", "Replication"}};
    int column = 0;
    for (const auto &[name, caption] : names) {
        QLabel *value = addTile(QLatin1String(name), tr(caption));
        auto *captionLabel = new QLabel(tr(caption), m_tileArea);
        captionLabel->setStyleSheet(QStringLiteral("color: palette(placeholder-text); font-size: 85%;"));
        tiles->addWidget(captionLabel, (column / 5) * 2, column % 5);
        tiles->addWidget(value, (column / 5) * 2 + 1, column % 5);
        ++column;
    }

    auto *chartGrid = new QGridLayout;
    chartGrid->setSpacing(8);
    int i = 0;
    for (const ChartPlan &plan : chartPlans()) {
        auto *chart = new TimeSeriesChart(tr(plan.title), this);
        chart->setObjectName(QLatin1String(plan.title));
        chart->setValueFormat(plan.format, QLatin1String(plan.unit));
        chartGrid->addWidget(chart, i / 3, i % 3);
        m_charts << chart;
        ++i;
    }

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Show:"), this));
    controls->addWidget(m_scopeBox);
    controls->addWidget(m_windowBox);
    controls->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 4);
    layout->addWidget(m_tileArea);
    layout->addSpacing(6);
    layout->addLayout(controls);
    layout->addLayout(chartGrid, 1);
}

QLabel *OverviewPage::addTile(const QString &name, const QString &caption)
{
    auto *label = new QLabel(QStringLiteral("–"), m_tileArea);
    label->setObjectName(QStringLiteral("tile_") + name);
    label->setAccessibleName(caption);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    label->setFont(f);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tiles.insert(name, label);
    return label;
}

QLabel *OverviewPage::tile(const QString &name) const
{
    return m_tiles.value(name);
}

void OverviewPage::setScope(Scope scope)
{
    m_scope = scope;
    const int index = m_scopeBox->findData(int(scope));
    if (index != m_scopeBox->currentIndex())
        m_scopeBox->setCurrentIndex(index);
    refresh();
}

void OverviewPage::setWindowSeconds(double seconds)
{
    m_window = seconds;
    const int index = m_windowBox->findData(int(seconds));
    if (index >= 0 && index != m_windowBox->currentIndex())
        m_windowBox->setCurrentIndex(index);
    refresh();
}

void OverviewPage::refresh()
{
    if (m_monitor->refreshCount() == 0)
        return;
    const monitor::MonitorSnapshot &s = m_monitor->lastSnapshot();
    fillTiles(s);
    fillCharts(s.overview.sampledAt);
}

void OverviewPage::fillTiles(const monitor::MonitorSnapshot &s)
{
    const bool db = m_scope == Scope::Database;
    const monitor::ServerOverview &o = s.overview;
    const monitor::CounterRates &rates = m_monitor->lastRates(m_scope);
    const monitor::DatabaseCounters &counters = db ? s.databaseCounters : s.serverCounters;
    const monitor::SessionCounts &sessions = db ? o.databaseSessions : o.serverSessions;
    m_tiles[QStringLiteral("version")]->setText(QStringLiteral("PostgreSQL %1%2").arg(o.version, o.inRecovery ? tr(" (standby)") : QString()));
    m_tiles[QStringLiteral("uptime")]->setText(monitor::formatDuration(o.uptimeSeconds()));
    if (s.sizes) {
        m_tiles[QStringLiteral("size")]->setText(db ? bytes(s.sizes->database) : bytes(s.sizes->server));
        m_tiles[QStringLiteral("size")]->setToolTip(s.sizes->hiddenDatabases > 0
            ? tr("%1 databases; %2 not counted (no CONNECT privilege)").arg(s.sizes->databases).arg(s.sizes->hiddenDatabases)
            : tr("%1 databases").arg(s.sizes->databases));
    }
    m_tiles[QStringLiteral("connections")]->setText(tr("%1 of %2 (%3 active)").arg(o.serverSessions.total).arg(o.maxConnections).arg(sessions.active));
    m_tiles[QStringLiteral("connections")]->setToolTip(tr("This database: %1 sessions, %2 idle, %3 idle in transaction, %4 waiting for a lock")
                                                           .arg(o.databaseSessions.total).arg(o.databaseSessions.idle)
                                                           .arg(o.databaseSessions.idleInTransaction).arg(o.databaseSessions.waiting));
    const double ratio = rates.valid && rates.cacheHitRatio >= 0 ? rates.cacheHitRatio : counters.cacheHitRatio();
    m_tiles[QStringLiteral("cache")]->setText(ratio < 0 ? QStringLiteral("–") : TimeSeriesChart::formatValue(ratio, TimeSeriesChart::ValueFormat::Ratio));
    m_tiles[QStringLiteral("transactions")]->setText(rates.valid ? tr("%1/s (%2 rolled back)").arg(TimeSeriesChart::formatValue(rates.transactions(), TimeSeriesChart::ValueFormat::Count),
                                                                                                      TimeSeriesChart::formatValue(rates.rollbacks, TimeSeriesChart::ValueFormat::Count))
                                                               : QStringLiteral("–"));
    m_tiles[QStringLiteral("tuples")]->setText(rates.valid ? QStringLiteral("%1/s / %2/s").arg(
        TimeSeriesChart::formatValue(rates.tuplesInserted + rates.tuplesUpdated + rates.tuplesDeleted, TimeSeriesChart::ValueFormat::Count),
        TimeSeriesChart::formatValue(rates.tuplesFetched + rates.tuplesReturned, TimeSeriesChart::ValueFormat::Count)) : QStringLiteral("–"));
    m_tiles[QStringLiteral("temp")]->setText(tr("%L1 (%2)").arg(counters.tempFiles).arg(bytes(counters.tempBytes)));
    m_tiles[QStringLiteral("deadlocks")]->setText(QStringLiteral("%L1").arg(counters.deadlocks));
    const monitor::ReplicationInfo &r = s.replication;
    QString replication;
    if (r.standby) {
        replication = r.replayLag >= 0 ? tr("standby, %1 behind").arg(monitor::formatDuration(r.replayLag)) : tr("standby");
    } else if (r.replicas.isEmpty()) {
        replication = tr("primary, no standby");
    } else {
        double worst = -1;
        QStringList lines;
        for (const monitor::ReplicaInfo &replica : r.replicas) {
            worst = qMax(worst, replica.replayLag);
            lines << tr("%1 (%2): %3, replay lag %4, %5 behind").arg(replica.application, replica.clientAddress, replica.state,
                                                                    monitor::formatDuration(replica.replayLag), bytes(replica.replayBytesBehind));
        }
        replication = tr("%n standby(s), lag %1", nullptr, int(r.replicas.size())).arg(worst >= 0 ? monitor::formatDuration(worst) : QStringLiteral("–"));
        m_tiles[QStringLiteral("replication")]->setToolTip(lines.join(QLatin1Char('\n')));
    }
    m_tiles[QStringLiteral("replication")]->setText(replication);
}

void OverviewPage::fillCharts(double now)
{
    const monitor::MetricHistory &history = m_monitor->history(m_scope);
    const QList<ChartPlan> plans = chartPlans();
    for (int i = 0; i < m_charts.size() && i < plans.size(); ++i) {
        QList<ChartSeries> series;
        for (const auto &[name, color, metric] : plans[i].series)
            series << ChartSeries{tr(name), color, history.points(metric, now - m_window)};
        m_charts[i]->setSeries(series, m_window, now);
    }
}

} // namespace strata::ui
