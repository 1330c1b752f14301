"""Sentence-aware chunking of Indonesian text, with character offsets into the cleaned text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Abbreviations after which a period does not end a sentence (compared lower-cased,
# without the final period).
ABBREVIATIONS = {
    "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "st", "sh", "se", "mm", "msi", "m.si", "s.h", "s.e",
    "s.pd", "s.kom", "m.m", "m.h", "ph.d", "jl", "jln", "no", "kec", "kab", "kel", "desa", "prov",
    "tgl", "tel", "telp", "hal", "dll", "dsb", "dst", "dkk", "yth", "sdr", "bpk", "ibu", "a.n", "u.p",
    "rp", "vol", "ed", "pt", "cv", "tbk", "mr", "mrs", "ms", "jr", "sr", "vs", "etc", "e.g", "i.e",
    "kol", "brigjen", "mayjen", "letjen", "jend", "kompol", "akbp", "ipda", "iptu", "aiptu", "bripka",
    "nomor", "pasal", "ayat", "km", "kg", "cm", "ha", "ttd", "an", "ps", "ust", "gus",
}

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


# Inside a quotation, sentences stay together with the attribution that follows the
# closing quote ("..., ” tegas Ahmad Luthfi"), unless the quotation runs longer than this.
MAX_QUOTE_WORDS = 60


def _inside_quote(para: str, start: int, end: int) -> bool:
    """Whether position ``end`` lies inside a quotation opened after ``start``."""
    segment = para[start:end]
    curly = segment.count("“") - segment.count("”")
    straight = segment.count('"') % 2
    return curly > 0 or straight == 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; newlines always separate sentences.

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
            if _inside_quote(p_text, cut, end) and len(p_text[cut:end].split()) < MAX_QUOTE_WORDS:
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


@dataclass
class Chunk:
    """A passage of one document: ``text == document_text[start:end]``."""

    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    sentences: list[tuple[int, int]] = field(default_factory=list)  # absolute offsets


def chunk_id(doc_id: str, position: int) -> str:
    """The id of a document's ``position``-th chunk (0-based)."""
    return f"{doc_id}:{position}"


# A piece of a sentence is also cut at this many characters per allowed word, so that a run of
# text without spaces (a pasted blob, a 10,000-character "word") cannot make a giant chunk.
CHARS_PER_WORD = 20


def _split_long(span: tuple[int, int], text: str, max_words: int) -> list[tuple[int, int]]:
    """Cut a sentence longer than ``max_words`` words (or ``max_words * CHARS_PER_WORD``
    characters) at word boundaries, and a word longer than that limit anywhere."""
    start, end = span
    max_chars = max_words * CHARS_PER_WORD
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


def chunk_document(doc_id: str, title: str, text: str, max_words: int = 150, overlap: int = 1) -> list[Chunk]:
    """Group whole sentences into chunks of at most ``max_words`` words (and
    ``max_words * CHARS_PER_WORD`` characters).

    Consecutive chunks share ``overlap`` sentences, so a fact split across a chunk border
    is still whole in one chunk. A sentence longer than ``max_words`` is cut at word
    boundaries into chunks of its own.
    """
    sentences: list[tuple[int, int]] = []
    for span in split_sentences(text):
        sentences.extend(_split_long(span, text, max_words))
    counts = [len(text[s:e].split()) for s, e in sentences]
    chunks: list[Chunk] = []
    i = 0
    while i < len(sentences):
        j, words = i, 0
        while j < len(sentences) and (j == i or (words + counts[j] <= max_words
                                                 and sentences[j][1] - sentences[i][0] <= max_words * CHARS_PER_WORD)):
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
