#!/usr/bin/env bash
# Create .venv and install the project with everything it needs, on a fresh machine.
# Safe to run again: it does nothing when pyproject.toml has not changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "setup: Python 3.11 is required (found $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.rag-setup-stamp
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "setup: installing (first run: llama-cpp-python compiles for about 9 minutes on 2 cores)"
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: a CPU build of 2.13.0 is what we want; an unpinned torch
# pulled in by sentence-transformers would be a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[test,bench]"
echo "$want" > "$stamp"
echo "setup: done"
