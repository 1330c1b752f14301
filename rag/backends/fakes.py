"""Backends without a model, registered through the same hook as the real ones: the fast
tests run the whole pipeline on them, and they show what a backend must provide.

- ``hashing`` embedder: each word (lower-cased) and word bigram hashed into a fixed number of
  dimensions, L2-normalised. Texts that share words get similar vectors, so retrieval on
  it behaves like a weak lexical search; deterministic across processes.
- ``memory`` vector index: exact inner-product search in numpy, saved as one ``.npy``.
  Also the oracle that the FAISS index is tested against.
- ``scripted`` generator: replies with a text given in advance (or built from the prompt
  by a function), split into word-sized pieces as a real model streams them.
- ``lexical`` entailer: entailment is the share of the hypothesis' words the premise holds;
  a negation on one side only makes it a contradiction. A word check dressed as a model: for
  the fast tests of the stages that use one, never for judging meaning.
- ``lexical`` answer judge: P(answered) is the share of the question's content words the
  quotes hold; for the fast tests, never for deciding whether sources answer.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from rag.backends.base import register
from rag.lang import NEGATIONS, content_terms

HASHING_DIMENSION = 256


@register("embedder", "hashing")
class HashingEmbedder:
    def __init__(self, settings=None, dimension: int = HASHING_DIMENSION):
        self._dimension = dimension

    @property
    def model_id(self) -> str:
        return f"hashing-{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def warm_up(self) -> None:
        """Nothing to load."""

    def _vector(self, text: str) -> np.ndarray:
        words = re.findall(r"\w+", text.lower())
        vector = np.zeros(self._dimension, dtype=np.float32)
        for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
            digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
            vector[int.from_bytes(digest[:4], "little") % self._dimension] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self._embed(texts)


@register("vector_index", "memory")
class MemoryIndex:
    FILE = "vectors.memory.npy"

    def __init__(self, vectors: np.ndarray):
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    @classmethod
    def build(cls, vectors: np.ndarray, settings=None) -> "MemoryIndex":
        return cls(vectors)

    @classmethod
    def load(cls, folder: Path, settings=None) -> "MemoryIndex":
        path = Path(folder) / cls.FILE
        if not path.is_file():
            raise FileNotFoundError(f"missing {cls.FILE}")
        return cls(np.load(path, allow_pickle=False))

    def save(self, folder: Path) -> None:
        with open(Path(folder) / self.FILE, "wb") as handle:
            np.save(handle, self.vectors)
            handle.flush()
            os.fsync(handle.fileno())  # the store makes the version live right after

    @property
    def kind(self) -> str:
        return "memory"

    @property
    def size(self) -> int:
        return int(self.vectors.shape[0])

    @property
    def dimension(self) -> int:
        return int(self.vectors.shape[1]) if self.vectors.ndim == 2 else 0

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        if self.size:
            sims = queries @ self.vectors.T
            take = min(k, self.size)
            for row, sim in enumerate(sims):
                top = np.argsort(-sim, kind="stable")[:take]
                scores[row, :take], ids[row, :take] = sim[top], top
        return scores, ids


@register("generator", "scripted")
class ScriptedGenerator:
    """Replies with ``reply`` (a string, or a function of the chat messages); ``calls`` keeps
    every prompt it was given. From settings alone it answers by citing the first quote."""

    def __init__(self, settings=None, reply: str | Callable[[list[dict]], str] | None = None,
                 context_size: int = 2048):
        self.reply = reply if reply is not None else first_quote_reply
        self._context_size = settings.generation.n_ctx if settings is not None else context_size
        self.calls: list[list[dict]] = []
        self.grammars: list[str | None] = []

    @property
    def context_size(self) -> int:
        return self._context_size

    def warm_up(self, prefix: list[dict] | None = None) -> None:
        """Nothing to load."""

    def count_tokens(self, messages: list[dict]) -> int:
        return sum(len(m["content"].split()) for m in messages) + 4 * len(messages)

    def stream(self, messages: list[dict], grammar: str | None = None) -> Iterator[str]:
        self.calls.append(messages)
        self.grammars.append(grammar)
        text = self.reply(messages) if callable(self.reply) else self.reply
        for piece in re.findall(r"\S+\s*|\s+", text):
            yield piece


def first_quote_reply(messages: list[dict]) -> str:
    """The first fenced quote of the prompt, repeated as the answer and cited as [1]."""
    match = re.search(r"<kutipan>\n\[1\] (.+)", messages[-1]["content"])
    if not match:
        return ""
    return " ".join(match.group(1).strip("“”\" ").split()).rstrip(".") + " [1]."


@register("entailer", "lexical")
class LexicalEntailer:
    def __init__(self, settings=None):
        self.calls = 0

    @property
    def model_id(self) -> str:
        return "lexical"

    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        self.calls += 1
        rows = []
        for premise, hypothesis in pairs:
            have, want = set(re.findall(r"\w+", premise.lower())), set(re.findall(r"\w+", hypothesis.lower()))
            share = len(want & have) / len(want) if want else 1.0
            if want & NEGATIONS != have & NEGATIONS:
                rows.append([0.05, 0.05, 0.9])
            else:
                rows.append([share, (1 - share) / 2, (1 - share) / 2])
        return np.array(rows, dtype=np.float32).reshape(len(pairs), 3)


@register("answer_judge", "lexical")
class LexicalAnswerJudge:
    """P(answered) is the share of the question's content words the quotes hold."""

    def __init__(self, settings=None):
        self.calls = 0

    @property
    def model_id(self) -> str:
        return "lexical"

    def p_answered(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        self.calls += 1
        shares = []
        for quotes, question in pairs:
            want = content_terms(question)
            shares.append(len(want & content_terms(quotes)) / len(want) if want else 1.0)
        return np.array(shares, dtype=np.float32)
