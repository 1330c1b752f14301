import json

import numpy as np
import pytest

from conftest import GOLDEN
from rag.cite import (
    attach_citations, cited_numbers, clean_markers, format_quotes, parse_markers, split_answer_sentences,
)
from rag.types import Document, Quote

CASES = json.loads((GOLDEN / "citations.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["input"][:30] for c in CASES])
def test_citation_parser_golden(case):
    assert cited_numbers(case["input"]) == case["numbers"]
    assert clean_markers(case["input"], set(case["valid"])) == case["cleaned"]


def test_markers_have_positions():
    text = "A [1]. B [2, 3]."
    markers = parse_markers(text)
    assert [text[m.start:m.end] for m in markers] == ["[1]", "[2, 3]"]


def test_answer_sentences_keep_their_markers():
    text = "Luthfi menolak jual beli jabatan [1]. Ia menyebut jabatan itu amanah [2]. Selesai."
    assert split_answer_sentences(text) == [
        "Luthfi menolak jual beli jabatan [1].", "Ia menyebut jabatan itu amanah [2].", "Selesai."]


class TinyEmbedder:
    """Bag-of-words vectors: enough to tell which quote a sentence repeats."""

    vocab = ["jabatan", "amanah", "koordinasi", "sungkan", "kreatif"]

    def embed_passages(self, texts):
        out = np.array([[t.lower().count(w) for w in self.vocab] for t in texts], dtype=np.float32) + 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_uncited_sentences_get_the_most_similar_quote():
    quotes = [Quote(1, "Gus Yasin menekankan koordinasi, nggak usah sungkan.", "d", "d:0", 0, 10),
              Quote(2, "Jabatan itu amanah.", "d", "d:1", 20, 40)]
    out = attach_citations(["Jabatan adalah amanah.", "Koordinasi tanpa sungkan [1].", "Perlu koordinasi"], quotes,
                           TinyEmbedder())
    assert out == ["Jabatan adalah amanah [2].", "Koordinasi tanpa sungkan [1].", "Perlu koordinasi [1]"]


def test_titles_with_periods_do_not_end_an_answer_sentence():
    """The chunker's splitter knows "Dr." and "Prof."; the markers stay with their sentence."""
    text = "Menurut Dr. Ahmad, jabatan itu amanah [1]. Prof. Budi setuju [2]."
    assert split_answer_sentences(text) == ["Menurut Dr. Ahmad, jabatan itu amanah [1].", "Prof. Budi setuju [2]."]
    assert split_answer_sentences("Satu [1]\nDua [2].") == ["Satu [1]", "Dua [2]."]
    assert split_answer_sentences("Luthfi menegaskan [1] Khofifah setuju [2].") == ["Luthfi menegaskan [1]",
                                                                                     "Khofifah setuju [2]."]


def test_each_quote_names_its_article_and_the_place_of_its_dateline():
    """The dateline ("SURABAYA - …") that cleaning takes off the text says where the article was
    filed: "Di kota mana …" is answered there when no quote says it (qa_new13 q05)."""
    documents = {"a": Document("a", "Khofifah Ingin Pamong Praja Bekerja Extraordinary", "Gubernur …", "a.txt", "h",
                               {"place": "Surabaya"}),
                 "b": Document("b", "Tanpa dateline", "Luthfi …", "b.txt", "h")}
    quotes = [Quote(1, "Gubernur Jawa Timur … bekerja secara extraordinary.", "a", "a:0", 0, 10),
              Quote(2, "“Jabatan itu amanah.”", "b", "b:0", 0, 10)]
    assert format_quotes(quotes, documents).splitlines() == [
        "Kutipan:",
        "[1] “Gubernur Jawa Timur … bekerja secara extraordinary.” — Khofifah Ingin Pamong Praja Bekerja "
        "Extraordinary (Surabaya)",
        "[2] “Jabatan itu amanah.” — Tanpa dateline"]


def test_a_sentence_cut_off_by_the_token_limit_is_dropped():
    """"… menjadi extraordinary (luar" was cited as it stood (qa_new28, read blind)."""
    from rag.cite import finished

    assert finished("Khofifah meminta ASN bekerja cepat [1]. Sesuai arahan, ASN menjadi extraordinary (luar") == \
        "Khofifah meminta ASN bekerja cepat [1]."
    assert finished("Khofifah meminta ASN bekerja cepat [1].") == "Khofifah meminta ASN bekerja cepat [1]."
    assert finished("Khofifah meminta ASN bekerja cepat [1]") == "Khofifah meminta ASN bekerja cepat [1]"
    assert finished("ASN menjadi extraordinary (luar") == ""
