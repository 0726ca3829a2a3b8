#!/usr/bin/env bash
# Builds Strata's Linux packages: .deb and .rpm (strata + strata-dev/-devel) and a .tar.gz,
# from an optimised build (RelWithDebInfo, stripped by CPack; the same flags as the test
# build, so ccache reuses its objects) for prefix /usr in build-package/ (no tests, no bench).
# Installs the packaging tools it needs (rpm, lintian) when missing, runs lintian on the
# .debs and prints where the packages are. Usage:
#   packaging/build-packages.sh [--no-lintian] [--generators "DEB;RPM;TGZ"]
# Environment: STRATA_PACKAGE_BUILD_DIR (default build-package), JOBS (default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."

lintian=1
generators="DEB;RPM;TGZ"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-lintian) lintian=0 ;;
        --generators) generators="$2"; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "build-packages: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
build=${STRATA_PACKAGE_BUILD_DIR:-build-package}
jobs=${JOBS:-$(nproc)}

need=()
[[ "$generators" == *RPM* ]] && ! command -v rpmbuild >/dev/null && need+=(rpm)
[[ $lintian == 1 ]] && ! command -v lintian >/dev/null && need+=(lintian)
if [[ ${#need[@]} -gt 0 ]]; then
    echo "build-packages: installing ${need[*]}"
    sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
fi

scripts/install-deps.sh
start=$(date +%s)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
      -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_BENCH=OFF -DSTRATA_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs"
rm -f "$build"/strata*.deb "$build"/strata*.rpm "$build"/strata*.tar.gz
(cd "$build" && cpack -G "$generators")
echo "build-packages: built in $(( $(date +%s) - start )) s:"
ls -l "$build"/strata*.deb "$build"/strata*.rpm "$build"/strata*.tar.gz 2>/dev/null || true

if [[ $lintian == 1 && "$generators" == *DEB* ]]; then
    echo "build-packages: lintian"
    # Errors fail the build; warnings and infos are printed.
    lintian --info --fail-on error "$build"/strata*.deb
fi
