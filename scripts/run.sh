#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Strata and launches it. With
# no argument it opens the demo SQLite database (created on the first launch); any argument
# (a .db file or a connection URL) is passed to strata.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default >/dev/null
# Only the app and what it links: the tests and benches are built by scripts/test.sh, which
# reuses these objects (and ccache's, when installed).
cmake --build --preset default -j "$(nproc)" --target strata
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    echo "run: no display; starting Strata under xvfb-run (screenshots: import -window root)" >&2
    exec xvfb-run -a -s "-screen 0 1400x900x24" build/app/strata/strata "$@"
fi
exec build/app/strata/strata "$@"
