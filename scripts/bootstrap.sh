#!/usr/bin/env bash
# Prepares this machine for CPPCC Desk: system packages (Debian/Ubuntu), the
# project's virtual environment in .venv, and its Python packages (pinned in
# requirements/constraints.txt). Safe to run again: it only adds what is missing.
#   bash scripts/bootstrap.sh          # to run the program
#   bash scripts/bootstrap.sh --dev    # also the test, lint and build tools
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
if [ "${1:-}" = "--dev" ]; then DEV=1; fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed ($("$PY" --version 2>&1) found)." >&2; exit 1; }

# Qt's xcb/offscreen platforms, the Chinese font, venv support; for PyInstaller binutils
# and, with Debian's own Python (linked statically), its shared libpython3.X.
# shellcheck source=scripts/debian_packages.sh
source scripts/debian_packages.sh
APT_PACKAGES=(python3-venv "${QT_RUNTIME_PACKAGES[@]}" fonts-noto-cjk)
if [ "$DEV" = 1 ]; then
  APT_PACKAGES+=(binutils)
  if command -v dpkg-query >/dev/null 2>&1 &&
    dpkg-query -S "$(readlink -f "$(command -v "$PY")")" >/dev/null 2>&1; then
    APT_PACKAGES+=("libpython$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
  fi
fi
install_debian_packages "${APT_PACKAGES[@]}" || exit 1

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PY" -m venv .venv
fi

extra="" stamp=".venv/.installed"
if [ "$DEV" = 1 ]; then extra="[dev]" stamp=".venv/.installed-dev"; fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements/constraints.txt -nt "$stamp" ]; then
  echo "== installing Python packages into .venv"
  if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    echo "== .venv has no pip (made before python3-venv was installed?): creating it again"
    "$PY" -m venv --clear .venv
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check \
    -c requirements/constraints.txt -e ".$extra"
  touch "$stamp"
fi
