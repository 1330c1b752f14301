"""The PostgreSQL store (issue 18): the index in a database that several app processes share.

Selected by ``index.store`` (``RAG_STORE``, ``--store``) = a ``postgresql://`` address; its tables
live in the schema ``index.store_schema`` (``RAG_STORE_SCHEMA``, "rag"), so one database can hold
several indexes::

    rag_versions          name, manifest (jsonb), created_at, superseded_at
    rag_live              the live version's name (one row)
    <version>_documents   doc_id, title, source, content_hash, meta, text
    <version>_chunks      position, chunk_id, doc_id, title, start_char, end_char, sentences, text,
                          terms (the stemmed BM25 terms the evidence checks weigh by idf),
                          words (title + text without stopwords), lexemes (to_tsvector('indonesian',
                          words), generated)
    <version>_vectors     position, embedding (vector, HNSW index by cosine): a narrow table of its
                          own, so a search never reads (or detoasts) the chunks' text
    <version>_lexemes     lexeme, position, tf, length: the chunks' tsvectors unnested (B-tree on lexeme)
    <version>_lexicon     lexeme, idf
    <version>_sentences   row, doc_id, start_char, end_char, embedding (the quote candidates' vectors)

A write creates the version's tables, fills them, builds their indexes, records the version and
points ``rag_live`` at it in one transaction: readers see the old version or the new one, and a
killed build leaves nothing (PostgreSQL rolls the whole transaction back, its tables included).
Writers take an advisory lock, so two builds never interleave and the second starts from the
first one's result; a write replaces only the version it started from (should the lock have been
lost, it stops instead of dropping the other build's work). A superseded version is dropped
``index.keep_superseded_seconds`` after it stopped being live, so a process still holding it
keeps searching it until it next looks.

The lexical side: PostgreSQL's ``indonesian`` text-search configuration (Snowball stemmer) reads
the chunks and the question, after rag.lang's stopwords are removed (the configuration has no
Indonesian stopword list); the chunks are ranked by BM25 computed in SQL over the lexemes, with
the same k1, b, idf (Lucene's) and scale as the folder store's bm25s. ``ts_rank`` is not used: it
has no inverse document frequency, so in an OR query common words would outweigh rare ones.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager

import numpy as np

from rag.backends.pgvector import PgVectorIndex, connect, pooled, searching, vector_bytes, vectors_from_bytes
from rag.chunk import embed_text
from rag.errors import IndexMissingError, RagError
from rag.lang import expand_query, tokenize
from rag.store import FORMAT_VERSION, LoadedIndex, check_consistent
from rag.types import Chunk, Document

VERSION_TABLES = ("documents", "chunks", "vectors", "lexemes", "lexicon", "sentences")


def lexical_words(text: str) -> str:
    """What PostgreSQL's ``indonesian`` configuration reads: the words without rag.lang's stopwords."""
    return " ".join(tokenize(text, stemmed=False))


class PgLexicalIndex:
    """BM25 over the ``indonesian`` lexemes of one version's chunks, computed in the database."""

    def __init__(self, address: str, schema: str, prefix: str, avg_length: float, k1: float, b: float):
        self.address, self.schema, self.prefix = address, schema, prefix
        self.avg_length, self.k1, self.b = max(avg_length, 1e-9), k1, b

    def ranking(self, query: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        words = lexical_words(expand_query(query))
        if not words or n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        p = self.prefix
        with searching(f"{p}_lexicon"), pooled(self.address, self.schema) as connection:
            rows = connection.execute(
                f"""WITH q AS (SELECT lexeme, coalesce(array_length(positions, 1), 1) AS times
                               FROM unnest(to_tsvector('indonesian', %(words)s)))
                SELECT t.position,
                       SUM(q.times * x.idf * t.tf / (t.tf + %(k1)s * (1 - %(b)s + %(b)s * t.length / %(avg)s)))
                       AS score
                FROM q JOIN {p}_lexicon x USING (lexeme) JOIN {p}_lexemes t USING (lexeme)
                GROUP BY t.position ORDER BY score DESC, t.position LIMIT %(n)s""",
                {"words": words, "k1": self.k1, "b": self.b, "avg": self.avg_length, "n": n}).fetchall()
        return (np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1] for r in rows], dtype=np.float32))


class PostgresStore:
    """Index versions in a PostgreSQL database (see the module's docstring)."""

    def __init__(self, settings):
        self.settings = settings
        self.address = settings.index.store
        self.schema = settings.index.store_schema

    def __str__(self) -> str:
        return f"the PostgreSQL store (schema {self.schema})"

    vector_backend = "pgvector"  # what a write builds, as the manifest records it

    # -- reading
    @staticmethod
    def _live(connection) -> tuple[str, dict] | None:
        """The live version's name and manifest; None when the schema has none."""
        if connection.execute("SELECT to_regclass('rag_live')").fetchone()[0] is None:
            return None
        return connection.execute("SELECT name, v.manifest FROM rag_live JOIN rag_versions v USING (name)").fetchone()

    def version(self) -> str | None:
        with pooled(self.address, self.schema) as connection:
            live = self._live(connection)
        return live[0] if live else None

    def exists(self) -> bool:
        return self.version() is not None

    def _missing(self) -> IndexMissingError:
        return IndexMissingError(f"No index in the PostgreSQL store (schema {self.schema}): build it with "
                                 "`rag index --store ADDRESS` (or set RAG_STORE).")

    def manifest(self) -> dict:
        with pooled(self.address, self.schema) as connection:
            live = self._live(connection)
        if live is None:
            raise self._missing()
        manifest = live[1]
        if not isinstance(manifest, dict) or not isinstance(manifest.get("documents"), dict):
            raise RagError(f"The index in the PostgreSQL store (schema {self.schema}) is damaged (its manifest lists "
                           "no documents); rebuild it with `rag index --rebuild`.")
        return manifest

    def load(self) -> LoadedIndex:
        import psycopg

        damaged = f"The index in the PostgreSQL store (schema {self.schema}) is damaged ({{}}); rebuild it with " \
                  "`rag index --rebuild`."
        while True:
            live = self.version()
            try:
                return self._load()
            except psycopg.errors.UndefinedTable as exc:
                if self.version() == live:  # not replaced while it was read: a table is missing
                    raise RagError(damaged.format(str(exc).splitlines()[0])) from None
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise RagError(damaged.format(f"{type(exc).__name__}: {exc}")) from None

    def _load(self) -> LoadedIndex:
        with pooled(self.address, self.schema) as connection:
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")  # one snapshot
            live = self._live(connection)
            if live is None:
                raise self._missing()
            name, manifest = live
            present = connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                                         "AND tablename = ANY(%s)", ([f"{name}_{t}" for t in VERSION_TABLES],))
            if present.fetchone()[0] != len(VERSION_TABLES):
                raise ValueError(f"tables of version {name} are missing")
            if manifest.get("format") != FORMAT_VERSION:
                raise ValueError(f"index format {manifest.get('format')}, this version reads {FORMAT_VERSION}")
            dim = int(manifest["embedding"]["dimension"])
            documents = {
                r[0]: Document(doc_id=r[0], title=r[1], text=r[2], source=r[3], content_hash=r[4], meta=r[5] or {})
                for r in connection.execute(f"SELECT doc_id, title, text, source, content_hash, meta "
                                            f"FROM {name}_documents ORDER BY doc_id")
            }
            cursor = connection.cursor(binary=True)
            rows = cursor.execute(f"SELECT chunk_id, doc_id, title, text, start_char, end_char, sentences, terms, "
                                  f"position FROM {name}_chunks ORDER BY position").fetchall()
            embeddings = cursor.execute(f"SELECT embedding, position FROM {name}_vectors ORDER BY position").fetchall()
            for table, numbered in (("chunks", rows), ("vectors", embeddings)):
                if [r[-1] for r in numbered] != list(range(len(numbered))):
                    raise ValueError(f"the {table} of version {name} are not numbered 0 to {len(numbered) - 1}")
            chunks = [Chunk(chunk_id=r[0], doc_id=r[1], title=r[2], text=r[3], start=r[4], end=r[5],
                            sentences=[tuple(s) for s in json.loads(r[6])]) for r in rows]
            terms = [r[7].split() for r in rows]
            vectors = vectors_from_bytes([r[0] for r in embeddings], dim)
            sentence_rows = cursor.execute(f"SELECT doc_id, start_char, end_char, embedding FROM {name}_sentences "
                                           "ORDER BY row").fetchall()
        sentence_keys = [(r[0], r[1], r[2]) for r in sentence_rows]
        sentence_vectors = vectors_from_bytes([r[3] for r in sentence_rows], dim) if sentence_rows else None
        config = self.settings.index
        retrieval = self.settings.retrieval
        lexical = manifest.get("lexical", {})
        loaded = LoadedIndex(
            version=name, manifest=manifest, chunks=chunks, documents=documents, vectors=vectors,
            vector_index=PgVectorIndex(self.address, self.schema, f"{name}_vectors", dim, len(embeddings),
                                       config.hnsw_ef_search),
            terms=terms, sentence_keys=sentence_keys, sentence_vectors=sentence_vectors,
            lexical=PgLexicalIndex(self.address, self.schema, name, lexical.get("avg_length", 1.0),
                                   retrieval.bm25_k1, retrieval.bm25_b))
        check_consistent(loaded)
        return loaded

    # -- writing
    @contextmanager
    def lock(self):
        """The writers' lock: a PostgreSQL advisory lock on the schema's name, so builds on any
        machine sharing the database take turns (released if the process dies)."""
        connection = connect(self.address, self.schema, autocommit=True)
        try:
            connection.execute("SELECT pg_advisory_lock(hashtext(%s))", (f"rag-index:{self.schema}",))
            yield
        finally:
            connection.close()  # ends the session: the lock goes with it

    def clean(self) -> None:
        """Drop the versions superseded more than ``index.keep_superseded_seconds`` ago."""
        keep = self.settings.index.keep_superseded_seconds
        with connect(self.address, self.schema) as connection:
            if connection.execute("SELECT to_regclass('rag_versions')").fetchone()[0] is None:
                return
            old = [r[0] for r in connection.execute(
                "SELECT name FROM rag_versions WHERE superseded_at < now() - make_interval(secs => %s)", (keep,))]
            for name in old:
                with connection.transaction():
                    connection.execute("DROP TABLE IF EXISTS " + ", ".join(f"{name}_{t}" for t in VERSION_TABLES))
                    connection.execute("DELETE FROM rag_versions WHERE name = %s", (name,))
            connection.commit()

    def write(self, manifest: dict, documents: list[Document], chunks: list[Chunk], terms: list[list[str]],
              vectors: np.ndarray, sentence_keys=(), sentence_vectors: np.ndarray | None = None,
              base: str | None = None) -> str:
        """Write the version in one transaction. The advisory lock keeps writers apart; should it
        have been lost (its connection dropped during a long build), the transaction still only
        replaces ``base``: the live row is locked and checked before the switch."""
        import psycopg

        name = f"v{time.time_ns()}"
        dim = int(vectors.shape[1]) if vectors.ndim == 2 else int(manifest["embedding"]["dimension"])
        manifest["vector_index"] = {"backend": self.vector_backend, "type": "pgvector-hnsw", "vectors": len(chunks)}
        with connect(self.address, self.schema, autocommit=True) as connection:
            try:  # where every schema finds it
                connection.execute("CREATE EXTENSION IF NOT EXISTS vector SCHEMA public")
            except psycopg.errors.UniqueViolation:  # a build in another schema made it at the same moment
                pass
            with connection.transaction():
                self._write_version(connection, name, dim, manifest, documents, chunks, terms, vectors,
                                    list(sentence_keys), sentence_vectors, base)
        return name

    def _write_version(self, connection, name, dim, manifest, documents, chunks, terms, vectors, sentence_keys,
                       sentence_vectors, base) -> None:
        config = self.settings.index
        connection.execute(f"SET LOCAL maintenance_work_mem = '{config.store_build_memory_mb}MB'")
        connection.execute("""CREATE TABLE IF NOT EXISTS rag_versions (
            name text PRIMARY KEY, manifest jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
            superseded_at timestamptz)""")
        connection.execute("""CREATE TABLE IF NOT EXISTS rag_live (
            one boolean PRIMARY KEY DEFAULT true CHECK (one), name text NOT NULL REFERENCES rag_versions)""")
        connection.execute(f"""CREATE TABLE {name}_documents (doc_id text PRIMARY KEY, title text, text text,
            source text, content_hash text, meta jsonb)""")
        connection.execute(f"""CREATE TABLE {name}_chunks (position integer PRIMARY KEY, chunk_id text NOT NULL,
            doc_id text NOT NULL, title text, text text NOT NULL, start_char integer, end_char integer,
            sentences text NOT NULL, terms text NOT NULL, words text NOT NULL,
            lexemes tsvector GENERATED ALWAYS AS (to_tsvector('indonesian', words)) STORED)""")
        connection.execute(f"CREATE TABLE {name}_vectors (position integer PRIMARY KEY, "
                           f"embedding vector({dim}) NOT NULL)")
        connection.execute(f"""CREATE TABLE {name}_sentences (row integer PRIMARY KEY, doc_id text NOT NULL,
            start_char integer NOT NULL, end_char integer NOT NULL, embedding vector({dim}) NOT NULL)""")
        with connection.cursor().copy(f"COPY {name}_documents FROM STDIN") as copy:
            for d in documents:
                copy.write_row((d.doc_id, d.title, d.text, d.source, d.content_hash,
                                json.dumps(d.meta, ensure_ascii=False)))
        with connection.cursor().copy(
                f"COPY {name}_chunks (position, chunk_id, doc_id, title, text, start_char, end_char, sentences, "
                "terms, words) FROM STDIN") as copy:
            for i, (c, t) in enumerate(zip(chunks, terms)):
                copy.write_row((i, c.chunk_id, c.doc_id, c.title, c.text, c.start, c.end, json.dumps(c.sentences),
                                " ".join(t), lexical_words(embed_text(c))))
        with connection.cursor().copy(f"COPY {name}_vectors FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int4", "bytea"])  # the bytes are pgvector's binary form, read by its receive function
            for i, vector in enumerate(vectors):
                copy.write_row((i, vector_bytes(vector)))
        if sentence_vectors is not None:
            with connection.cursor().copy(f"COPY {name}_sentences FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["int4", "text", "int4", "int4", "bytea"])
                for i, ((doc_id, start, end), v) in enumerate(zip(sentence_keys, sentence_vectors)):
                    copy.write_row((i, doc_id, start, end, vector_bytes(v)))
        connection.execute(f"CREATE INDEX ON {name}_vectors USING hnsw (embedding vector_cosine_ops) "
                           f"WITH (m = {config.hnsw_m}, ef_construction = {config.hnsw_ef_construction})")
        connection.execute(f"""CREATE TABLE {name}_lexemes AS
            SELECT lexeme, position, tf, sum(tf) OVER (PARTITION BY position) AS length
            FROM (SELECT l.lexeme, c.position, coalesce(array_length(l.positions, 1), 1) AS tf
                  FROM {name}_chunks c, unnest(c.lexemes) l) counted""")
        connection.execute(f"CREATE INDEX ON {name}_lexemes (lexeme)")
        # Lucene's idf, as bm25s computes it for the folder store
        connection.execute(f"""CREATE TABLE {name}_lexicon AS
            SELECT lexeme, ln(1 + ({len(chunks)} - count(*) + 0.5) / (count(*) + 0.5)) AS idf
            FROM {name}_lexemes GROUP BY lexeme""")
        connection.execute(f"ALTER TABLE {name}_lexicon ADD PRIMARY KEY (lexeme)")
        total = connection.execute(f"SELECT coalesce(sum(tf), 0) FROM {name}_lexemes").fetchone()[0]
        manifest["lexical"] = {"analysis": "indonesian", "ranking": "bm25",
                               "avg_length": float(total) / max(1, len(chunks))}
        live = connection.execute("SELECT name FROM rag_live FOR UPDATE").fetchone()
        if (live[0] if live else None) != base:
            raise RagError(f"Another build made version {live[0] if live else 'none'} live while this one was "
                           f"working from {base or 'an empty store'}; nothing was written: run it again.")
        connection.execute("INSERT INTO rag_versions (name, manifest) VALUES (%s, %s::jsonb)",
                           (name, json.dumps(manifest, ensure_ascii=False)))
        connection.execute("UPDATE rag_versions SET superseded_at = now() WHERE superseded_at IS NULL AND name <> %s",
                           (name,))
        connection.execute("INSERT INTO rag_live (one, name) VALUES (true, %s) "
                           "ON CONFLICT (one) DO UPDATE SET name = excluded.name", (name,))
