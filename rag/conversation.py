"""Follow-up questions: "lalu apa kata wakilnya?" read against the conversation, in code.

A follow-up is rewritten into a question that stands alone, before retrieval: its
pronouns and "-nya" words get the person the previous question was about, and the
previous question's topic is carried over unless the follow-up brings its own subject
and topic. No LLM call: on 2 CPU cores one would cost seconds for every question.
"""

from __future__ import annotations

import re

from rag.evidence import _QUESTION_WORDS as QUESTION_WORDS
from rag.evidence import question_names
from rag.text import STOPWORDS, content_terms

# Words that open a follow-up and carry no meaning of their own once it is rewritten.
_OPENERS = re.compile(
    r"^\s*(?:(?:lalu|terus|trus|kemudian|lantas|nah|dan|juga|selain itu|kalau begitu|"
    r"bagaimana dengan|gimana dengan|kalau|kalo|and|then|what about|how about)\b[\s,]*)+",
    re.IGNORECASE,
)
_PRONOUNS = {"dia", "ia", "beliau", "mereka", "he", "she", "they", "him", "her"}
_DEMONSTRATIVES = {"itu", "ini", "tersebut", "sana", "situ"}
# Words ending in -nya that do not point back to anything.
_FIXED_NYA = {"hanya", "sebelumnya", "selanjutnya", "biasanya", "sebenarnya", "akhirnya", "adanya", "bahwasanya",
              "seharusnya", "sesungguhnya", "setidaknya", "misalnya", "contohnya", "nya", "lainnya", "sebaliknya",
              "terutama", "caranya", "rupanya", "agaknya", "umumnya", "khususnya", "selebihnya"}
_VERB_PREFIX = re.compile(r"^(?:me|di|ber|ter)", re.IGNORECASE)  # "menyampaikannya": "it", not "his"
_QUESTION_WORDS = QUESTION_WORDS | {"mana"}  # "di mana", "kota mana"
# Words that say what kind of answer is wanted, not what it is about.
_ASKING_WORDS = {"kata", "pesan", "ujar", "menurut", "pendapat", "tanggapan", "komentar", "sebut", "jelas",
                 "sampai", "maksud", "lalu", "terus", "kemudian", "said", "say", "think"}
MIN_OWN_TERMS = 2


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text)


_REQUEST_WORDS = {"tolong", "jelaskan", "sebutkan", "ceritakan", "coba", "mohon", "please", "tell", "explain"}


def _names(text: str) -> list[str]:
    """Capitalised names in a question, the first word included ("Khofifah, apa pesannya?")."""
    body = _OPENERS.sub("", text).strip()
    return [n for n in question_names("apa " + body) if n.split()[0].lower() not in _REQUEST_WORDS]


def _anaphoric_nya(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("nya") and len(lower) > 5 and lower not in _FIXED_NYA


def is_followup(question: str) -> bool:
    """Whether a question leans on the one before it ("lalu…", "dia", "wakilnya", "kapan itu?")."""
    if _OPENERS.match(question):
        return True
    words = [w.lower() for w in _words(question)]
    if any(w in _PRONOUNS for w in words):
        return True
    for i, w in enumerate(words):
        if w in _DEMONSTRATIVES and (i == 0 or words[i - 1] not in {"apa", "siapa", "what"}):
            return True
    if _names(question):
        return False
    own = content_terms(question) - _ASKING_WORDS
    return any(_anaphoric_nya(w) for w in words) or len(own) < MIN_OWN_TERMS


def _topic(question: str, subject: str) -> str:
    """The previous question's subject matter: its content words in their order, without
    its subject, question words and asking words ("jual beli jabatan")."""
    name_words = {w.lower() for w in subject.split()}
    keep = []
    for word in _words(question):
        lower = word.lower()
        if lower in name_words or lower in _QUESTION_WORDS or lower in STOPWORDS:
            continue
        if not content_terms(word) - _ASKING_WORDS:
            continue
        keep.append(word)
    return " ".join(keep)


def resolve_followup(question: str, previous: list[str]) -> str:
    """``question`` as a question that stands alone, given the earlier questions of the
    conversation (already resolved, oldest first). Unchanged when it is not a follow-up."""
    if not previous or not is_followup(question):
        return question
    before = previous[-1]
    old_names = _names(before)
    new_names = _names(question)
    subject = old_names[0] if old_names else ""

    body = _OPENERS.sub("", question).strip() or question.strip()
    if subject and not new_names:
        has_pronoun = any(w.lower() in _PRONOUNS for w in _words(body))

        def swap(match: re.Match) -> str:
            word = match.group(0)
            lower = word.lower()
            if lower in _PRONOUNS:
                return subject
            if lower in _DEMONSTRATIVES:
                return word
            if _anaphoric_nya(word) and not has_pronoun and not _VERB_PREFIX.match(word):
                return f"{word[:-3]} {subject}"
            return word

        body = re.sub(r"[\w'-]+", swap, body)
        if subject.lower() not in body.lower():
            body = f"{body.rstrip(' ?')} (tentang {subject})?"

    own = content_terms(question) - _ASKING_WORDS - content_terms(" ".join(new_names))
    topic = _topic(before, subject)
    # "bagaimana dengan Khofifah?" asks the same thing of someone else; "Khofifah, apa
    # pesannya untuk ASN?" asks something new of them.
    carry = not own if new_names else len(own) < MIN_OWN_TERMS or subject.lower() not in question.lower()
    if topic and carry and not content_terms(topic) <= content_terms(body):
        body = f"{body.rstrip(' ?')}, terkait {topic}?"
    return body[:1].upper() + body[1:]
