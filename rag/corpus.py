"""Adding articles to the corpus from an upload: check, save under the corpus folder, index.

Uploaded files are saved in ``<corpus_dir>/uploads/`` under a cleaned name (never a
path from the upload), then the index is brought up to date incrementally: only the
new article is embedded. If indexing fails, the saved files are removed again and the
old index stays live, so the corpus and the index never disagree.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Callable

from rag.config import Settings
from rag.errors import InputError
from rag.indexer import build_index
from rag.ingest import MAX_FILE_BYTES, decode_bytes, document_from_text
from rag.stores import open_store
from rag.types import Document, IndexReport

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm")
UPLOAD_FOLDER = "uploads"


@dataclass
class AddReport:
    """What an upload did: the articles added, the files refused and why, the index build."""

    added: list[Document] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    index: IndexReport | None = None


def safe_filename(name: str) -> str:
    """A plain file name from an uploaded one: no folders, no dots in front, only letters,
    digits, '-', '_' and '.'; "../../etc/passwd" becomes "passwd"."""
    base = PurePath(str(name).replace("\\", "/")).name
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._-")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[:80] or "artikel"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check_upload(data: bytes, name: str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """The article in an uploaded file, or an InputError saying in Indonesian what is wrong."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InputError(f"{name}: jenis berkas '{suffix or 'tanpa akhiran'}' tidak didukung; "
                         "unggah artikel .txt, .md atau .html.")
    if len(data) > max_bytes:
        raise InputError(f"{name}: berkas {len(data) / 1e6:.1f} MB, melebihi batas "
                         f"{max_bytes // (1024 * 1024)} MB untuk satu artikel; pecah menjadi beberapa berkas.")
    if not data.strip():
        raise InputError(f"{name}: berkas kosong; unggah berkas yang berisi teks artikel.")
    try:
        text = decode_bytes(data, name)
    except InputError as exc:
        reason = "berkas biner, bukan teks" if "binary" in str(exc) else "bukan teks UTF-8"
        raise InputError(f"{name}: {reason}; simpan artikel sebagai teks UTF-8 (.txt, .md atau .html) "
                         "lalu unggah lagi.") from None
    if sum(ch.isalpha() for ch in text) < 20:
        raise InputError(f"{name}: tidak ada teks artikel di dalamnya; unggah berkas yang berisi artikel.")
    try:
        return document_from_text(text, name, is_html=suffix in {".html", ".htm"}, is_markdown=suffix == ".md")
    except InputError:
        raise InputError(f"{name}: tidak ada teks artikel yang tersisa setelah bagian navigasi web dibuang.") from None


def _free_path(folder: Path, name: str) -> Path:
    path = folder / name
    stem, suffix = path.stem, path.suffix
    i = 2
    while path.exists():
        path = folder / f"{stem}-{i}{suffix}"
        i += 1
    return path


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def add_articles(files: list[tuple[str | Path, str]], settings: Settings, embedder,
                 progress: Callable[[int, int, str], None] | None = None) -> AddReport:
    """Check each uploaded ``(path, original name)``, save the good ones under the corpus
    folder and index them incrementally. Files that cannot be ingested are reported in
    ``rejected`` and nothing is written for them."""
    report = AddReport()
    store = open_store(settings)
    # The articles already indexed, from the manifest: build_index reads the whole index anyway.
    known = store.manifest()["documents"] if store.exists() else {}
    batch: dict[str, str] = {}
    accepted: list[tuple[str, bytes, Document]] = []
    for path, name in files:
        shown = PurePath(str(name)).name or "berkas"
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            report.rejected.append((shown, f"berkas tidak bisa dibaca ({exc.strerror})."))
            continue
        try:
            document = check_upload(data, shown, settings.ingest.max_file_bytes)
        except InputError as exc:
            report.rejected.append((shown, str(exc).removeprefix(f"{shown}: ")))
            continue
        if document.doc_id in known:
            title = known[document.doc_id].get("title") or document.doc_id
            report.rejected.append((shown, f"artikel ini sudah ada di indeks: “{title}”."))
            continue
        if document.doc_id in batch:
            report.rejected.append((shown, f"isinya sama dengan {batch[document.doc_id]}."))
            continue
        batch[document.doc_id] = shown
        accepted.append((safe_filename(shown), data, document))
    if not accepted:
        return report

    folder = (settings.corpus_dir / UPLOAD_FOLDER).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    try:
        for name, data, document in accepted:
            path = _free_path(folder, name)
            if path.resolve().parent != folder:  # cannot happen with safe_filename; never write elsewhere
                raise InputError(f"{name}: nama berkas tidak aman.")
            _write_atomic(path, data)
            saved.append(path)
            report.added.append(document)
        # added to what the index has (not a mirror of the corpus folder): another app process
        # sharing the PostgreSQL store may have added articles this one's folder does not have
        report.index = build_index(saved, settings, embedder, add=True, progress=progress)
    except BaseException:
        for path in saved:
            path.unlink(missing_ok=True)
        raise
    return report
