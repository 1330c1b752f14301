"""Evaluation on the question files of ../shared/eval (both formats).

Seed set (``dev_qa.jsonl``: q, evidence, facts, answerable): retrieval hit@1/3/5 per mode,
then for the answers: fact coverage, citation precision and abstention accuracy.
External set (``questions_dev.jsonl``: question, positive_ids, with ``corpus.jsonl``):
R@1/5/20, MRR@10 and nDCG@10 per mode at passage level, with the time per query.
IDK-MRC (``idk_mrc_train.jsonl``: question, positive_ids, answerable): how often the answer is
refused, per kind of question, on one part (rag/answerability_training.py: tune or holdout).
Faithfulness set (``tests/data/faithfulness.jsonl``): the support check per kind of sentence.
"""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path

import numpy as np

from rag.config import Settings
from rag.errors import InputError
from rag.indexer import cached_index
from rag.lang import expand_query

DEFAULT_EXTERNAL_CORPUS = Path("../shared/eval/external/corpus.jsonl")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def supports(text: str, evidence: list[str]) -> bool:
    """A passage supports a question when it contains one of its evidence phrases."""
    t = _norm(text)
    return any(_norm(e) in t for e in evidence)


def fact_coverage(text: str, facts: list[list[str]]) -> float:
    """Share of fact groups with at least one alternative in ``text`` (1.0 when there are none)."""
    if not facts:
        return 1.0
    t = _norm(text)
    return sum(any(_norm(alt) in t for alt in group) for group in facts) / len(facts)


def _read_jsonl(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read the question file ({exc}).") from None


def run_eval(path: Path, settings: Settings, corpus: Path | None = None, modes=("bm25", "dense", "hybrid"),
             with_llm: bool = True, limit: int | None = None, progress=None, split: str | None = None) -> dict:
    """Evaluate on a question file of either format; ``progress`` is passed to the build of the
    external set's index (the first run embeds 6,019 passages: minutes)."""
    rows = _read_jsonl(path)
    if rows and "answerable" in rows[0] and "positive_ids" in rows[0]:
        return eval_answerability(path, settings, corpus or path.parent / "corpus.jsonl", split or "tune", limit,
                                  with_llm, progress)
    if split is not None:
        rows = [r for r in rows if r.get("split") == split]
    rows = rows[:limit] if limit else rows
    if not rows:
        raise InputError(f"{path}: no rows in the file" + (f" with split '{split}'." if split else "."))
    for mode in modes:
        if mode not in ("bm25", "dense", "hybrid"):
            raise InputError(f"unknown retrieval mode '{mode}': use bm25, dense or hybrid.")
    if "positive_ids" in rows[0]:
        corpus = corpus or path.parent / "corpus.jsonl"
        return eval_external(rows, corpus, settings, modes, progress)
    if "claim" in rows[0] and "verdict" in rows[0]:
        return eval_claims(rows, settings)
    if "evidence" in rows[0] and "q" in rows[0]:
        return eval_seed(rows, settings, modes, with_llm)
    if "sentence" in rows[0] and "label" in rows[0]:
        return eval_faithfulness(rows, settings, corpus or DEFAULT_EXTERNAL_CORPUS, progress)
    if "sentences" in rows[0] and "text" in rows[0]:
        return eval_drafts(rows, settings)
    if "jawaban_peserta" in rows[0]:
        return eval_latihan_answers(rows, settings, corpus or path.parent / "latihan_answers_bank.jsonl")
    raise InputError(f"{path}: rows of no known kind: questions (q, evidence), external questions (question, "
                     "positive_ids), claims (claim, verdict), faithfulness (sentence, label), drafts (text, "
                     "sentences) or trainee answers (jawaban_peserta).")


def claim_checks(pipeline, rows: list[dict]):
    """Each labelled claim row with the checker's result for it."""
    for row in rows:
        yield row, pipeline.check_claim(row["claim"])


def eval_claims(rows: list[dict], settings: Settings) -> dict:
    """The claim checker (`rag check`) on labelled claims (tests/data/claims*.jsonl): verdicts as
    labelled, per kind of claim."""
    from collections import defaultdict

    from rag.pipeline import Pipeline

    pipeline = Pipeline(settings)
    pipeline.warm_up(llm=False)
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    outcomes = []
    for row, check in claim_checks(pipeline, rows):
        right = check.verdict == row["verdict"]
        per_kind[row.get("kind", "?")][0] += right
        per_kind[row.get("kind", "?")][1] += 1
        outcomes.append({"id": row.get("id"), "claim": row["claim"], "expected": row["verdict"], "got": check.verdict,
                         "right": right})
    right = sum(o["right"] for o in outcomes)
    table = "\n".join(f"{kind:24} {r}/{n}" for kind, (r, n) in sorted(per_kind.items()))
    return {"set": "claims", "claims": len(rows), "right": right, "per_kind": dict(per_kind), "outcomes": outcomes,
            "table": f"claims: {right}/{len(rows)} as labelled\n{table}"}


# ----------------------------------------------------------------------------- seed set


def eval_seed(rows: list[dict], settings: Settings, modes, with_llm: bool) -> dict:
    from rag.pipeline import Pipeline

    pipeline = Pipeline(settings)
    pipeline.warm_up(llm=with_llm)  # model loading is not part of any answer's time
    retriever = pipeline.retriever
    answerable = [r for r in rows if r.get("answerable", True)]
    retrieval = {}
    for mode in modes:
        hits_at = {1: 0, 3: 0, 5: 0}
        for row in answerable:
            hits = retriever.search(row["q"], k=5, mode=mode)
            for k in hits_at:
                hits_at[k] += any(supports(h.chunk.text, row["evidence"]) for h in hits[:k])
        retrieval[mode] = {f"hit@{k}": v / max(1, len(answerable)) for k, v in hits_at.items()}

    per_question = []
    for row in rows:
        started = time.perf_counter()
        answer = pipeline.ask(row["q"], synthesize=with_llm)
        entry = {"id": row.get("id"), "q": row["q"], "answerable": row.get("answerable", True),
                 "abstained": answer.abstained, "reason": answer.reason, "answer": answer.answer,
                 "sentences": [s.to_dict() for s in answer.sentences],
                 "seconds": round(time.perf_counter() - started, 2), "timings": answer.timings}
        if row.get("answerable", True):
            cited = [c.text for c in answer.citations]
            entry["fact_coverage"] = 0.0 if answer.abstained else fact_coverage(answer.answer, row["facts"])
            entry["synthesis_coverage"] = 0.0 if answer.abstained else fact_coverage(answer.synthesis, row["facts"])
            entry["cited"] = len(cited)
            entry["cited_supporting"] = sum(supports(t, row["evidence"]) for t in cited)
            entry["quote_support"] = any(supports(q.text, row["evidence"]) for q in answer.quotes)
        per_question.append(entry)

    ans = [e for e in per_question if e["answerable"]]
    unans = [e for e in per_question if not e["answerable"]]
    cited = sum(e["cited"] for e in ans)
    summary = {
        "questions": len(rows),
        "fact_coverage": _mean(e["fact_coverage"] for e in ans),
        "synthesis_fact_coverage": _mean(e["synthesis_coverage"] for e in ans) if with_llm else None,
        "citation_precision": (sum(e["cited_supporting"] for e in ans) / cited) if cited else None,
        "quote_support": _mean(float(e["quote_support"]) for e in ans),
        "abstention_accuracy": _mean(float(e["abstained"]) for e in unans) if unans else None,
        # synthesis sentences that a cited quote backs, by the support check (rag/verify.py)
        "sentences_supported": _mean(float(s["supported"]) for e in ans for s in e["sentences"])
        if any(e["sentences"] for e in ans) else None,
        "false_abstentions": sum(e["abstained"] for e in ans),
        "median_quotes_s": float(np.median([e["timings"]["quotes_s"] for e in per_question])),
        # answered questions only: an abstention takes milliseconds and would flatter the median
        "median_total_s": float(np.median([e["timings"]["total_s"] for e in ans if not e["abstained"]] or [0.0])),
    }
    first = [e["timings"]["first_token_s"] for e in per_question if e["timings"].get("first_token_s")]
    summary["median_first_token_s"] = float(np.median(first)) if first else None
    lines = ["retrieval (answerable questions): " + ", ".join(
        f"{m} " + " ".join(f"{k}={v:.3f}" for k, v in r.items()) for m, r in retrieval.items())]
    lines.append("answers: " + ", ".join(f"{k}={_fmt(v)}" for k, v in summary.items()))
    return {"set": "seed", "retrieval": retrieval, "answers": summary, "per_question": per_question,
            "table": "\n".join(lines)}


# ----------------------------------------------------------------------------- external set


def eval_external(rows: list[dict], corpus: Path, settings: Settings, modes, progress=None) -> dict:
    from rag.pipeline import Pipeline

    # Built by the indexing embedder, queried by the question-time one: as the product does.
    pipeline = Pipeline(settings)
    pipeline = Pipeline(cached_index([corpus], settings, pipeline.index_embedder, progress))
    retriever, embedder = pipeline.retriever, pipeline.embedder
    questions = [r["question"] for r in rows]
    started = time.perf_counter()
    vectors = embedder.embed_queries([expand_query(q) for q in questions])
    embed_s = (time.perf_counter() - started) / len(rows)
    _ = retriever.lexical  # built before timing

    results = {}
    for mode in modes:
        metrics = {"R@1": 0.0, "R@5": 0.0, "R@20": 0.0, "MRR@10": 0.0, "nDCG@10": 0.0}
        started = time.perf_counter()
        for row, vector in zip(rows, vectors):
            hits = retriever.search(row["question"], k=60, mode=mode, query_vector=vector[None, :])
            ranking = list(dict.fromkeys(h.chunk.doc_id for h in hits))
            gold = set(row["positive_ids"])
            for k in (1, 5, 20):
                metrics[f"R@{k}"] += len(gold & set(ranking[:k])) / len(gold)
            for rank, doc_id in enumerate(ranking[:10], 1):
                if doc_id in gold:
                    metrics["MRR@10"] += 1.0 / rank
                    break
            dcg = sum(1.0 / math.log2(r + 1) for r, d in enumerate(ranking[:10], 1) if d in gold)
            ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(gold), 10) + 1))
            metrics["nDCG@10"] += dcg / ideal
        seconds = (time.perf_counter() - started) / len(rows) + (embed_s if mode != "bm25" else 0.0)
        results[mode] = {k: round(v / len(rows), 4) for k, v in metrics.items()}
        results[mode]["ms_per_query"] = round(seconds * 1000, 2)
    header = f"{'mode':8} " + " ".join(f"{k:>8}" for k in next(iter(results.values())))
    lines = [f"external set: {len(rows)} questions, {len(retriever.index.chunks)} chunks", header]
    for mode, r in results.items():
        lines.append(f"{mode:8} " + " ".join(f"{v:8.3f}" if isinstance(v, float) else f"{v:8}" for v in r.values()))
    return {"set": "external", "questions": len(rows), "chunks": len(retriever.index.chunks), "retrieval": results,
            "table": "\n".join(lines)}


# ----------------------------------------------------------------------------- drafts

# A planted error is caught when the checker does not call its sentence didukung.
_CONTRADICTIONS = ("bertentangan",)


def _aligned(sentences, start: int, end: int):
    """The checked sentence that overlaps a labelled span [start, end) the most."""
    return max(sentences, key=lambda s: min(s.end, end) - max(s.start, start))


def eval_drafts(rows: list[dict], settings: Settings) -> dict:
    """Periksa dokumen on labelled drafts (tests/data/drafts.jsonl): per-sentence accuracy (checked
    or not, and the verdict), per kind of planted error; quotation statuses; planted quotation
    changes caught; contradictions judged didukung; time per draft."""
    from collections import defaultdict

    from rag.pipeline import Pipeline

    pipeline = Pipeline(settings)
    pipeline.warm_up(llm=False)
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    quote_status = [0, 0]
    changed_caught = [0, 0]
    contradiction_supported = 0
    outcomes, seconds = [], []
    for row in rows:
        report = pipeline.check_draft(row["text"], source=row.get("id", "draft"))
        seconds.append(report.seconds)
        cursor = 0
        for label in row["sentences"]:
            start = row["text"].index(label["text"], cursor)
            end = cursor = start + len(label["text"])
            got = _aligned(report.sentences, start, end)
            verdict = got.verdict if got.checked else None
            right = got.checked == label["checked"] and verdict == label["verdict"]
            per_kind[label["kind"]][0] += right
            per_kind[label["kind"]][1] += 1
            outcome = {"draft": row.get("id"), "text": label["text"], "kind": label["kind"],
                       "expected": label["verdict"], "got": verdict, "right": right, "reasons": got.reasons}
            if label.get("quote"):
                status = got.quote.status if got.quote else None
                quote_status[0] += status == label["quote"]["status"]
                quote_status[1] += 1
                outcome.update(expected_quote=label["quote"]["status"], got_quote=status)
                if label["quote"]["status"] == "diubah":
                    changed_caught[0] += status == "diubah"
                    changed_caught[1] += 1
            if label["verdict"] in _CONTRADICTIONS and verdict == "didukung":
                contradiction_supported += 1
            outcomes.append(outcome)
    right = sum(v[0] for v in per_kind.values())
    total = sum(v[1] for v in per_kind.values())
    summary = {"drafts": len(rows), "sentences": total, "accuracy": right / total if total else None,
               "quote_status": _fraction(*quote_status), "changed_quotes_caught": _fraction(*changed_caught),
               "contradictions_judged_didukung": contradiction_supported,
               "median_seconds_per_draft": float(np.median(seconds)) if seconds else None,
               "per_kind": {k: _fraction(*v) for k, v in sorted(per_kind.items())}}
    lines = [f"drafts: {len(rows)}, sentences {total}: {_fraction(right, total)} right",
             f"quotation status {summary['quote_status']}; planted changes caught {summary['changed_quotes_caught']}; "
             f"contradictions judged didukung: {contradiction_supported}; "
             f"median {summary['median_seconds_per_draft']:.2f} s per draft"]
    lines += [f"  {kind:20} {share}" for kind, share in summary["per_kind"].items()]
    return {"set": "drafts", "summary": summary, "outcomes": outcomes, "table": "\n".join(lines)}


# ----------------------------------------------------------------------------- trainee answers


def eval_latihan_answers(rows: list[dict], settings: Settings, bank_path: Path) -> dict:
    """The grader on labelled trainee answers (tests/data/latihan_answers.jsonl, each naming an
    item of ``bank_path``): graded right per kind of answer and per kind of question."""
    from collections import defaultdict

    from rag.latihan import Grader, read_bank
    from rag.pipeline import Pipeline

    items, errors = read_bank(bank_path)
    if errors:
        raise InputError(f"{bank_path}: {'; '.join(errors[:3])}")
    by_id = {i.id: i for i in items}
    missing = sorted({r["item"] for r in rows} - set(by_id))
    if missing:
        raise InputError(f"{bank_path} has no item {', '.join(missing[:5])}: give the bank the answers were "
                         "written for with --corpus.")
    pipeline = Pipeline(settings)
    grader = Grader(pipeline.index, settings.latihan, settings.compare, pipeline.meaning_checker())
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_jenis: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    outcomes = []
    for row in rows:
        item = by_id[row["item"]]
        grade = grader.grade(item, row["jawaban_peserta"])
        right = grade.verdict == row["verdict"]
        for table, key in ((per_kind, row["kind"]), (per_jenis, item.jenis)):
            table[key][0] += right
            table[key][1] += 1
        outcomes.append({"id": row["id"], "item": item.id, "jenis": item.jenis, "kind": row["kind"],
                         "answer": row["jawaban_peserta"], "expected": row["verdict"], "got": grade.verdict,
                         "right": right, "feedback": grade.feedback})
    right = sum(o["right"] for o in outcomes)
    summary = {"answers": len(rows), "accuracy": right / len(rows),
               "per_kind": {k: _fraction(*v) for k, v in sorted(per_kind.items())},
               "per_jenis": {k: _fraction(*v) for k, v in sorted(per_jenis.items())}}
    lines = [f"trainee answers: {_fraction(right, len(rows))} graded as labelled"]
    lines += [f"  {k:18} {v}" for k, v in summary["per_kind"].items()]
    lines += [f"  {k:18} {v}" for k, v in summary["per_jenis"].items()]
    return {"set": "latihan-answers", "summary": summary, "outcomes": outcomes, "table": "\n".join(lines)}


# ----------------------------------------------------------------------------- faithfulness set

EXTERNAL_PREFIXES = ("tydi-", "facqa-")


def _locate(index, n: int, text: str, doc_ids: list[str]):
    from rag.types import Quote

    for doc_id in doc_ids:
        document = index.documents.get(doc_id)
        start = document.text.find(text) if document else -1
        if start >= 0:
            return Quote(n=n, text=text, doc_id=doc_id, chunk_id="", start=start, end=start + len(text))
    raise InputError(f"a quote is not in its article ({', '.join(doc_ids)}): {text[:80]!r}")


def faithfulness_evidence(rows: list[dict], settings: Settings, corpus: Path, progress=None) -> list[list[tuple]]:
    """For each row, what the support check knows of its sentence against each of its quotes
    and against two quotes of one article together: (coverage, contradicted, meaning check),
    computed exactly as rag/support.py does in an answer, on indexes of the seeds and of the
    external passages."""
    from rag.meaning import MeaningChecker
    from rag.pipeline import Pipeline
    from rag.stores import open_store
    from rag.support import SupportChecker
    from rag.types import Quote

    pipeline = Pipeline(settings)
    meaning = MeaningChecker(pipeline.entailer, settings.meaning)
    checkers: dict[bool, SupportChecker] = {}
    out = []
    for row in rows:
        external = row["doc_ids"][0].startswith(EXTERNAL_PREFIXES)
        if external not in checkers:
            paths = [corpus] if external else [settings.corpus_dir]
            index = open_store(cached_index(paths, settings, pipeline.index_embedder, progress)).load()
            checkers[external] = SupportChecker(index, settings.support, settings.compare, meaning)
        checker = checkers[external]
        quotes = [_locate(checker.index, i, text, row["doc_ids"]) for i, text in enumerate(row["quotes"], 1)]
        ordered = sorted(quotes, key=lambda q: (q.doc_id, q.start))
        joint = [Quote(n=0, text=f"{a.text} {b.text}", doc_id=a.doc_id, chunk_id="", start=a.start, end=b.end)
                 for a, b in zip(ordered, ordered[1:]) if a.doc_id == b.doc_id]
        found = [checker.evidence(row["sentence"], q) for q in quotes + joint]
        out.append([(coverage, contradicted, meaning) for coverage, contradicted, _, meaning in found])
    return out


def eval_faithfulness(rows: list[dict], settings: Settings, corpus: Path, progress=None) -> dict:
    """How well the support check tells faithful from unfaithful sentences, per split, origin
    and kind: with the words alone (the check before the meaning check) and with the meaning
    check (the current settings)."""
    from rag.support import backed

    evidence = faithfulness_evidence(rows, settings, corpus, progress)
    policy = settings.support
    variants = {
        "words": lambda e: any(backed(cov, contra, None, policy) for cov, contra, _ in e),
        "meaning": lambda e: any(backed(cov, contra, m, policy) for cov, contra, m in e),
    }
    result = {"set": "faithfulness", "items": len(rows), "variants": {}}
    lines = [f"faithfulness set: {len(rows)} sentences; rejected / items (an unfaithful sentence should be "
             "rejected, a faithful one kept)"]
    for name, kept in variants.items():
        table: dict[str, dict[str, list[int]]] = {}
        for row, e in zip(rows, evidence):
            rejected = not kept(e)
            for group in (row["split"], f"{row['split']}/{row['origin']}"):
                cell = table.setdefault(group, {}).setdefault(row["kind"], [0, 0])
                cell[0] += rejected
                cell[1] += 1
        result["variants"][name] = table
        for group, kinds in sorted(table.items()):
            unfaithful = [c for k, c in kinds.items() if k != "faithful"]
            caught = sum(c[0] for c in unfaithful), sum(c[1] for c in unfaithful)
            faithful = kinds.get("faithful", [0, 0])
            lines.append(f"{name:8} {group:15} unfaithful caught {caught[0]}/{caught[1]} "
                         f"({_share_text(*caught)}), faithful rejected {faithful[0]}/{faithful[1]} "
                         f"({_share_text(*faithful)}); " + " ".join(
                             f"{k} {c[0]}/{c[1]}" for k, c in sorted(kinds.items()) if k != "faithful"))
    result["evidence"] = [{"id": row["id"], "kind": row["kind"], "split": row["split"], "origin": row["origin"],
                           "evidence": [{"coverage": round(cov, 3), "contradicted": contra,
                                         "entailment": round(m.entailment, 4) if m else None,
                                         "contradiction": round(m.contradiction, 4) if m else None,
                                         "reasons": list(m.reasons) if m else []} for cov, contra, m in e]}
                          for row, e in zip(rows, evidence)]
    result["table"] = "\n".join(lines)
    return result


def _fraction(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"


def _share_text(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def _mean(values) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _fmt(value) -> str:
    return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


# ----------------------------------------------------------------------------- abstention (IDK-MRC)

SWEEP = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def _refusals(outcomes: list[dict], refused) -> dict:
    answerable = [o for o in outcomes if o["answerable"]]
    unanswerable = [o for o in outcomes if not o["answerable"]]
    answered = [o for o in answerable if not refused(o)]
    return {"unanswerable_refused": round(sum(map(refused, unanswerable)) / max(1, len(unanswerable)), 4),
            "answerable_refused": round(sum(map(refused, answerable)) / max(1, len(answerable)), 4),
            "gold_cited": round(sum(bool(set(o["cited"]) & set(o["gold"])) for o in answered)
                                / max(1, len(answered)), 4)}


def eval_answerability(path: Path, settings: Settings, corpus: Path, split: str, limit: int | None,
                       with_llm: bool, progress=None) -> dict:
    """Refusals on one part of IDK-MRC: by the evidence rules alone, and with the answer judge
    at its threshold (on the tune part, at every threshold of SWEEP too); with ``with_llm``, the
    whole answer (a refusal after the synthesis counts). ``limit`` takes that many questions of
    the part in a fixed random order."""
    import random

    from rag.answerability import AnswerabilityCheck
    from rag.answerability_training import SPLITS, read_idk
    from rag.pipeline import Pipeline

    if split not in SPLITS:
        raise InputError(f"IDK-MRC has the parts {', '.join(SPLITS)}, not '{split}': use --split tune or holdout.")
    rows = [r for r in read_idk(path) if r["part"] == split]
    random.Random(0).shuffle(rows)
    rows = rows[:limit] if limit else rows
    built = Pipeline(settings)
    cached = cached_index([corpus], settings, built.index_embedder, progress)
    judge = AnswerabilityCheck(built.answer_judge, settings.answerability)
    pipeline = Pipeline(cached.with_(answerability={"enabled": False}))
    threshold = settings.answerability.min_answered
    outcomes, judge_s, answer_s = [], [], []
    for row in rows:
        answer = pipeline.find_evidence(row["question"])
        started = time.perf_counter()
        p = judge.p_answered(row["question"], answer.quotes) if not answer.abstained else 0.0
        judge_s.append(time.perf_counter() - started)
        outcome = {"qid": row["qid"], "answerable": row["answerable"], "gold": row["gold"], "rules": answer.abstained,
                   "reason": answer.reason,
                   "p_answered": round(p, 4), "cited": [q.doc_id for q in answer.quotes]}
        if with_llm and not answer.abstained and p >= threshold:
            started = time.perf_counter()
            for event in pipeline.write_stream(answer):
                answer = event.answer or answer
            answer_s.append(time.perf_counter() - started)
            outcome["after_synthesis"] = answer.abstained
            outcome["cited"] = [c.doc_id for c in answer.citations] or outcome["cited"]
        outcomes.append(outcome)
    by_rules = _refusals(outcomes, lambda o: o["rules"])
    with_judge = _refusals(outcomes, lambda o: o["rules"] or o["p_answered"] < threshold)
    result = {"set": "idk-mrc", "part": split, "questions": len(outcomes),
              "answerable": sum(o["answerable"] for o in outcomes), "threshold": threshold,
              "rules": by_rules, "with_judge": with_judge,
              "judge_ms_median": round(1000 * float(np.median(judge_s)), 1) if judge_s else None,
              "outcomes": outcomes}
    lines = [f"IDK-MRC {split} part: {len(outcomes)} questions ({result['answerable']} answerable)",
             f"{'':28} {'unans. refused':>14} {'ans. refused':>12} {'gold cited':>10}"]

    def line(name: str, r: dict) -> str:
        return (f"{name:28} {r['unanswerable_refused']:14.3f} {r['answerable_refused']:12.3f} "
                f"{r['gold_cited']:10.3f}")

    lines += [line("evidence rules", by_rules), line(f"+ answer judge (>= {threshold})", with_judge)]
    if with_llm:
        result["with_synthesis"] = _refusals(
            outcomes, lambda o: o["rules"] or o["p_answered"] < threshold or o.get("after_synthesis", False))
        result["synthesis_s_median"] = round(float(np.median(answer_s)), 2) if answer_s else None
        lines.append(line("+ synthesis checks", result["with_synthesis"]))
    if split == "tune":
        result["sweep"] = {t: _refusals(outcomes, lambda o, t=t: o["rules"] or o["p_answered"] < t) for t in SWEEP}
        lines += [line(f"  judge at {t}", r) for t, r in result["sweep"].items()]
    lines.append(f"answer judge: {result['judge_ms_median']} ms median per question")
    result["table"] = "\n".join(lines)
    return result
