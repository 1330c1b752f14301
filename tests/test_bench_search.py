"""The search-at-scale benchmark runs end to end in smoke mode and writes a sane result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIM = 384


def test_search_bench_smoke(tmp_path):
    # The smoke run checks the shape of the result, not speed: passive OpenMP waits keep it quick
    # when other processes hold the cores (spinning threads then starve each other).
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    done = subprocess.run([sys.executable, "-m", "bench.search", "--smoke", "--out", str(tmp_path)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]

    results = json.loads((tmp_path / "search.json").read_text(encoding="utf-8"))["results"]
    rows = results["rows"]
    assert {r["index"] for r in rows} >= {"flat", "flat-int8", "hnsw", "ivf", "ivf-pq"}
    for r in rows:
        assert 0.0 <= r["recall_at_10"] <= 1.0, r
        assert r["p99_ms"] >= r["p50_ms"] > 0, r
    by_index = {r["index"]: r for r in rows}
    assert by_index["flat"]["recall_at_10"] == 1.0
    flat_bytes = by_index["flat"]["bytes_per_vector"]
    assert abs(flat_bytes - DIM * 4) <= 0.1 * DIM * 4
    assert abs(by_index["flat-int8"]["bytes_per_vector"] - flat_bytes / 4) <= 0.1 * flat_bytes / 4
    assert "switch" in results and "n" in results["switch"]
