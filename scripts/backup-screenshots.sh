#!/usr/bin/env bash
# The backup and restore screenshots in docs/screenshots/ (backup-*.png), taken in a real X
# server (xvfb-run) with `import` by the journey test tst_backupdialog on the throwaway
# PostgreSQL server: tables chosen in the tree with one table's data left out, a verified
# backup of 2,000,000 rows mid-run, its report, an archive's table of contents with objects
# unticked, and the restore's report.
# Needs the build (target tst_backupdialog), xvfb and imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export STRATA_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=xcb STRATA_SOURCE_DIR="$PWD"
xvfb-run -a -s "-screen 0 1400x900x24" scripts/with-postgres.sh \
    build/tests/ui/backup/tst_backupdialog postgresBackupOfTablesChosenInTheTree postgresBackupCancelAndRestoreFromTheTree
