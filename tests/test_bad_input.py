"""The bad-input matrix: every case gets a clear message (or a proper answer) and leaves the
index as it was. Cases already covered elsewhere are named at the end of this docstring.

Elsewhere: empty, whitespace-only, 20,000-character and punctuation-only questions
(test_cli.py, test_app_handlers.py); an index from another embedding model and damaged index
files (test_index.py, test_cli.py); a missing or corrupt model package (test_models.py);
uploads that are binary, empty, Latin-1, too large or of another type (test_corpus.py, test_app.py).
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import SEEDS
from rag.cli import main

GOOD = SEEDS / "001_bd70cc3ecaf6260a.txt"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("rag: error: ")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("question, message", [
    ("😀🙏🔥", "no letters or digits"),
    ("    \n\n\t ", "empty"),
    ("jabatan " * 2500, "characters long"),
])
def test_questions_that_cannot_be_asked(capsys, seed_index_dir, question, message):
    code, out, err = run(capsys, "--index-dir", seed_index_dir, "ask", question, "--json")
    assert code == 2 and out == "" and message in error_line(err)


def test_mixed_script_question_is_searched_by_its_words(capsys, seed_index_dir):
    code, out, _ = run(capsys, "--index-dir", seed_index_dir, "search", "Luthfi 关于 jual beli jabatan 😀 ꦗꦮ?",
                       "--json", "-k", "1")
    assert code == 0
    assert "jabatan" in json.loads(out)["results"][0]["text"].lower()


# ----------------------------------------------------------------------------- articles

def _bad_corpus(folder):
    """One good article beside every kind of bad file `rag index` may be given."""
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "spaces.md").write_bytes(b" \n\t \n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "utf16.txt").write_bytes(("Festival layang-layang digelar di Pantai Parangtritis pada 12 Juli. "
                                        "Panitia menyiapkan 40 layang-layang raksasa.").encode("utf-16"))
    (folder / "latin1.txt").write_bytes("Kopi dari Café Sumatra dipanen 4.321 kilogram.".encode("latin-1"))
    (folder / "good_copy.txt").write_bytes(GOOD.read_bytes())
    (folder / "page.html").write_text(
        "<html><head><script>document.write('SKRIP')</script><style>p{color:red}</style></head><body>"
        "<nav>Beranda | Politik</nav><h1>Jembatan baru dibuka</h1><p>Jembatan sepanjang 120 meter di "
        "Kabupaten Wonosobo dibuka untuk umum pada Senin.</p><img src=x onerror=\"alert('GAMBAR')\"></body></html>",
        encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB: refused by its size, never read
        fh.truncate(50 * 1024 * 1024)
    (folder / "vanishes.txt").write_text("Artikel ini hilang sebelum sempat dibaca.", encoding="utf-8")
    return folder


def test_bad_articles_are_reported_one_by_one_and_the_good_ones_indexed(capsys, tmp_path, monkeypatch):
    import rag.ingest

    corpus = _bad_corpus(tmp_path / "corpus")
    listed = rag.ingest.iter_input_files

    def vanishing(paths):  # the file is listed, then deleted before it is read
        for path in listed(paths):
            if path.name == "vanishes.txt":
                path.unlink()
            yield path

    monkeypatch.setattr(rag.ingest, "iter_input_files", vanishing)
    index_dir = tmp_path / "index"
    code, out, err = run(capsys, "--index-dir", index_dir, "index", corpus, "-q")
    assert code == 1 and "3 added" in out  # the readable articles are indexed; the rest is refused loudly
    expected = {
        "empty.txt": "the file is empty", "spaces.md": "the file is empty", "binary.txt": "binary file",
        "latin1.txt": "not UTF-8", "huge.txt": "50 MB, over the 20 MB limit", "good_copy.txt": "duplicate of",
        "vanishes.txt": "disappeared while it was being read",
    }
    for name, words in expected.items():
        assert any(name in line and words in line for line in err.splitlines()), (name, err)
    assert "notes.pdf" not in err  # not an article type: not even listed from a folder

    from rag.store import FolderStore

    index = FolderStore(index_dir).load()
    assert {d.source.rsplit("/", 1)[-1] for d in index.documents.values()} == {"good.txt", "utf16.txt", "page.html"}
    text = "\n".join(d.text for d in index.documents.values())
    assert "Jembatan sepanjang 120 meter" in text and "SKRIP" not in text and "GAMBAR" not in text
    assert "Beranda | Politik" not in text


def test_a_run_with_only_bad_files_leaves_the_index_as_it_was(capsys, tmp_path):
    index_dir = tmp_path / "index"
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(GOOD, good / "good.txt")
    assert run(capsys, "--index-dir", index_dir, "index", good, "-q")[0] == 0
    pointer = (index_dir / "CURRENT").read_text()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run(capsys, "--index-dir", index_dir, "index", bad, "-q")
    assert code == 2 and "index was not changed" in error_line(err)
    assert (index_dir / "CURRENT").read_text() == pointer
    code, out, _ = run(capsys, "--index-dir", index_dir, "search", "jabatan", "--json", "-k", "1")
    assert code == 0 and json.loads(out)["results"]


# ----------------------------------------------------------------------------- index files

@pytest.mark.parametrize("damage, words", [
    ("pointer deleted", "No index"),
    ("version folder deleted", "No index"),
    ("documents truncated", "damaged"),
    ("chunks truncated", "damaged"),
    ("faiss emptied", "damaged"),
])
def test_damaged_index_files_give_a_clear_error_and_index_repairs_them(capsys, tmp_path, damage, words):
    index_dir = tmp_path / "index"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    assert run(capsys, "--index-dir", index_dir, "index", corpus, "-q")[0] == 0
    version = index_dir / (index_dir / "CURRENT").read_text().strip()
    if damage == "pointer deleted":
        (index_dir / "CURRENT").unlink()
    elif damage == "version folder deleted":
        shutil.rmtree(version)
    elif damage == "documents truncated":
        data = (version / "documents.jsonl").read_bytes()
        (version / "documents.jsonl").write_bytes(data[: len(data) // 2])
    elif damage == "chunks truncated":
        data = (version / "chunks.jsonl").read_bytes()
        (version / "chunks.jsonl").write_bytes(data[: len(data) // 3])
    else:
        (version / "vectors.faiss").write_bytes(b"")
    code, out, err = run(capsys, "--index-dir", index_dir, "ask", "apa kata Luthfi soal jabatan?", "--json")
    line = error_line(err)
    assert code == 2 and out == "" and words in line and "rag index" in line
    assert run(capsys, "--index-dir", index_dir, "index", corpus, "-q", "--rebuild")[0] == 0
    code, out, _ = run(capsys, "--index-dir", index_dir, "search", "jabatan", "--json", "-k", "1")
    assert code == 0 and json.loads(out)["results"]


# ----------------------------------------------------------------------------- other languages

_INDONESIAN = {"yang", "dan", "di", "untuk", "dengan", "tidak", "akan", "ini", "itu", "dalam", "adalah", "bahwa",
               "meminta", "harus", "agar"}
_NOT_INDONESIAN = {"the", "and", "of", "is", "to", "that", "sing", "ora", "lan", "karo", "iku", "babagan", "marang"}


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "What did Luthfi say about buying and selling positions?",
    "Piye pesene Luthfi babagan jual beli jabatan?",  # Javanese
])
def test_questions_in_english_or_javanese_are_answered_in_indonesian(seed_index_dir, question):
    from rag.pipeline import Pipeline
    from rag.config import Settings
    from rag.lang import words

    answer = Pipeline(Settings().with_(index_dir=seed_index_dir)).ask(question)
    assert not answer.abstained and answer.citations, answer.answer
    synthesis = set(words(answer.synthesis))
    assert synthesis & _INDONESIAN and not synthesis & _NOT_INDONESIAN, answer.synthesis
    assert any("jabatan" in c.text.lower() for c in answer.quotes)
