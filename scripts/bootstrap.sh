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

# Qt's xcb/offscreen platforms, the Chinese font, venv support; binutils for PyInstaller.
APT_PACKAGES="python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0
  libxcb-xfixes0 fonts-noto-cjk"
if [ "$DEV" = 1 ]; then APT_PACKAGES="$APT_PACKAGES binutils"; fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "== installing system packages:$missing"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "== missing system packages:$missing" >&2
      echo "   run this script as root (sudo) once, or install them with apt-get." >&2
      exit 1
    fi
  fi
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed ($("$PY" --version 2>&1) found)." >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PY" -m venv .venv
fi

extra="" stamp=".venv/.installed"
if [ "$DEV" = 1 ]; then extra="[dev]" stamp=".venv/.installed-dev"; fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements/constraints.txt -nt "$stamp" ]; then
  echo "== installing Python packages into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check \
    -c requirements/constraints.txt -e ".$extra"
  touch "$stamp"
fi
