#!/usr/bin/env bash
# The README's test command: installs what is missing, builds Strata and its tests, starts
# a throwaway PostgreSQL 15 on loopback and runs the whole suite against it (and real
# SQLite files), then stops the server. Extra arguments go to ctest (e.g. -L pg, -R grid).
# At the end, also when the suite failed, it lists the skipped test functions of this run
# (scripts/skipped-tests.sh): ctest counts a QSKIP as passed, so skips are reported apart.
# Opt-in: --clean-install (or STRATA_CLEAN_INSTALL_TEST=1) then runs
# packaging/clean-install-test.sh (builds the .deb, installs it into a fresh Debian 12 root).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(mktemp)
report_skips() {
    local log="${build_dir:-build}/Testing/Temporary/LastTest.log"
    [[ "$log" -nt "$started" ]] && scripts/skipped-tests.sh "${build_dir:-build}"
    rm -f "$started"
}
trap report_skips EXIT

clean_install=${STRATA_CLEAN_INSTALL_TEST:-0}
ctest_args=()
for arg in "$@"; do
    if [[ "$arg" == --clean-install ]]; then clean_install=1; else ctest_args+=("$arg"); fi
done

scripts/install-deps.sh
cmake --preset default -DSTRATA_WERROR=ON >/dev/null
cmake --build --preset default -j "$(nproc)"
scripts/with-postgres.sh ctest --test-dir build --output-on-failure --no-tests=error -j "$(nproc)" "${ctest_args[@]}"
if [[ "$clean_install" == 1 ]]; then
    packaging/clean-install-test.sh
fi
