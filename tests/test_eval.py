import json

import pytest

from conftest import SHARED
from rag.eval import eval_external, fact_coverage, run_eval, supports
from rag.config import Settings

EXTERNAL = SHARED / "eval" / "external"


def test_support_and_coverage_compare_loosely():
    assert supports("Kata  Luthfi:\nJabatan itu AMANAH.", ["jabatan itu amanah"])
    assert not supports("Jabatan itu titipan.", ["jabatan itu amanah"])
    assert fact_coverage("Kepala OPD bertanggung jawab.", [["kepala opd", "pimpinan balai"], ["kinerja"]]) == 0.5
    assert fact_coverage("apa saja", []) == 1.0


def test_seed_eval_without_llm(seed_index_dir):
    result = run_eval(SHARED / "eval" / "dev_qa.jsonl", Settings().with_(index_dir=seed_index_dir),
                      with_llm=False)
    assert result["set"] == "seed"
    assert result["retrieval"]["hybrid"]["hit@3"] >= 0.9
    answers = result["answers"]
    assert answers["abstention_accuracy"] == 1.0 and answers["false_abstentions"] == 0
    assert answers["fact_coverage"] >= 0.8
    assert "hit@1" in result["table"]


@pytest.mark.slow
def test_hybrid_beats_bm25_on_a_slice_of_the_external_set(tmp_path):
    """Real questions nobody on the project wrote: 120 of them over their gold passages plus
    600 distractors (the full set is measured by `rag eval`, see the README)."""
    questions = [json.loads(line) for line in (EXTERNAL / "questions_dev.jsonl").open(encoding="utf-8")][:120]
    gold = {pid for q in questions for pid in q["positive_ids"]}
    passages = [json.loads(line) for line in (EXTERNAL / "corpus.jsonl").open(encoding="utf-8")]
    chosen = [p for p in passages if p["id"] in gold] + [p for p in passages if p["id"] not in gold][:600]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in chosen), encoding="utf-8")
    settings = Settings().with_(cache_dir=tmp_path / "cache")
    result = eval_external(questions, corpus, settings, ("bm25", "dense", "hybrid"))
    r = result["retrieval"]
    assert r["hybrid"]["R@5"] > r["bm25"]["R@5"] and r["hybrid"]["MRR@10"] > r["bm25"]["MRR@10"], result["table"]
    assert r["hybrid"]["R@5"] >= 0.9, result["table"]
