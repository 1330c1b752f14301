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


def test_abstention_eval_on_idk_mrc_reports_each_kind_and_keeps_the_holdout_unswept(tmp_path):
    """On fakes over a tiny corpus: the shares are counted per kind of question, the tune part
    gets a threshold sweep, the holdout part only the configured threshold."""
    from rag.answerability_training import split_of
    from rag.errors import InputError
    from rag.eval import run_eval
    from conftest import fake_settings

    ids = {}
    for i in range(400):
        ids.setdefault(split_of(f"tydi-{i}"), []).append(f"tydi-{i}")
    texts = ["Perserikatan Bangsa-Bangsa dibentuk pada 24 Oktober 1945 di San Francisco oleh 51 negara.",
             "Gunung Merapi meletus pada tahun 2010 dan ribuan warga mengungsi ke Yogyakarta."]
    passages = [{"id": ids[part][k], "title": "", "text": text}
                for part in ("tune", "holdout") for k, text in enumerate(texts)]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in passages), encoding="utf-8")
    questions = []
    for part in ("tune", "holdout"):
        questions += [
            {"qid": f"{part}-a", "question": "Kapan Perserikatan Bangsa-Bangsa dibentuk?",
             "answers": ["24 Oktober 1945"], "positive_ids": [ids[part][0]], "answerable": True, "split": "train"},
            {"qid": f"{part}-u", "question": "Siapa yang memimpin warga mengungsi dari Gunung Merapi ke Yogyakarta?",
             "answers": [],
             "positive_ids": [ids[part][1]], "answerable": False, "split": "train"}]
    path = tmp_path / "idk_mrc_train.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8")
    settings = fake_settings(tmp_path / "index", cache_dir=tmp_path / "cache",
                             answerability={"enabled": True, "min_answered": 0.9})

    tune = run_eval(path, settings, with_llm=False, split="tune")
    assert tune["questions"] == 2 and tune["answerable"] == 1 and "sweep" in tune
    assert tune["rules"]["answerable_refused"] == 0.0 and tune["rules"]["gold_cited"] == 1.0
    by_id = {o["qid"]: o for o in tune["outcomes"]}
    assert by_id["tune-a"]["p_answered"] == 1.0 and by_id["tune-u"]["p_answered"] < 0.9  # "memimpin" is not there
    assert tune["with_judge"]["unanswerable_refused"] == 1.0 and tune["with_judge"]["answerable_refused"] == 0.0
    assert not by_id["tune-u"]["rules"], by_id["tune-u"]
    assert tune["sweep"][0.05]["unanswerable_refused"] == 0.0
    holdout = run_eval(path, settings, with_llm=False, split="holdout")
    assert holdout["questions"] == 2 and "sweep" not in holdout and "holdout part" in holdout["table"]
    with pytest.raises(InputError, match="tune or holdout"):
        run_eval(path, settings, with_llm=False, split="valid")


def test_rag_eval_reads_a_claims_file_and_names_unknown_rows(tmp_path, fake_index_dir):
    """`rag eval tests/data/claims.jsonl` scores the claim checker (it used to be read as questions and
    fail on a missing key); a file of rows of no known kind is a clear error."""
    import json

    from conftest import fake_settings
    from rag.errors import InputError
    from rag.eval import run_eval

    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in [
        {"id": "a", "kind": "true", "claim": "Luthfi: jabatan itu amanah", "verdict": "didukung", "evidence": "x"},
        {"id": "b", "kind": "invented", "claim": "Gubernur membagikan sepeda motor listrik kepada 900 ASN.",
         "verdict": "tidak ditemukan"}]) + "\n", encoding="utf-8")
    result = run_eval(claims, fake_settings(fake_index_dir))
    assert result["claims"] == 2 and len(result["outcomes"]) == 2 and "claims:" in result["table"]
    other = tmp_path / "other.jsonl"
    other.write_text('{"foo": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match="rows of no known kind"):
        run_eval(other, fake_settings(fake_index_dir))
