"""Property-based fuzzing (hypothesis) of the parsers that read untrusted text: the chunker,
the citation-marker parser, the HTML cleaner (alone and behind trafilatura's article extraction)
and the Markdown renderer. Each property is an invariant the rest of the pipeline relies on;
the example budget is bounded so the suite stays quick."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rag.chunk import chunk_document, split_sentences
from rag.config import ChunkConfig
from rag.cite import clean_markers, cited_numbers, parse_markers, split_answer_sentences
from rag.ingest import html_article, html_to_text, markdown_parser, markdown_to_text

BUDGET = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like news: words, numbers, sentence ends, quotes, abbreviations, newlines,
# citation-like brackets, and any other character now and then.
_PIECES = st.sampled_from([
    "Luthfi", "kata", "ASN", "Dr.", "Jl.", "A.", "Rp", "5.000", "2025", "“", "”", '"', "'", ".", "..", "!",
    "?", "…", ",", " ", " ", " ", "\n", "\n\n", "\t", "(", ")", "[1]", "[2, 3]", "[1-2]", "[", "]", "s.h.",
    "tegasnya", "Gubernur", "jual", "beli", "jabatan", "😀", "ꦗꦮ", "مرحبا", "\u00a0", "\u200b",
])
news_text = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=120).map("".join)


@BUDGET
@given(news_text)
@example("“Kalimat pertama. Kalimat kedua,” kata dia. Lalu")
@example("x" * 3 + " " + "kata " * 400)
@example("Awal. " + "x" * 10_000 + " akhir.")
def test_sentences_are_ordered_stripped_and_cover_every_character(text):
    spans = split_sentences(text)
    covered = [False] * len(text)
    last_end = 0
    for start, end in spans:
        assert last_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and "\n" not in piece
        covered[start:end] = [True] * (end - start)
        last_end = end
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


@BUDGET
@given(news_text, st.integers(min_value=1, max_value=40), st.integers(min_value=0, max_value=2))
def test_chunks_are_slices_of_whole_sentences_within_the_word_limit(text, max_words, overlap):
    config = ChunkConfig(words=max_words, overlap_sentences=overlap)
    chunks = chunk_document("d", "Judul", text, config)
    covered = [False] * len(text)
    previous = None
    for position, chunk in enumerate(chunks):
        assert chunk.chunk_id == f"d:{position}"
        assert chunk.text == text[chunk.start:chunk.end] and chunk.text.strip()
        assert len(chunk.text.split()) <= max_words and len(chunk.text) <= max_words * config.chars_per_word
        assert chunk.sentences[0][0] == chunk.start and chunk.sentences[-1][1] == chunk.end
        if previous is not None:
            assert previous.start < chunk.start  # always moves forward: no endless loop
        covered[chunk.start:chunk.end] = [True] * (chunk.end - chunk.start)
        previous = chunk
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


answer_text = st.lists(st.one_of(
    st.sampled_from(["[1]", "[2]", "[1, 2]", "[1][3]", "[2-4]", "[0]", "[99]", "[ 1 ]", "[1;2]", "[", "]",
                     ". ", "! ", "? ", "\n", " ", "Luthfi meminta ASN kreatif", "Ia", "“kata”", "5.000"]),
    st.text(max_size=6),
), max_size=40).map("".join)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def _without_markers(text: str) -> str:
    out, last = [], 0
    for marker in parse_markers(text):
        out.append(text[last:marker.start])
        last = marker.end
    return "".join(out) + text[last:]


@BUDGET
@given(answer_text, st.sets(st.integers(min_value=1, max_value=5), max_size=5))
@example("[1] Kalimat tanpa titik", {1})
@example("Kalimat. [2][1]", {1, 2})
def test_cleaned_markers_keep_the_words_and_only_valid_numbers(text, valid):
    cleaned = clean_markers(text, valid)
    assert set(cited_numbers(cleaned)) <= valid
    for marker in parse_markers(cleaned):
        assert cleaned[marker.start:marker.end] == f"[{marker.numbers[0]}]"  # one number per marker
    # Markers move and go; the answer's words never change.
    assert _letters(_without_markers(cleaned)) == _letters(_without_markers(text))


@BUDGET
@given(answer_text)
def test_answer_sentences_keep_every_word(text):
    sentences = split_answer_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", text)


_TAGS = st.sampled_from([
    "<p>", "</p>", "<br>", "<div class='x'>", "</div>", "<h1>", "</h1>", "<!-- komentar -->", "<b>", "</b>",
    "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>", "</a>", "<title>Judul</title>",
])
HIDDEN = [
    "<script>RAHASIA()</script>", "<script type='text/javascript'>if (a < b) RAHASIA</script>",
    "<style>p { RAHASIA: 1 }</style>", "<nav>RAHASIA</nav>", "<svg onload=x><text>RAHASIA</text></svg>",
    "<iframe>RAHASIA</iframe>", "<noscript>RAHASIA</noscript>",
]
_VISIBLE = st.text(alphabet=st.characters(blacklist_characters="<>&", blacklist_categories=("Cs",)), max_size=12)


@BUDGET
@given(st.lists(st.one_of(_TAGS, st.sampled_from(HIDDEN), _VISIBLE), max_size=40))
def test_html_cleaner_drops_scripts_and_keeps_visible_words(parts):
    raw = "".join(parts)
    text = html_to_text(raw)
    assert "RAHASIA" not in text
    assert text == text.strip() and not re.search(r"\n{3,}", text)
    visible = [word for part in parts if not part.startswith("<") for word in part.split()]
    flat = " ".join(text.split())
    for word in visible:
        assert word in flat


ARTICLE = ("<p>Petani kopi di Desa Sukamaju memanen 4.321 kilogram kopi liberika pada musim ini. Kepala desa "
           "mengatakan hasil panen naik dibanding tahun lalu karena cuaca yang baik sepanjang musim.</p>")


@BUDGET
@given(st.lists(st.one_of(_TAGS, st.sampled_from(HIDDEN), _VISIBLE), max_size=40))
def test_article_extraction_drops_scripts(parts):
    # trafilatura's path (the article paragraph makes it find one) and its fallback alike.
    for raw in ("".join(parts), f"<html><body><article>{ARTICLE}{''.join(parts)}{ARTICLE}</article></body></html>"):
        text, _ = html_article(raw)
        assert "RAHASIA" not in text


_MD_WORDS = st.text(alphabet=st.sampled_from("abc XYZ\n"), max_size=12)


@BUDGET
@given(st.lists(st.one_of(_TAGS, st.sampled_from(HIDDEN), _MD_WORDS,
                          st.sampled_from(["# ", "- ", "> ", "**", "_", "[", "](http://x.id)", "\n\n", "    "])),
                max_size=40))
def test_markdown_raw_html_never_yields_scripts(parts):
    source = "".join(parts)

    def code(tokens):  # what Markdown itself shows as code, markup and all
        return "".join(t.content if t.type in ("code_block", "fence", "code_inline") else code(t.children or [])
                       for t in tokens)

    text = markdown_to_text(source)
    assert text.count("RAHASIA") <= code(markdown_parser().parse(source)).count("RAHASIA")


@BUDGET
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
@example("AT&amp;T & <b>")
@example("&lt;script&gt;alert(1)&lt;/script&gt;")
def test_escaped_text_comes_back_unescaped_exactly_once(words):
    text = html_to_text(f"<p>{html.escape(words)}</p>")
    assert " ".join(text.split()) == " ".join(words.split())
