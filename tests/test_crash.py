"""Crash safety: `rag index` killed with SIGKILL at random moments, many times.

After every kill the index folder holds either the old index or the new one, whole: it loads,
its documents are exactly one of the two corpora, and a question gets its quotes. Kills land
at random times (seeded, printed) and, on purpose, inside the short write window: as soon as
the new version's temporary folder or the pointer's temporary file appears.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
from pathlib import Path

import pytest

from conftest import SEEDS, SHARED, run_and_kill

pytestmark = pytest.mark.slow

ARTICLES = 150  # per corpus: "a few hundred articles" between the two
RANDOM_KILLS = 4
QUESTION = "Apa yang dilakukan Luthfi terhadap orang yang memakai namanya untuk kepentingan pribadi?"


def _write_corpus(folder: Path, records: list[dict]) -> Path:
    shutil.copytree(SEEDS, folder)
    for record in records:
        (folder / f"ext_{record['id']}.txt").write_text(f"{record['title']}\n\n{record['text']}\n", encoding="utf-8")
    return folder


def _indexable(corpus: Path) -> set[str]:
    """Names of the files `rag index` keeps from ``corpus`` (duplicates and empty ones go)."""
    from rag.ingest import load_documents

    documents, _ = load_documents([corpus])
    return {Path(doc.source).name for doc in documents}


def _index_command(corpus: Path, index_dir: Path) -> list[str]:
    return [sys.executable, "-m", "rag", "--index-dir", str(index_dir), "index", str(corpus), "--quiet"]


def _writing(index_dir: Path, pattern: str):
    """A trigger that fires once a file or folder matching ``pattern`` exists in ``index_dir``."""
    return lambda _elapsed: any(index_dir.glob(pattern))


def _live_documents(index_dir: Path, embedder) -> set[str]:
    """Load the live index as the app would and ask it a question; its document sources."""
    from rag.pipeline import Pipeline
    from rag.config import Settings

    pipeline = Pipeline(Settings().with_(index_dir=index_dir), embedder=embedder)
    answer = pipeline.find_evidence(QUESTION)
    assert not answer.abstained and answer.quotes, answer.reason
    return {Path(doc.source).name for doc in pipeline.index.documents.values()}


def test_index_is_old_or_new_after_sigkill_at_random_points(tmp_path, embedder):
    records = [json.loads(line) for line in open(SHARED / "eval" / "external" / "corpus.jsonl", encoding="utf-8")]
    records = [r for r in records if len(r["text"].split()) >= 20][: 2 * ARTICLES]
    corpora = [_write_corpus(tmp_path / "a", records[:ARTICLES]), _write_corpus(tmp_path / "b", records[ARTICLES:])]
    names = [_indexable(c) for c in corpora]
    index_dir = tmp_path / "index"

    # The first build runs to the end: it gives the full duration the kill times are drawn from.
    full = run_and_kill(_index_command(corpora[0], index_dir), lambda _: False)
    assert full is not None
    live = _live_documents(index_dir, embedder)
    assert live == names[0]

    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    outcomes = []

    def one_round(kind: str, trigger) -> bool:
        nonlocal live, full
        target = 1 - names.index(live)  # the other corpus, so that every round has articles to embed
        took = run_and_kill(_index_command(corpora[target], index_dir), trigger)
        finished = took is not None
        now = _live_documents(index_dir, embedder)
        assert now in (live, names[target]), f"round {len(outcomes) + 1} ({kind}, seed {seed}): a mixed index"
        if finished:
            assert now == names[target]
            # The first build pays for cold imports; a warm one is the better clock for kill times.
            full = min(full, took)
        outcomes.append((kind, "finished" if finished else "killed", "new" if now != live else "old"))
        live = now
        return finished

    kills = 0
    for _attempt in range(2 * RANDOM_KILLS):
        if kills == RANDOM_KILLS:
            break
        at = rng.uniform(0.05, 0.95) * full
        kills += not one_round("random", lambda t, at=at: t >= at)
    one_round("version folder being written", _writing(index_dir, ".v*.tmp"))
    one_round("pointer being replaced", _writing(index_dir, ".CURRENT.*.tmp"))
    print(f"seed {seed}, fastest full build {full:.1f} s:", outcomes)
    assert kills >= RANDOM_KILLS - 1, outcomes
    assert any(o[:2] == ("version folder being written", "killed") for o in outcomes), outcomes

    # A run after the kills leaves no half-written versions behind.
    run_and_kill(_index_command(corpora[0], index_dir), lambda _: False)
    assert _live_documents(index_dir, embedder) == names[0]
    leftovers = [p.name for p in index_dir.iterdir() if p.name not in ("CURRENT", ".lock")]
    assert len(leftovers) == 1 and leftovers[0].startswith("v"), leftovers
