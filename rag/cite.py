"""Citations as text: parse [n] markers, drop the ones that point nowhere, place them at the
end of their sentence, split an answer into sentences, map each [n] to its passage, and
attach the most similar quote to a sentence the model left uncited."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rag.chunk import split_sentences
from rag.types import Citation

# [1], [1, 2], [1,2,3], [1][2] (two markers), [1-2] is read as 1 and 2.
MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;–-]\s*\d+)*)\s*\]")


@dataclass
class Marker:
    start: int
    end: int
    numbers: list[int]


def parse_markers(text: str) -> list[Marker]:
    """Every [n]-style marker in ``text`` with the numbers it names, in order."""
    markers = []
    for match in MARKER.finditer(text):
        body = match.group(1)
        numbers: list[int] = []
        for part in re.split(r"\s*[,;]\s*", body):
            if re.fullmatch(r"\d+\s*[–-]\s*\d+", part):
                lo, hi = (int(x) for x in re.split(r"\s*[–-]\s*", part))
                if 0 < hi - lo < 10:
                    numbers.extend(range(lo, hi + 1))
                    continue
            numbers.extend(int(x) for x in re.findall(r"\d+", part))
        markers.append(Marker(match.start(), match.end(), numbers))
    return markers


def cited_numbers(text: str) -> list[int]:
    """Distinct cited numbers, in order of first appearance."""
    seen: list[int] = []
    for marker in parse_markers(text):
        for n in marker.numbers:
            if n not in seen:
                seen.append(n)
    return seen


def finished(text: str) -> str:
    """``text`` up to the end of its last finished sentence: a tail with neither a final mark nor a
    marker was cut off by the token limit ("… menjadi extraordinary (luar", the copy grammar's
    sentence stopped inside its clause and then cited as it stood; qa_new28, read blind)."""
    text = text.rstrip()
    if not text or re.search(r"(?:[.!?][”\"')\]]*|\[\d+\])$", text):
        return text
    ends = list(re.finditer(r"[.!?][”\"')\]]*(?=\s)", text))
    return text[:ends[-1].end()] if ends else ""


def clean_markers(text: str, valid: set[int]) -> str:
    """Rewrite markers as [a][b], keeping only numbers in ``valid``; a marker left empty goes."""
    out, last = [], 0
    for marker in parse_markers(text):
        out.append(text[last:marker.start])
        keep = [n for n in dict.fromkeys(marker.numbers) if n in valid]
        out.append("".join(f"[{n}]" for n in keep))
        last = marker.end
    out.append(text[last:])
    cleaned = "".join(out)
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", cleaned)
    # "kalimat. [1]" -> "kalimat [1]."; "[1] Kalimat." -> "Kalimat [1]."
    cleaned = re.sub(r"([.!?])[ \t]*((?:\[\d+\])+)", r" \2\1", cleaned)
    cleaned = re.sub(r"(^|(?<=[.!?])\s+)((?:\[\d+\])+)\s*([^\[\n]*?[^\s.!?\]])([.!?]|$)",
                     lambda m: f"{m.group(1)}{m.group(3)} {m.group(2)}{m.group(4)}", cleaned)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip()


def split_answer_sentences(text: str) -> list[str]:
    """Sentences of a generated answer, by the chunker's sentence splitter (so "Dr." or
    "Prof." end no sentence); a line break, or a marker followed by a capital ("… [1] Budi
    …"), also ends one. Citation markers stay with the sentence they end."""
    sentences = []
    for piece in re.split(r"(?<=\])\s+(?=[A-Z\"“(])|\n+", text.strip()):
        sentences.extend(piece[start:end] for start, end in split_sentences(piece))
    return sentences


def quote_source(documents: dict, doc_id: str) -> tuple[str, str]:
    """(title, dateline place) of a quote's article; empty strings for one the index lacks."""
    document = documents.get(doc_id)
    return (document.title, document.place) if document is not None else ("", "")


def format_quotes(quotes, documents) -> str:
    """The "Kutipan" block shown before the synthesis: each quote, its article's title and the
    place of its dateline ("SURABAYA - …", which cleaning takes off the text: where the article
    was filed, which answers "di kota mana …" when the quote does not; qa_new13 q05)."""
    lines = ["Kutipan:"]
    for q in quotes:
        title, place = quote_source(documents, q.doc_id)
        text = " ".join(q.text.split())
        if not text.startswith(("“", '"')):
            text = f"“{text}”"
        lines.append(f"[{q.n}] {text} — {title}".rstrip(" —") + (f" ({place})" if place else ""))
    return "\n".join(lines)


def with_markers(sentence: str, numbers: list[int]) -> str:
    """``sentence`` with its markers replaced by ``[a][b]…`` before its final punctuation."""
    body = " ".join(MARKER.sub(" ", sentence).split())
    body = re.sub(r"\s+([.,;:!?])", r"\1", body)
    tail = ""
    if body and body[-1] in ".!?":
        body, tail = body[:-1], body[-1]
    return f"{body} {''.join(f'[{n}]' for n in numbers)}{tail}" if numbers else body + tail


def attach_citations(sentences: list[str], quotes, embedder) -> list[str]:
    """Give each uncited sentence the [n] of the quote it is most similar to."""
    if not sentences or not quotes:
        return sentences
    vectors = embedder.embed_passages([re.sub(MARKER, "", s) for s in sentences])
    quote_vectors = embedder.embed_passages([q.text for q in quotes])
    similarity = vectors @ quote_vectors.T
    out = []
    for i, sentence in enumerate(sentences):
        if parse_markers(sentence):
            out.append(sentence)
            continue
        out.append(with_markers(sentence, [quotes[int(np.argmax(similarity[i]))].n]))
    return out


def citation_for(quote, index):
    """The passage a quote's [n] opens: its chunk, widened to hold the whole quote (a quote
    that takes in a neighbouring sentence can reach past its chunk)."""
    chunk = index.chunk(quote.chunk_id)
    start, end = min(chunk.start, quote.start), max(chunk.end, quote.end)
    document = index.documents.get(chunk.doc_id)
    text = document.text[start:end] if document is not None else chunk.text
    return Citation(
        n=quote.n, doc_id=chunk.doc_id, title=chunk.title, chunk_id=chunk.chunk_id, text=text,
        start=start, end=end, quote=quote.text, quote_start=quote.start, quote_end=quote.end,
    )
