"""HTML for the app: answers with clickable [n], the Sumber panel, the article list.

Every piece of article text, model output and user input goes through ``html.escape``
before it is put in markup; the only tags are the ones written here. Gradio sanitises
chat messages as well, but the app does not rely on it.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePath

from rag.cite import parse_markers, quote_source, split_answer_sentences
from rag.lang import MONTH_NAMES
from rag.types import ABSTAIN_TEXT, NEAREST_HEADING, NO_SYNTHESIS_TEXT


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def format_date(iso: str | None) -> str:
    """"2025-04-08" -> "8 April 2025"; anything else is returned as it is."""
    try:
        year, month, day = (int(x) for x in (iso or "").split("-"))
        return f"{day} {MONTH_NAMES[month - 1]} {year}"
    except (ValueError, IndexError):
        return iso or ""


def cite_link(n: int) -> str:
    return f'<a class="rag-cite" href="#sumber-{n}" title="Buka sumber [{n}]">[{n}]</a>'


def linkify(text: str, valid: set[int]) -> str:
    """Escape ``text`` and turn each [n] that names a known passage into a link to it.
    Markers naming no passage are shown as plain text, never as a link."""
    out, last = [], 0
    for marker in parse_markers(text):
        out.append(esc(text[last:marker.start]))
        if marker.numbers and all(n in valid for n in marker.numbers):
            out.append("".join(cite_link(n) for n in dict.fromkeys(marker.numbers)))
        else:
            out.append(esc(text[marker.start:marker.end]))
        last = marker.end
    out.append(esc(text[last:]))
    return "".join(out)


def question_html(question: str) -> str:
    return f"<p>{esc(question)}</p>"


def answer_html(answer, documents: dict, *, streaming: str | None = None, resolved: str | None = None,
                status: str | None = None, footer: str | None = None) -> str:
    """The assistant's message: the numbered quotes, then the synthesis.

    ``streaming`` is the synthesis so far while it is being written; once the answer is
    done, each sentence without a [n] is marked as unsourced. ``status`` says what is
    happening now, ``footer`` (for a finished answer) how long it took.
    """
    parts = []
    if resolved:
        parts.append(f'<p class="rag-note">Dibaca sebagai: “{esc(resolved)}”</p>')
    if answer is None:
        parts.append(f'<p class="rag-status">{esc(status or "Mencari di sumber…")}</p>')
        return "".join(parts)
    if answer.abstained:
        parts.append('<div class="rag-notfound"><p><b>Tidak ditemukan di sumber</b></p>'
                     f"<p>{esc(ABSTAIN_TEXT)}</p></div>")
        if answer.quotes:  # the support check found that the quotes do not answer: show what was read
            parts.append(f'<p class="rag-heading"><b>{esc(NEAREST_HEADING.rstrip(":"))}</b></p>')
            parts.extend(f'<p class="rag-quote rag-nearest">“{esc(" ".join(q.text.split()).strip("“”"))}”'
                         f'{_title_span(documents, q.doc_id)}</p>' for q in answer.quotes)
        if footer:
            parts.append(f'<p class="rag-timing">{esc(footer)}</p>')
        return "".join(parts)

    valid = {q.n for q in answer.quotes}
    parts.append('<p class="rag-heading"><b>Kutipan</b></p>')
    for q in answer.quotes:
        text = " ".join(q.text.split())
        parts.append(f'<p class="rag-quote">{cite_link(q.n)} “{esc(text.strip("“”"))}”'
                     f'{_title_span(documents, q.doc_id)}</p>')

    if streaming is not None:
        parts.append('<p class="rag-heading"><b>Ringkasan</b></p>')
        parts.append(f'<p class="rag-synthesis">{linkify(streaming.strip(), valid)}'
                     '<span class="rag-cursor">▌</span></p>')
    elif answer.synthesis:
        parts.append('<p class="rag-heading"><b>Ringkasan</b></p>')
        sentences = []
        checked = [(s.text, s.supported) for s in answer.sentences] \
            or [(s, True) for s in split_answer_sentences(answer.synthesis)]
        for sentence, supported in checked:
            cited = any(n in valid for m in parse_markers(sentence) for n in m.numbers)
            if cited and supported:
                sentences.append(linkify(sentence, valid))
            else:
                why = "tidak didukung kutipan" if cited else "tanpa sumber"
                sentences.append(f'<span class="rag-uncited" title="Tidak ada kutipan yang mendukung kalimat ini">'
                                 f'{linkify(sentence, valid)} <small>({why})</small></span>')
        parts.append(f'<p class="rag-synthesis">{" ".join(sentences)}</p>')
    elif answer.synthesis_withheld:
        parts.append(f'<p class="rag-note">{esc(NO_SYNTHESIS_TEXT)}</p>')
    if status:
        parts.append(f'<p class="rag-status">{esc(status)}</p>')
    if footer:
        parts.append(f'<p class="rag-timing">{esc(footer)}</p>')
    return "".join(parts)


def _title_span(documents: dict, doc_id: str) -> str:
    """The quote's article: its title and its dateline place, as the CLI's "Kutipan" block shows
    them (``cite.format_quotes``)."""
    title, place = quote_source(documents, doc_id)
    return f' <span class="rag-title">— {esc(title)}{f" ({esc(place)})" if place else ""}</span>' if title else ""


def source_meta(document) -> str:
    """"Semarang · 8 April 2025 · 001_….txt" for an article, from what ingestion found."""
    if document is None:
        return ""
    meta = document.meta or {}
    bits = [document.place, format_date(meta.get("date")), PurePath(document.source).name]
    return " · ".join(b for b in bits if b)


def sources_html(citations, documents: dict, expanded: bool = True) -> str:
    """The Sumber panel: each cited passage, with the quoted sentences highlighted.

    Citations whose passages overlap in one article are shown as one passage, labelled
    with all their numbers. Passages are found by their classes ``rag-src-<n>`` (chat
    messages lose their ids).
    """
    if not citations:
        return '<div class="rag-sources-empty">Sumber dari jawaban akan tampil di sini.</div>'
    parts = []
    for group in _merge_passages(citations, documents):
        first = group[0]
        start, end = min(c.start for c in group), max(c.end for c in group)
        document = documents.get(first.doc_id)
        text = document.text[start:end] if len(group) > 1 else first.text
        marks = [(c.quote_start - start, c.quote_end - start) for c in group]
        numbers = "".join(f"[{c.n}]" for c in group)
        classes = " ".join(f"rag-src-{c.n}" for c in group)
        meta = source_meta(document)
        parts.append(
            f'<details class="rag-source {classes}"{" open" if expanded else ""}>'
            f"<summary><b>{numbers}</b> {esc(first.title)}</summary>"
            + (f'<div class="rag-meta">{esc(meta)}</div>' if meta else "")
            + f'<div class="rag-passage">{_paragraphs(text, marks)}</div></details>'
        )
    return "".join(parts)


def _merge_passages(citations, documents: dict) -> list[list]:
    groups: list[list] = []
    for c in sorted(citations, key=lambda c: c.n):
        for group in groups:
            if c.doc_id == group[0].doc_id and c.doc_id in documents \
                    and c.start < max(g.end for g in group) and min(g.start for g in group) < c.end:
                group.append(c)
                break
        else:
            groups.append([c])
    return groups


def _paragraphs(text: str, marks: list[tuple[int, int]] = ()) -> str:
    """Escaped paragraphs of ``text``, with the ``marks`` ranges in <mark> (cut at paragraph
    ends, so that the markup stays well nested)."""
    out = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        start, end = match.span()
        block = match.group(0)
        inside = sorted((max(a, start) - start, min(b, end) - start) for a, b in marks if a < end and b > start)
        pieces, pos = [], 0
        for a, b in inside:
            a = max(a, pos)
            if a >= b:
                continue
            pieces.append(f"{esc(block[pos:a])}<mark>{esc(block[a:b])}</mark>")
            pos = b
        pieces.append(esc(block[pos:]))
        inner = "".join(pieces).strip()
        if inner:
            out.append(f"<p>{inner.replace(chr(10), '<br>')}</p>")
    return "".join(out)


def document_rows(index) -> list[list]:
    """One row per article in the index: title, date, place, chunk count, file name."""
    rows = []
    for doc_id, info in index.manifest["documents"].items():
        meta = info.get("meta") or {}
        rows.append([info.get("title") or "(tanpa judul)", format_date(meta.get("date")), meta.get("place") or "",
                     info.get("chunks", 0), PurePath(info.get("source", "")).name])
    return sorted(rows, key=lambda r: r[0].lower())


def document_html(document) -> str:
    """An article in full, in its cleaned form."""
    if document is None:
        return '<p class="rag-sources-empty">Pilih artikel untuk membacanya.</p>'
    meta = source_meta(document)
    return (f'<div class="rag-document"><h3>{esc(document.title)}</h3>'
            + (f'<div class="rag-meta">{esc(meta)}</div>' if meta else "")
            + _paragraphs(document.text) + "</div>")


VERDICT_LABELS = {
    "didukung": ("Didukung", "Sumber memuat klaim ini."),
    "tidak ditemukan": ("Tidak ditemukan", "Sumber tidak memuat klaim ini."),
    "bertentangan": ("Bertentangan", "Sumber menyatakan hal lain."),
}


def claim_html(result, documents: dict) -> str:
    """The claim checker's verdict, its reasons and the passage it was decided on."""
    label, gloss = VERDICT_LABELS[result.verdict]
    slug = result.verdict.replace(" ", "-")
    parts = [f'<p class="rag-note">Klaim: “{esc(result.claim)}”</p>',
             f'<div class="rag-verdict rag-verdict-{slug}"><b>{esc(label)}</b> — {esc(gloss)}</div>',
             "<ul class=\"rag-reasons\">" + "".join(f"<li>{esc(r)}</li>" for r in result.reasons) + "</ul>"]
    for evidence in result.evidence:
        meta = source_meta(documents.get(evidence.doc_id))
        parts.append(f'<div class="rag-source"><b>{esc(evidence.title)}</b>'
                     + (f'<div class="rag-meta">{esc(meta)}</div>' if meta else "")
                     + f'<div class="rag-passage">{_paragraphs(evidence.text, [(0, len(evidence.text))])}</div></div>')
    return "".join(parts)


# ----------------------------------------------------------------------------- Latihan

GRADE_CLASS = {"benar": "rag-verdict-didukung", "sebagian": "rag-verdict-tidak-ditemukan",
               "salah": "rag-verdict-bertentangan", "tidak menjawab": "rag-verdict-tidak-ditemukan"}


def latihan_question_html(item, number: int, total: int) -> str:
    """One practice question: its number, the question, the options of a multiple choice."""
    options = "".join(f"<li><b>{letter}.</b> {esc(option)}</li>" for letter, option in zip("abcd", item.pilihan or []))
    hint = {"benar_salah": "Jawab “benar” atau “salah”.",
            "pilihan_ganda": "Jawab dengan huruf atau teks pilihannya.",
            "isian": "Tulis jawaban singkat.", "apa_kata": "Tulis dengan kata-kata Anda sendiri."}[item.jenis]
    return (f'<div class="lt-question"><p class="lt-count">Soal {number} dari {total}</p>'
            f"<p><b>{esc(item.pertanyaan)}</b></p>"
            + (f'<ol class="lt-options" type="a">{options}</ol>' if options else "")
            + f'<p class="lt-hint">{esc(hint)}</p></div>')


def latihan_feedback_html(grade, item, documents: dict) -> str:
    """The grade of an answer with its feedback, and the source passage with the deciding span."""
    evidence = grade.evidence
    document = documents.get(evidence.get("doc_id"))
    start, end = evidence.get("start"), evidence.get("end")
    if document is not None and isinstance(start, int) and isinstance(end, int) and end <= len(document.text):
        text = document.text
        left = text.rfind("\n", 0, start) + 1
        right = text.find("\n", end)
        right = len(text) if right < 0 else right
        passage = f"{esc(text[left:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:right])}"
        title = document.title
    else:
        passage, title = f"<mark>{esc(evidence.get('text'))}</mark>", item.sumber.get("title", "")
    feedback = grade.feedback.split(" Sumber: ")[0]
    return (f'<div class="rag-verdict {GRADE_CLASS[grade.verdict]} lt-grade"><b>{esc(grade.verdict.upper())}</b> — '
            f"{esc(feedback)}</div>"
            f'<details class="rag-source lt-source" open><summary>Sumber: {esc(title)}</summary>'
            f'<div class="rag-passage">{passage}</div></details>')


def latihan_score_html(score: int, total: int, wrong: int) -> str:
    return (f'<div class="lt-score"><h3>Skor: {score} dari {total} benar</h3>'
            + (f"<p>{wrong} soal belum benar. Pilih “Ulangi yang salah” untuk mencobanya lagi.</p>" if wrong
               else "<p>Semua benar.</p>") + "</div>")
