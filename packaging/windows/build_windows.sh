#!/usr/bin/env bash
# Build the Windows installer dist/cppcc-desk-<version>-win64-setup.exe on Debian, under Wine.
#
#   packaging/windows/build_windows.sh        (from anywhere; as root it installs what it needs)
#
# Chain: a pinned Windows CPython 3.11 (SHA-256 checked) and pinned Windows wheels in a
# 64-bit Wine prefix -> PyInstaller onedir (dist/windows/cppcc-desk/) -> frozen checks
# under Wine -> NSIS (makensis) -> setup.exe, renamed to its final name only when complete.
# Then run packaging/windows/smoke_windows.sh. Downloads and the prefix are cached in
# ~/.cache/cppcc-desk-build (CPPCC_DESK_BUILD_CACHE). Stops with
# "WINDOWS BUILD FAILED at step ..." on any problem. See packaging/README.md.
set -euo pipefail

FAILURE="WINDOWS BUILD FAILED"
# shellcheck source=packaging/windows/wine_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/wine_common.sh"
cd "$ROOT"

HERE=packaging/windows
PYTHON_PIN="$HERE/windows-python.txt"
WHEEL_PINS="$HERE/requirements-win.txt"
NSIS_SCRIPT="$HERE/cppcc-desk.nsi"
SPEC=packaging/$NAME.spec
WORK="$ROOT/build/windows"
DIST="$ROOT/dist/windows"
APP_DIR="$DIST/$NAME"
PREFIX="$CACHE/wine-build"
PYTHON_WIN='C:\py311\python.exe'
RUN_TIMEOUT=300 # seconds for one run of the frozen program
mkdir -p "$CACHE" "$WORK"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/$NAME-winbuild.XXXXXX")"
CLEANUP+=("rm -rf '$SCRATCH'")
SECONDS=0

# --------------------------------------------------------------------------------------------
step "1/8 tools: Wine, NSIS, 7-Zip, MinGW (for the Wine test shim), .venv"
ensure_debian_packages wine wine64 nsis p7zip-full unzip gcc-mingw-w64-x86-64-win32 binutils
command -v "$WINE" >/dev/null ||
    fail "Wine is missing ('$WINE' not found): install it as root with apt-get install wine wine64"
"$WINE" --version >/dev/null 2>&1 || fail "Wine does not run ('$WINE --version' failed)"
command -v makensis >/dev/null || fail "NSIS is missing: apt-get install nsis"
command -v 7z >/dev/null || fail "7-Zip is missing: apt-get install p7zip-full"
# shellcheck disable=SC2119  # no --dev: only its pip is needed, to download the Windows wheels
ensure_venv
PY="$ROOT/.venv/bin/python"
VERSION="$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
# NSIS and Windows want four numbers: 0.1.0 -> 0.1.0.0 (a suffix like rc1 is dropped).
VERSION4="$("$PY" -c 'import re, sys; n = [int(x) for x in re.findall(r"\d+", sys.argv[1])][:4]; print(".".join(map(str, n + [0] * (4 - len(n)))))' "$VERSION")"
SETUP="$ROOT/dist/$NAME-$VERSION-win64-setup.exe"
PARTIAL="$ROOT/dist/.$NAME-$VERSION-win64-setup.exe.partial"
# A failed build must not leave an older setup.exe looking like this build's result.
rm -f "$SETUP" "$PARTIAL"
CLEANUP+=("rm -f '$PARTIAL'")
echo "$("$WINE" --version 2>/dev/null), $(makensis -VERSION), $NAME $VERSION ($VERSION4)"

# --------------------------------------------------------------------------------------------
step "2/8 pinned downloads: Windows Python and wheels (cache: $CACHE/downloads)"
pip_download() { # LOG ARGS...: pip download with hash checking; says clearly when a hash differs
    local log="$1" status=0
    shift
    "$PY" -m pip download --disable-pip-version-check --no-deps --require-hashes "$@" \
        >"$log" 2>&1 || status=$?
    if grep -q "DO NOT MATCH THE HASHES" "$log"; then
        grep -m1 -B1 -A2 "Expected sha256" "$log" >&2 || true
        fail "a download's SHA-256 differs from the pinned one (above): refusing to build with it. If the pin is wrong, fix it in packaging/windows/ (see packaging/README.md)"
    fi
    [ "$status" -eq 0 ] || { tail -20 "$log" >&2; fail "pip download failed (see above; PyPI reachable?)"; }
    grep -E '^(Saved|File was already downloaded|Successfully downloaded)' "$log" | tail -3 || true
}
DOWNLOADS="$CACHE/downloads"
mkdir -p "$DOWNLOADS/python" "$DOWNLOADS/wheels"
PYTHON_SPEC="$(grep -v '^#' "$PYTHON_PIN" | grep -m1 '==')"
PYTHON_SHA256="${PYTHON_SPEC##*sha256:}"
PYTHON_PROJECT="${PYTHON_SPEC%%==*}"
PYTHON_VERSION="$(sed -E 's/^[^=]+==([^ ]+).*/\1/' <<<"$PYTHON_SPEC")"
PYTHON_SDIST="$DOWNLOADS/python/${PYTHON_PROJECT//-/_}-$PYTHON_VERSION.tar.gz"
if [ -f "$PYTHON_SDIST" ] && [ "$(sha256sum "$PYTHON_SDIST" | cut -d' ' -f1)" != "$PYTHON_SHA256" ]; then
    echo "cached $(basename "$PYTHON_SDIST") differs from the pin: downloading it again"
    rm -f "$PYTHON_SDIST"
fi
if [ ! -f "$PYTHON_SDIST" ]; then
    pip_download "$SCRATCH/pip-python.log" --no-binary :all: -r "$PYTHON_PIN" -d "$DOWNLOADS/python"
fi
[ -f "$PYTHON_SDIST" ] || fail "pip did not save $PYTHON_SDIST"
ACTUAL="$(sha256sum "$PYTHON_SDIST" | cut -d' ' -f1)"
[ "$ACTUAL" = "$PYTHON_SHA256" ] ||
    fail "$(basename "$PYTHON_SDIST") has SHA-256 $ACTUAL, but $PYTHON_PIN pins $PYTHON_SHA256: refusing to use it"
echo "Windows Python: $(basename "$PYTHON_SDIST"), SHA-256 $PYTHON_SHA256 (checked)"
pip_download "$SCRATCH/pip-wheels.log" --only-binary :all: --platform win_amd64 --python-version 3.11 \
    --implementation cp -r "$WHEEL_PINS" -d "$DOWNLOADS/wheels"
echo "Windows wheels: $(grep -c -- '--hash' "$WHEEL_PINS") pinned, hashes checked by pip"

# --------------------------------------------------------------------------------------------
step "3/8 Wine prefix with the Windows Python and the wheels ($PREFIX)"
build_shims "$SCRATCH/shims"
STAMP="python $PYTHON_SHA256; wheels $(sha256sum <"$WHEEL_PINS" | cut -c1-16); shims $(shims_hash); $("$WINE" --version 2>/dev/null)"
export WINEPREFIX="$PREFIX"
if [ "$(cat "$PREFIX.stamp" 2>/dev/null)" = "$STAMP" ] && [ -f "$PREFIX/drive_c/py311/python.exe" ]; then
    echo "reusing the prepared prefix (same Python, wheels, shim and Wine)"
else
    rm -f "$PREFIX.stamp"
    new_prefix "$PREFIX" "$SCRATCH/shims"
    use_windows_10
    mkdir -p "$SCRATCH/python"
    tar -xzf "$PYTHON_SDIST" -C "$SCRATCH/python"
    DATA_ZIP="$(find "$SCRATCH/python" -name data.zip | head -1)"
    [ -n "$DATA_ZIP" ] || fail "no data.zip in $(basename "$PYTHON_SDIST")"
    unzip -q "$DATA_ZIP" 'cp311/*' -d "$SCRATCH/python/unpacked" ||
        fail "data.zip in $(basename "$PYTHON_SDIST") has no cp311/ folder"
    mv "$SCRATCH/python/unpacked/cp311" "$PREFIX/drive_c/py311"
    run_windows "$SCRATCH/py.log" 120 "$PYTHON_WIN" -c "import sys; print(sys.version)" ||
        fail "the Windows Python does not start under Wine"
    grep -q '^3\.11\.' "$SCRATCH/py.log" || fail "expected Python 3.11, got $(cat "$SCRATCH/py.log")"
    run_windows "$SCRATCH/pip.log" 600 "$PYTHON_WIN" -m pip install --disable-pip-version-check \
        --no-warn-script-location --no-index --require-hashes \
        --find-links "$(winpath "$DOWNLOADS/wheels")" -r "$(winpath "$WHEEL_PINS")" | tail -2 ||
        fail "pip could not install the Windows wheels under Wine"
    echo "$STAMP" >"$PREFIX.stamp"
fi

# --------------------------------------------------------------------------------------------
step "4/8 install $NAME $VERSION into the Windows Python (its metadata ships in the build)"
mkdir -p "$SCRATCH/project"
tar -C "$ROOT" --exclude=__pycache__ --exclude='*.pyc' -cf - pyproject.toml README.md app ui db resources |
    tar -C "$SCRATCH/project" -xf -
export PYTHONDONTWRITEBYTECODE=1 # nothing written into the repository by the Windows Python
run_windows "$SCRATCH/pip-project.log" 300 "$PYTHON_WIN" -m pip install --disable-pip-version-check \
    --no-warn-script-location --no-index --no-deps --no-build-isolation --force-reinstall \
    "$(winpath "$SCRATCH/project")" | tail -1 ||
    fail "pip could not install the project into the Windows Python"

# --------------------------------------------------------------------------------------------
step "5/8 PyInstaller under Wine: $SPEC -> dist/windows/$NAME"
rm -rf "${WORK:?}/$NAME" "${APP_DIR:?}"
started=$SECONDS
status=0
run_windows "$WORK/pyinstaller.log" 1200 "$PYTHON_WIN" -m PyInstaller --noconfirm --clean \
    --log-level WARN --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WORK")" \
    "$(winpath "$SPEC")" >/dev/null || status=$?
# Windows 10 has the Universal CRT (api-ms-win-*.dll) built in: those warnings are expected.
grep -v -e 'api-ms-win-' -e '^\s*$' "$WORK/pyinstaller.log" | tr -d '\r' || true
crt_warnings=$(grep -c 'api-ms-win-' "$WORK/pyinstaller.log" || true)
[ "$crt_warnings" -eq 0 ] ||
    echo "($crt_warnings warnings about Windows' own api-ms-win-*.dll not shown: see build/windows/pyinstaller.log)"
[ "$status" -eq 0 ] || fail "PyInstaller failed under Wine (exit status $status; see above)"
for exe in "$NAME.exe" "$NAME-cli.exe"; do
    [ -f "$APP_DIR/$exe" ] || fail "PyInstaller finished but $APP_DIR/$exe is missing"
done
echo "built in $((SECONDS - started)) s: $(du -sh "$APP_DIR" | cut -f1), $(find "$APP_DIR" -type f | wc -l) files"

# --------------------------------------------------------------------------------------------
step "6/8 frozen program under Wine: files, --version, probe, --self-test (both .exe)"
SHIPPED_SHIM="$(find "$APP_DIR" | grep -iE "$SHIM_NAMES" | head -3 || true)"
[ -z "$SHIPPED_SHIM" ] || fail "the Wine test shim was collected into the build: $SHIPPED_SHIM"
want=$(find db/migrations -name '*.py' -not -path '*/__pycache__/*' | wc -l)
have=$(find "$APP_DIR/_internal/db/migrations" -name '*.py' 2>/dev/null | wc -l)
[ "$want" -eq "$have" ] || fail "db/migrations has $want .py files, the frozen tree $have"
want=$(find resources -type f -not -path '*/__pycache__/*' -not -name '*.pyc' | wc -l)
have=$(find "$APP_DIR/_internal/resources" -type f 2>/dev/null | wc -l)
[ "$want" -eq "$have" ] || fail "resources/ has $want files, the frozen tree $have"
CLI="$(winpath "$APP_DIR/$NAME-cli.exe")"
GUI="$(winpath "$APP_DIR/$NAME.exe")"
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$CLI" --version || fail "'$NAME-cli.exe --version' failed"
grep -qx "$NAME $VERSION" <(tr -d '\r' <"$SCRATCH/out") ||
    fail "expected '$NAME $VERSION' (pyproject.toml), got '$(cat "$SCRATCH/out")'"
CPPCC_DESK_FROZEN_PROBE=1 run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$CLI" ||
    fail "the frozen library probe failed (see above)"
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$CLI" --data-dir "$(winpath "$SCRATCH/selftest-cli")" \
    --self-test -platform offscreen || fail "the frozen self-test failed ($NAME-cli.exe; see above)"
# The GUI .exe (what the shortcuts start) has no console: only its exit status tells.
run_windows "$SCRATCH/out" "$RUN_TIMEOUT" "$GUI" --data-dir "$(winpath "$SCRATCH/selftest-gui")" \
    --self-test -platform offscreen || fail "the frozen self-test failed ($NAME.exe, exit status $?)"
echo "$NAME.exe --self-test: exit status 0"

# --------------------------------------------------------------------------------------------
step "7/8 NSIS: $(basename "$SETUP")"
started=$SECONDS
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DVERSION4="$VERSION4" \
    -DSOURCE_DIR="$APP_DIR" -DOUTFILE="$PARTIAL" -DAPP_ICON="$ROOT/resources/icons/app.ico" \
    "$NSIS_SCRIPT" || fail "makensis failed (see above)"
[ -s "$PARTIAL" ] || fail "makensis wrote no installer"
echo "makensis: $((SECONDS - started)) s"

# --------------------------------------------------------------------------------------------
step "8/8 check the installer's contents, then give it its final name"
7z l -slt "$PARTIAL" >"$SCRATCH/listing" || fail "7z cannot read the installer"
# The first path is the archive itself; $PLUGINSDIR holds NSIS's own helpers.
grep '^Path = ' "$SCRATCH/listing" | tail -n +2 | sed 's/^Path = //' >"$SCRATCH/paths"
if grep -iE "$SHIM_NAMES" "$SCRATCH/paths"; then
    fail "the installer contains the Wine test shim (above)"
fi
for required in "$NAME.exe" "$NAME-cli.exe" '_internal/python311.dll' '_internal/PySide6/Qt6Core.dll'; do
    grep -qxF "$required" <(tr '\\' '/' <"$SCRATCH/paths") ||
        fail "the installer lacks $required"
done
files_in_setup=$(grep -c -v -e '^\$PLUGINSDIR' -e '^uninstall\.exe$' "$SCRATCH/paths" || true)
files_in_build=$(find "$APP_DIR" -type f | wc -l)
[ "$files_in_setup" -eq "$files_in_build" ] ||
    fail "the installer holds $files_in_setup files, the build $files_in_build"
mv -f "$PARTIAL" "$SETUP"
timeout 60 wineserver -w || true

echo
echo "Windows installer OK: dist/$(basename "$SETUP") ($(du -h "$SETUP" | cut -f1); program $(du -sh "$APP_DIR" | cut -f1)) in ${SECONDS} s"
