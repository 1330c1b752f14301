"""Any OpenAI-compatible ``/v1/chat/completions`` endpoint (llama.cpp's server, vLLM, Ollama),
streamed over server-sent events. Needs only the standard library."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Iterator

from rag.backends.base import register
from rag.errors import ModelError

# Characters per token assumed when counting a prompt for a server whose tokenizer we do not
# have: the bundled Qwen2.5 tokenizer takes one token per 3.1-3.4 characters of the five seed
# articles and of the system prompt (llama.cpp's tokenizer, measured 2026-11-28); 2.5 over-counts
# by about a quarter, leaving room for tokenizers less fit to Indonesian.
CHARS_PER_TOKEN = 2.5
# What each chat message adds for its role markers (Qwen's template: about 5), as the llama.cpp
# backend counts it.
TOKENS_PER_MESSAGE = 16


def chat_completions_url(url: str) -> str:
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


@register("generator", "openai")
class OpenAIChatGenerator:
    """``RAG_LLM_API_KEY`` is sent as a bearer token when set."""

    def __init__(self, settings):
        self.config = settings.generation
        if not self.config.llm_url:
            raise ModelError("The OpenAI-compatible backend needs a server address: set RAG_LLM_URL "
                             "(or --llm-url), e.g. http://127.0.0.1:8000/v1.")
        self.url = chat_completions_url(self.config.llm_url)
        self.timeout = self.config.timeout_s

    @property
    def context_size(self) -> int:
        return self.config.n_ctx

    def count_tokens(self, messages: list[dict]) -> int:
        """An upper estimate from the length of the text (the server's tokenizer is not ours)."""
        chars = sum(len(m["content"]) for m in messages)
        return int(chars / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE * len(messages)

    def warm_up(self, prefix: list[dict] | None = None) -> None:
        """Nothing to load here; the server keeps its own cache."""

    def stream(self, messages: list[dict], grammar: str | None = None) -> Iterator[str]:
        c = self.config
        request_body = {"model": c.llm_model, "messages": messages, "stream": True, "temperature": c.temperature,
                        "max_tokens": c.max_answer_tokens, "seed": c.seed}
        if grammar is not None:
            request_body["grammar"] = grammar  # llama.cpp's server reads GBNF here
        body = json.dumps(request_body).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
        if os.environ.get("RAG_LLM_API_KEY"):
            headers["Authorization"] = f"Bearer {os.environ['RAG_LLM_API_KEY']}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace")
            raise ModelError(f"The LLM server at {self.url} answered HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ModelError(f"Cannot reach the LLM server at {self.url} ({reason}): is it running?") from None
        with response:
            try:
                yield from _deltas(response, self.url)
            except OSError as exc:  # a timeout or a dropped connection mid-answer
                raise ModelError(f"The LLM server at {self.url} stopped answering ({exc}).") from None


def _deltas(lines, url: str) -> Iterator[str]:
    """The content pieces of an SSE chat stream. An ``{"error": …}`` event (a server that
    fails mid-answer: out of memory, context overflow) raises ModelError with its message."""
    for raw in lines:
        line = raw.decode("utf-8", "replace").strip() if isinstance(raw, bytes) else raw.strip()
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
        except json.JSONDecodeError:
            continue  # a keep-alive or a line split by a proxy: not content
        if isinstance(event, dict) and event.get("error"):
            error = event["error"]
            message = error.get("message") if isinstance(error, dict) else str(error)
            raise ModelError(f"The LLM server at {url} failed while answering: {message}")
        try:
            choice = event["choices"][0]
        except (KeyError, IndexError, TypeError):
            continue
        delta = (choice.get("delta") or {}).get("content")
        if delta:
            yield delta
