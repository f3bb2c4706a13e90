#!/usr/bin/env bash
# Build the Linux one-folder program (dist/cppcc-desk/) and smoke-test it, headless.
#
#   packaging/build_linux.sh        (from anywhere; needs python3 >= 3.11; as root it installs
#                                    the Debian packages it needs, and makes .venv if missing)
#
# Exits non-zero, naming the step, if anything fails. See packaging/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

NAME=cppcc-desk
SPEC=packaging/$NAME.spec
DIST="$ROOT/dist"
WORK="$ROOT/build"
APP_DIR="$DIST/$NAME"
EXE="$APP_DIR/$NAME"
PY="$ROOT/.venv/bin/python"
STEP_TIMEOUT=180 # seconds for any one run of the frozen program

FAILURE="FROZEN BUILD FAILED"
# shellcheck source=packaging/steps.sh
source "$ROOT/packaging/steps.sh"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/$NAME-smoke.XXXXXX")"
CLEANUP+=("rm -rf '$SCRATCH'")

# Run the frozen program headless with a time limit. Its stdout is kept in
# $SCRATCH/last.out (and shown), its stderr shown too. Qt never reaches a real display,
# even when this runs on a desktop.
frozen() {
    local status=0
    env -u DISPLAY -u WAYLAND_DISPLAY QT_QPA_PLATFORM=offscreen \
        timeout --kill-after=10 "$STEP_TIMEOUT" "$EXE" "$@" \
        >"$SCRATCH/last.out" 2>"$SCRATCH/last.err" || status=$?
    cat "$SCRATCH/last.out"
    cat "$SCRATCH/last.err" >&2
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        fail "'$NAME $*' did not finish within ${STEP_TIMEOUT} s"
    fi
    [ "$status" -eq 0 ] || fail "'$NAME $*' exited with status $status"
}

step "1/8 Python environment (.venv) and system libraries (scripts/bootstrap.sh --dev)"
ensure_venv --dev
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' ||
    fail ".venv must run Python 3.11 or newer"
"$PY" -m PyInstaller --version >/dev/null 2>&1 ||
    fail "PyInstaller is missing from .venv: run bash scripts/bootstrap.sh --dev"
VERSION="$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
HEAD="$("$PY" -c 'from db.migrate import head_revision; print(head_revision())')" ||
    fail "cannot read the newest migration from db/migrations"
echo "$("$PY" --version), PyInstaller $("$PY" -m PyInstaller --version), $NAME $VERSION, newest migration $HEAD"

step "2/8 PyInstaller: $SPEC -> dist/$NAME"
rm -rf "$WORK/$NAME" "$APP_DIR"
SECONDS=0
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$SPEC" ||
    fail "PyInstaller failed (see the messages above)"
[ -x "$EXE" ] || fail "PyInstaller finished but $EXE is missing"
echo "built in ${SECONDS} s: $(du -sh "$APP_DIR" | cut -f1), $(find "$APP_DIR" -type f | wc -l) files"
find "$APP_DIR" | sort >"$SCRATCH/tree.before"

step "3/8 shipped data files"
INTERNAL="$APP_DIR/_internal"
want=$(find db/migrations -name '*.py' -not -path '*/__pycache__/*' | wc -l)
have=$(find "$INTERNAL/db/migrations" -name '*.py' 2>/dev/null | wc -l)
[ "$want" -eq "$have" ] || fail "db/migrations has $want .py files, the frozen tree $have"
[ -f "$INTERNAL/db/migrations/script.py.mako" ] || fail "db/migrations/script.py.mako not shipped"
want=$(find resources -type f -not -path '*/__pycache__/*' -not -name '*.pyc' | wc -l)
have=$(find "$INTERNAL/resources" -type f 2>/dev/null | wc -l)
[ "$want" -eq "$have" ] || fail "resources/ has $want files, the frozen tree $have"
echo "migrations and resources complete"

step "4/8 frozen --version"
frozen --version
grep -qx "$NAME $VERSION" "$SCRATCH/last.out" ||
    fail "expected '$NAME $VERSION' (pyproject.toml), got '$(cat "$SCRATCH/last.out")'"

step "5/8 frozen libraries probe (python-docx, openpyxl, lxml, defusedxml, python-calamine, orjson, resources, Qt plugins)"
CPPCC_DESK_FROZEN_PROBE=1 frozen

step "6/8 frozen GUI --self-test -platform offscreen"
TIMEFORMAT="self-test wall time: %R s"
time frozen --data-dir "$SCRATCH/self-test" --self-test -platform offscreen

step "7/8 frozen admin commands: init, demo, info --json, check, roster import of .xls and .ods"
DATA="$SCRATCH/office"
frozen --data-dir "$DATA" init --level county --name 测试县政协 --code 150523 --term 10 --term-years 2021-2026
frozen --data-dir "$DATA" demo
frozen --data-dir "$DATA" info --json
REVISION="$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["schema_revision"])' "$SCRATCH/last.out")" ||
    fail "info --json did not print valid JSON with schema_revision"
[ "$REVISION" = "$HEAD" ] ||
    fail "info --json shows schema_revision $REVISION, the newest migration is $HEAD"
frozen --data-dir "$DATA" check
for roster in tests/common/data/委员名单-libreoffice.xls tests/common/data/委员名单-libreoffice.ods; do
    frozen --data-dir "$DATA" members import "$ROOT/$roster" --dry-run
    grep -q "新增 5 人" "$SCRATCH/last.out" || fail "the frozen program did not read $roster"
done

step "8/8 install folder left untouched"
find "$APP_DIR" | sort >"$SCRATCH/tree.after"
if ! diff "$SCRATCH/tree.before" "$SCRATCH/tree.after" >"$SCRATCH/tree.diff"; then
    head -20 "$SCRATCH/tree.diff"
    fail "the frozen program wrote into its own folder (see above)"
fi
echo "no files written into dist/$NAME"

echo
echo "frozen build OK: $(du -sh "$APP_DIR" | cut -f1) in dist/$NAME"
