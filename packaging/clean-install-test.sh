#!/usr/bin/env bash
# The clean-install test: installs Strata's .deb into a freshly bootstrapped Debian 12
# (debootstrap --variant=minbase) with apt resolving its dependencies from the mirror,
# runs `strata --version`, `strata-migrate --help` and `strata --self-test` (offscreen),
# then purges it, autoremoves its dependencies and checks nothing is left behind: no path
# the package listed (dpkg -L, captured before removal), no new path under /usr, /etc,
# /opt, and the same installed package set as before. Prints timings; exits non-zero on
# any failure. Needs root (debootstrap, chroot, mount).
#   packaging/clean-install-test.sh [PACKAGE.deb...]
# With no argument it builds the packages (packaging/build-packages.sh) and installs
# strata and strata-dev. STRATA_CLEAN_INSTALL_KEEP=1 keeps the root for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
phase_start=$t0
timings=()
phase() {   # phase NAME: closes the current phase's timer
    local now; now=$(date +%s)
    timings+=("$(printf '%-28s %4d s' "$1" $((now - phase_start)))")
    phase_start=$now
}
fail() { echo "clean-install: FAILED: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "needs root (debootstrap, chroot, mount)"

debs=("$@")
if [[ ${#debs[@]} -eq 0 ]]; then
    packaging/build-packages.sh --generators DEB --no-lintian
    build=${STRATA_PACKAGE_BUILD_DIR:-build-package}
    mapfile -t debs < <(ls "$build"/strata_*.deb "$build"/strata-dev_*.deb)
    phase "build .deb"
fi
for deb in "${debs[@]}"; do
    [[ -f "$deb" ]] || fail "no such package: $deb"
done
names=()
for deb in "${debs[@]}"; do names+=("$(dpkg-deb -f "$deb" Package)"); done
echo "clean-install: packages: ${names[*]}"

if ! command -v debootstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends debootstrap
fi

# The machine's Debian mirror (deb822 .sources first, then one-line sources.list).
mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)
if [[ -z "$mirror" ]]; then
    mirror=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -v security | head -n1 || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

root=$(mktemp -d /var/tmp/strata-clean-install.XXXXXX)
mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
    if [[ "${STRATA_CLEAN_INSTALL_KEEP:-0}" == 1 ]]; then
        echo "clean-install: kept $root"
    else
        rm -rf --one-file-system "$root"
    fi
}
trap cleanup EXIT

echo "clean-install: debootstrap bookworm (minbase) from $mirror into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -20 "$root.debootstrap.log" >&2; fail "debootstrap"; }
rm -f "$root.debootstrap.log"
phase "debootstrap"

for fs in proc dev; do
    if mount --bind "/$fs" "$root/$fs" 2>/dev/null; then mounted+=("$root/$fs"); fi
done
# The same suites as this machine (updates, security), so the libraries the package was
# built against are available in the same versions.
if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/"
    rm -f "$root/etc/apt/sources.list"
fi
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
                DEBIAN_FRONTEND=noninteractive "$@"; }
snapshot() {   # the root's paths, minus logs, caches and package manager state
    (cd "$root" && find usr etc opt var -xdev 2>/dev/null | grep -vE '^(var/(log|cache|lib/(apt|dpkg|systemd))|etc/ld\.so\.cache)' | sort)
}
in_root apt-get -qq update
before_files=$(mktemp); after_files=$(mktemp); owned=$(mktemp)
trap 'rm -f "$before_files" "$after_files" "$owned"; cleanup' EXIT
snapshot >"$before_files"
# shellcheck disable=SC2016  # dpkg-query's format, not a shell expansion
before_packages=$(in_root dpkg-query -W -f '${Package}\n' | sort)
phase "chroot setup"

mkdir -p "$root/tmp/debs"
cp "${debs[@]}" "$root/tmp/debs/"
in_root_debs=()
for deb in "${debs[@]}"; do in_root_debs+=("/tmp/debs/${deb##*/}"); done
in_root apt-get install -y -q --no-install-recommends "${in_root_debs[@]}" \
    >"$root/tmp/install.log" 2>&1 || { tail -30 "$root/tmp/install.log" >&2; fail "apt-get install"; }
grep -E '^(Setting up|Need to get|After this operation)' "$root/tmp/install.log" | tail -n 3 || true
echo "clean-install: $(grep -c '^Setting up' "$root/tmp/install.log") packages set up"
phase "apt-get install"

echo "--- strata --version"
in_root strata --version || fail "strata --version"
echo "--- strata-migrate --help (first lines)"
in_root strata-migrate --help >"$root/tmp/help.txt" || fail "strata-migrate --help"
head -n 3 "$root/tmp/help.txt"
echo "--- strata --self-test (offscreen)"
in_root QT_QPA_PLATFORM=offscreen strata --self-test || fail "strata --self-test"
[[ -f "$root/usr/share/applications/io.github.strata.Strata.desktop" ]] || fail "no .desktop file installed"
[[ -f "$root/usr/share/man/man1/strata.1.gz" ]] || fail "no man page installed"
phase "run"

for name in "${names[@]}"; do in_root dpkg -L "$name"; done | sort -u >"$owned"
echo "clean-install: the packages installed $(wc -l <"$owned") paths"
in_root apt-get purge -y -q "${names[@]}" >"$root/tmp/purge.log" 2>&1 || { cat "$root/tmp/purge.log" >&2; fail "purge"; }
# Suggests/Recommends of the base system must not keep our dependencies (qt6-base-dev pulls
# perl, which dpkg suggests); only packages apt installed for us are auto-marked.
in_root apt-get autoremove --purge -y -q -o APT::AutoRemove::SuggestsImportant=false \
    -o APT::AutoRemove::RecommendsImportant=false >>"$root/tmp/purge.log" 2>&1 || { cat "$root/tmp/purge.log" >&2; fail "autoremove"; }
rm -rf "$root/tmp/debs" "$root"/tmp/*.log "$root/tmp/help.txt"
phase "purge + autoremove"

leftovers=()
while IFS= read -r path; do
    [[ -z "$path" || "$path" == "/." ]] && continue
    if [[ -e "$root$path" || -L "$root$path" ]] && ! grep -qxF "${path#/}" "$before_files"; then
        leftovers+=("$path")
    fi
done <"$owned"
snapshot >"$after_files"
mapfile -t new_paths < <(comm -13 "$before_files" "$after_files")
# shellcheck disable=SC2016
after_packages=$(in_root dpkg-query -W -f '${Package}\n' | sort)
status=0
if [[ ${#leftovers[@]} -gt 0 ]]; then
    echo "clean-install: left behind by the package:" >&2; printf '  %s\n' "${leftovers[@]}" >&2; status=1
fi
if [[ ${#new_paths[@]} -gt 0 ]]; then
    echo "clean-install: new paths after removal:" >&2; printf '  /%s\n' "${new_paths[@]}" >&2; status=1
fi
if [[ "$before_packages" != "$after_packages" ]]; then
    echo "clean-install: installed packages differ after autoremove:" >&2
    diff <(echo "$before_packages") <(echo "$after_packages") >&2 || true
    status=1
fi
phase "leftover check"

echo "clean-install: timings"
printf '  %s\n' "${timings[@]}"
echo "  total                        $(( $(date +%s) - t0 )) s"
[[ $status -eq 0 ]] || fail "leftovers after removal"
echo "clean-install: OK (installed, ran, removed without leftovers)"
