"""Free against copy-constrained synthesis, side by side, question by question, in one run.

For each seed question the quotes are found once, then each synthesis writes from them in turn
(the order rotates from question to question, so no mode always runs first on a warm machine),
each from its own constant prompt prefix restored in the model's KV cache, as in the app, where
one mode runs and its prefix stays cached. ``free`` and ``copy`` share one loaded model; without
the restore each re-evaluated the other's prefix from where the two differ (the copy instruction
and example, 37 tokens longer), which the earlier runs counted as a first-token cost of
copying (+0.55 s on qa_new19; with each prefix restored, -0.13 to +0.05 s per question on ten
qa_new19 questions, timed side by side):

- ``free``: the model writes freely, the support check drops what its quotes do not back;
- ``copy``: the model may write only frames and clauses copied from one quote (rag/copy_grammar.py);
- ``copy-small``: the same with a second GGUF (``--small-model``, e.g. the 0.5B model), when given.

Per mode: time to first token and total (from the quotes to the checked answer), the sentences
shown, answers refused after the synthesis, and fact coverage of the synthesis alone. The time
ratios copy/free are medians of per-question ratios, which the machine's noise touches less than
a ratio of medians. Whether the shown sentences are faithful is judged by reading the texts kept
in the JSON result (``per_question``), not here.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import ROOT, SHARED_DIR, median, parser, read_jsonl, write_result
from bench.latency import seed_index

QUESTION_FILES = (SHARED_DIR / "eval" / "dev_qa.jsonl", ROOT / "tests" / "data" / "qa_heldout.jsonl",
                  ROOT / "tests" / "data" / "qa_new.jsonl")


def _write(pipeline, found, synthesize_from) -> dict:
    """One synthesis of ``found``'s quotes by ``pipeline``; the measures of it."""
    import dataclasses

    from rag.eval import fact_coverage

    answer = dataclasses.replace(found, timings=dict(found.timings, first_token_s=None), sentences=[], citations=[],
                                 quotes=list(found.quotes), quote_citations=list(found.quote_citations))
    pipeline.warm_up_llm()
    started = time.perf_counter()
    for event in pipeline.write_stream(answer):
        answer = event.answer or answer
    total = time.perf_counter() - started
    shown = [s.text for s in answer.sentences if s.supported] if answer.synthesis else []
    return {"first_token_s": answer.timings.get("first_token_s"), "total_s": round(total, 3),
            "abstained": answer.abstained, "withheld": answer.synthesis_withheld, "synthesis": answer.synthesis,
            "model_text": answer.model_text, "shown": shown,
            "fact_coverage": fact_coverage(answer.synthesis, synthesize_from.get("facts", []))}


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--small-model", type=Path, help="a second GGUF for copy-constrained synthesis (e.g. 0.5B)")
    p.add_argument("--files", nargs="*", type=Path, help="question files (default: dev_qa, qa_heldout, qa_new)")
    args = p.parse_args(argv)
    started = time.perf_counter()

    from rag.config import Settings
    from rag.pipeline import Pipeline

    rows = [r for path in (args.files or QUESTION_FILES) if path.is_file() for r in read_jsonl(path)]
    rows = rows[:1] if args.smoke else rows
    settings = Settings()
    settings = settings.with_(index_dir=seed_index(settings, ROOT / "seeds"))
    free = Pipeline(settings.with_(generation={"synthesis": "free"}))
    modes = {"free": free,
             "copy": Pipeline(settings.with_(generation={"synthesis": "copy"}), generator=free.generator)}
    if args.small_model and not args.smoke:
        modes["copy-small"] = Pipeline(settings.with_(generation={"synthesis": "copy", "llm_path": args.small_model}))
    for pipeline in modes.values():
        pipeline.warm_up()
    names = list(modes)
    per_question = []
    for i, row in enumerate(rows):
        found = free.find_evidence(row["q"])
        entry = {"id": row.get("id"), "q": row["q"], "answerable": row.get("answerable", True),
                 "refused_before": found.abstained, "quotes": [q.text for q in found.quotes], "modes": {}}
        if not found.abstained:
            for name in names[i % len(names):] + names[:i % len(names)]:
                entry["modes"][name] = _write(modes[name], found, row)
        per_question.append(entry)
        print(f"{i + 1}/{len(rows)} {row.get('id')}", flush=True)

    written = [e for e in per_question if e["modes"]]
    summary = {}
    for name in names:
        results = [e["modes"][name] for e in written]
        answerable = [e["modes"][name] for e in written if e["answerable"]]
        summary[name] = {
            "median_first_token_s": median([r["first_token_s"] for r in results]),
            "median_total_s": median([r["total_s"] for r in results]),
            "sentences_shown": sum(len(r["shown"]) for r in results),
            "refused_after_synthesis": sum(r["abstained"] for r in results),
            "withheld": sum(r["withheld"] for r in results),
            "fact_coverage_synthesis": round(sum(r["fact_coverage"] for r in answerable) / max(1, len(answerable)), 3),
        }
        if name != "free":
            pairs = [(e["modes"][name], e["modes"]["free"]) for e in written]
            summary[name]["first_token_ratio_to_free"] = median(
                [a["first_token_s"] / b["first_token_s"] for a, b in pairs
                 if a["first_token_s"] and b["first_token_s"]])
            summary[name]["total_ratio_to_free"] = median(
                [a["total_s"] / b["total_s"] for a, b in pairs if b["total_s"]])
    results = {"questions": len(rows), "refused_before_synthesis": len(rows) - len(written), "summary": summary,
               "per_question": per_question}
    for name, values in summary.items():
        print(name, values)
    write_result(args.out, "synthesis", {"modes": names, "small_model": str(args.small_model or "")}, results,
                 started)
    return results


if __name__ == "__main__":
    main()
