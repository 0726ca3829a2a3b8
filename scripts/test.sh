#!/usr/bin/env bash
# The README's test command: installs what is missing, builds Strata and its tests, starts
# a throwaway PostgreSQL 15 on loopback and runs the whole suite against it (and real
# SQLite files), then stops the server. Extra arguments go to ctest (e.g. -L pg, -R grid).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default -DSTRATA_WERROR=ON >/dev/null
cmake --build --preset default -j "$(nproc)"
scripts/with-postgres.sh ctest --test-dir build --output-on-failure --no-tests=error -j "$(nproc)" "$@"
