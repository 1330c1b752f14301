"""Indonesian-aware tokenisation shared by BM25 retrieval and evidence scoring."""

from __future__ import annotations

import re
from functools import lru_cache

# Function words and question words: they carry no topic. Indonesian first, then the
# English question words users mix in.
STOPWORDS = frozenset("""
yang dan di ke dari dalam untuk pada dengan oleh itu ini adalah ialah atau juga tidak tak
bukan sebagai akan telah sudah sedang masih bisa dapat harus agar supaya karena sehingga jika
kalau maka saat ketika namun tetapi tapi serta bahwa yaitu yakni para sang si pun lah kah nya
ada apa siapa mana kapan mengapa kenapa bagaimana berapa apakah siapakah dimanakah bagaimanakah
mengapakah kah tersebut hal sebuah seorang suatu saja lagi lebih sangat paling hanya setiap
semua seluruh masing kami kita saya aku anda ia dia mereka beliau kamu engkau
menurut kata soal tentang terhadap kepada mengenai atas bagi antara hingga sampai sejak selama seberapa
per tiap the a an of to in on at for is are was were what who whom which when where why how
did do does say said about and or by with from as be this that
""".split())

_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Sastrawi stem of one lower-case word; numbers and very short words are kept as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


# Spelling variants common in Indonesian news, mapped to one form so that "risiko" finds
# "resiko" (both spellings appear in the same article).
SPELLING_VARIANTS = {
    "resiko": "risiko", "praktek": "praktik", "analisa": "analisis", "kreatifitas": "kreativitas",
    "aktifitas": "aktivitas", "produktifitas": "produktivitas", "efektifitas": "efektivitas",
    "sistim": "sistem", "jadual": "jadwal", "nasehat": "nasihat", "ijin": "izin", "apotik": "apotek",
    "hakekat": "hakikat", "kwalitas": "kualitas", "obyek": "objek", "subyek": "subjek", "propinsi": "provinsi",
    "tehnik": "teknik", "managemen": "manajemen", "manajement": "manajemen", "karir": "karier",
    "merubah": "mengubah", "rubah": "ubah", "dirubah": "diubah",
}


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits), spelling variants unified."""
    return [SPELLING_VARIANTS.get(w, w) for w in _TOKEN.findall(text.lower()) if w != "_"]


def tokenize(text: str, stemmed: bool = True) -> list[str]:
    """BM25 tokens: lower-cased words without stopwords, stemmed."""
    out = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        out.append(stem(word) if stemmed else word)
    return out


def content_terms(text: str) -> set[str]:
    """The stemmed content words of a text, as a set."""
    return set(tokenize(text))


def numbers(text: str) -> set[str]:
    """Numbers written in a text, normalised ("1.000" -> "1000", "2,5" -> "2.5")."""
    found = set()
    for raw in re.findall(r"\d+(?:[.,]\d+)*", text):
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
            found.add(raw.replace(".", ""))
        else:
            found.add(raw.replace(",", "."))
    return found


# English words users mix into questions, with the Indonesian words the articles use.
# Dense retrieval is multilingual but weak across languages at this model size; this
# glossary lets BM25 and the lexical checks see an English question's topic too.
EN_ID_GLOSSARY = {
    "civil servant": "asn aparatur sipil negara pegawai", "civil servants": "asn aparatur sipil negara pegawai",
    "central java": "jawa tengah jateng", "east java": "jawa timur jatim", "west java": "jawa barat jabar",
    "deputy governor": "wakil gubernur wagub", "vice governor": "wakil gubernur wagub",
    "governor": "gubernur", "regent": "bupati", "mayor": "wali kota walikota", "president": "presiden",
    "minister": "menteri", "ministry": "kementerian", "province": "provinsi pemprov", "provincial": "provinsi pemprov",
    "government": "pemerintah pemerintahan", "bureaucracy": "birokrasi", "bureaucrat": "birokrat",
    "promotion": "jabatan promosi", "promotions": "jabatan promosi", "position": "jabatan", "positions": "jabatan",
    "office": "jabatan kantor", "selling": "jual", "buying": "beli", "bribery": "suap", "corruption": "korupsi",
    "lobbying": "lobi", "lobby": "lobi", "service": "pelayanan layanan", "services": "pelayanan layanan",
    "public": "publik masyarakat", "people": "masyarakat", "citizens": "masyarakat warga", "community": "masyarakat",
    "innovation": "inovasi", "innovative": "inovatif inovasi", "creative": "kreatif", "creativity": "kreativitas kreatif",
    "performance": "kinerja", "evaluation": "evaluasi", "budget": "anggaran", "salary": "gaji", "salaries": "gaji",
    "training": "pelatihan", "workshop": "workshop", "digital": "digital", "transformation": "transformasi",
    "apologize": "maaf", "apologized": "maaf", "apology": "maaf", "sorry": "maaf", "meeting": "rapat",
    "coordination": "koordinasi", "risk": "risiko resiko", "risks": "risiko resiko", "team": "tim",
    "work": "kerja bekerja", "working": "kerja bekerja", "routine": "rutinitas", "professional": "profesional",
    "professionalism": "profesionalisme profesional", "integrity": "integritas", "trust": "amanah amanat",
    "servant": "pelayan", "master": "tuan", "serve": "melayani", "serving": "melayani", "leader": "pemimpin",
    "leaders": "pemimpin", "head": "kepala", "agency": "instansi dinas", "agencies": "instansi dinas",
    "regional": "daerah", "region": "daerah", "district": "kabupaten", "city": "kota", "village": "desa",
    "program": "program", "academy": "academy akademi", "change": "perubahan", "agent": "agent agen",
    "economy": "ekonomi", "crisis": "krisis", "pandemic": "pandemi", "theme": "tema", "lecture": "kuliah",
    "speaker": "pembicara", "said": "kata", "says": "kata", "say": "kata", "asked": "meminta", "urged": "mendorong",
    "year": "tahun", "month": "bulan", "months": "bulan", "week": "minggu", "day": "hari",
}
# Names of the same place: a province's full name, its news abbreviation and its English name.
# "Gubernur Jateng" and "Gubernur Jawa Tengah" name the same person.
PLACE_ALIASES = (
    ("jawa tengah", "jateng", "central java"), ("jawa timur", "jatim", "east java"),
    ("jawa barat", "jabar", "west java"), ("daerah istimewa yogyakarta", "diy", "yogyakarta special region"),
    ("daerah khusus ibukota jakarta", "dki jakarta", "dki"), ("sumatera utara", "sumut", "north sumatra"),
    ("sumatera barat", "sumbar", "west sumatra"), ("sumatera selatan", "sumsel", "south sumatra"),
    ("kalimantan timur", "kaltim", "east kalimantan"), ("kalimantan barat", "kalbar", "west kalimantan"),
    ("sulawesi selatan", "sulsel", "south sulawesi"), ("sulawesi utara", "sulut", "north sulawesi"),
    ("nusa tenggara timur", "ntt", "east nusa tenggara"), ("nusa tenggara barat", "ntb", "west nusa tenggara"),
)
_ALIAS_OF = {alias: group for group in PLACE_ALIASES for alias in group}
_ALIAS_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _ALIAS_OF), key=len, reverse=True)) + r")\b")


def name_variants(name: str, english: bool = False) -> set[str]:
    """The ways an article may write a name from a question, lower-cased: place names in
    every alias ("Gubernur Jateng" -> also "gubernur jawa tengah"). From an English question,
    the name's English words are dropped unless they are a place ("Governor Khofifah" ->
    "khofifah"); a name left with no word gives no variant."""
    text = " ".join(name.lower().split())
    parts = _ALIAS_PATTERN.split(text)  # odd positions are aliases
    if english:
        parts = [p if i % 2 else " ".join(w for w in p.split() if w not in EN_ID_GLOSSARY) for i, p in enumerate(parts)]
    variants = [""]
    for i, part in enumerate(parts):
        options = _ALIAS_OF[part] if i % 2 else (part,)
        variants = [f"{v} {o}" for v in variants for o in options]
    return {" ".join(v.split()) for v in variants} - {""}


_GLOSSARY_PATTERN = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, EN_ID_GLOSSARY), key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_ENGLISH_HINTS = {"what", "who", "how", "did", "does", "the", "about", "say", "said", "which", "when", "where",
                  "why", "is", "are", "was", "were", "of"}


def is_english(text: str) -> bool:
    """Whether a question reads as English (two or more English function words)."""
    return sum(t in _ENGLISH_HINTS for t in words(text)) >= 2


def expand_query(text: str) -> str:
    """An English question rendered word by word in the articles' Indonesian (glossary words
    replaced, English function words dropped); any other question is returned unchanged."""
    if not is_english(text):
        return text
    out, last = [], 0
    for match in _GLOSSARY_PATTERN.finditer(text):
        out.append(text[last:match.start()])
        out.append(EN_ID_GLOSSARY[match.group(1).lower()])
        last = match.end()
    out.append(text[last:])
    return " ".join(w for w in words("".join(out)) if w not in _ENGLISH_HINTS and w not in STOPWORDS)


# Text in an article that speaks to the assistant instead of the reader ("abaikan instruksi
# sebelumnya ...", "ignore all previous instructions ..."), up to the end of its clause.
_INSTRUCTION = re.compile(
    r"(?:\b(?:abaikan|lupakan|jangan\s+(?:ikuti|patuhi|hiraukan)|ignore|disregard|forget)\b[^.!?;:()\n]{0,60}?"
    r"\b(?:instruksi|perintah|aturan|petunjuk|prompt|instructions?|rules?|directions?)\b"
    r"|\bsystem\s+prompt\b|\b(?:kamu|anda)\s+(?:sekarang\s+)?(?:adalah|harus|wajib)\s+(?:asisten|ai|model|bot)\b"
    r"|\byou\s+are\s+now\b|\b(?:jawab(?:lah)?|balas(?:lah)?|answer|reply)\s+(?:semua|setiap|seluruh|all|every|each)\b)"
    r"[^.!?;()\n]*",
    re.IGNORECASE,
)
MASKED_INSTRUCTION = "[teks perintah disembunyikan]"


def mask_instructions(text: str) -> str:
    """``text`` with instruction-like passages replaced by a placeholder, for the LLM's
    prompt and the support check (the user still sees the article as it is)."""
    return _INSTRUCTION.sub(MASKED_INSTRUCTION, text)
