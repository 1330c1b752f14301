"""Uploads: refused with a clear Indonesian message, saved only inside the corpus folder,
indexed incrementally, and rolled back if indexing fails."""

from __future__ import annotations

import pytest

from rag.corpus import add_articles, check_upload, safe_filename
from rag.errors import InputError, RagError
from rag.indexer import build_index
from rag.store import FolderStore
from rag.stores import open_store

ARTICLE = ("Warga Desa Sukamaju Panen Kopi Liberika\n\n"
           "Temanggung – Kelompok tani Desa Sukamaju memanen 4.321 kilogram kopi liberika pada musim ini, "
           "kata Kepala Desa Sukamaju, Wiryo Pranoto. Ia menyebut hasil itu naik dua kali lipat dari tahun lalu.\n")


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    (".bashrc", "bashrc"),
    ("Berita Baru (1).TXT", "Berita_Baru_1_.txt"),
    ("berita-é.md", "berita-e.md"),
    ("", "artikel"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.parametrize("data, name, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "gambar.txt", "biner"),
    (b"", "kosong.txt", "kosong"),
    (b"   \n\t", "spasi.md", "kosong"),
    (ARTICLE.encode(), "artikel.pdf", "tidak didukung"),
    (ARTICLE.encode("latin-1", "replace") + "Café".encode("latin-1"), "latin.txt", "UTF-8"),
    (b"12345 ... !!! ---", "angka.txt", "tidak ada teks artikel"),
])
def test_check_upload_refuses_what_cannot_be_ingested(data, name, words):
    with pytest.raises(InputError, match=words):
        check_upload(data, name)


def test_check_upload_reads_utf16_and_html():
    assert "4.321 kilogram" in check_upload(ARTICLE.encode("utf-16"), "a.txt").text
    html = f"<html><body><script>alert(1)</script><p>{ARTICLE}</p></body></html>"
    document = check_upload(html.encode(), "a.html")
    assert "alert" not in document.text and "4.321 kilogram" in document.text


def test_too_large():
    with pytest.raises(InputError, match="melebihi batas"):
        check_upload(ARTICLE.encode(), "besar.txt", max_bytes=100)


def _setup(tmp_path, corpus_copy, settings_factory, embedder):
    settings = settings_factory(index_dir=tmp_path / "index", corpus_dir=corpus_copy)
    build_index([corpus_copy], settings, embedder)
    return settings


def test_add_articles_indexes_incrementally_and_refuses_duplicates(tmp_path, corpus_copy, settings_factory, embedder):
    settings = _setup(tmp_path, corpus_copy, settings_factory, embedder)
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "kopi.txt").write_text(ARTICLE, encoding="utf-8")
    (upload / "salinan.txt").write_text(ARTICLE, encoding="utf-8")
    (upload / "rusak.txt").write_bytes(b"\x00\x01\x02binary")
    seed = next(corpus_copy.glob("*.txt"))
    report = add_articles([(upload / "kopi.txt", "../../kopi.txt"), (upload / "salinan.txt", "salinan.txt"),
                           (upload / "rusak.txt", "rusak.txt"), (seed, seed.name)], settings, embedder)
    assert [d.title for d in report.added] == ["Warga Desa Sukamaju Panen Kopi Liberika"]
    reasons = dict(report.rejected)
    assert "isinya sama dengan kopi.txt" in reasons["salinan.txt"]
    assert "biner" in reasons["rusak.txt"]
    assert "sudah ada di indeks" in reasons[seed.name]
    assert (corpus_copy / "uploads" / "kopi.txt").read_text(encoding="utf-8") == ARTICLE
    assert not (tmp_path / "kopi.txt").exists()
    # Only the new article was embedded; the five seed articles kept their vectors.
    assert report.index.added == [report.added[0].doc_id] and len(report.index.unchanged) == 5
    assert 0 < report.index.embedded <= 2
    index = open_store(settings).load()
    assert report.added[0].doc_id in index.documents and len(index.documents) == 6


def test_failed_indexing_leaves_corpus_and_index_as_they_were(tmp_path, corpus_copy, settings_factory, embedder,
                                                             monkeypatch):
    settings = _setup(tmp_path, corpus_copy, settings_factory, embedder)
    before = open_store(settings).version()
    upload = tmp_path / "kopi.txt"
    upload.write_text(ARTICLE, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RagError("disk full")

    monkeypatch.setattr("rag.corpus.build_index", broken)
    with pytest.raises(RagError):
        add_articles([(upload, "kopi.txt")], settings, embedder)
    assert not list((corpus_copy / "uploads").iterdir())
    assert open_store(settings).version() == before


def test_nothing_to_add_changes_nothing(tmp_path, corpus_copy, settings_factory, embedder):
    settings = _setup(tmp_path, corpus_copy, settings_factory, embedder)
    before = open_store(settings).version()
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    report = add_articles([(empty, "kosong.txt")], settings, embedder)
    assert not report.added and report.index is None and "kosong" in report.rejected[0][1]
    assert open_store(settings).version() == before and not (corpus_copy / "uploads").exists()


def test_an_upload_reads_the_whole_index_once(tmp_path, corpus_copy, fake_embedder, monkeypatch):
    # The duplicate check needs the indexed articles' ids and titles: the manifest has them.
    # build_index reads the whole index (to keep the vectors of unchanged text); nothing else does.
    from conftest import fake_settings

    settings = fake_settings(tmp_path / "index", corpus_dir=corpus_copy)
    build_index([corpus_copy], settings, fake_embedder)
    seed = next(corpus_copy.glob("*.txt"))
    seed_title = next(d.title for d in open_store(settings).load().documents.values()
                      if d.source.endswith(seed.name))
    loads = []
    store_class = type(open_store(settings))  # the folder or, in a `--store postgresql` run, the database
    real_load = store_class.load
    monkeypatch.setattr(store_class, "load", lambda self: loads.append(self) or real_load(self))
    upload = tmp_path / "kopi.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    report = add_articles([(upload, "kopi.txt"), (seed, seed.name)], settings, fake_embedder)
    assert [d.title for d in report.added] == ["Warga Desa Sukamaju Panen Kopi Liberika"]
    assert dict(report.rejected)[seed.name] == f"artikel ini sudah ada di indeks: “{seed_title}”."
    assert len(loads) == 1, loads


@pytest.mark.folder_store
def test_an_upload_into_a_damaged_index_is_refused(tmp_path, corpus_copy, fake_embedder):
    from conftest import fake_settings

    settings = fake_settings(tmp_path / "index", corpus_dir=corpus_copy)
    build_index([corpus_copy], settings, fake_embedder)
    (FolderStore(settings.index_dir).current_path() / "manifest.json").write_text("{not json", encoding="utf-8")
    upload = tmp_path / "kopi.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(RagError, match="damaged"):
        add_articles([(upload, "kopi.txt")], settings, fake_embedder)
    assert not (corpus_copy / "uploads").exists()


@pytest.mark.folder_store
def test_an_upload_into_an_index_that_cannot_be_read_adds_nothing(tmp_path, corpus_copy, fake_embedder):
    """Adding to an index whose version cannot be loaded would make a version of the upload alone."""
    from conftest import fake_settings

    settings = fake_settings(tmp_path / "index", corpus_dir=corpus_copy)
    build_index([corpus_copy], settings, fake_embedder)
    version = FolderStore(settings.index_dir).current_path()
    (version / "vectors.npy").write_bytes((version / "vectors.npy").read_bytes()[:200])
    upload = tmp_path / "kopi.txt"
    upload.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(RagError, match="damaged.*Nothing was added"):
        add_articles([(upload, "kopi.txt")], settings, fake_embedder)
    assert not list((corpus_copy / "uploads").iterdir()) and FolderStore(settings.index_dir).current_path() == version
