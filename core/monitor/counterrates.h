#pragma once

// Rates from two samples of pg_stat_database's cumulative counters: the difference of
// each counter divided by the time between the samples (server clock). Pure functions.
//
// A pair of samples gives no rates (valid == false) when the statistics were reset in
// between (stats_reset moved, or a counter went down) or when no time passed: the chart
// then skips a point instead of drawing a spike or a negative rate.

#include "monitortypes.h"

namespace strata::monitor {

struct CounterRates {
    bool valid = false;
    double seconds = 0;   ///< between the two samples
    double commits = 0, rollbacks = 0;
    double blocksRead = 0, blocksHit = 0;
    double tuplesReturned = 0, tuplesFetched = 0;
    double tuplesInserted = 0, tuplesUpdated = 0, tuplesDeleted = 0;
    double tempFiles = 0, tempBytes = 0, deadlocks = 0;
    double cacheHitRatio = -1;   ///< over the interval; -1 when no block was touched

    double transactions() const { return commits + rollbacks; }
};

/// Per-second rates between `before` and `after` (after sampled later).
CounterRates ratesBetween(const DatabaseCounters &before, const DatabaseCounters &after);

} // namespace strata::monitor
