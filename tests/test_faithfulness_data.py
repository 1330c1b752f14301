"""The labelled faithfulness set (tests/data/faithfulness.jsonl, issue 15 item 1) is well formed:
the schema, unique ids, the allowed labels and kinds and their agreement, every quote of a seed
item verbatim in its article's cleaned text (and every quote of an external item in its passage,
when the external corpus is on this machine), and the minimum counts the set was built to."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEEDS, SHARED
from rag.ingest import load_documents

DATA = Path(__file__).parent / "data" / "faithfulness.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]

LABELS = {"faithful", "unfaithful"}
UNFAITHFUL_KINDS = {"actor", "voice", "stance", "modality", "negation", "number", "invented", "cut"}
KINDS = UNFAITHFUL_KINDS | {"faithful"}
REQUIRED = {"id": str, "split": str, "origin": str, "question": str, "quotes": list, "doc_ids": list,
            "sentence": str, "label": str, "kind": str, "note": str}
OPTIONAL = {"q_id": str, "passed_check": bool}  # model items: the question's id, and whether today's check kept it
MIN_PER_KIND = 8
EXTERNAL_CORPUS = SHARED / "eval" / "external" / "corpus.jsonl"


def _fold(text: str) -> str:
    return " ".join(text.split())


def test_schema_and_values():
    assert ROWS, "empty set"
    for row in ROWS:
        assert set(REQUIRED) <= set(row) <= set(REQUIRED) | set(OPTIONAL), row["id"]
        for key, kind in {**REQUIRED, **OPTIONAL}.items():
            if key in row:
                assert isinstance(row[key], kind), (row["id"], key)
        assert re.fullmatch(r"f\d{3,}", row["id"]), row["id"]
        assert row["split"] in {"tune", "holdout"}, row["id"]
        assert row["origin"] in {"model", "written"}, row["id"]
        assert row["label"] in LABELS and row["kind"] in KINDS, row["id"]
        assert (row["label"] == "faithful") == (row["kind"] == "faithful"), row["id"]
        assert row["quotes"] and all(isinstance(q, str) and q.strip() for q in row["quotes"]), row["id"]
        assert row["doc_ids"] and all(isinstance(d, str) and d for d in row["doc_ids"]), row["id"]
        assert row["sentence"].strip() and not re.search(r"\[\d+\]", row["sentence"]), row["id"]
        assert row["note"].strip(), row["id"]
        if row["origin"] == "model":
            assert row["question"].strip() and isinstance(row.get("passed_check"), bool), row["id"]
            assert row.get("q_id"), row["id"]
        else:
            assert "passed_check" not in row, row["id"]


def test_ids_and_pairs_are_unique():
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    pairs = Counter((tuple(r["quotes"]), r["sentence"]) for r in ROWS)
    assert not [p for p, n in pairs.items() if n > 1]


def test_seed_quotes_are_verbatim_in_their_articles():
    docs, _ = load_documents([SEEDS])
    texts = {d.doc_id: _fold(d.text) for d in docs}
    seed_rows = [r for r in ROWS if set(r["doc_ids"]) & set(texts)]
    assert len(seed_rows) >= 100
    for row in seed_rows:
        assert set(row["doc_ids"]) <= set(texts), row["id"]
        for quote in row["quotes"]:
            assert any(_fold(quote) in texts[d] for d in row["doc_ids"]), (row["id"], quote[:80])


def test_external_quotes_are_verbatim_in_their_passages():
    external = [r for r in ROWS if all(re.match(r"(tydi|facqa)-", d) for d in r["doc_ids"])]
    seedless = [r for r in ROWS if r not in external]
    assert all(not re.match(r"(tydi|facqa)-", d) for r in seedless for d in r["doc_ids"])
    if not EXTERNAL_CORPUS.exists():
        pytest.skip(f"{EXTERNAL_CORPUS} is not on this machine")
    wanted = {d for r in external for d in r["doc_ids"]}
    passages = {}
    with EXTERNAL_CORPUS.open(encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            if p["id"] in wanted:
                passages[p["id"]] = _fold(p["text"])
    for row in external:
        for quote in row["quotes"]:
            assert any(_fold(quote) in passages.get(d, "") for d in row["doc_ids"]), (row["id"], quote[:80])


def test_counts():
    origins = Counter(r["origin"] for r in ROWS)
    kinds = Counter(r["kind"] for r in ROWS)
    assert len(ROWS) >= 150 and origins["model"] >= 80
    assert all(kinds[k] >= MIN_PER_KIND for k in KINDS), kinds
    unfaithful = sum(r["label"] == "unfaithful" for r in ROWS) / len(ROWS)
    assert 0.45 <= unfaithful <= 0.55, unfaithful
    model = [r for r in ROWS if r["origin"] == "model"]
    assert {r["label"] for r in model} == LABELS and {r["passed_check"] for r in model} == {True, False}
    assert any(r["q_id"].startswith(("x", "k")) for r in model), "no model sentence on external questions"
