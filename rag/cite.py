"""Citations: parse [n] markers, drop the ones that point nowhere, map each to its passage,
and attach the best-supported quote to sentences the model left uncited."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import numpy as np

# [1], [1, 2], [1,2,3], [1][2] (two markers), [1-2] is read as 1 and 2.
_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;–-]\s*\d+)*)\s*\]")


@dataclass
class Marker:
    start: int
    end: int
    numbers: list[int]


def parse_markers(text: str) -> list[Marker]:
    """Every [n]-style marker in ``text`` with the numbers it names, in order."""
    markers = []
    for match in _MARKER.finditer(text):
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
    """Sentences of a generated answer; citation markers stay with the sentence they end."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])|(?<=\])\s+(?=[A-Z\"“(])|\n+", text.strip())
    return [p.strip() for p in parts if p and p.strip()]


def format_quotes(quotes, documents) -> str:
    """The "Kutipan" block shown before the synthesis."""
    lines = ["Kutipan:"]
    for q in quotes:
        title = documents[q.doc_id].title if q.doc_id in documents else ""
        text = " ".join(q.text.split())
        if not text.startswith(("“", '"')):
            text = f"“{text}”"
        lines.append(f"[{q.n}] {text} — {title}".rstrip(" —"))
    return "\n".join(lines)


def with_markers(sentence: str, numbers: list[int]) -> str:
    """``sentence`` with its markers replaced by ``[a][b]…`` before its final punctuation."""
    body = " ".join(_MARKER.sub(" ", sentence).split())
    body = re.sub(r"\s+([.,;:!?])", r"\1", body)
    tail = ""
    if body and body[-1] in ".!?":
        body, tail = body[:-1], body[-1]
    return f"{body} {''.join(f'[{n}]' for n in numbers)}{tail}" if numbers else body + tail


def attach_citations(sentences: list[str], quotes, embedder) -> list[str]:
    """Give each uncited sentence the [n] of the quote it is most similar to."""
    if not sentences or not quotes:
        return sentences
    vectors = embedder.embed_passages([re.sub(_MARKER, "", s) for s in sentences])
    quote_vectors = embedder.embed_passages([q.text for q in quotes])
    similarity = vectors @ quote_vectors.T
    out = []
    for i, sentence in enumerate(sentences):
        if parse_markers(sentence):
            out.append(sentence)
            continue
        out.append(with_markers(sentence, [quotes[int(np.argmax(similarity[i]))].n]))
    return out


def finalize_answer(answer, quotes_text: str, heading: str, retriever) -> None:
    """Check the synthesis' markers, cite uncited sentences, build the final text and citations."""
    valid = {q.n for q in answer.quotes}
    synthesis = clean_markers(answer.synthesis, valid)
    if not re.search(r"[^\W\d_]", _MARKER.sub("", synthesis)):
        synthesis = ""  # nothing but markers: the quotes alone are the answer
    sentences = split_answer_sentences(synthesis)
    if sentences and not cited_numbers(synthesis):
        sentences = attach_citations(sentences, answer.quotes, retriever.embedder)
    # Every sentence is checked against the quotes it cites; citations are repaired, and
    # a sentence no quote backs is marked (or dropped, by the settings).
    from rag.verify import SUPPORT_MIN, check_sentences

    started = time.perf_counter()
    checked = check_sentences(sentences, answer.quotes, retriever.index, retriever.idf)
    answer.timings["verify_s"] = time.perf_counter() - started
    if retriever.settings.abstain_when_unbacked and checked and all(c.score < SUPPORT_MIN for c in checked):
        abstain_unbacked(answer, checked, retriever.index.documents)
        return
    if retriever.settings.unsupported_sentences == "drop":
        checked = [c for c in checked if c.supported]
    answer.sentences = checked
    synthesis = " ".join(c.text for c in checked)
    answer.synthesis = synthesis
    answer.answer = quotes_text + (heading + synthesis if synthesis else "")

    by_n = {q.n: q for q in answer.quotes}
    answer.citations = [citation_for(by_n[n], retriever.index)
                        for n in sorted(set(cited_numbers(answer.answer)) & valid)]


NEAREST_HEADING = "Kutipan terdekat (tidak menjawab pertanyaan):"


def abstain_unbacked(answer, checked, documents) -> None:
    """Turn an answer into the fixed "not found" answer because the quotes hold too few of
    the words of every sentence the model wrote from them: it had to bring in what they
    lack. (A sentence rejected only for a name or a number it got wrong does not count: the
    quotes may still answer.) The quotes stay, shown as the nearest passages; nothing is cited."""
    from rag.pipeline import ABSTAIN_TEXT

    answer.abstained = True
    answer.reason = (f"the quotes hold too few of the words of each of the {len(checked)} sentence(s) the "
                     "model wrote from them: they do not answer the question")
    answer.sentences = checked
    answer.answer = ABSTAIN_TEXT + "\n\n" + format_quotes(answer.quotes, documents).replace(
        "Kutipan:", NEAREST_HEADING, 1)
    answer.citations = []


def citation_for(quote, index):
    """The passage a quote's [n] opens: its chunk, widened to hold the whole quote (a quote
    that takes in a neighbouring sentence can reach past its chunk)."""
    from rag.pipeline import Citation

    chunk = index.chunk(quote.chunk_id)
    start, end = min(chunk.start, quote.start), max(chunk.end, quote.end)
    document = index.documents.get(chunk.doc_id)
    text = document.text[start:end] if document is not None else chunk.text
    return Citation(
        n=quote.n, doc_id=chunk.doc_id, title=chunk.title, chunk_id=chunk.chunk_id, text=text,
        start=start, end=end, quote=quote.text, quote_start=quote.start, quote_end=quote.end,
    )
