#!/usr/bin/env bash
# Set up (if needed) and start the chat app on http://127.0.0.1:7860 (builds the index of
# seeds/ first when there is none). Options go to app.py: bash scripts/run.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false GRADIO_ANALYTICS_ENABLED=False
exec .venv/bin/python app.py "$@"
