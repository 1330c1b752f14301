import json

import numpy as np
import pytest

from rag.errors import IndexMismatchError, InputError, RagError
from rag.indexer import build_index
from rag.store import FolderStore
from rag.stores import open_store
from rag.config import Settings

ARTICLES = {
    "a.txt": "Gubernur Minta ASN Kreatif\n\nGubernur meminta ASN bekerja kreatif dan inovatif. Rutinitas saja tidak cukup.",
    "b.txt": "Wagub Bicara Koordinasi\n\nWakil gubernur menekankan koordinasi antar-ASN. Jangan sungkan berkoordinasi.",
    "c.md": "# Program Digital\n\nPemprov menyiapkan transformasi digital layanan publik. Semua layanan memakai satu akun.",
}


class CountingEmbedder:
    """An embedder that counts how many passages it is asked to embed."""

    def __init__(self, real, fail_after=None):
        self.real, self.calls, self.fail_after = real, 0, fail_after
        self.model_id = real.model_id

    @property
    def dimension(self):
        return self.real.dimension

    def embed_passages(self, texts, show_progress=False):
        self.calls += len(texts)
        if self.fail_after is not None and self.calls > self.fail_after:
            raise RuntimeError("killed mid-embedding")
        return self.real.embed_passages(texts)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path):
    # Sentence vectors off: these tests count the chunks embedded (sentences are tested below).
    return Settings().with_(index_dir=tmp_path / "index", index={"sentence_vectors_max": 0})


def snapshot(index_dir):
    store = FolderStore(index_dir)
    loaded = store.load()
    return store.current_path().name, [c.chunk_id for c in loaded.chunks], loaded.vectors.copy()


def test_build_then_unchanged_rerun_does_no_work(corpus, settings, fake_embedder):
    counting = CountingEmbedder(fake_embedder)
    report = build_index([corpus], settings, counting)
    assert report.written and len(report.added) == 3 and counting.calls == report.chunks
    before = snapshot(settings.index_dir)
    counting.calls = 0
    again = build_index([corpus], settings, counting)
    assert not again.written and counting.calls == 0 and len(again.unchanged) == 3
    assert snapshot(settings.index_dir)[0] == before[0]


def test_changed_file_replaces_its_chunks_and_removed_file_goes(corpus, settings, fake_embedder):
    counting = CountingEmbedder(fake_embedder)
    build_index([corpus], settings, counting)
    (corpus / "a.txt").write_text(ARTICLES["a.txt"] + " Kalimat baru ditambahkan.", encoding="utf-8")
    (corpus / "b.txt").unlink()
    counting.calls = 0
    report = build_index([corpus], settings, counting)
    assert len(report.updated) == 1 and len(report.removed) == 1 and len(report.unchanged) == 1
    assert counting.calls == 1  # only the changed article's chunk is embedded again
    loaded = open_store(settings).load()
    texts = " ".join(c.text for c in loaded.chunks)
    assert "Kalimat baru ditambahkan." in texts and "koordinasi" not in texts
    assert len(loaded.documents) == 2


def test_vectors_are_reused_exactly_for_unchanged_chunks(corpus, settings, fake_embedder):
    build_index([corpus], settings, fake_embedder)
    first = open_store(settings).load()
    (corpus / "d.txt").write_text("Berita Baru\n\nSebuah berita baru tentang pelatihan ASN.", encoding="utf-8")
    build_index([corpus], settings, fake_embedder)
    second = open_store(settings).load()
    old = {c.chunk_id: v for c, v in zip(first.chunks, first.vectors)}
    for chunk, vector in zip(second.chunks, second.vectors):
        if chunk.chunk_id in old:
            assert np.array_equal(old[chunk.chunk_id], vector)


def test_failed_build_leaves_the_old_index(corpus, settings, fake_embedder):
    build_index([corpus], settings, fake_embedder)
    before = snapshot(settings.index_dir)
    (corpus / "e.txt").write_text("Judul E\n\nArtikel yang tidak akan selesai diindeks.", encoding="utf-8")
    with pytest.raises(RuntimeError):
        build_index([corpus], settings, CountingEmbedder(fake_embedder, fail_after=0))
    after = snapshot(settings.index_dir)
    assert after[0] == before[0] and after[1] == before[1] and np.array_equal(after[2], before[2])
    assert [p.name for p in settings.index_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_unreadable_files_are_skipped_and_all_unreadable_changes_nothing(corpus, settings, fake_embedder, tmp_path):
    (corpus / "latin1.txt").write_bytes("Berita dengan é".encode("latin-1"))
    (corpus / "empty.txt").write_bytes(b"")
    report = build_index([corpus], settings, fake_embedder)
    assert len(report.added) == 3
    assert {s.source.rsplit("/", 1)[-1] for s in report.skipped} == {"latin1.txt", "empty.txt"}
    before = snapshot(settings.index_dir)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="No readable article"):
        build_index([bad], settings, fake_embedder)
    assert snapshot(settings.index_dir)[0] == before[0]


def test_index_from_another_model_is_refused(corpus, settings, fake_embedder):
    from rag.retrieve import Retriever

    build_index([corpus], settings, fake_embedder)
    loaded = open_store(settings).load()
    loaded.manifest["embedding"]["model_id"] = "some-other-model"
    with pytest.raises(IndexMismatchError, match="re-index"):
        Retriever(loaded, fake_embedder, settings.retrieval)


@pytest.mark.folder_store
@pytest.mark.parametrize("damage", ["truncate_vectors", "delete_chunks", "garbage_manifest", "truncate_faiss"])
def test_damaged_index_gives_a_clear_error(corpus, settings, fake_embedder, damage):
    build_index([corpus], settings, fake_embedder)
    version = FolderStore(settings.index_dir).current_path()
    if damage == "truncate_vectors":
        data = (version / "vectors.npy").read_bytes()
        (version / "vectors.npy").write_bytes(data[: len(data) // 2])
    elif damage == "delete_chunks":
        (version / "chunks.jsonl").unlink()
    elif damage == "garbage_manifest":
        (version / "manifest.json").write_text("{not json", encoding="utf-8")
    else:
        data = (version / "vectors.faiss").read_bytes()
        (version / "vectors.faiss").write_bytes(data[:100])
    with pytest.raises(RagError, match="damaged.*rebuild"):
        open_store(settings).load()
    report = build_index([corpus], settings, fake_embedder)  # a rebuild repairs it
    assert report.written and open_store(settings).load().chunks


def test_jsonl_ids_are_document_ids(tmp_path, settings, fake_embedder):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"doc-{i}", "title": "", "text": f"Teks nomor {i} tentang ASN."})
                              for i in range(3)), encoding="utf-8")
    build_index([path], settings, fake_embedder)
    assert sorted(open_store(settings).load().documents) == ["doc-0", "doc-1", "doc-2"]


def test_missing_index_says_how_to_build_it(tmp_path):
    with pytest.raises(RagError, match="rag index"):
        FolderStore(tmp_path / "nothing").load()


def test_large_corpus_switches_to_hnsw_with_recall_near_exact():
    """Oracle test: HNSW search against brute force on random unit vectors."""
    from rag.backends.faiss_index import FaissIndex

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((10_000, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[rng.choice(len(vectors), 100, replace=False)] + 0.05 * rng.standard_normal((100, 384)).astype(np.float32)
    exact = FaissIndex.build(vectors, Settings().with_(index={"exact_max": len(vectors)}))
    approx = FaissIndex.build(vectors, Settings().with_(index={"exact_max": 1_000}))
    assert exact.kind == "flat" and approx.kind == "hnsw"
    _, truth = exact.search(queries, 10)
    brute = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    assert np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, brute)]) > 0.999
    _, found = approx.search(queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth)])
    assert recall >= 0.95, recall


def test_sentence_vectors_are_precomputed_and_reused(corpus, tmp_path, fake_embedder):
    settings = Settings().with_(index_dir=tmp_path / "index")
    report = build_index([corpus], settings, fake_embedder)
    loaded = open_store(settings).load()
    assert report.embedded_sentences == len(loaded.sentence_keys) == 6
    doc_id, start, end = loaded.sentence_keys[0]
    sentence = loaded.documents[doc_id].text[start:end]
    assert np.allclose(loaded.sentence_vector(doc_id, start, end), fake_embedder.embed_passages([sentence])[0], atol=1e-5)
    (corpus / "a.txt").write_text(ARTICLES["a.txt"] + " Kalimat baru ditambahkan.", encoding="utf-8")
    counting = CountingEmbedder(fake_embedder)
    report = build_index([corpus], settings, counting)
    assert report.embedded == 1 and report.embedded_sentences == 1  # only the new sentence
    assert counting.calls == 2


def test_no_sentence_vectors_above_the_limit(corpus, tmp_path, fake_embedder):
    settings = Settings().with_(index_dir=tmp_path / "index", index={"sentence_vectors_max": 5})
    assert build_index([corpus], settings, fake_embedder).embedded_sentences == 0
    loaded = open_store(settings).load()
    assert loaded.sentence_vectors is None and loaded.sentence_vector("x", 0, 1) is None


def test_a_build_reports_progress_for_every_stage(corpus, tmp_path, fake_embedder):
    """`rag index` draws a bar per stage from these calls: each stage starts at 0 and ends at its total."""
    calls: dict[str, list[tuple[int, int]]] = {}
    settings = Settings().with_(index_dir=tmp_path / "index")
    build_index([corpus], settings, fake_embedder, progress=lambda done, total, label:
                calls.setdefault(label, []).append((done, total)))
    assert set(calls) == {"articles", "chunks", "sentences", "terms"}
    for label, seen in calls.items():
        assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 0, (label, seen)
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)
