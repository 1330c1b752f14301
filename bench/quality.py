"""Retrieval quality on ../shared/eval/external (6,019 Indonesian passages, 707 questions):
R@1/5/20, MRR@10 and nDCG@10 for BM25, dense and hybrid, with the time per query of each
(rag.eval.eval_external, what `rag eval` runs). No reranker can be had offline
(../shared/models.md: no package carries a multilingual cross-encoder), so there is no
"hybrid + rerank" row.

The same on the PostgreSQL store (issue 18), on the embedded server: dense is the same vectors
(pgvector's HNSW), the lexical side BM25 over PostgreSQL's ``indonesian`` lexemes instead of
bm25s over rag.lang's stems. The server's data folder is kept in the cache folder, so the
passages are embedded into it once (about 6 minutes).
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from bench.common import SHARED_DIR, parser, read_jsonl, write_result

RERANK_NOTE = ("no reranker is available offline: no PyPI package carries a multilingual cross-encoder's "
               "weights (FlashRank and the like download at run time)")


def smoke_set(folder: Path, questions: int = 10, distractors: int = 150) -> tuple[list[dict], Path]:
    """A small slice: the first questions, their gold passages and the first other passages."""
    external = SHARED_DIR / "eval" / "external"
    rows = read_jsonl(external / "questions_dev.jsonl")[:questions]
    gold = {pid for r in rows for pid in r["positive_ids"]}
    corpus = folder / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as fh:
        for i, passage in enumerate(read_jsonl(external / "corpus.jsonl")):
            if passage["id"] in gold or i < distractors:
                fh.write(json.dumps(passage, ensure_ascii=False) + "\n")
    return rows, corpus


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    args = p.parse_args(argv)
    started = time.perf_counter()

    from rag.eval import eval_external
    from rag.config import Settings

    settings = Settings()
    external = SHARED_DIR / "eval" / "external"
    with tempfile.TemporaryDirectory() as tmp:
        if args.smoke:
            rows, corpus = smoke_set(Path(tmp))
        else:
            rows, corpus = read_jsonl(external / "questions_dev.jsonl"), external / "corpus.jsonl"
        result = eval_external(rows, corpus, settings, ("bm25", "dense", "hybrid"))
        print(result["table"], flush=True)
        from rag.backends.pgvector import embedded_server

        data = Path(tmp) / "postgres" if args.smoke else settings.cache_dir / "bench" / "postgres"
        on_postgres = eval_external([dict(r) for r in rows], corpus,
                                    settings.with_(index={"store": embedded_server(data)}), ("bm25", "dense", "hybrid"))
        print("on the PostgreSQL store:\n" + on_postgres["table"], flush=True)
    results = {"questions": result["questions"], "chunks": result["chunks"], "modes": result["retrieval"],
               "postgresql": on_postgres["retrieval"], "rerank": RERANK_NOTE}
    write_result(args.out, "quality", {"top_k_scored": 60, "candidates": settings.retrieval.candidates,
                                       "rrf_k": settings.retrieval.rrf_k, "chunk_words": settings.chunking.words,
                                       "smoke": args.smoke}, results, started)
    return results


if __name__ == "__main__":
    main()
