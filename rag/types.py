"""The data that flows between the stages: plain data classes, no behaviour beyond
serialisation, and no imports from the rest of the package.

Reading order follows the pipeline: a ``Document`` is cut into ``Chunk``\\ s, retrieval returns
``Hit``\\ s, evidence selection picks ``Quote``\\ s, the support check gives a ``SentenceSupport``
per synthesis sentence, and all of it ends in an ``Answer`` whose ``[n]`` open ``Citation``\\ s.
A streamed answer is a sequence of ``Event``\\ s. The claim checker returns a ``ClaimCheck``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The fixed answer when the sources do not answer the question.
ABSTAIN_TEXT = "Maaf, informasi tentang hal itu tidak ditemukan di sumber yang tersedia."
# Above the quotes of an answer that the support check turned into "not found".
NEAREST_HEADING = "Kutipan terdekat (tidak menjawab pertanyaan):"
# Between the quotes and the synthesis in an answer's plain text.
SYNTHESIS_HEADING = "Ringkasan:"
# Shown instead of a synthesis when the checks rejected every sentence the model wrote.
NO_SYNTHESIS_TEXT = ("Ringkasan tidak dibuat: kalimat yang ditulis model tidak sesuai dengan isi kutipan. "
                     "Bacalah kutipan di atas.")

VERDICTS = ("didukung", "tidak ditemukan", "bertentangan")


# ----------------------------------------------------------------------------- corpus


@dataclass
class Document:
    """One cleaned article. ``doc_id`` is a content hash, or the JSONL record's own id."""

    doc_id: str
    title: str
    text: str
    source: str
    content_hash: str
    meta: dict = field(default_factory=dict)

    @property
    def place(self) -> str:
        """The place of the article's dateline ("Surabaya"), which ingestion keeps in ``meta``; ""
        without one."""
        return (self.meta or {}).get("place") or ""


@dataclass
class Skipped:
    """An input that could not be ingested, with the reason in words a user can act on."""

    source: str
    reason: str
    duplicate: bool = False  # the same article as another input: not an error


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


@dataclass
class IndexReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    embedded_sentences: int = 0
    index_type: str = ""
    seconds: float = 0.0
    written: bool = False

    def to_dict(self) -> dict:
        out = asdict(self)
        out["skipped"] = [{"source": s.source, "reason": s.reason, "duplicate": s.duplicate} for s in self.skipped]
        return out


# ----------------------------------------------------------------------------- answers


@dataclass
class Hit:
    """A retrieved chunk with the scores that ranked it."""

    chunk: Chunk
    score: float
    dense: float | None = None
    bm25: float | None = None

    def to_dict(self) -> dict:
        c = self.chunk
        return {"doc_id": c.doc_id, "chunk_id": c.chunk_id, "title": c.title, "score": round(self.score, 6),
                "dense": None if self.dense is None else round(self.dense, 6),
                "bm25": None if self.bm25 is None else round(self.bm25, 6),
                "start": c.start, "end": c.end, "text": c.text}


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
class Selection:
    """What evidence selection decided: the quotes, and whether (and why) the sources do not
    answer; an abstaining selection keeps the quotes it rejected."""

    quotes: list[Quote] = field(default_factory=list)
    abstain: bool = False
    reason: str = ""
    features: dict = field(default_factory=dict)


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
class SentenceSupport:
    """One sentence of a synthesis, the quotes it cites, and whether they back it."""

    text: str
    citations: list[int]
    supported: bool
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"text": self.text, "citations": list(self.citations), "supported": self.supported,
                "score": round(self.score, 3)}


@dataclass(frozen=True)
class MeaningCheck:
    """Whether a passage (the premise) says what a sentence says, by the entailment model and
    the rules beside it (rag/meaning.py)."""

    faithful: bool
    entailment: float  # P(entailment) of (premise, sentence)
    contradiction: float  # P(contradiction)
    reasons: tuple[str, ...] = ()


def _timings() -> dict:
    return {"retrieve_s": 0.0, "quotes_s": 0.0, "first_token_s": None, "total_s": 0.0}


@dataclass
class Answer:
    """An answer, built in two stages: the quotes (``Pipeline.find_evidence``), then the
    checked synthesis (``Pipeline.write_stream``). ``answer`` is the whole text as the CLI
    prints it; the app renders the fields instead."""

    question: str
    answer: str = ""
    abstained: bool = False
    quotes: list[Quote] = field(default_factory=list)
    quote_citations: list[Citation] = field(default_factory=list)  # the passage of each quote, as [n] opens it
    synthesis: str = ""
    model_text: str = ""  # the synthesis as the model wrote it, before the citation checks
    citations: list[Citation] = field(default_factory=list)  # the passages the final answer cites
    timings: dict = field(default_factory=_timings)
    reason: str = ""
    sentences: list[SentenceSupport] = field(default_factory=list)
    synthesis_withheld: bool = False  # every sentence was rejected: the quotes alone, NO_SYNTHESIS_TEXT
    # The loaded index the quotes came from: the second stage reads it even if the index was
    # replaced in between (an upload). Not serialised.
    index: object = field(default=None, repr=False, compare=False)

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
            "synthesis_withheld": self.synthesis_withheld,
            "timings": {k: (None if v is None else round(v, 3)) for k, v in self.timings.items()},
        }


@dataclass
class Event:
    """One step of a streamed answer. ``kind`` is:

    - ``status``: what is happening now (``text``, in Indonesian);
    - ``quotes``: the quotes are chosen (``text`` is the "Kutipan" block), or the sources do
      not answer (``text`` is the fixed "not found" answer, ``answer.abstained`` is set);
    - ``token``: a piece of the synthesis as the model writes it (``text``);
    - ``restart``: the pieces so far are void, the synthesis starts again (an LLM server of a
      pool failed mid-answer and the next one wrote a different text);
    - ``done``: the answer is complete and checked (``answer``).
    """

    kind: str
    text: str = ""
    answer: Answer | None = None


# ----------------------------------------------------------------------------- claims


@dataclass
class ClaimEvidence:
    doc_id: str
    title: str
    text: str
    start: int
    end: int


@dataclass
class ClaimCheck:
    claim: str
    verdict: str  # one of VERDICTS
    reasons: list[str] = field(default_factory=list)
    evidence: list[ClaimEvidence] = field(default_factory=list)
    scores: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"claim": self.claim, "verdict": self.verdict, "reasons": list(self.reasons),
                "evidence": [asdict(e) for e in self.evidence]}


# ----------------------------------------------------------------------------- drafts

# What a draft's direct quotation is, against the sources (rag/draft.py).
QUOTE_STATUSES = ("persis", "diubah", "tidak ditemukan", "orang lain")


@dataclass
class QuotationCheck:
    """A direct quotation of a draft ("…,” kata Luthfi) compared word for word with the sources."""

    text: str  # the quoted words, as the draft writes them
    speaker: str | None  # who the draft says said them
    status: str  # one of QUOTE_STATUSES
    # The word-level differences, in order: {"sumber": words of the source, "draf": words of the
    # draft}; an empty side is a word dropped or added.
    diff: list[dict] = field(default_factory=list)
    source: ClaimEvidence | None = None  # the source's words, exactly
    source_speaker: str | None = None  # who said them there, when the article names them

    def to_dict(self) -> dict:
        return {"text": self.text, "speaker": self.speaker, "status": self.status, "diff": list(self.diff),
                "source": asdict(self.source) if self.source else None, "source_speaker": self.source_speaker}


@dataclass
class DraftSentence:
    """One sentence of a draft: checked (with a verdict), or not (with the reason)."""

    text: str
    start: int  # character offsets into the draft's text
    end: int
    checked: bool
    verdict: str | None = None  # one of VERDICTS when checked
    reasons: list[str] = field(default_factory=list)
    evidence: list[ClaimEvidence] = field(default_factory=list)
    quote: QuotationCheck | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "checked": self.checked,
                "verdict": self.verdict, "reasons": list(self.reasons),
                "evidence": [asdict(e) for e in self.evidence],
                "quote": self.quote.to_dict() if self.quote else None}


@dataclass
class DraftCheck:
    """A whole draft checked sentence by sentence."""

    text: str
    sentences: list[DraftSentence]
    source: str = ""  # the file (or "teks") the draft came from
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """How many sentences got each verdict, and how many were not checked."""
        out = {verdict: 0 for verdict in VERDICTS}
        out["tidak diperiksa"] = 0
        for s in self.sentences:
            out[s.verdict if s.checked else "tidak diperiksa"] += 1
        return out

    def to_dict(self) -> dict:
        return {"source": self.source, "counts": self.counts(), "seconds": round(self.seconds, 3),
                "sentences": [s.to_dict() for s in self.sentences]}


# ----------------------------------------------------------------------------- practice (Latihan)

# Kinds of practice question (rag/latihan.py) and the grades of a typed answer.
JENIS = ("isian", "benar_salah", "pilihan_ganda", "apa_kata")
GRADES = ("benar", "sebagian", "salah", "tidak menjawab")


@dataclass
class BankItem:
    """One practice question with its key and its source: a line of a bank file."""

    id: str
    jenis: str  # one of JENIS
    pertanyaan: str
    jawaban: str  # the key: text, or "benar"/"salah"
    # {"doc_id", "title", "text" (the passage), "start", "end" (the deciding sentence's offsets in
    # the article), "kalimat" (that sentence; built banks carry it, a bank written by hand need not)}
    sumber: dict
    pilihan: list[str] | None = None  # pilihan_ganda: the four options, the key among them
    alasan: str | None = None  # a false benar_salah item: what was changed

    def to_dict(self) -> dict:
        out = {"id": self.id, "jenis": self.jenis, "pertanyaan": self.pertanyaan, "jawaban": self.jawaban,
               "pilihan": self.pilihan, "alasan": self.alasan, "sumber": dict(self.sumber)}
        return {k: v for k, v in out.items() if v is not None or k in ("pilihan", "alasan")}


@dataclass
class Grade:
    """A typed answer graded against an item's key and source."""

    id: str
    verdict: str  # one of GRADES
    feedback: str
    evidence: dict  # {"doc_id", "text", "start", "end"}: the source span that decides

    def to_dict(self) -> dict:
        return {"id": self.id, "verdict": self.verdict, "feedback": self.feedback, "evidence": dict(self.evidence)}
