"""The raw engine: llama-cpp-python called directly, as a user of the library would, with the
product's model file and threads. The benchmarks put our pipeline beside it."""

from __future__ import annotations

import time

from rag.config import Settings

# The "plain" retrieval prompt a first RAG prototype would use: whole passages, no example.
PLAIN_SYSTEM = ("Jawab pertanyaan dalam bahasa Indonesia hanya berdasarkan konteks. "
                "Sebutkan nomor sumber seperti [1].")


def model_path(settings: Settings):
    from rag.backends.weights import default_llm_path

    return settings.generation.llm_path or default_llm_path(settings.cache_dir)


def load_llama(settings: Settings, **overrides):
    """A llama_cpp.Llama with the product's settings (overridable), loaded directly."""
    from llama_cpp import Llama

    generation = settings.generation
    params = dict(model_path=str(model_path(settings)), n_ctx=generation.n_ctx, n_threads=settings.n_threads,
                  n_threads_batch=settings.n_threads, n_batch=generation.n_batch, seed=generation.seed, verbose=False)
    params.update(overrides)
    return Llama(**params)


def plain_messages(question: str, passages: list[str]) -> list[dict]:
    context = "\n\n".join(f"[{n}] {' '.join(p.split())}" for n, p in enumerate(passages, 1))
    return [{"role": "system", "content": PLAIN_SYSTEM},
            {"role": "user", "content": f"Konteks:\n{context}\n\nPertanyaan: {question}"}]


def count_tokens(llm, text: str) -> int:
    return len(llm.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0


def timed_chat(llm, messages: list[dict], max_tokens: int, seed: int = 0, grammar: str | None = None) -> dict:
    """Stream one greedy chat completion (under a GBNF ``grammar``, if given); time to first
    token, total, text and tokens/s."""
    constraint = {}
    if grammar is not None:
        from llama_cpp import LlamaGrammar

        constraint["grammar"] = LlamaGrammar.from_string(grammar, verbose=False)
    started = time.perf_counter()
    first = None
    pieces = []
    for part in llm.create_chat_completion(messages=messages, stream=True, temperature=0.0,
                                           max_tokens=max_tokens, seed=seed, **constraint):
        delta = part["choices"][0].get("delta", {}).get("content")
        if delta:
            if first is None:
                first = time.perf_counter() - started
            pieces.append(delta)
    total = time.perf_counter() - started
    text = "".join(pieces).strip()
    rate = generation_rate(llm, text, first, total)
    # The KV cache holds the prompt and every generated token but the last (±1 for the end token).
    prompt = int(llm.n_tokens) - max(rate["tokens"] - 1, 0)
    return {"first_token_s": first, "total_s": total, "text": text, "prompt_tokens": prompt, **rate}


def generation_rate(llm, text: str, first: float | None, total: float) -> dict:
    """Tokens generated after the first, per second of generation."""
    tokens = count_tokens(llm, text)
    gen_s = total - first if first is not None else 0.0
    return {"tokens": tokens, "gen_tokens_per_s": (tokens - 1) / gen_s if tokens > 1 and gen_s > 0 else None}


def time_to_first_token(llm, messages: list[dict]) -> tuple[float, int]:
    """Seconds to read the prompt and sample one token, and the prompt's length in tokens
    (what the KV cache holds afterwards: the sampled token is not evaluated)."""
    started = time.perf_counter()
    llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0)
    return time.perf_counter() - started, int(llm.n_tokens)
