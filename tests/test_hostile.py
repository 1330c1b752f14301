"""Hostile content: upload names that try to leave the corpus folder, a 10,000-character
"sentence", markup and links inside articles.

Elsewhere: orders to the assistant inside an article (test_generate.py, and
test_answer.py::test_instructions_inside_an_article_are_not_followed with the real LLM);
<script>, <img onerror> and markdown links shown as inert text in the browser
(test_app.py::test_hostile_article_is_shown_as_text); property tests of the parsers (test_fuzz.py).
"""

from __future__ import annotations

from pathlib import Path

from rag.corpus import add_articles
from rag.indexer import build_index
from rag.stores import open_store

ARTICLE = ("Petani kopi di Desa Sukamaju memanen 4.321 kilogram kopi liberika pada musim ini. "
           "Kepala desa mengatakan hasil panen naik dibanding tahun lalu karena cuaca yang baik. ")


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


NAMES = ["../../etc/passwd.txt", "/etc/cron.d/tugas.md", "..\\..\\Windows\\boot.html", "%2e%2e%2fartikel.txt",
         "....//....//keluar.txt", "artikel\x00.txt", "~/.bashrc.txt", "../" * 40 + "dalam.txt"]


def test_upload_names_cannot_leave_the_corpus_folder(tmp_path, corpus_copy, settings_factory, embedder):
    settings = settings_factory(index_dir=tmp_path / "index", corpus_dir=corpus_copy)
    build_index([corpus_copy], settings, embedder)
    for number, name in enumerate(NAMES):
        upload = tmp_path / f"upload{number}.bin"
        upload.write_text(f"{ARTICLE}Berkas unggahan nomor {number}.", encoding="utf-8")
        before = _files(tmp_path)
        report = add_articles([(upload, name)], settings, embedder)
        assert len(report.added) == 1, (name, report.rejected)
        created = _files(tmp_path) - before
        saved = [p for p in created if not p.is_relative_to(tmp_path / "index")]
        assert len(saved) == 1 and saved[0].parent == corpus_copy / "uploads", (name, saved)
        assert saved[0].name[0] not in "./~" and "\x00" not in saved[0].name
    assert not Path("/etc/cron.d/tugas.md").exists() and not (tmp_path.parent / "keluar.txt").exists()
    assert len(open_store(settings).load().documents) == 5 + len(NAMES)


def test_a_ten_thousand_character_sentence_is_indexed_and_quoted_within_bounds(tmp_path, settings_factory, embedder):
    from rag.pipeline import Pipeline
    from rag.prompt import build_messages

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sprawl = "Panen kopi liberika di Sukamaju " + " dan ".join(["hasilnya melimpah"] * 1200) + "."
    blob = "Kode " + "A" * 10_000 + " selesai."
    (corpus / "panjang.txt").write_text(f"Panen Raya Kopi\n\n{ARTICLE}\n\n{sprawl}\n\n{blob}\n", encoding="utf-8")
    settings = settings_factory(index_dir=tmp_path / "index", corpus_dir=corpus)
    build_index([corpus], settings, embedder)
    index = open_store(settings).load()
    assert max(len(c.text) for c in index.chunks) <= settings.chunking.words * settings.chunking.chars_per_word
    answer = Pipeline(settings, embedder=embedder).find_evidence("Berapa kilogram kopi liberika dipanen di Sukamaju?")
    assert not answer.abstained and "4.321 kilogram" in answer.quotes[0].text
    user = build_messages(answer.question, answer.quotes)[-1]["content"]
    assert len(user) <= len(answer.quotes) * (settings.generation.max_quote_chars + 10) + 300
