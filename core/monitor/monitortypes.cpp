#include "monitortypes.h"

namespace strata::monitor {

double ServerOverview::uptimeSeconds() const
{
    if (!started.isValid() || sampledAt <= 0)
        return -1;
    return sampledAt - double(started.toMSecsSinceEpoch()) / 1000.0;
}

double DatabaseCounters::cacheHitRatio() const
{
    const qint64 all = blocksHit + blocksRead;
    return all > 0 ? double(blocksHit) / double(all) : -1;
}

} // namespace strata::monitor
