"""Sentence-aware chunking of Indonesian text, with character offsets into the cleaned text."""

from __future__ import annotations

import re

from rag.config import ChunkConfig
from rag.lang import ABBREVIATIONS, tokenize
from rag.types import Chunk

# A sentence ends at . ! ? or … (possibly repeated), optionally followed by closing quotes
# or brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_boundary(text: str, end: int) -> bool:
    """Whether the punctuation run ending at ``end`` closes a sentence."""
    run = text[:end].rstrip("\"'”’)]")
    nxt = text[end:].lstrip()
    if not nxt:
        return True
    first = nxt[0]
    # A lower-case continuation ("?” tanya dia", "dkk. dan") is never a new sentence.
    if first.islower():
        return False
    if run.endswith((".",)) and not run.endswith(".."):
        match = _WORD_BEFORE.search(run[:-1])
        word = match.group(1).lower() if match else ""
        if word in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isalpha():  # an initial: "A. Yani"
            return False
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # "s.h", "a.n"
            return False
    return True


def _inside_quote(para: str, start: int, end: int) -> bool:
    """Whether position ``end`` lies inside a quotation opened after ``start``."""
    segment = para[start:end]
    curly = segment.count("“") - segment.count("”")
    straight = segment.count('"') % 2
    return curly > 0 or straight == 1


def split_sentences(text: str, max_quote_words: int = ChunkConfig.max_quote_words) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; newlines always separate sentences.

    Inside a quotation, sentences stay together with the attribution that follows the
    closing mark ("…,” tegas Ahmad Luthfi) unless the quotation runs past ``max_quote_words``.
    Leading and trailing whitespace is excluded from each span.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        cut = 0
        for match in _END.finditer(p_text):
            end = match.end()
            if not _is_boundary(p_text, end):
                continue
            if _inside_quote(p_text, cut, end) and len(p_text[cut:end].split()) < max_quote_words:
                continue
            _add_span(spans, p_text, p_start, cut, end)
            cut = end
        _add_span(spans, p_text, p_start, cut, len(p_text))
    return spans


def _add_span(spans: list[tuple[int, int]], para: str, offset: int, start: int, end: int) -> None:
    piece = para[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def chunk_id(doc_id: str, position: int) -> str:
    """The id of a document's ``position``-th chunk (0-based)."""
    return f"{doc_id}:{position}"


def _split_long(span: tuple[int, int], text: str, max_words: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than ``max_words`` words (or ``max_chars`` characters) at word
    boundaries, and a word longer than that limit anywhere."""
    start, end = span
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= max_words and end - start <= max_chars:
        return [span]
    pieces: list[tuple[int, int]] = []
    group: list[tuple[int, int]] = []
    for word in words:
        w_start, w_end = start + word.start(), start + word.end()
        for cut in range(w_start, w_end, max_chars):  # a word longer than the limit is cut anywhere
            part = (cut, min(cut + max_chars, w_end))
            if group and (len(group) >= max_words or part[1] - group[0][0] > max_chars):
                pieces.append((group[0][0], group[-1][1]))
                group = []
            group.append(part)
    pieces.append((group[0][0], group[-1][1]))
    return pieces


def chunk_document(doc_id: str, title: str, text: str, config: ChunkConfig = ChunkConfig()) -> list[Chunk]:
    """Group whole sentences into chunks of at most ``config.words`` words (and
    ``words * chars_per_word`` characters).

    Consecutive chunks share ``config.overlap_sentences`` sentences, so a fact split across a
    chunk border is still whole in one chunk. A sentence longer than the limit is cut at word
    boundaries into chunks of its own.
    """
    max_words, overlap = config.words, config.overlap_sentences
    max_chars = max_words * config.chars_per_word
    sentences: list[tuple[int, int]] = []
    for span in split_sentences(text, config.max_quote_words):
        sentences.extend(_split_long(span, text, max_words, max_chars))
    counts = [len(text[s:e].split()) for s, e in sentences]
    chunks: list[Chunk] = []
    i = 0
    while i < len(sentences):
        j, words = i, 0
        while j < len(sentences) and (j == i or (words + counts[j] <= max_words
                                                 and sentences[j][1] - sentences[i][0] <= max_chars)):
            words += counts[j]
            j += 1
        start, end = sentences[i][0], sentences[j - 1][1]
        chunks.append(Chunk(
            chunk_id=chunk_id(doc_id, len(chunks)), doc_id=doc_id, title=title,
            text=text[start:end], start=start, end=end, sentences=sentences[i:j],
        ))
        if j >= len(sentences):
            break
        i = max(j - overlap, i + 1)
    return chunks


def embed_text(chunk: Chunk) -> str:
    """What is embedded (and searched by words) for a chunk: its article title, then its text."""
    return f"{chunk.title}\n{chunk.text}" if chunk.title else chunk.text


def chunk_terms(chunk: Chunk) -> list[str]:
    """BM25 terms of a chunk: its title and its text, stemmed, without stopwords."""
    return tokenize(embed_text(chunk))
