#!/usr/bin/env bash
# Set up (if needed), run every benchmark and write the report to docs/bench/ (about an hour on
# 2 cores). Options go to bench/run.py: --only latency,prompt   --smoke   --out DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
exec .venv/bin/python -m bench.run "$@"
