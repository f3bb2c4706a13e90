# shellcheck shell=bash disable=SC2034  # variables here are used by the scripts sourcing it
# Shared by build_windows.sh and smoke_windows.sh (sourced, not run).
#
# Before sourcing, set FAILURE (the headline printed when a step fails, e.g.
# "WINDOWS BUILD FAILED"). Provides: step/fail/a cleanup hook and Debian package
# installation (packaging/steps.sh), Wine prefixes, and running Windows programs under Wine.
# See packaging/README.md and the team's notes in shared/PACKAGING.md.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NAME=cppcc-desk
# Downloads and the Wine prefix with the Windows Python live outside the repository, so
# repeated builds are fast; a missing cache only makes a build slower.
CACHE="${CPPCC_DESK_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cppcc-desk-build}"
WINE="${WINE:-wine}"
SHIM_DIR="$ROOT/packaging/windows/wine-test-shim"
# The DLLs those sources make: never collected into a build or an installer.
SHIM_NAMES="icuuc|bcryptprimitives"

export WINEARCH=win64
export WINEDEBUG=-all
# No Mono/Gecko install prompts; nothing here needs .NET or the HTML engine.
export WINEDLLOVERRIDES="mscoree,mshtml="
# Nothing from these scripts may open a window on a developer's desktop: Qt runs with
# -platform offscreen, the installers with /S.
unset DISPLAY WAYLAND_DISPLAY

# shellcheck source=packaging/steps.sh
source "$ROOT/packaging/steps.sh"

# The Windows form of a local path, through Wine's Z: drive.
winpath() {
    local path
    path="$(readlink -m "$1")"
    printf 'Z:%s' "${path//\//\\}"
}

# run_windows LOG SECONDS PROGRAM [ARGS...]: run a Windows program under Wine, its output
# in LOG (and shown). Windows Python dies with "init_sys_streams ... Invalid handle"
# when stdout/stderr is a plain file, so the output goes through a pipe. Returns the
# program's exit status; stops the script if it runs out of time.
run_windows() {
    local log="$1" seconds="$2" status=0
    shift 2
    timeout --kill-after=10 "$seconds" "$WINE" "$@" </dev/null 2>&1 | cat >"$log" || status=$?
    tr -d '\r' <"$log"
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        wineserver -k 2>/dev/null || true
        fail "'$*' did not finish within $seconds s under Wine"
    fi
    return "$status"
}

# build_shims DIR: the stand-ins for Windows 10 DLLs that Wine 8 lacks (see
# wine-test-shim/*.c), compiled into DIR: icuuc.dll (Qt) and bcryptprimitives.dll
# (python-calamine). For the Wine prefixes only, never shipped.
build_shims() {
    local out="$1"
    mkdir -p "$out"
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$out/icuuc.dll" "$SHIM_DIR/icuuc_stub.c" &&
        x86_64-w64-mingw32-gcc -shared -O2 -s -o "$out/bcryptprimitives.dll" \
            "$SHIM_DIR/bcryptprimitives_stub.c" -ladvapi32 ||
        fail "cannot compile the Wine test shims in $SHIM_DIR (gcc-mingw-w64-x86-64-win32)"
}

# The shims' sources, hashed: a changed shim makes a new prefix.
shims_hash() {
    cat "$SHIM_DIR"/*.c | sha256sum | cut -c1-16
}

# new_prefix DIR SHIMS_DIR: a fresh 64-bit Wine prefix in DIR (exported as WINEPREFIX),
# kept to itself, with no crash debugger and the test shims (build_shims) in system32.
# Wine 8 makes new prefixes claim Windows 7; use_windows_10 changes that.
new_prefix() {
    local dir="$1" shims="$2" link
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    export WINEPREFIX="$dir"
    timeout 300 "$WINE" wineboot -i </dev/null >"$dir.boot.log" 2>&1 ||
        { tail -20 "$dir.boot.log" >&2; fail "wineboot could not create the Wine prefix $dir"; }
    timeout 120 wineserver -w || true
    [ -f "$dir/system.reg" ] || fail "wineboot did not create $dir/system.reg"
    # A crash would start Wine's debugger, which can hang for minutes.
    run_windows "$dir.reg.log" 60 reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' \
        /v Auto /t REG_SZ /d 0 /f >/dev/null || fail "cannot switch off Wine's crash debugger"
    run_windows "$dir.reg.log" 60 reg delete 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' \
        /v Debugger /f >/dev/null || true
    # Wine links Desktop, Documents... to $HOME: make them real folders in the prefix, so
    # shortcuts and files land inside it.
    for link in "$dir"/drive_c/users/*/*; do
        if [ -L "$link" ]; then
            rm "$link"
            mkdir "$link"
        fi
    done
    cp "$shims"/*.dll "$dir/drive_c/windows/system32/"
    rm -f "$dir.boot.log" "$dir.reg.log"
}

use_windows_10() {
    run_windows "$WINEPREFIX.winecfg.log" 120 winecfg -v win10 >/dev/null ||
        fail "winecfg -v win10 failed"
    rm -f "$WINEPREFIX.winecfg.log"
}

# The Windows user's folders in the current prefix, as Linux paths.
user_dir() {
    local dirs=("$WINEPREFIX"/drive_c/users/*)
    local dir
    for dir in "${dirs[@]}"; do
        [ "$(basename "$dir")" = Public ] || { printf '%s' "$dir"; return; }
    done
    fail "no Windows user folder in $WINEPREFIX/drive_c/users"
}
