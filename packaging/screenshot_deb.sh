#!/usr/bin/env bash
# Screenshot of the main window of the program installed from the .deb, on Qt's real X11
# platform (xcb) under Xvfb, with demo data -> docs/screenshots/deb-main-window.png.
#
#   packaging/screenshot_deb.sh [PACKAGE.deb]     (root; not part of CI; builds the
#                                                  package with build_deb.sh if missing)
#
# Installs the package with apt (and removes it again if it was not installed before).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NAME=cppcc-desk
VERSION="$(sed -nE 's/^version = "([^"]+)"/\1/p' pyproject.toml | head -1)"
DEB="$(readlink -m "${1:-dist/${NAME}_${VERSION}_amd64.deb}")"
OUT="$ROOT/docs/screenshots/deb-main-window.png"
[ "$(id -u)" = 0 ] || { echo "run as root (installs the package)" >&2; exit 1; }
# shellcheck source=scripts/debian_packages.sh
source scripts/debian_packages.sh
if [ ! -f "$DEB" ] && [ -z "${1:-}" ]; then
    echo "no package in dist/: running packaging/build_deb.sh"
    bash packaging/build_deb.sh
fi
[ -f "$DEB" ] || { echo "no package at $DEB: run packaging/build_deb.sh" >&2; exit 1; }

install_debian_packages xvfb xauth xdotool imagemagick fonts-noto-cjk || exit 1
was_installed=""
dpkg-query -W -f='${Status}' "$NAME" 2>/dev/null | grep -q "install ok installed" && was_installed=1
install_deb_file "$DEB" || exit 1

SCRATCH="$(mktemp -d)"
XVFB_PID=""
APP_PID=""
cleanup() {
    [ -z "$APP_PID" ] || kill "$APP_PID" 2>/dev/null || true
    [ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true
    rm -rf "$SCRATCH"
    [ -z "${CLEANUP_HOME:-}" ] || rm -rf /home/clerk
    [ -n "$was_installed" ] || DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$NAME" >/dev/null || true
}
trap cleanup EXIT

# A plain-looking home folder for the screenshot (the data path shows in the window).
export HOME=/home/clerk
[ ! -e "$HOME" ] || { echo "$HOME exists already; not touching it" >&2; exit 1; }
mkdir -p "$HOME"
CLEANUP_HOME=1
env -u DISPLAY QT_QPA_PLATFORM=offscreen "$NAME" init --level county --name 示范县政协 --code 150523 \
    --term 10 --term-years 2021-2026 >/dev/null
env -u DISPLAY QT_QPA_PLATFORM=offscreen "$NAME" demo >/dev/null

DISPLAY_NUMBER=93
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ]; do DISPLAY_NUMBER=$((DISPLAY_NUMBER + 1)); done
Xvfb ":$DISPLAY_NUMBER" -screen 0 1400x900x24 -nolisten tcp -noreset >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb
sleep 2
/usr/bin/"$NAME" >"$SCRATCH/app.log" 2>&1 &
APP_PID=$!
window=""
for _ in $(seq 1 100); do
    window="$(xdotool search --onlyvisible --classname "$NAME" 2>/dev/null | head -1)" && [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { cat "$SCRATCH/app.log" >&2; echo "no main window" >&2; exit 1; }
sleep 3 # let the first page finish drawing
mkdir -p "$(dirname "$OUT")"
import -window "$window" "$OUT"
echo "$OUT ($(identify -format '%wx%h' "$OUT"))"
