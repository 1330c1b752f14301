"""The support check of an answer's synthesis: each sentence against the quotes it cites.

A sentence is backed by a quote when the quote differs from it in no person, number or
negation (rag/compare.py) and either holds enough of its content words (rarity-weighted), or,
with a meaning check (rag/meaning.py), says what it says and holds a smaller share of its
words. Citations are repaired: one that does not back its sentence is dropped, a sentence left with none gets
the quote that backs it, two quotes of one article may back a sentence together, and a
sentence no quote backs is reported unsupported (the pipeline drops or marks it).
"""

from __future__ import annotations

from rag.cite import MARKER, cited_numbers, with_markers
from rag.compare import differences, lexical_coverage, statement_people, text_before, topic_terms
from rag.config import CompareConfig, SupportConfig
from rag.lang import content_terms, mask_instructions, speech_frame_terms
from rag.meaning import MeaningChecker
from rag.types import MeaningCheck, Quote, SentenceSupport


def backed(coverage: float, contradicted: bool, meaning: MeaningCheck | None, config: SupportConfig) -> bool:
    """The rule: no person, number or negation differs, and either the words are there (no
    meaning check) or the meaning check agrees and enough of the words are there."""
    if contradicted:
        return False
    if meaning is None:
        return coverage >= config.min_coverage
    return meaning.faithful and coverage >= config.min_coverage_with_meaning


class SupportChecker:
    """Checks synthesis sentences against the quotes of one answer, on the index they came from."""

    def __init__(self, index, config: SupportConfig = SupportConfig(), compare: CompareConfig = CompareConfig(),
                 meaning: MeaningChecker | None = None):
        self.index = index
        self.config = config
        self.compare = compare
        self.meaning = meaning
        self.known_people = index.people()

    def evidence(self, sentence: str, quote: Quote) -> tuple[float, bool, list[str], MeaningCheck | None]:
        """What the check knows of ``sentence`` against ``quote`` (markers ignored): the share
        of its content words the quote holds, whether a person, number or negation differs,
        the reasons, and the meaning check of the quote (with the sentences before it, where
        its speaker is named) against the sentence."""
        index = self.index
        content = " ".join(MARKER.sub(" ", sentence).split())
        document = index.documents[quote.doc_id]
        people = statement_people(content, self.known_people)
        terms = topic_terms(content, people)
        terms = terms - speech_frame_terms(content) or terms
        quote_text = mask_instructions(quote.text)  # the model never saw those words as data
        coverage = lexical_coverage(terms, content_terms(quote_text), index.idf)
        before = text_before(document.text, quote.start, index.sentences_of(quote.doc_id),
                             self.compare.attribution_sentences)
        near = before + " " + quote_text
        reasons, contradicted, added = differences(content, people, quote_text, near, document,
                                                   self.known_people, self.compare)
        contradicted = bool(contradicted) or added  # an answer sentence may not add a number either
        meaning = None
        if self.meaning is not None:
            # The quote first: a premise too long for the model is cut at its end, never in the quote.
            premise = f"{quote_text} {before}" if self.meaning.config.premise_context else quote_text
            meaning = self.meaning.check(" ".join(premise.split()), content)
        return coverage, contradicted, reasons, meaning

    def quote_support(self, sentence: str, quote: Quote) -> tuple[bool, float, list[str]]:
        """Whether ``quote`` backs ``sentence``, its word coverage, and why not."""
        coverage, contradicted, reasons, meaning = self.evidence(sentence, quote)
        if meaning is not None:
            reasons = reasons + list(meaning.reasons)
        floor = self.config.min_coverage if meaning is None else self.config.min_coverage_with_meaning
        if coverage < floor:
            reasons.insert(0, f"Kutipan hanya memuat {coverage:.0%} kata penting kalimat ini.")
        return backed(coverage, contradicted, meaning, self.config), coverage, reasons

    def check(self, sentences: list[str], quotes: list[Quote]) -> list[SentenceSupport]:
        """Check each synthesis sentence against the quotes it cites, and repair: a citation
        that does not back its sentence is dropped, a sentence left with none gets the quote
        that backs it if there is one, and is marked unsupported if there is none."""
        by_n = {q.n: q for q in quotes}
        out = []
        for sentence in sentences:
            cited = [n for n in cited_numbers(sentence) if n in by_n]
            results = {n: self.quote_support(sentence, q) for n, q in by_n.items()}
            backing = [n for n in cited if results[n][0]]
            if backing:
                reasons = [] if backing == cited else [f"Sitasi [{n}] dibuang: kutipan itu tidak mendukung kalimat "
                                                       "ini." for n in cited if n not in backing]
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
            joint = self._joint_support(sentence, quotes)
            if joint is not None:
                numbers, coverage = joint
                out.append(SentenceSupport(with_markers(sentence, numbers), numbers, True, coverage,
                                           [f"Didukung bersama oleh {''.join(f'[{n}]' for n in numbers)}."]))
                continue
            score = max((r[1] for r in results.values()), default=0.0)  # how close any quote came
            reasons = [r for n in cited for r in results[n][2]] or ["Tidak ada kutipan yang mendukung kalimat ini."]
            out.append(SentenceSupport(with_markers(sentence, cited), cited, False, score, reasons))
        return out

    def _joint_support(self, sentence: str, quotes: list[Quote]) -> tuple[list[int], float] | None:
        """A sentence that joins what two quotes of one article say ("the academy [1] is meant
        to make change agents [2]") is backed by both together: their numbers and coverage, or None."""
        ordered = sorted(quotes, key=lambda q: (q.doc_id, q.start))
        for first, second in zip(ordered, ordered[1:]):
            if first.doc_id != second.doc_id:
                continue
            both = Quote(n=0, text=f"{first.text} {second.text}", doc_id=first.doc_id, chunk_id=first.chunk_id,
                         start=first.start, end=second.end)
            supported, coverage, _ = self.quote_support(sentence, both)
            if supported:
                return sorted((first.n, second.n)), coverage
        return None

    def unbacked(self, checked: list[SentenceSupport]) -> bool:
        """Whether the quotes hold too few of the words of every sentence the model wrote from
        them (it had to bring in what they lack): then they do not answer the question. A
        sentence rejected only for a name or a number it got wrong does not count."""
        return bool(checked) and all(c.score < self.config.min_coverage for c in checked)
