#!/usr/bin/env bash
# Quick start, part two: set up everything, then run the whole test suite (lint, types, tests).
# Extra arguments go to pytest, e.g. `scripts/test.sh -m "not models"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-deps.sh
echo "==> ruff"
.venv/bin/ruff check hotline tests
echo "==> mypy"
.venv/bin/mypy
echo "==> pytest"
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# Exit 5 means a marker selected no tests: not a failure of the suite.
[ "$status" -eq 5 ] && exit 0
exit "$status"
