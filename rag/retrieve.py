"""Hybrid retrieval: dense (the index's vector backend) plus lexical (BM25), fused by reciprocal rank.

The lexical side is the store's own when it has one (PostgreSQL: BM25 over its full-text
lexemes), else BM25 in memory (bm25s) over the terms stored at index time."""

from __future__ import annotations

import logging
import threading

import numpy as np

from rag.config import RetrievalConfig
from rag.lang import expand_query, tokenize
from rag.store import LexicalIndex, LoadedIndex, check_compatible
from rag.types import Hit

MODES = ("hybrid", "dense", "bm25")


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

    def ranking(self, query: str, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``n`` best chunks for ``query``: (positions, scores), best first, score above 0."""
        scores = self.scores(tokenize(expand_query(query)))
        n = min(n, len(scores))
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] > 0]
        return top, scores[top]


class Retriever:
    """Ranks the chunks of one loaded index for a query, with one embedder. Cheap to build;
    BM25 (when the store has no lexical index of its own) is built on first use."""

    def __init__(self, index: LoadedIndex, embedder, config: RetrievalConfig = RetrievalConfig()):
        self.index = index
        self.embedder = embedder
        self.config = config
        self._lexical: LexicalIndex | None = index.lexical
        self._lock = threading.Lock()
        check_compatible(index.manifest, embedder.model_id)

    @property
    def lexical(self) -> LexicalIndex:
        with self._lock:
            if self._lexical is None:
                self._lexical = BM25(self.index.terms, self.config.bm25_k1, self.config.bm25_b)
            return self._lexical

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
        scores, ids = self.index.vector_index.search(query_vector, n)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def search(self, query: str, k: int | None = None, mode: str = "hybrid",
               query_vector: np.ndarray | None = None) -> list[Hit]:
        """The ``k`` best chunks for ``query``; ``mode`` is hybrid, dense or bm25."""
        k = k or self.config.top_k
        n = max(self.config.candidates, k)
        dense_ids = bm25_ids = np.zeros(0, dtype=np.int64)
        dense_scores = bm25_scores = np.zeros(0, dtype=np.float32)
        if mode in ("hybrid", "dense"):
            if query_vector is None:
                query_vector = self.query_vector(query)
            dense_ids, dense_scores = self.dense_ranking(query_vector, n)
        if mode in ("hybrid", "bm25"):
            bm25_ids, bm25_scores = self.lexical.ranking(query, n)
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
                    fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (self.config.rrf_k + rank + 1)
        order = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        if query_vector is not None:  # cosine for hits found by BM25 alone, from the stored vectors
            for i in order:
                if i not in dense:
                    dense[i] = float(self.index.vectors[i] @ query_vector[0])
        return [Hit(self.index.chunks[i], fused[i], dense.get(i), lexical.get(i)) for i in order]
