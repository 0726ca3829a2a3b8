#include "metrichistory.h"

#include <algorithm>

namespace strata::monitor {

void MetricHistory::append(Metric metric, double time, double value)
{
    std::deque<QPointF> &series = m_series[std::size_t(metric)];
    series.emplace_back(time, value);
    while (!series.empty() && series.front().x() < time - m_span)
        series.pop_front();
}

void MetricHistory::appendRates(double time, const CounterRates &rates)
{
    if (!rates.valid)
        return;
    const std::pair<Metric, double> values[] = {
        {Metric::Commits, rates.commits}, {Metric::Rollbacks, rates.rollbacks},
        {Metric::TuplesInserted, rates.tuplesInserted}, {Metric::TuplesUpdated, rates.tuplesUpdated},
        {Metric::TuplesDeleted, rates.tuplesDeleted}, {Metric::TuplesFetched, rates.tuplesFetched},
        {Metric::TuplesReturned, rates.tuplesReturned}, {Metric::BlocksRead, rates.blocksRead},
        {Metric::BlocksHit, rates.blocksHit}, {Metric::TempFiles, rates.tempFiles},
        {Metric::TempBytes, rates.tempBytes}, {Metric::Deadlocks, rates.deadlocks}};
    for (const auto &[metric, value] : values)
        append(metric, time, value);
}

void MetricHistory::appendSessions(double time, const SessionCounts &sessions)
{
    append(Metric::SessionsTotal, time, sessions.total);
    append(Metric::SessionsActive, time, sessions.active);
    append(Metric::SessionsIdle, time, sessions.idle);
    append(Metric::SessionsIdleInTransaction, time, sessions.idleInTransaction);
    append(Metric::SessionsWaiting, time, sessions.waiting);
}

QList<QPointF> MetricHistory::points(Metric metric, double since) const
{
    const std::deque<QPointF> &series = m_series[std::size_t(metric)];
    auto first = std::lower_bound(series.begin(), series.end(), since,
                                  [](const QPointF &p, double t) { return p.x() < t; });
    return QList<QPointF>(first, series.end());
}

double MetricHistory::last(Metric metric) const
{
    const std::deque<QPointF> &series = m_series[std::size_t(metric)];
    return series.empty() ? -1 : series.back().y();
}

void MetricHistory::clear()
{
    for (auto &series : m_series)
        series.clear();
}

} // namespace strata::monitor
