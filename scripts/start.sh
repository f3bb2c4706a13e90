#!/usr/bin/env bash
# Starts CPPCC Desk (政协履职工作台) on its embedded default: an SQLite file in
# the user's data folder. Extra arguments go to the program, e.g. --data-dir DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/cppcc-desk "$@"
