"""Any OpenAI-compatible ``/v1/chat/completions`` endpoint (llama.cpp's server, vLLM, Ollama),
or a pool of them with failover, streamed over server-sent events. Needs only the standard
library."""

from __future__ import annotations

import http.client
import json
import logging
import os
import threading
import time
import urllib.error
import urllib.request
from typing import Iterator

from rag.backends.base import RESTART, register
from rag.errors import ModelError

log = logging.getLogger(__name__)

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


def server_urls(setting: str) -> list[str]:
    """The endpoints of ``generation.llm_url``: one address, or several separated by commas or
    spaces (a pool)."""
    return [chat_completions_url(u) for u in setting.replace(",", " ").split()]


def models_url(url: str) -> str:
    """The ``/v1/models`` address beside a chat endpoint: the health check every
    OpenAI-compatible server (llama.cpp, vLLM, Ollama) answers."""
    return url.removesuffix("/chat/completions") + "/models"


class Server:
    """One endpoint of the pool: its slots, the answers in flight on it, and whether it is up."""

    def __init__(self, url: str, slots: int):
        self.url, self.slots = url, slots
        self.busy = 0
        self.up = True  # False from a failure until its health check passes again
        self.down_until = 0.0  # time.monotonic(); a server that is down is not probed before
        self.answered = 0
        self.failures = 0
        self.last_error = ""

    def to_dict(self) -> dict:
        return {"url": self.url, "slots": self.slots, "busy": self.busy, "answered": self.answered,
                "failures": self.failures, "up": self.up, "last_error": self.last_error}


class ServerPool:
    """Spreads answers over the servers: the least busy server that is up, in turn on ties. A
    server that fails is down: left out for ``retry_s`` seconds, then probed (``/v1/models``)
    before it gets answers again; a failed probe leaves it out ``retry_s`` more. When every
    server left is down, the one whose wait ends first is probed at once (one chance)."""

    def __init__(self, urls: list[str], slots: int, retry_s: float, probe_timeout_s: float):
        self.servers = [Server(url, slots) for url in urls]
        self.retry_s, self.probe_timeout_s = retry_s, probe_timeout_s
        self._lock = threading.Lock()
        self._turn = 0

    @property
    def capacity(self) -> int:
        """How many answers the pool writes at once: the sum of the servers' slots."""
        return sum(s.slots for s in self.servers)

    def probe(self, server: Server) -> bool:
        """Whether ``server`` answers its health check now; marks it up or down."""
        request = urllib.request.Request(models_url(server.url), headers=_headers(), method="GET")
        error = ""
        try:
            with urllib.request.urlopen(request, timeout=self.probe_timeout_s) as response:
                ok = 200 <= response.status < 300
        except urllib.error.HTTPError as exc:
            ok, error = False, f"The LLM server at {server.url} answered HTTP {exc.code} to its health check"
        except (urllib.error.URLError, OSError) as exc:
            ok, error = False, (f"Cannot reach the LLM server at {server.url} ({getattr(exc, 'reason', exc)}): "
                                "is it running?")
        with self._lock:
            server.up = ok
            server.down_until = 0.0 if ok else time.monotonic() + self.retry_s
            if not ok:
                server.last_error = error
        return ok

    def check(self) -> list[dict]:
        """Probe every server; their states."""
        for server in self.servers:
            self.probe(server)
        return [s.to_dict() for s in self.servers]

    def acquire(self, tried: set[str], errors: list[str]) -> Server | None:
        """The server for the next attempt of an answer, not one of ``tried``; None when every
        server was tried (why each failed is added to ``errors``). Down servers whose wait is over
        are probed first."""
        while True:
            with self._lock:
                now = time.monotonic()
                left = [s for s in self.servers if s.url not in tried]
                if not left:
                    return None
                due = [s for s in left if not s.up and s.down_until <= now]
                up = [s for s in left if s.up]
                if up and not due:
                    order = {id(s): (s.busy / s.slots, (i - self._turn) % len(self.servers))
                             for i, s in enumerate(self.servers)}
                    chosen = min(up, key=lambda s: order[id(s)])
                    chosen.busy += 1
                    self._turn += 1
                    return chosen
                # probe a server whose wait is over; if every server left is down, the first to be due
                candidate = due[0] if due else min(left, key=lambda s: s.down_until)
            if not self.probe(candidate) and not up:
                tried.add(candidate.url)
                errors.append(candidate.last_error)

    def release(self, server: Server, failed: str | None = None, down: bool = True) -> None:
        """An attempt on ``server`` is over: answered (``failed`` None) or failed; a failure that
        is the server's (not the request's) marks it down."""
        with self._lock:
            server.busy -= 1
            if failed is None:
                server.answered += 1
            else:
                server.failures += 1
                server.last_error = failed
                if down:
                    server.up = False
                    server.down_until = time.monotonic() + self.retry_s


def _headers() -> dict:
    headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
    if os.environ.get("RAG_LLM_API_KEY"):
        headers["Authorization"] = f"Bearer {os.environ['RAG_LLM_API_KEY']}"
    return headers


class ServerFailed(ModelError):
    """An attempt failed and another server may answer: the server is unreachable, answered 5xx,
    408 or 429, went silent or cut the answer off (``down``: the server is at fault), or sent an
    error event mid-answer (out of memory, context overflow: perhaps the request, not ``down``)."""

    def __init__(self, message: str, down: bool = True):
        super().__init__(message)
        self.down = down


@register("generator", "openai")
class OpenAIChatGenerator:
    """One OpenAI-compatible server, or a pool of them (``llm_url`` lists several): each answer
    goes to the least busy server that is up; when a server fails before or during an answer,
    the answer is written again by another and the stream goes on where it was (see ``stream``).
    The servers of a pool must serve the same model with the same settings.
    ``RAG_LLM_API_KEY`` is sent as a bearer token when set."""

    def __init__(self, settings):
        self.config = settings.generation
        if not self.config.llm_url:
            raise ModelError("The OpenAI-compatible backend needs a server address: set RAG_LLM_URL "
                             "(or --llm-url), e.g. http://127.0.0.1:8000/v1.")
        urls = server_urls(self.config.llm_url)
        self.pool = ServerPool(urls, self.config.llm_slots, self.config.llm_retry_s, self.config.llm_probe_timeout_s)
        self.url = urls[0]
        self.timeout = self.config.timeout_s

    @property
    def context_size(self) -> int:
        return self.config.n_ctx

    @property
    def capacity(self) -> int:
        """Answers written at once (the app's queue lets this many through)."""
        return self.pool.capacity

    def count_tokens(self, messages: list[dict]) -> int:
        """An upper estimate from the length of the text (the server's tokenizer is not ours)."""
        chars = sum(len(m["content"]) for m in messages)
        return int(chars / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE * len(messages)

    def warm_up(self, prefix: list[dict] | None = None) -> None:
        """Check the servers (their caches are their own); a clear error if none answers."""
        states = self.pool.check()
        if not any(state["up"] for state in states):
            raise ModelError("No LLM server answers: " + "; ".join(f"{s['url']} ({s['last_error']})" for s in states)
                             + ". Start them, or check RAG_LLM_URL / --llm-url.")

    def stream(self, messages: list[dict], grammar: str | None = None) -> Iterator[str]:
        """The answer, piece by piece, from one server of the pool. When that server fails, the
        answer is asked of the next one; the pieces it repeats (temperature 0 and a fixed seed:
        the same model writes the same text) are not sent again. Should its text differ from
        what was sent, ``RESTART`` comes first: the reader drops what it has and takes the new
        text whole."""
        c = self.config
        request_body = {"model": c.llm_model, "messages": messages, "stream": True, "temperature": c.temperature,
                        "max_tokens": c.max_answer_tokens, "seed": c.seed}
        if grammar is not None:
            request_body["grammar"] = grammar  # llama.cpp's server reads GBNF here
        body = json.dumps(request_body).encode("utf-8")
        sent, tried, errors = "", set(), []
        while True:
            server = self.pool.acquire(tried, errors)
            if server is None:
                raise ModelError(errors[0] if len(errors) == 1 else
                                 f"None of the {len(errors)} LLM servers could write the answer: " + "; ".join(errors))
            tried.add(server.url)
            written = ""
            try:
                for piece in self._stream_one(server.url, body):
                    written += piece
                    if len(written) <= len(sent) and sent.startswith(written):
                        continue  # the text already sent, written again
                    if not written.startswith(sent):
                        log.warning("the LLM server %s writes another text than the failed one: restarting the "
                                    "answer", server.url)
                        yield RESTART
                        sent = ""
                    yield written[len(sent):]
                    sent = written
                if len(written) < len(sent):  # ended shorter than what was sent: that text is not its
                    yield RESTART
                    if written:
                        yield written
            except ServerFailed as exc:
                log.warning("LLM server failed, trying another: %s", exc)
                errors.append(str(exc))
                self.pool.release(server, failed=str(exc), down=exc.down)
                continue
            except BaseException as exc:  # a request the server refused (4xx), or the reader stopped
                self.pool.release(server, failed=None if isinstance(exc, GeneratorExit) else str(exc), down=False)
                raise
            self.pool.release(server)
            return

    def _stream_one(self, url: str, body: bytes) -> Iterator[str]:
        request = urllib.request.Request(url, data=body, headers=_headers(), method="POST")
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace")
            if exc.code >= 500 or exc.code in (408, 429):
                raise ServerFailed(f"The LLM server at {url} answered HTTP {exc.code}: {detail}") from None
            raise ModelError(f"The LLM server at {url} answered HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ServerFailed(f"Cannot reach the LLM server at {url} ({reason}): is it running?") from None
        with response:
            try:
                yield from _deltas(response, url)
            except ModelError as exc:  # an error event mid-answer
                raise ServerFailed(str(exc), down=False) from None
            except (OSError, http.client.HTTPException) as exc:  # a timeout or a dropped connection mid-answer
                raise ServerFailed(f"The LLM server at {url} stopped answering ({exc or type(exc).__name__}).") \
                    from None


def _deltas(lines, url: str) -> Iterator[str]:
    """The content pieces of an SSE chat stream. An ``{"error": …}`` event (a server that
    fails mid-answer: out of memory, context overflow) raises ModelError with its message; a
    stream that ends without ``[DONE]`` or a finish reason (a server killed mid-answer) raises
    OSError."""
    finished = False
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
        finished = finished or bool(choice.get("finish_reason"))
    if not finished:
        raise OSError("the answer was cut off")
