"""Hybrid retrieval: dense (FAISS) plus BM25, fused by reciprocal rank."""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass

import numpy as np

from rag.chunk import Chunk
from rag.index import LoadedIndex, check_compatible
from rag.settings import Settings
from rag.text import expand_query, tokenize

MODES = ("hybrid", "dense", "bm25")


@dataclass
class Hit:
    """A retrieved chunk with the scores that ranked it."""

    chunk: Chunk
    score: float
    dense: float | None = None
    bm25: float | None = None

    def to_dict(self) -> dict:
        c = self.chunk
        return {"doc_id": c.doc_id, "chunk_id": c.chunk_id, "title": c.title, "score": round(self.score, 6),
                "dense": None if self.dense is None else round(self.dense, 6),
                "bm25": None if self.bm25 is None else round(self.bm25, 6),
                "start": c.start, "end": c.end, "text": c.text}


class BM25:
    """BM25 (Lucene variant, bm25s) over the chunks of an index."""

    def __init__(self, terms: list[list[str]], k1: float = 1.2, b: float = 0.75):
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s logs each build at DEBUG
        self._model = bm25s.BM25(k1=k1, b=b)
        # bm25s needs one non-empty document to build a vocabulary.
        self._model.index([t or [""] for t in terms] or [[""]], show_progress=False)
        self._vocab = self._model.vocab_dict
        self._n = len(terms)

    def scores(self, query_terms: list[str]) -> np.ndarray:
        known = [t for t in query_terms if t in self._vocab]
        if not known or not self._n:
            return np.zeros(self._n, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)[: self._n]


class Retriever:
    """Ranks the chunks of a loaded index for a query. Cheap to build; BM25 is built on first use."""

    def __init__(self, index: LoadedIndex, embedder, settings: Settings):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self._bm25: BM25 | None = None
        self._idf: dict[str, float] | None = None
        self._lock = threading.Lock()
        check_compatible(index.manifest, embedder.model_id)

    @property
    def idf(self) -> dict[str, float]:
        """Inverse document frequency of every BM25 term of the index (computed once)."""
        with self._lock:
            if self._idf is None:
                df: dict[str, int] = {}
                for terms in self.index.terms:
                    for term in set(terms):
                        df[term] = df.get(term, 0) + 1
                n = max(1, len(self.index.terms))
                self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
            return self._idf

    @property
    def bm25(self) -> BM25:
        with self._lock:
            if self._bm25 is None:
                self._bm25 = BM25(self.index.terms)
            return self._bm25

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding; an English question is embedded in its Indonesian rendering,
        which this small multilingual model matches far better against Indonesian text."""
        vector = self.embedder.embed_queries([expand_query(query)])
        if vector.shape[1] != self.index.dimension:
            check_compatible(self.index.manifest, self.embedder.model_id, int(vector.shape[1]))
        return vector

    def dense_ranking(self, query_vector: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        n = min(n, len(self.index.chunks))
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores, ids = self.index.faiss_index.search(query_vector, n)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def bm25_ranking(self, query: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        scores = self.bm25.scores(tokenize(expand_query(query)))
        n = min(n, len(scores))
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] > 0]
        return top, scores[top]

    def search(self, query: str, k: int | None = None, mode: str = "hybrid",
               query_vector: np.ndarray | None = None) -> list[Hit]:
        """The ``k`` best chunks for ``query``; ``mode`` is hybrid, dense or bm25."""
        k = k or self.settings.top_k
        n = max(self.settings.candidates, k)
        dense_ids = bm25_ids = np.zeros(0, dtype=np.int64)
        dense_scores = bm25_scores = np.zeros(0, dtype=np.float32)
        if mode in ("hybrid", "dense"):
            if query_vector is None:
                query_vector = self.query_vector(query)
            dense_ids, dense_scores = self.dense_ranking(query_vector, n)
        if mode in ("hybrid", "bm25"):
            bm25_ids, bm25_scores = self.bm25_ranking(query, n)
        dense = {int(i): float(s) for i, s in zip(dense_ids, dense_scores)}
        lexical = {int(i): float(s) for i, s in zip(bm25_ids, bm25_scores)}
        if mode == "dense":
            fused = dense
        elif mode == "bm25":
            fused = lexical
        else:
            fused = {}
            for ranking in (dense_ids, bm25_ids):
                for rank, i in enumerate(ranking):
                    fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (self.settings.rrf_k + rank + 1)
        order = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        if query_vector is not None:  # cosine for hits found by BM25 alone, from the stored vectors
            for i in order:
                if i not in dense:
                    dense[i] = float(self.index.vectors[i] @ query_vector[0])
        return [Hit(self.index.chunks[i], fused[i], dense.get(i), lexical.get(i)) for i in order]
