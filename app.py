"""The chat app: ask about the articles in Indonesian, read the quoted passages, check every [n].

A thin Gradio shell over ``rag.pipeline.Pipeline``. One pipeline (index, embedding model,
LLM) is loaded at start and shared by every session. An answer runs in two queued steps:
the quotes (retrieval only, several sessions at once, under a second) and then the
synthesis (the LLM, one generation at a time; other sessions wait in the queue and see
their place in it).

    python app.py [--host 127.0.0.1] [--port 7860] [--index-dir index] [--corpus-dir seeds]
                  [--auth-file logins.txt]

Logs at INFO say what happened to each question (its length, how many quotes, the timings)
under a random id, never the question or a document's text; --debug adds the questions.
"""

from __future__ import annotations

import argparse
import asyncio
import hmac
import logging
import os
import re
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home: the app runs offline
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import bcrypt  # noqa: E402
import gradio as gr  # noqa: E402

from rag.claims import check_claim_text  # noqa: E402
from rag.config import Settings  # noqa: E402
from rag.conversation import resolve_followup  # noqa: E402
from rag.corpus import UPLOAD_SUFFIXES, add_articles  # noqa: E402
from rag.draft import DRAFT_SUFFIXES, check_draft_text, read_draft  # noqa: E402
from rag.draft_report import CLICK_SCRIPT, draft_html, draft_markdown, draft_view  # noqa: E402
from rag.draft_report import CSS as DRAFT_CSS  # noqa: E402
from rag.errors import InputError, RagError  # noqa: E402
from rag.pipeline import Pipeline, check_question  # noqa: E402
from rag.latihan import BankBuilder, Grader, read_bank  # noqa: E402
from rag.render import (  # noqa: E402
    answer_html, claim_html, document_html, document_rows, esc, latihan_feedback_html, latihan_question_html,
    latihan_score_html, question_html, sources_html,
)

EXAMPLES = [
    "Apa kata Luthfi soal jual beli jabatan?",
    "Siapa yang bertanggung jawab atas evaluasi kinerja di Pemprov Jateng?",
    "Di mana saja Pemprov Jatim menerapkan co working space?",
    "Mengapa Khofifah meminta ASN melakukan transformasi digital?",
    "Apa pesan Emil Dardak tentang risiko dalam berinovasi?",
]

CSS = """
.rag-cite { font-weight: 600; text-decoration: none; padding: 0 1px; color: var(--color-accent); cursor: pointer; }
.rag-quote { margin: 0.2em 0; }
.rag-nearest { color: #555; }
.rag-title, .rag-meta, .rag-note, .rag-status, .rag-timing { color: var(--body-text-color-subdued); font-size: 0.9em; }
.rag-status { font-style: italic; }
.rag-uncited { background: #fff3cd; color: #664d03; }
.rag-notfound { border-left: 4px solid #6c757d; padding-left: 0.6em; }
.rag-source { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 0.3em 0.6em;
  margin: 0.4em 0; }
.rag-source mark { background: #ffe58f; color: inherit; }
.rag-verdict { padding: 0.5em 0.8em; border-radius: 6px; margin-bottom: 0.5em; }
.rag-verdict-didukung { background: #d1e7dd; color: #0f5132; }
.rag-verdict-tidak-ditemukan { background: #e2e3e5; color: #41464b; }
.rag-verdict-bertentangan { background: #f8d7da; color: #842029; }
.rag-flash { outline: 3px solid var(--color-accent); transition: outline 0.2s; }
#sources { max-height: 620px; overflow-y: auto; }
.lt-count, .lt-hint { color: #6b7280; margin: 0.2em 0; }
.lt-options { margin: 0.3em 0 0.3em 1.2em; }
.lt-grade { margin-top: 0.5em; }
""" + DRAFT_CSS

# Clicking [n] shows passage n of the same answer: in the Sumber panel for the latest
# answer, under its own message for an earlier one; it is opened, scrolled into view and
# flashed. Gradio strips ids and data- attributes from chat messages, so passages are
# found by their class.
HEAD = """<script>
document.addEventListener('click', function (event) {
  const link = event.target.closest && event.target.closest('a.rag-cite');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const n = (link.getAttribute('href') || '').replace('#sumber-', '');
  const message = link.closest('.message-content');
  const messages = document.querySelectorAll('#chat .message-content');
  const latest = messages.length ? messages[messages.length - 1] : null;
  let target = null;
  if (!message || message === latest) target = document.querySelector('#sources details.rag-src-' + n);
  if (!target && message) target = message.querySelector('details.rag-src-' + n);
  if (!target) return;
  target.open = true;
  const mark = target.querySelector('mark') || target;
  // Again after the chat's own autoscroll has reacted to the passage opening.
  [0, 100, 400].forEach(function (ms) {
    setTimeout(function () { mark.scrollIntoView({block: 'center', behavior: 'instant'}); }, ms);
  });
  target.classList.add('rag-flash');
  setTimeout(function () { target.classList.remove('rag-flash'); }, 1500);
}, true);
// Periksa dokumen: a click on a sentence shows its reasons and source beside the draft.
""" + CLICK_SCRIPT + """
</script>"""


log = logging.getLogger("rag.app")


def new_conversation() -> dict:
    return {"questions": [], "pending": None}


def new_practice() -> dict:
    """One trainee's practice: the items' ids in order, where they are, what they got right."""
    return {"ids": [], "pos": 0, "answered": False, "right": [], "wrong": []}


class ChatApp:
    """The app's handlers, around one shared pipeline."""

    def __init__(self, pipeline: Pipeline, bank: list | None = None):
        self.pipeline = pipeline
        self.settings = pipeline.settings
        self._given_bank = bank  # a bank file given at start; else one built from the index
        self._built_bank: tuple | None = None  # (index, items)
        self._grader: Grader | None = None  # built once per index version (grader())
        self._bank_lock = threading.Lock()

    # -- chat
    def _documents(self) -> dict:
        return self.pipeline.index.documents

    def _message(self, answer, *, streaming=None, resolved=None, status=None, citations=None, footer=None) -> dict:
        documents = self._documents()
        body = answer_html(answer, documents, streaming=streaming, resolved=resolved, status=status, footer=footer)
        if citations:
            body += '<div class="rag-message-sources"><p class="rag-heading"><b>Sumber</b></p>' \
                    + sources_html(citations, documents, expanded=False) + "</div>"
        return {"role": "assistant", "content": body}

    def ask(self, message: str, chat: list, conversation: dict):
        """Step 1 (no LLM): read the question in context, retrieve, show the quotes."""
        conversation = conversation or new_conversation()
        chat = list(chat or [])
        try:
            question = check_question(message, self.settings)
        except InputError as exc:
            gr.Warning(QUESTION_PROBLEMS.get(exc.code, str(exc)).format(limit=self.settings.max_question_chars))
            yield gr.update(), chat, gr.update(), conversation, gr.update()
            return
        resolved = resolve_followup(question, conversation["questions"], self.settings.conversation.min_own_terms)
        shown = resolved if resolved != question else None
        chat += [{"role": "user", "content": question_html(question)},
                 self._message(None, resolved=shown, status="Mencari di sumber…")]
        yield gr.update(value="", interactive=False), chat, gr.update(), conversation, "Mencari di sumber…"
        asked_at = time.perf_counter()
        try:
            answer = self.pipeline.find_evidence(resolved)
        except Exception as exc:  # the user gets a message and can ask again, never a dead input box
            if not isinstance(exc, RagError):
                log.exception("retrieval failed")
            reason = str(exc) if isinstance(exc, RagError) else f"kesalahan internal ({type(exc).__name__})"
            chat[-1] = {"role": "assistant", "content": f'<p class="rag-error">Gagal mencari: {esc(reason)}. '
                                                        "Coba tanyakan lagi.</p>"}
            yield gr.update(interactive=True), chat, gr.update(), conversation, ""
            return
        conversation["questions"] = [*conversation["questions"], resolved][-self.settings.app.keep_questions:]
        qid = uuid.uuid4().hex[:8]
        log.info("question %s: %d characters, %s, quotes in %.2f s", qid, len(resolved),
                 "not found" if answer.abstained else f"{len(answer.quotes)} quotes", answer.timings["quotes_s"])
        log.debug("question %s: %r", qid, resolved)
        if answer.abstained:
            status = f"Selesai dalam {answer.timings['total_s']:.1f} s: tidak ada sumber yang memuat jawabannya."
            chat[-1] = self._message(answer, resolved=shown, footer=status)
            conversation["pending"] = None
            yield gr.update(interactive=True), chat, sources_html([], {}), conversation, status
            return
        citations = answer.quote_citations
        conversation["pending"] = {"answer": answer, "resolved": shown, "asked_at": asked_at,
                                   "citations": citations, "qid": qid}
        waiting = "Kutipan siap. Menunggu giliran model bahasa untuk menulis ringkasan…"
        chat[-1] = self._message(answer, resolved=shown, status=waiting, citations=citations)
        yield gr.update(), chat, sources_html(citations, self._documents()), conversation, waiting

    def write(self, chat: list, conversation: dict):
        """Step 2 (the LLM, one at a time): stream the synthesis, then check its citations."""
        pending = (conversation or {}).get("pending")
        if not pending:
            yield chat, gr.update(), conversation, gr.update(), gr.update(interactive=True)
            return
        conversation["pending"] = None
        answer, shown = pending["answer"], pending["resolved"]
        # Time spent in the queue for the model; the pipeline's timings leave it out.
        waited = max(0.0, time.perf_counter() - pending["asked_at"] - answer.timings["quotes_s"])
        chat = list(chat)
        citations = pending["citations"]
        reading = f"Model bahasa membaca {len(answer.quotes)} kutipan…"
        chat[-1] = self._message(answer, resolved=shown, streaming="", status=reading, citations=citations)
        yield chat, gr.update(), conversation, reading, gr.update()
        tokens: list[str] = []
        try:
            for event in self.pipeline.write_stream(answer):
                if event.kind == "restart":
                    tokens.clear()
                if event.kind == "token":
                    tokens.append(event.text)
                    chat[-1] = self._message(answer, resolved=shown, streaming="".join(tokens),
                                             status="Menulis ringkasan…", citations=citations)
                    yield chat, gr.update(), conversation, "Menulis ringkasan…", gr.update()
        except Exception as exc:  # the quotes stand; the user can ask again
            if not isinstance(exc, RagError):
                log.exception("generation failed")
            reason = str(exc) if isinstance(exc, RagError) else f"kesalahan internal ({type(exc).__name__})"
            chat[-1] = self._message(answer, resolved=shown, citations=citations,
                                     footer=f"Ringkasan gagal ditulis: {reason}. Kutipan di atas tetap berlaku.")
            yield chat, gr.update(), conversation, "", gr.update(interactive=True)
            return
        t = answer.timings
        log.info("answer %s: first token %.2f s, total %.2f s, waited %.2f s for the model, %d of %d sentences "
                 "backed%s", pending["qid"], t["first_token_s"] or 0, t["total_s"], waited,
                 sum(1 for sentence in answer.sentences if sentence.supported), len(answer.sentences),
                 ", not found" if answer.abstained else "")
        status = (f"Selesai: kutipan {t['quotes_s']:.1f} s, token pertama {(t['first_token_s'] or 0) + waited:.1f} s, "
                  f"total {t['total_s'] + waited:.1f} s"
                  + (f", termasuk {waited:.1f} s menunggu giliran." if waited >= 0.5 else "."))
        chat[-1] = self._message(answer, resolved=shown, citations=answer.citations, footer=status)
        yield chat, sources_html(answer.citations, self._documents()), conversation, status, gr.update(interactive=True)

    # -- claims
    def check(self, claim: str) -> str:
        """The claim checker: a verdict with its reasons and passage, no LLM."""
        try:
            claim = check_claim_text(claim, self.settings.max_question_chars)
        except InputError:
            return ('<p class="rag-error">Tulis klaim atau kutipan yang akan diperiksa, misalnya '
                    "“Luthfi: jabatan itu amanah”.</p>")
        try:
            result = self.pipeline.check_claim(claim)
        except Exception as exc:  # a message, never a traceback in the page
            if not isinstance(exc, RagError):
                log.exception("claim check failed")
            reason = str(exc) if isinstance(exc, RagError) else "kesalahan internal"
            return f'<p class="rag-error">Gagal memeriksa: {esc(reason)}.</p>'
        return claim_html(result, self._documents())

    # -- drafts
    def check_draft(self, text: str, upload: str | None):
        """Periksa dokumen: the uploaded file (else the pasted text) checked sentence by sentence;
        the coloured draft and the report as HTML and Markdown files to download."""
        hidden = gr.update(value=None, visible=False)
        try:
            if upload:
                path = Path(upload)
                draft, source = read_draft(path, self.settings.draft), path.name
            else:
                draft, source = check_draft_text(text, self.settings.draft, "teks"), "teks yang ditempel"
            report = self.pipeline.check_draft(draft, source=source)
        except InputError as exc:
            return (f'<p class="rag-error">Tidak dapat diperiksa: {esc(str(exc))}</p>', hidden, hidden)
        except Exception as exc:  # a message, never a traceback in the page
            if not isinstance(exc, RagError):
                log.exception("draft check failed")
            reason = str(exc) if isinstance(exc, RagError) else "kesalahan internal"
            return f'<p class="rag-error">Gagal memeriksa: {esc(reason)}.</p>', hidden, hidden
        log.info("draft checked: %d sentences, %s, %.2f s", len(report.sentences), report.counts(), report.seconds)
        folder = Path(tempfile.mkdtemp(prefix="periksa-"))
        stem = re.sub(r"[^\w-]+", "-", Path(source).stem).strip("-") or "draf"
        html_path, md_path = folder / f"hasil-periksa-{stem}.html", folder / f"hasil-periksa-{stem}.md"
        html_path.write_text(draft_html(report, self._documents()), encoding="utf-8")
        md_path.write_text(draft_markdown(report), encoding="utf-8")
        return (draft_view(report, self._documents()), gr.update(value=str(html_path), visible=True),
                gr.update(value=str(md_path), visible=True))

    # -- practice (Latihan)
    def bank(self) -> list:
        """The practice items: the bank given at start, else one built from the index (once per
        index version: an upload makes a new one)."""
        if self._given_bank is not None:
            return self._given_bank
        with self._bank_lock:
            index = self.pipeline.index
            if self._built_bank is None or self._built_bank[0] is not index:
                items, stats = BankBuilder(self.pipeline, self.settings.latihan).build()
                log.info("practice bank built: %s", stats["per_kind"])
                self._built_bank = (index, items)
            return self._built_bank[1]

    def grader(self) -> Grader:
        """The grader of typed answers, built once per index version (it learns the offices the
        articles give people from every document), not once per answer."""
        with self._bank_lock:
            index = self.pipeline.index
            if self._grader is None or self._grader.index is not index:
                self._grader = Grader(index, self.settings.latihan, self.settings.compare,
                                      self.pipeline.meaning_checker())
            return self._grader

    def _practice_view(self, practice: dict, feedback: str = ""):
        """(question, feedback, answer box, Jawab, Berikutnya, Ulangi) for where the trainee is."""
        items = {i.id: i for i in self.bank()}
        total = len(practice["ids"])
        done = practice["pos"] >= total
        if not total:
            return ('<p class="rag-error">Tidak ada soal untuk pilihan ini: pilih artikel lain atau kosongkan '
                    'topik.</p>',
                    "", gr.update(value="", interactive=False), gr.update(interactive=False),
                    gr.update(visible=False), gr.update(visible=False))
        if done:
            score = latihan_score_html(len(practice["right"]), total, len(practice["wrong"]))
            return (score, feedback, gr.update(value="", interactive=False), gr.update(interactive=False),
                    gr.update(visible=False), gr.update(visible=bool(practice["wrong"])))
        item = items[practice["ids"][practice["pos"]]]
        question = latihan_question_html(item, practice["pos"] + 1, total)
        answered = practice["answered"]
        answer = gr.update(interactive=False) if answered else gr.update(interactive=True, value="")
        return (question, feedback, answer, gr.update(interactive=not answered), gr.update(visible=answered),
                gr.update(visible=False))

    def practice_start(self, doc_ids, topic: str, count, practice: dict):
        try:
            items = self.bank()
        except Exception as exc:  # a message, never a traceback in the page
            if not isinstance(exc, RagError):
                log.exception("practice bank failed")
            return (f'<p class="rag-error">Soal belum bisa dibuat: {esc(str(exc))}</p>', "",
                    gr.update(interactive=False), gr.update(interactive=False), gr.update(visible=False),
                    gr.update(visible=False), practice)
        chosen = [i for i in items if not doc_ids or i.sumber.get("doc_id") in doc_ids]
        words = [w for w in re.findall(r"\w+", (topic or "").lower()) if len(w) > 2]
        if words:
            chosen = [i for i in chosen if all(w in f"{i.pertanyaan} {i.jawaban} {i.sumber.get('text', '')}".lower()
                                               for w in words)]
        count = max(1, int(count or 10))
        practice = {**new_practice(), "ids": [i.id for i in chosen[:count]]}
        return (*self._practice_view(practice), practice)

    def practice_answer(self, answer: str, practice: dict):
        if not practice["ids"] or practice["pos"] >= len(practice["ids"]) or practice["answered"]:
            return (*self._practice_view(practice), practice)
        item = {i.id: i for i in self.bank()}[practice["ids"][practice["pos"]]]
        try:
            grade = self.grader().grade(item, answer)
        except InputError as exc:
            return (*self._practice_view(practice, f'<p class="rag-error">{esc(str(exc))}</p>'), practice)
        key = "right" if grade.verdict == "benar" else "wrong"
        practice = {**practice, "answered": True, key: [*practice[key], item.id]}
        feedback = latihan_feedback_html(grade, item, self._documents())
        return (*self._practice_view(practice, feedback), practice)

    def practice_next(self, practice: dict):
        practice = {**practice, "pos": practice["pos"] + 1, "answered": False}
        return (*self._practice_view(practice), practice)

    def practice_retry(self, practice: dict):
        practice = {**new_practice(), "ids": list(practice["wrong"])}
        return (*self._practice_view(practice), practice)

    # -- documents
    def document_choices(self) -> list[tuple[str, str]]:
        documents = self.pipeline.index.documents
        return sorted(((d.title or d.doc_id, d.doc_id) for d in documents.values()), key=lambda c: c[0].lower())

    def show_document(self, doc_id: str | None) -> str:
        return document_html(self.pipeline.index.documents.get(doc_id) if doc_id else None)

    def add(self, files, progress=gr.Progress()):
        """Ingest uploaded articles incrementally; they are askable as soon as this returns."""
        if not files:
            return ('<p class="rag-error">Pilih berkas artikel (.txt, .md atau .html) terlebih dahulu.</p>',
                    gr.update(), gr.update(), None)
        paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in files]
        labels = {"chunks": "potongan teks", "sentences": "kalimat"}

        def report_progress(done: int, total: int, label: str) -> None:
            progress((done, total), desc=f"Menyematkan {labels.get(label, label)}")

        progress(0, desc="Memeriksa berkas")
        try:
            report = add_articles([(p, Path(p).name) for p in paths], self.settings, self.pipeline.index_embedder,
                                  progress=report_progress)
        except RagError as exc:
            return f'<p class="rag-error">Indeks tidak diubah: {esc(str(exc))}</p>', gr.update(), gr.update(), None
        self.pipeline.reload()
        lines = []
        manifest = self.pipeline.index.manifest["documents"]
        for document in report.added:
            count = manifest.get(document.doc_id, {}).get("chunks", 0)
            lines.append(f'<li class="rag-added">Ditambahkan: “{esc(document.title)}” ({count} potongan). '
                         "Sudah bisa ditanyakan.</li>")
        for name, reason in report.rejected:
            lines.append(f'<li class="rag-error">Ditolak: {esc(name)}: {esc(reason)}</li>')
        return (f"<ul>{''.join(lines)}</ul>", document_rows(self.pipeline.index),
                gr.update(choices=self.document_choices()), None)


QUESTION_PROBLEMS = {
    "empty": "Pertanyaannya kosong: tulis pertanyaan, misalnya “Apa kata Luthfi soal jual beli jabatan?”.",
    "too_long": "Pertanyaannya terlalu panjang (paling banyak {limit} karakter): persingkat pertanyaannya.",
    "no_words": "Pertanyaannya tidak berisi huruf atau angka: tulis pertanyaan dengan kata-kata.",
}


def build_app(pipeline: Pipeline, bank: list | None = None) -> gr.Blocks:
    """The Blocks of the app, wired to ``pipeline`` (and to a practice ``bank``, else one built
    from the index)."""
    app = ChatApp(pipeline, bank)
    # Syntheses written at once: one for the in-process model; a pool of LLM servers writes as
    # many as their slots (RAG_LLM_URL with several servers, RAG_LLM_SLOTS each).
    writers = getattr(pipeline.generator, "capacity", 1)
    with gr.Blocks(title="Tanya Berita — asisten berita dengan sumber") as demo:
        conversation = gr.State(new_conversation)
        gr.Markdown("## Tanya Berita\nJawaban dari artikel berita yang tersimpan, dengan kutipan [n] yang "
                    "bisa dibuka dan diperiksa. Klik [n] untuk melihat sumbernya.")
        with gr.Tab("Tanya", id="tanya"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(
                        elem_id="chat", label="Percakapan", height=600, render_markdown=False,
                        sanitize_html=True, allow_tags=False, feedback_options=None,
                        examples=[{"text": q} for q in EXAMPLES],
                        placeholder="Tanyakan sesuatu tentang artikel-artikel berita di indeks.",
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            elem_id="question", show_label=False, scale=5, max_lines=4,
                            placeholder="Tulis pertanyaan, mis. “Apa kata Luthfi soal jual beli jabatan?”")
                        send = gr.Button("Tanya", variant="primary", elem_id="send", scale=1)
                    status = gr.Markdown("", elem_id="status")
                    clear = gr.Button("Percakapan baru", elem_id="clear", size="sm")
                with gr.Column(scale=2):
                    gr.Markdown("### Sumber")
                    sources = gr.HTML(sources_html([], {}), elem_id="sources")

            def attach(trigger):
                asked = trigger(app.ask, [question, chat, conversation],
                                [question, chat, sources, conversation, status],
                                concurrency_limit=4, concurrency_id="search", show_progress="hidden")
                asked.then(app.write, [chat, conversation], [chat, sources, conversation, status, question],
                           concurrency_limit=writers, concurrency_id="llm", show_progress="full",
                           show_progress_on=[status])

            attach(question.submit)
            attach(send.click)

            def pick(evt: gr.SelectData):
                return evt.value["text"]

            attach(chat.example_select(pick, None, question, show_progress="hidden").then)

            def reset():
                return [], new_conversation(), sources_html([], {}), "", gr.update(value="", interactive=True)

            clear.click(reset, None, [chat, conversation, sources, status, question], queue=False)
            chat.clear(reset, None, [chat, conversation, sources, status, question], queue=False)

        with gr.Tab("Periksa kutipan", id="periksa"):
            gr.Markdown("Tempel kutipan atau klaim, misalnya “Luthfi: jabatan itu amanah” atau “Khofifah meminta ASN "
                        "menunggu juknis”. Hasilnya: **didukung**, **tidak ditemukan**, atau **bertentangan**, "
                        "dengan alasan dan bagian sumbernya. Diperiksa tanpa model bahasa, dalam sekejap.")
            with gr.Row():
                claim = gr.Textbox(elem_id="claim", show_label=False, scale=5, max_lines=4,
                                   placeholder="Luthfi: jabatan itu amanah")
                check = gr.Button("Periksa", variant="primary", elem_id="check", scale=1)
            verdict = gr.HTML("", elem_id="verdict")
            check.click(app.check, claim, verdict, concurrency_limit=4, concurrency_id="search")
            claim.submit(app.check, claim, verdict, concurrency_limit=4, concurrency_id="search")

        with gr.Tab("Periksa dokumen", id="periksa-dokumen"):
            gr.Markdown("Periksa seluruh draf (siaran pers, laporan, naskah sambutan, ringkasan berita): setiap "
                        "kalimat yang menyebut isi sumber diberi putusan **didukung**, **bertentangan** atau "
                        "**tidak ditemukan**; setiap kutipan langsung dibandingkan kata demi kata. Tempel teksnya "
                        f"atau unggah berkas {', '.join(DRAFT_SUFFIXES)}. Klik sebuah kalimat untuk melihat alasan "
                        "dan bagian sumbernya.")
            with gr.Row():
                draft_input = gr.Textbox(elem_id="draft-text", show_label=False, lines=6, max_lines=14, scale=3,
                                         placeholder="Tempel draf di sini…")
                draft_file = gr.File(file_types=list(DRAFT_SUFFIXES), type="filepath", label="atau unggah berkas",
                                     elem_id="draft-file", scale=1)
            draft_check = gr.Button("Periksa dokumen", variant="primary", elem_id="draft-check")
            draft_report = gr.HTML("", elem_id="draft-report")
            with gr.Row():
                export_html = gr.DownloadButton("Unduh laporan (HTML)", visible=False, elem_id="draft-export-html")
                export_md = gr.DownloadButton("Unduh laporan (Markdown)", visible=False, elem_id="draft-export-md")
            draft_check.click(app.check_draft, [draft_input, draft_file], [draft_report, export_html, export_md],
                              concurrency_limit=2, concurrency_id="search")

        with gr.Tab("Latihan", id="latihan"):
            practice = gr.State(new_practice)
            gr.Markdown("Latihan soal dari artikel: pilih artikel atau topik dan jumlah soal, jawab satu per satu, "
                        "dan lihat bagian sumber yang menentukan jawabannya. Di akhir ada skor; soal yang belum "
                        "benar bisa diulang.")
            with gr.Row():
                practice_docs = gr.Dropdown(choices=app.document_choices(), multiselect=True, label="Artikel (kosong: "
                                            "semua)", elem_id="lt-docs", scale=3)
                practice_topic = gr.Textbox(label="Topik (opsional)", elem_id="lt-topic", scale=2,
                                            placeholder="mis. jabatan")
                practice_count = gr.Number(value=10, minimum=1, maximum=100, precision=0, label="Jumlah soal",
                                           elem_id="lt-count", scale=1)
            practice_start = gr.Button("Mulai latihan", variant="primary", elem_id="lt-start")
            practice_question = gr.HTML("", elem_id="lt-question")
            with gr.Row():
                practice_answer = gr.Textbox(show_label=False, placeholder="Jawaban Anda", elem_id="lt-answer",
                                             interactive=False, scale=5)
                practice_submit = gr.Button("Jawab", elem_id="lt-submit", interactive=False, scale=1)
            practice_feedback = gr.HTML("", elem_id="lt-feedback")
            with gr.Row():
                practice_next = gr.Button("Berikutnya", elem_id="lt-next", visible=False)
                practice_retry = gr.Button("Ulangi yang salah", elem_id="lt-retry", visible=False)
            view = [practice_question, practice_feedback, practice_answer, practice_submit, practice_next,
                    practice_retry, practice]
            practice_start.click(app.practice_start, [practice_docs, practice_topic, practice_count, practice], view,
                                 concurrency_limit=2, concurrency_id="search")
            practice_submit.click(app.practice_answer, [practice_answer, practice], view,
                                  concurrency_limit=4, concurrency_id="search")
            practice_answer.submit(app.practice_answer, [practice_answer, practice], view,
                                   concurrency_limit=4, concurrency_id="search")
            practice_next.click(app.practice_next, practice, view, queue=False)
            practice_retry.click(app.practice_retry, practice, view, queue=False)

        with gr.Tab("Dokumen", id="dokumen"):
            gr.Markdown("Artikel di indeks. Pilih satu untuk membacanya utuh dalam bentuk yang sudah dibersihkan.")
            table = gr.Dataframe(value=lambda: document_rows(pipeline.index), elem_id="documents",
                                 headers=["Judul", "Tanggal", "Tempat", "Potongan", "Berkas"],
                                 interactive=False, wrap=True, column_widths=["44%", "14%", "12%", "10%", "20%"])
            chooser = gr.Dropdown(choices=app.document_choices(), value=None, label="Baca artikel",
                                  elem_id="doc-choice")
            reader = gr.HTML(document_html(None), elem_id="doc-reader")
            chooser.change(app.show_document, chooser, reader, queue=False)
            gr.Markdown(f"### Tambah artikel\nUnggah berkas {', '.join(UPLOAD_SUFFIXES)} (paling besar "
                        f"{pipeline.settings.ingest.max_file_bytes // (1024 * 1024)} MB per berkas). "
                        "Artikel baru langsung bisa ditanyakan.")
            upload = gr.File(file_count="multiple", file_types=list(UPLOAD_SUFFIXES), type="filepath",
                             label="Berkas artikel", elem_id="upload")
            add = gr.Button("Tambahkan ke indeks", elem_id="add")
            added = gr.HTML("", elem_id="upload-result")
            add.click(app.add, upload, [added, table, chooser, upload], concurrency_limit=1, concurrency_id="index")
        demo.load(lambda: (gr.update(choices=app.document_choices()), gr.update(choices=app.document_choices())),
                  None, [chooser, practice_docs], queue=False)
    return demo


def _theme():
    # System fonts: the default theme would fetch web fonts, and the app runs offline.
    return gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                             font_mono=["ui-monospace", "monospace"])


def ensure_index(pipeline: Pipeline) -> None:
    """Build the index from the corpus folder when there is none yet."""
    from rag.indexer import build_index

    settings = pipeline.settings
    if pipeline.store.exists():
        return
    print(f"app: no index in {pipeline.store}; indexing {settings.corpus_dir}/ first", file=sys.stderr)
    report = build_index([settings.corpus_dir], settings, pipeline.index_embedder)
    print(f"app: indexed {len(report.added)} articles ({report.chunks} chunks) in {report.seconds:.1f} s",
          file=sys.stderr)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    defaults = Settings()
    parser = argparse.ArgumentParser(prog="app.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=defaults.app.host,
                        help="address to listen on (default 127.0.0.1, this machine only; "
                             "0.0.0.0 shares the app with the network)")
    parser.add_argument("--port", type=int, default=defaults.app.port, help="port (default 7860)")
    parser.add_argument("--index-dir", type=Path, help="index folder (default: index/)")
    parser.add_argument("--store", metavar="ADDRESS", default=os.environ.get("RAG_STORE") or None,
                        help="keep the index in the PostgreSQL database at this postgresql:// address, shared "
                             "by several app processes (default: RAG_STORE, or the index folder)")
    parser.add_argument("--corpus-dir", type=Path, help="article folder indexed and uploaded into (default: seeds/)")
    parser.add_argument("--auth-file", type=Path, default=os.environ.get("RAG_APP_AUTH_FILE") or None,
                        help="ask for a login: a file of 'user:password' lines, each password plain or "
                             "a bcrypt hash (or RAG_APP_AUTH_FILE)")
    parser.add_argument("--no-login", action="store_true",
                        help="listen on another address than this machine's without a login (not advised)")
    parser.add_argument("--bank", type=Path, help="the practice bank of the Latihan tab (default: built from the "
                                                  "index on first use; `rag latihan build` writes one)")
    parser.add_argument("--debug", action="store_true", help="log at DEBUG level, questions included")
    return parser.parse_args(argv)


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


# A password written as a bcrypt hash: "$2b$12$" (or $2a$, $2y$), then 22 characters of salt and 31 of hash.
BCRYPT_PREFIX = re.compile(r"\$2[aby]\$")
BCRYPT_HASH = re.compile(r"\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}")
MAKE_HASH = ("python -c 'import bcrypt, getpass; "
             "print(bcrypt.hashpw(getpass.getpass().encode(), bcrypt.gensalt()).decode())'")


def read_logins(path: Path) -> dict[str, str]:
    """Users and passwords from a file of 'user:password' lines ('#' starts a comment). A password
    that starts with $2b$, $2a$ or $2y$ is a bcrypt hash of the password, and must be a whole one."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the login file {path} ({getattr(exc, 'strerror', None) or exc}).") from None
    logins: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        user, colon, password = line.partition(":")  # a password may hold spaces and colons
        if not colon or not user.strip() or not password:
            raise InputError(f"{path}:{number}: a login line is 'user:password'.")
        if BCRYPT_PREFIX.match(password) and not BCRYPT_HASH.fullmatch(password):
            raise InputError(f"{path}:{number}: the password of '{user.strip()}' starts like a bcrypt hash but is "
                             "not a whole one ('$2b$12$' and 53 more characters, with no space after it): "
                             f"copy it again, or make a new one with {MAKE_HASH}")
        logins[user.strip()] = password
    if not logins:
        raise InputError(f"{path}: no 'user:password' line in the login file.")
    return logins


def login_check(logins: dict[str, str]):
    """Gradio's auth callable. Plain passwords are compared in constant time; bcrypt hashes with
    bcrypt, and an unknown user is checked against a hash too when the file has any, so that the
    time taken does not tell which users exist."""
    costs = [int(p[4:6]) for p in logins.values() if BCRYPT_PREFIX.match(p)]
    dummy = bcrypt.hashpw(b"", bcrypt.gensalt(max(costs))) if costs else None

    def check(user: str, password: str) -> bool:
        expected = logins.get(user)
        given = (password or "").encode()
        if expected is not None and BCRYPT_PREFIX.match(expected):
            try:
                return bcrypt.checkpw(given, expected.encode())
            except ValueError:  # bcrypt refuses passwords over 72 bytes: none can match
                return False
        if expected is None:
            if dummy is not None:
                bcrypt.checkpw(b"", dummy)
            return False
        return hmac.compare_digest(expected.encode(), given)
    return check


def off_the_event_loop(check):
    """Gradio calls a plain auth function on its event loop, where bcrypt's quarter of a second
    per try would stall every session's answer; a coroutine it awaits, so bcrypt runs in a thread."""
    async def auth(user: str, password: str) -> bool:
        return await asyncio.to_thread(check, user, password)
    return auth


def _default_dir(given: Path | None, variable: str, name: str) -> Path | None:
    """The default folders are the ones beside app.py, wherever it is started from."""
    if given is None and not os.environ.get(variable):
        return Path(__file__).resolve().parent / name
    return given


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "urllib3", "sentence_transformers", "gradio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    auth = None
    bank = None
    try:
        if args.bank:
            bank, errors = read_bank(args.bank)
            if errors or not bank:
                raise InputError(f"{args.bank}: " + ("; ".join(errors[:3]) if errors else "the bank has no items")
                                 + " (check it with `rag latihan import`).")
        if args.auth_file:
            auth = off_the_event_loop(login_check(read_logins(args.auth_file)))
        elif args.host not in LOOPBACK and not args.no_login:
            raise InputError(f"--host {args.host} shares the app with the network; give --auth-file with "
                             "'user:password' lines so that only your colleagues get in (or --no-login).")
    except InputError as exc:
        print(f"app: error: {exc}", file=sys.stderr)
        return 2
    settings = Settings().with_(index_dir=_default_dir(args.index_dir, "RAG_INDEX_DIR", "index"),
                                corpus_dir=_default_dir(args.corpus_dir, "RAG_CORPUS_DIR", "seeds"),
                                app={"host": args.host, "port": args.port})
    try:
        settings = settings.with_(index={"store": args.store})
        pipeline = Pipeline(settings)
        ensure_index(pipeline)
        print("app: loading the models…", file=sys.stderr)
        pipeline.warm_up()
    except RagError as exc:
        print(f"app: error: {exc}", file=sys.stderr)
        return 2
    demo = build_app(pipeline, bank)
    demo.queue(default_concurrency_limit=1, max_size=100)
    demo.launch(server_name=settings.app.host, server_port=settings.app.port, theme=_theme(), css=CSS, head=HEAD,
                max_file_size=settings.ingest.max_file_bytes, footer_links=[], show_error=True, auth=auth,
                auth_message="Masuk dengan nama pengguna dan kata sandi dari pengelola aplikasi.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
