"""Latihan: a practice bank built from the external passages, timed, with the share that survives.

The 6,019 TyDi QA / FacQA passages (../shared/eval/external/corpus.jsonl) are indexed once (the
cached evaluation index) and `rag latihan build` runs over them: every template item is made,
then asked through the product (its question must find its passage among the first three; the
quotes must hold a short key). Reported: items made and kept, per kind, why the others were
dropped, and items per minute on this machine (candidates and validation timed apart). Wikipedia
passages quote few officials, so the "siapa yang mengatakan" and "apa kata" kinds are rare
there; the numbers and names of the cloze and true/false items are not.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import SHARED_DIR, parser, write_result


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=SHARED_DIR / "eval" / "external" / "corpus.jsonl")
    p.add_argument("--passages", type=int, help="only this many passages (default: all; --smoke: 40)")
    args = p.parse_args(argv)
    started = time.perf_counter()

    from rag.config import Settings
    from rag.indexer import cached_index
    from rag.latihan import BankBuilder
    from rag.pipeline import Pipeline

    settings = Settings()
    built = Pipeline(settings)
    pipeline = Pipeline(cached_index([args.corpus], settings, built.index_embedder))
    pipeline.warm_up(llm=False)
    limit = 40 if args.smoke else args.passages
    doc_ids = sorted(pipeline.index.documents)[:limit] if limit else None
    builder = BankBuilder(pipeline, settings.latihan)

    t0 = time.perf_counter()
    made = builder.candidates(doc_ids)
    candidates_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    items, stats = builder.build(doc_ids=doc_ids)
    build_s = time.perf_counter() - t0
    passages = len(doc_ids) if doc_ids else len(pipeline.index.documents)
    results = {"passages": passages, "made": stats["made"], "kept": stats["kept"], "merged": stats["merged"],
               "dropped": stats["dropped"], "per_kind": stats["per_kind"],
               "survival": round(stats["kept"] / stats["made"], 3) if stats["made"] else None,
               "candidates_s": round(candidates_s, 2), "build_s": round(build_s, 1),
               "items_per_minute": round(60 * stats["kept"] / build_s, 1) if build_s else None,
               "examples": [i.to_dict() for i in items[:8]]}
    assert len(made) == stats["made"]
    print(f"latihan: {passages} passages -> {stats['made']} items made, {stats['kept']} kept "
          f"({results['survival']:.0%}) in {build_s:.0f} s = {results['items_per_minute']} items/min; "
          f"per kind {stats['per_kind']}; dropped {stats['dropped']}")
    write_result(Path(args.out), "latihan", {"passages": passages}, results, started)
    return results


if __name__ == "__main__":
    main()
