#!/usr/bin/env bash
# Set up (if needed), build the index of seeds/ if there is none, and answer a sample question.
# Any arguments are asked instead: bash scripts/run.sh "apa kata Khofifah soal ASN?"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
.venv/bin/rag index seeds
question="${1:-apa kata Luthfi soal jual beli jabatan?}"
exec .venv/bin/rag ask "$question"
