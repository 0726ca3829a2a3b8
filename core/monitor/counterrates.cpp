#include "counterrates.h"

namespace strata::monitor {

CounterRates ratesBetween(const DatabaseCounters &before, const DatabaseCounters &after)
{
    CounterRates r;
    r.seconds = after.sampledAt - before.sampledAt;
    if (r.seconds <= 0 || before.statsReset != after.statsReset)
        return r;
    const qint64 deltas[] = {
        after.xactCommit - before.xactCommit, after.xactRollback - before.xactRollback,
        after.blocksRead - before.blocksRead, after.blocksHit - before.blocksHit,
        after.tuplesReturned - before.tuplesReturned, after.tuplesFetched - before.tuplesFetched,
        after.tuplesInserted - before.tuplesInserted, after.tuplesUpdated - before.tuplesUpdated,
        after.tuplesDeleted - before.tuplesDeleted, after.tempFiles - before.tempFiles,
        after.tempBytes - before.tempBytes, after.deadlocks - before.deadlocks};
    for (qint64 d : deltas)
        if (d < 0)
            return r;   // a counter went back: reset (of one database, or a dropped one)
    double *targets[] = {&r.commits, &r.rollbacks, &r.blocksRead, &r.blocksHit, &r.tuplesReturned,
                         &r.tuplesFetched, &r.tuplesInserted, &r.tuplesUpdated, &r.tuplesDeleted,
                         &r.tempFiles, &r.tempBytes, &r.deadlocks};
    for (std::size_t i = 0; i < std::size(deltas); ++i)
        *targets[i] = double(deltas[i]) / r.seconds;
    const qint64 touched = deltas[2] + deltas[3];
    r.cacheHitRatio = touched > 0 ? double(deltas[3]) / double(touched) : -1;
    r.valid = true;
    return r;
}

} // namespace strata::monitor
