#!/usr/bin/env bash
# Start-up time of the frozen program to its main window, next to a bare PySide6 window
# frozen the same way (PyInstaller onedir, same Python, PyInstaller and PySide6).
#
#   packaging/measure_startup.sh [RUNS]      (default 7 runs each, after one warm-up run)
#
# As root it installs the Debian packages it needs, and builds dist/cppcc-desk/ with
# packaging/build_linux.sh if it is missing.
#
# Both run on Qt's real X11 platform (xcb) under Xvfb; the time is from launch until the
# window is mapped (xdotool search --onlyvisible, polled every 10 ms). The program opens a
# set-up office with the demo data and an account: its first window is the login; the
# 概况 figure adds the time from pressing Enter there (xdotool types the name and
# password; the typing is not counted). Prints each median and the ratios. Linux only: under
# Wine only Qt's offscreen platform works, so there is no Windows figure from here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NAME=cppcc-desk
RUNS="${1:-7}"
APP="$ROOT/dist/$NAME/$NAME"
BARE_DIR="$ROOT/build/startup"
BARE="$BARE_DIR/dist/bare-window/bare-window"

# shellcheck source=scripts/debian_packages.sh
source scripts/debian_packages.sh
install_debian_packages xvfb xauth xdotool || exit 1
# PyInstaller for the bare window, the Qt libraries for xcb (both only added if missing).
bash scripts/bootstrap.sh --dev
[ -x "$APP" ] || bash packaging/build_linux.sh
if [ ! -x "$BARE" ] || [ packaging/startup/bare_window.py -nt "$BARE" ]; then
    echo "freezing the bare PySide6 window (PyInstaller onedir)..."
    .venv/bin/python -m PyInstaller --noconfirm --clean --log-level ERROR --onedir --name bare-window \
        --distpath "$BARE_DIR/dist" --workpath "$BARE_DIR/work" --specpath "$BARE_DIR" \
        --exclude-module tkinter --strip packaging/startup/bare_window.py
fi

SCRATCH="$(mktemp -d)"
XVFB_PID=""
cleanup() {
    [ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

# A set-up office with demo data and one account, as a clerk's office has after its first
# day: the program opens at its login, then at the 概况 page with the office's figures.
LOGIN_NAME=admin
LOGIN_PASSWORD='Startup-measure-1'
offscreen() { env -u DISPLAY QT_QPA_PLATFORM=offscreen "$APP" --data-dir "$SCRATCH/office" "$@"; }
offscreen init --level county --name 测试县政协 --code 150523 --term 10 --term-years 2021-2026 >/dev/null
offscreen demo >/dev/null
echo "$LOGIN_PASSWORD" | offscreen users add "$LOGIN_NAME" --role admin --password-stdin >/dev/null

DISPLAY_NUMBER=97
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ]; do DISPLAY_NUMBER=$((DISPLAY_NUMBER + 1)); done
# -noreset: else the server resets whenever its last client leaves, and a program
# started in that moment cannot connect (status 134, "could not connect to display").
Xvfb ":$DISPLAY_NUMBER" -screen 0 1400x900x24 -nolisten tcp -noreset >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DISPLAY_NUMBER"
ready=""
for _ in $(seq 1 100); do
    [ -S "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && xdotool getmouselocation >/dev/null 2>&1 && { ready=1; break; }
    sleep 0.1
done
[ -n "$ready" ] || { echo "Xvfb :$DISPLAY_NUMBER did not start" >&2; exit 1; }
export QT_QPA_PLATFORM=xcb

# await_window PID SEARCH...: returns once `xdotool search --onlyvisible SEARCH...` finds a
# window (polled every 10 ms); stops the script when the program PID ends first, or after 30 s.
await_window() {
    local pid="$1" status
    shift
    for _ in $(seq 1 3000); do
        xdotool search --onlyvisible "$@" >/dev/null 2>&1 && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" && status=0 || status=$?
            echo "the program exited (status $status) before showing a window ($*)" >&2
            exit 1
        fi
        sleep 0.01
    done
    echo "no window ($*) within 30 s" >&2
    exit 1
}

stop_program() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

since_ms() { echo $((($(date +%s%N) - $1) / 1000000)); }

# time_to_window WHAT PROGRAM [ARGS...]: milliseconds from launch to its visible window.
# WHAT is classname:NAME (the window appears) or name:REGEX (a window titled so appears).
time_to_window() {
    local what="$1" started pid elapsed
    shift
    started=$(date +%s%N)
    "$@" >/dev/null 2>&1 &
    pid=$!
    await_window "$pid" "--${what%%:*}" "${what#*:}"
    elapsed=$(since_ms "$started")
    stop_program "$pid"
    echo "$elapsed"
}

# time_after_login PROGRAM [ARGS...]: milliseconds from pressing Enter in the login
# dialog (name and password typed by xdotool) until the main window's title shows the
# office's name, which it does once the 概况 page holds the office's figures. The
# password check (argon2id, made slow on purpose) is part of it.
time_after_login() {
    local started pid elapsed window
    "$@" >/dev/null 2>&1 &
    pid=$!
    await_window "$pid" --name '^登录$'
    window=$(xdotool search --onlyvisible --name '^登录$' | head -1)
    sleep 0.3 # the dialog takes keyboard focus
    xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus --sync "$window"
    xdotool type --delay 5 "$LOGIN_NAME"
    xdotool key Tab
    xdotool type --delay 5 "$LOGIN_PASSWORD"
    started=$(date +%s%N)
    xdotool key Return
    await_window "$pid" --name 测试县政协
    elapsed=$(since_ms "$started")
    stop_program "$pid"
    echo "$elapsed"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

measure() { # LABEL HOW PROGRAM [ARGS...]: HOW is time_to_window WHAT, or time_after_login
    local label="$1" times=()
    shift
    "$@" >/dev/null # warm-up: file cache
    for _ in $(seq 1 "$RUNS"); do times+=("$("$@")"); done
    printf '%s\n' "${times[@]}" | median >"$SCRATCH/$label"
    printf '%-34s median %5s ms   (runs: %s)\n' "$label" "$(cat "$SCRATCH/$label")" "${times[*]}" >&2
}

echo "launch -> window visible, Xvfb + xcb, $RUNS runs each, $(nproc) cores" >&2
measure "bare PySide6 window (frozen)" time_to_window classname:bare-window "$BARE"
measure "$NAME main window (frozen)" time_to_window "classname:$NAME" "$APP" --data-dir "$SCRATCH/office"
measure "$NAME login visible (frozen)" time_to_window 'name:^登录$' "$APP" --data-dir "$SCRATCH/office"
measure "$NAME Enter -> 概况 with figures" time_after_login "$APP" --data-dir "$SCRATCH/office"
bare=$(cat "$SCRATCH/bare PySide6 window (frozen)")
shell=$(cat "$SCRATCH/$NAME main window (frozen)")
login=$(cat "$SCRATCH/$NAME login visible (frozen)")
overview=$((login + $(cat "$SCRATCH/$NAME Enter -> 概况 with figures")))
ratio() { awk -v a="$1" -v b="$bare" 'BEGIN {printf "%.2f", a / b}'; }
echo "ratio main window visible / bare window:   $(ratio "$shell")   (goal <= 1.5)" >&2
echo "ratio login dialog visible / bare window:  $(ratio "$login")" >&2
echo "ratio 概况 with figures / bare window:      $(ratio "$overview")   (goal <= 2; login shown + after Enter, the typing not counted)" >&2
echo "frozen sizes: dist/$NAME $(du -sh "$ROOT/dist/$NAME" | cut -f1), bare window $(du -sh "$(dirname "$BARE")" | cut -f1)" >&2
