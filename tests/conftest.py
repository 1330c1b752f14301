"""Shared fixtures. Tests run offline; the real models are used where quality matters."""

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


@pytest.fixture(scope="session")
def settings_factory(tmp_path_factory):
    from rag.settings import Settings

    def make(**changes):
        index_dir = changes.pop("index_dir", None) or tmp_path_factory.mktemp("index")
        return Settings().with_(index_dir=index_dir, **changes)

    return make


@pytest.fixture(scope="session")
def embedder():
    from rag.embed import Embedder
    from rag.settings import Settings

    return Embedder(Settings())


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory, embedder):
    """The seed corpus, indexed once for the whole session with the real embedding model."""
    from rag.index import build_index
    from rag.settings import Settings

    index_dir = tmp_path_factory.mktemp("seed-index")
    build_index([SEEDS], Settings().with_(index_dir=index_dir), embedder)
    return index_dir


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the seed articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target
