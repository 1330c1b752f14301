"""Periksa dokumen: every claim and every direct quotation of a draft, checked against the sources.

A draft (pasted text, or a .txt, .md, .docx or .pdf file: ``read_draft``) is cut into sentences
with the articles' splitter (rag/chunk.py: a quotation stays with its attribution). Each
sentence is then

- *tidak diperiksa*, with the reason, when it says nothing about the sources: a heading, a
  greeting, the writer's own hope or invitation, a sentence naming no person, programme,
  number, date, place or quotation (``why_not_checked``);
- checked otherwise, by the claim checker (rag/claims.py): *didukung*, *bertentangan* (with what
  the source says instead) or *tidak ditemukan*, with the passage it was decided on.

Each direct quotation ("…,” kata Luthfi) is compared word for word with the sources
(``QuotationMatcher``): *persis*, *diubah* (the words that differ), *tidak ditemukan*, or
*orang lain* (the words are there, said by someone else). A quotation decides its sentence's
verdict unless it is exact: then the rest of the sentence is checked too (a wrong date or
person around a right quotation is still *bertentangan*).
"""

from __future__ import annotations

import difflib
import io
import re
import time
import zipfile
from dataclasses import replace
from pathlib import Path

from rag.chunk import split_sentences
from rag.claims import MODEL_CONTRADICTION, ClaimChecker
from rag.compare import ADDRESSED_OFFICE, OfficeHolders, person_before, same_person, statement_people
from rag.config import DraftConfig
from rag.errors import InputError
from rag.ingest import decode_bytes, markdown_to_text, read_limited
from rag.lang import (
    ADDRESSEE_LINE, ADDRESSEE_WORD, ASIDE_JOINT, DATELINE, DRAFT_GREETINGS, FIRST_PERSON, FORMS_OF_ADDRESS,
    FUNCTION_WORDS, HOLDER_OFFICE, INSERTED_REPORTER, INSTRUCTION_FRAME, NAMED_REPORTER, NEGATIONS, OFFICE_SUBJECT,
    PASSIVE_REQUEST, PRONOUNS, QUOTED, READER_ADDRESSED, REPORTED_VIEW, REPORTING_FRAME, SPEECH_VERBS, STOPWORDS,
    TITLE_WORDS, WRITER_FOLLOWING, WRITER_OCCASION, WRITER_TASK, WRITER_VOICE, capitalised_runs, date_values,
    is_bare_place, is_region, number_values, plain_offices, stem, tokenize, words,
)
from rag.types import ClaimEvidence, DraftCheck, DraftSentence, QuotationCheck

DRAFT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# An office as the one who says or does ("Pak Gubernur mengingatkan …", not "Arahan Gubernur ini …").
# "Memang Gubernur sendiri pernah menyebut …" (drafts_holdout39): words between the office and its verb.
_OFFICE_DOES = re.compile(ADDRESSED_OFFICE.pattern + r"\s+(?:(?:juga|pun|lalu|sendiri|pernah|sudah|telah|bahkan)\s+)"
                          r"{0,2}(?:me|ber|di|ter)\w+")
_WORD = re.compile(r"\w+")
# What opens a line of a list, a thread or a script before its sentence: a bullet or a number
# ("• ", "3. ", "9/ " of a numbered thread, "1/10 ") and a speaker's label ("DIMAS: ", "T: ",
# "Jawab: "): no words of the claim (a thread's "9/" is no count; drafts_holdout19).
_LINE_MARKER = re.compile(r"(?:[-–—•*▪●◦►]|\(?\d{1,2}(?:[.)]|/(?:\d{1,2})?))\s+")
_SCRIPT_LABEL = re.compile(r"([A-Z][\w'.-]*(?:\s+[A-Z0-9][\w'.-]*){0,2})\s*:\s+(?=\S)")
# A chat export's line: its time stamp ("[09.15] ", "[12/05/25 09.15.32] ", WhatsApp's "12/05/25 09.15 - "),
# then its sender up to the first colon ("Bambang H. - Bappeda Prov. Jateng: "): neither is the
# message's claim (a webinar's chat log, drafts_holdout44, where "[09.23]" was checked as the number 9).
_CHAT_STAMP = re.compile(r"(?:\[(?:\d{1,2}/\d{1,2}/\d{2,4},?\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\]"
                         r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s+-)\s+")
_CHAT_SENDER = re.compile(r"([^:\n]{1,80}?)\s*:\s+(?=\S)")
# A person referred to by a pronoun ("Ia menegaskan …", "… kata beliau").
# "Ia …", "Beliau …", and a verb of saying that points back to its speaker ("Setiap OPD, lanjutnya,
# harus …"; drafts_holdout18): the sentence is what someone named before said.
_PRONOUN = re.compile(r"\b(?:ia|dia|beliau|(?:" + "|".join(SPEECH_VERBS + ("lanjut",)) + r")nya)\b", re.IGNORECASE)
# The signs of a claim that a statement before the writer's aside must give (a name alone is not enough).
_STRONG_SIGNALS = frozenset({"orang", "kutipan", "angka atau tanggal", "jabatan", "menurut", "permintaan"})
# Words that open a capitalised run and are no part of a name: "Para", "Lalu", "Jangan".
_NO_NAME_WORDS = STOPWORDS | FUNCTION_WORDS | NEGATIONS
# "Selain itu, tiap rupiah anggaran … wajib …" right after what someone said: more of it
# (drafts_holdout20, left unchecked when run once).
_GOES_ON = re.compile(r"^(?:selain itu|di samping itu|tidak hanya itu|tak hanya itu|lebih lanjut)\b", re.IGNORECASE)


# ----------------------------------------------------------------------------- reading


def read_draft(path: Path, config: DraftConfig = DraftConfig()) -> str:
    """A draft file's text; a clear InputError for a file that cannot be checked (its type, its
    size, no text in it, a scanned PDF without a text layer)."""
    suffix = path.suffix.lower()
    if suffix not in DRAFT_SUFFIXES:
        raise InputError(f"{path.name}: a draft must be .txt, .md, .docx or .pdf, not '{suffix or 'no extension'}'; "
                         "save it in one of those or paste the text.")
    data = read_limited(path, config.max_file_bytes, "for a draft; check it in parts")
    return draft_text(data, path.name, config)


def draft_text(data: bytes, name: str, config: DraftConfig = DraftConfig()) -> str:
    """The text of a draft file's bytes (the type taken from ``name``)."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise InputError(f"{name}: the file is empty.")
    if suffix == ".docx":
        text = _docx_text(data, name)
    elif suffix == ".pdf":
        text = _pdf_text(data, name)
    else:
        text = decode_bytes(data, name)
        if suffix == ".md":
            text = markdown_to_text(text)
    return check_draft_text(text, config, name)


def check_draft_text(text: str | None, config: DraftConfig = DraftConfig(), name: str = "the draft") -> str:
    """The draft's text with line ends unified; a clear InputError when there is nothing to check
    or too much."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not any(ch.isalpha() for ch in text):
        raise InputError(f"{name}: there is no text to check; paste the draft or give a file with its text.")
    if len(text) > config.max_chars:
        raise InputError(f"{name}: the draft is {len(text):,} characters long; the limit is {config.max_chars:,} "
                         "(about 25 pages). Check it in parts.")
    return text


def _docx_text(data: bytes, name: str) -> str:
    """A Word file's paragraphs (and table cells), one paragraph a line with blank lines between."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{name}: this is not a Word .docx file (an old .doc, or damaged); "
                         "save it as .docx or paste the text.") from None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs += [cell.text for cell in row.cells]
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def _pdf_text(data: bytes, name: str) -> str:
    """A PDF's text layer, lines of one paragraph joined. A scanned PDF has none: refused with why."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: the PDF is protected by a password; save an unprotected copy or paste the text.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name}: the PDF cannot be read ({type(exc).__name__}); save it again or paste the text.") \
            from None
    if not any(ch.isalpha() for page in pages for ch in page):
        raise InputError(f"{name}: the PDF has no text layer (a scanned document, {len(pages)} page(s)); "
                         "run text recognition (OCR) on it first or paste the text.")
    return "\n\n".join(_join_pdf_lines(page) for page in pages if page.strip())


def _join_pdf_lines(page: str) -> str:
    """A PDF page's lines: a line that does not end a sentence runs on into the next one (the
    PDF broke it for the page width); a blank line or a sentence end closes a paragraph."""
    out: list[str] = []
    for line in page.splitlines():
        line = line.strip()
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] and not re.search(r"[.!?:”\"]$", out[-1]) and len(out[-1].split()) > 6:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out).replace("\n\n\n", "\n\n")


# ----------------------------------------------------------------------------- which sentences


def claim_within(sentence: str, known_people: list[str], known_word, refers_to: str | None = None) -> str | None:
    """The part of a writer's sentence that makes the claim, or None when it is the whole: the
    statement before the writer's aside (``statement_before_aside``) when it names a person (or
    ``refers_to`` one), an office, a number or a date, not a name alone ("Hari ketujuh Latsar
    diisi dengan diskusi kelompok, dan jujur saja saya …" is the writer's day; drafts_holdout21);
    or what someone of the sources said after the writer's frame ("Saya akan mengadopsi pola yang
    ditegaskan Gubernur Jawa Tengah, yaitu …": ``WRITER_FOLLOWING``), when it names a person or an
    office."""
    statement = statement_before_aside(sentence)
    if statement is not None and (refers_to or _STRONG_SIGNALS & set(claim_signals(statement, known_people,
                                                                                    known_word))):
        return statement
    frame = WRITER_FOLLOWING.match(sentence)
    if frame and not QUOTED.search(sentence[:frame.end()]):
        rest = sentence[frame.end():]
        if {"orang", "jabatan"} & set(claim_signals(rest, known_people, known_word)):
            return rest
    return None


def statement_before_aside(sentence: str) -> str | None:
    """The statement a sentence makes before the writer's own aside, or None when it has none:
    the words before a joint (``ASIDE_JOINT``) when they are not the writer's and what follows is
    ("…, jadi sebetulnya sudah cukup lama kita diingatkan", "…, dan pola … itu ingin saya tiru"),
    or a question after a dash ("…—ini gubernur atau calon menantu?"); drafts_holdout43."""
    if QUOTED.search(sentence):
        return None
    for joint in ASIDE_JOINT.finditer(sentence):
        lead, tail = sentence[:joint.start()].strip(), sentence[joint.end():].strip()
        if len(lead.split()) < 3 or FIRST_PERSON.search(lead) or READER_ADDRESSED.search(lead):
            return None
        if joint.group(0).startswith(",") and "," in lead and len(lead.rsplit(",", 1)[1].split()) <= 3 \
                and tail.startswith(("dan ", "serta ")):
            continue  # a list's last item ("kerja keras, kerja cepat, dan kerja profesional yang …")
        if FIRST_PERSON.search(tail) or READER_ADDRESSED.search(tail) \
                or (joint.group(0).strip() in "—–-" and tail.endswith("?")):
            return lead.rstrip(",") + "."
    return None


def why_not_checked(sentence: str, known_people: list[str], known_word, refers_to: str | None = None,
                    config: DraftConfig = DraftConfig(), own_office: str | None = None,
                    ordinary_word=None) -> str | None:
    """Why a draft sentence is not checked against the sources, or None when it says something
    about them (``claim_signals``). ``known_word(w)`` tells whether the sources use a word;
    ``refers_to`` is the person a pronoun of the sentence stands for ("Beliau menekankan …");
    ``own_office`` the office the sentence opens with when the sources never name it;
    ``ordinary_word(w)`` whether the sources write a word in lower case (no name)."""
    plain = " ".join(sentence.split())
    # "Sebutkan bahwa Pemprov …", "Slide tiga memuat pesan bahwa …": a presenter's cue, then a claim
    plain = INSTRUCTION_FRAME.sub("", plain, count=1) or plain
    if (claim := claim_within(plain, known_people, known_word, refers_to)) is not None:
        return why_not_checked(claim, known_people, known_word, refers_to, config, own_office, ordinary_word)
    if WRITER_VOICE.match(plain) and not quotations(plain, config.quote_min_words):
        return "Harapan, ajakan, pendapat atau kalimat penghubung penulis sendiri: tidak ada klaim tentang sumber."
    if plain.endswith("?") and not quotations(plain, config.quote_min_words):
        # a FAQ's or a thread's question asks, and claims nothing (drafts_holdout19)
        return "Pertanyaan penulis: tidak ada klaim tentang sumber."
    if not re.search(r"[.!?…”\"]$", plain) and len(plain.split()) <= config.heading_max_words \
            and not QUOTED.search(plain):
        return "Judul atau baris tanpa kalimat: tidak diperiksa."
    signals = claim_signals(plain, known_people, known_word, ordinary_word) + (["orang"] if refers_to else [])
    strong = {"orang", "kutipan", "angka atau tanggal"} & set(signals)
    if DRAFT_GREETINGS.match(plain) and not strong:
        return "Salam, sapaan atau penutup: tidak ada klaim tentang sumber."
    if WRITER_OCCASION.match(DATELINE.sub("", plain, count=1)) and not {"orang", "kutipan"} & set(signals):
        return "Kalimat tentang acara atau dokumen penulis sendiri (rapat, laporan, peserta): tidak ada klaim " \
               "tentang sumber."
    if WRITER_TASK.match(plain) and not {"orang", "kutipan"} & set(signals):
        return "Tugas, permintaan atau tindak lanjut dari penulis sendiri: tidak ada klaim tentang sumber."
    own = REPORTING_FRAME.sub("", plain, count=1)
    if (FIRST_PERSON.search(own) or READER_ADDRESSED.search(own)) and not {"orang", "kutipan"} & set(signals):
        return "Kalimat penulis tentang dirinya, kegiatannya atau pendapatnya: tidak ada klaim tentang sumber."
    if own_office and not {"orang", "kutipan", "menurut"} & set(signals):
        return (f"Kalimat tentang kantor penulis sendiri (“{own_office}” tidak disebut di sumber): tidak ada klaim "
                "tentang sumber.")
    if signals:
        return None
    return "Tidak menyebut orang, jabatan, angka, tanggal, program, tempat atau kutipan dari sumber."


def claim_signals(sentence: str, known_people: list[str], known_word, ordinary_word=None) -> list[str]:
    """What makes a sentence a claim about the sources (empty when nothing does): a person the
    sources know, an office or a name (a programme, a place) whose words the sources use, a
    number or a date, a quotation, "menurut …", a request in the passive ("… diminta …").
    ``ordinary_word(w)``, when given, tells the words the sources write in lower case: one of them
    alone at the start is capitalised by its place, no name ("Perubahan memang tidak datang dalam
    semalam", "Pagi di sebuah kantor …"; drafts_holdout42)."""
    signals = []
    if any(same_person(p, k) for p in statement_people(sentence, known_people) for k in known_people):
        signals.append("orang")
    if number_values(sentence) or date_values(sentence):
        signals.append("angka atau tanggal")
    if any(len((a or b).split()) >= 3 for a, b in QUOTED.findall(sentence)):
        signals.append("kutipan")
    if REPORTED_VIEW.search(sentence):
        signals.append("menurut")
    if PASSIVE_REQUEST.search(sentence):
        signals.append("permintaan")
    office = HOLDER_OFFICE.search(sentence)
    if office and all(known_word(w) for w in office.group(0).split()):
        signals.append("jabatan")
    tokens = re.findall(r"[A-Za-z][\w'-]*", sentence)
    # a first word alone before a comma is a connective ("Terakhir, minta izin memotret …"; a reporter's
    # notes in drafts_holdout41), not a name; "Baginya, …" and "Menurutnya, …" point back to a person
    connective = re.match(r"(?i:(?!(?:bagi|menurut|kata|ujar)nya,)[A-Za-z][\w'-]*,)", sentence) is not None
    for run in capitalised_runs(tokens, include_first=True):
        if run == [0] and (connective or ordinary_word and ordinary_word(tokens[0].lower())
                           and not re.match(TITLE_WORDS, tokens[0])):  # "Gubernur bahkan akan mencoret …"
            continue
        name = [tokens[i] for i in run]
        first = name[0].lower()
        if run[0] == 0 and len(name) > 1 and not is_bare_place(" ".join(name[1:])) and (
                not known_word(first) or ordinary_word and ordinary_word(first) and not re.match(TITLE_WORDS, name[0])):
            # a first word capitalised by its place, before a body or an office ("Kabarnya Pemprov Jatim
            # juga akan membuka kelas coding …"; drafts_holdout36; "Lalu Pak Sekda Jateng …", one the
            # sources write in lower case; drafts_holdout43); not before a province's name alone
            # ("Warga Jawa Tengah tentu menunggu bukti …", the writer's own line; drafts_holdout24)
            name = name[1:]
        # "Para kepala …", "Pak Wagub …", "Lalu Pak Sekda …": the name comes after; "Jangan cepat puas,
        # Bapak-Ibu, …" has none (a stand-up set in drafts_holdout43)
        while name and (name[0].lower() in _NO_NAME_WORDS or set(name[0].title().split("-")) <= set(FORMS_OF_ADDRESS)):
            name = name[1:]
        if len("".join(name)) > 2 and all(known_word(w.lower()) for w in name):
            signals.append("jabatan" if re.match(TITLE_WORDS, name[0]) else "nama")
        elif len(name) > 1 and re.fullmatch(TITLE_WORDS, name[0]) and is_region(name[-1]):
            # an office of a province the sources speak of, which they never name ("Pak Sekda Jateng
            # ikut menambahkan …": what Luthfi said, given to another; drafts_holdout43)
            signals.append("jabatan")
    return list(dict.fromkeys(signals))


# ----------------------------------------------------------------------------- quotations


def quotations(sentence: str, min_words: int) -> list[tuple[str, int, int]]:
    """The direct quotations of a sentence: (words, start, end) of the text inside the marks,
    at least ``min_words`` long (shorter ones are terms in scare quotes), or two words that end
    a sentence inside the marks (“Saling koordinasi.”: a term in scare quotes has no full stop)."""
    out = []
    for match in QUOTED.finditer(sentence):
        group = 1 if match.group(1) is not None else 2
        inner = match.group(group)
        count = len(_WORD.findall(inner))
        if count >= min_words or (count >= 2 and inner.rstrip().endswith((".", "!", "?"))):
            out.append((inner.strip(" ,.;:"), match.start(group), match.end(group)))
    return out


def dropped_ending(text: str, start: int, end: int) -> str:
    """The words with which the source's quoted sentence goes on after [start, end), up to its
    end or its closing mark ("…, bukan dilayani" after "… semua ASN tugasnya melayani
    masyarakat"), or "": nothing, or [start, end) is not inside a quotation. A draft that ends its
    quotation there as a sentence has dropped them."""
    paragraph = text.rfind("\n", 0, start) + 1
    before = text[paragraph:start]
    if before.count("“") <= before.count("”") and before.count('"') % 2 == 0:
        return ""
    rest = re.split(r"[”\"\n]", text[end:], maxsplit=1)[0]
    rest = re.split(r"[.!?]", rest, maxsplit=1)[0]  # quoting one sentence of several drops nothing
    return rest.strip(" ,;:") if _WORD.search(rest) else ""


def _anchored_windows(doc: list[str], quote: list[str]) -> list[tuple[int, int]]:
    """Stretches of a document's words where a quotation could stand: around each place that has
    two of its words in a row (the longest run alone can be a common phrase elsewhere: "siapa
    yang profesional dan" of another sentence; drafts_holdout11), with a third of its length spare
    before and its length again after: a quotation that leaves out words of the source's ("ASN harus
    berganti channel menjadi extraordinary …" where "ASN (aparatur sipil negara) harus berganti
    channel dari yang selama ini biasa-biasa saja menjadi …"; drafts_holdout23) stretches further
    in the source than in the draft."""
    slack = max(3, len(quote) // 3)
    pairs: dict[tuple[str, str], list[int]] = {}
    for j in range(len(quote) - 1):
        pairs.setdefault((quote[j], quote[j + 1]), []).append(j)
    offsets = {i - j for i in range(len(doc) - 1) for j in pairs.get((doc[i], doc[i + 1]), ())}
    return sorted({(max(0, offset - slack), min(len(doc), offset + 2 * len(quote) + slack)) for offset in offsets})


def _aligned(source: list[str], quote: list[str]) -> list[tuple]:
    """Opcodes of a quotation's words against a stretch of source words, without the source
    words before the quotation begins and after it ends."""
    ops = difflib.SequenceMatcher(None, source, quote, autojunk=False).get_opcodes()
    while ops and ops[0][0] == "delete":
        ops = ops[1:]
    while ops and ops[-1][0] == "delete":
        ops = ops[:-1]
    # A changed ending takes as many source words as the quotation has there, not the rest of the
    # stretch ("… adalah kerja sendiri-sendiri" against "… kerja super tim,” imbuhnya. Pada
    # kesempatan yang sama, … Akmal Malik …": the words run on into the next paragraph and its
    # speaker; drafts_holdout23); a changed beginning likewise.
    if ops and ops[-1][0] == "replace" and ops[-1][2] - ops[-1][1] > ops[-1][4] - ops[-1][3]:
        tag, i1, i2, j1, j2 = ops[-1]
        ops[-1] = (tag, i1, i1 + (j2 - j1), j1, j2)
    if ops and ops[0][0] == "replace" and ops[0][2] - ops[0][1] > ops[0][4] - ops[0][3]:
        tag, i1, i2, j1, j2 = ops[0]
        ops[0] = (tag, i2 - (j2 - j1), i2, j1, j2)
    return ops


def _written_form(word: str) -> str:
    """A word as quotations compare it: lower case, one spelling of its variants."""
    said = words(word)
    return said[0] if said else word.lower()


class QuotationMatcher:
    """Finds where the sources say a quotation's words, and who said them there."""

    def __init__(self, retriever, config: DraftConfig = DraftConfig(), offices: OfficeHolders | None = None):
        self.retriever = retriever
        self.config = config
        self._doc_words: dict[str, tuple[list[str], list[tuple[int, int]]]] = {}
        self.offices = offices or OfficeHolders(retriever.index)

    def _words_of(self, doc_id: str):
        """A document's words as written (spelling variants as one), their stems, and their
        character spans (cached)."""
        if doc_id not in self._doc_words:
            text = self.retriever.index.documents[doc_id].text
            spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
            written = [_written_form(text[s:e]) for s, e in spans]
            self._doc_words[doc_id] = (written, [stem(w) for w in written], spans)
        return self._doc_words[doc_id]

    def _candidate_docs(self, text: str) -> list[str]:
        index = self.retriever.index
        if len(index.documents) <= self.config.quote_chunks:
            return list(index.documents)
        hits = self.retriever.search(text, k=self.config.quote_chunks)
        return list(dict.fromkeys(hit.chunk.doc_id for hit in hits))

    def find(self, text: str) -> tuple[str, int, int, list[tuple]] | None:
        """The best place in the sources for the quotation ``text``: (doc_id, start, end, opcodes
        of source words against the quotation's), or None when too few of its words are there.
        The place is found by stems ("dapat" for "mendapat"), the changes are word for word."""
        written = [_written_form(w) for w in _WORD.findall(text)]
        stems = [stem(w) for w in written]
        if not written:
            return None
        best = None
        for doc_id in self._candidate_docs(text):
            _, doc_stems, _ = self._words_of(doc_id)
            for lo, hi in _anchored_windows(doc_stems, stems):
                ops = _aligned(doc_stems[lo:hi], stems)
                matched = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
                if best is None or matched > best[0]:
                    best = (matched, doc_id, lo + ops[0][1], lo + ops[-1][2])
        if best is None or best[0] < self.config.quote_min_match * len(written):
            return None
        _, doc_id, first, last = best
        doc_written, _, spans = self._words_of(doc_id)
        ops = [(tag, first + i1, first + i2, j1, j2)
               for tag, i1, i2, j1, j2 in _aligned(doc_written[first:last], written)]
        return doc_id, spans[first][0], spans[max(first, last - 1)][1], ops

    def speaker_at(self, doc_id: str, start: int, end: int, known_people: list[str]) -> str | None:
        """Who says the source's words at [start, end): a person named in the sentence that holds
        them (after the closing mark: "…,” tegas Ahmad Luthfi), else the last one named before
        it ("…,” ujarnya")."""
        index = self.retriever.index
        document = index.documents[doc_id]
        sentences = index.sentences_of(doc_id)
        own = [s for s in sentences if s[0] <= start < s[1] or s[0] < end <= s[1]]
        if own:
            sentence = document.text[own[0][0]:own[-1][1]]
            outside = QUOTED.sub(" ", sentence)
            people = statement_people(outside, known_people) or self.offices.people_in(outside)
            if people:
                return people[-1]
        # "…,” ujarnya": the person named last before the sentence
        return person_before(document.text, own[0][0] if own else start, known_people)

    def check(self, text: str, speaker: str | None, known_people: list[str],
              ends_sentence: bool = False) -> QuotationCheck:
        """``text`` against the sources' quotations; ``ends_sentence`` when the draft closes it as
        a whole sentence (“… masyarakat.”), so words the source's sentence goes on with are dropped."""
        found = self.find(text)
        if found is None:
            return QuotationCheck(text, speaker, "tidak ditemukan")
        doc_id, start, end, ops = found
        document = self.retriever.index.documents[doc_id]
        spans = self._words_of(doc_id)[2]
        quote_words = _WORD.findall(text)
        diff = []
        for tag, i1, i2, j1, j2 in ops:
            if tag != "equal":
                source_side = document.text[spans[i1][0]:spans[i2 - 1][1]] if i2 > i1 else ""
                diff.append({"sumber": source_side, "draf": " ".join(quote_words[j1:j2])})
        dropped = dropped_ending(document.text, start, end) if ends_sentence else ""
        if dropped:
            diff.append({"sumber": dropped, "draf": ""})
        source = ClaimEvidence(doc_id, document.title, document.text[start:end], start, end)
        said_by = self.speaker_at(doc_id, start, end, known_people)
        if speaker and said_by and not same_person(speaker, said_by):
            status = "orang lain"
        else:
            status = "diubah" if diff else "persis"
        return QuotationCheck(text, speaker, status, diff, source, said_by)


# ----------------------------------------------------------------------------- the checker


class DraftChecker:
    """Checks a draft sentence by sentence against the index a retriever searches."""

    def __init__(self, retriever, claim_checker: ClaimChecker, config: DraftConfig = DraftConfig()):
        self.retriever = retriever
        self.claims = claim_checker
        self.config = config
        self.quotes = QuotationMatcher(retriever, config, claim_checker.offices)  # the offices built once
        idf = retriever.index.idf

        def known_word(word: str) -> bool:
            return all(term in idf for term in tokenize(word)) if tokenize(word) else False

        self._known_word = known_word
        # the words the sources write in lower case: no names
        lower_case = {w for c in retriever.index.chunks for w in re.findall(r"\b[a-z][\w'-]*", c.text)}
        self._ordinary_word = lower_case.__contains__

    def _unnamed_office(self, sentence: str) -> str | None:
        """The office or unit the sentence opens with ("Bagian Organisasi Setda Kabupaten Ngawi
        menggelar …") when no passage of the sources names it, else None."""
        match = OFFICE_SUBJECT.match(DATELINE.sub("", sentence.strip(), count=1))
        if not match or len(match.group("office").split()) < 2:
            return None
        office = match.group("office").strip()
        folded = " ".join(office.lower().split())
        hits = self.retriever.search(office, k=self.config.office_lookup_chunks, mode="bm25")
        if any(folded in " ".join(hit.chunk.text.lower().split()) for hit in hits):
            return None
        return office

    def _addressee(self, text: str, known: list[str]) -> str | None:
        """The person of the sources a letter is addressed to on its first line ("Yth. Bapak Ahmad
        Luthfi, Gubernur Jawa Tengah,"; "Yth. Ibu Gubernur Jawa Timur" by the office), else None."""
        line = ADDRESSEE_LINE.match(text.lstrip().split("\n", 1)[0])
        if not line:
            return None
        people = _source_people(line.group(1), known) or self.quotes.offices.people_in(plain_offices(line.group(1)))
        return people[0] if people else None

    def _after_line_marker(self, text: str, start: int, end: int, known: list[str]) -> int:
        """Where the sentence at ``start`` begins past a chat line's stamp and sender, a bullet, a number
        and a speaker's label that names no one the sources quote nor an office ("SARI: Di situ Pak
        Luthfi juga minta maaf …" is the host's line, checked as what it says; "Luthfi: jabatan itu
        amanah" keeps its speaker)."""
        stamp = _CHAT_STAMP.match(text, start, end)
        if stamp:
            sender = _CHAT_SENDER.match(text, stamp.end(), end)
            if sender and not any(same_person(sender.group(1), person) for person in known):
                return sender.end()
            return stamp.end()
        marker = _LINE_MARKER.match(text, start, end)
        if marker and marker.end() < end:
            start = marker.end()
        label = _SCRIPT_LABEL.match(text, start, end)
        # a task's label is the writer's ("Tugas 1: Identifikasi …", a worksheet's; drafts_holdout31)
        if label and not any(same_person(label.group(1), person) for person in known) \
                and not ADDRESSED_OFFICE.match(label.group(1)) and not WRITER_TASK.match(label.group(0)):
            start = label.end()
        return start

    def check(self, text: str, source: str = "teks") -> DraftCheck:
        started = time.perf_counter()
        text = check_draft_text(text, self.config)
        known = self.retriever.index.people()
        out: list[DraftSentence] = []
        last_person: str | None = None
        recent: list[str] = []  # the people the draft named, the last first
        addressee = self._addressee(text, known)
        for start, end in split_sentences(text):
            start = self._after_line_marker(text, start, end, known)
            written = text[start:end]
            # "Bapak pun menyebut …" in a letter to Luthfi: read as "Ahmad Luthfi pun menyebut …"; not the
            # writer's own lines to him ("Karena itu, saya berharap Bapak berkenan …", "Terima kasih atas
            # perhatian Bapak, …"; drafts_holdout37)
            own = addressee and (FIRST_PERSON.search(REPORTING_FRAME.sub("", written, count=1))
                                 or DRAFT_GREETINGS.match(written))
            sentence = _naming_addressee(written, addressee) if addressee and not own else written
            outside = plain_offices(QUOTED.sub(" ", sentence))  # "orang nomor satu di Jatim": her office
            # people the sources quote ("Gus Yasin" is Taj Yasin Maimoen); a capitalised subject the
            # articles do not quote ("Apel Pagi …", "Rapat …") is nobody
            named = _source_people(outside, known)
            by_office = not named  # "Ibu Gubernur …", "Wagub Jatim …": the office names them
            # "Gubernur mengibaratkan …" after Luthfi, then Taj Yasin, were named: Luthfi
            named = named or self.quotes.offices.people_in(outside, recent)
            office = self.quotes.offices.other_office(outside, last_person) if last_person and not named else None
            if office:
                # "… soal Bu Gubernur, …" after Emil, a vice governor: "Beliau" next is the governor, whoever
                # of those who hold the office said it (drafts_holdout35 read it as Emil)
                last_person = office
            # "Selain itu, …" right after a checked sentence goes on with it, unless the writer speaks
            # of their own ("Selain itu, … unit kita"; drafts_holdout11)
            goes_on = _GOES_ON.match(outside.lstrip()) and out and out[-1].checked and not FIRST_PERSON.search(outside)
            refers_to = last_person if not named and (_PRONOUN.search(outside) or goes_on) else None
            if by_office and named and _OFFICE_DOES.search(outside):
                refers_to = named[0]  # "Pak Gubernur mengingatkan …": a person the sources quote
            reason = why_not_checked(sentence, known, self._known_word, refers_to, self.config,
                                     None if named else self._unnamed_office(sentence), self._ordinary_word)
            if reason:
                out.append(DraftSentence(written, start, end, False, None, [reason]))
            else:
                # the claim alone, without the writer's aside after it or frame before it
                claimed = claim_within(" ".join(sentence.split()), known, self._known_word, refers_to) or sentence
                out.append(replace(self._check_sentence(claimed, start, end, named, last_person, known,
                                                        by_office and bool(named)), text=written))
            if named:
                last_person = named[0]
                recent = [last_person] + [person for person in recent if person != last_person]
        return DraftCheck(text, out, source, time.perf_counter() - started)

    def _check_sentence(self, sentence: str, start: int, end: int, named: list[str], last_person: str | None,
                        known: list[str], by_office: bool = False) -> DraftSentence:
        quoted = quotations(sentence, self.config.quote_min_words)
        speaker = named[0] if named else (last_person if _refers_back(sentence) else None)
        last_person = last_person if _refers_back(sentence) else None
        ends = bool(quoted) and bool(re.search(r"[.!?]\s*$", sentence[quoted[0][1]:quoted[0][2]]))
        quote = self.quotes.check(quoted[0][0], speaker, known, ends_sentence=ends) if quoted else None
        offices = self.quotes.offices
        if quote and quote.status == "orang lain" and \
                quote.source_speaker in offices.people_in(QUOTED.sub(" ", sentence), quote.source_speaker):
            # "… mengutip pesan Gubernur, “…”": the office the sentence names is the speaker's
            quote = replace(quote, speaker=quote.source_speaker, status="diubah" if quote.diff else "persis")
        # "Beliau mengibaratkan …": checked as what the person named before said; "Menurut catatan
        # Dimas, …": the claim without the draft's own frame
        claimed = INSERTED_REPORTER.sub(", ", REPORTING_FRAME.sub("", sentence, count=1) or sentence)
        reporter = NAMED_REPORTER.match(claimed)
        if reporter and reporter.end() < len(claimed) and not any(same_person(reporter.group(1), p) for p in known) \
                and not offices.people_in(reporter.group(1)):
            claimed = claimed[reporter.end():]  # "Fajar menambahkan, …": a colleague of the writer
        if by_office:  # "Ibu Gubernur menjelaskan …" is checked as what Khofifah said
            claimed = ADDRESSED_OFFICE.sub(named[0], claimed, count=1)
        claim = self.claims.check(_PRONOUN.sub(last_person, claimed) if last_person and not named else claimed)
        reasons, evidence = list(claim.reasons), list(claim.evidence)
        if quote is None or quote.status == "persis":
            verdict = claim.verdict
            if quote is not None and verdict == "bertentangan" and claim.scores.get("decided_by") == "entailment model":
                # the speaker's own words, word for word: the model's reading of them against
                # their own passage is no contradiction (drafts_holdout5, 7: “Jangan biasakan …”)
                verdict = "didukung"
                reasons = [r for r in reasons if not r.startswith(MODEL_CONTRADICTION)]
            if quote is not None and verdict == "bertentangan" and quote.source is not None \
                    and not any(_overlaps(e, quote.source) for e in claim.evidence):
                # the speaker's words, word for word, where the sentence was read against another
                # article's passage ("Kata Bu Khofifah waktu itu, “semua ASN tugasnya melayani
                # masyarakat, bukan dilayani.”" against Luthfi's; drafts_holdout36): that passage
                # is not what it quotes
                verdict, reasons, evidence = "didukung", [], []
            if quote is not None:
                reasons.insert(0, "Kutipan langsung sama persis dengan sumber"
                               + (f" ({quote.source_speaker})." if quote.source_speaker else "."))
                evidence = [quote.source] + [e for e in evidence if e != quote.source]
                if verdict == "tidak ditemukan":
                    verdict = "didukung"  # the words are the source's, word for word
        elif quote.status == "diubah":
            verdict = "bertentangan"
            reasons = ["Kutipan langsung berbeda dari sumber: " + "; ".join(_describe(d) for d in quote.diff) + "."]
            evidence = [quote.source]
        elif quote.status == "orang lain":
            verdict = "bertentangan"
            reasons = [f"Kata-kata ini ada di sumber, tetapi diucapkan {quote.source_speaker}, bukan {quote.speaker}."]
            evidence = [quote.source]
        else:
            verdict = "tidak ditemukan"
            reasons = ["Kata-kata kutipan ini tidak ada di sumber."]
            evidence = []
        return DraftSentence(sentence, start, end, True, verdict, reasons, evidence, quote)


def _source_people(text: str, known_people: list[str]) -> list[str]:
    """The people of the sources ``text`` names, each as the articles name them in full."""
    return [_full_name(person, known_people) for person in statement_people(text, known_people)
            if any(same_person(person, k) for k in known_people)]


def _full_name(mention: str, known_people: list[str]) -> str:
    """A mention as the articles name the person in full ("Gus Yasin" -> "Taj Yasin Maimoen"),
    when exactly one known person matches it."""
    matches = [person for person in known_people if same_person(mention, person)]
    return matches[0] if len(matches) == 1 else mention


def _overlaps(a: ClaimEvidence, b: ClaimEvidence) -> bool:
    """Whether two passages share characters of one article."""
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _naming_addressee(sentence: str, addressee: str) -> str:
    """``sentence`` with its bare "Bapak"/"Ibu" outside quotations written as the addressee's name."""
    parts, last = [], 0
    for quotation in QUOTED.finditer(sentence):
        parts += [ADDRESSEE_WORD.sub(addressee, sentence[last:quotation.start()]), quotation.group(0)]
        last = quotation.end()
    return "".join(parts) + ADDRESSEE_WORD.sub(addressee, sentence[last:])


def _refers_back(sentence: str) -> bool:
    """Whether a sentence's speaker is a pronoun for someone named before ("ujarnya", "Ia …")."""
    return bool(re.search(r"\b(?:" + "|".join(PRONOUNS) + r")\b|\w+nya\b", sentence.lower()))


def _describe(change: dict) -> str:
    """One word-level difference in Indonesian: “menegaskan” → “mengatakan”."""
    if change["sumber"] and change["draf"]:
        return f"“{change['sumber']}” menjadi “{change['draf']}”"
    if change["sumber"]:
        return f"“{change['sumber']}” dihapus"
    return f"“{change['draf']}” ditambahkan"
