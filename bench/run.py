"""Run every benchmark, each in its own process (so that one's memory and threads do not
colour the next), then write the report. ``--only latency,prompt`` runs some; ``--smoke``
runs the tiny versions (what the tests do)."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.common import ROOT, parser
from bench.report import write_report

# Cheapest first; the ones that run the LLM at length last.
BENCHES = ("limit", "coldstart", "indexing", "search", "store", "quality", "draft", "latihan", "latency", "prompt",
           "decoding", "synthesis", "corpus_state", "soak")


# Options of the full run: the soak also drives the scale-out set-up of issue 18 (two apps on
# PostgreSQL, two LLM servers) with 8 sessions.
FULL_RUN_OPTIONS = {"soak": ["--scale-out", "--sessions", "8", "--questions", "48", "--warmup", "8"]}


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--only", help="comma-separated benchmarks: " + ", ".join(BENCHES))
    args = p.parse_args(argv)
    names = args.only.split(",") if args.only else list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        p.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    failed = []
    for name in names:
        started = time.perf_counter()
        print(f"== bench.{name}", flush=True)
        command = [sys.executable, "-m", f"bench.{name}", "--out", str(args.out)] + \
            (["--smoke"] if args.smoke else FULL_RUN_OPTIONS.get(name, []))
        if subprocess.run(command, cwd=ROOT).returncode != 0:
            failed.append(name)
        print(f"== bench.{name}: {time.perf_counter() - started:.0f} s", flush=True)
    write_report(args.out)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
