#!/usr/bin/env bash
# The README's test command: installs what is missing, builds Strata and its tests, starts
# a throwaway PostgreSQL 15 on loopback and runs the whole suite against it (and real
# SQLite files), then stops the server. Extra arguments go to ctest (e.g. -L pg, -R grid).
# At the end, also when the suite failed, it lists the skipped test functions of this run
# (scripts/skipped-tests.sh): ctest counts a QSKIP as passed, so skips are reported apart.
# Opt-in: --clean-install (or STRATA_CLEAN_INSTALL_TEST=1) then runs
# packaging/clean-install-test.sh (builds the .deb, installs it into a fresh Debian 12 root).
# --sanitize: the same suite built with the `asan` preset (gcc, AddressSanitizer + UBSan,
# into build-asan/) and run with LeakSanitizer on: any ASan, UBSan or leak report fails the
# test that printed it. Leaks of Qt, fontconfig and the drivers that are kept by design are
# suppressed by tests/sanitizers/lsan.supp (each entry says why).
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
sanitize=0
ctest_args=()
for arg in "$@"; do
    case "$arg" in
        --clean-install) clean_install=1 ;;
        --sanitize) sanitize=1 ;;
        *) ctest_args+=("$arg") ;;
    esac
done

preset=default
build_dir=build
if [[ "$sanitize" == 1 ]]; then
    preset=asan
    build_dir=build-asan
    supp="$PWD/tests/sanitizers/lsan.supp"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0
    export LSAN_OPTIONS="suppressions=$supp:print_suppressions=0"
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

scripts/install-deps.sh
cmake --preset "$preset" -DSTRATA_WERROR=ON >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
scripts/with-postgres.sh ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j "$(nproc)" "${ctest_args[@]}"
if [[ "$clean_install" == 1 ]]; then
    packaging/clean-install-test.sh
fi
