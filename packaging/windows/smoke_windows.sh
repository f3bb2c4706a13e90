#!/usr/bin/env bash
# Smoke-test the Windows installer under Wine, in a fresh Wine prefix (a new "PC").
#
#   packaging/windows/smoke_windows.sh [SETUP.exe]   (default: dist/cppcc-desk-<version>-win64-setup.exe,
#                                                     built with build_windows.sh if missing)
#
# Checks: no Wine test shim in setup.exe; Windows 7 is refused; silent install (/S) of
# the program, shortcuts and the Add/Remove Programs entry; the installed program's
# --self-test and init/demo/check; setup refuses to run while the program is open;
# reinstalling keeps the data; silent uninstall removes the program and keeps the data.
# Stops with "WINDOWS SMOKE TEST FAILED at step ..." on any problem.
set -euo pipefail

FAILURE="WINDOWS SMOKE TEST FAILED"
# shellcheck source=packaging/windows/wine_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/wine_common.sh"
cd "$ROOT"

TITLE="政协履职工作台"
RUN_TIMEOUT=300
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/$NAME-winsmoke.XXXXXX")"
CLEANUP+=("WINEPREFIX='$SCRATCH/prefix' wineserver -k 2>/dev/null; rm -rf '$SCRATCH'")
SECONDS=0

step "1/8 tools and the installer"
ensure_debian_packages wine wine64 p7zip-full gcc-mingw-w64-x86-64-win32
command -v "$WINE" >/dev/null ||
    fail "Wine is missing ('$WINE' not found): install it as root with apt-get install wine wine64"
VERSION="$(sed -nE 's/^version = "([^"]+)"/\1/p' pyproject.toml | head -1)"
SETUP="${1:-$ROOT/dist/$NAME-$VERSION-win64-setup.exe}"
if [ ! -f "$SETUP" ] && [ -z "${1:-}" ]; then
    echo "no installer in dist/: running packaging/windows/build_windows.sh"
    bash packaging/windows/build_windows.sh || fail "packaging/windows/build_windows.sh failed (above)"
fi
[ -f "$SETUP" ] || fail "no installer at $SETUP: run packaging/windows/build_windows.sh first"
echo "$(basename "$SETUP"): $(du -h "$SETUP" | cut -f1)"

step "2/8 the installer holds no Wine test shim"
7z l -slt "$SETUP" >"$SCRATCH/listing" || fail "7z cannot read $SETUP"
grep '^Path = ' "$SCRATCH/listing" | tail -n +2 | sed 's/^Path = //' >"$SCRATCH/paths"
if grep -iE "$SHIM_NAMES" "$SCRATCH/paths"; then fail "setup.exe contains a Wine test shim (above)"; fi
echo "$(wc -l <"$SCRATCH/paths") entries, none is a test shim ($SHIM_NAMES)"

step "3/8 a fresh Wine prefix (Wine 8 starts as Windows 7): the installer must refuse it"
build_shims "$SCRATCH/shims"
new_prefix "$SCRATCH/prefix" "$SCRATCH/shims"
USER_DIR="$(user_dir)"
LOCAL="$USER_DIR/AppData/Local"
INSTDIR="$LOCAL/Programs/$NAME"
DATA="$LOCAL/$NAME"
status=0
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$SETUP" /S || status=$?
[ "$status" -eq 3 ] || fail "on Windows 7 setup.exe /S should stop with exit status 3, got $status"
[ ! -e "$INSTDIR" ] || fail "setup.exe installed files on Windows 7"
echo "Windows 7: refused (exit status 3), nothing installed"
use_windows_10

step "4/8 silent install (/S) on Windows 10"
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$SETUP" /S || fail "setup.exe /S failed (exit status $?)"
for file in "$NAME.exe" "$NAME-cli.exe" uninstall.exe _internal/python311.dll; do
    [ -f "$INSTDIR/$file" ] || fail "not installed: $INSTDIR/$file"
done
installed_shim="$(find "$INSTDIR" | grep -iE "$SHIM_NAMES" || true)"
[ -z "$installed_shim" ] || fail "the Wine test shim was installed: $installed_shim"
if [ -d dist/windows/$NAME ]; then
    (cd "dist/windows/$NAME" && find . -type f | sort) >"$SCRATCH/built"
    (cd "$INSTDIR" && find . -type f -not -name uninstall.exe | sort) >"$SCRATCH/installed"
    diff "$SCRATCH/built" "$SCRATCH/installed" >/dev/null ||
        fail "the installed files differ from dist/windows/$NAME: $(diff "$SCRATCH/built" "$SCRATCH/installed" | head -5)"
fi
START_MENU="$USER_DIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$TITLE.lnk"
DESKTOP="$USER_DIR/Desktop/$TITLE.lnk"
[ -f "$START_MENU" ] || fail "no Start-menu shortcut $START_MENU"
[ -f "$DESKTOP" ] || fail "no desktop shortcut $DESKTOP"
grep -q -a "cppcc-desk.exe" "$DESKTOP" || fail "the desktop shortcut does not start cppcc-desk.exe"
KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\cppcc-desk'
run_windows "$SCRATCH/out" 60 reg export "$KEY" "$(winpath "$SCRATCH/uninstall.reg")" /y >/dev/null ||
    fail "no Add/Remove Programs entry ($KEY)"
iconv -f UTF-16 -t UTF-8 "$SCRATCH/uninstall.reg" | tr -d '\r' >"$SCRATCH/uninstall.txt"
for expected in "\"DisplayName\"=\"$TITLE\"" "\"DisplayVersion\"=\"$VERSION\"" '"Publisher"=' \
    '"DisplayIcon"=' '"UninstallString"=' '"QuietUninstallString"=' '"EstimatedSize"=dword:' \
    '"InstallLocation"='; do
    grep -qF "$expected" "$SCRATCH/uninstall.txt" ||
        fail "the Add/Remove Programs entry lacks $expected: $(cat "$SCRATCH/uninstall.txt")"
done
grep -F 'QuietUninstallString' "$SCRATCH/uninstall.txt" | grep -q '/S' ||
    fail "QuietUninstallString does not pass /S"
echo "installed: $(du -sh "$INSTDIR" | cut -f1) in AppData/Local/Programs/$NAME; shortcuts and Add/Remove Programs entry present"

step "5/8 the installed program: --version, --self-test, init, demo, info, check"
CLI="$(winpath "$INSTDIR/$NAME-cli.exe")"
GUI="$(winpath "$INSTDIR/$NAME.exe")"
installed() { # ARGS...: run the installed console program; stop if it fails
    run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$CLI" "$@" || fail "'$NAME-cli.exe $*' failed (exit status $?)"
}
installed --version
grep -qx "$NAME $VERSION" <(tr -d '\r' <"$SCRATCH/out") || fail "installed program is not version $VERSION"
installed --data-dir "$(winpath "$SCRATCH/selftest")" --self-test -platform offscreen
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$GUI" --data-dir "$(winpath "$SCRATCH/selftest-gui")" \
    --self-test -platform offscreen || fail "'$NAME.exe --self-test' (the shortcuts' program) failed"
# The office's data in the default folder (%LOCALAPPDATA%\cppcc-desk), as a clerk would have it.
installed init --level county --name 测试县政协 --code 150523 --term 10 --term-years 2021-2026
installed demo
installed check
installed info --json
tr -d '\r' <"$SCRATCH/out" >"$SCRATCH/info.before"
grep -q '"name": "测试县政协"' "$SCRATCH/info.before" || fail "info --json does not show the office"
[ -f "$DATA/$NAME.sqlite3" ] || fail "the database is not in the default data folder $DATA"
sha256sum "$DATA/$NAME.sqlite3" | cut -d' ' -f1 >"$SCRATCH/db.before"

step "6/8 setup.exe while the program is open: it must not replace files under it"
run_windows "$SCRATCH/gui.out" 600 "$GUI" --data-dir "$(winpath "$SCRATCH/open")" -platform offscreen &
gui_job=$!
for _ in $(seq 1 60); do # wait until the program has opened its database
    [ -f "$SCRATCH/open/$NAME.sqlite3" ] && break
    sleep 1
done
[ -f "$SCRATCH/open/$NAME.sqlite3" ] || fail "$NAME.exe did not open its database within 60 s"
status=0
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$SETUP" /S || status=$?
run_windows "$SCRATCH/out" 60 taskkill /F /IM "$NAME.exe" >/dev/null || true
wait "$gui_job" 2>/dev/null || true
[ "$status" -eq 2 ] ||
    fail "setup.exe /S should stop with exit status 2 while $NAME.exe runs, got $status"
[ -f "$INSTDIR/$NAME.exe" ] || fail "setup.exe removed the program while it was running"
echo "setup.exe /S stopped with exit status 2 while $NAME.exe was running; nothing removed"

step "7/8 reinstall over it: the data stays"
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$SETUP" /S || fail "reinstalling with setup.exe /S failed (exit status $?)"
[ -f "$DATA/$NAME.sqlite3" ] || fail "the database is gone after reinstalling"
[ "$(sha256sum "$DATA/$NAME.sqlite3" | cut -d' ' -f1)" = "$(cat "$SCRATCH/db.before")" ] ||
    fail "reinstalling changed the database"
installed check
installed info --json
tr -d '\r' <"$SCRATCH/out" | diff "$SCRATCH/info.before" - ||
    fail "info --json differs after reinstalling (above)"
echo "data kept: same database, same records"

step "8/8 silent uninstall: the program goes, the data stays"
sha256sum "$DATA/$NAME.sqlite3" | cut -d' ' -f1 >"$SCRATCH/db.before"
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$(winpath "$INSTDIR/uninstall.exe")" /S ||
    fail "uninstall.exe /S failed (exit status $?)"
# The uninstaller copies itself to a temporary folder and returns at once: wait for it.
timeout 120 wineserver -w || fail "the uninstaller did not finish within 120 s"
[ ! -e "$INSTDIR" ] || fail "the program folder is still there: $(find "$INSTDIR" | head -5)"
[ ! -e "$START_MENU" ] || fail "the Start-menu shortcut is still there"
[ ! -e "$DESKTOP" ] || fail "the desktop shortcut is still there"
if run_windows "$SCRATCH/out" 60 reg query "$KEY" >/dev/null 2>&1; then
    fail "the Add/Remove Programs entry is still there"
fi
[ -f "$DATA/$NAME.sqlite3" ] || fail "uninstalling deleted the database"
[ "$(sha256sum "$DATA/$NAME.sqlite3" | cut -d' ' -f1)" = "$(cat "$SCRATCH/db.before")" ] ||
    fail "uninstalling changed the database"
python3 - "$DATA/$NAME.sqlite3" <<'EOF' || fail "the kept database does not pass integrity_check"
import sqlite3, sys
with sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True) as db:
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
EOF
echo "uninstalled; data kept in AppData/Local/$NAME ($(ls "$DATA" | tr '\n' ' '))"

echo
echo "Windows smoke test OK in ${SECONDS} s"
