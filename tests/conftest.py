"""Shared fixtures. Tests run offline.

Two lanes. `pytest` alone runs the fast lane: tests that need no real model, on the fakes of
rag/backends/fakes.py (a hashing embedder, an in-memory vector index, a scripted generator).
`pytest -m slow` runs the tests that load a real model (the embedding model, the LLM, the
browser app); `scripts/test.sh` and CI run both. A test that uses one of the real-model
fixtures below (``embedder``, ``seed_index_dir``) is marked slow automatically, so it can
never land in the fast lane by mistake.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

REAL_MODEL_FIXTURES = {"embedder", "seed_index_dir"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if REAL_MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


# ----------------------------------------------------------------------------- fast lane: fakes


def fake_settings(index_dir: Path, **changes):
    """Settings for the fake backends. The hashing embedder's cosines are far below a real
    model's, so the similarity floors of abstention are off (the lexical rules still apply)."""
    from rag.config import Settings

    sections = {"embedding": {"backend": "hashing"}, "index": {"vector_backend": "memory"},
                "generation": {"backend": "scripted"}, "entailment": {"backend": "lexical"},
                "answerability": {"backend": "lexical", "min_answered": 0.0},
                "evidence": {"min_dense": 0.0, "min_dense_no_overlap": 0.0}}
    for name, value in changes.items():
        if isinstance(value, dict) and name in sections:
            sections[name] = {**sections[name], **value}
        else:
            sections[name] = value
    return Settings().with_(index_dir=index_dir, **sections)


@pytest.fixture(scope="session")
def fake_embedder():
    from rag.backends.fakes import HashingEmbedder

    return HashingEmbedder()


@pytest.fixture(scope="session")
def fake_index_dir(tmp_path_factory, fake_embedder):
    """The seed corpus indexed once with the hashing embedder into the in-memory vector index."""
    from rag.indexer import build_index

    index_dir = tmp_path_factory.mktemp("fake-seed-index")
    build_index([SEEDS], fake_settings(index_dir), fake_embedder)
    return index_dir


@pytest.fixture
def fake_pipeline(fake_index_dir):
    """A pipeline on the fake backends over the seeds; its generator cites the first quote."""
    from rag.pipeline import Pipeline

    return Pipeline(fake_settings(fake_index_dir))


@pytest.fixture(scope="session")
def settings_factory(tmp_path_factory):
    from rag.config import Settings

    def make(**changes):
        index_dir = changes.pop("index_dir", None) or tmp_path_factory.mktemp("index")
        return Settings().with_(index_dir=index_dir, **changes)

    return make


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the seed articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


# ----------------------------------------------------------------------------- slow lane: real models


@pytest.fixture(scope="session")
def embedder():
    """multilingual-e5-small through sentence-transformers (loads torch: seconds)."""
    from rag.backends import create
    from rag.config import Settings

    return create("embedder", "sentence-transformers", Settings())


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory, embedder):
    """The seed corpus, indexed once for the whole session with the real embedding model."""
    from rag.config import Settings
    from rag.indexer import build_index

    index_dir = tmp_path_factory.mktemp("seed-index")
    build_index([SEEDS], Settings().with_(index_dir=index_dir), embedder)
    return index_dir
