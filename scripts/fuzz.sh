#!/usr/bin/env bash
# scripts/fuzz.sh [--seconds N] [--jobs N] [--keep-going] TARGET... | all
# A longer fuzzing run than the test suite's 30 seconds: builds the fuzz preset (build-fuzz,
# clang) if needed, then runs each TARGET (fuzz_connectionurl, ..., or `all`) for N seconds
# (default 600), one after the other, growing a corpus kept in build-fuzz/campaign/<target>/
# from one run to the next. Finds land in build-fuzz/campaign/artifacts/; each run ends
# with libFuzzer's final stats (executions, coverage). Reproduce one with:
# build-fuzz/tests/fuzz/<target> <file>.
# A find fixed keeps its input in tests/fuzz/corpus/<target>/ (tests/fuzz/README.md).
# --keep-going: libFuzzer's fork mode with -ignore_crashes=1, so a known open finding
# (tests/fuzz/open/) does not end the run; every crash still lands in artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
jobs=1
keep_going=()
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --keep-going) keep_going=(-fork=1 -ignore_crashes=1); shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
all=(fuzz_connectionurl fuzz_keywordstring fuzz_pgpass fuzz_pgservice fuzz_strataini
     fuzz_revisionfile fuzz_sqlsplitter fuzz_csvreader fuzz_sqlitecreate)
if [[ ${#targets[@]} -eq 0 ]]; then
    sed -n '2,11p' "$0" >&2
    exit 2
fi
[[ "${targets[*]}" == all ]] && targets=("${all[@]}")

[[ -f build-fuzz/build.ninja ]] || cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j "$(nproc)" >/dev/null

status=0
for target in "${targets[@]}"; do
    corpus=build-fuzz/campaign/$target
    artifacts=build-fuzz/campaign/artifacts
    mkdir -p "$corpus" "$artifacts"
    echo "fuzz: $target for ${seconds}s (corpus $corpus: $(find "$corpus" -type f | wc -l) inputs)"
    parallel=()
    # -jobs=N sends each job's output to fuzz-<n>.log in the current directory: only asked for
    # when more than one job runs, so that one job's final stats land in <target>.log.
    [[ "$jobs" -gt 1 ]] && parallel=(-jobs="$jobs" -workers="$jobs")
    start=$(date +%s)
    if ! build-fuzz/tests/fuzz/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            "${parallel[@]}" "${keep_going[@]}" -print_final_stats=1 -artifact_prefix="$artifacts/$target-" \
            "$corpus" "tests/fuzz/corpus/$target" 2>"build-fuzz/campaign/$target.log"; then
        status=1
        grep -E -A12 '^\*\*\* fuzz property|^==[0-9]+==ERROR|runtime error' "build-fuzz/campaign/$target.log" | head -40 >&2 || true
    fi
    echo "fuzz: $target ran $(( $(date +%s) - start )) s"
    grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE|cov:)|^stat::' "build-fuzz/campaign/$target.log" | tail -6
done
exit $status
