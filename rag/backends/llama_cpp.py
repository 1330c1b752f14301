"""In-process llama-cpp-python: the default generator (a GGUF file carried by PyPI packages)."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Iterator

from rag.backends.base import register
from rag.errors import ModelError

log = logging.getLogger(__name__)

_LLAMAS: dict[tuple, object] = {}
_LLAMA_LOCK = threading.Lock()


@register("generator", "llama-cpp")
class LlamaCppGenerator:
    """The model is loaded on first use, once per process (shared by every generator with the
    same file and engine settings), and calls are serialised: one generation at a time on a
    small CPU. ``warm_up(prefix)`` evaluates the constant prompt prefix once, so every question
    reuses its KV cache."""

    def __init__(self, settings):
        self.config = settings.generation
        self.n_threads = settings.n_threads
        self.cache_dir = settings.cache_dir
        self._path: Path | None = self.config.llm_path

    @property
    def model_path(self) -> Path:
        from rag.backends.weights import check_gguf, default_llm_path

        if self._path is None:
            self._path = default_llm_path(self.cache_dir)
        else:
            check_gguf(Path(self._path))
        return Path(self._path)

    @property
    def context_size(self) -> int:
        return self.config.n_ctx

    @property
    def llm(self):
        c = self.config
        key = (str(self.model_path), c.n_ctx, self.n_threads, c.n_batch)
        with _LLAMA_LOCK:
            if key not in _LLAMAS:
                from llama_cpp import Llama

                try:
                    llm = Llama(model_path=key[0], n_ctx=c.n_ctx, n_threads=self.n_threads,
                                n_threads_batch=self.n_threads, n_batch=c.n_batch, seed=c.seed, verbose=False)
                except (ValueError, RuntimeError) as exc:
                    raise ModelError(f"Cannot load the LLM {key[0]}: {exc}") from exc
                _LLAMAS[key] = llm
            return _LLAMAS[key]

    def warm_up(self, prefix: list[dict] | None = None) -> None:
        """Load the model, and have the constant prompt ``prefix`` in its KV cache now rather
        than at the first question: loaded from the state a process saved before
        (llama_state.py: a fraction of a second), or evaluated (seconds) and saved."""
        llm = self.llm
        if prefix:
            from rag.backends.llama_state import warm_prefix_cached

            with _LLAMA_LOCK:
                warm_prefix_cached(llm, self.model_path, self.cache_dir, lambda model: warm_prefix(model, prefix),
                                   json.dumps(prefix, ensure_ascii=False), enabled=self.config.prefix_state)

    def count_tokens(self, messages: list[dict]) -> int:
        text = "".join(m["content"] for m in messages)
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False)) + 16 * len(messages)

    def stream(self, messages: list[dict], grammar: str | None = None) -> Iterator[str]:
        llm = self.llm
        constraint = {}
        if grammar is not None:
            from llama_cpp import LlamaGrammar

            constraint["grammar"] = LlamaGrammar.from_string(grammar, verbose=False)
        with _LLAMA_LOCK:
            for part in llm.create_chat_completion(
                messages=messages, stream=True, temperature=self.config.temperature,
                max_tokens=self.config.max_answer_tokens, seed=self.config.seed, **constraint,
            ):
                delta = part["choices"][0].get("delta", {}).get("content")
                if delta:
                    yield delta


def warm_prefix(llm, messages: list[dict]) -> None:
    """Evaluate a constant prompt prefix once, so every question reuses its KV cache."""
    try:
        llm.create_chat_completion(messages=messages, max_tokens=1)
    except Exception as exc:  # warming is an optimisation; the first question pays instead
        log.warning("could not warm the prompt prefix: %s", exc)
