"""rag/backends/llama_state.py: the LLM's state after the constant prompt prefix, saved once, loaded later."""

from types import SimpleNamespace

import numpy as np
import pytest

from rag.backends import llama_state as prefix_state


class FakeLlama:
    """What prefix_state uses of llama_cpp.Llama, with a 'KV cache' of bytes."""

    def __init__(self, n_ctx=32, vocab=5):
        self.context_params = SimpleNamespace(type_k=1, type_v=1, flash_attn_type=0)
        self._n_ctx = n_ctx
        self.input_ids = np.zeros(n_ctx, dtype=np.intc)
        self.scores = np.zeros((8, vocab), dtype=np.single)
        self.n_tokens = 0
        self.kv = b""
        self.warmed = 0

    def n_ctx(self):
        return self._n_ctx

    def save_state(self):
        return SimpleNamespace(input_ids=self.input_ids.copy(), scores=self.scores.copy(), n_tokens=self.n_tokens,
                               llama_state=self.kv, llama_state_size=len(self.kv), seed=7)

    def load_state(self, state):
        self.scores[: state.n_tokens, :] = state.scores  # what llama_cpp.Llama.load_state does
        self.input_ids, self.n_tokens, self.kv = state.input_ids.copy(), state.n_tokens, state.llama_state

    def reset(self):
        self.n_tokens = 0


def warm(llm):
    llm.input_ids[:3] = [11, 12, 13]
    llm.n_tokens = 3
    llm.kv = b"kv-cache"
    llm.warmed += 1


@pytest.fixture
def model(tmp_path):
    path = tmp_path / "model.gguf"
    path.write_bytes(b"GGUF fake")
    return path


def test_state_is_saved_once_then_loaded(tmp_path, model, monkeypatch):
    first = FakeLlama()
    assert prefix_state.warm_prefix_cached(first, model, tmp_path, warm, "prefix") == "saved"
    second = FakeLlama()
    assert prefix_state.warm_prefix_cached(second, model, tmp_path, warm, "prefix") == "loaded"
    assert second.warmed == 0 and second.n_tokens == 3 and second.kv == b"kv-cache"
    assert list(second.input_ids[:3]) == [11, 12, 13] and len(second.input_ids) == 32


def test_another_prefix_model_or_context_is_not_loaded(tmp_path, model, monkeypatch):
    prefix_state.warm_prefix_cached(FakeLlama(), model, tmp_path, warm, "prefix")
    assert prefix_state.warm_prefix_cached(FakeLlama(), model, tmp_path, warm, "other prefix") == "saved"
    assert prefix_state.warm_prefix_cached(FakeLlama(n_ctx=64), model, tmp_path, warm, "prefix") == "saved"
    model.write_bytes(b"GGUF another model")
    assert prefix_state.warm_prefix_cached(FakeLlama(), model, tmp_path, warm, "prefix") == "saved"


def test_a_damaged_file_is_evaluated_again(tmp_path, model, monkeypatch):
    llm = FakeLlama()
    prefix_state.warm_prefix_cached(llm, model, tmp_path, warm, "prefix")
    path = prefix_state.state_path(tmp_path, prefix_state.state_key(llm, model, "prefix"))
    path.write_bytes(path.read_bytes()[:-3])  # cut short
    again = FakeLlama()
    assert prefix_state.warm_prefix_cached(again, model, tmp_path, warm, "prefix") == "saved"
    assert again.warmed == 1
    path.write_bytes(b"garbage")
    assert prefix_state.warm_prefix_cached(FakeLlama(), model, tmp_path, warm, "prefix") == "saved"


def test_switched_off_by_the_settings(tmp_path, model, monkeypatch):
    from rag.config import Settings

    monkeypatch.setenv("RAG_PREFIX_STATE", "off")
    enabled = Settings().generation.prefix_state
    llm = FakeLlama()
    assert prefix_state.warm_prefix_cached(llm, model, tmp_path, warm, "prefix", enabled=enabled) == "off"
    assert llm.warmed == 1 and not list(tmp_path.glob("llm-prefix-state/*"))


@pytest.mark.slow
def test_a_loaded_state_answers_as_the_evaluated_prefix_does(tmp_path, monkeypatch):
    """The real model: the prefix evaluated and saved in one Llama, loaded into another; the same
    question then gets the same greedy answer from both, the second without evaluating the prefix."""
    from rag.backends.llama_cpp import LlamaCppGenerator
    from rag.backends.llama_cpp import warm_prefix as warm_messages
    from rag.config import Settings
    from rag.prompt import build_messages, warm_up_messages
    from rag.types import Quote

    model_path = LlamaCppGenerator(Settings()).model_path
    settings = Settings().with_(cache_dir=tmp_path)
    generation = settings.generation
    fingerprint = "test prefix"

    def warm_prefix(llm):
        warm_messages(llm, warm_up_messages())

    def load():
        from llama_cpp import Llama

        return Llama(model_path=str(model_path), n_ctx=generation.n_ctx, n_threads=settings.n_threads,
                     n_threads_batch=settings.n_threads, n_batch=generation.n_batch, seed=generation.seed,
                     verbose=False)

    quotes = [Quote(1, "“Jabatan itu amanah,” tegas Ahmad Luthfi.", "d", "d:0", 0, 10)]
    messages = build_messages("Apa kata Luthfi soal jabatan?", quotes)
    answers = []
    for expected in ("saved", "loaded"):
        llm = load()
        assert prefix_state.warm_prefix_cached(llm, model_path, tmp_path, warm_prefix, fingerprint) == expected
        assert llm.n_tokens > 200  # the system prompt and the worked example
        out = llm.create_chat_completion(messages=messages, max_tokens=24, temperature=0.0, seed=generation.seed)
        answers.append(out["choices"][0]["message"]["content"])
        del llm
    assert answers[0] == answers[1] and answers[0].strip()
