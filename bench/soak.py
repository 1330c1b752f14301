"""Concurrency and soak: several chat sessions asking at once through the real app.

Starts `app.py` (the seed index, the real models) on 127.0.0.1 and drives it with N Gradio
clients, each its own session, in bounded loops over the seed and held-out questions until Q
questions are asked. Each question is sent the way the page sends it: the quotes step, then the
model step. For every question the script records whether an answer came, whether it waited in
the queue for the model and at which position the queue said it was, and its wall time; it
samples the app's resident memory every second and reports its growth after the warm-up.

``--scale-out`` also runs, in the same invocation and on the same questions, the shared setup of
issue 18: PostgreSQL (the embedded server) holding the index, two `llama_cpp.server` processes
(one thread each: the machine has 2 cores) and two app processes with ``--store`` and both
servers in RAG_LLM_URL; the sessions alternate between the two apps as a reverse proxy would.
``--kill-server-after N`` kills one LLM server after N questions (failover under load). Each
process's memory is sampled. The two setups share the 2 cores, so the comparison is per core.
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


def start_app(index_dir: Path, corpus_dir: Path, port: int, log_path: Path, env: dict | None = None
              ) -> subprocess.Popen:
    """The app as a user starts it, on this machine only; returns once it serves pages."""
    with open(log_path, "w") as log:  # the child keeps its own handle
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port),
                                 "--index-dir", str(index_dir), "--corpus-dir", str(corpus_dir)],
                                cwd=ROOT, env={**rag_env(), **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
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


def drive(urls: list[str], processes: dict, sessions: int, total: int, warmup: int, seed: int,
          kill_after: tuple[int, subprocess.Popen] | None = None) -> dict:
    """Drive the apps at ``urls`` with ``sessions`` sessions (alternating between the apps) until
    ``total`` questions are asked; sample the memory of ``processes`` (name -> Popen) every second."""
    started = time.perf_counter()
    memory: list[tuple[float, dict, int]] = []  # (seconds, RSS MB by process, questions done)
    work = Work(questions(), total, seed)
    clients = [Session(urls[i % len(urls)], f"s{i + 1}", work) for i in range(sessions)]
    apps = {name: proc for name, proc in processes.items() if name.startswith("app")}
    killed_at = None
    for s in clients:
        s.start()
    while any(s.is_alive() for s in clients):
        done = sum(len(s.records) for s in clients)
        memory.append((time.perf_counter() - started,
                       {name: current_rss_mb(proc.pid) for name, proc in processes.items() if proc.poll() is None},
                       done))
        for name, app in apps.items():
            if app.poll() is not None:
                raise SystemExit(f"{name} died with {app.returncode} after {done} questions")
        if kill_after is not None and killed_at is None and done >= kill_after[0]:
            kill_after[1].kill()
            killed_at = done
        time.sleep(1)
    wall = time.perf_counter() - started
    memory.append((wall, {name: current_rss_mb(proc.pid) for name, proc in processes.items() if proc.poll() is None},
                   total))
    records = sorted((r for s in clients for r in s.records), key=lambda r: r["n"])
    after_warmup = [m for m in memory if m[2] >= warmup]
    rss = {}
    for name in processes:
        series = [m[1][name] for m in after_warmup if name in m[1]]
        if series:
            rss[name] = {"after_warmup": series[0], "end": series[-1], "peak": max(series),
                         "growth_after_warmup": (series[-1] - series[0]) / series[0] if series[0] else None}
    outcomes = {k: sum(r["outcome"] == k for r in records) for k in ("answered", "not found", "error")}
    queued = [r for r in records if r.get("queue_positions")]
    return {
        "sessions": sessions, "questions": len(records), "outcomes": outcomes,
        "apps_alive_at_end": all(app.poll() is None for app in apps.values()),
        "queued_for_the_model": len(queued),
        "queue_positions_seen": sorted({p for r in queued for p in r["queue_positions"]}),
        "wall_s": {"median": median([r["wall_s"] for r in records]), "p95": pct([r["wall_s"] for r in records], 95)},
        "answered_wall_s": {"median": median([r["wall_s"] for r in records if r["outcome"] == "answered"])},
        "run_s": wall, "answers_per_minute": 60 * outcomes["answered"] / wall if wall else None,
        "killed_server_after": killed_at,
        "rss_mb_by_process": rss,
        "errors": [r for r in records if r["outcome"] == "error"][:20],
        "memory": memory,
        "per_question": records,
    }


def stop(processes) -> None:
    for proc in processes:
        if proc.poll() is None:
            proc.terminate()
    for proc in processes:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def start_llm_server(model: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    """A llama_cpp.server on a free loopback port with one thread; once it answers /v1/models."""
    port = free_port()
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                                 "--port", str(port), "--n_ctx", "2048", "--n_threads", "1", "--seed", "0"],
                                cwd=ROOT, env=rag_env(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"llama_cpp.server exited: {log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/models", timeout=2):
                return proc, url
        except OSError:
            time.sleep(1)
    proc.kill()
    raise SystemExit("llama_cpp.server did not start in 5 minutes")


def scale_out(args, settings, logs: Path) -> dict:
    """Two apps on one PostgreSQL store, two LLM servers in their pool; driven like the single app."""
    import shutil
    import tempfile

    from rag.backends.pgvector import embedded_server
    from rag.pipeline import Pipeline

    work = Path(tempfile.mkdtemp(prefix="rag-soak-scale-out-"))
    address = embedded_server(work / "postgres")
    model = Pipeline(settings).generator.model_path
    processes, servers = {}, []
    ports = [free_port(), free_port()]
    try:
        for name in ("a", "b"):
            servers.append(start_llm_server(model, logs / f"soak-llm-{name}.log"))
            processes[f"llm_{name}"] = servers[-1][0]
        env = {"RAG_STORE": address, "RAG_STORE_SCHEMA": "soak", "RAG_LLM_URL": ",".join(url for _, url in servers)}
        for i, port in enumerate(ports):  # the first builds the index in PostgreSQL; the second finds it there
            corpus = shutil.copytree(ROOT / "seeds", work / f"corpus-{i + 1}")  # uploads land here, not in seeds/
            processes[f"app_{i + 1}"] = start_app(work / f"unused-index-{i + 1}", corpus, port,
                                                  logs / f"soak-app-{i + 1}.log", env)
        visible = upload_then_ask(f"http://127.0.0.1:{ports[0]}/", f"http://127.0.0.1:{ports[1]}/", work)
        postgres = _postgres_process(work / "postgres")
        sampled = {**processes, **({"postgres": postgres} if postgres is not None else {})}
        kill = (args.kill_server_after, servers[0][0]) if args.kill_server_after else None
        result = drive([f"http://127.0.0.1:{port}/" for port in ports], sampled, args.sessions, args.questions,
                       args.warmup, args.seed, kill)
        result["postgres_rss_note"] = "the postmaster only (its backends are separate processes)"
        result["upload"] = visible
        return result
    finally:
        stop(processes.values())


UPLOADED = ("Jembatan Gantung Srandakan Diresmikan\n\nBantul – Bupati Bantul Abdul Halim Muslih meresmikan "
            "jembatan gantung Srandakan sepanjang 84 meter pada Selasa sore. Menurut Halim, jembatan itu memangkas "
            "perjalanan warga dua desa dari 40 menit menjadi 10 menit.\n")


def upload_then_ask(first: str, second: str, work: Path) -> dict:
    """Upload an article through the first app, then ask the second about it until its answer
    quotes the article: the seconds from the end of the upload to that answer."""
    from gradio_client import Client, handle_file

    path = work / "upload" / "jembatan-srandakan.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(UPLOADED, encoding="utf-8")
    started = time.perf_counter()
    added = Client(first, verbose=False).predict([handle_file(str(path))], api_name="/add")[0]
    uploaded_s = time.perf_counter() - started
    asker = Client(second, verbose=False)
    since = time.perf_counter()
    tries = 0
    while time.perf_counter() - since < 60:
        tries += 1
        _, chat, *_ = asker.predict("Siapa yang meresmikan jembatan gantung Srandakan?", [], api_name="/ask")
        if "Srandakan" in _last_message(chat) and "rag-notfound" not in _last_message(chat):
            return {"added": "Ditambahkan" in added, "upload_s": round(uploaded_s, 2),
                    "answerable_through_the_other_app_after_s": round(time.perf_counter() - since, 2), "asks": tries}
        time.sleep(0.5)
    return {"added": "Ditambahkan" in added, "upload_s": round(uploaded_s, 2),
            "answerable_through_the_other_app_after_s": None, "asks": tries}


def _postgres_process(data: Path):
    """The postmaster of the embedded server whose data is in ``data`` (for its memory), as a
    Popen-like handle: its pid is the first line of ``postmaster.pid``."""
    try:
        return _Handle(int((data / "postmaster.pid").read_text().split()[0]))
    except (OSError, ValueError, IndexError):
        return None


class _Handle:
    def __init__(self, pid: int):
        self.pid = pid

    def poll(self):
        import psutil

        return None if psutil.pid_exists(self.pid) else 0


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=4)
    p.add_argument("--questions", type=int, default=300)
    p.add_argument("--warmup", type=int, default=24, help="questions before memory growth is measured from")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--scale-out", action="store_true",
                   help="also run two apps on PostgreSQL with two LLM servers, on the same questions")
    p.add_argument("--kill-server-after", type=int, help="scale-out: kill one LLM server after this many questions")
    args = p.parse_args(argv)
    if args.smoke:
        args.sessions, args.questions, args.warmup = 2, 4, 2
    started = time.perf_counter()

    from rag.config import Settings

    settings = Settings()
    index_dir = seed_index(settings, ROOT / "seeds")
    logs = settings.cache_dir / "bench"  # what the apps logged: no question text at INFO
    port = free_port()
    app = start_app(index_dir, ROOT / "seeds", port, logs / "soak-app.log")
    try:
        results = drive([f"http://127.0.0.1:{port}/"], {"app": app}, args.sessions, args.questions, args.warmup,
                        args.seed)
    finally:
        stop([app])
    # the single app's figures where the report has always read them
    single_rss = results["rss_mb_by_process"].get("app", {})
    results["app_alive_at_end"] = results["apps_alive_at_end"]
    results["rss_mb"] = {"after_warmup": single_rss.get("after_warmup"), "end": single_rss.get("end"),
                         "peak_after_warmup": single_rss.get("peak"),
                         "growth_after_warmup": single_rss.get("growth_after_warmup"),
                         "peak_growth_after_warmup": (single_rss["peak"] - single_rss["after_warmup"])
                         / single_rss["after_warmup"] if single_rss.get("after_warmup") else None}
    results["memory"] = [(t, by.get("app"), done) for t, by, done in results["memory"]]
    if args.scale_out:
        results["scale_out"] = scale_out(args, settings, logs)
        so = results["scale_out"]
        results["scale_out_ratios"] = {
            "answers_per_minute": so["answers_per_minute"] / results["answers_per_minute"]
            if results["answers_per_minute"] else None,
            "median_wall_s": so["wall_s"]["median"] / results["wall_s"]["median"]
            if results["wall_s"]["median"] else None,
        }
    write_result(args.out, "soak", {"sessions": args.sessions, "questions": args.questions, "warmup": args.warmup,
                                    "n_threads": settings.n_threads, "n_batch": settings.generation.n_batch,
                                    "host": "127.0.0.1", "scale_out": args.scale_out,
                                    "kill_server_after": args.kill_server_after}, results, started)
    return results


if __name__ == "__main__":
    main()
