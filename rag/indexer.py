"""Building the index: read the articles, chunk them, embed what is new, write a new version.

Unchanged documents keep their chunks, and chunks whose text did not change keep their
vectors: only new text is embedded. Nothing is written when nothing changed.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Callable

import numpy as np

from rag.chunk import chunk_document, chunk_terms, embed_text
from rag.config import Settings
from rag.errors import InputError, RagError
from rag.ingest import iter_input_files, load_documents
from rag.store import FORMAT_VERSION, check_compatible, vector_backend
from rag.stores import open_store
from rag.types import Chunk, IndexReport


# Report reading/chunking and stemming progress every this many articles or chunks.
PROGRESS_EVERY = 100


def sentence_embed_text(sentence: str) -> str:
    """What is embedded for a sentence (quote selection): the sentence alone, whitespace folded."""
    return " ".join(sentence.split())


def _embed_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _chunker_settings(settings: Settings) -> dict:
    c = settings.chunking
    return {"version": c.version, "chunk_words": c.words, "overlap_sentences": c.overlap_sentences}


def build_index(
    paths: list[Path],
    settings: Settings,
    embedder,
    *,
    rebuild: bool = False,
    add: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> IndexReport:
    """Make the index mirror the documents under ``paths`` (with ``add``: add them to the
    documents it has, which an upload does, so that uploads through other processes stay).

    ``progress(done, total, label)`` is called as the work goes on; ``label`` is "articles"
    (chunking), "chunks" and "sentences" (embedding) or "terms" (stemming for BM25).

    New and changed documents are chunked and embedded, removed ones dropped, unchanged
    ones kept as they are. Nothing is written when nothing changed. Unreadable inputs are
    reported in ``IndexReport.skipped`` and do not stop the build; if no input at all is
    readable the old index is left untouched and an error is raised.
    """
    started = time.perf_counter()
    store = open_store(settings)
    documents, skipped = load_documents(paths, settings.ingest.max_file_bytes)
    report = IndexReport(skipped=skipped)
    if not documents:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped[:3])
        raise InputError("No readable article in " + ", ".join(map(str, paths))
                         + (f" ({reasons})" if reasons else "") + "; the index was not changed.")

    with store.lock():
        store.clean()  # what a killed build left behind; superseded versions
        old = None
        base = store.version()  # the version this build starts from (a PostgreSQL write checks it is still live)
        if base is not None and not rebuild:
            try:
                old = store.load()
                check_compatible(old.manifest, embedder.model_id)
            except RagError as exc:
                if add:  # adding to an index that cannot be read would drop every article it had
                    raise RagError(f"{exc} Nothing was added; rebuild the index first (`rag index --rebuild`), "
                                   "then add the articles again.") from None
                old = None  # damaged or built with another model: rebuild from scratch
        # Another vector index backend: its index is built anew from the kept vectors.
        same_backend = old is not None and vector_backend(old.manifest) == store.vector_backend
        if add and old is not None:  # the documents indexed before, kept as they are
            given = {d.doc_id for d in documents}
            documents = [d for d in old.documents.values() if d.doc_id not in given] + documents
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
        for position, doc in enumerate(documents):
            if progress is not None and position % PROGRESS_EVERY == 0:
                progress(position, len(documents), "articles")
            if doc.doc_id in old_docs and same_chunker and old_docs[doc.doc_id]["content_hash"] == doc.content_hash:
                report.unchanged.append(doc.doc_id)
                chunks.extend(old_chunks.get(doc.doc_id, []))
                continue
            previous = by_source.get(doc.source)
            if doc.doc_id in old_docs or (previous is not None and previous not in new_ids):
                report.updated.append(doc.doc_id)
            else:
                report.added.append(doc.doc_id)
            chunks.extend(chunk_document(doc.doc_id, doc.title, doc.text, settings.chunking))
        if progress is not None:
            progress(len(documents), len(documents), "articles")
        # A changed file replaces its old version: it counts as updated, not as removed.
        replaced = {by_source[d.source] for d in documents if d.source in by_source} - new_ids
        report.removed = sorted(set(old_docs) - new_ids - replaced)
        report.chunks = len(chunks)

        total_sentences = len({(c.doc_id, s) for c in chunks for s in c.sentences})
        wants_sentences = total_sentences <= settings.index.sentence_vectors_max
        if old is not None and not (report.added or report.updated or report.removed or replaced) \
                and same_chunker and same_backend and len(chunks) == len(old.chunks) \
                and wants_sentences == (old.sentence_vectors is not None):
            report.index_type = old.vector_index.kind
            report.seconds = time.perf_counter() - started
            return report

        texts = [embed_text(c) for c in chunks]
        vectors, fresh = _embed_reusing(texts, old_vectors, embedder, progress, "chunks", settings.embedding.batch_size)
        report.embedded = len(fresh)
        terms = []
        for position, (text, chunk) in enumerate(zip(texts, chunks)):
            if progress is not None and position % PROGRESS_EVERY == 0:
                progress(position, len(chunks), "terms")
            terms.append(old_terms.get(_embed_key(text)) or chunk_terms(chunk))
        if progress is not None:
            progress(len(chunks), len(chunks), "terms")

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
                sentence_texts, old_sentences, embedder, progress, "sentences", settings.embedding.batch_size)
            report.embedded_sentences = len(fresh_sentences)

        per_doc: dict[str, int] = {}
        for chunk in chunks:
            per_doc[chunk.doc_id] = per_doc.get(chunk.doc_id, 0) + 1
        manifest = {
            "format": FORMAT_VERSION,
            "embedding": {"model_id": embedder.model_id, "dimension": int(vectors.shape[1]),
                          "query_prefix": settings.embedding.query_prefix,
                          "passage_prefix": settings.embedding.passage_prefix},
            "chunker": chunker,
            "documents": {
                d.doc_id: {"source": d.source, "content_hash": d.content_hash, "title": d.title,
                           "chunks": per_doc.get(d.doc_id, 0), "meta": d.meta}
                for d in documents
            },
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        store.write(manifest, documents, chunks, terms, vectors, sentence_keys, sentence_vectors, base=base)
        report.index_type = manifest["vector_index"]["type"]
        report.written = True
    report.seconds = time.perf_counter() - started
    return report


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


def cached_index(paths: list[Path], settings: Settings, embedder, progress=None) -> Settings:
    """An index of the articles under ``paths`` in the cache folder, built once per content and
    chunker settings (the external corpus: 6,019 passages, minutes to embed the first time); the
    settings that point at it."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputError(f"{missing[0]}: not there; pass the corpus with --corpus PATH.")
    files = list(iter_input_files(paths))
    digest = hashlib.sha256()
    for path in files:  # one file: the digest of its bytes, as the external corpus's cache was named
        digest.update(path.read_bytes() if len(files) == 1 else path.name.encode() + b"\0" + path.read_bytes())
    chunking = settings.chunking
    key = f"{digest.hexdigest()[:12]}-w{chunking.words}-o{chunking.overlap_sentences}-c{chunking.version}"
    if settings.index.vector_backend != "faiss":
        key += f"-{settings.index.vector_backend}"
    if settings.index.store:  # the external corpus's index in the database, in a schema of its own
        settings = settings.with_(index={"store_schema": f"eval_{key.replace('-', '_')}"})
    settings = settings.with_(index_dir=settings.cache_dir / "eval-index" / key)
    build_index(paths, settings, embedder, progress=progress)  # no work when up to date
    return settings
