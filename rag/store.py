"""Where an index lives: the ``Store`` protocol, the versioned folder store (the default) and
``open_store(settings)`` (rag/stores.py) picks the folder or the PostgreSQL store
(rag/postgres_store.py) from the settings.

A store holds versions of the index: the documents, the chunks, their vectors, the vector index
and a manifest. A write makes a whole new version live in one step; readers see the old version
or the new one, never half of one.

Layout of the folder store's ``index_dir``::

    CURRENT              name of the live version folder (replaced atomically)
    v<time>-<pid>/       manifest.json, vectors.npy, chunks.jsonl, documents.jsonl, the vector
                         index's own file(s) (vectors.faiss), sentences.npy/.json when present

A write puts a new version folder beside the live one and then swaps ``CURRENT`` with
``os.replace``; a crash at any point leaves either the old or the new index.
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Protocol

import numpy as np

from rag.backends.base import VectorIndex, backend_class, fsync
from rag.errors import IndexMismatchError, IndexMissingError, RagError
from rag.types import Chunk, Document

FORMAT_VERSION = 1
POINTER = "CURRENT"
_FILES = ("manifest.json", "vectors.npy", "chunks.jsonl", "documents.jsonl")


@dataclass
class LoadedIndex:
    """A version of the index, read into memory."""

    version: str  # the version's name, as ``Store.version()`` gives the live one's
    manifest: dict
    chunks: list[Chunk]
    documents: dict[str, Document]
    vectors: np.ndarray
    vector_index: VectorIndex
    terms: list[list[str]]  # BM25 terms of each chunk, computed once at index time
    # The store's own lexical ranking (PostgreSQL full-text search); None: BM25 in memory on ``terms``.
    lexical: "LexicalIndex | None" = None
    sentence_keys: list[tuple[str, int, int]] = field(default_factory=list)
    sentence_vectors: np.ndarray | None = None  # one row per sentence key, when precomputed
    _by_id: dict | None = field(default=None, repr=False)
    _sentence_rows: dict | None = field(default=None, repr=False)
    _doc_sentences: dict | None = field(default=None, repr=False)
    _doc_chunks: dict | None = field(default=None, repr=False)
    _people: list | None = field(default=None, repr=False)
    _idf: dict | None = field(default=None, repr=False)

    @property
    def dimension(self) -> int:
        return int(self.manifest["embedding"]["dimension"])

    @property
    def idf(self) -> dict[str, float]:
        """Inverse document frequency of every BM25 term of the index (computed once)."""
        if self._idf is None:
            df: dict[str, int] = {}
            for terms in self.terms:
                for term in set(terms):
                    df[term] = df.get(term, 0) + 1
            n = max(1, len(self.terms))
            self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        return self._idf

    def sentence_vector(self, doc_id: str, start: int, end: int) -> np.ndarray | None:
        """The precomputed vector of a sentence, or None."""
        if self.sentence_vectors is None:
            return None
        if self._sentence_rows is None:
            self._sentence_rows = {key: i for i, key in enumerate(self.sentence_keys)}
        row = self._sentence_rows.get((doc_id, start, end))
        return None if row is None else self.sentence_vectors[row]

    def sentences_of(self, doc_id: str) -> list[tuple[int, int]]:
        """The sentence spans of an article, in order (a map built on first use)."""
        if self._doc_sentences is None:
            spans: dict[str, set] = {}
            for c in self.chunks:
                spans.setdefault(c.doc_id, set()).update(c.sentences)
            self._doc_sentences = {d: sorted(v) for d, v in spans.items()}
        return self._doc_sentences.get(doc_id, [])

    def chunk_at(self, doc_id: str, position: int) -> Chunk | None:
        """The first chunk of an article that holds a character position (a map of each article's
        chunks built on first use), or None."""
        if self._doc_chunks is None:
            self._doc_chunks = {}
            for c in self.chunks:
                self._doc_chunks.setdefault(c.doc_id, []).append(c)
        return next((c for c in self._doc_chunks.get(doc_id, []) if c.start <= position < c.end), None)

    def people(self) -> list[str]:
        """The people quoted in the articles, as ingestion found them (built on first use)."""
        if self._people is None:
            self._people = sorted({p for d in self.documents.values() for p in d.meta.get("people", [])})
        return self._people

    def chunk(self, chunk_id: str) -> Chunk | None:
        """The chunk with this id (a dict built on first use)."""
        if self._by_id is None:
            self._by_id = {c.chunk_id: c for c in self.chunks}
        return self._by_id.get(chunk_id)


# ----------------------------------------------------------------------------- protocols


class LexicalIndex(Protocol):
    """A store's own lexical ranking of its chunks."""

    def ranking(self, query: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``n`` best chunks for ``query`` by their words: (positions, scores), best first,
        only chunks that share a word with the query."""


class Store(Protocol):
    """Versions of the index, one of them live."""

    vector_backend: str  # the vector index a write builds (the manifest's ``vector_index.backend``)

    def exists(self) -> bool:
        """Whether there is a live version."""

    def version(self) -> str | None:
        """The live version's name (cheap: readers poll it to pick up another process's write)."""

    def load(self) -> LoadedIndex:
        """The live version; IndexMissingError when there is none, RagError when it is damaged."""

    def manifest(self) -> dict:
        """The live version's manifest, without loading the rest."""

    def lock(self):
        """A context manager: exclusive for writers, across processes."""

    def clean(self) -> None:
        """Remove what killed builds and superseded versions left behind (under ``lock``)."""

    def write(self, manifest: dict, documents: list[Document], chunks: list[Chunk], terms: list[list[str]],
              vectors: np.ndarray, sentence_keys=(), sentence_vectors: np.ndarray | None = None,
              base: str | None = None) -> str:
        """Write a new version with its vector index and make it live in one atomic step; its name.
        Sets ``manifest["vector_index"]`` to what was built. ``base``: the version the build
        started from; a store that cannot trust its lock alone refuses to replace another one."""


# ----------------------------------------------------------------------------- folder store


class FolderStore:
    """Reads and atomically writes index versions under one folder."""

    def __init__(self, index_dir: Path, settings=None):
        from rag.config import Settings

        self.index_dir = Path(index_dir)
        self.settings = settings or Settings()  # which vector index a write builds

    @property
    def vector_backend(self) -> str:
        return self.settings.index.vector_backend

    def __str__(self) -> str:
        return f"{self.index_dir}/"

    def current_path(self) -> Path | None:
        pointer = self.index_dir / POINTER
        try:
            name = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise RagError(f"Cannot read {pointer}: {exc.strerror}.") from None
        path = self.index_dir / name
        return path if name and path.is_dir() else None

    def exists(self) -> bool:
        return self.current_path() is not None

    def version(self) -> str | None:
        path = self.current_path()
        return None if path is None else path.name

    def _live_path(self) -> Path:
        path = self.current_path()
        if path is None:
            raise IndexMissingError(
                f"No index in {self.index_dir}/: build it with `rag index` (or `rag index PATH --index-dir DIR`)."
            )
        return path

    def load(self) -> LoadedIndex:
        """The live version; a clear error if there is none or it is damaged."""
        path = self._live_path()
        try:
            return _read_version(path)
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise RagError(
                f"The index in {self.index_dir}/ is damaged ({type(exc).__name__}: {exc}); "
                f"rebuild it with `rag index --rebuild --index-dir {self.index_dir}`."
            ) from None

    def manifest(self) -> dict:
        """The live version's manifest alone (its documents' ids, titles and sources), without
        reading the chunks, vectors and vector index that ``load`` reads."""
        path = self._live_path()
        try:
            manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
            if not isinstance(manifest.get("documents"), dict):
                raise ValueError("the manifest lists no documents")
            return manifest
        except (OSError, ValueError, AttributeError) as exc:
            raise RagError(
                f"The index in {self.index_dir}/ is damaged ({type(exc).__name__}: {exc}); "
                f"rebuild it with `rag index --rebuild --index-dir {self.index_dir}`."
            ) from None

    @contextmanager
    def lock(self):
        """Exclusive lock for writers: two `rag index` runs never interleave."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with open(self.index_dir / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def clean(self) -> None:
        live = self.current_path()
        if live is not None:  # what a killed build left behind (a half-written or never-live version)
            self._remove_stale(keep=live.name)

    def write(self, manifest: dict, documents: list[Document], chunks: list[Chunk], terms: list[list[str]],
              vectors: np.ndarray, sentence_keys=(), sentence_vectors: np.ndarray | None = None,
              base: str | None = None) -> str:
        """Build the vector index, write a new version and make it live in one atomic step (the
        folder's lock, flock, is held by the kernel for the writer's whole life: ``base`` is not
        needed)."""
        vector_index = backend_class("vector_index", self.vector_backend).build(vectors, self.settings)
        manifest["vector_index"] = {"backend": self.vector_backend, "type": vector_index.kind, "vectors": len(chunks)}
        self.index_dir.mkdir(parents=True, exist_ok=True)
        name = f"v{time.time_ns()}-{os.getpid()}"
        tmp = self.index_dir / f".{name}.tmp"
        tmp.mkdir()
        try:
            _write_json(tmp / "manifest.json", manifest)
            with open(tmp / "vectors.npy", "wb") as fh:
                np.save(fh, vectors)
                _sync(fh)
            vector_index.save(tmp)
            _write_jsonl(tmp / "chunks.jsonl", (_chunk_record(c, t) for c, t in zip(chunks, terms)))
            _write_jsonl(tmp / "documents.jsonl", (_document_record(d) for d in documents))
            if sentence_vectors is not None:
                with open(tmp / "sentences.npy", "wb") as fh:
                    np.save(fh, sentence_vectors)
                    _sync(fh)
                _write_json(tmp / "sentences.json", [list(k) for k in sentence_keys])
            fsync(tmp)
            final = self.index_dir / name
            os.rename(tmp, final)
            pointer_tmp = self.index_dir / f".{POINTER}.{name}.tmp"
            with open(pointer_tmp, "w", encoding="utf-8") as fh:
                fh.write(name + "\n")
                _sync(fh)
            os.replace(pointer_tmp, self.index_dir / POINTER)
            fsync(self.index_dir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self._remove_stale(keep=name)
        return name

    def _remove_stale(self, keep: str) -> None:
        for child in self.index_dir.iterdir():
            if child.name in (keep, POINTER, ".lock"):
                continue
            if child.is_dir() and (child.name.startswith("v") or child.name.endswith(".tmp")):
                shutil.rmtree(child, ignore_errors=True)
            elif child.name.startswith(f".{POINTER}.") and child.name.endswith(".tmp"):
                child.unlink(missing_ok=True)


def _sync(fh) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def _write_json(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        _sync(fh)


def _write_jsonl(path: Path, records: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        _sync(fh)


def _chunk_record(c: Chunk, terms: list[str]) -> dict:
    return {"chunk_id": c.chunk_id, "doc_id": c.doc_id, "title": c.title, "start": c.start, "end": c.end,
            "sentences": c.sentences, "text": c.text, "terms": " ".join(terms)}


def _document_record(d: Document) -> dict:
    return {"doc_id": d.doc_id, "title": d.title, "source": d.source, "content_hash": d.content_hash,
            "meta": d.meta, "text": d.text}


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def vector_backend(manifest: dict) -> str:
    """The vector index backend a version was built with (indexes older than the registry
    were all FAISS)."""
    return manifest.get("vector_index", {}).get("backend", "faiss")


def _read_version(path: Path) -> LoadedIndex:
    missing = [name for name in _FILES if not (path / name).is_file()]
    if missing:
        raise FileNotFoundError(f"missing {', '.join(missing)}")
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise ValueError(f"index format {manifest.get('format')}, this version reads {FORMAT_VERSION}")
    records = _read_jsonl(path / "chunks.jsonl")
    chunks = [
        Chunk(chunk_id=r["chunk_id"], doc_id=r["doc_id"], title=r["title"], text=r["text"], start=r["start"],
              end=r["end"], sentences=[tuple(s) for s in r["sentences"]])
        for r in records
    ]
    terms = [r["terms"].split() for r in records]
    documents = {
        r["doc_id"]: Document(doc_id=r["doc_id"], title=r["title"], text=r["text"], source=r["source"],
                              content_hash=r["content_hash"], meta=r.get("meta") or {})
        for r in _read_jsonl(path / "documents.jsonl")
    }
    vectors = np.load(path / "vectors.npy", allow_pickle=False)
    index = backend_class("vector_index", vector_backend(manifest)).load(path)
    sentence_keys, sentence_vectors = [], None
    if (path / "sentences.npy").is_file():
        sentence_keys = [tuple(k) for k in json.loads((path / "sentences.json").read_text(encoding="utf-8"))]
        sentence_vectors = np.load(path / "sentences.npy", allow_pickle=False)
    loaded = LoadedIndex(version=path.name, manifest=manifest, chunks=chunks, documents=documents, vectors=vectors,
                         vector_index=index, terms=terms, sentence_keys=sentence_keys,
                         sentence_vectors=sentence_vectors)
    check_consistent(loaded)
    return loaded


def check_consistent(index: LoadedIndex) -> None:
    """ValueError unless the chunks, vectors, vector index and documents of a version agree."""
    chunks, vectors, dim = index.chunks, index.vectors, index.dimension
    recorded = index.manifest.get("vector_index", {}).get("vectors", len(chunks))
    if vectors.shape != (len(chunks), dim) or recorded != len(chunks) or index.vector_index.size != len(chunks) \
            or (index.vector_index.size and index.vector_index.dimension != dim):
        raise ValueError(f"{len(chunks)} chunks ({recorded} recorded) but {vectors.shape[0]} stored and "
                         f"{index.vector_index.size} indexed vectors")
    for chunk in chunks:
        doc = index.documents.get(chunk.doc_id)
        if doc is None or doc.text[chunk.start:chunk.end] != chunk.text:
            raise ValueError(f"chunk {chunk.chunk_id} does not match its document")
    if index.sentence_vectors is not None and index.sentence_vectors.shape != (len(index.sentence_keys), dim):
        raise ValueError(f"{len(index.sentence_keys)} sentences but {index.sentence_vectors.shape[0]} sentence vectors")


def check_compatible(manifest: dict, model_id: str, dimension: int | None = None) -> None:
    """Stop with a clear message when the index was built with another embedding model."""
    built = manifest.get("embedding", {})
    if built.get("model_id") != model_id or (dimension is not None and built.get("dimension") != dimension):
        raise IndexMismatchError(
            f"The index was built with the embedding model '{built.get('model_id')}' "
            f"({built.get('dimension')} dimensions), but the current model is '{model_id}'"
            + (f" ({dimension} dimensions)" if dimension is not None else "")
            + ": re-index with `rag index --rebuild`."
        )


