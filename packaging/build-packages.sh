#!/usr/bin/env bash
# Builds Strata's Linux packages: .deb and .rpm (strata + strata-dev/-devel) and a .tar.gz,
# from optimised builds (RelWithDebInfo, stripped by CPack; the same flags as the test
# build, so ccache reuses its objects) for prefix /usr: build-package/ (.deb) and
# build-package-lib64/ (.rpm, .tar.gz); all packages end up in build-package/.
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
configure_and_build() {   # configure_and_build DIR CMAKE-ARGS...
    local dir=$1; shift
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
          -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_BENCH=OFF -DSTRATA_WERROR=ON "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}
mkdir -p "$build"
outdir=$(cd "$build" && pwd)
rm -f "$build"/strata*.deb "$build"/strata*.rpm "$build"/strata*.tar.gz "$build"/strata*.sha256
# .deb: Debian's multiarch libdir, no RUNPATH.
if [[ "$generators" == *DEB* ]]; then
    configure_and_build "$build"
    (cd "$build" && cpack -G DEB)
fi
# .rpm and .tar.gz: lib64 (Fedora, openSUSE) and RUNPATH $ORIGIN/../lib64, so the unpacked
# .tar.gz runs from wherever it is. Same compile flags: ccache reuses the objects.
other=$(echo "$generators" | tr ';' '\n' | grep -vx DEB | paste -sd';' || true)
if [[ -n "$other" ]]; then
    configure_and_build "$build-lib64" -DCMAKE_INSTALL_LIBDIR=lib64 -DSTRATA_RELOCATABLE=ON
    (cd "$build-lib64" && cpack -G "$other" -B "$outdir")
fi
echo "build-packages: built in $(( $(date +%s) - start )) s:"
ls -l "$build"/strata*.deb "$build"/strata*.rpm "$build"/strata*.tar.gz 2>/dev/null || true

if [[ $lintian == 1 && "$generators" == *DEB* ]]; then
    echo "build-packages: lintian"
    # Errors fail the build; warnings and infos are printed.
    lintian --fail-on error "$build"/strata*.deb
fi
