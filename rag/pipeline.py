"""The whole pipeline behind one object: the CLI, the app and the tests all go through it.

An answer is built evidence first: retrieval (well under a second), then the few
sentences that answer the question, shown at once as numbered quotes ("Kutipan"),
then a short synthesis that the LLM writes from those sentences only, streamed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Iterator

from rag.errors import InputError
from rag.settings import Settings

ABSTAIN_TEXT = "Maaf, informasi tentang hal itu tidak ditemukan di sumber yang tersedia."


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


@dataclass
class Quote:
    """A sentence of a source, shown to the user and given to the LLM as [n]."""

    n: int
    text: str
    doc_id: str
    chunk_id: str
    start: int  # offsets of the sentence in the document's cleaned text
    end: int
    score: float = 0.0


@dataclass
class Citation:
    """The passage an [n] of the answer points to."""

    n: int
    doc_id: str
    title: str
    chunk_id: str
    text: str
    start: int
    end: int
    quote: str
    quote_start: int
    quote_end: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Answer:
    question: str
    answer: str = ""
    abstained: bool = False
    quotes: list[Quote] = field(default_factory=list)
    synthesis: str = ""
    model_text: str = ""  # the synthesis as the model wrote it, before the citation checks
    citations: list[Citation] = field(default_factory=list)
    timings: dict = field(default_factory=lambda: {"retrieve_s": 0.0, "quotes_s": 0.0, "first_token_s": None,
                                                   "total_s": 0.0})
    reason: str = ""
    sentences: list = field(default_factory=list)  # rag.verify.SentenceSupport, one per synthesis sentence
    # The index the quotes came from, kept for the second stage (not serialised).
    _retriever: object = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "quotes": [{"n": q.n, "text": q.text, "doc_id": q.doc_id, "chunk_id": q.chunk_id} for q in self.quotes],
            "synthesis": self.synthesis,
            "model_text": self.model_text,
            "sentences": [s.to_dict() for s in self.sentences],
            "reason": self.reason,
            "timings": {k: (None if v is None else round(v, 3)) for k, v in self.timings.items()},
        }


@dataclass
class Event:
    """One step of a streamed answer: ``kind`` is status, quotes, text or done."""

    kind: str
    text: str = ""
    answer: Answer | None = None


class Pipeline:
    """Index, retriever, evidence selection, generator and citations, loaded lazily and once."""

    def __init__(self, settings: Settings | None = None, generator=None, embedder=None):
        self.settings = settings or Settings()
        self._generator = generator
        self._index = None
        self._retriever = None
        self._embedder = embedder
        self._lock = threading.Lock()

    # -- components, loaded on first use
    @property
    def embedder(self):
        if self._embedder is None:
            from rag.embed import Embedder

            self._embedder = Embedder(self.settings)
        return self._embedder

    @property
    def index(self):
        with self._lock:
            if self._index is None:
                from rag.index import IndexStore

                self._index = IndexStore(self.settings.index_dir).load()
            return self._index

    @property
    def retriever(self):
        index = self.index
        with self._lock:
            if self._retriever is None or self._retriever.index is not index:
                from rag.retrieve import Retriever

                self._retriever = Retriever(index, self.embedder, self.settings)
            return self._retriever

    @property
    def generator(self):
        if self._generator is None:
            from rag.generate import make_generator

            self._generator = make_generator(self.settings)
        return self._generator

    def reload(self) -> None:
        """Pick up a rebuilt index (after `rag index` or an upload)."""
        with self._lock:
            self._index = None
            self._retriever = None

    def warm(self, llm: bool = True) -> None:
        """Load the index, the embedding model, BM25 and (unless ``llm`` is false) the LLM."""
        self.retriever.query_vector("pemanasan")
        _ = self.retriever.bm25
        if llm and hasattr(self.generator, "warm"):
            self.generator.warm()

    # -- stages
    def search(self, query: str, k: int | None = None, mode: str = "hybrid"):
        return self.retriever.search(query, k=k, mode=mode)

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
        if answer.abstained:
            yield Event("text", ABSTAIN_TEXT, answer)
        else:
            yield Event("quotes", answer.answer, answer)
        yield from self.write_stream(answer, synthesize)

    def find_evidence(self, question: str) -> Answer:
        """Retrieval and quote selection, no LLM: an Answer holding the numbered quotes, or
        the fixed "not found" answer when the sources do not cover the question."""
        from rag.cite import format_quotes
        from rag.evidence import select_quotes

        started = time.perf_counter()
        answer = Answer(question=question)
        retriever = self.retriever  # one index for the whole answer, even if reload() happens meanwhile
        answer._retriever = retriever
        query_vector = retriever.query_vector(question)
        hits = retriever.search(question, query_vector=query_vector)
        answer.timings["retrieve_s"] = time.perf_counter() - started

        selection = select_quotes(question, hits, query_vector, retriever, self.settings)
        answer.timings["quotes_s"] = answer.timings["total_s"] = time.perf_counter() - started
        if selection.abstain:
            answer.abstained = True
            answer.reason = selection.reason
            answer.answer = ABSTAIN_TEXT
            return answer
        answer.quotes = selection.quotes
        answer.answer = format_quotes(answer.quotes, retriever.index.documents)
        return answer

    def write_stream(self, answer: Answer, synthesize: bool = True) -> Iterator[Event]:
        """The second stage: stream the synthesis of ``answer``'s quotes, check its
        citations, then ``done``. An abstained answer is done at once."""
        from rag.cite import finalize_answer

        if answer.abstained or answer._retriever is None:
            yield Event("done", "", answer)
            return
        # Timings count from the question, leaving out any wait between the two stages
        # (the app's queue for the model); the app reports that wait itself.
        started = time.perf_counter() - answer.timings["quotes_s"]
        quotes_text = answer.answer
        heading = "\n\nRingkasan: "
        pieces: list[str] = []
        if synthesize:
            yield Event("status", "Menulis ringkasan…", answer)
            yield Event("text", heading, answer)  # answer.answer is rebuilt by finalize_answer
            for token in self.generator.stream(answer.question, answer.quotes):
                if answer.timings["first_token_s"] is None:
                    answer.timings["first_token_s"] = time.perf_counter() - started
                pieces.append(token)
                yield Event("text", token, answer)
        answer.synthesis = answer.model_text = "".join(pieces).strip()
        finalize_answer(answer, quotes_text, heading, answer._retriever)
        answer.timings["total_s"] = time.perf_counter() - started
        yield Event("done", "", answer)
