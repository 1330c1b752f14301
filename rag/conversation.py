"""Follow-up questions: "lalu apa kata wakilnya?" read against the conversation, in code.

A follow-up is rewritten into a question that stands alone, before retrieval: its
pronouns and "-nya" words get the person the previous question was about, and the
previous question's topic is carried over unless the follow-up brings its own subject
and topic. No LLM call: on 2 CPU cores one would cost seconds for every question.
"""

from __future__ import annotations

import re

from rag.config import ConversationConfig
from rag.lang import (
    ASKING_WORDS, DEMONSTRATIVES, FIXED_NYA, FOLLOWUP_OPENERS, PRONOUNS, QUESTION_WORDS, REQUEST_WORDS, STOPWORDS,
    VERB_PREFIX, content_terms, question_names,
)

_QUESTION_WORDS = QUESTION_WORDS | {"mana"}  # "di mana", "kota mana"


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text)


def _names(text: str) -> list[str]:
    """Capitalised names in a question, the first word included ("Khofifah, apa pesannya?")."""
    body = FOLLOWUP_OPENERS.sub("", text).strip()
    return [n for n in question_names("apa " + body) if n.split()[0].lower() not in REQUEST_WORDS]


def _anaphoric_nya(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("nya") and len(lower) > 5 and lower not in FIXED_NYA


def is_followup(question: str, min_own_terms: int = ConversationConfig.min_own_terms) -> bool:
    """Whether a question leans on the one before it ("lalu…", "dia", "wakilnya", "kapan itu?")."""
    if FOLLOWUP_OPENERS.match(question):
        return True
    words = [w.lower() for w in _words(question)]
    if any(w in PRONOUNS for w in words):
        return True
    for i, w in enumerate(words):
        if w in DEMONSTRATIVES and (i == 0 or words[i - 1] not in {"apa", "siapa", "what"}):
            return True
    if _names(question):
        return False
    own = content_terms(question) - ASKING_WORDS
    return any(_anaphoric_nya(w) for w in words) or len(own) < min_own_terms


def _topic(question: str, subject: str) -> str:
    """The previous question's subject matter: its content words in their order, without
    its subject, question words and asking words ("jual beli jabatan")."""
    name_words = {w.lower() for w in subject.split()}
    keep = []
    for word in _words(question):
        lower = word.lower()
        if lower in name_words or lower in _QUESTION_WORDS or lower in STOPWORDS:
            continue
        if not content_terms(word) - ASKING_WORDS:
            continue
        keep.append(word)
    return " ".join(keep)


def resolve_followup(question: str, previous: list[str],
                     min_own_terms: int = ConversationConfig.min_own_terms) -> str:
    """``question`` as a question that stands alone, given the earlier questions of the
    conversation (already resolved, oldest first). Unchanged when it is not a follow-up."""
    if not previous or not is_followup(question, min_own_terms):
        return question
    before = previous[-1]
    old_names = _names(before)
    new_names = _names(question)
    subject = old_names[0] if old_names else ""

    body = FOLLOWUP_OPENERS.sub("", question).strip() or question.strip()
    if subject and not new_names:
        has_pronoun = any(w.lower() in PRONOUNS for w in _words(body))

        def swap(match: re.Match) -> str:
            word = match.group(0)
            lower = word.lower()
            if lower in PRONOUNS:
                return subject
            if lower in DEMONSTRATIVES:
                return word
            if _anaphoric_nya(word) and not has_pronoun and not VERB_PREFIX.match(word):
                return f"{word[:-3]} {subject}"
            return word

        body = re.sub(r"[\w'-]+", swap, body)
        if subject.lower() not in body.lower():
            body = f"{body.rstrip(' ?')} (tentang {subject})?"

    own = content_terms(question) - ASKING_WORDS - content_terms(" ".join(new_names))
    topic = _topic(before, subject)
    # "bagaimana dengan Khofifah?" asks the same thing of someone else; "Khofifah, apa
    # pesannya untuk ASN?" asks something new of them.
    carry = not own if new_names else len(own) < min_own_terms or subject.lower() not in question.lower()
    if topic and carry and not content_terms(topic) <= content_terms(body):
        body = f"{body.rstrip(' ?')}, terkait {topic}?"
    return body[:1].upper() + body[1:]
