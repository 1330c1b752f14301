"""Answer latency: our `rag ask` beside raw llama-cpp-python, question by question, in one run.

For each seed question (../shared/eval/dev_qa.jsonl) the script sends the question to a running
`rag ask --jsonl` process and reads its answer (time to quotes, time to first token, total, the
quotes it gave the model); then, in this process, raw llama-cpp-python with the same model file,
threads and batch answers

- the same final prompt our pipeline built (system prompt, worked example, the quotes), under
  the same grammar when the synthesis is copy-constrained: the difference in time is our
  overhead (retrieval, quote selection, building the grammar, citation checks);
- the plain 3-passage prompt a first prototype would send (the top 3 retrieved chunks, whole):
  the difference is what answering from quotes rather than passages saves.

Both raw engines evaluate their constant prefix before the first question, as ours does.
Peak RSS is the `rag ask` process's (embedding model, index, LLM).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from bench.common import ROOT, SHARED_DIR, median, parser, read_jsonl, write_result
from bench.engine import generation_rate, load_llama, plain_messages, timed_chat
from rag.config import Settings


def seed_index(settings: Settings, corpus: Path) -> Path:
    """An index of the seed corpus for the benchmarks (kept up to date by content hashes)."""
    index_dir = settings.cache_dir / "bench" / "seed-index"
    run_rag(["--index-dir", str(index_dir), "index", str(corpus), "-q"])
    return index_dir


def rag_env() -> dict:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def run_rag(argv: list[str]) -> str:
    done = subprocess.run([sys.executable, "-m", "rag", *argv], cwd=ROOT, env=rag_env(), capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"rag {' '.join(argv)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


class RagAsk:
    """A `rag ask --jsonl` process: one question in, one JSON answer out."""

    def __init__(self, index_dir: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "rag", "--index-dir", str(index_dir), "ask", "--jsonl"],
                                     cwd=ROOT, env=rag_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def ask(self, question: str) -> dict:
        self.proc.stdin.write(json.dumps({"question": question}, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"rag ask stopped (exit {self.proc.wait()})")
        return json.loads(line)

    def close(self) -> float:
        """End the process; its peak resident memory in MB."""
        self.proc.stdin.close()
        _, status, usage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        return round(usage.ru_maxrss / 1024, 1)


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--questions", type=Path, default=SHARED_DIR / "eval" / "dev_qa.jsonl")
    p.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    args = p.parse_args(argv)
    started = time.perf_counter()
    settings = Settings()
    rows = read_jsonl(args.questions)
    plain_k = 3
    if args.smoke:  # one question, one plain passage: the code path, in about a minute
        rows, plain_k = [r for r in rows if r.get("answerable", True)][:1], 1

    from rag.backends.llama_cpp import warm_prefix
    from rag.prompt import build_messages, warm_up_messages
    from rag.pipeline import Pipeline

    index_dir = seed_index(settings, args.corpus)
    ours = RagAsk(index_dir)
    raw = load_llama(settings)
    copy = settings.generation.synthesis == "copy"  # the raw engine gets our prompt and our grammar
    warm_prefix(raw, warm_up_messages(copy))
    plain = load_llama(settings)
    plain.create_chat_completion(messages=plain_messages("", []), max_tokens=1)
    pipeline = Pipeline(settings.with_(index_dir=index_dir))
    retriever = pipeline.retriever

    per_question = []
    for row in rows:
        answer = ours.ask(row["q"])
        t = answer["timings"]
        entry = {"id": row.get("id"), "q": row["q"], "abstained": answer["abstained"],
                 "quotes_s": t["quotes_s"], "retrieve_s": t["retrieve_s"], "first_token_s": t["first_token_s"],
                 "total_s": t["total_s"], "verify_s": t.get("verify_s")}
        if t["first_token_s"] is not None:  # the model was called: run the same prompt raw
            model_text = answer.get("model_text", answer["synthesis"])  # before our citation checks
            entry.update(generation_rate(raw, model_text, t["first_token_s"], t["total_s"]))
            quotes = [SimpleNamespace(n=q["n"], text=q["text"]) for q in answer["quotes"]]
            found = pipeline.find_evidence(row["q"])  # the same quotes, for the same grammar
            same = timed_chat(raw, build_messages(row["q"], quotes, copy=copy),
                              settings.generation.max_answer_tokens, settings.generation.seed,
                              grammar=pipeline.synthesis_grammar(found, found.quotes))
            entry["raw_same_prompt"] = same
            entry["same_text"] = same["text"] == model_text
        passages = [h.chunk.text for h in retriever.search(row["q"], k=plain_k)]
        entry["raw_plain_3_passages"] = timed_chat(plain, plain_messages(row["q"], passages),
                                                   settings.generation.max_answer_tokens, settings.generation.seed)
        per_question.append(entry)
        print(f"{entry['id']}: ours first token {entry['first_token_s']}, total {entry['total_s']:.2f} s; "
              f"plain 3-passage first token {entry['raw_plain_3_passages']['first_token_s']:.2f} s", flush=True)
    rss = ours.close()

    results = {"per_question": per_question, "summary": summarize(per_question), "ours_peak_rss_mb": rss}
    settings_used = {"questions": str(args.questions), "n": len(rows), "n_ctx": settings.generation.n_ctx,
                     "n_threads": settings.n_threads, "n_batch": settings.generation.n_batch,
                     "max_answer_tokens": settings.generation.max_answer_tokens,
                     "max_quotes": settings.evidence.max_quotes,
                     "plain_passages": plain_k, "same_text_compares": "model_text",
                     "model": Path(str(raw.model_path)).name}
    write_result(args.out, "latency", settings_used, results, started)
    return results


def raw_medians(rows: list[dict], engine: str) -> dict:
    """Medians of one raw engine's runs (``engine`` is the key of its runs in the rows)."""
    return {f"median_{k}": median(r[engine][k] for r in rows)
            for k in ("first_token_s", "total_s", "gen_tokens_per_s", "prompt_tokens")}


def summarize(rows: list[dict]) -> dict:
    """Medians over the questions; overheads on the questions where both engines ran."""
    llm_rows = [r for r in rows if r.get("raw_same_prompt")]
    ours_total = sum(r["total_s"] for r in llm_rows)
    raw_total = sum(r["raw_same_prompt"]["total_s"] for r in llm_rows)
    return {
        "questions": len(rows),
        "answered_by_llm": len(llm_rows),
        "median_quotes_s": median(r["quotes_s"] for r in rows),
        "median_retrieve_s": median(r["retrieve_s"] for r in rows),
        "median_first_token_s": median(r["first_token_s"] for r in llm_rows),
        "median_total_s": median(r["total_s"] for r in llm_rows),
        "median_gen_tokens_per_s": median(r.get("gen_tokens_per_s") for r in llm_rows),
        "raw_same_prompt": raw_medians(llm_rows, "raw_same_prompt"),
        "raw_plain_3_passages": raw_medians(rows, "raw_plain_3_passages"),
        # Whole answer (retrieval, quotes, synthesis, checks) over the raw engine's time for the same prompt.
        "overhead_total": (ours_total / raw_total - 1) if raw_total else None,
        "overhead_per_question_median": median(r["total_s"] / r["raw_same_prompt"]["total_s"] - 1 for r in llm_rows),
        "same_text": sum(bool(r.get("same_text")) for r in llm_rows),
    }


if __name__ == "__main__":
    main()
