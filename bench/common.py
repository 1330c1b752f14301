"""What every benchmark shares: the machine it ran on, its options, and how results are written."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import time
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("RAG_SHARED_DIR") or ROOT.parent / "shared")
DEFAULT_OUT = ROOT / "docs" / "bench"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_total_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict:
    """The machine and software a figure was measured on."""
    from rag.config import available_cores

    return {
        "cpu": cpu_model(),
        "cores": available_cores(),
        "memory_gb": memory_total_gb(),
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in ("numpy", "faiss-cpu", "llama-cpp-python", "sentence-transformers",
                                             "torch", "bm25s")},
        "date": dt.datetime.now().isoformat(timespec="seconds"),
    }


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the JSON result (default docs/bench)")
    p.add_argument("--smoke", action="store_true", help="a tiny run that checks the script works (for the tests)")
    return p


def write_result(out: Path, name: str, settings: dict, results: dict, started: float) -> Path:
    """Write ``<out>/<name>.json`` with the machine, the settings and the results; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.json"
    record = {"bench": name, "machine": machine(), "settings": settings, "results": results,
              "seconds": round(time.perf_counter() - started, 1), "peak_rss_mb": peak_rss_mb()}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    print(f"{name}: wrote {path}")
    return path


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def current_rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process (this one by default) now, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def pct(values, q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")


def median(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(np.median(values)) if values else None


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
