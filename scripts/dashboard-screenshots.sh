#!/usr/bin/env bash
# The dashboard's screenshots in docs/screenshots/, taken in real X windows under xvfb-run
# with `import -window root`: the PostgreSQL dashboard during a pgbench load with a blocker
# (dashboard-tour, about a minute and a half), and a SQLite file's health page (the journey
# test tst_sqlitehealthpage, which takes it after a foreign key check).
# Needs the build (targets dashboard-tour tst_sqlitehealthpage), xvfb, imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export STRATA_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=xcb
xvfb-run -a -s "-screen 0 1400x900x24" scripts/with-postgres.sh build/tests/ui/dashboard/dashboard-tour
xvfb-run -a -s "-screen 0 1400x900x24" build/tests/ui/dashboard/tst_sqlitehealthpage checksAndUpkeepByClicks
