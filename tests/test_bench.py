"""The benchmarks' smoke versions run here, so the scripts cannot rot: every benchmark but
search (tests/test_bench_search.py) once, then the report from their JSON results."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
BENCHES = ("limit", "coldstart", "indexing", "store", "quality", "draft", "latihan", "latency", "prompt", "decoding",
           "synthesis", "corpus_state", "soak")


@pytest.fixture(scope="module")
def smoke_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, "-m", "bench.run", "--smoke", "--out", str(out), "--only",
                           ",".join(BENCHES)], cwd=ROOT, capture_output=True, text=True, timeout=2400)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out


def result(out, name: str) -> dict:
    record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    assert record["machine"]["cores"] >= 1 and record["machine"]["cpu"]
    return record["results"]


def test_synthesis_writes_the_same_quotes_in_each_mode(smoke_out):
    r = result(smoke_out, "synthesis")
    assert r["questions"] == 1 and set(r["summary"]) == {"free", "copy"}
    for mode in r["per_question"][0]["modes"].values():
        assert mode["total_s"] > 0 and mode["first_token_s"] <= mode["total_s"]
    assert "copy" in (smoke_out / "README.md").read_text(encoding="utf-8")


def test_draft_is_checked_and_timed_beside_single_claims(smoke_out):
    r = result(smoke_out, "draft")
    assert r["sentences"] > r["checked"] > 0 and sum(r["counts"].values()) == r["sentences"]
    assert 0 < r["median_single_claim_s"] and r["per_sentence_ratio_to_single_claim"] > 0
    assert "Periksa dokumen" in (smoke_out / "README.md").read_text(encoding="utf-8")


def test_latihan_bank_on_external_passages_is_counted_and_timed(smoke_out):
    r = result(smoke_out, "latihan")
    assert r["passages"] == 40 and r["made"] >= r["kept"] > 0 and r["items_per_minute"] > 0
    assert sum(r["per_kind"].values()) == r["kept"]


def test_latency_runs_the_same_prompt_raw(smoke_out):
    r = result(smoke_out, "latency")
    summary = r["summary"]
    assert summary["answered_by_llm"] == 1
    # The raw engine got exactly our final prompt: greedy decoding gives the same text.
    assert summary["same_text"] == 1
    q = r["per_question"][0]
    assert 0 < q["quotes_s"] <= q["first_token_s"] <= q["total_s"]
    assert q["raw_plain_3_passages"]["prompt_tokens"] > 0 and r["ours_peak_rss_mb"] > 500


def test_limit_bounds_generation_by_bandwidth(smoke_out):
    r = result(smoke_out, "limit")
    assert r["best_bandwidth_gb_s"] > 0.5
    assert 0.9 * r["file_bytes"] < r["weights_bytes"] <= r["file_bytes"]
    g = r["generation"][0]
    assert g["bound_tokens_per_s"] == pytest.approx(r["best_bandwidth_gb_s"] * 1e9 / g["bytes_per_token"])


def test_indexing_reuses_unchanged_vectors(smoke_out):
    r = result(smoke_out, "indexing")
    assert r["texts_embedded"] == r["chunks"] + r["sentences"] > 0
    assert r["ratio_to_raw"] > 0
    assert r["unchanged_embedded"] == 0
    assert 0 < r["add_one_article_embedded"] < 10  # the new article's chunk and sentences only


def test_quality_scores_every_mode(smoke_out):
    r = result(smoke_out, "quality")
    assert set(r["modes"]) == set(r["postgresql"]) == {"bm25", "dense", "hybrid"}
    for metrics in [*r["modes"].values(), *r["postgresql"].values()]:
        assert all(0.0 <= metrics[k] <= 1.0 for k in ("R@1", "R@5", "R@20", "MRR@10", "nDCG@10"))
        assert metrics["R@1"] <= metrics["R@5"] <= metrics["R@20"]
    assert r["postgresql"]["dense"]["R@5"] == r["modes"]["dense"]["R@5"]  # the same vectors


def test_prompt_curves_and_evidence_recall(smoke_out):
    r = result(smoke_out, "prompt")
    curves = r["curves"]
    quotes = [p for p in curves["passages"] if p["context"] == "quotes"]
    passages = [p for p in curves["passages"] if p["context"] == "passages"]
    assert quotes and passages and curves["chunk_words"] and curves["threads_batch"]
    cached, cold = curves["prefix_cache"]
    assert cached["cached"] and not cold["cached"] and cached["prompt_tokens"] == cold["prompt_tokens"]
    assert all(0.0 <= v <= 1.0 for v in r["evidence_recall"].values())
    assert r["evidence_recall"]["passages_1"] <= r["evidence_recall"]["passages_8"]


def test_prompt_lookup_decoding_keeps_the_greedy_text(smoke_out):
    r = result(smoke_out, "decoding")
    assert r["prompts"] == 1
    for name, summary in r["summary"].items():
        assert summary["same_text"] == 1, name


def test_corpus_state_is_saved_and_answers(smoke_out):
    r = result(smoke_out, "corpus_state")
    assert r["state_bytes"] > 1_000_000 and r["corpus_prompt_tokens"] > 100
    assert r["per_question"][0]["state"]["text"]


def test_soak_sessions_are_all_answered_by_the_real_app(smoke_out):
    r = result(smoke_out, "soak")
    assert r["questions"] == 4 and r["outcomes"]["error"] == 0, r["errors"]
    assert r["outcomes"]["answered"] + r["outcomes"]["not found"] == 4 and r["app_alive_at_end"]
    assert all(q["wall_s"] > 0 for q in r["per_question"])
    assert r["rss_mb"]["after_warmup"] > 500  # the app's own memory (models loaded), not the client's


def test_store_searches_postgres_beside_faiss(smoke_out):
    r = result(smoke_out, "store")
    assert {row["store"] for row in r["rows"]} == {"faiss", "pgvector"}
    assert all(row["recall_at_10"] >= 0.95 and row["p50_ms"] > 0 for row in r["rows"])
    assert r["ratios"][0]["p50_pgvector_over_faiss"] > 0
    assert (smoke_out / "store.png").is_file()


def test_report_has_every_section_and_plot(smoke_out):
    text = (smoke_out / "README.md").read_text(encoding="utf-8")
    for heading in ("1. Answer latency", "2. Prompt processing", "3. The limit", "4. Indexing",
                    "6. Retrieval quality", "prompt-lookup", "copy-constrained synthesis", "whole corpus read once",
                    "Concurrency and soak", "Cold start of the one-shot CLI", "Periksa dokumen: a two-page draft",
                    "Latihan: a bank from the external passages", "The PostgreSQL store beside the index folder"):
        assert heading in text
    assert "No result yet for: search" in text
    for png in ("latency.png", "prompt.png", "limit.png", "indexing.png", "quality.png", "decoding.png", "soak.png",
                "store.png"):
        assert (smoke_out / png).stat().st_size > 5000
        assert f"]({png})" in text
    assert text.count("*Measured ") == 13  # every section says where and how it was measured
