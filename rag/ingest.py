"""Corpus ingestion: read articles, strip web boilerplate, extract what metadata is reliable.

Accepted inputs: a folder (searched recursively) or single files of ``.txt``, ``.md`` and
``.html``/``.htm``, and ``.jsonl`` files of ``{"id", "title", "text"}`` records.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from rag.config import IngestConfig
from rag.errors import InputError
from rag.lang import DAYS_PATTERN, MONTHS, quoted_people
from rag.types import Document, Skipped

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
MAX_FILE_BYTES = IngestConfig.max_file_bytes


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ----------------------------------------------------------------------------- boilerplate

# A line starting with one of these ends the article: what follows is site furniture.
_END_MARKERS = re.compile(
    r"^\s*(related posts|leave a reply|jangan lewatkan|baca berita terkait|berita terkait|"
    r"berita populer|berita terbaru|artikel terkait|komentar|tags?\s*:|share\s*:|bagikan\s*:)",
    re.IGNORECASE,
)
# Whole lines that are never article text.
_DROP_LINE = re.compile(
    r"^\s*(?:"
    r"baca\s+juga\b.*|"
    r"simak\s+juga\b.*|"
    r"lihat\s+juga\s*:.*|"
    r"copyright\b.*|©.*|"
    r"all rights reserved.*|"
    r"(?:editor|penulis|pewarta|reporter|penyunting|redaktur)\s*:.*|"
    r"read/\s*rendering in.*|"
    r"loading\.*|"
    r"(?:a\s){2}a|"
    r"advertisement|iklan|"
    r"[\w.-]+\.(?:id|com|co\.id|net|org)|"
    r"(?:peristiwa|nasional|daerah|politik|ekonomi)"
    r")\s*$",
    re.IGNORECASE,
)
_PHOTO_CAPTION = re.compile(r"\((?:foto|photo|dok(?:umentasi)?)\s*[:.][^)]*\)\s*$", re.IGNORECASE)
# Editor/agency codes closing an article: "(Htm/S-01).", "(msd)", "(ST02)".
_TRAILING_CODE = re.compile(r"\s*\((?=[^)]*[A-Za-z])[A-Za-z0-9/\- ]{2,12}\)\.?\s*$")

_DATE_LINE = re.compile(
    rf"^\s*(?:{DAYS_PATTERN},?\s+)?(\d{{1,2}})\s+([a-z]+)\s+(\d{{4}})(?:\s*[-–|,]\s*\d{{1,2}}[:.]\d{{2}}(?:\s*wib)?)?\s*$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(rf"\b{DAYS_PATTERN}\s*\((\d{{1,2}})/(\d{{1,2}})/(\d{{4}})\)", re.IGNORECASE)
# "Semarang – ", "SURABAYA - ", "SURABAYATODAY.ID, SURABAYA – ", "Surabaya, MCI News - "
_DATELINE = re.compile(r"^([A-Z][\w.]*(?:[ ,]{1,2}[A-Z][\w.]*){0,3})\s+[–—-]\s+(?=\S)")
_MEDIA_WORDS = re.compile(r"\b(?:news|online|today|media|tv|post|times|com|id)\b|\.", re.IGNORECASE)


def _dateline_place(prefix: str) -> str | None:
    """The place in a dateline prefix such as "SURABAYATODAY.ID, SURABAYA" or "Surabaya, MCI News"."""
    for part in prefix.split(","):
        part = part.strip()
        if part and not _MEDIA_WORDS.search(part) and len(part.split()) <= 2:
            return part.title()
    return None


def _iso_date(day: str, month: str | int, year: str) -> str | None:
    m = month if isinstance(month, int) else MONTHS.get(month.lower())
    if not m or not (1 <= int(day) <= 31):
        return None
    return f"{int(year):04d}-{m:02d}-{int(day):02d}"


def clean_text(raw: str) -> tuple[str, str, dict]:
    """Strip boilerplate from a scraped article. Returns (title, cleaned body, metadata)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in raw.split("\n")]
    meta: dict = {}
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if _END_MARKERS.match(line):
            break
        date = _DATE_LINE.match(line)
        if date:
            iso = _iso_date(date.group(1), date.group(2), date.group(3))
            if iso:
                meta.setdefault("date", iso)
                continue
        if _DROP_LINE.match(line) or line.startswith("•"):
            continue
        if _PHOTO_CAPTION.search(line):
            continue
        key = line.casefold()
        if key in seen:  # scraped pages repeat the headline and captions
            continue
        seen.add(key)
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    # A byline (a lone short name) just before the end markers.
    if kept and re.fullmatch(r"(?:[A-Z][a-z]+\s?){2,4}", kept[-1]) and len(kept) > 2:
        meta.setdefault("author", kept.pop())
        while kept and kept[-1] == "":
            kept.pop()
    if not kept:
        return "", "", meta
    # The first line is the headline unless it reads as the lead paragraph.
    first = kept[0]
    has_headline = len(first.split()) <= 30 and not first.endswith((".", "”", '"'))
    body_lines = kept[1:] if has_headline else kept
    while body_lines and body_lines[0] == "":
        body_lines.pop(0)
    if body_lines:
        body_lines[-1] = _TRAILING_CODE.sub("", body_lines[-1])
    # Dateline ("Semarang – ", "SURABAYA - ") on one of the first paragraphs of running text.
    long_seen = 0
    for i, line in enumerate(body_lines):
        if len(line.split()) < 12:
            continue
        match = _DATELINE.match(line)
        if match:
            place = _dateline_place(match.group(1))
            if place:
                meta.setdefault("place", place)
                rest = line[match.end():]
                body_lines[i] = rest[:1].upper() + rest[1:]
            break
        long_seen += 1
        if long_seen == 2:
            break
    if has_headline:
        title = first
    else:
        lead = body_lines[0]
        words = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0].split()
        title = " ".join(words[:14]).rstrip(",.;:") + ("…" if len(words) > 14 else "")
    body = "\n".join(body_lines)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    if "date" not in meta:
        numeric = _NUMERIC_DATE.search(body)
        if numeric:
            iso = _iso_date(numeric.group(1), int(numeric.group(2)), numeric.group(3))
            if iso:
                meta["date"] = iso
    people = quoted_people(body)
    if people:
        meta["people"] = people
    return title, body, meta


# ----------------------------------------------------------------------------- HTML


class _HTMLText(HTMLParser):
    """Visible text of an HTML page with block elements as line breaks; skips scripts,
    styles, navigation, headers, footers, asides and forms."""

    _SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "iframe", "template"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
              "blockquote", "tr", "title", "figcaption", "ul", "ol", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


# Elements whose content is never an article's text, whatever the page's layout (<header> may
# hold the headline, so it is left to trafilatura).
_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "nav")
# Its complaints about pages that are not whole HTML documents are handled here (html_to_text).
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def html_article(markup: str) -> tuple[str, dict]:
    """Headline and article body of a web page, one block per paragraph, for clean_text; and
    the page's publication date when its markup states one (meta tags, JSON-LD, <time>).

    trafilatura finds the article among the page's furniture (menus, cookie banners,
    related-article lists, comments, ads) far better than a tag blacklist; html_to_text is the
    fallback when it finds no article or fails. Neither ever returns a script's content."""
    import trafilatura  # here, not at the top: a question never needs it (cold start of `rag ask`)

    try:
        tree = trafilatura.load_html(markup)
        found = None
        if tree is not None:
            # Gone before trafilatura sees the page: it reads the headline from an <h1> with a
            # <script> or <nav> inside as it is, and keeps a <template>'s text.
            for element in tree.xpath("|".join(f"//{tag}" for tag in _NEVER_TEXT)):
                element.drop_tree()
            found = trafilatura.bare_extraction(
                tree, favor_precision=True, include_comments=False, with_metadata=True,
                # Dates from the markup only: a wider search reads "© 2025" as 1 January 2025.
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except Exception:  # noqa: BLE001 - a page it cannot parse still gets the plain cleaner
        found = None
    body = (found.text or "").strip() if found is not None else ""
    if not body:
        return html_to_text(markup), {}
    body = re.sub(r"\n+", "\n\n", body)  # paragraphs apart, as html_to_text gives them
    title = re.sub(r"\s+", " ", found.title or "").strip()
    meta = {"date": found.date} if found.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found.date) else {}
    return (title + "\n\n" + body if title else body), meta


def html_to_text(markup: str) -> str:
    """Text of an HTML document, one block per line; the <title> first when no <h1> follows it."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    body = "".join(parser.parts)  # character references are already decoded (convert_charrefs)
    body = "\n".join(re.sub(r"\s+", " ", line).strip() for line in body.split("\n"))
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    title = re.sub(r"\s+", " ", parser.title).strip()
    if title and not body.startswith(title):
        body = (title + "\n\n" + body).strip()
    return body


@lru_cache(maxsize=1)
def markdown_parser():
    """CommonMark with GitHub's tables and strikethrough; raw HTML is parsed so that it can be cleaned."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _MarkdownText:
    """Plain text of parsed Markdown: one line per heading, paragraph line, list item and table
    row, a blank line between blocks. Links and images become their text, code its content.
    Raw HTML goes through the HTML cleaner, so <script> and the like leave neither markup nor
    content, even when the tag is open across several Markdown blocks."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.skip = 0  # inside raw <script>, <style>, <nav>…: its text is not the article's

    def raw_html(self, markup: str) -> str:
        parser = _HTMLText()
        parser._skip = self.skip
        parser.feed(markup)
        parser.close()
        self.skip = parser._skip
        return "".join(parser.parts)

    def inline(self, children) -> str:
        parts: list[str] = []
        for child in children or []:
            if child.type == "html_inline":
                parts.append(self.raw_html(child.content))
            elif self.skip:
                continue
            elif child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):  # the source's lines stay lines
                parts.append("\n")
            elif child.type == "image":
                parts.append(self.inline(child.children))  # its alt text
        return "".join(parts)

    def newline(self) -> None:
        if self.out and not self.out[-1].endswith("\n"):
            self.out.append("\n")

    def render(self, tokens) -> str:
        lists: list[int | None] = []  # the next number of each open ordered list, None if bulleted
        cells = 0
        for token in tokens:
            kind = token.type
            if kind == "inline":
                self.out.append(self.inline(token.children))
            elif kind in ("paragraph_close", "heading_close", "blockquote_close", "table_close", "hr"):
                self.out.append("\n" if token.hidden else "\n\n")  # hidden: a paragraph in a tight list
            elif kind == "bullet_list_open":
                lists.append(None)
            elif kind == "ordered_list_open":
                lists.append(int(token.attrGet("start") or 1))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
                self.out.append("\n\n")
            elif kind == "list_item_open":
                self.newline()
                if lists[-1] is None:
                    self.out.append("- ")
                else:
                    self.out.append(f"{lists[-1]}. ")
                    lists[-1] += 1
            elif kind == "list_item_close":
                self.newline()
            elif kind == "tr_open":
                cells = 0
            elif kind in ("th_open", "td_open"):
                self.out.append(" | " if cells else "")
                cells += 1
            elif kind == "tr_close":
                self.out.append("\n")
            elif kind in ("fence", "code_block"):
                if not self.skip:
                    self.out.append(token.content + "\n\n")
            elif kind == "html_block":
                self.out.append(self.raw_html(token.content) + "\n\n")
        return re.sub(r"\n{3,}", "\n\n", "".join(self.out)).strip()


def markdown_to_text(text: str) -> str:
    """Markdown as plain text (see _MarkdownText)."""
    return _MarkdownText().render(markdown_parser().parse(text))


# ----------------------------------------------------------------------------- reading


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an article file: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything
    else is refused rather than guessed."""
    if not data.strip():
        raise InputError(f"{source}: the file is empty; give it the article's text.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: the file starts like UTF-16 text but is not (bad byte at offset "
                             f"{exc.start}); save it as UTF-8 and try again.") from None
    else:
        if b"\x00" in data[:4096]:
            raise InputError(f"{source}: this is a binary file, not text; give a .txt, .md or .html article.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source}: the file is not UTF-8 text (bad byte at offset {exc.start}); "
                "save it as UTF-8 and index again."
            ) from None
    if not text.strip():
        raise InputError(f"{source}: the file is empty; give it the article's text.")
    return text


def document_from_text(raw: str, source: str, *, is_html: bool = False, is_markdown: bool = False) -> Document:
    """Clean one article's raw text (or HTML) into a Document."""
    page_meta: dict = {}
    if is_html:
        raw, page_meta = html_article(raw)
    elif is_markdown:
        raw = markdown_to_text(raw)
    title, body, meta = clean_text(raw)
    for key, value in page_meta.items():
        meta.setdefault(key, value)
    if not body.strip() and not title:
        raise InputError(f"{source}: no article text is left after removing web boilerplate.")
    if not body.strip():
        body, title = title, title[:120]
    digest = content_hash(title + "\n" + body)
    return Document(doc_id=digest, title=title, text=body, source=source, content_hash=digest, meta=meta)


def read_limited(path: Path, max_bytes: int, over: str, missing: str = "no such file") -> bytes:
    """A file's bytes, refused with a clear InputError when it is larger than ``max_bytes`` (the
    message ends with ``over``: what to do), missing, or unreadable."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            megabytes = f"{size / 2**20:.1f}".removesuffix(".0")
            raise InputError(f"{path.name}: the file is {megabytes} MB, over the {max_bytes // 2**20} MB "
                             f"limit {over}.")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: {missing}.") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}).") from None


def read_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and clean one .txt/.md/.html article of at most ``max_bytes``."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise InputError(f"{path}: unsupported file type '{suffix}'; use .txt, .md, .html or .jsonl.")
    data = read_limited(path, max_bytes, "for one article; split it",
                        missing="the file disappeared while it was being read; index again")
    text = decode_bytes(data, str(path))
    return document_from_text(text, str(path), is_html=suffix in {".html", ".htm"}, is_markdown=suffix == ".md")


def read_jsonl(path: Path) -> Iterator[Document | Skipped]:
    """Documents from a JSONL file of {"id", "title", "text"}; the id is kept unchanged."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}).") from None
    with handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{line_no}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skipped(where, f"not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict) or not str(record.get("id") or "").strip():
                yield Skipped(where, "a record needs an \"id\" and a \"text\"")
                continue
            text = str(record.get("text") or "").strip()
            if not text:
                yield Skipped(where, f"record {record['id']} has no text")
                continue
            title = str(record.get("title") or "").strip()
            yield Document(
                doc_id=str(record["id"]), title=title, text=text, source=f"{path}#{record['id']}",
                content_hash=content_hash(title + "\n" + text), meta={},
            )


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The article and JSONL files under the given paths, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and \
                        child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder.")


def load_documents(paths: Iterable[Path], max_bytes: int = MAX_FILE_BYTES) -> tuple[list[Document], list[Skipped]]:
    """Read every input; unreadable ones are returned as Skipped, never raised, so one bad
    file does not stop the rest. Duplicate articles (same content) are kept once."""
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for path in iter_input_files(paths):
        if path.suffix.lower() in JSONL_SUFFIXES:
            items: Iterable[Document | Skipped] = read_jsonl(path)
        else:
            try:
                items = [read_file(path, max_bytes)]
            except InputError as exc:
                items = [Skipped(str(path), str(exc).removeprefix(f"{path}: "))]
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
            elif item.doc_id in seen:
                skipped.append(Skipped(item.source, f"duplicate of {seen[item.doc_id]}", duplicate=True))
            else:
                seen[item.doc_id] = item.source
                docs.append(item)
    return docs, skipped
