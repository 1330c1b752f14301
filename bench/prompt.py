"""Prompt processing: how time to first token grows with the context given to the model.

On 2 CPU cores the model reads a prompt at about 20 tokens/s, so the context decides how long a
user waits. With our prompt (system prompt, worked example, fenced numbered texts, question),
the script measures time to first token (TTFT) and prompt tokens for:

- passages: the top 1, 3, 5, 8 retrieved chunks, against the quotes our pipeline selects;
- chunk size: 3 chunks of the seeds re-chunked at 50, 100, 150, 250 words;
- the constant prefix: the same 3-passage prompt with the prefix's KV cache and with none
  (the first with a different prompt in the cache before it, as between two questions);
- threads, batch size and flash attention (n_threads, n_batch, flash_attn) on the quotes' prompts
  of every answerable seed question.

Beside the cost it measures what a context holds: the share of answerable seed questions whose
evidence phrase is in it (rag.eval.supports), for every passage count, chunk size and the quotes.
The defaults are read off these curves (the report says which).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

from bench.common import ROOT, SHARED_DIR, parser, read_jsonl, write_result
from bench.engine import load_llama, model_path, time_to_first_token
from bench.latency import seed_index

PASSAGES = (1, 3, 5, 8)
CHUNK_WORDS = (50, 100, 150, 250)
# (n_threads, n_batch, flash_attn)
THREADS_BATCH = ((1, 64, False), (2, 32, False), (2, 64, False), (2, 96, False), (2, 128, False),
                 (2, 256, False), (2, 512, False), (2, 64, True))


def as_quotes(texts: list[str]) -> list:
    return [SimpleNamespace(n=n, text=t) for n, t in enumerate(texts, 1)]


def rechunked(index, words: int) -> list:
    from rag.chunk import chunk_document
    from rag.config import ChunkConfig

    chunks = []
    for doc in index.documents.values():
        chunks += chunk_document(doc.doc_id, doc.title, doc.text, ChunkConfig(words=words, overlap_sentences=1))
    return chunks


def lexical_top(question: str, chunks: list, k: int) -> list[str]:
    """The ``k`` chunks sharing most content words with the question (enough to pick relevant
    chunks of a given size; the cost curve depends on their length, not their rank)."""
    from rag.lang import content_terms

    terms = content_terms(question)
    ranked = sorted(chunks, key=lambda c: -len(terms & content_terms(c.text)))
    return [c.text for c in ranked[:k]]


def evidence_recall(rows: list[dict], contexts) -> float:
    """Share of questions whose evidence phrase is inside the context chosen for them."""
    from rag.eval import supports

    return sum(supports(" ".join(contexts(r)), r["evidence"]) for r in rows) / len(rows)


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--questions", type=int, default=2, help="seed questions timed per curve")
    args = p.parse_args(argv)
    started = time.perf_counter()

    from rag.backends.llama_cpp import warm_prefix
    from rag.prompt import build_messages, warm_up_messages
    from rag.pipeline import Pipeline
    from rag.config import Settings

    settings = Settings()
    pipeline = Pipeline(settings.with_(index_dir=seed_index(settings, ROOT / "seeds")))
    rows = [r for r in read_jsonl(SHARED_DIR / "eval" / "dev_qa.jsonl") if r.get("answerable", True)]
    passages = (1,) if args.smoke else PASSAGES
    chunk_words = (50,) if args.smoke else CHUNK_WORDS
    grid = THREADS_BATCH[:1] if args.smoke else THREADS_BATCH
    timed = rows[:1 if args.smoke else args.questions]

    hits = {r["id"]: pipeline.search(r["q"], k=max(PASSAGES)) for r in rows}
    quotes = {r["id"]: [q.text for q in pipeline.find_evidence(r["q"]).quotes] for r in rows}
    index = pipeline.index
    by_size = {w: rechunked(index, w) for w in chunk_words}

    reader = load_llama(settings, n_ctx=4096)
    warm_prefix(reader, warm_up_messages())
    prefix_only = reader.save_state()

    def ttft(question: str, texts: list[str], cached: bool = True, llm=reader) -> dict:
        """Time to first token from a KV cache holding the constant prefix only (or nothing):
        without the reset, a prompt sharing its first passages with the previous one would
        reuse them and look cheaper than it is."""
        if cached:
            llm.load_state(prefix_only)
        else:
            llm.reset()
        seconds, tokens = time_to_first_token(llm, build_messages(question, as_quotes(texts)))
        return {"ttft_s": seconds, "prompt_tokens": tokens}

    curves = {"passages": [], "chunk_words": [], "prefix_cache": [], "threads_batch": []}
    for row in timed:
        curves["passages"].append({"id": row["id"], "context": "quotes", "n": len(quotes[row["id"]]),
                                   **ttft(row["q"], quotes[row["id"]])})
        for k in passages:
            texts = [h.chunk.text for h in hits[row["id"]][:k]]
            curves["passages"].append({"id": row["id"], "context": "passages", "n": k, **ttft(row["q"], texts)})
            print(f"{row['id']} {k} passages: {curves['passages'][-1]}", flush=True)
        for words in chunk_words:
            texts = lexical_top(row["q"], by_size[words], 3)
            curves["chunk_words"].append({"id": row["id"], "words": words, **ttft(row["q"], texts)})
            print(f"{row['id']} 3 chunks of {words} words: {curves['chunk_words'][-1]}", flush=True)
        texts = [h.chunk.text for h in hits[row["id"]][:1 if args.smoke else 3]]
        for cached in (True, False):
            curves["prefix_cache"].append({"id": row["id"], "passages": len(texts), "cached": cached,
                                           **ttft(row["q"], texts, cached)})
    del reader

    # Every engine setting on the prompts the product sends (the quotes), from the prefix-only
    # cache; the settings take turns on each question so that machine noise hits them alike.
    engines = []
    for threads, batch, flash in grid:
        llm = load_llama(settings, n_threads=threads, n_threads_batch=threads, n_batch=batch, flash_attn=flash)
        warm_prefix(llm, warm_up_messages())
        engines.append(((threads, batch, flash), llm, llm.save_state()))
    for turn, row in enumerate(rows[:1] if args.smoke else rows):
        for (threads, batch, flash), llm, state in (engines if turn % 2 == 0 else engines[::-1]):
            llm.load_state(state)
            seconds, tokens = time_to_first_token(llm, build_messages(row["q"], as_quotes(quotes[row["id"]])))
            curves["threads_batch"].append({"id": row["id"], "n_threads": threads, "n_batch": batch,
                                            "flash_attn": flash, "ttft_s": seconds, "prompt_tokens": tokens})
        print(f"{row['id']} engine settings: " + ", ".join(f"{g['n_batch']}/{g['ttft_s']:.2f}s"
                                                         for g in curves["threads_batch"][-len(engines):]), flush=True)
    del engines

    recall = {"quotes": evidence_recall(rows, lambda r: quotes[r["id"]])}
    for k in PASSAGES:
        recall[f"passages_{k}"] = evidence_recall(rows, lambda r: [h.chunk.text for h in hits[r["id"]][:k]])
    for words in chunk_words:
        recall[f"chunks3_{words}w"] = evidence_recall(rows, lambda r: lexical_top(r["q"], by_size[words], 3))

    results = {"curves": curves, "evidence_recall": recall, "answerable_questions": len(rows)}
    write_result(args.out, "prompt", {"n_ctx": 4096, "n_threads": settings.n_threads,
                                      "n_batch": settings.generation.n_batch,
                                      "max_quotes": settings.evidence.max_quotes,
                                      "timed_questions": [r["id"] for r in timed],
                                      "model": model_path(settings).name}, results, started)
    return results


if __name__ == "__main__":
    main()
