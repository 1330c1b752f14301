"""A practice bank (rag/latihan.py) in the formats learning-management systems import: Moodle XML,
GIFT, and CSV for a spreadsheet; and readers of the first two, to prove an export keeps every
question, answer and piece of feedback (tests/test_latihan.py parses them back).

Moodle XML (docs.moodle.org "Moodle XML format"): one <question> per item, `multichoice` (single
answer, the key at fraction 100), `truefalse`, `shortanswer` (the key, and a number also in
words), `essay` for "apa kata" (the speaker's words as the grader's information); the source
passage is the general feedback. GIFT (docs.moodle.org "GIFT format"): `::id:: question {…}` with
`=` right and `~` wrong answers, `{T}`/`{F}`, `{}` for an essay; the special characters
``~ = # { } :`` escaped with a backslash.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

from rag.errors import InputError
from rag.lang import number_words, number_values
from rag.types import BankItem

FORMATS = ("moodle-xml", "gift", "csv")


def _feedback(item: BankItem) -> str:
    sumber = item.sumber
    title = sumber.get("title") or sumber.get("doc_id") or ""
    passage = " ".join(str(sumber.get("kalimat") or sumber.get("text", "")).split())
    why = f"{item.alasan} " if item.alasan else ""
    return f"{why}Sumber: {title}. “{passage}”"


def short_answers(item: BankItem) -> list[str]:
    """The answers a short-answer question accepts: the key, and a number in words too."""
    answers = [item.jawaban]
    for value in number_values(item.jawaban):
        if value.isdigit():
            words = number_words(int(value))
            if words and words not in answers:
                answers.append(words)
    return answers


# ----------------------------------------------------------------------------- Moodle XML


def _text(parent, tag: str, text: str, fmt: str | None = "html"):
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def to_moodle_xml(items: list[BankItem], category: str = "Latihan") -> str:
    quiz = ET.Element("quiz")
    head = ET.SubElement(quiz, "question", {"type": "category"})
    ET.SubElement(ET.SubElement(head, "category"), "text").text = f"$course$/top/{category}"
    kinds = {"pilihan_ganda": "multichoice", "benar_salah": "truefalse", "isian": "shortanswer", "apa_kata": "essay"}
    for item in items:
        question = ET.SubElement(quiz, "question", {"type": kinds[item.jenis]})
        ET.SubElement(ET.SubElement(question, "name"), "text").text = item.id
        _text(question, "questiontext", item.pertanyaan)
        _text(question, "generalfeedback", _feedback(item))
        ET.SubElement(question, "defaultgrade").text = "1"
        ET.SubElement(question, "penalty").text = "0"
        ET.SubElement(question, "hidden").text = "0"
        ET.SubElement(question, "idnumber").text = item.id
        if item.jenis == "pilihan_ganda":
            ET.SubElement(question, "single").text = "true"
            ET.SubElement(question, "shuffleanswers").text = "true"
            ET.SubElement(question, "answernumbering").text = "abc"
            for option in item.pilihan or []:
                right = option.strip().lower() == item.jawaban.strip().lower()
                answer = _text(question, "answer", option)
                answer.set("fraction", "100" if right else "0")
                _text(answer, "feedback", "Benar." if right else f"Salah: jawabannya {item.jawaban}.")
        elif item.jenis == "benar_salah":
            for value in ("true", "false"):
                right = (value == "true") == (item.jawaban == "benar")
                answer = _text(question, "answer", value, "moodle_auto_format")
                answer.set("fraction", "100" if right else "0")
                _text(answer, "feedback", "Benar." if right else f"Salah: pernyataan ini {item.jawaban}.")
        elif item.jenis == "isian":
            ET.SubElement(question, "usecase").text = "0"
            for text in short_answers(item):
                answer = _text(question, "answer", text, "moodle_auto_format")
                answer.set("fraction", "100")
                _text(answer, "feedback", "Benar.")
        else:
            ET.SubElement(question, "responseformat").text = "editor"
            ET.SubElement(question, "responserequired").text = "1"
            ET.SubElement(question, "responsefieldlines").text = "10"
            ET.SubElement(question, "attachments").text = "0"
            _text(question, "graderinfo", f"Ucapan di sumber: “{item.jawaban}”")
            _text(question, "responsetemplate", "")
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def read_moodle_xml(text: str) -> list[dict]:
    """The questions of a Moodle XML quiz (strictly parsed): name, type, text, general feedback,
    answers as (text, fraction, feedback), grader information."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"not well-formed Moodle XML ({exc})") from None
    if root.tag != "quiz":
        raise InputError(f"a Moodle XML file's root is <quiz>, not <{root.tag}>")
    out = []
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            continue
        name, body = question.findtext("name/text"), question.findtext("questiontext/text")
        if not name or body is None or kind not in ("multichoice", "truefalse", "shortanswer", "essay"):
            raise InputError(f"a <question type='{kind}'> without a name, a text or a known type")
        answers = [(a.findtext("text"), float(a.get("fraction", "nan")), a.findtext("feedback/text"))
                   for a in question.findall("answer")]
        if kind in ("multichoice", "truefalse", "shortanswer") and not any(f == 100 for _, f, _ in answers):
            raise InputError(f"question {name}: no answer at fraction 100")
        out.append({"name": name, "type": kind, "text": body, "feedback": question.findtext("generalfeedback/text"),
                    "answers": answers, "graderinfo": question.findtext("graderinfo/text")})
    return out


# ----------------------------------------------------------------------------- GIFT

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def to_gift(items: list[BankItem], category: str = "Latihan") -> str:
    lines = [f"$CATEGORY: $course$/top/{category}", ""]
    for item in items:
        head = f"::{gift_escape(item.id)}::{gift_escape(item.pertanyaan)}"
        general = f"####{gift_escape(_feedback(item))}"
        if item.jenis == "pilihan_ganda":
            options = " ".join(
                (f"={gift_escape(o)}#Benar." if o.strip().lower() == item.jawaban.strip().lower()
                 else f"~{gift_escape(o)}#{gift_escape('Salah: jawabannya ' + item.jawaban + '.')}")
                for o in item.pilihan or [])
            body = f"{{{options} {general}}}"
        elif item.jenis == "benar_salah":
            wrong = gift_escape(f"Salah: pernyataan ini {item.jawaban}.")
            body = f"{{{'T' if item.jawaban == 'benar' else 'F'}#{wrong}#Benar. {general}}}"
        elif item.jenis == "isian":
            body = "{" + " ".join(f"={gift_escape(a)}#Benar." for a in short_answers(item)) + f" {general}}}"
        else:
            body = "{" + general + "}"
        lines += [f"// sumber: {item.sumber.get('doc_id', '')}", f"{head} {body}", ""]
    return "\n".join(lines)


def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """``text`` cut before each unescaped mark of ``marks``: (mark, the text after it)."""
    parts, mark, current, i = [], "", [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if ch in marks:
            if current or mark:
                parts.append((mark, "".join(current)))
            mark, current = ch, []
        else:
            current.append(ch)
        i += 1
    parts.append((mark, "".join(current)))
    return parts


def read_gift(text: str) -> list[dict]:
    """The questions of a GIFT file (the subset ``to_gift`` writes, read strictly): name, text,
    type, answers as (text, right, feedback), general feedback."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("//")]
        if not lines or lines[0].startswith("$CATEGORY:"):
            continue
        source = " ".join(lines)
        match = re.fullmatch(r"::((?:\\.|[^:\\])+)::((?:\\.|[^{\\])*)\{((?:\\.|[^}\\])*)\}\s*", source)
        if not match:
            raise InputError(f"not a GIFT question: {source[:80]}")
        name, body, answer_part = (gift_unescape(match.group(1)), gift_unescape(match.group(2)).strip(),
                                   match.group(3).strip())
        general = None
        if "####" in answer_part:
            answer_part, general = answer_part.split("####", 1)
            general = gift_unescape(general.strip())
            answer_part = answer_part.strip()
        answers, kind = [], "essay"
        if re.fullmatch(r"[TF](#.*)?", answer_part, re.DOTALL):
            kind = "truefalse"
            pieces = _split_unescaped(answer_part, "#")
            answers = [("true" if pieces[0][1] == "T" else "false", True,
                        gift_unescape(pieces[2][1]).strip() if len(pieces) > 2 else None)]
        elif answer_part:
            choices = _split_unescaped(answer_part, "=~")
            for mark, value in choices:
                if not mark:
                    if value.strip():
                        raise InputError(f"question {name}: text before the first answer")
                    continue
                answer, _, feedback = (value.partition("#") if "\\#" not in value else (value, "", ""))
                answers.append((gift_unescape(answer).strip(), mark == "=", gift_unescape(feedback).strip() or None))
            kind = "multichoice" if any(not right for _, right, _ in answers) else "shortanswer"
        out.append({"name": name, "type": kind, "text": body, "answers": answers, "feedback": general})
    return out


# ----------------------------------------------------------------------------- CSV


def to_csv(items: list[BankItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "jenis", "pertanyaan", "jawaban", "pilihan_a", "pilihan_b", "pilihan_c", "pilihan_d",
                     "alasan", "doc_id", "judul", "start", "end", "bagian_sumber"])
    for item in items:
        options = (item.pilihan or []) + [""] * (4 - len(item.pilihan or []))
        sumber = item.sumber
        writer.writerow([item.id, item.jenis, item.pertanyaan, item.jawaban, *options[:4], item.alasan or "",
                         sumber.get("doc_id", ""), sumber.get("title", ""), sumber.get("start", ""),
                         sumber.get("end", ""), " ".join(str(sumber.get("text", "")).split())])
    return out.getvalue()


def export(items: list[BankItem], fmt: str) -> str:
    if fmt == "moodle-xml":
        return to_moodle_xml(items)
    if fmt == "gift":
        return to_gift(items)
    if fmt == "csv":
        return to_csv(items)
    raise InputError(f"unknown format '{fmt}': use {', '.join(FORMATS)}.")
