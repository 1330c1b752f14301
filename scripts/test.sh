#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite offline: the fast lane and the slow tests
# (real models, the browser app), then the fast lane again on the PostgreSQL store. Options go to
# pytest; `-m "not slow"` runs the fast lane only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The browser tests drive Debian's chromium (no browser download by a test tool).
if ! command -v chromium >/dev/null 2>&1; then
  echo "test: installing Debian's chromium for the browser tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; } \
    || echo "test: could not install chromium; the browser tests will fail" >&2
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
.venv/bin/python -m pytest -m "slow or not slow" "$@"
# The fast lane once more with the index in PostgreSQL (the embedded server, started by the tests):
# every fake-backend test on the shared store too (issue 18).
echo "test: the fast lane on the PostgreSQL store"
exec .venv/bin/python -m pytest -m "not slow and not postgres" --store postgresql "$@"
