import json
import os

import pytest

from conftest import GOLDEN, SEEDS
from rag.chunk import chunk_document, split_sentences
from rag.config import ChunkConfig
from rag.ingest import load_documents


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Ia tiba di Semarang, Jateng. Kemudian rapat dimulai.",
     ["Ia tiba di Semarang, Jateng.", "Kemudian rapat dimulai."]),
    ("Rapat di Jl. Pahlawan No. 9 dihadiri Dr. Budi dan A. Yani. Semua hadir.",
     ["Rapat di Jl. Pahlawan No. 9 dihadiri Dr. Budi dan A. Yani.", "Semua hadir."]),
    ("Apel digelar Selasa (8/4). Gubernur memimpin.", ["Apel digelar Selasa (8/4).", "Gubernur memimpin."]),
    ("“Apa kabar?” tanya dia. Lalu pergi.", ["“Apa kabar?” tanya dia.", "Lalu pergi."]),
    ("“Jabatan itu amanah. Kita akan pelototi,” tegas Luthfi. Ia pergi.",
     ["“Jabatan itu amanah. Kita akan pelototi,” tegas Luthfi.", "Ia pergi."]),
    ("Harga naik Rp 1.000 per kilo. Pedagang mengeluh.", ["Harga naik Rp 1.000 per kilo.", "Pedagang mengeluh."]),
    ("Judul tanpa titik\nKalimat pertama. Kalimat kedua!", ["Judul tanpa titik", "Kalimat pertama.", "Kalimat kedua!"]),
    ("Menunggu juklak dll. dan juknis. Selesai.", ["Menunggu juklak dll. dan juknis.", "Selesai."]),
    ("", []),
    ("   \n  ", []),
])
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_spans_point_into_the_text():
    text = "  Satu dua.  Tiga empat?\n\nLima “enam.” Tujuh. "
    for s, e in split_sentences(text):
        assert text[s:e] == text[s:e].strip() and text[s:e]


def test_chunks_keep_offsets_and_overlap():
    text = " ".join(f"Kalimat nomor {i} berisi beberapa kata tambahan." for i in range(40))
    chunks = chunk_document("d", "Judul", text, ChunkConfig(words=30, overlap_sentences=1))
    assert len(chunks) > 3
    for chunk in chunks:
        assert text[chunk.start:chunk.end] == chunk.text
        assert len(chunk.text.split()) <= 30
        assert chunk.doc_id == "d" and chunk.title == "Judul"
    for a, b in zip(chunks, chunks[1:]):
        assert a.sentences[-1] == b.sentences[0]  # one sentence of overlap
    covered = set()
    for chunk in chunks:
        for span in chunk.sentences:
            covered.add(span)
    assert len(covered) == 40  # no sentence lost


def test_a_very_long_sentence_is_cut_at_word_boundaries():
    text = " ".join(["kata"] * 2500)  # one 10,000-character "sentence"
    chunks = chunk_document("d", "", text, ChunkConfig(words=100))
    assert all(len(c.text.split()) <= 100 for c in chunks)
    assert sum(len(c.text.split()) for c in chunks) >= 2500
    assert all(text[c.start:c.end] == c.text for c in chunks)


def _golden_view(doc):
    chunks = chunk_document(doc.doc_id, doc.title, doc.text)
    return {
        "title": doc.title,
        "sentences": sentences(doc.text),
        "chunks": [{"start": c.start, "end": c.end, "sentences": len(c.sentences)} for c in chunks],
    }


def test_seed_articles_match_golden_files():
    docs, _ = load_documents([SEEDS])
    for doc in docs:
        name = os.path.basename(doc.source).rsplit(".", 1)[0] + ".json"
        path = GOLDEN / "chunks" / name
        view = _golden_view(doc)
        if os.environ.get("RAG_UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(view, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        assert view == json.loads(path.read_text(encoding="utf-8")), f"{name} differs from its golden file"
