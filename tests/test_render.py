"""HTML of the app: everything from articles, the model and the user is escaped; [n] are links
only when they name a passage; unsourced sentences never look sourced."""

from __future__ import annotations

import re

from rag.ingest import Document
from rag.types import ABSTAIN_TEXT, Answer, Citation, Quote
from rag.render import (
    answer_html, document_html, document_rows, format_date, linkify, question_html, sources_html,
)

HOSTILE = '<script>alert(1)</script> [klik](http://evil.example) <img src=x onerror="alert(2)">'
DOC = Document(doc_id="d1", title="Judul <b>tebal</b>", text="Kalimat awal.\n\nBupati berkata " + HOSTILE + " selesai.",
               source="/corpus/uploads/a.txt", content_hash="d1", meta={"place": "Semarang", "date": "2025-04-08"})
DOCS = {"d1": DOC}


def _answer(synthesis: str) -> Answer:
    quote = Quote(n=1, text="Bupati berkata " + HOSTILE + " selesai.", doc_id="d1", chunk_id="d1:0",
                  start=14, end=len(DOC.text))
    return Answer(question="q", quotes=[quote], synthesis=synthesis)


def _no_live_markup(html: str) -> None:
    assert "<script" not in html and "<img" not in html and "onerror=" not in html.replace("onerror=&quot;", "")
    assert 'href="http' not in html


def test_linkify_escapes_and_links_only_known_markers():
    out = linkify("A <b> [1] dan [7] [1, 2].", {1, 2})
    assert "&lt;b&gt;" in out
    assert out.count('class="rag-cite"') == 3  # [1], then [1, 2] as [1][2]
    assert "[7]" in out and 'href="#sumber-7"' not in out


def test_answer_html_escapes_quotes_titles_and_synthesis():
    html = answer_html(_answer("Dia berkata " + HOSTILE + " [1]."), DOCS)
    _no_live_markup(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[klik](http://evil.example)" in html  # shown as text: the chat does not render markdown
    assert "Judul &lt;b&gt;tebal&lt;/b&gt; (Semarang)" in html  # the title and the dateline place
    assert 'href="#sumber-1"' in html


def test_uncited_sentence_is_marked_not_shown_as_cited():
    html = answer_html(_answer("Ini didukung [1]. Ini karangan model."), DOCS)
    uncited = re.findall(r'<span class="rag-uncited"[^>]*>(.*?)</span>', html)
    assert len(uncited) == 1 and "Ini karangan model." in uncited[0] and "tanpa sumber" in uncited[0]
    assert "rag-cite" not in uncited[0]


def test_marker_to_missing_passage_is_not_a_link():
    html = answer_html(_answer("Angka itu ada di [5]."), DOCS)
    assert 'href="#sumber-5"' not in html and "rag-uncited" in html


def test_abstention_is_shown_as_not_found_not_as_error():
    answer = Answer(question="q", abstained=True, answer=ABSTAIN_TEXT)
    html = answer_html(answer, DOCS)
    assert "rag-notfound" in html and "Tidak ditemukan di sumber" in html and "rag-error" not in html
    assert "rag-cite" not in html


def test_abstention_after_the_support_check_lists_the_quotes_it_read_unlinked():
    answer = _answer("Karangan model [1].")
    answer.abstained = True
    html = answer_html(answer, DOCS)
    assert "Tidak ditemukan di sumber" in html and "Kutipan terdekat" in html
    assert "rag-nearest" in html and "Bupati berkata" in html and "Karangan model" not in html
    assert "rag-cite" not in html  # nothing is offered as a source of an answer
    _no_live_markup(html)


def test_streaming_shows_partial_text_and_the_resolved_question():
    html = answer_html(_answer(""), DOCS, streaming="Bupati <i>berkata [1", resolved="Apa kata <Bupati>?")
    assert "Bupati &lt;i&gt;berkata [1" in html and "rag-cursor" in html
    assert "Dibaca sebagai: “Apa kata &lt;Bupati&gt;?”" in html


def test_sources_highlight_the_quote_and_escape_the_passage():
    text = DOC.text
    start = text.index("Bupati")
    citation = Citation(n=1, doc_id="d1", title=DOC.title, chunk_id="d1:0", text=text, start=0, end=len(text),
                        quote=text[start:], quote_start=start, quote_end=len(text))
    html = sources_html([citation], DOCS)
    _no_live_markup(html)
    assert 'class="rag-source rag-src-1" open' in html
    marked = re.findall(r"<mark>(.*?)</mark>", html)
    assert marked and marked[0].startswith("Bupati berkata &lt;script&gt;")
    assert "Kalimat awal." not in "".join(marked)
    assert "Semarang · 8 April 2025 · a.txt" in html
    assert sources_html([citation], DOCS, expanded=False).startswith('<details class="rag-source rag-src-1">')


def test_highlight_across_paragraphs_stays_well_nested():
    text = "Satu dua.\n\nTiga empat."
    citation = Citation(n=2, doc_id="d1", title="t", chunk_id="c", text=text, start=10, end=10 + len(text),
                        quote="dua. Tiga", quote_start=15, quote_end=25)
    html = sources_html([citation], {})
    assert "<p>Satu <mark>dua.</mark></p><p><mark>Tiga</mark> empat.</p>" in html


def test_question_document_and_rows_escape():
    assert question_html("<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    html = document_html(DOC)
    _no_live_markup(html)
    assert html.count("<p>") == 2

    class Index:
        manifest = {"documents": {
            "d1": {"title": "B", "chunks": 3, "source": "/x/b.txt", "meta": {"date": "2021-04-10"}},
            "d2": {"title": "a", "chunks": 1, "source": "/x/a.txt", "meta": {}},
        }}

    assert document_rows(Index()) == [["a", "", "", 1, "a.txt"], ["B", "10 April 2021", "", 3, "b.txt"]]


def test_format_date():
    assert format_date("2025-09-04") == "4 September 2025"
    assert format_date(None) == "" and format_date("kemarin") == "kemarin"


def test_overlapping_passages_of_one_article_are_shown_once_with_both_quotes_marked():
    text = DOC.text
    first = Citation(n=1, doc_id="d1", title=DOC.title, chunk_id="c0", text=text[:40], start=0, end=40,
                     quote=text[:13], quote_start=0, quote_end=13)
    second = Citation(n=2, doc_id="d1", title=DOC.title, chunk_id="c1", text=text[15:], start=15, end=len(text),
                      quote=text[15:29], quote_start=15, quote_end=29)
    html = sources_html([second, first], DOCS)
    assert html.count("<details") == 1 and 'class="rag-source rag-src-1 rag-src-2"' in html
    assert "<b>[1][2]</b>" in html
    assert re.findall(r"<mark>(.*?)</mark>", html) == ["Kalimat awal.", "Bupati berkata"]
    other = Citation(n=3, doc_id="d2", title="x", chunk_id="c9", text="lain", start=0, end=4, quote="lain",
                     quote_start=0, quote_end=4)
    assert sources_html([first, other], DOCS).count("<details") == 2


def test_sentence_the_support_check_rejects_is_marked_even_with_a_marker():
    from rag.types import SentenceSupport

    answer = _answer("Ini didukung [1]. Ini dikarang [1].")
    answer.sentences = [SentenceSupport("Ini didukung [1].", [1], True, 1.0),
                        SentenceSupport("Ini dikarang [1].", [1], False, 0.2)]
    html = answer_html(answer, DOCS)
    unsupported = re.findall(r'<span class="rag-uncited"[^>]*>(.*?)</span>', html)
    assert len(unsupported) == 1 and "Ini dikarang" in unsupported[0] and "tidak didukung kutipan" in unsupported[0]


def test_a_withheld_synthesis_shows_the_quotes_and_says_why():
    answer = _answer("")
    answer.synthesis_withheld = True
    html = answer_html(answer, DOCS)
    assert 'href="#sumber-1"' in html and "Ringkasan tidak dibuat" in html
    assert "rag-synthesis" not in html and "rag-notfound" not in html
