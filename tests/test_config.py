"""The settings: one validated object, nested by stage, every threshold in it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from conftest import ROOT
from rag.config import Settings
from rag.errors import InputError


def test_sections_are_changed_by_name_and_the_rest_is_kept(tmp_path):
    base = Settings()
    changed = base.with_(index_dir=tmp_path, evidence={"max_quotes": 3}, generation={"llm_url": "http://h:1/v1"})
    assert changed.index_dir == tmp_path and changed.evidence.max_quotes == 3
    assert changed.evidence.min_dense == base.evidence.min_dense and changed.generation.backend_name == "openai"
    assert base.evidence.max_quotes == 2 and base.generation.backend_name == "llama-cpp"  # the original is untouched
    assert changed.with_(index_dir=None).index_dir == tmp_path  # None means "not given"


@pytest.mark.parametrize("changes, message", [
    ({"evidence": {"min_dense": 1.5}}, "evidence.min_dense is 1.5"),
    ({"support": {"unsupported_sentences": "hide"}}, "use 'drop' or 'mark'"),
    ({"generation": {"max_answer_tokens": 4096}}, "below n_ctx"),
    ({"retrieval": {"top_k": 0}}, "retrieval.top_k"),
    ({"evidence": {"max_quote": 3}}, "evidence has no setting max_quote"),
    ({"chunk_words": 100}, "no setting 'chunk_words'"),
    ({"app": {"port": 70000}}, "app.port"),
])
def test_invalid_settings_are_refused_with_what_is_wrong(changes, message):
    with pytest.raises(InputError, match=message):
        Settings().with_(**changes)


def test_paths_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "i"))
    monkeypatch.setenv("RAG_LLM_URL", "http://127.0.0.1:9/v1")
    settings = Settings()
    assert settings.index_dir == tmp_path / "i" and settings.generation.backend_name == "openai"


def test_settings_serialise_to_plain_json():
    data = json.loads(json.dumps(Settings().to_dict()))
    assert data["evidence"]["min_dense"] == 0.8 and isinstance(data["index_dir"], str)


def test_no_threshold_lives_outside_the_settings():
    """Module-level numeric constants in the stages are the thresholds issue 14 moved into
    rag/config.py; only a short list of non-thresholds may stay (formats, protocol facts)."""
    allowed = {("store.py", "FORMAT_VERSION"), ("backends/fakes.py", "HASHING_DIMENSION"),
               ("indexer.py", "PROGRESS_EVERY"), ("backends/openai.py", "CHARS_PER_TOKEN"),
               ("backends/openai.py", "TOKENS_PER_MESSAGE"), ("backends/weights.py", "LLM_PARTS"),
               ("backends/weights.py", "LLM_SIZE"), ("backends/weights.py", "_CONVERTER_VERSION")}
    found = []
    for path in sorted((ROOT / "rag").rglob("*.py")):
        if path.name == "config.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                    and isinstance(node.value.value, (int, float)) and not isinstance(node.value.value, bool):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        where = (str(Path(path).relative_to(ROOT / "rag")), target.id)
                        if where not in allowed:
                            found.append(where)
    assert not found, found
