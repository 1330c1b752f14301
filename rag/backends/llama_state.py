"""The LLM's state after the constant prompt prefix, saved once and loaded by later processes.

Every answer's prompt starts with the same system prompt and worked example (about 300
tokens). A long-running process (the app) evaluates them once and reuses their KV cache; a
one-shot `rag ask` used to evaluate them at every start, about 8 s on 2 cores. The first
process now saves llama.cpp's state after that evaluation (``Llama.save_state``: the KV
cache, about 9 MB, and the prefix's token ids) under the cache folder, and later processes
load it in a fraction of a second (``Llama.load_state``).

A stale or foreign file cannot change an answer: llama-cpp-python reuses the KV cache only
for the leading tokens of a new prompt that equal the restored token ids, and evaluates the
rest. The file is still keyed on everything that decides whether its KV cache is valid
(the model file, llama-cpp-python's version, the context size and KV types) and on the
prefix's text, so that a changed prompt gets a fresh file. ``generation.prefix_state``
(RAG_PREFIX_STATE=off) turns the cache off (bench/coldstart.py measures both).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Callable

import numpy as np

log = logging.getLogger(__name__)

_MAGIC = b"RAG-LLAMA-STATE-1\n"


def state_key(llm, model_path: str | Path, fingerprint: str) -> dict:
    """What the saved state depends on."""
    import llama_cpp

    st = Path(model_path).stat()
    params = llm.context_params
    return {
        "llama_cpp": getattr(llama_cpp, "__version__", "?"),
        "model": str(Path(model_path).resolve()), "model_size": st.st_size, "model_mtime_ns": st.st_mtime_ns,
        "n_ctx": llm.n_ctx(), "type_k": int(params.type_k), "type_v": int(params.type_v),
        "flash_attn": int(getattr(params, "flash_attn_type", getattr(params, "flash_attn", 0))),
        "prefix_sha256": hashlib.sha256(fingerprint.encode("utf-8")).hexdigest(),
    }


def state_path(cache_dir: Path, key: dict) -> Path:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:20]
    return Path(cache_dir) / "llm-prefix-state" / f"{digest}.bin"


def load(llm, path: Path, key: dict) -> bool:
    """Restore the state saved in ``path`` into ``llm``; False (and ``llm`` untouched or
    reset) when there is none or it does not fit."""
    from llama_cpp.llama import LlamaState

    try:
        with open(path, "rb") as fh:
            if fh.readline() != _MAGIC:
                return False
            header = json.loads(fh.readline())
            if header.get("key") != key:
                return False
            n_tokens, size = int(header["n_tokens"]), int(header["state_size"])
            ids = np.frombuffer(fh.read(4 * n_tokens), dtype="<i4")
            data = fh.read(size)
    except (OSError, ValueError, KeyError) as exc:
        log.debug("no usable prefix state in %s: %s", path, exc)
        return False
    if len(ids) != n_tokens or len(data) != size or not 0 < n_tokens <= llm.n_ctx():
        return False
    input_ids = np.zeros_like(llm.input_ids)
    input_ids[:n_tokens] = ids
    # The scores (logits) of the prefix are not needed: after load_state llama-cpp-python
    # evaluates at least one token of the next prompt before it samples.
    scores = np.zeros_like(llm.scores[:n_tokens])
    try:
        llm.load_state(LlamaState(input_ids=input_ids, scores=scores, n_tokens=n_tokens, llama_state=data,
                                  llama_state_size=size, seed=int(header["seed"])))
    except RuntimeError as exc:
        log.warning("could not load the saved prompt-prefix state %s: %s", path, exc)
        llm.reset()
        return False
    return True


def save(llm, path: Path, key: dict) -> None:
    """Write ``llm``'s current state to ``path`` (atomically; a failure only costs speed)."""
    try:
        state = llm.save_state()
        ids = np.ascontiguousarray(state.input_ids[: state.n_tokens], dtype="<i4")
        header = {"key": key, "n_tokens": int(state.n_tokens), "state_size": int(state.llama_state_size),
                  "seed": int(state.seed)}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        with open(tmp, "wb") as fh:
            fh.write(_MAGIC + json.dumps(header).encode() + b"\n")
            fh.write(ids.tobytes())
            fh.write(state.llama_state)
        os.replace(tmp, path)
    except (OSError, RuntimeError) as exc:
        log.warning("could not save the prompt-prefix state to %s: %s", path, exc)


def warm_prefix_cached(llm, model_path: str | Path, cache_dir: Path, warm: Callable[[object], None],
                       fingerprint: str, enabled: bool = True) -> str:
    """Load the saved state of the constant prompt prefix into ``llm``, or evaluate the prefix
    with ``warm(llm)`` and save the state for the next process. ``fingerprint`` is the
    prefix's text. Returns "loaded", "saved" or "off" (``enabled`` false)."""
    if not enabled:
        warm(llm)
        return "off"
    key = state_key(llm, model_path, fingerprint)
    path = state_path(cache_dir, key)
    if load(llm, path, key):
        return "loaded"
    warm(llm)
    save(llm, path, key)
    return "saved"
