"""Latihan: practice questions built from the articles, and typed answers graded against them.

A bank is built in code from the indexed articles (``BankBuilder``), every item carrying its
source (the article, the passage, the deciding sentence and its offsets):

- *pilihan_ganda*: "Siapa yang mengatakan “…”?" with the speaker and three other people the
  articles quote; a number of the articles with three other numbers they give;
- *isian*: a sentence of an article with its number, date or programme name left blank;
- *benar_salah*: a sentence as the article says it (benar), or with one known change: another
  person, another number, the stance turned around (salah, with what was changed);
- *apa_kata*: "Apa kata X soal Y?", graded against X's own words.

Each item is asked through the product itself before it enters the bank (``validate``): its
question must find its source passage among the first ``latihan.validate_top_k`` passages, and
for an item with a short key the quotes the answer pipeline picks must hold that key. Items that
fail are dropped, near-duplicates merged.

Typed answers are graded (``Grader``) as *benar*, *sebagian*, *salah* or *tidak menjawab*, each
with the source span that decides: numbers in words or digits ("tiga puluh lima" = 35), case,
affixes (the stemmer), small typos (difflib), people by any of their names; open answers by the
share of the speaker's words they hold and by the same checks of people, numbers and negations
that back an answer's sentences (rag/compare.py), never by string overlap alone.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import random
import re
from pathlib import Path

from rag.compare import OfficeHolders, differences, lexical_coverage, person_before, same_person, statement_people
from rag.config import CompareConfig, LatihanConfig
from rag.draft import QuotationMatcher, quotations
from rag.errors import InputError
from rag.lang import (
    CONTINUATION, EN_ID_GLOSSARY, OPPOSITES, QUOTE_MARK, TITLE_WORDS, VERB_LIKE, canonical_office, content_terms,
    date_values, formal, format_date, full_names, number_values, tokenize, words,
)
from rag.types import GRADES, JENIS, BankItem, Grade

# Answers that say there is no answer.
NO_ANSWER = frozenset({"", "-", "?", "tidak tahu", "entah", "entahlah", "lewat", "pass", "skip", "tidak ada", "kosong",
                       "lupa", "tidak ingat", "belum tahu", "tidak yakin", "bingung", "no idea", "idk"})
TRUE_WORDS = frozenset({"benar", "b", "ya", "iya", "betul", "bener", "bnr", "true", "t", "y", "yes", "setuju"})
FALSE_WORDS = frozenset({"salah", "s", "slh", "keliru", "false", "f", "n", "no", "bukan", "tidak", "tdk", "nggak",
                         "enggak", "gak", "ga"})
_LETTER = re.compile(r"^\(?([a-dA-D])[).:]?(?:\s|$)")
# Changes that turn a statement around without a plain negation word being added or dropped.
_STANCE_FLIPS = (("tidak perlu", "perlu"), ("tidak boleh", "boleh"), ("harus", "tidak perlu"),
                 ("wajib", "tidak wajib"), ("jangan", "silakan"), ("bukan", "juga"))
_OPPOSITE = {a: b for pair in OPPOSITES for a, b in (pair, pair[::-1])}
# Words that introduce a programme's or an activity's name.
PROGRAMME_WORDS = (r"(?:program|aplikasi|konsep|gerakan|kegiatan|acara|tema|akademi|semboyan|slogan|jargon|nilai|"
                   r"budaya|layanan|sistem|mengikuti|bertajuk|bernama|disebut)")


# ----------------------------------------------------------------------------- the bank file


def _item_id(*parts) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:10]


def item_from_dict(row: dict) -> BankItem:
    """A bank line as an item; a clear InputError naming what is wrong."""
    if not isinstance(row, dict):
        raise InputError("a bank line must be a JSON object")
    missing = [k for k in ("id", "jenis", "pertanyaan", "jawaban", "sumber") if not row.get(k)]
    if missing:
        raise InputError(f"missing {', '.join(missing)}")
    if row["jenis"] not in JENIS:
        raise InputError(f"jenis '{row['jenis']}' is not one of {', '.join(JENIS)}")
    sumber = row["sumber"]
    if not isinstance(sumber, dict) or not sumber.get("text"):
        raise InputError('sumber must be {"doc_id", "title", "text", "start", "end"} with the passage in "text"')
    for key in ("start", "end"):
        if sumber.get(key) is not None and not isinstance(sumber[key], int):
            raise InputError(f"sumber.{key} must be a whole number")
    pilihan = row.get("pilihan")
    if row["jenis"] == "pilihan_ganda":
        if not isinstance(pilihan, list) or len(pilihan) != 4 or len({str(p).strip().lower() for p in pilihan}) != 4:
            raise InputError("pilihan_ganda needs four different options in pilihan")
        if str(row["jawaban"]).strip().lower() not in {str(p).strip().lower() for p in pilihan}:
            raise InputError("the key (jawaban) is not one of the options (pilihan)")
    if row["jenis"] == "benar_salah" and str(row["jawaban"]).strip().lower() not in ("benar", "salah"):
        raise InputError('benar_salah needs jawaban "benar" or "salah"')
    return BankItem(id=str(row["id"]), jenis=row["jenis"], pertanyaan=str(row["pertanyaan"]).strip(),
                    jawaban=str(row["jawaban"]).strip(), sumber=dict(sumber),
                    pilihan=[str(p) for p in pilihan] if pilihan else None, alasan=row.get("alasan"))


def read_bank(path: Path) -> tuple[list[BankItem], list[str]]:
    """The items of a bank file and, for each bad line, "line N: why"; duplicate ids are bad."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such bank file; build one with `rag latihan build --out {path.name}`.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({exc}).") from None
    items, errors, seen = [], [], set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = item_from_dict(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: not JSON ({exc.msg})")
            continue
        except InputError as exc:
            errors.append(f"line {number}: {exc}")
            continue
        if item.id in seen:
            errors.append(f"line {number}: the id '{item.id}' is used twice")
            continue
        seen.add(item.id)
        items.append(item)
    return items, errors


def write_bank(path: Path, items: list[BankItem]) -> None:
    """Write a bank file whole or not at all (a temporary file renamed over it)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text("".join(json.dumps(i.to_dict(), ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write {path} ({exc.strerror}); choose another path.") from None


# ----------------------------------------------------------------------------- building


def _cut(text: str, max_words: int) -> str:
    parts = text.split()
    return text if len(parts) <= max_words else " ".join(parts[:max_words]).rstrip(",.;:") + " …"


def _clean(sentence: str) -> str:
    return " ".join(sentence.split())


def _number_spans(sentence: str) -> list[tuple[int, int, str]]:
    """Where a sentence gives a number (in digits or words) followed by what it counts:
    (start, end, value) of the number's words ("35 kabupaten/kota" -> the "35")."""
    out = []
    pattern = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)?|(?:(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
                         r"sepuluh|sebelas|seratus|seribu|belas|puluh|ratus|ribu|juta)\b\s*)+)(?=\s+[a-z])",
                         re.IGNORECASE)
    for match in pattern.finditer(sentence):
        values = number_values(match.group(0))
        before = sentence[max(0, match.start() - 12):match.start()].lower()
        year = len(values) == 1 and re.fullmatch(r"(19|20)\d\d", next(iter(values)))
        if len(values) == 1 and not year and not re.search(r"(salah|/|\()\s*$", before) and not date_values(
                sentence[max(0, match.start() - 3):match.end() + 12]):
            out.append((match.start(), match.end(), next(iter(values))))
    return out


# Provinces and their people: a false statement that moves someone to another province's
# sentence ("Luthfi … masyarakat Jatim") gives itself away.
_REGIONS = re.compile(r"\b(?:Jawa (?:Tengah|Timur|Barat)|Jateng|Jatim|Jabar|Semarang|Surabaya)\b")
# A sentence that leans on the one before it: a pronoun, a connective, "hal ini", "… tersebut".
_LEANS_BACK = re.compile(r"^(?:pada kesempatan (?:yang sama|itu|tersebut)|apalagi|di akhir|jadi\b|"
                         r"(?:\w+\s+){0,3}tersebut\b|"
                         r"hal (?:ini|itu|tersebut)|mereka|itu\b|ini\b)", re.IGNORECASE)


def _leans_back(text: str) -> bool:
    """Whether a text leans on what came before it ("Hal ini …", "Jadi …", "Ia …")."""
    plain = text.lstrip("“\"' ")
    return bool(CONTINUATION.match(plain) or _LEANS_BACK.match(plain) or re.match(r"^(?:ia|dia|beliau)\b", plain, re.I))


def _stands_alone(sentence: str) -> bool:
    """Whether a sentence makes sense out of its article: it does not lean on the sentence before
    it and has a verb (a photo caption has none)."""
    plain = sentence.lstrip("“\"' ")
    if _leans_back(plain):
        return False
    # a verb in the main clause: before any "saat", "usai" … that opens a subordinate one
    main = re.split(r"\b(?:saat|ketika|usai|setelah|sebelum|sambil|selama)\b", plain, maxsplit=1, flags=re.I)[0]
    return any(VERB_LIKE.match(w) for w in re.findall(r"[A-Za-z]+", main)[1:])


def _lists(sentence: str) -> bool:
    """Whether a sentence lists three or more names ("Malang, Pamekasan, Bojonegoro, Madiun dan
    Jember"): its number is then given away by the count."""
    return bool(re.search(r"[A-Z]\w+(?:,\s*[A-Z]\w+){2,}", sentence))


class BankBuilder:
    """Builds practice items from the pipeline's index and validates them through the pipeline."""

    def __init__(self, pipeline, config: LatihanConfig = LatihanConfig()):
        self.pipeline = pipeline
        self.config = config
        self.index = pipeline.index
        self.people = self.index.people()
        self.quotes = QuotationMatcher(pipeline.retriever)
        self._all_text = "\n".join(d.text for d in self.index.documents.values())

    def _chunk_text(self, doc_id: str, start: int) -> str:
        """The passage (chunk) of a document that holds position ``start``."""
        chunk = self.index.chunk_at(doc_id, start)
        return chunk.text if chunk is not None else self.index.documents[doc_id].text

    def _sumber(self, doc_id: str, start: int, end: int) -> dict:
        document = self.index.documents[doc_id]
        return {"doc_id": doc_id, "title": document.title, "text": self._chunk_text(doc_id, start),
                "start": start, "end": end, "kalimat": document.text[start:end]}

    def _sentences(self, doc_ids=None):
        for doc_id, document in self.index.documents.items():
            if doc_ids and doc_id not in doc_ids and not any(doc_id.startswith(d) for d in doc_ids):
                continue
            for start, end in self.index.sentences_of(doc_id):
                text = document.text[start:end]
                if 6 <= len(text.split()) <= 60:
                    yield doc_id, start, end, text

    def candidates(self, doc_ids=None) -> list[BankItem]:
        """Every item the templates make from the articles, before validation."""
        items: list[BankItem] = []
        numbers_seen: list[str] = sorted({v for d in self.index.documents.values()
                                          for _, _, v in _number_spans(d.text)}, key=float)
        for doc_id, start, end, text in self._sentences(doc_ids):
            sumber = self._sumber(doc_id, start, end)
            title = self.index.documents[doc_id].title
            speaker = None
            quoted = quotations(text, 4)
            if quoted:
                speaker = self.quotes.speaker_at(doc_id, start, end, self.people)
                # as the articles name the person in full ("Emil Dardak" -> Emil Elestianto Dardak)
                speaker = next((p for p in self.people if speaker and same_person(speaker, p)), speaker)
            if quoted and speaker:
                words_said = _cut(quoted[0][0], self.config.question_quote_words)
                others = [p for p in self.people if not same_person(p, speaker)]
                gives_away = re.search(rf"\b{TITLE_WORDS}\b|\bBu Gubernur\b", quoted[0][0]) \
                    or _REGIONS.search(quoted[0][0])
                if len(others) >= 3 and not gives_away:
                    rng = random.Random(_item_id(doc_id, start, "pg"))
                    options = rng.sample(others, 3) + [speaker]
                    rng.shuffle(options)
                    items.append(BankItem(_item_id(doc_id, start, "pg-siapa"), "pilihan_ganda",
                                          f"Siapa yang mengatakan “{words_said}”?", speaker, sumber, options))
                topic = self._topic(quoted[0][0], doc_id, start)
                if topic and not _leans_back(quoted[0][0]):
                    items.append(BankItem(_item_id(doc_id, start, "apa-kata"), "apa_kata",
                                          f"Apa kata {self._short(speaker)} soal {topic}?", quoted[0][0], sumber))
            spans = [sp for sp in _number_spans(text) if sp[2] != "1"] if not _lists(text) else []
            alone = _stands_alone(text)
            ref = self._reference(title)
            if spans and alone and not quoted and len(text.split()) <= 35:
                s, e, value = spans[0]
                blank = _clean(text[:s] + "___" + text[e:])
                if value not in number_values(blank + " " + title):  # the number is not given away
                    items.append(BankItem(_item_id(doc_id, start, "isian-angka"), "isian",
                                          f"Lengkapi kalimat {ref}: “{blank}”", value, sumber))
                    others = [v for v in numbers_seen if v != value and v != "1"]
                    if len(others) >= 3:
                        rng = random.Random(_item_id(doc_id, start, "pg-angka"))
                        near = sorted(others, key=lambda v: abs(float(v) - float(value)))[:6]
                        options = rng.sample(near, 3) + [value]
                        rng.shuffle(options)
                        items.append(BankItem(_item_id(doc_id, start, "pg-angka"), "pilihan_ganda",
                                              f"Berapa angka yang hilang dalam kalimat {ref}: “{blank}”", value,
                                              sumber, options))
            programme = self._programme(text)
            if programme and alone and not quoted and len(text.split()) <= 35:
                blank = _clean(text.replace(programme, "___", 1))
                if not set(words(programme)) & set(words(blank + " " + title)):  # not given away
                    items.append(BankItem(_item_id(doc_id, start, "isian-nama"), "isian",
                                          f"Lengkapi kalimat {ref}: “{blank}”", programme, sumber))
            who = self._who_did(text)
            if who and not quoted:
                person, question = who
                items.append(BankItem(_item_id(doc_id, start, "isian-siapa"), "isian", question, person, sumber))
            items += self._true_false(doc_id, start, text, sumber, spans)
        return items

    def _who_did(self, sentence: str) -> tuple[str, str] | None:
        """"Gus Yasin juga menekankan pentingnya koordinasi …" -> ("Taj Yasin Maimoen", "Siapa
        yang menekankan pentingnya koordinasi …?"): a sentence that opens with a person the
        articles quote (after an office, if any) and a verb, and stands alone."""
        if not _stands_alone(sentence) or len(sentence.split()) > 35 or QUOTE_MARK.search(sentence):
            return None
        names = "|".join(re.escape(w) for p in self.people for w in p.split() if len(w) > 2)
        # an office and its place before the name ("Gubernur Jawa Tengah Ahmad Luthfi …"), or a form of
        # address ("Gus Yasin"), then the name and a verb
        match = re.match(rf"^(?:(?:{TITLE_WORDS}|Wagub|Gus|Bapak|Ibu|Bu|Pak)(?:\s+[A-Z][\w-]*){{0,2}}?"
                         rf",?\s+)?((?:{names})(?:\s+(?:{names}))*)\s*,?\s+(?:juga\s+|pun\s+|turut\s+)?"
                         r"((?:me|ber)\w+\b.*?)[.!]?$", sentence.strip())
        if not match:
            return None
        person = next((p for p in self.people if same_person(match.group(1), p)), None)
        if person is None:
            return None
        said = re.sub(r"^(\w+),\s+", r"\1 bahwa ", match.group(2).rstrip(" ."))  # "menyebut, X" -> "menyebut bahwa X"
        return person, f"Siapa yang {said}?"

    @staticmethod
    def _reference(title: str) -> str:
        """How a cloze names its article: by its title, unless the title is cut ("… terhadap…")."""
        return "ini" if title.rstrip().endswith(("…", "...")) else f"dari artikel “{title}”"

    def _short(self, person: str) -> str:
        """How a question names a person: the name the articles use most for them ("Luthfi",
        "Khofifah", "Yasin")."""
        corpus = self._all_text
        parts = [w for w in person.split() if len(w) > 3] or person.split()
        return max(parts, key=lambda w: (len(re.findall(rf"\b{re.escape(w)}\b", corpus)), -parts.index(w)))

    def _topic(self, said: str, doc_id: str, start: int) -> str | None:
        """What someone's words are about, as the article introduces them: the words after "soal",
        "tentang", "terkait", "mengenai" or "pentingnya" in the sentence before the quotation
        ("Gus Yasin juga menekankan pentingnya koordinasi antar-ASN …" -> "koordinasi antar-ASN"),
        when the quotation itself speaks of it. None when the article gives no topic."""
        document = self.index.documents[doc_id]
        before = [s for s in self.index.sentences_of(doc_id) if s[1] <= start][-1:]
        context = document.text[before[0][0]:before[0][1]] if before else ""
        match = re.search(r"\b(?:soal|tentang|terkait|mengenai|pentingnya)\s+((?:[\w-]+\s*){1,3}?)"
                          r"(?=\s+(?:di|dalam|bagi|untuk|yang|dan|agar|ke|kepada|dengan)\b|[,.]|$)", context)
        if not match:
            return None
        topic = match.group(1).strip()
        said_terms = content_terms(said)
        return topic if set(tokenize(topic)) & said_terms else None

    def _programme(self, sentence: str) -> str | None:
        """A programme's name the sentence gives, introduced as one ("program Ngopeni Nglakoni",
        "konsep co working space"), or a name the articles write more than once ("Apple Developer
        Academy"); never a person, a year or a heading's capitalised words."""
        corpus = self._all_text
        for name in full_names(sentence):
            if any(same_person(name, p) for p in self.people) or len(name.split()) > 4 \
                    or re.search(r"\b(?:Tahun|Triwulan|Rapat|Anggaran)\b", name):
                continue
            at = sentence.find(name)
            if re.match(r"\s+[A-Z]", sentence[at + len(name):]):
                continue  # part of a longer name ("Single Sign On"): a blank would split it
            introduced = re.search(rf"\b{PROGRAMME_WORDS}\s+(?:\w+\s+){{0,2}}{re.escape(name)}", sentence,
                                   re.IGNORECASE)
            if introduced or corpus.count(name) >= 2:
                return name
        return None

    def _true_false(self, doc_id, start, text, sumber, number_spans) -> list[BankItem]:
        """The sentence as a true statement, and one false version with the change named."""
        named = [p for p in statement_people(text, self.people) if any(same_person(p, q) for q in self.people)]
        if len(text.split()) > 40 or not named or not _stands_alone(text):
            return []
        statement = _clean(text)
        changed = self._changed(statement, number_spans)
        # One item per sentence, true or (every other sentence that can be changed) false: both
        # versions in one bank would give each other away.
        if changed and int(_item_id(doc_id, start), 16) % 2:
            false, why = changed
            return [BankItem(_item_id(doc_id, start, "bs-salah"), "benar_salah",
                             f"Benar atau salah: {false}", "salah", sumber, alasan=why)]
        return [BankItem(_item_id(doc_id, start, "bs-benar"), "benar_salah",
                         f"Benar atau salah: {statement}", "benar", sumber)]

    def _changed(self, statement: str, number_spans) -> tuple[str, str] | None:
        """One known change to a true statement: another person, number or stance."""
        for person in self.people:
            others = [p for p in self.people if not same_person(p, person)]
            if not others:
                continue
            other = others[int(_item_id(statement), 16) % len(others)]
            parts = "|".join(re.escape(w) for w in person.split() if len(w) > 2)
            mention = re.search(rf"\b(?:{parts})(?:\s+(?:{parts}))*\b", statement)
            if mention and (re.search(rf"\b{TITLE_WORDS}\b|\bWagub\b|\bDirjen\b", statement)
                            or _REGIONS.search(statement)):
                return None  # "Gubernur Jawa Tengah <another person>" gives itself away
            if mention and re.search(r"\b(?:disapa|dipanggil|alias)\b", statement):
                return None  # "Taj Yasin … atau akrab disapa Gus Yasin": a swap would contradict itself
            if mention:
                replacement = other if len(mention.group(0).split()) > 1 else self._short(other)
                return (statement[:mention.start()] + replacement + statement[mention.end():],
                        f"Orangnya diganti: sumber menyebut {person}, bukan {other}.")
        if number_spans and not _lists(statement):
            spans = [sp for sp in _number_spans(statement) if sp[2] != "1"]
            if spans:
                s, e, value = spans[0]
                new = str(int(float(value)) + (2 if float(value) < 10 else 10)) if float(value).is_integer() else None
                if new:
                    return (statement[:s] + new + statement[e:],
                            f"Angkanya diubah: sumber menyebut {value}, bukan {new}.")
        lowered = statement.lower()
        for old, new in _STANCE_FLIPS:
            match = re.search(rf"\b{old}\b", lowered)
            if match:
                return (statement[:match.start()] + new + statement[match.end():],
                        f"Sikapnya dibalik: sumber menyatakan “{old}”, bukan “{new}”.")
        for word in re.findall(r"\w+", lowered):
            if word in _OPPOSITE and len(word) > 4:
                match = re.search(rf"\b{word}\b", lowered)
                return (statement[:match.start()] + _OPPOSITE[word] + statement[match.end():],
                        f"Sikapnya dibalik: sumber menyatakan “{word}”, bukan “{_OPPOSITE[word]}”.")
        return None

    def validate(self, item: BankItem) -> str | None:
        """Why the product cannot stand behind the item, or None: its question must find its
        source passage among the first passages, and the quotes must hold a short key."""
        sumber = item.sumber
        question = item.pertanyaan
        hits = self.pipeline.retriever.search(question, k=self.config.validate_top_k)
        if not any(h.chunk.doc_id == sumber["doc_id"] and h.chunk.start <= sumber["start"] < h.chunk.end
                   for h in hits):
            return f"the question does not find its source in the first {self.config.validate_top_k} passages"
        if item.jenis in ("isian", "pilihan_ganda"):
            answer = self.pipeline.find_evidence(question)
            said = " ".join(q.text for q in answer.quotes)
            key = item.jawaban
            if number_values(key):
                held = bool(number_values(key) & number_values(said))
            elif any(same_person(key, p) for p in self.people):
                held = any(q.doc_id == sumber["doc_id"] and q.start <= sumber["start"] < q.end for q in answer.quotes)
            else:
                held = key.lower() in said.lower()
            if answer.abstained or not held:
                return "the quotes the answer pipeline picks do not hold the key"
        return None

    def build(self, n: int | None = None, doc_ids=None, jenis=None, seed: int = 0,
              progress=None) -> tuple[list[BankItem], dict]:
        """Validated items (``n`` of them, the kinds taking turns), and counts of what was made,
        dropped (with why) and merged."""
        made = [i for i in self.candidates(doc_ids) if not jenis or i.jenis in jenis]
        kept, dropped, merged = [], {}, 0
        seen_words: list[set] = []
        for number, item in enumerate(made, 1):
            if progress:
                progress(number, len(made))
            item_words = set(words(item.pertanyaan))
            if any(len(item_words & w) / max(1, len(item_words | w)) >= self.config.near_duplicate
                   for w in seen_words):
                merged += 1
                continue
            reason = self.validate(item)
            if reason:
                dropped[reason] = dropped.get(reason, 0) + 1
                continue
            seen_words.append(item_words)
            kept.append(item)
        by_kind = {k: [i for i in kept if i.jenis == k] for k in JENIS}
        rng = random.Random(seed)
        for group in by_kind.values():
            rng.shuffle(group)
        chosen: list[BankItem] = []
        while any(by_kind.values()) and (n is None or len(chosen) < n):
            for kind in JENIS:
                if by_kind[kind] and (n is None or len(chosen) < n):
                    chosen.append(by_kind[kind].pop())
        stats = {"made": len(made), "kept": len(kept), "merged": merged, "dropped": dropped,
                 "per_kind": {k: sum(i.jenis == k for i in chosen) for k in JENIS}}
        return chosen, stats


# ----------------------------------------------------------------------------- grading


def _typed_words(text: str) -> list[str]:
    return [w for w in words(text) if w]


def _word_matches(typed: str, key: str, ratio: float) -> bool:
    """A typed word is the key's word: the same, the same stem, or a small typo of it."""
    if typed == key or (tokenize(typed) and tokenize(typed) == tokenize(key)):
        return True
    return len(key) >= 4 and difflib.SequenceMatcher(None, typed, key).ratio() >= ratio


class Grader:
    """Grades typed answers against bank items, with the index's documents and word rarities."""

    def __init__(self, index, config: LatihanConfig = LatihanConfig(), compare: CompareConfig = CompareConfig(),
                 meaning=None):
        self.index = index
        self.config = config
        self.compare = compare
        self.meaning = meaning  # the answers' meaning check (rag/meaning.py), when it is on
        holders = OfficeHolders(index).holders
        self._offices = sorted(holders.items(), key=lambda kv: len(kv[0]), reverse=True)

    def people_named(self, typed: str) -> list[str]:
        """The people ``typed`` names, by any of their names (a small typo allowed) or by an office
        the articles give them ("gubernur jateng", "wagub jatim", "dirjen otda")."""
        found: list[tuple[int, str]] = []  # (where in the answer, who), in the order named
        lowered = " ".join(_typed_words(typed))
        for person in self.index.people():
            parts = [w.lower() for w in person.split() if len(w) > 3]
            at = [i for i, t in enumerate(lowered.split()) if any(_word_matches(t, p, self.config.typo_ratio)
                                                                for p in parts)]
            if at:
                found.append((at[0], person))
        office = canonical_office(typed)
        for key, person in self._offices:
            match = re.search(rf"\b{re.escape(key)}\b", office)
            if match and all(person != p for _, p in found):
                found.append((len(office[:match.start()].split()), person))
                office = office[:match.start()] + " " * len(key) + office[match.end():]
        return [person for _, person in sorted(found)]

    def _evidence(self, item: BankItem) -> dict:
        sumber = item.sumber
        document = self.index.documents.get(sumber.get("doc_id"))
        start, end = sumber.get("start"), sumber.get("end")
        if document is not None and isinstance(start, int) and isinstance(end, int) and 0 <= start < end \
                <= len(document.text):
            return {"doc_id": sumber["doc_id"], "text": document.text[start:end], "start": start, "end": end}
        return {"doc_id": sumber.get("doc_id"), "text": sumber.get("text", ""), "start": start, "end": end}

    def grade(self, item: BankItem, answer: str | None) -> Grade:
        evidence = self._evidence(item)
        typed = " ".join((answer or "").split())
        if len(typed) > self.config.max_answer_chars:
            raise InputError(f"the answer is {len(typed):,} characters long; the limit is "
                             f"{self.config.max_answer_chars:,}.")
        plain = " ".join(_typed_words(formal(typed)))
        typed_terms = content_terms(formal(typed))
        # an answer that only says the question again ("yasin berkata soal koordinasi"); a short answer
        # whose words the question happens to hold (a cloze whose title holds the key) is an answer
        restates = bool(typed_terms) and typed_terms <= content_terms(formal(item.pertanyaan)) \
            and (item.jenis == "apa_kata" or len(typed_terms) >= 3) \
            and not content_terms(formal(item.jawaban)) <= typed_terms \
            and item.jenis != "pilihan_ganda" and not set(plain.split()[:1]) & (TRUE_WORDS | FALSE_WORDS)
        if plain in NO_ANSWER or not plain or restates:
            return Grade(item.id, "tidak menjawab", f"Belum dijawab. Jawabannya: {self._key_text(item)}. "
                         f"Sumber: “{evidence['text']}”", evidence)
        if item.jenis == "benar_salah":
            verdict, why = self._true_false(item, " ".join(_typed_words(typed)))
        elif item.jenis == "pilihan_ganda":
            verdict, why = self._choice(item, typed)
        elif item.jenis == "apa_kata" or len(item.jawaban.split()) > 6:
            verdict, why = self._open(item, typed, evidence)
        else:
            verdict, why = self._short(item.jawaban, typed)
        assert verdict in GRADES
        return Grade(item.id, verdict, f"{why} Sumber: “{evidence['text']}”", evidence)

    def _key_text(self, item: BankItem) -> str:
        if item.jenis == "benar_salah":
            return item.jawaban + (f" ({item.alasan})" if item.alasan else "")
        return item.jawaban

    def _true_false(self, item: BankItem, plain: str) -> tuple[str, str]:
        said = plain.split()
        raw = " ".join(_typed_words(plain))
        says_false = said[0] in FALSE_WORDS or raw.startswith(("tidak benar", "bukan benar", "tidak betul"))
        says_true = said[0] in TRUE_WORDS and not says_false
        if raw.startswith(("benar atau salah", "salah atau benar")):
            return "tidak menjawab", f"Belum dijawab: pernyataan ini {item.jawaban}."
        if not (says_true or says_false):
            if len(content_terms(plain)) >= 2:
                return "salah", f"Salah: jawablah benar atau salah. Pernyataan ini {item.jawaban}."
            return "tidak menjawab", f"Jawab “benar” atau “salah”. Pernyataan ini {item.jawaban}."
        right = (item.jawaban == "benar") == says_true
        why = f" {item.alasan}" if item.alasan else ""
        if right and says_false:
            # "salah, itu kata Khofifah": the correction must be the source's person too
            true_person = next((p for p in self.index.people() if item.alasan and p in item.alasan.split(", bukan")[0]),
                               None)
            named = self.people_named(" ".join(said[1:]))
            if true_person and named and not any(same_person(p, true_person) for p in named):
                return "sebagian", (f"Sebagian benar: pernyataan ini memang salah, tetapi yang benar {true_person}, "
                                    f"bukan {', '.join(named)}.")
        if right:
            return "benar", f"Benar: pernyataan ini {item.jawaban}.{why}"
        return "salah", f"Salah: pernyataan ini {item.jawaban}.{why}"

    def _choice(self, item: BankItem, typed: str) -> tuple[str, str]:
        options = item.pilihan or []
        letter = _LETTER.match(typed) or re.search(r"\b(?:jawaban(?:nya)?|pilihan|pilih)\s*:?\s*\(?([a-dA-D])\b", typed,
                                                  re.IGNORECASE)
        chosen = None
        if letter and len(options) == 4:
            chosen = options["abcd".index(letter.group(1).lower())]
        else:
            scores = [difflib.SequenceMatcher(None, typed.lower(), o.lower()).ratio() for o in options]
            best = max(range(len(options)), key=lambda i: scores[i], default=None)
            if best is not None and (scores[best] >= self.config.typo_ratio
                                     or self._short(options[best], typed)[0] == "benar"):
                chosen = options[best]
        if chosen is None:
            return self._short(item.jawaban, typed)
        if chosen.strip().lower() == item.jawaban.strip().lower():
            return "benar", f"Benar: {item.jawaban}."
        return "salah", f"Salah: jawabannya {item.jawaban}, bukan {chosen}."

    def _short(self, key: str, typed: str) -> tuple[str, str]:
        """A short key: a number, a date, a person or a name, or a few words."""
        key_numbers, typed_numbers = number_values(key), number_values(typed)
        if key_numbers:
            if key_numbers <= typed_numbers:
                return "benar", f"Benar: {key}."
            if typed_numbers:
                return "salah", f"Salah: sumber menyebut {key}, bukan {', '.join(sorted(typed_numbers))}."
            return "salah", f"Salah: jawabannya {key}."
        key_dates, typed_dates = date_values(key), date_values(typed)
        if key_dates:
            if typed_dates and all(any(t[1:] == k[1:] for t in typed_dates) for k in key_dates):
                return "benar", f"Benar: {key}."
            return "salah", f"Salah: jawabannya {', '.join(format_date(d) for d in key_dates)}."
        people = self.index.people()
        key_person = next((p for p in people if same_person(key, p)), None)
        if key_person:
            named = self.people_named(typed)
            if named and same_person(named[0], key_person):
                return "benar", f"Benar: {key_person}."  # the first person named is the answer given
            if named:
                return "salah", f"Salah: yang dimaksud {key_person}, bukan {named[0]}."
            if re.search(rf"\b{TITLE_WORDS}\b", canonical_office(typed).title()):
                return "sebagian", f"Sebagian benar: sebutkan namanya ({key_person}); jabatan saja bisa berarti " \
                                   "lebih dari satu orang."
        key_words = [w for w in _typed_words(canonical_office(key)) if len(w) > 2]
        typed_words = _typed_words(canonical_office(formal(typed)))
        typed_words += [w for t in typed_words for w in EN_ID_GLOSSARY.get(t, "").split()]  # "creative thinking"
        found = [w for w in key_words if any(_word_matches(t, w, self.config.typo_ratio) for t in typed_words)]
        if key_words and len(found) == len(key_words):
            return "benar", f"Benar: {key}."
        if found and 2 * len(found) >= len(key_words):
            return "sebagian", f"Sebagian benar: jawaban lengkapnya {key}."
        return "salah", f"Salah: jawabannya {key}."

    def _names(self, person: str, typed: str) -> bool:
        """Whether ``typed`` names ``person`` by any of their names (a small typo allowed)."""
        parts = [w.lower() for w in person.split() if len(w) > 3]
        return any(_word_matches(t, p, self.config.typo_ratio) for t in _typed_words(typed) for p in parts)

    def _open(self, item: BankItem, typed: str, evidence: dict) -> tuple[str, str]:
        """An open answer against the source's words: how much of them it holds, and nothing it
        says against them (another person, number or negation)."""
        idf = self.index.idf
        typed = formal(typed)
        key_terms = content_terms(formal(item.jawaban))
        typed_terms = content_terms(typed)
        # the key's words the answer holds, a small typo allowed ("kordinasi" for "koordinasi")
        held = {k for k in key_terms if k in typed_terms
                or any(_word_matches(t, k, self.config.typo_ratio) for t in typed_terms)}
        coverage = lexical_coverage(key_terms, held, idf)
        if not number_values(item.jawaban):
            typed = re.sub(r"\d+", " ", typed)  # numbers matter only where the source gives one
        people = self.index.people()
        document = self.index.documents.get(item.sumber.get("doc_id"))
        named = statement_people(typed, people)
        if document is not None:
            speaker = person_before(document.text, evidence["end"] or 0, people)
            others = [p for p in named if speaker and not same_person(p, speaker)
                      and any(same_person(p, q) for q in people)]
            if others:
                return "salah", (f"Salah: kata-kata ini dari {speaker}, bukan {', '.join(others)}.")
            reasons, contradicted, added = differences(typed, [], item.jawaban, item.jawaban, document, people,
                                                       self.compare)
            if contradicted or added:
                return "salah", "Salah: " + " ".join(reasons)
        if self.meaning is not None and coverage >= self.config.open_partial:
            # with the meaning check on, as for an answer's sentences: the speaker's words must
            # mean what the trainee wrote, not only hold its words
            check = self.meaning.check(formal(item.jawaban), typed)  # both in their written forms
            if not check.faithful:
                return "sebagian" if coverage >= self.config.open_right else "salah", \
                    "Jawaban memuat kata-kata sumber, tetapi maknanya berbeda: " + " ".join(check.reasons)
        if coverage >= self.config.open_right:
            return "benar", f"Benar: jawaban memuat {coverage:.0%} inti ucapan di sumber."
        if coverage >= self.config.open_partial:
            return "sebagian", f"Sebagian benar: jawaban memuat {coverage:.0%} inti ucapan di sumber."
        if not typed_terms & content_terms(item.sumber.get("text", "")):
            return "salah", "Salah: jawaban tidak membahas isi sumber."
        return "salah", f"Salah: jawaban hanya memuat {coverage:.0%} inti ucapan di sumber."
