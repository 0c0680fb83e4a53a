#!/usr/bin/env bash
# Install a lock file and the helper package into a venv: uv when available (fast), pip otherwise.
set -euo pipefail
venv="$1"; lock="$2"
# --compile-bytecode: kernels then start without recompiling pandas and matplotlib each time
# (machines with PYTHONDONTWRITEBYTECODE=1 never write the .pyc files themselves).
if [ -x "$venv/bin/uv" ] && VIRTUAL_ENV="$venv" "$venv/bin/uv" pip install --quiet --compile-bytecode \
     -r "$lock" -e . ; then
  exit 0
fi
echo "uv is niet beschikbaar of mislukte; ik gebruik pip (dat duurt langer)." >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$lock" -e .
