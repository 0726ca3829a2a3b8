#!/usr/bin/env bash
# The README's test command: installs what is missing, builds Strata and its tests, starts
# a throwaway PostgreSQL 15 on loopback and runs the whole suite against it (and real
# SQLite files), then stops the server. Extra arguments go to ctest (e.g. -L pg, -R grid).
# After the suite it lists the skipped test functions (scripts/skipped-tests.sh), if any.
# Opt-in: --clean-install (or STRATA_CLEAN_INSTALL_TEST=1) then runs
# packaging/clean-install-test.sh (builds the .deb, installs it into a fresh Debian 12 root).
set -euo pipefail
cd "$(dirname "$0")/.."

clean_install=${STRATA_CLEAN_INSTALL_TEST:-0}
ctest_args=()
for arg in "$@"; do
    if [[ "$arg" == --clean-install ]]; then clean_install=1; else ctest_args+=("$arg"); fi
done

scripts/install-deps.sh
cmake --preset default -DSTRATA_WERROR=ON >/dev/null
cmake --build --preset default -j "$(nproc)"
status=0
scripts/with-postgres.sh ctest --test-dir build --output-on-failure --no-tests=error -j "$(nproc)" "${ctest_args[@]}" || status=$?
# A QSKIP passes in ctest's count; say which test functions skipped, and why, on their own.
scripts/skipped-tests.sh build
[[ "$status" == 0 ]] || exit "$status"
if [[ "$clean_install" == 1 ]]; then
    packaging/clean-install-test.sh
fi
