"""Periksa dokumen on a two-page draft: the time from the Word file to the checked report.

The draft is two of the labelled tune drafts (tests/data/drafts.jsonl) joined, about 40
sentences, saved as a .docx; each run reads the file (python-docx), checks every sentence and
renders the HTML report. The first run includes what a pipeline builds once per index (the
office holders); the others are warm. Side by side in the same run, each checked sentence
alone through the claim checker (`rag check "…"`), so the draft's cost per sentence is a ratio
to a single claim check on this machine now, not a figure from another day. Budget (issue 16):
under 10 s for the two pages.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import ROOT, median, parser, read_jsonl, write_result
from bench.latency import seed_index

DRAFTS = ROOT / "tests" / "data" / "drafts.jsonl"
BUDGET_S = 10.0


def main(argv=None) -> dict:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    started = time.perf_counter()

    import docx

    from rag.config import Settings
    from rag.draft import read_draft
    from rag.draft_report import draft_html
    from rag.pipeline import Pipeline

    rows = [r for r in read_jsonl(DRAFTS) if r["split"] == "tune"]
    text = "\n\n".join(r["text"] for r in (rows[:1] if args.smoke else rows[:2]))
    path = Path(tempfile.mkdtemp(prefix="bench-draft-")) / "draft-two-pages.docx"
    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    document.save(path)

    settings = Settings().with_(index_dir=seed_index(Settings(), ROOT / "seeds"))
    pipeline = Pipeline(settings)
    pipeline.warm_up(llm=False)  # model loading is not part of a check's time
    runs = []
    report = None
    for _ in range(1 if args.smoke else args.runs):
        t0 = time.perf_counter()
        draft = read_draft(path, settings.draft)
        report = pipeline.check_draft(draft, source=path.name)
        draft_html(report, pipeline.index.documents)
        runs.append(time.perf_counter() - t0)
    checked = [s for s in report.sentences if s.checked]
    single = []
    for sentence in checked:
        t0 = time.perf_counter()
        pipeline.check_claim(sentence.text)
        single.append(time.perf_counter() - t0)
    warm = runs[1:] or runs
    per_sentence = median(warm) / max(1, len(checked))
    results = {"sentences": len(report.sentences), "checked": len(checked), "words": len(text.split()),
               "first_run_s": round(runs[0], 3), "median_warm_s": round(median(warm), 3),
               "max_s": round(max(runs), 3), "budget_s": BUDGET_S, "within_budget": max(runs) < BUDGET_S,
               "median_single_claim_s": round(median(single), 4),
               "per_checked_sentence_s": round(per_sentence, 4),
               "per_sentence_ratio_to_single_claim": round(per_sentence / median(single), 2),
               "runs_s": [round(r, 3) for r in runs], "counts": report.counts()}
    print(f"draft: {results['sentences']} sentences ({results['checked']} checked), first run "
          f"{results['first_run_s']:.2f} s, warm median {results['median_warm_s']:.2f} s, max {results['max_s']:.2f} s "
          f"(budget {BUDGET_S:.0f} s); per checked sentence {per_sentence * 1000:.0f} ms = "
          f"{results['per_sentence_ratio_to_single_claim']:.2f}x a single claim check")
    write_result(Path(args.out), "draft", {"runs": len(runs), "drafts_joined": 1 if args.smoke else 2}, results,
                 started)
    return results


if __name__ == "__main__":
    main()
