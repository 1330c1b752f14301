"""The claim checker ("Periksa kutipan"): is a quote or claim backed by the sources?

A claim ("Luthfi: jabatan itu amanah", "Khofifah meminta ASN menunggu juknis") is matched,
in code and without the LLM, against windows of one or two consecutive sentences of the
retrieved passages. The verdict is one of:

- ``didukung``: a window says it: its content words are there, with the same numbers, the
  same polarity (no "tidak" or "bukan" on one side only), and every person the claim
  names is named in or just before the window;
- ``bertentangan``: a window says nearly the same thing but the sources differ: another
  number, the opposite polarity ("tidak"/"bukan" on one side only), or the words of
  someone else;
- ``tidak ditemukan``: no window says anything close.

Each verdict comes with the reasons, in Indonesian, and the window it was decided on.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import numpy as np

from rag.cite import _MARKER, cited_numbers, with_markers
from rag.text import STOPWORDS, content_terms, mask_instructions, numbers, tokenize

VERDICTS = ("didukung", "tidak ditemukan", "bertentangan")
# Share of the claim's content (rarity-weighted) a window must hold to be about the same
# thing, and the cosine that can stand in for a weaker lexical match.
MIN_COVERAGE = 0.6
MIN_COVERAGE_WITH_COSINE = 0.45
MIN_COSINE = 0.88
CHUNKS = 5
ATTRIBUTION_SENTENCES = 2  # a person is named within this many sentences before the words
# Words after a negation that it covers: "tidak perlu menunggu", but not the "tugas" of
# "tidak lalai terhadap tugas".
NEGATION_SCOPE = 2
_NEGATIONS = {"tidak", "tak", "bukan", "jangan", "belum", "tanpa", "enggak", "nggak", "gak", "not", "no", "never"}
_NUMBER_WORDS = {"satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5", "enam": "6", "tujuh": "7",
                 "delapan": "8", "sembilan": "9", "sepuluh": "10", "sebelas": "11", "seratus": "100",
                 "seribu": "1000"}
_SPEAKER = re.compile(r"^\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*:\s*(.+)$", re.DOTALL)


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
    verdict: str
    reasons: list[str] = field(default_factory=list)
    evidence: list[ClaimEvidence] = field(default_factory=list)
    scores: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"claim": self.claim, "verdict": self.verdict, "reasons": list(self.reasons),
                "evidence": [asdict(e) for e in self.evidence]}


def check_claim_text(claim: str | None, settings) -> str:
    """The claim with its whitespace folded; a clear InputError if there is nothing to check."""
    from rag.errors import InputError

    if claim is None or not claim.strip() or not any(ch.isalnum() for ch in claim):
        raise InputError('the claim is empty: give a quote or claim, e.g. rag check "Luthfi: jabatan itu amanah"')
    claim = " ".join(claim.split())
    if len(claim) > settings.max_question_chars:
        raise InputError(f"the claim is {len(claim):,} characters long; the limit is "
                         f"{settings.max_question_chars:,}. Check one claim at a time.")
    return claim


def split_speaker(claim: str) -> tuple[str | None, str]:
    """"Luthfi: jabatan itu amanah" -> ("Luthfi", "jabatan itu amanah")."""
    match = _SPEAKER.match(claim)
    if match and not re.search(r"\d$", match.group(1)):
        return match.group(1).strip(), match.group(2).strip()
    return None, claim.strip()


_FUNCTION_WORDS = {"lewat", "melalui", "menurut", "dalam", "pada", "setelah", "sebelum", "saat", "ketika", "untuk",
                   "bagi", "dengan", "tanpa", "karena", "sejak", "selama", "di", "ke", "dari", "oleh"}
_VERBISH = re.compile(r"^(?:me|ber|di|ter)\w+|^(?:bilang|ingin|minta|kata|ujar|sebut)$", re.IGNORECASE)


def claim_people(claim: str, known_people: list[str]) -> list[str]:
    """The people a claim names: the speaker of "X: …", mentions of people the corpus knows
    ("Gus Yasin" for Taj Yasin Maimoen), and a capitalised name that opens the claim and is
    followed by a verb ("Ganjar Pranowo meminta …"). Places, offices and programmes are not
    people ("Pemprov Jateng", "Kemensetneg", "Ngopeni Nglakoni")."""
    from rag.ingest import _REGION_WORDS

    speaker, content = split_speaker(claim)
    known = {w.lower() for person in known_people for w in person.split() if len(w) > 2}
    region = {w.lower() for w in _REGION_WORDS}
    people = [speaker] if speaker else []
    words = re.findall(r"[\w'’-]+", content)
    i = 0
    while i < len(words):
        if not words[i][:1].isupper() or words[i].isupper():
            i += 1
            continue
        j = i
        while j < len(words) and words[j][:1].isupper() and not words[j].isupper():
            j += 1
        run = words[i:j]
        mention = [w for w in run if w.lower() in known]
        if mention:
            people.append(" ".join(mention))
        elif i == 0 and j < len(words) and _VERBISH.match(words[j]) and run[0].lower() not in _FUNCTION_WORDS \
                and not any(w.lower() in region for w in run):
            people.append(" ".join(run))
        i = j
    out: list[str] = []
    for person in people:
        if person and person not in out:
            out.append(person)
    return out


def claim_numbers(text: str) -> set[str]:
    """Numbers in digits and Indonesian number words ("tiga" -> "3")."""
    found = numbers(text)
    for word in re.findall(r"\w+", text.lower()):
        if word in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[word])
    return found


def _negated_words(text: str, stemmed: bool) -> set[str]:
    """Words (or their stems) that are negated wherever the text uses them: each use comes
    within two words after "tidak", "bukan", "jangan"… ("tidak perlu menunggu")."""
    negated, plain = set(), set()
    for clause in re.split(r"[,.;:!?“”\"()]", text.lower()):  # a negation ends with its clause
        scope = 0
        for word in re.findall(r"\w+", clause):
            if word in _NEGATIONS:
                scope = NEGATION_SCOPE
                continue
            forms = set(tokenize(word)) if stemmed else ({word} - STOPWORDS)
            (negated if scope > 0 else plain).update(forms)
            scope -= 1
    return negated - plain


def _flipped(content: str, window: str) -> set[str]:
    """Words negated on one side only. Stems catch "tidak perlu menunggu" against "harus
    menunggu"; surface words catch "melayani, bukan dilayani" against "dilayani, bukan
    melayani", which stemming would fold into one word."""
    flipped = (_negated_words(content, True) ^ _negated_words(window, True)) \
        & content_terms(content) & content_terms(window)
    surface = set(re.findall(r"\w+", content.lower())) & set(re.findall(r"\w+", window.lower()))
    flipped |= (_negated_words(content, False) ^ _negated_words(window, False)) & surface
    return flipped


def _people_near(document_text: str, start: int, sentences: list[tuple[int, int]]) -> str:
    """The window's own text and the sentences just before it: where its speaker is named."""
    before = [s for s in sentences if s[1] <= start]
    if before:
        first = before[max(0, len(before) - ATTRIBUTION_SENTENCES)][0]
        return document_text[first:start]
    return ""


def compare(content: str, people: list[str], window: str, near: str, document,
            known_people: list[str]) -> tuple[list[str], bool]:
    """Reasons, and whether the sources differ from ``content`` where ``window`` says nearly
    the same: a person not named in or just before it (``near``), a number it does not have,
    a negation on one side only."""
    reasons: list[str] = []
    contradicted = False
    near_folded = " ".join(near.lower().split())
    doc_folded = " ".join(f"{document.title} {document.text}".lower().split())
    others = [p for p in known_people
              if p.split()[-1].lower() in near_folded and p.split()[-1].lower() not in " ".join(people).lower()]
    pronoun = re.search(r"\b(?:ia|dia|beliau)\b|\w+nya\b", near_folded)
    for person in people:
        name = " ".join(person.lower().split())
        parts = [p for p in name.split() if len(p) > 2]
        if name in near_folded or any(p in near_folded.split() for p in parts[-1:]):
            reasons.append(f"{person} disebut pada bagian sumber itu.")
            continue
        if name in doc_folded and pronoun and not others:
            # "Ia menekankan, …" in an article about this person: the pronoun is them.
            reasons.append(f"{person} disebut di artikel itu; bagian ini merujuk kepadanya (“ia”/“-nya”).")
            continue
        contradicted = True
        said_by = ", ".join(p for p in document.meta.get("people", []) if p.lower() in near_folded)
        if name in doc_folded:
            why = (f"Isi klaim ada di sumber, tetapi bukan {person} yang mengatakan/melakukannya "
                   f"({person} disebut di bagian lain artikel itu)")
        else:
            why = f"Isi klaim ada di sumber, tetapi {person} tidak disebut di artikel itu"
        reasons.append(why + (f"; yang disebut: {said_by}." if said_by else "."))

    claim_nums, window_nums = claim_numbers(content), claim_numbers(window)
    missing = sorted(claim_nums - window_nums)
    if missing:
        contradicted = True
        reasons.append(f"Angka {', '.join(missing)} tidak ada di sumber"
                       + (f"; sumber menyebut {', '.join(sorted(window_nums - claim_nums))}."
                          if window_nums - claim_nums else "."))

    flipped = _flipped(content, window)
    if flipped:
        contradicted = True
        reasons.append("Sumber menyatakan sebaliknya: ada penyangkalan (tidak/bukan) pada "
                       f"“{', '.join(sorted(flipped))}” di satu sisi saja.")
    return reasons, contradicted


class ClaimChecker:
    """Checks claims against the index of a Pipeline (its retriever and embedding model)."""

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def _window_vector(self, index, window: tuple[str, int, int], text: str) -> np.ndarray:
        """The mean of the window's precomputed sentence vectors (embedded now if the index
        has none), normalised."""
        doc_id, start, end = window
        spans = [s for s in index.sentences_of(doc_id) if start <= s[0] and s[1] <= end] \
            if index.sentence_vectors is not None else []
        vectors = [index.sentence_vector(doc_id, s, e) for s, e in spans]
        if not vectors or any(v is None for v in vectors):
            return self.pipeline.retriever.embedder.embed_passages([text])[0]
        mean = np.mean(vectors, axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    def check(self, claim: str) -> ClaimCheck:
        from rag.evidence import lexical_coverage

        claim = " ".join(claim.split())
        speaker, content = split_speaker(claim)
        retriever = self.pipeline.retriever
        index = retriever.index
        people = claim_people(claim, index.people())
        idf = retriever.idf
        query = claim if speaker is None else f"{speaker} {content}"
        query_vector = retriever.query_vector(query)
        hits = retriever.search(query, k=CHUNKS, query_vector=query_vector)
        person_terms = content_terms(" ".join(people))
        # Numbers are compared on their own below; they must not decide which passage the
        # claim is about ("tiga bulan" is not about every "tiga").
        number_terms = set(_NUMBER_WORDS) | claim_numbers(content)
        terms = content_terms(content) - person_terms - number_terms or content_terms(content)

        windows = []  # (doc_id, start, end) of one sentence or two in a row
        pairs = []  # whether the window is two sentences
        for hit in hits:
            chunk = hit.chunk
            spans = chunk.sentences
            for i in range(len(spans)):
                for j in (i, i + 1):
                    window = (chunk.doc_id, spans[i][0], spans[min(j, len(spans) - 1)][1])
                    if j < len(spans) and window not in windows:
                        windows.append(window)
                        pairs.append(j > i)
        if not windows:
            return ClaimCheck(claim, "tidak ditemukan", ["Tidak ada bagian sumber yang mirip dengan klaim ini."])
        texts = [index.documents[d].text[s:e] for d, s, e in windows]
        coverage = np.array([lexical_coverage(terms, content_terms(t), idf) for t in texts])
        claim_vector = retriever.embedder.embed_passages([content])[0]
        cosine = np.array([float(self._window_vector(index, w, t) @ claim_vector) for w, t in zip(windows, texts)])
        # Between equals, the single sentence: it is the more exact evidence.
        score = coverage + 0.5 * cosine - 0.01 * np.array(pairs, dtype=float)
        best = int(np.argmax(score))
        doc_id, start, end = windows[best]
        document = index.documents[doc_id]
        window = texts[best]
        evidence = [ClaimEvidence(doc_id, document.title, window, start, end)]
        scores = {"coverage": round(float(coverage[best]), 3), "cosine": round(float(cosine[best]), 3)}
        found = coverage[best] >= MIN_COVERAGE or (coverage[best] >= MIN_COVERAGE_WITH_COSINE
                                                   and cosine[best] >= MIN_COSINE)
        if not found:
            return ClaimCheck(claim, "tidak ditemukan", [
                f"Tidak ada bagian sumber yang memuat isi klaim ini: bagian yang paling mirip hanya memuat "
                f"{coverage[best]:.0%} kata pentingnya."], [], scores)

        near = _people_near(document.text, start, index.sentences_of(doc_id)) + " " + window
        reasons, contradicted = compare(content, people, window, near, document, index.people())
        if contradicted:
            return ClaimCheck(claim, "bertentangan", reasons, evidence, scores)
        reasons.insert(0, f"Bagian sumber memuat {coverage[best]:.0%} kata penting klaim ini"
                          + (", dengan angka yang sama." if claim_numbers(content) else "."))
        return ClaimCheck(claim, "didukung", reasons, evidence, scores)


# ----------------------------------------------------------------------------- answers

# Share of an answer sentence's content words (rarity-weighted) that its quote must hold:
# the same bar as for a claim. On the dev answers the sentences judged supported by hand
# held 0.71-1.0 of their words, the unsupported ones 0.33-0.48.
SUPPORT_MIN = MIN_COVERAGE


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


def quote_support(sentence: str, quote, index, idf: dict, known_people: list[str]) -> tuple[bool, float, list[str]]:
    """Whether ``quote`` backs ``sentence`` (markers ignored): enough of its content words,
    and no person, number or negation that the quote does not have."""
    from rag.evidence import lexical_coverage

    content = " ".join(_MARKER.sub(" ", sentence).split())
    document = index.documents[quote.doc_id]
    people = claim_people(content, known_people)
    number_terms = set(_NUMBER_WORDS) | claim_numbers(content)
    terms = content_terms(content) - content_terms(" ".join(people)) - number_terms or content_terms(content)
    quote_text = mask_instructions(quote.text)  # the model never saw those words as data
    coverage = lexical_coverage(terms, content_terms(quote_text), idf)
    near = _people_near(document.text, quote.start, index.sentences_of(quote.doc_id)) + " " + quote_text
    reasons, contradicted = compare(content, people, quote_text, near, document, known_people)
    if coverage < SUPPORT_MIN:
        reasons.insert(0, f"Kutipan hanya memuat {coverage:.0%} kata penting kalimat ini.")
    return coverage >= SUPPORT_MIN and not contradicted, coverage, reasons


def check_sentences(sentences: list[str], quotes, index, idf: dict) -> list[SentenceSupport]:
    """Check each synthesis sentence against the quotes it cites, and repair: a citation
    that does not back its sentence is dropped, a sentence left with none gets the quote
    that backs it if there is one, and is marked unsupported if there is none."""
    known = index.people()
    by_n = {q.n: q for q in quotes}
    out = []
    for sentence in sentences:
        cited = [n for n in cited_numbers(sentence) if n in by_n]
        results = {n: quote_support(sentence, q, index, idf, known) for n, q in by_n.items()}
        backing = [n for n in cited if results[n][0]]
        if backing:
            reasons = [] if backing == cited else [f"Sitasi [{n}] dibuang: kutipan itu tidak mendukung kalimat ini."
                                                   for n in cited if n not in backing]
            out.append(SentenceSupport(with_markers(sentence, backing), backing, True,
                                       max(results[n][1] for n in backing), reasons))
            continue
        others = sorted((n for n in by_n if results[n][0]), key=lambda n: -results[n][1])
        if others:
            n = others[0]
            moved = f"Sitasi diperbaiki: {''.join(f'[{m}]' for m in cited)} → [{n}]." if cited \
                else f"Sitasi [{n}] ditambahkan."
            out.append(SentenceSupport(with_markers(sentence, [n]), [n], True, results[n][1], [moved]))
            continue
        joint = _joint_support(sentence, quotes, index, idf, known)
        if joint is not None:
            numbers, coverage = joint
            out.append(SentenceSupport(with_markers(sentence, numbers), numbers, True, coverage,
                                       [f"Didukung bersama oleh {''.join(f'[{n}]' for n in numbers)}."]))
            continue
        score = max((r[1] for r in results.values()), default=0.0)  # how close any quote came
        reasons = [r for n in cited for r in results[n][2]] or ["Tidak ada kutipan yang mendukung kalimat ini."]
        out.append(SentenceSupport(with_markers(sentence, cited), cited, False, score, reasons))
    return out


def _joint_support(sentence: str, quotes, index, idf: dict, known: list[str]) -> tuple[list[int], float] | None:
    """A sentence that joins what two quotes of one article say ("the academy [1] is meant
    to make change agents [2]") is backed by both together: their numbers and coverage, or None."""
    from rag.pipeline import Quote

    ordered = sorted(quotes, key=lambda q: (q.doc_id, q.start))
    for first, second in zip(ordered, ordered[1:]):
        if first.doc_id != second.doc_id:
            continue
        both = Quote(n=0, text=f"{first.text} {second.text}", doc_id=first.doc_id, chunk_id=first.chunk_id,
                     start=first.start, end=second.end)
        supported, coverage, _ = quote_support(sentence, both, index, idf, known)
        if supported:
            return sorted((first.n, second.n)), coverage
    return None
