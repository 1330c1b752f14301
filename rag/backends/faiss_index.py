"""FAISS: exact inner-product search for small corpora, HNSW above ``index.exact_max`` vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.backends.base import fsync, register

FILE = "vectors.faiss"


@register("vector_index", "faiss")
class FaissIndex:
    def __init__(self, index):
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, settings) -> "FaissIndex":
        import faiss

        config = settings.index
        n, dim = vectors.shape if vectors.size else (0, vectors.shape[1] if vectors.ndim == 2 else 0)
        if n <= config.exact_max:
            index = faiss.IndexFlatIP(dim)
        else:
            index = faiss.IndexHNSWFlat(dim, config.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = config.hnsw_ef_construction
            index.hnsw.efSearch = config.hnsw_ef_search
        if n:
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @classmethod
    def load(cls, folder: Path, settings=None) -> "FaissIndex":
        import faiss

        path = Path(folder) / FILE
        if not path.is_file():
            raise FileNotFoundError(f"missing {FILE}")
        return cls(faiss.read_index(str(path)))

    def save(self, folder: Path) -> None:
        import faiss

        path = Path(folder) / FILE
        faiss.write_index(self.index, str(path))
        fsync(path)

    @property
    def kind(self) -> str:
        import faiss

        return "hnsw" if isinstance(self.index, faiss.IndexHNSW) else "flat"

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        return self.index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
