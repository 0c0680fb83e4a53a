#!/usr/bin/env bash
# Install a lock file and the helper package into a venv (kept for tools/bench.py and old habits):
# the work is done by start.py, the same launcher `make lab`, `make test` and Windows use.
set -euo pipefail
venv="$1"; lock="$2"
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" start.py install --venv "$venv" --lock "$lock"
