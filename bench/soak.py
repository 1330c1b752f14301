"""Concurrency and soak: several chat sessions asking at once through the real app.

Starts `app.py` (the seed index, the real models) on 127.0.0.1 and drives it with N Gradio
clients, each its own session, in bounded loops over the seed and held-out questions until Q
questions are asked. Each question is sent the way the page sends it: the quotes step, then the
model step. For every question the script records whether an answer came, whether it waited in
the queue for the model and at which position the queue said it was, and its wall time; it
samples the app's resident memory every second and reports its growth after the warm-up.
"""

from __future__ import annotations

import json
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench.common import ROOT, SHARED_DIR, current_rss_mb, median, parser, pct, write_result
from bench.latency import rag_env, seed_index

STEP_TIMEOUT_S = 600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(index_dir: Path, corpus_dir: Path, port: int, log_path: Path) -> subprocess.Popen:
    """The app as a user starts it, on this machine only; returns once it serves pages."""
    with open(log_path, "w") as log:  # the child keeps its own handle
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port),
                                 "--index-dir", str(index_dir), "--corpus-dir", str(corpus_dir)],
                                cwd=ROOT, env=rag_env(), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 600
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app.py exited with {proc.returncode}: {log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                if response.status == 200:
                    return proc
        except OSError:
            time.sleep(1)
    proc.kill()
    raise SystemExit("app.py did not start in 10 minutes")


def questions() -> list[str]:
    rows = []
    for path in (SHARED_DIR / "eval" / "dev_qa.jsonl", ROOT / "tests" / "data" / "qa_heldout.jsonl"):
        rows += [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def _last_message(chat) -> str:
    if not chat:
        return ""
    content = chat[-1].get("content") if isinstance(chat[-1], dict) else chat[-1]
    return content if isinstance(content, str) else json.dumps(content)


class Work:
    """The shared, bounded list of questions the sessions take from."""

    def __init__(self, items: list[str], total: int, seed: int):
        rng = random.Random(seed)
        self.queue = [(i + 1, items[rng.randrange(len(items))]) for i in range(total)]
        self.lock = threading.Lock()

    def next(self):
        with self.lock:
            return self.queue.pop(0) if self.queue else None


class Session(threading.Thread):
    """One browser tab's worth of chat: its own Gradio session, asking in a loop."""

    def __init__(self, url: str, name: str, work: Work):
        super().__init__(daemon=True)
        self.url, self.name, self.work = url, name, work
        self.records: list[dict] = []

    def run(self) -> None:
        from gradio_client import Client

        client = Client(self.url, verbose=False)
        while (item := self.work.next()) is not None:
            number, question = item
            self.records.append(self.ask(client, number, question))

    def ask(self, client, number: int, question: str) -> dict:
        record = {"n": number, "session": self.name, "question_chars": len(question)}
        started = time.perf_counter()
        try:
            _, chat, *_ = client.submit(question, [], api_name="/ask").result(timeout=STEP_TIMEOUT_S)
            record["quotes_s"] = time.perf_counter() - started
            if "rag-notfound" in _last_message(chat) or "Kutipan siap" not in _last_message(chat):
                record["outcome"] = "not found" if "rag-notfound" in _last_message(chat) else "error"
                record["message"] = re.sub(r"<[^>]+>", " ", _last_message(chat))[:200]
            else:
                job = client.submit(chat, api_name="/write")
                ranks = []
                while not job.done():
                    status = job.status()
                    if getattr(status, "rank", None) is not None and str(status.code).endswith("IN_QUEUE"):
                        ranks.append(int(status.rank))
                    if time.perf_counter() - started > STEP_TIMEOUT_S:
                        raise TimeoutError("no answer in 10 minutes")
                    time.sleep(0.2)
                chat = job.result()[0]
                text = _last_message(chat)
                record["queue_positions"] = sorted(set(ranks))
                record["outcome"] = "answered" if "Selesai:" in text else ("not found" if "rag-notfound" in text
                                                                           else "error")
                record["citations"] = text.count('class="rag-cite"')
                if record["outcome"] == "error":
                    record["message"] = re.sub(r"<[^>]+>", " ", text)[-300:]
        except Exception as exc:  # a failed question is a result to report, not a crash of the benchmark
            record["outcome"] = "error"
            record["message"] = f"{type(exc).__name__}: {exc}"[:300]
        record["wall_s"] = time.perf_counter() - started
        return record


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=4)
    p.add_argument("--questions", type=int, default=300)
    p.add_argument("--warmup", type=int, default=24, help="questions before memory growth is measured from")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    if args.smoke:
        args.sessions, args.questions, args.warmup = 2, 4, 2
    started = time.perf_counter()

    from rag.config import Settings

    settings = Settings()
    index_dir = seed_index(settings, ROOT / "seeds")
    port = free_port()
    app_log = settings.cache_dir / "bench" / "soak-app.log"  # what the app logged: no question text at INFO
    app = start_app(index_dir, ROOT / "seeds", port, app_log)
    memory: list[tuple[float, float, int]] = []  # (seconds, RSS MB, questions done)
    work = Work(questions(), args.questions, args.seed)
    sessions = [Session(f"http://127.0.0.1:{port}/", f"s{i + 1}", work) for i in range(args.sessions)]
    try:
        for s in sessions:
            s.start()
        while any(s.is_alive() for s in sessions):
            done = sum(len(s.records) for s in sessions)
            memory.append((time.perf_counter() - started, current_rss_mb(app.pid), done))
            if app.poll() is not None:
                raise SystemExit(f"the app died with {app.returncode} after {done} questions")
            time.sleep(1)
        memory.append((time.perf_counter() - started, current_rss_mb(app.pid), args.questions))
        alive = app.poll() is None
    finally:
        app.terminate()
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()

    records = sorted((r for s in sessions for r in s.records), key=lambda r: r["n"])
    after_warmup = [m for m in memory if m[2] >= args.warmup]
    rss_warm = after_warmup[0][1] if after_warmup else None
    rss_end = memory[-1][1]
    rss_peak_after = max((m[1] for m in after_warmup), default=None)
    outcomes = {k: sum(r["outcome"] == k for r in records) for k in ("answered", "not found", "error")}
    queued = [r for r in records if r.get("queue_positions")]
    results = {
        "sessions": args.sessions, "questions": len(records), "outcomes": outcomes, "app_alive_at_end": alive,
        "queued_for_the_model": len(queued),
        "queue_positions_seen": sorted({p for r in queued for p in r["queue_positions"]}),
        "wall_s": {"median": median([r["wall_s"] for r in records]), "p95": pct([r["wall_s"] for r in records], 95)},
        "answered_wall_s": {"median": median([r["wall_s"] for r in records if r["outcome"] == "answered"])},
        "rss_mb": {"after_warmup": rss_warm, "end": rss_end, "peak_after_warmup": rss_peak_after,
                   "growth_after_warmup": (rss_end - rss_warm) / rss_warm if rss_warm else None,
                   "peak_growth_after_warmup": (rss_peak_after - rss_warm) / rss_warm if rss_warm else None},
        "errors": [r for r in records if r["outcome"] == "error"][:20],
        "memory": memory,
        "per_question": records,
    }
    write_result(args.out, "soak", {"sessions": args.sessions, "questions": args.questions, "warmup": args.warmup,
                                    "n_threads": settings.n_threads, "n_batch": settings.generation.n_batch,
                                    "host": "127.0.0.1"}, results, started)
    return results


if __name__ == "__main__":
    main()
