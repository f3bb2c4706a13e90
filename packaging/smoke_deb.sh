#!/usr/bin/env bash
# Smoke-test the Linux package: install it with apt, run the installed program headless,
# remove it. Needs root (it really installs the package on this machine).
#
#   packaging/smoke_deb.sh [PACKAGE.deb]   (default: dist/cppcc-desk_<version>_amd64.deb,
#                                           built with packaging/build_deb.sh if missing)
#
# Checks: files in place (/opt, /usr/bin launcher, .desktop entry, icons); the installed
# `cppcc-desk` runs --version, --self-test -platform offscreen, init/demo/info/check in
# the default data folder of a scratch user home; it writes nothing under /opt; removing
# the package removes the program and keeps the user's data.
# Stops with "DEB SMOKE TEST FAILED at step ..." on any problem.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NAME=cppcc-desk
TIMEOUT=180

FAILURE="DEB SMOKE TEST FAILED"
# shellcheck source=packaging/steps.sh
source "$ROOT/packaging/steps.sh"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/$NAME-debsmoke.XXXXXX")"
CLEANUP+=("rm -rf '$SCRATCH'")
SECONDS=0

# The installed program as a user would run it, with a scratch home (so its default data
# folder is $SCRATCH/home/.local/share/cppcc-desk) and no display.
installed() {
    local status=0
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$SCRATCH/home" \
        LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        timeout --kill-after=10 "$TIMEOUT" "$NAME" "$@" >"$SCRATCH/out" 2>&1 || status=$?
    cat "$SCRATCH/out"
    [ "$status" -eq 0 ] || fail "'$NAME $*' failed (exit status $status)"
}

step "1/5 the package"
[ "$(id -u)" = 0 ] || fail "run as root: this test installs and removes the package"
VERSION="$(sed -nE 's/^version = "([^"]+)"/\1/p' pyproject.toml | head -1)"
DEB="$(readlink -m "${1:-dist/${NAME}_${VERSION}_amd64.deb}")"
if [ ! -f "$DEB" ] && [ -z "${1:-}" ]; then
    echo "no package in dist/: running packaging/build_deb.sh"
    bash packaging/build_deb.sh || fail "packaging/build_deb.sh failed (above)"
fi
[ -f "$DEB" ] || fail "no package at $DEB: run packaging/build_deb.sh first"
echo "$(basename "$DEB"): $(du -h "$DEB" | cut -f1)"
dpkg-deb --field "$DEB" Package Version Architecture Installed-Size

step "2/5 install with apt-get (pulls in the Qt system libraries it depends on)"
install_deb_file "$DEB" || fail "apt-get install $DEB failed"
dpkg-query -W -f='${Status} ${Version}\n' "$NAME" | grep -q "install ok installed $VERSION" ||
    fail "dpkg does not list $NAME $VERSION as installed"
for path in "/opt/$NAME/$NAME" "/usr/bin/$NAME" "/usr/share/applications/$NAME.desktop" \
    "/usr/share/icons/hicolor/256x256/apps/$NAME.png" "/usr/share/icons/hicolor/scalable/apps/$NAME.svg"; do
    [ -e "$path" ] || fail "not installed: $path"
done
grep -qx "Name\[zh_CN\]=政协履职工作台" "/usr/share/applications/$NAME.desktop" ||
    fail "the .desktop entry has no Name[zh_CN]=政协履职工作台"
[ "$(command -v "$NAME")" = "/usr/bin/$NAME" ] || fail "'$NAME' is not /usr/bin/$NAME on PATH"
find "/opt/$NAME" | sort >"$SCRATCH/tree.before"
echo "installed: $(du -sh "/opt/$NAME" | cut -f1) in /opt/$NAME"

step "3/5 the installed program: --version, --self-test, init, demo, info, check"
mkdir -p "$SCRATCH/home"
installed --version
[ "$(cat "$SCRATCH/out")" = "$NAME $VERSION" ] || fail "expected '$NAME $VERSION'"
installed --data-dir "$SCRATCH/selftest" --self-test -platform offscreen
installed init --level county --name 测试县政协 --code 150523 --term 10 --term-years 2021-2026
installed demo
installed info --json
installed check
DATA="$SCRATCH/home/.local/share/$NAME"
[ -f "$DATA/$NAME.sqlite3" ] || fail "the database is not in the default data folder $DATA"
sha256sum "$DATA/$NAME.sqlite3" | cut -d' ' -f1 >"$SCRATCH/db.before"

step "4/5 nothing written under /opt"
find "/opt/$NAME" | sort >"$SCRATCH/tree.after"
diff "$SCRATCH/tree.before" "$SCRATCH/tree.after" ||
    fail "the program wrote into /opt/$NAME (above)"
echo "no files written into /opt/$NAME"

step "5/5 remove the package: the program goes, the data stays"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$NAME" >"$SCRATCH/apt.log" 2>&1 ||
    { tail -20 "$SCRATCH/apt.log" >&2; fail "apt-get remove $NAME failed"; }
for path in "/opt/$NAME" "/usr/bin/$NAME" "/usr/share/applications/$NAME.desktop"; do
    [ ! -e "$path" ] || fail "still there after removal: $path"
done
[ "$(sha256sum "$DATA/$NAME.sqlite3" | cut -d' ' -f1)" = "$(cat "$SCRATCH/db.before")" ] ||
    fail "removing the package changed the user's database"
echo "removed; the user's data is kept in ~/.local/share/$NAME"

echo
echo "Linux package smoke test OK in ${SECONDS} s"
