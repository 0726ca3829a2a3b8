#pragma once

// MetricHistory: the recent values of the dashboard's series (rates and session counts),
// each a list of (time, value) points, kept for a bounded span (an hour by default) and
// read back for the window a chart shows (the last 5, 15 or 60 minutes). Memory is bounded:
// a point older than the span is dropped on append, so at one refresh a second an hour is
// 3,600 points per series. Plain value type; GUI thread in practice, no locking.

#include "counterrates.h"

#include <QList>
#include <QPointF>
#include <array>
#include <deque>

namespace strata::monitor {

enum class Metric {
    Commits, Rollbacks,
    TuplesInserted, TuplesUpdated, TuplesDeleted,
    TuplesFetched, TuplesReturned,
    BlocksRead, BlocksHit,
    SessionsTotal, SessionsActive, SessionsIdle, SessionsIdleInTransaction, SessionsWaiting,
    TempFiles, TempBytes, Deadlocks,
};
constexpr int kMetricCount = int(Metric::Deadlocks) + 1;

class MetricHistory {
public:
    explicit MetricHistory(double spanSeconds = 3600) : m_span(spanSeconds) {}

    /// Adds a point; drops points older than the span before `time`.
    void append(Metric metric, double time, double value);
    /// Adds the rates of one interval at `time` (nothing when rates are not valid).
    void appendRates(double time, const CounterRates &rates);
    /// Adds the session counts at `time`.
    void appendSessions(double time, const SessionCounts &sessions);

    /// The points of `metric` at or after `since` (x: time in seconds since the epoch).
    QList<QPointF> points(Metric metric, double since) const;
    /// The last value, or -1 when there is none.
    double last(Metric metric) const;
    int size(Metric metric) const { return int(m_series[std::size_t(metric)].size()); }
    double span() const { return m_span; }
    void clear();

private:
    double m_span;
    std::array<std::deque<QPointF>, kMetricCount> m_series;
};

} // namespace strata::monitor
