"""A checked draft (rag/draft.py) as a report: a terminal table, Markdown, and HTML (the app's
"Periksa dokumen" view and a standalone page to hand back).

Every text from the draft or the sources is escaped before it is put in markup; the only tags
are the ones written here.
"""

from __future__ import annotations

import html
import textwrap

from rag.types import DraftCheck, DraftSentence

LABEL_NOT_CHECKED = "tidak diperiksa"
# Colours by verdict: text, background (readable on white, and in grey print).
COLOURS = {"didukung": ("#14632d", "#dff3e4"), "bertentangan": ("#9b1c1c", "#fde2e1"),
           "tidak ditemukan": ("#7a4a00", "#fff1cc"), LABEL_NOT_CHECKED: ("#4b5563", "#f1f2f4")}
QUOTE_LABELS = {"persis": "kutipan persis", "diubah": "kutipan diubah", "tidak ditemukan": "kutipan tidak ditemukan",
                "orang lain": "kutipan dari orang lain"}


def label_of(sentence: DraftSentence) -> str:
    return sentence.verdict if sentence.checked else LABEL_NOT_CHECKED


def summary_line(report: DraftCheck) -> str:
    counts = report.counts()
    parts = [f"{n} {label}" for label, n in counts.items() if n]
    return f"{len(report.sentences)} kalimat: " + ", ".join(parts) + f" ({report.seconds:.1f} s)"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------- terminal


def draft_table(report: DraftCheck, width: int = 100) -> str:
    """One block per sentence: its number, verdict, quotation status, text, reasons and source."""
    lines = [f"Periksa dokumen: {report.source} — {summary_line(report)}", ""]
    indent = " " * 22
    for number, sentence in enumerate(report.sentences, 1):
        head = f"{number:>3}  {label_of(sentence):<16} "
        lines += textwrap.wrap(_one_line(sentence.text), width, initial_indent=head, subsequent_indent=indent)
        if sentence.quote:
            lines.append(f"{indent}[{QUOTE_LABELS[sentence.quote.status]}]")
        for reason in sentence.reasons:
            lines += textwrap.wrap(reason, width, initial_indent=indent + "↳ ", subsequent_indent=indent + "  ")
        for evidence in sentence.evidence[:1]:
            source = f"Sumber: “{_one_line(evidence.text)}” — {evidence.title}"
            lines += textwrap.wrap(source, width, initial_indent=indent + "↳ ", subsequent_indent=indent + "  ")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """Text safe inside Markdown (no accidental emphasis, links or table cells)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in _one_line(text))


def draft_markdown(report: DraftCheck) -> str:
    out = [f"# Hasil periksa dokumen: {_md(report.source)}", "", summary_line(report), "",
           "| # | Putusan | Kutipan | Kalimat |", "|---|---|---|---|"]
    for number, sentence in enumerate(report.sentences, 1):
        quote = QUOTE_LABELS[sentence.quote.status] if sentence.quote else ""
        out.append(f"| {number} | {label_of(sentence)} | {quote} | {_md(sentence.text)} |")
    out += ["", "## Rincian", ""]
    for number, sentence in enumerate(report.sentences, 1):
        out.append(f"### {number}. {label_of(sentence)}")
        out += ["", f"> {_md(sentence.text)}", ""]
        out += [f"- {_md(reason)}" for reason in sentence.reasons]
        if sentence.quote and sentence.quote.diff:
            out += [f"- Perubahan kata: “{_md(d['sumber']) or '—'}” → “{_md(d['draf']) or '—'}”"
                    for d in sentence.quote.diff]
        for evidence in sentence.evidence:
            out += ["", f"Sumber: *{_md(evidence.title)}* (karakter {evidence.start}–{evidence.end})", "",
                    f"> {_md(evidence.text)}"]
        out.append("")
    return "\n".join(out)


# ----------------------------------------------------------------------------- HTML

CSS = """
.dc-summary{margin:.3em 0 .8em;color:#374151}
.dc-cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.2em;align-items:start}
.dc-text{line-height:1.75}
.dc-text p{margin:0 0 .7em}
.dc-sentence{cursor:pointer;border-radius:3px;padding:1px 2px;box-decoration-break:clone;
  -webkit-box-decoration-break:clone}
.dc-sentence:hover,.dc-sentence.dc-active{outline:2px solid #111827}
.dc-side{position:sticky;top:.5em}
.dc-panel{display:none;border:1px solid #d1d5db;border-radius:6px;padding:.7em .9em;background:#fff;color:#111827}
.dc-panel.dc-active{display:block}
.dc-hint{color:#6b7280}
.dc-panel h4{margin:.1em 0 .5em}
.dc-panel blockquote{margin:.5em 0;padding:.4em .7em;border-left:3px solid #9ca3af;background:#f9fafb}
.dc-panel mark{background:#fde68a;color:inherit}
.dc-diff del{color:#9b1c1c}
.dc-diff ins{color:#14632d;text-decoration:none;font-weight:600}
.dc-legend span{display:inline-block;margin-right:.6em;padding:0 .4em;border-radius:3px}
@media (max-width: 800px){.dc-cols{grid-template-columns:1fr}}
""" + "".join(f".dc-v-{i}{{color:{fg};background:{bg}}}\n" for i, (fg, bg) in enumerate(COLOURS.values()))
_CLASS = {label: f"dc-v-{i}" for i, label in enumerate(COLOURS)}
# The standalone page's one script: a click on a sentence shows its panel (the app's page
# script does the same, app.py).
CLICK_SCRIPT = """
document.addEventListener('click', function (event) {
  var sentence = event.target.closest && event.target.closest('.dc-sentence');
  if (!sentence) return;
  var view = sentence.closest('.dc-view');
  var n = (sentence.className.match(/dc-s-(\\d+)/) || [])[1];
  view.querySelectorAll('.dc-active').forEach(function (el) { el.classList.remove('dc-active'); });
  sentence.classList.add('dc-active');
  var panel = view.querySelector('.dc-p-' + n);
  if (panel) panel.classList.add('dc-active');
});
"""


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _passage(evidence, documents: dict) -> str:
    """The paragraph of the source around an evidence span, the span marked."""
    document = documents.get(evidence.doc_id)
    if document is None or document.text[evidence.start:evidence.end] != evidence.text:
        return f"<blockquote><mark>{_esc(evidence.text)}</mark></blockquote>"
    text = document.text
    start = text.rfind("\n", 0, evidence.start) + 1
    end = text.find("\n", evidence.end)
    end = len(text) if end < 0 else end
    return (f"<blockquote>{_esc(text[start:evidence.start])}<mark>{_esc(text[evidence.start:evidence.end])}</mark>"
            f"{_esc(text[evidence.end:end])}</blockquote>")


def _panel(number: int, sentence: DraftSentence, documents: dict) -> str:
    label = label_of(sentence)
    parts = [f'<div class="dc-panel dc-p-{number}"><h4>Kalimat {number}: '
             f'<span class="{_CLASS[label]}">{_esc(label)}</span></h4>']
    if sentence.quote:
        quote = sentence.quote
        parts.append(f"<p><b>{_esc(QUOTE_LABELS[quote.status])}</b>"
                     + (f" — di sumber diucapkan {_esc(quote.source_speaker)}" if quote.source_speaker else "")
                     + "</p>")
        if quote.diff:
            parts.append('<ul class="dc-diff">' + "".join(
                f"<li><del>{_esc(d['sumber']) or '—'}</del> → <ins>{_esc(d['draf']) or '—'}</ins></li>"
                for d in quote.diff) + "</ul>")
    parts.append("<ul>" + "".join(f"<li>{_esc(r)}</li>" for r in sentence.reasons) + "</ul>")
    for evidence in sentence.evidence:
        parts.append(f"<p>Sumber: <i>{_esc(evidence.title)}</i></p>{_passage(evidence, documents)}")
    parts.append("</div>")
    return "".join(parts)


def draft_view(report: DraftCheck, documents: dict) -> str:
    """The draft with each sentence coloured by its verdict, and beside it the panel of the
    sentence clicked (its reasons and the source passage with the deciding span marked)."""
    text, out, last = report.text, [], 0
    paragraphs = ["<p>"]
    for number, sentence in enumerate(report.sentences, 1):
        between = text[last:sentence.start]
        if "\n" in between:
            paragraphs.append("</p><p>")
        elif last:
            paragraphs.append(" ")
        paragraphs.append(f'<span class="dc-sentence dc-s-{number} {_CLASS[label_of(sentence)]}" '
                          f'title="{_esc(label_of(sentence))}">{_esc(sentence.text)}</span>')
        last = sentence.end
    paragraphs.append("</p>")
    legend = "".join(f'<span class="{_CLASS[label]}">{label}</span>' for label in COLOURS)
    out.append(f'<div class="dc-view"><div class="dc-summary">{_esc(summary_line(report))}</div>'
               f'<div class="dc-legend">{legend}</div>'
               f'<div class="dc-cols"><div class="dc-text">{"".join(paragraphs)}</div><div class="dc-side">'
               '<div class="dc-panel dc-hint dc-active dc-p-0">Klik sebuah kalimat untuk melihat alasan dan '
               'bagian sumbernya.</div>')
    out += [_panel(number, sentence, documents) for number, sentence in enumerate(report.sentences, 1)]
    out.append("</div></div></div>")
    return "".join(out)


def draft_html(report: DraftCheck, documents: dict) -> str:
    """A standalone page: the coloured draft with its click-to-open panels, then every
    sentence's details in order (readable and printable without the script)."""
    details = "".join(_panel(n, s, documents).replace('class="dc-panel ', 'class="dc-detail ', 1)
                      for n, s in enumerate(report.sentences, 1))
    return ("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">"
            f"<title>Hasil periksa dokumen: {_esc(report.source)}</title>"
            f"<style>body{{font-family:system-ui,sans-serif;max-width:1200px;margin:1.5em auto;padding:0 1em}}"
            f"{CSS}.dc-detail{{border-top:1px solid #e5e7eb;padding:.4em 0}}"
            ".dc-detail blockquote{margin:.5em 0;padding:.4em .7em;border-left:3px solid #9ca3af;background:#f9fafb}"
            "</style></head><body>"
            f"<h1>Hasil periksa dokumen: {_esc(report.source)}</h1>{draft_view(report, documents)}"
            f"<h2>Rincian per kalimat</h2>{details}<script>{CLICK_SCRIPT}</script></body></html>")
