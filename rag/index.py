"""The on-disk index: FAISS vectors, the chunk store, the documents and a manifest.

Layout of ``index_dir``::

    CURRENT              name of the live version folder (replaced atomically)
    v<time>-<pid>/       manifest.json, vectors.npy, vectors.faiss, chunks.jsonl, documents.jsonl

A build writes a new version folder beside the live one and then swaps ``CURRENT``
with ``os.replace``; a crash at any point leaves either the old or the new index.
Unchanged documents keep their chunks, and chunks whose text did not change keep
their vectors: only new text is embedded.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from rag.chunk import Chunk, chunk_document
from rag.errors import IndexMismatchError, IndexMissingError, InputError, RagError
from rag.ingest import Document, Skipped, load_documents
from rag.settings import Settings
from rag.text import tokenize

FORMAT_VERSION = 1
# Bump when chunking or BM25 tokenisation changes: chunks and terms are rebuilt (vectors of
# unchanged chunk texts are kept).
CHUNKER_VERSION = 3
POINTER = "CURRENT"
_FILES = ("manifest.json", "vectors.npy", "vectors.faiss", "chunks.jsonl", "documents.jsonl")


def embed_text(chunk: Chunk) -> str:
    """What is embedded for a chunk: its article title, then its text."""
    return f"{chunk.title}\n{chunk.text}" if chunk.title else chunk.text


def chunk_terms(chunk: Chunk) -> list[str]:
    """BM25 terms of a chunk: its title and its text, stemmed, without stopwords."""
    return tokenize(embed_text(chunk))


def _embed_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass
class IndexReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    embedded_sentences: int = 0
    index_type: str = ""
    seconds: float = 0.0
    written: bool = False

    def to_dict(self) -> dict:
        out = asdict(self)
        out["skipped"] = [{"source": s.source, "reason": s.reason, "duplicate": s.duplicate} for s in self.skipped]
        return out


@dataclass
class LoadedIndex:
    """A version of the index, read into memory."""

    path: Path
    manifest: dict
    chunks: list[Chunk]
    documents: dict[str, Document]
    vectors: np.ndarray
    faiss_index: object
    terms: list[list[str]]  # BM25 terms of each chunk, computed once at index time
    sentence_keys: list[tuple[str, int, int]] = field(default_factory=list)
    sentence_vectors: np.ndarray | None = None  # one row per sentence key, when precomputed
    _by_id: dict | None = field(default=None, repr=False)
    _sentence_rows: dict | None = field(default=None, repr=False)
    _doc_sentences: dict | None = field(default=None, repr=False)
    _people: list | None = field(default=None, repr=False)

    @property
    def dimension(self) -> int:
        return int(self.manifest["embedding"]["dimension"])

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


# ----------------------------------------------------------------------------- faiss


def build_faiss(vectors: np.ndarray, exact_max: int):
    """Exact inner-product search for small corpora, HNSW above ``exact_max`` vectors."""
    import faiss

    n, dim = vectors.shape if vectors.size else (0, vectors.shape[1] if vectors.ndim == 2 else 0)
    if n <= exact_max:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 100
        index.hnsw.efSearch = 512  # recall@10 >= 0.95 of exact even on random vectors (tests)
    if n:
        index.add(vectors)
    return index


def faiss_kind(index) -> str:
    import faiss

    return "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"


# ----------------------------------------------------------------------------- store


class IndexStore:
    """Reads and atomically writes index versions under one folder."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)

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

    def load(self) -> LoadedIndex:
        """The live version; a clear error if there is none or it is damaged."""
        path = self.current_path()
        if path is None:
            raise IndexMissingError(
                f"No index in {self.index_dir}/: build it with `rag index` (or `rag index PATH --index-dir DIR`)."
            )
        try:
            return _read_version(path)
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
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

    def write(self, manifest: dict, documents: list[Document], chunks: list[Chunk], terms: list[list[str]],
              vectors: np.ndarray, faiss_index, sentence_keys=(), sentence_vectors: np.ndarray | None = None) -> Path:
        """Write a new version and make it live in one atomic step."""
        import faiss

        self.index_dir.mkdir(parents=True, exist_ok=True)
        name = f"v{time.time_ns()}-{os.getpid()}"
        tmp = self.index_dir / f".{name}.tmp"
        tmp.mkdir()
        try:
            _write_json(tmp / "manifest.json", manifest)
            with open(tmp / "vectors.npy", "wb") as fh:
                np.save(fh, vectors)
                _sync(fh)
            faiss.write_index(faiss_index, str(tmp / "vectors.faiss"))
            _fsync_path(tmp / "vectors.faiss")
            _write_jsonl(tmp / "chunks.jsonl", (_chunk_record(c, t) for c, t in zip(chunks, terms)))
            _write_jsonl(tmp / "documents.jsonl", (_document_record(d) for d in documents))
            if sentence_vectors is not None:
                with open(tmp / "sentences.npy", "wb") as fh:
                    np.save(fh, sentence_vectors)
                    _sync(fh)
                _write_json(tmp / "sentences.json", [list(k) for k in sentence_keys])
            _fsync_path(tmp)
            final = self.index_dir / name
            os.rename(tmp, final)
            pointer_tmp = self.index_dir / f".{POINTER}.{name}.tmp"
            with open(pointer_tmp, "w", encoding="utf-8") as fh:
                fh.write(name + "\n")
                _sync(fh)
            os.replace(pointer_tmp, self.index_dir / POINTER)
            _fsync_path(self.index_dir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self._remove_stale(keep=name)
        return self.index_dir / name

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


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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


def _read_version(path: Path) -> LoadedIndex:
    import faiss

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
    index = faiss.read_index(str(path / "vectors.faiss"))
    dim = manifest["embedding"]["dimension"]
    if vectors.shape != (len(chunks), dim) or index.ntotal != len(chunks) or index.d != dim:
        raise ValueError(
            f"{len(chunks)} chunks but {vectors.shape[0]} stored and {index.ntotal} indexed vectors"
        )
    for chunk in chunks:
        doc = documents.get(chunk.doc_id)
        if doc is None or doc.text[chunk.start:chunk.end] != chunk.text:
            raise ValueError(f"chunk {chunk.chunk_id} does not match its document")
    sentence_keys, sentence_vectors = [], None
    if (path / "sentences.npy").is_file():
        sentence_keys = [tuple(k) for k in json.loads((path / "sentences.json").read_text(encoding="utf-8"))]
        sentence_vectors = np.load(path / "sentences.npy", allow_pickle=False)
        if sentence_vectors.shape != (len(sentence_keys), dim):
            raise ValueError(f"{len(sentence_keys)} sentences but {sentence_vectors.shape[0]} sentence vectors")
    return LoadedIndex(path=path, manifest=manifest, chunks=chunks, documents=documents, vectors=vectors,
                       faiss_index=index, terms=terms, sentence_keys=sentence_keys, sentence_vectors=sentence_vectors)


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


# ----------------------------------------------------------------------------- build


def _chunker_settings(settings: Settings) -> dict:
    return {"version": CHUNKER_VERSION, "chunk_words": settings.chunk_words,
            "overlap_sentences": settings.chunk_overlap_sentences}


def build_index(
    paths: list[Path],
    settings: Settings,
    embedder,
    *,
    rebuild: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> IndexReport:
    """Make the index mirror the documents under ``paths``.

    New and changed documents are chunked and embedded, removed ones dropped, unchanged
    ones kept as they are. Nothing is written when nothing changed. Unreadable inputs are
    reported in ``IndexReport.skipped`` and do not stop the build; if no input at all is
    readable the old index is left untouched and an error is raised.
    """
    started = time.perf_counter()
    store = IndexStore(settings.index_dir)
    documents, skipped = load_documents(paths)
    report = IndexReport(skipped=skipped)
    if not documents:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:3])
        raise InputError("No readable article in " + ", ".join(map(str, paths))
                         + (f" ({reasons})" if reasons else "") + "; the index was not changed.")

    with store.lock():
        live = store.current_path()
        if live is not None:  # what a killed build left behind (a half-written or never-live version)
            store._remove_stale(keep=live.name)
        old = None
        if store.exists() and not rebuild:
            try:
                old = store.load()
                check_compatible(old.manifest, embedder.model_id)
            except RagError:
                old = None  # damaged or built with another model: rebuild from scratch
        chunker = _chunker_settings(settings)
        same_chunker = old is not None and old.manifest.get("chunker") == chunker
        old_docs = old.manifest["documents"] if old is not None else {}
        old_chunks: dict[str, list[Chunk]] = {}
        old_vectors: dict[str, np.ndarray] = {}  # by content hash of the embedded text
        old_terms: dict[str, list[str]] = {}
        if old is not None:
            for i, chunk in enumerate(old.chunks):
                old_chunks.setdefault(chunk.doc_id, []).append(chunk)
                key = _embed_key(embed_text(chunk))
                old_vectors[key] = old.vectors[i]
                if same_chunker:  # terms depend on the tokeniser version, vectors do not
                    old_terms[key] = old.terms[i]

        new_ids = {d.doc_id for d in documents}
        by_source = {info["source"]: doc_id for doc_id, info in old_docs.items()}
        chunks: list[Chunk] = []
        for doc in documents:
            if doc.doc_id in old_docs and same_chunker and old_docs[doc.doc_id]["content_hash"] == doc.content_hash:
                report.unchanged.append(doc.doc_id)
                chunks.extend(old_chunks.get(doc.doc_id, []))
                continue
            previous = by_source.get(doc.source)
            if doc.doc_id in old_docs or (previous is not None and previous not in new_ids):
                report.updated.append(doc.doc_id)
            else:
                report.added.append(doc.doc_id)
            chunks.extend(chunk_document(doc.doc_id, doc.title, doc.text, settings.chunk_words,
                                         settings.chunk_overlap_sentences))
        # A changed file replaces its old version: it counts as updated, not as removed.
        replaced = {by_source[d.source] for d in documents if d.source in by_source} - new_ids
        report.removed = sorted(set(old_docs) - new_ids - replaced)
        report.chunks = len(chunks)

        total_sentences = len({(c.doc_id, s) for c in chunks for s in c.sentences})
        wants_sentences = total_sentences <= settings.sentence_vectors_max
        if old is not None and not (report.added or report.updated or report.removed or replaced) \
                and same_chunker and len(chunks) == len(old.chunks) \
                and wants_sentences == (old.sentence_vectors is not None):
            report.index_type = faiss_kind(old.faiss_index)
            report.seconds = time.perf_counter() - started
            return report

        texts = [embed_text(c) for c in chunks]
        vectors, fresh = _embed_reusing(texts, old_vectors, embedder, progress, "chunks", settings.embed_batch_size)
        report.embedded = len(fresh)
        terms = [old_terms.get(_embed_key(t)) or chunk_terms(c) for t, c in zip(texts, chunks)]

        sentence_keys: list[tuple[str, int, int]] = []
        sentence_vectors = None
        if wants_sentences:
            sentence_keys = sorted({(c.doc_id, s, e) for c in chunks for s, e in c.sentences})
            texts_by_doc = {d.doc_id: d.text for d in documents}
            sentence_texts = [sentence_embed_text(texts_by_doc[d][s:e]) for d, s, e in sentence_keys]
            old_sentences = {}
            if old is not None and old.sentence_vectors is not None:
                for (d, s, e), v in zip(old.sentence_keys, old.sentence_vectors):
                    old_sentences[_embed_key(sentence_embed_text(old.documents[d].text[s:e]))] = v
            sentence_vectors, fresh_sentences = _embed_reusing(
                sentence_texts, old_sentences, embedder, progress, "sentences", settings.embed_batch_size)
            report.embedded_sentences = len(fresh_sentences)

        index = build_faiss(vectors, settings.exact_index_max)
        report.index_type = faiss_kind(index)
        per_doc: dict[str, int] = {}
        for chunk in chunks:
            per_doc[chunk.doc_id] = per_doc.get(chunk.doc_id, 0) + 1
        manifest = {
            "format": FORMAT_VERSION,
            "embedding": {"model_id": embedder.model_id, "dimension": int(vectors.shape[1]),
                          "query_prefix": settings.query_prefix, "passage_prefix": settings.passage_prefix},
            "chunker": chunker,
            "faiss": {"type": report.index_type, "vectors": len(chunks)},
            "documents": {
                d.doc_id: {"source": d.source, "content_hash": d.content_hash, "title": d.title,
                           "chunks": per_doc.get(d.doc_id, 0), "meta": d.meta}
                for d in documents
            },
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        store.write(manifest, documents, chunks, terms, vectors, index, sentence_keys, sentence_vectors)
        report.written = True
    report.seconds = time.perf_counter() - started
    return report


def sentence_embed_text(sentence: str) -> str:
    """What is embedded for a sentence (quote selection): the sentence alone, whitespace folded."""
    return " ".join(sentence.split())


def _embed_reusing(texts: list[str], old: dict[str, np.ndarray], embedder, progress, label: str,
                   batch: int) -> tuple[np.ndarray, list[int]]:
    """Vectors for ``texts``, taking those of unchanged texts from ``old`` (keyed by content
    hash) and embedding the rest. Returns the vectors and the positions embedded anew."""
    keys = [_embed_key(t) for t in texts]
    todo = [i for i, key in enumerate(keys) if key not in old]
    if progress is None:
        fresh = embedder.embed_passages([texts[i] for i in todo])
    else:
        fresh = _embed_with_progress(embedder, [texts[i] for i in todo], progress, label, batch)
    dim = fresh.shape[1] if todo else (next(iter(old.values())).shape[0] if old else embedder.dimension)
    vectors = np.zeros((len(texts), dim), dtype=np.float32)
    fresh_by_position = dict(zip(todo, fresh))
    for i, key in enumerate(keys):
        vectors[i] = fresh_by_position[i] if i in fresh_by_position else old[key]
    return vectors, todo


def _embed_with_progress(embedder, texts: list[str], progress: Callable[[int, int, str], None], label: str,
                         batch: int) -> np.ndarray:
    """Embed in blocks of many batches: sentence-transformers sorts each call's texts by
    length, so large blocks waste little on padding, and progress is still reported."""
    block = batch * 16
    parts = []
    progress(0, len(texts), label)
    for i in range(0, len(texts), block):
        parts.append(embedder.embed_passages(texts[i : i + block]))
        progress(min(i + block, len(texts)), len(texts), label)
    if not parts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    return np.concatenate(parts)
