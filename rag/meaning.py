"""The meaning check: does a passage say what a sentence says?

A word check (rag/support.py) sees that a sentence's words are in its quote; it cannot see that
"Luthfi memuji ASN yang kasak-kusuk" turns around a quote in which he mocked them. This stage
reads the two together: the entailment model (an ``Entailer`` backend, by default e5 fine-tuned
on IndoNLI, rag/backends/e5_nli.py) gives P(entailment) of (passage, sentence), and rules catch
what it is known to miss: a modality the passage does not express ("harus" where the speaker
only hoped). A sentence is faithful when the model finds it entailed and no rule objects.
"""

from __future__ import annotations

from rag.config import MeaningConfig
from rag.lang import added_modalities
from rag.types import MeaningCheck


class MeaningChecker:
    """Checks (premise, sentence) pairs; results are kept for the checker's lifetime, since a
    support check asks about the same pair more than once."""

    def __init__(self, entailer, config: MeaningConfig = MeaningConfig()):
        self.entailer = entailer
        self.config = config
        self._seen: dict[tuple[str, str], MeaningCheck] = {}

    def warm_up(self) -> None:
        warm = getattr(self.entailer, "warm_up", None)
        if warm:
            warm()

    def check(self, premise: str, sentence: str) -> MeaningCheck:
        return self.check_many([(premise, sentence)])[0]

    def check_many(self, pairs: list[tuple[str, str]]) -> list[MeaningCheck]:
        todo = list(dict.fromkeys(p for p in pairs if p not in self._seen))
        if todo:
            for pair, row in zip(todo, self.entailer.probabilities(todo)):
                self._seen[pair] = self._verdict(pair[0], pair[1], float(row[0]), float(row[2]))
        return [self._seen[p] for p in pairs]

    def _verdict(self, premise: str, sentence: str, entailment: float, contradiction: float) -> MeaningCheck:
        reasons = []
        if entailment < self.config.min_entailment:
            reasons.append("Kutipan tidak menyatakan hal yang sama dengan kalimat ini "
                           f"(pemeriksa makna: {entailment:.0%} yakin).")
        if self.config.modality_rule:
            reasons += [f"Kalimat ini menambahkan “{phrase}”, yang tidak ada di kutipan."
                        for phrase in added_modalities(sentence, premise)]
        return MeaningCheck(not reasons, entailment, contradiction, tuple(reasons))
