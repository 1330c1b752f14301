"""The answer judge: do the selected quotes answer the question?

Evidence selection (rag/evidence.py) refuses when nothing retrieved is near the question. It
cannot see that a passage about a film, near in every word, does not say which film was the
actor's last. This stage reads the question and the quotes together through an
``AnswerJudge`` backend (by default e5 fine-tuned on IDK-MRC, rag/backends/e5_nli.py) and
refuses when P(answered) is below ``answerability.min_answered``. The quotes are read as the
judge was trained on them (rag/answerability_training.py): joined by a space, question second.
"""

from __future__ import annotations

from rag.config import AnswerabilityConfig
from rag.types import Quote


class AnswerabilityCheck:
    def __init__(self, judge, config: AnswerabilityConfig = AnswerabilityConfig()):
        self.judge = judge
        self.config = config

    def warm_up(self) -> None:
        warm = getattr(self.judge, "warm_up", None)
        if warm:
            warm()

    def p_answered(self, question: str, quotes: list[Quote]) -> float:
        if not quotes:
            return 0.0
        return float(self.judge.p_answered([(" ".join(q.text for q in quotes), question)])[0])

    def refusal(self, question: str, quotes: list[Quote]) -> str:
        """Why the quotes do not answer ``question``, or "" when they do."""
        p = self.p_answered(question, quotes)
        if p < self.config.min_answered:
            return f"the quotes do not answer the question (answer judge: P(answered) {p:.2f} < " \
                   f"{self.config.min_answered})"
        return ""
