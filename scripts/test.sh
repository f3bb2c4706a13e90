#!/usr/bin/env bash
# The whole test suite: lint, the layering contract, then pytest (offscreen Qt).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --dev
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== layers (import-linter)"
.venv/bin/lint-imports --no-cache
echo "== pytest"
.venv/bin/python -m pytest -p no:cacheprovider "$@"
