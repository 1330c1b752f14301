"""The whole corpus read once and saved as model state, against our retrieval prompt.

For a corpus that fits in the context window, the model could read every passage once (at
index time), save its state (llama-cpp-python's save_state), and answer each question from
that state, reading only the question's own tokens. The script does exactly that with the seed
corpus (its articles cut into numbered passages without overlap, in our prompt format), then
answers the seed questions both ways in one run and compares time and quality:

- time: reading the corpus once, the state's size, loading it, then per question the time to
  first token and the total;
- quality: fact coverage of the model's own text (rag.eval.fact_coverage on the synthesis
  only, since the retrieval answer also shows quotes) and citation precision (cited passages
  that hold the question's evidence phrase) over the answerable questions; for unanswerable
  ones, whether an [n] was cited at all.
"""

from __future__ import annotations

import pickle
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from bench.common import ROOT, SHARED_DIR, median, parser, read_jsonl, write_result
from bench.engine import load_llama, timed_chat
from bench.latency import seed_index


def corpus_passages(index, words: int, documents: int | None = None) -> list[str]:
    from rag.chunk import chunk_document
    from rag.config import ChunkConfig

    docs = sorted(index.documents.values(), key=lambda d: len(d.text))[:documents] if documents \
        else list(index.documents.values())
    return [c.text for d in docs for c in chunk_document(d.doc_id, d.title, d.text,
                                                                   ChunkConfig(words=words, overlap_sentences=0))]


def quality(rows: list[dict], answers: dict, cited_texts) -> dict:
    from rag.cite import cited_numbers
    from rag.eval import fact_coverage, supports

    answerable = [r for r in rows if r.get("answerable", True)]
    cited = [t for r in answerable for t in cited_texts(r)]
    return {
        "synthesis_fact_coverage": sum(fact_coverage(answers[r["id"]], r["facts"]) for r in answerable)
        / max(1, len(answerable)),
        "citation_precision": (sum(supports(t, r["evidence"]) for r in answerable for t in cited_texts(r))
                               / len(cited)) if cited else None,
        "unanswerable_cited": sum(bool(cited_numbers(answers[r["id"]])) for r in rows if not r.get("answerable", True)),
        "unanswerable": sum(not r.get("answerable", True) for r in rows),
    }


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--passage-words", type=int, default=150)
    args = p.parse_args(argv)
    started = time.perf_counter()

    from rag.cite import cited_numbers
    from rag.prompt import build_messages
    from rag.pipeline import Pipeline
    from rag.config import Settings

    settings = Settings()
    pipeline = Pipeline(settings.with_(index_dir=seed_index(settings, ROOT / "seeds")))
    rows = read_jsonl(SHARED_DIR / "eval" / "dev_qa.jsonl")
    rows = rows[:1] if args.smoke else rows
    passages = corpus_passages(pipeline.index, args.passage_words, 1 if args.smoke else None)
    as_quotes = [SimpleNamespace(n=n, text=t) for n, t in enumerate(passages, 1)]
    n_ctx = 6144

    reader = load_llama(settings, n_ctx=n_ctx)
    t0 = time.perf_counter()
    reader.create_chat_completion(messages=build_messages("", as_quotes), max_tokens=1)
    read_s = time.perf_counter() - t0
    corpus_tokens = int(reader.n_tokens)
    with tempfile.TemporaryDirectory() as tmp:
        state_file = Path(tmp) / "corpus.state"
        t0 = time.perf_counter()
        state_file.write_bytes(pickle.dumps(reader.save_state()))
        save_s = time.perf_counter() - t0
        state_bytes = state_file.stat().st_size
        del reader
        answerer = load_llama(settings, n_ctx=n_ctx)
        t0 = time.perf_counter()
        answerer.load_state(pickle.loads(state_file.read_bytes()))
        load_s = time.perf_counter() - t0

    state_answers, ours_answers, per_question = {}, {}, []
    for row in rows:
        run = timed_chat(answerer, build_messages(row["q"], as_quotes), settings.generation.max_answer_tokens,
                         settings.generation.seed)
        state_answers[row["id"]] = run["text"]
        answer = pipeline.ask(row["q"])
        ours_answers[row["id"]] = answer
        per_question.append({"id": row["id"], "state": {k: run[k] for k in ("first_token_s", "total_s", "text")},
                             "ours": {"first_token_s": answer.timings["first_token_s"],
                                      "total_s": answer.timings["total_s"], "text": answer.synthesis,
                                      "abstained": answer.abstained}})
        print(row["id"], f"state {run['first_token_s']:.1f}/{run['total_s']:.1f} s;",
              f"ours {answer.timings['first_token_s'] or 0:.1f}/{answer.timings['total_s']:.1f} s", flush=True)

    def state_cited(row):
        return [passages[n - 1] for n in cited_numbers(state_answers[row["id"]]) if 0 < n <= len(passages)]

    results = {
        "passages": len(passages), "corpus_prompt_tokens": corpus_tokens, "read_once_s": read_s,
        "state_bytes": state_bytes, "save_s": save_s, "load_s": load_s,
        "state": {"median_first_token_s": median(e["state"]["first_token_s"] for e in per_question),
                  "median_total_s": median(e["state"]["total_s"] for e in per_question),
                  **quality(rows, state_answers, state_cited)},
        "ours": {"median_first_token_s": median(e["ours"]["first_token_s"] for e in per_question),
                 "median_total_s": median(e["ours"]["total_s"] for e in per_question
                                          if e["ours"]["first_token_s"] is not None),
                 **quality(rows, {k: a.synthesis for k, a in ours_answers.items()},
                           lambda r: [c.text for c in ours_answers[r["id"]].citations]),
                 "abstained": sum(a.abstained for a in ours_answers.values())},
        "per_question": per_question,
    }
    write_result(args.out, "corpus_state", {"n_ctx": n_ctx, "passage_words": args.passage_words,
                                            "n_threads": settings.n_threads, "n_batch": settings.generation.n_batch,
                                            "questions": len(rows)}, results, started)
    return results


if __name__ == "__main__":
    main()
