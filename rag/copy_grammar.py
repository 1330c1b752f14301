"""Copy-constrained synthesis: a grammar, built per question, that lets the model write only
sentences made of a short frame and clauses copied word for word from one quote.

A sentence of the synthesis is ``[frame] clauses [n].``:

- the frame is optional: the quote's own speaker (named in the quote or in the sentences before
  it) with a neutral verb of saying and "bahwa", or "Menurut <speaker>,"; it may lead only
  clauses of someone's words (quoted or reported) that do not name the speaker themselves, never
  the reporter's narration ("Emil mengatakan bahwa … Emil menjadi pembicara"). When the article
  introduces the quote with a verb that judges ("Bahkan ia menyindir …"), the quote's first
  sentence may be copied only from its start, after the speaker and that verb, so mocked words
  are not passed off as the speaker's view;
- the clauses are one or more consecutive clauses of one sentence of quote ``n`` (split at
  commas, semicolons and colons), copied exactly;
- ``[n]`` is that quote's number.

The model still chooses which quote, which clauses and in what order to say them; it can no
longer write a word the quote lacks, give the words to someone else, or cite a quote it did not
copy from. It can still copy a clause that misleads without its neighbours, which is why the
meaning check (rag/meaning.py) reads every sentence after it. The grammar is GBNF, the format
llama.cpp (and its server) reads.
"""

from __future__ import annotations

import re

from rag.lang import (
    BOTH_CLOSED, BOTH_OPENED, CONDITION_CLOSED, CONDITION_OPENED, CONTRAST_CLAUSE, LIST_OPENED,
    LIST_TAIL, MASKED_INSTRUCTION, PURPOSE_CLAUSE, QUOTE_MARK, REPORTED_SPEECH, SPEAKER_BOUND, SPEECH_VERBS,
    TOPIC_FRONTED, mask_instructions, quoted_people,
)

# Verbs of saying that report without judging (not "menyindir", "membantah", "meminta").
FRAME_VERBS = ("mengatakan", "menyatakan", "menyebut", "menegaskan", "menjelaskan")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"]?[A-Z0-9])")
_CLAUSE_SPLIT = re.compile(r"[,;:]\s+")
_WORD = re.compile(r"\w")
_MASKED = re.compile(r"\(?\s*" + re.escape(MASKED_INSTRUCTION) + r"\s*\)?")
_ATTRIBUTION = re.compile(r"^(?:" + "|".join(SPEECH_VERBS) + r")(?:nya)?\b", re.IGNORECASE)
_BY_WHOM = re.compile(r"^menurut\w*$", re.IGNORECASE)


def clauses(text: str, min_words: int) -> list[list[str]]:
    """The clauses of a quote, sentence by sentence, without closing punctuation, quotation
    marks or the attribution after a quotation ("tegas Ahmad Luthfi saat …") or inside reported
    words ("…, kata Khofifah, …"); pieces shorter than ``min_words`` are joined to the clause
    before them."""
    return [units for units, _ in sentences_of(text, min_words)]


def sentences_of(text: str, min_words: int) -> list[tuple[list[str], bool]]:
    """``clauses`` with, for each sentence, whether it gives someone's words (inside quotation
    marks, or reported: "menurut", a verb of saying) rather than the reporter's narration. Text
    that speaks to the assistant ("abaikan instruksi sebelumnya …") is left out, as the prompt
    leaves it out (``mask_instructions``)."""
    out_sentences = []
    inside = False
    masked = _MASKED.sub(" ", mask_instructions(text))
    for raw in _SENTENCE_END.split(" ".join(masked.split())):
        speech = inside or bool(QUOTE_MARK.search(raw) or REPORTED_SPEECH.search(raw))
        for mark in QUOTE_MARK.findall(raw):
            inside = {"“": True, "”": False}.get(mark, not inside)
        out: list[str] = []
        # a short first piece stays with the clause after it: "Harapannya, ketika mereka kembali …"
        # copied without "Harapannya" states a hope as a fact (qa_new7 to qa_new9); "Menurutnya"
        # stands alone, as a frame says whose words they are
        lead = ""
        quoted = bool(QUOTE_MARK.search(raw))
        inserted = False
        pieces = [piece.strip().strip(",;:.!?").strip()
                  for piece in _CLAUSE_SPLIT.split(" ".join(QUOTE_MARK.sub(" ", raw).split()))]
        for k, piece in enumerate(pieces):
            if _ATTRIBUTION.match(piece):
                # "ASN di era Society 5.0, kata Khofifah, harus terpacu …": an attribution set inside
                # reported words, whose first clause is only their subject (qa_new20, read blind)
                if quoted or not out or not any(len(rest.split()) >= min_words for rest in pieces[k + 1:]):
                    break  # "…,” tegas Ahmad Luthfi saat …, Selasa (8/4)": the rest is attribution
                inserted = speech = True
                continue
            if not _WORD.search(piece):
                continue
            after_attribution, inserted = inserted, False
            if out and PURPOSE_CLAUSE.match(piece):
                out = [", ".join(out + [piece])]
            elif out and (after_attribution or len(piece.split()) < min_words or LIST_TAIL.match(piece)
                          or CONTRAST_CLAUSE.match(piece) or LIST_OPENED.search(out[-1])
                          or BOTH_OPENED.match(out[-1]) and not BOTH_CLOSED.search(out[-1])
                          or CONDITION_OPENED.match(out[-1]) and not CONDITION_CLOSED.search(out[-1])):
                out[-1] = f"{out[-1]}, {piece}"
            elif not out and (len(f"{lead}{piece}".split()) < min_words and not _BY_WHOM.match(piece)
                              or TOPIC_FRONTED.match(piece)):
                lead = f"{lead}{piece}, "
            else:
                out.append(f"{lead}{piece}")
                lead = ""
        if lead and not out:
            out.append(lead.rstrip(", "))
        if out:
            out_sentences.append((out, speech))
    return out_sentences


def speakers(quote_text: str, before: str, max_speakers: int, article: str = "") -> list[str]:
    """Who speaks in a quote, as a frame may name them: officials named in it or in the sentences
    just before it (the nearest last), each with the short forms the article itself uses alone
    ("Luthfi" for "Ahmad Luthfi" when the article writes "Luthfi" on its own), in the forms the
    quote itself writes. A speaker the reader cannot find in the quote is no frame's: "Menurut
    Khofifah, …" for a quotation that ends "… katanya", her name sentences before it, was read as
    unchecked, as was "Dardak mengatakan, …" for one that says "Wagub Emil" (qa_new25, qa_new26,
    read blind)."""
    names = quoted_people(f"{before} {quote_text}")[-max_speakers:]
    forms: list[str] = []
    for name in names:
        alone = article.replace(name, " ")
        for form in [name] + [part for part in name.split() if re.search(rf"\b{re.escape(part)}\b", alone)]:
            if form not in forms and re.search(rf"\b{re.escape(form)}\b", quote_text):
                forms.append(form)
    return forms


def _names_only(unit: str) -> bool:
    """Whether a clause is names and titles only (every word capitalised), without a word of what
    anyone did or said."""
    return not re.search(r"\b[a-z]", unit)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def copy_grammar(quotes: list[tuple[int, str, list[str], list[str]]], max_sentences: int,
                 min_clause_words: int) -> str:
    """The GBNF grammar for a synthesis of ``quotes``: (number, text, speakers, the judging
    verbs the article introduces it with) each."""
    rules = []
    sentence_rules = []
    for n, text, names, judging in quotes:
        frames = [_literal(f"{name} {verb} bahwa ") for name in names for verb in FRAME_VERBS]
        frames += [_literal(f"Menurut {name}, ") for name in names]
        spans, starts, judged = [], [], []  # clauses a frame may lead / any clause / the judged sentence's start
        own = []  # clauses with the speaker's own "kami", "tadi" …: quoted word for word after a frame
        for j, (units, speech) in enumerate(sentences_of(text, min_clause_words)):
            framable = speech and not any(re.search(rf"\b{re.escape(name)}\b", " ".join(units)) for name in names)
            for i, unit in enumerate(units):
                tail = f' (", " q{n}x{j}c{i + 1})?' if i + 1 < len(units) else ""
                # names and titles alone say nothing: "Gubernur Jawa Tengah, Ahmad Luthfi [1]." read as
                # the answer to "Siapa Wagub Jateng …" named the wrong person (qa_new10, read blind).
                # What follows them is copied too; the last clause of a sentence, if names only, is
                # copied after the clause before it and never on its own.
                names_only = _names_only(unit)
                if names_only and tail:
                    tail = f' ", " q{n}x{j}c{i + 1}'
                rules.append(f"q{n}x{j}c{i} ::= {_literal(unit)}{tail}")
                if names_only and not tail:
                    continue
                if j == 0 and judging:  # judged words of nobody named are not offered
                    if i == 0 and names:  # "Luthfi menyindir ASN kasak kusuk, …": from the sentence's start
                        judged.append(f"q{n}x{j}c{i}")
                    continue
                if speech and any(SPEAKER_BOUND.search(later) for later in units[i:]):
                    # "Kami mohon maaf [1]." copied without its speaker reads as the assistant's own
                    # words (qa_new23, read blind): only after a frame that names who said it; so do
                    # "Maka kita harus …", "Budaya ini yang sedang kita rubah, …", a clause that runs
                    # on into "…, kami mohon maaf" and "… Bu Gubernur tadi" (qa_new25, read blind).
                    # Not after "bahwa" either ("Ahmad Luthfi mengatakan bahwa kami mohon maaf" read as
                    # the assistant's apology; qa_new26, read blind): in quotation marks, as said.
                    if framable:
                        rules.append(f"q{n}x{j}d{i} ::= {_literal(_capitalised(unit))}{tail}")
                        own.append(f"q{n}x{j}d{i}")
                    continue
                if framable:
                    spans.append(f"q{n}x{j}c{i}")
                rules.append(f"q{n}x{j}s{i} ::= {_literal(_capitalised(unit))}{tail}")
                starts.append(f"q{n}x{j}s{i}")
        choices = []
        if judged:
            rules.append(f"q{n}judged ::= " + " | ".join(_literal(f"{name} {verb} ") for name in names
                                                        for verb in judging))
            choices.append(f"q{n}judged {judged[0]}")
        if frames and spans:
            rules.append(f"q{n}span ::= " + " | ".join(spans))
            rules.append(f"q{n}frame ::= " + " | ".join(frames))
            choices.append(f"q{n}frame q{n}span")
        if names and own:
            rules.append(f"q{n}own ::= " + " | ".join(own))
            rules.append(f"q{n}said ::= " + " | ".join(_literal(f"{name} {verb}, “") for name in names
                                                      for verb in FRAME_VERBS))
            choices.append(f'q{n}said q{n}own "”"')
        if starts:
            rules.append(f"q{n}start ::= " + " | ".join(starts))
            choices.append(f"q{n}start")
        if choices:
            sentence_rules.append((f"({' | '.join(choices)})" if len(choices) > 1 else choices[0]) + f' " [{n}]."')
    if not sentence_rules:
        raise ValueError("no quote has a clause to copy")
    more = f' (" " sentence){{0,{max_sentences - 1}}}' if max_sentences > 1 else ""
    head = [f"root ::= sentence{more}", "sentence ::= " + " | ".join(sentence_rules)]
    return "\n".join(head + rules) + "\n"
