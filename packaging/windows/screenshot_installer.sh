#!/usr/bin/env bash
# Screenshots of the Windows installer's and uninstaller's pages, shown by Wine under Xvfb.
#
#   packaging/windows/screenshot_installer.sh [SETUP.exe]  -> docs/screenshots/installer-*.png
#
# Not part of CI. Runs setup.exe without /S in a scratch Wine prefix (Windows 10, the
# Chinese dialog font 宋体 mapped to Noto Sans CJK SC, as a Chinese Windows shows it),
# presses Enter through the pages with xdotool and captures each window with ImageMagick.
set -euo pipefail

FAILURE="INSTALLER SCREENSHOTS FAILED"
# shellcheck source=packaging/windows/wine_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/wine_common.sh"
cd "$ROOT"

VERSION="$(sed -nE 's/^version = "([^"]+)"/\1/p' pyproject.toml | head -1)"
SETUP="$(readlink -m "${1:-dist/$NAME-$VERSION-win64-setup.exe}")"
OUT="$ROOT/docs/screenshots"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/$NAME-winshots.XXXXXX")"
XVFB_PID=""
CLEANUP+=("WINEPREFIX='$SCRATCH/prefix' wineserver -k 2>/dev/null; [ -z \"\$XVFB_PID\" ] || kill \"\$XVFB_PID\"; rm -rf '$SCRATCH'")

step "1/4 tools, Wine prefix, Xvfb"
if [ ! -f "$SETUP" ] && [ -z "${1:-}" ]; then
    echo "no installer in dist/: running packaging/windows/build_windows.sh"
    bash packaging/windows/build_windows.sh || fail "packaging/windows/build_windows.sh failed (above)"
fi
[ -f "$SETUP" ] || fail "no installer at $SETUP: run packaging/windows/build_windows.sh first"
ensure_debian_packages wine wine64 gcc-mingw-w64-x86-64-win32 xvfb xauth xdotool imagemagick fonts-noto-cjk
build_shims "$SCRATCH/shims"
new_prefix "$SCRATCH/prefix" "$SCRATCH/shims"
use_windows_10
# The Chinese language file asks for 宋体 (SimSun), which Wine lacks.
printf '\xef\xbb\xbfWindows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\FontSubstitutes]\r\n"宋体"="Noto Sans CJK SC"\r\n"SimSun"="Noto Sans CJK SC"\r\n"MS Shell Dlg"="Noto Sans CJK SC"\r\n"MS Shell Dlg 2"="Noto Sans CJK SC"\r\n' |
    iconv -f UTF-8 -t UTF-16 >"$SCRATCH/fonts.reg"
run_windows "$SCRATCH/out" 60 regedit /S "$(winpath "$SCRATCH/fonts.reg")" || fail "cannot set the font substitutes"
DISPLAY_NUMBER=95
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ]; do DISPLAY_NUMBER=$((DISPLAY_NUMBER + 1)); done
Xvfb ":$DISPLAY_NUMBER" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
# shellcheck disable=SC2034  # read by the cleanup command in CLEANUP
XVFB_PID=$!
export DISPLAY=":$DISPLAY_NUMBER"
sleep 2
mkdir -p "$OUT"

# shot NAME: capture the installer's window (the newest visible top-level window).
shot() {
    local window
    window="$(xdotool search --onlyvisible --name '.' 2>/dev/null | tail -1)"
    [ -n "$window" ] || fail "no window to capture for $1"
    import -window "$window" "$OUT/$1.png"
    echo "docs/screenshots/$1.png"
}
wait_for_title() { # TEXT: wait until a visible window's title contains TEXT
    for _ in $(seq 1 60); do
        xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 && { sleep 1; return; }
        sleep 0.5
    done
    fail "no window titled '$1' appeared"
}

step "2/4 installer pages"
"$WINE" "$SETUP" >/dev/null 2>&1 &
wait_for_title "安装"
shot installer-1-welcome
xdotool key Return
sleep 1
shot installer-2-progress
sleep 8
shot installer-3-finish
# Leave without starting the program (Wine cannot show Qt's windows platform).
xdotool key space # untick "现在打开"
sleep 0.5
xdotool key Return
timeout 60 wineserver -w || true

step "3/4 uninstaller pages"
INSTDIR="$(user_dir)/AppData/Local/Programs/$NAME"
[ -f "$INSTDIR/uninstall.exe" ] || fail "the installer did not install $INSTDIR/uninstall.exe"
# Some office data for the uninstaller to ask about (an empty placeholder is enough).
DATA="$(user_dir)/AppData/Local/$NAME"
mkdir -p "$DATA" && touch "$DATA/$NAME.sqlite3"
"$WINE" "$INSTDIR/uninstall.exe" >/dev/null 2>&1 &
wait_for_title "卸载"
shot installer-4-uninstall-confirm
xdotool key Return
sleep 2
shot installer-5-uninstall-options
# Tick "delete the data too" and press 卸载: the uninstaller asks again, "No" by default.
window="$(xdotool search --onlyvisible --name '.' | tail -1)"
xdotool mousemove --window "$window" 214 211 click 1
sleep 0.5
xdotool mousemove --window "$window" 421 441 click 1
sleep 2
shot installer-6-delete-data-question
xdotool key Return # 否: the data stays
sleep 2
[ -f "$DATA/$NAME.sqlite3" ] || fail "answering 否 still deleted the data"
wineserver -k 2>/dev/null || true

step "4/4 done"
ls -la "$OUT"/installer-*.png
