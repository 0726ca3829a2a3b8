#pragma once

#include <QStringList>

namespace strata::bench {

/// `strata-bench monitor --url URL [--locks N] [--backends B] [--tables T] [--refreshes R]
/// [--json]`: makes B backends hold N locks in all (each an ACCESS SHARE lock on the T tables
/// of a bench schema plus advisory locks for the rest) with two more sessions waiting
/// behind them, then measures one dashboard refresh through Strata's monitor (query, snapshot,
/// models) end to end and its memory growth, beside the raw libpq time of the same queries.
/// When the server's lock table is too small and the bench runs under
/// scripts/with-postgres.sh (STRATA_TEST_PG_DATA/CTL set), it raises max_locks_per_transaction
/// with ALTER SYSTEM as the `postgres` superuser and restarts that server.
int runMonitorBench(const QStringList &arguments);

} // namespace strata::bench
