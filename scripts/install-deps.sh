#!/usr/bin/env bash
# Installs, from Debian's packages, whatever Strata needs to build, run and test that is not
# already there. Idempotent: when everything is present it only checks and returns.
# Runs apt-get as root, or through sudo for an ordinary user.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql libqt6svg6
    libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-client-15
    qtkeychain-qt6-dev
    libgraphviz-dev qt6-svg-dev
    openssh-client openssh-server gnome-keyring dbus
    xvfb xauth xfonts-base fonts-dejavu-core
    dpkg-dev file
    ccache
    alembic python3-sqlalchemy python3-psycopg2
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
"${as_root[@]}" apt-get "${apt_opts[@]}" update -qq
"${as_root[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"
