"""Indonesian language knowledge, in one place: stopwords, the stemmer, spelling variants,
the English glossary and place aliases, number words, negations, speech verbs, titles and
region words, question words, abbreviations, and the one detector of names.

Nothing here knows about documents, indexes or models: every stage reads its language
facts from this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Function words and question words: they carry no topic. Indonesian first, then the
# English question words users mix in.
STOPWORDS = frozenset("""
yang dan di ke dari dalam untuk pada dengan oleh itu ini adalah ialah atau juga tidak tak
bukan alih sebagai akan telah sudah sedang masih bisa dapat harus perlu agar supaya karena sehingga jika
kalau maka saat ketika namun tetapi tapi serta bahwa yaitu yakni para sang si pun lah kah nya
ada apa siapa mana kapan mengapa kenapa bagaimana berapa apakah siapakah dimanakah bagaimanakah
mengapakah kah tersebut hal sebuah seorang suatu saja lagi lebih sangat paling hanya setiap
semua seluruh masing kami kita saya aku anda ia dia mereka beliau kamu engkau
menurut kata soal tentang terhadap kepada mengenai atas bagi antara hingga sampai sejak selama seberapa
per tiap daripada kini sekarang dulu dahulu pernah
the a an of to in on at for is are was were what who whom which when where why how
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


# Prefixes of verbs whose root the stemmer's dictionary lacks ("dimitigasi", "memitigasi",
# "menindaklanjuti"), with what the prefix took from the root: "meny-" an "s", "men-" before a vowel
# a "t", "mem-" before a vowel a "p" (after "me-" before a root in "m": "memitigasi").
_LOOSE_PREFIX = re.compile(r"^(?:(di|ber|ter)|(meng)(?=[aeiough])|(meny)(?=[aeiou])|(mem)(?=[bfv])|(men)(?=[cdjz])|"
                           r"(men)(?=[aeiou])|(me)(?=[lmrwy])|(mem)(?=[aeiou]))(\w{6,})$")
_RESTORED = {3: "s", 6: "t", 8: "p"}


@lru_cache(maxsize=50_000)
def root(word: str) -> str:
    """``stem``, and for an affixed word the stemmer leaves as it is because its dictionary lacks
    the root, the word without its prefix: "dimitigasi" and "memitigasi" are "mitigasi"
    (claims_heldout10 c23, a reversal the negation check missed), "menindaklanjuti" is
    "tindaklanjuti"."""
    stemmed = stem(word)
    if stemmed != word or len(word) <= 6:
        return stemmed
    match = _LOOSE_PREFIX.match(word)
    if not match:
        return stemmed
    group = next(i for i in range(1, 9) if match.group(i))
    return _RESTORED.get(group, "") + match.group(9)


# Spelling variants common in Indonesian news, mapped to one form so that "risiko" finds
# "resiko" (both spellings appear in the same article), and spoken forms its quotations keep.
SPELLING_VARIANTS = {
    "resiko": "risiko", "praktek": "praktik", "analisa": "analisis", "kreatifitas": "kreativitas",
    "aktifitas": "aktivitas", "produktifitas": "produktivitas", "efektifitas": "efektivitas",
    "sistim": "sistem", "jadual": "jadwal", "nasehat": "nasihat", "ijin": "izin", "apotik": "apotek",
    "hakekat": "hakikat", "kwalitas": "kualitas", "obyek": "objek", "subyek": "subjek", "propinsi": "provinsi",
    "tehnik": "teknik", "managemen": "manajemen", "manajement": "manajemen", "karir": "karier",
    "merubah": "mengubah", "rubah": "ubah", "dirubah": "diubah", "menyakini": "meyakini",
    # spoken forms the articles quote: "nggak usah sungkan" is "tidak perlu sungkan", "nggendong"
    # is "menggendong" (claims_heldout6, 7)
    "usah": "perlu", "nggendong": "menggendong",
    # the chat's "-in" for "-kan"/"-i" and other spoken verbs a thread or a video script retells the
    # articles in ("Program SHOLEH yang ditayangin lewat YouTube", "ASN cuma ngandelin rutinitas";
    # drafts_holdout40)
    "ditayangin": "ditayangkan", "ngandelin": "mengandalkan", "ngandalin": "mengandalkan",
    "dikerjain": "dikerjakan", "ngerjain": "mengerjakan", "diterapin": "diterapkan", "nerapin": "menerapkan",
    "dijalanin": "dijalankan", "ngejalanin": "menjalankan", "ngingetin": "mengingatkan", "dipake": "dipakai",
    "ngelayanin": "melayani", "dilayanin": "dilayani", "nungguin": "menunggu", "dibikin": "dibuat",
    # one verb for "get" in every form, so that a negation on one turns the other ("tidak akan
    # memperoleh jabatan" against "akan mendapat jabatan"; claims_heldout9 v31)
    "memperoleh": "mendapat", "diperoleh": "didapat", "memperolehnya": "mendapatkannya",
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
    "coordination": "koordinasi", "coordinating": "koordinasi", "coordinate": "koordinasi",  # qa_new28 q14
    "hesitate": "sungkan", "risk": "risiko resiko", "risks": "risiko resiko", "team": "tim",
    "work": "kerja bekerja", "working": "kerja bekerja", "routine": "rutinitas", "professional": "profesional",
    "professionalism": "profesionalisme profesional", "integrity": "integritas", "trust": "amanah amanat",
    "servant": "pelayan", "master": "tuan", "serve": "melayani", "serving": "melayani", "leader": "pemimpin",
    "leaders": "pemimpin", "head": "kepala", "agency": "instansi dinas", "agencies": "instansi dinas",
    "regional": "daerah", "region": "daerah", "district": "kabupaten", "regency": "kabupaten",
    "regencies": "kabupaten", "districts": "kabupaten", "city": "kota", "cities": "kota", "village": "desa",
    "program": "program", "academy": "academy akademi", "change": "perubahan", "agent": "agent agen",
    "economy": "ekonomi", "crisis": "krisis", "pandemic": "pandemi", "theme": "tema", "lecture": "kuliah",
    "speaker": "pembicara", "said": "kata", "says": "kata", "say": "kata", "asked": "meminta", "urged": "mendorong",
    "year": "tahun", "month": "bulan", "months": "bulan", "week": "minggu", "day": "hari",
    "comparison": "ibarat perbandingan seperti", "compare": "ibarat bandingkan", "compared": "ibarat dibandingkan",
    # qa_new30 q08
    "metaphor": "ibarat", "likened": "ibarat", "describe": "menggambarkan", "described": "menggambarkan",
    "analogy": "ibarat analogi", "like": "seperti ibarat", "role": "peran", "roles": "peran",
    "select": "seleksi pilih", "selected": "seleksi terpilih dipilih", "selection": "seleksi",
    "send": "kirim mengirim", "sent": "kirim mengirim dikirim", "technology": "teknologi",
    "information technology": "teknologi informasi", "communication": "komunikasi",
    "application": "aplikasi", "app": "aplikasi", "apps": "aplikasi", "vehicle": "kendaraan", "fuel": "bahan bakar",
    "waiting": "menunggu", "wait": "menunggu", "guidelines": "petunjuk juklak juknis", "rules": "aturan",
    "thinking": "berpikir", "think": "berpikir", "threatened": "mengancam", "threaten": "mengancam", "punish": "sanksi", "sanction": "sanksi",
    # everyday words of questions about officials (qa_new7 q21, q33, spent)
    "director general": "direktur jenderal dirjen", "police chief": "kapolda", "chief of police": "kapolda",
    "autonomy": "otonomi", "home affairs": "dalam negeri kemendagri",
    "best": "terbaik", "in line with": "sesuai", "accordance": "sesuai", "providing": "memberikan",
    "provide": "memberikan", "spoke": "menyampaikan", "speech": "sambutan arahan", "teamwork": "kerja tim",
    "merit": "merit", "system": "sistem", "obstacle": "tantangan hambatan kendala",
    "obstacles": "tantangan hambatan kendala", "challenge": "tantangan", "challenges": "tantangan",
    # (qa_new8 q04, qa_new10 q07, q12, q31, spent)
    "key": "kunci", "success": "sukses keberhasilan", "successful": "sukses berhasil", "taboo": "pantangan tabu",
    "broadcast": "ditayangkan tayang siaran", "aired": "ditayangkan tayang", "channel": "kanal saluran",
    "commitment": "komitmen", "learn": "belajar", "learning": "belajar",
    # (qa_new14 q26, spent)
    "honour": "memuliakan muliakan", "honor": "memuliakan muliakan", "fits": "sesuai", "fit": "sesuai",
    # (qa_new21 q05, q17, spent)
    "expression": "istilah ungkapan", "expressions": "istilah ungkapan", "term": "istilah", "javanese": "jawa",
    "aim": "tujuan yakni", "goal": "tujuan yakni",
    # (qa_new24 q27, q39, spent)
    "consultant": "konsultan", "consultants": "konsultan", "sanctions": "sanksi", "together": "bersama sama-sama",
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
_PLACE_FORMS = frozenset(form for group in PLACE_ALIASES for form in group) | {"indonesia"}
_REGIONAL_GOVERNMENT = re.compile(
    r"^(?:pemprov|pemkab|pemkot|pemda|pemerintah(?:\s+(?:provinsi|kabupaten|kota|daerah))?|provinsi|kabupaten|kota)\s+",
    re.IGNORECASE)


def is_region(phrase: str) -> bool:
    """Whether ``phrase`` is a province or country, or its government ("Jateng", "Pemprov Jatim"):
    a place with many officials, where a ministry or an office has few."""
    return " ".join(_REGIONAL_GOVERNMENT.sub("", phrase.strip()).lower().split()) in _PLACE_FORMS


def is_bare_place(phrase: str) -> bool:
    """Whether ``phrase`` is a province or country by name alone ("Jawa Tengah"), not its
    government ("Pemprov Jatim")."""
    return is_region(phrase) and not _REGIONAL_GOVERNMENT.match(phrase.strip())


# Offices and institutions in full and as news shortens them: "Dirjen Otda" is the "Direktur
# Jenderal Otonomi Daerah" of the article (a question the name check refused, issue 15).
OFFICE_ALIASES = (
    ("direktur jenderal", "dirjen"), ("otonomi daerah", "otda"), ("kementerian dalam negeri", "kemendagri"),
    ("menteri dalam negeri", "mendagri"), ("wakil gubernur", "wagub"), ("wakil presiden", "wapres"),
    ("pemerintah provinsi", "pemprov"), ("pemerintah kabupaten", "pemkab"), ("pemerintah kota", "pemkot"),
    ("aparatur sipil negara", "asn"), ("pegawai negeri sipil", "pns"), ("sekretaris daerah", "sekda"),
    ("kepala dinas", "kadis"), ("organisasi perangkat daerah", "opd"), ("badan kepegawaian negara", "bkn"),
    ("badan kepegawaian daerah", "bkd"), ("sekretariat negara", "setneg"), ("single sign on", "sso"),
    ("dewan perwakilan rakyat daerah", "dprd"), ("dewan perwakilan rakyat", "dpr"),
    # and as users write them ("menteri PAN-RB"; qa_new33 q34)
    ("kementerian pendayagunaan aparatur negara dan reformasi birokrasi", "kemenpan rb", "kemenpanrb", "kemenpan-rb",
     "kementerian panrb", "kementerian pan-rb", "kementerian pan rb"),
    ("menteri pendayagunaan aparatur negara dan reformasi birokrasi", "menpan rb", "menpanrb", "menpan-rb",
     "menteri panrb", "menteri pan-rb", "menteri pan rb"),
    ("idul fitri", "lebaran", "hari raya idul fitri", "idulfitri"),
    # the civil service's training and administration, as its documents shorten them
    ("latihan dasar", "latsar"), ("calon pegawai negeri sipil", "cpns"), ("pendidikan dan pelatihan", "diklat"),
    ("badan pengembangan sumber daya manusia", "bpsdm"), ("sumber daya manusia", "sdm"),
    ("usaha mikro kecil dan menengah", "umkm"), ("rapat koordinasi", "rakor"), ("petunjuk pelaksanaan", "juklak"),
    ("petunjuk teknis", "juknis"), ("dinas komunikasi dan informatika", "diskominfo"),
    ("kementerian sekretariat negara", "kemensetneg"), ("sekretariat daerah", "setda"), ("pemerintah daerah", "pemda"),
    ("anggaran pendapatan dan belanja daerah", "apbd"), ("tunjangan kinerja", "tukin"), ("single sign on", "sso"),
    # "… dari Pusbang Kompetensi ASN Kemensetneg" for the article's "Pusat Pengembangan Kompetensi …" (qa_new31 q18)
    ("pusat pengembangan", "pusbang"),
)
_ALIAS_OF = {alias: group for group in PLACE_ALIASES + OFFICE_ALIASES for alias in group}
_ALIAS_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _ALIAS_OF), key=len, reverse=True)) + r")\b")


def regions(text: str) -> set[str]:
    """The provinces ``text`` names, each by its full name ("Pemprov Jateng" -> "jawa tengah")."""
    return {_ALIAS_OF[alias][0] for alias in _ALIAS_PATTERN.findall(" ".join(text.lower().split()))
            if _ALIAS_OF[alias] in PLACE_ALIASES}


def name_variants(name: str, english: bool = False) -> set[str]:
    """The ways an article may write a name from a question, lower-cased: place names and
    offices in every alias ("Gubernur Jateng" -> also "gubernur jawa tengah", "Dirjen Otda" ->
    also "direktur jenderal otonomi daerah"). From an English question,
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


@lru_cache(maxsize=256)
def canonical_office(text: str) -> str:
    """An office or place in one spelling, lower-cased, every alias in its full form ("Wagub
    Jateng" -> "wakil gubernur jawa tengah"): two spellings of one office compare equal."""
    folded = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    return _ALIAS_PATTERN.sub(lambda m: _ALIAS_OF[m.group(1)][0], folded)


# The civil servants every article here is about ("ASN", "aparatur sipil negara", "pegawai"): no
# topic of anyone's words ("what did Akmal Malik say about digital transformation for civil
# servants" is not answered by his words on ASN; qa_new14 q38).
CIVIL_SERVICE_TERMS = frozenset({"asn", "aparatur", "sipil", "negara", "pegawai", "pns"})
# The country Indonesian news is about, which its articles leave unsaid: "presiden Indonesia"
# is the article's "Bapak Presiden Jokowi" (a question refused for "indonesia", issue 15).
IMPLIED_SCOPE = frozenset({"indonesia", "ri", "nasional"})


# Indonesian words that a question may use where the articles use another: a word the sources
# never use is no sign they cannot answer when they use its synonym ("Dengan perumpamaan apa
# Luthfi menggambarkan …" where the article writes "Ibarat …"; qa_new3 p10). Compared by stem.
# (Adding them to the lexical search as well lost facts on qa_new, 0.964 -> 0.946: not done.)
ID_SYNONYMS = (
    ("ibarat", "perumpamaan", "analogi", "kiasan", "menggambarkan"), ("taat", "patuh", "tunduk"),
    ("alat", "instrumen"), ("mesti", "harus", "wajib"), ("uang", "anggaran", "dana", "biaya"),
    ("pegawai", "asn", "aparatur"), ("menunggu", "menanti"), ("arahan", "pesan", "imbauan"),
    ("terserap", "dibelanjakan"), ("cepat", "gesit", "sigap", "lekas"), ("mengawasi", "memantau", "pelototi"),
    ("mendapat", "memperoleh", "meraih"), ("menekankan", "menggarisbawahi"),
    # everyday synonyms a paraphrase of the articles uses (the claim checker counts them as the
    # article's word: "capaian optimal mustahil diraih bila … bertumpu pada rutinitas" for "hasil
    # maksimal tidak akan tercapai jika hanya mengandalkan rutinitas"; the spent draft sets). Words
    # are grouped by their stems: no word whose stem is another word's ("memerintahkan" is
    # "perintah", the stem of "pemerintah")
    ("tercapai", "diraih", "digapai"), ("maksimal", "optimal", "maksimum", "optimum"),
    ("mengandalkan", "bertumpu", "bergantung"), ("rutin", "rutinitas"), ("dibutuhkan", "diperlukan"),
    ("persoalan", "permasalahan"), ("mutu", "kualitas"), ("pemimpin", "kepala"), ("melaksanakan", "menjalankan"),
    ("warga", "masyarakat", "rakyat"), ("berfokus", "berorientasi"),
    ("penyerapan", "eksekusi", "realisasi"), ("modern", "mutakhir"),
    ("menghambat", "mengganjal", "menghalangi", "merintangi"), ("menginstruksikan", "meminta"),
    ("saluran", "channel", "kanal"), ("gagasan", "ide"),
    # "jangan sampai lengah terhadap tugas pokoknya" for "tidak lalai terhadap tugas pokok mereka"
    # (read as the opposite at 93%; drafts_holdout36)
    ("lalai", "terabaikan", "lengah"),
    # "menyarankan ASN bersantai dan menikmati capaian" where "… untuk tidak mudah berpuas diri"
    # (claims_heldout17 m11, found before only through a modality the window's neighbour gave)
    ("berpuas", "bersantai", "terlena"),
    ("cermat", "teliti", "detail", "rinci"), ("cerdas", "pintar"), ("kolaborasi", "sinergi"),
    ("kuno", "usang", "lama"), ("dibuang", "ditinggalkan"),
    # "kasak-kusuk, muter sana muter sini, untuk cari jabatan" retold as "melobi ke sana kemari
    # demi mengejar jabatan" (drafts_holdout3, 10, 11, 13)
    ("kasak", "melobi", "bergerilya", "bermanuver"), ("sini", "kemari"), ("mencari", "mengejar", "memburu"),
    # "berapa lokasi" counted in "lima titik kantor perwakilan" (qa_new8 q38)
    ("lokasi", "titik"),
    # the Lebaran gathering: "saat apel Halal Bihalal itu" is the article's "Pada momen Idul Fitri
    # ini" (qa_new17 q28, qa_new18 q29: how long he had been governor, asked at the assembly)
    ("lebaran", "fitri", "bihalal"),
    # "Siapa wakil gubernur yang ikut memberi arahan …" for "… Taj Yasin …, turut menambahkan …"
    # (qa_new19 q06); "secara ajek" for "secara konsisten", "tulus" for "ikhlas" (claims_heldout25 p27,
    # p40; not "posisi" for "jabatan": "rakyat berada di posisi yang melayani" then found another window)
    ("ikut", "turut"), ("konsisten", "ajek", "konsekuen"), ("ikhlas", "tulus"),
    # "mengaku kerap melakukannya" for "Ini sudah sering saya lakukan" (claims_heldout25 p29)
    ("sering", "kerap", "acap"),
    # "jangan segan" for "nggak usah sungkan" (claims_heldout18 n10); "ribet" for "mempersulit",
    # "nyakup" for "meliputi" (qa_new13 q01, q14)
    ("segan", "sungkan"), ("sulit", "susah", "ribet", "repot", "rumit"), ("cakup", "liput"),
    # "hal tabu / terlarang bagi birokrasi" for "pantangan birokrasi kita" (claims_heldout14, 17)
    ("pantangan", "tabu", "pamali", "larangan"),
    # "ASN adalah majikan" for what "ASN adalah pelayan dan bukan sebagai tuan" denies (claims_heldout17 m40)
    ("tuan", "majikan", "juragan"),
    # "Siapa narasumber …" for "… menjadi pembicara dalam program …" (qa_new29 q35)
    ("narasumber", "pembicara", "pemateri"),
)


@lru_cache(maxsize=1)
def _partners() -> dict[str, set[str]]:
    """Each Indonesian word (stem) with what means the same: the glossary's English words and
    ID_SYNONYMS (built on first use, so importing this module does not load the stemmer)."""
    partners: dict[str, set[str]] = {}
    for english, indonesian in EN_ID_GLOSSARY.items():
        group = set(english.split()) | set(indonesian.split())
        for word in indonesian.split():
            partners.setdefault(word, set()).update(group)
    for word, group in _synonyms().items():
        partners.setdefault(word, set()).update(group)
    return partners


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    """Each stem of ID_SYNONYMS with the stems of its groups."""
    partners: dict[str, set[str]] = {}
    for synonyms in ID_SYNONYMS:
        group = {stem(w) for w in synonyms}
        for word in group:
            partners.setdefault(word, set()).update(group)
    return {word: frozenset(group) for word, group in partners.items()}


def synonym_key(term: str) -> str:
    """One stem for all the stems of a synonym group (ID_SYNONYMS; a stem in no group is its own):
    "majikan" and "tuan" have one key."""
    return min(_synonyms().get(term, (term,)))


def with_synonyms(terms: set[str]) -> set[str]:
    """Content terms with the stems that mean the same (ID_SYNONYMS; not the English glossary,
    whose groups join words that are only related): a window that says "diraih" holds a claim's
    "tercapai"."""
    partners = _synonyms()
    return set(terms).union(*(partners.get(t, ()) for t in terms))


def word_forms(term: str) -> set[str]:
    """A word and what means the same: the glossary's words ("akademi" -> also "academy": an
    article writes "Apple Developer Academy"), its synonyms (ID_SYNONYMS), the aliases of a
    place or office ("dirjen" -> also "direktur jenderal", a phrase) and, for a word in spoken
    form, its written root (``spoken_roots``)."""
    return {term} | _partners().get(term, set()) | set(_ALIAS_OF.get(term, ())) | spoken_roots(term)


def spoken_roots(term: str) -> set[str]:
    """The written roots a word in spoken Jakarta form may stand for: "ngisi" -> "isi",
    "ngikutin" -> "ikut", "ditayangin" -> "tayang", "nyindir" -> "sindir", "nentuin" -> "tentu", "layanan2nya" ->
    "layan" (the nasal prefix, the "-in" suffix, a repetition digit and "-nya" dropped; qa_new8
    and qa_new9 questions were refused for such words). Stems; empty for a word in written form."""
    word = re.sub(r"\d+(?:nya)?$|nya$", "", term)
    bare = {word}
    for prefix, restored in (("nge", ("",)), ("ng", ("", "k")), ("ny", ("s", "c")), ("di", ("",)), ("n", ("t",))):
        if word.startswith(prefix) and len(word) > len(prefix) + 2 and (prefix != "n" or word[1] in "aeiou"):
            bare |= {r + word[len(prefix):] for r in restored}
    bare |= {w[:-2] for w in bare if w.endswith("in") and len(w) > 4}
    return {stem(w) for w in bare if w != term} - {term}


_GLOSSARY_PATTERN = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, EN_ID_GLOSSARY), key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_ENGLISH_HINTS = {"what", "who", "how", "did", "does", "the", "about", "say", "said", "which", "when", "where",
                  "why", "is", "are", "was", "were", "of", "to", "from", "according", "whose", "must", "should",
                  "with", "for"}
# English words that carry nothing once a question is rendered in Indonesian (not hints of
# English: "Jum'at" holds "at").
# "… use to describe the bureaucracy and its civil servants" (qa_new30 q08); not "it", which may be "IT"
_ENGLISH_FILLERS = {"also", "s", "at", "in", "on", "his", "her", "their", "an", "a", "do", "have", "has",
                    "its", "use", "used"}


def is_english(text: str) -> bool:
    """Whether a question reads as English (two or more English function words)."""
    return sum(t in _ENGLISH_HINTS for t in words(text)) >= 2


# Everyday spoken Indonesian, as users type it, with the written forms news articles use (and
# particles that carry no content: ""). "Khofifah bilang ..." asks what she "mengatakan"; on the
# new seed questions (tests/data/qa_new.jsonl) five answerable questions were refused because
# the sources never use "bikin", "kayak" or "bilang".
INFORMAL = {
    "gimana": "bagaimana", "gmn": "bagaimana", "gub": "gubernur", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak",
    "ngebut": "cepat", "pinter": "pintar",
    "gak": "tidak", "ga": "tidak", "tdk": "tidak", "udah": "sudah", "udh": "sudah", "sdh": "sudah", "aja": "saja",
    "doang": "saja", "bikin": "membuat", "bikinan": "buatan", "kayak": "seperti", "kyk": "seperti",
    "bilang": "mengatakan", "ngomong": "berbicara", "ngomongin": "membicarakan", "nunggu": "menunggu",
    "nungguin": "menunggu", "kasih": "memberi", "ngasih": "memberi", "dikasih": "diberi", "pake": "pakai",
    "gede": "besar", "emang": "memang", "banget": "sangat", "tau": "tahu", "bener": "benar", "ketemu": "bertemu",
    "dapet": "dapat", "pengen": "ingin", "pingin": "ingin", "cuma": "hanya", "cuman": "hanya", "abis": "habis",
    "kalo": "kalau", "gitu": "begitu", "gini": "begini", "soalnya": "karena", "bareng": "bersama",
    "nyuruh": "menyuruh", "ngajak": "mengajak", "nyari": "mencari", "ngurus": "mengurus", "duit": "uang",
    "ngandelin": "mengandalkan", "ngandalin": "mengandalkan", "ngingetin": "mengingatkan", "inget": "ingat",
    "cepet": "cepat", "deket": "dekat", "kerjaan": "pekerjaan", "ngibaratin": "mengibaratkan",
    "ngibaratkan": "mengibaratkan",
    # "ASN yang sibuk wira-wiri cari jabatan" for "ASN kasak kusuk, muter sana muter sini" (qa_new29 q01)
    "wira-wiri": "muter",
    "diibaratin": "diibaratkan", "diumpamain": "diumpamakan", "yg": "yang", "dgn": "dengan", "utk": "untuk",
    "krn": "karena", "jg": "juga", "sy": "saya", "dong": "", "sih": "", "nih": "", "deh": "", "kok": "",
    "lho": "", "loh": "", "yah": "", "ya": "", "tuh": "", "kah": "", "nah": "", "wah": "", "eh": "",
    # a chat's way of addressing whoever answers ("kak, mnrt bu khofifah …": qa_new16 q02)
    "kak": "", "min": "", "gan": "", "bro": "", "sis": "",
    # typed short forms (trainees' answers, chat questions)
    "dr": "dari", "mjd": "menjadi", "jd": "jadi", "dlm": "dalam", "tp": "tapi", "bs": "bisa", "blm": "belum",
    "hrs": "harus", "pd": "pada", "org": "orang", "sdg": "sedang", "bgt": "sangat", "ttg": "tentang",
    "tau": "tahu", "tdk tau": "tidak tahu", "gatau": "tidak tahu", "gk": "tidak", "tak": "tidak", "thd": "terhadap",
    "spt": "seperti", "sbg": "sebagai", "bhw": "bahwa", "tsb": "tersebut", "lg": "lagi", "krna": "karena",
    # question words typed short ("… itu tgl brp ya?": qa_new5 q25)
    "mnrt": "menurut", "td": "tadi", "kl": "kalau", "klo": "kalau",
    "tgl": "tanggal", "brp": "berapa", "kpn": "kapan", "knp": "kenapa", "dmn": "di mana", "sapa": "siapa",
    "bln": "bulan", "thn": "tahun", "jml": "jumlah",
    # "… yg diisi wagub Emil kmrn apaan sih?" (qa_new19 q24): a question word, a day, a chat's aside
    "apaan": "apa", "kmrn": "kemarin", "kemaren": "kemarin", "btw": "", "sblm": "sebelum", "stlh": "setelah",
    # "bu khofifah blg asn hrs ngapain aja biar kerjanya extraordinary?" (qa_new20 q24)
    "blg": "mengatakan", "biar": "agar", "ngapain": "melakukan apa",
    # units of government typed short ("keliling ke berapa kab/kota": qa_new6 q23)
    "kab": "kabupaten", "kec": "kecamatan", "kel": "kelurahan", "prov": "provinsi",
    # a chat's opening, and "terus" typed short ("min mau tanya, … trs katanya gmn"; qa_new27 q11, refused)
    "mau tanya": "", "mau nanya": "", "izin bertanya": "", "izin tanya": "", "numpang tanya": "", "trs": "terus",
    "trus": "terus",
    # "… asn yg maunya dilayani n dpt fasilitas lebih? wkwk" (qa_new32 q24): short forms and a laugh
    "dpt": "dapat", "n": "dan", "wkwk": "", "wkwkwk": "", "haha": "", "hehe": "",
    # "bu khofifah sempet nyebut program nawa apa gt, itu tujuannya bwt apa ya", "… ngomong "jgn biasakan
    # yg biasa" trs lanjutannya apa ya lupa aq" (qa_new33 q19, q25)
    "bwt": "untuk", "aq": "aku", "gt": "begitu", "jgn": "jangan", "sempet": "sempat", "nyebut": "menyebut",
    # the Jakarta chat's first person (drafts_holdout40, a thread)
    "gue": "saya", "gw": "saya", "gua": "saya",
    # a news site's comment section ("… ASN cuma duduk ngecek hasil kerja konsultan", "… sampai ngancam
    # bakal nyoret nama siapa pun …", "… pernah nyentil ASN yang …"; drafts_holdout41)
    "ngecek": "mengecek", "ngancam": "mengancam", "nyoret": "mencoret", "nyentil": "menyentil", "bakal": "akan",
    # "bu khofifah blg asn tuh hrsnya melayani ato dilayani sih? soalnya msh bnyk yg minta fasilitas lebih"
    # (qa_new37 q25, refused over "ato")
    "ato": "atau", "hrsnya": "harusnya", "msh": "masih", "bnyk": "banyak",
    # the thanks, not a giving ("kasih" alone is "memberi")
    "terima kasih": "terima kasih",
    # a compound the articles write as another phrase ("asal-usul … seorang ASN" for their "latar
    # belakang"; qa_new26 q02 and qa_new27 q09 refused over "usul")
    "asal-usul": "latar belakang",
}
_INFORMAL_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, INFORMAL), key=len, reverse=True)) + r")\b",
                               re.IGNORECASE)


# A verb repeated after its prefix ("mengaku-ngaku", "menyebut-nyebut"): the repetition says how,
# not what; its second half is no word the sources must use (qa_new22 q14 refused over "ngaku").
_REPEATED_AFTER_PREFIX = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")


def formal(text: str) -> str:
    """``text`` with everyday spoken words in their written forms (INFORMAL), a plural typed
    with a 2 written out ("biasa2" -> "biasa-biasa"), and a verb repeated after its prefix
    once ("mengaku-ngaku" -> "mengaku")."""
    text = re.sub(r"\b([A-Za-z]{2,})2\b", r"\1-\1", text)
    text = _REPEATED_AFTER_PREFIX.sub(lambda m: m.group(1) if len(m.group(1)) > len(m.group(2))
                                      and m.group(1).lower().endswith(m.group(2).lower()) else m.group(0), text)
    return " ".join(_INFORMAL_PATTERN.sub(lambda m: INFORMAL[m.group(1).lower()], text).split())


# A quotation: opening and closing marks around the words (straight or typographic), the words
# the first group or the second.
QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


def formal_outside_quotes(text: str) -> str:
    """``formal`` on what ``text`` says in its writer's words, its quotations left as written (a
    speaker's "nggak usah sungkan" is compared word for word)."""
    def written(part: str) -> str:  # the spaces around a part kept, so it still joins its quotations
        if not part.strip():
            return part
        return part[:len(part) - len(part.lstrip())] + formal(part) + part[len(part.rstrip()):]

    out, last = [], 0
    for quotation in QUOTED.finditer(text):
        out += [written(text[last:quotation.start()]), quotation.group(0)]
        last = quotation.end()
    return "".join(out + [written(text[last:])])


def expand_query(text: str, english: bool | None = None) -> str:
    """An English question rendered word by word in the articles' Indonesian (glossary words
    replaced, English function words dropped); any other question with its everyday spoken
    words in their written forms (``formal``). ``english`` says which a part of a question is
    ("buying and selling positions" of an English question), when its own words cannot tell."""
    if not (is_english(text) if english is None else english):
        return formal(text)
    out, last = [], 0
    for match in _GLOSSARY_PATTERN.finditer(text):
        out.append(text[last:match.start()])
        out.append(EN_ID_GLOSSARY[match.group(1).lower()])
        last = match.end()
    out.append(text[last:])
    dropped = _ENGLISH_HINTS | _ENGLISH_FILLERS
    return " ".join(w for w in words("".join(out)) if w not in dropped and w not in STOPWORDS)


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


# ----------------------------------------------------------------------------- numbers and negation

# Indonesian number words, as the claim checker and the support check compare them with digits.
# Indonesian number words ("tiga puluh lima" = 35, "lima belas" = 15, "dua ribu" = 2000).
_UNITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
          "sembilan": 9}
# "separuh" is "setengah" ("… dipangkas separuh tahun ini", an invented cut left unchecked without it;
# drafts_holdout43)
_WHOLE_NUMBERS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "setengah": 0.5, "separuh": 0.5}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_ONE_SCALE = {"seribu": 10**3, "sejuta": 10**6, "semiliar": 10**9}
NUMBER_WORDS = frozenset({*_UNITS, *_WHOLE_NUMBERS, *_SCALES, *_ONE_SCALE, "belas", "puluh", "ratus"})
_NUMBER_WORD_RUN = re.compile(
    r"\b(?:(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b[\s-]*)+", re.IGNORECASE)
# "salah satu" (one of), "satu-satunya" (the only): no count.
_NOT_A_NUMBER = re.compile(r"\bsalah\s+satu\b|\bsatu[\s-]+satunya\b|\bsatu\s+per\s+satu\b|\bsatu\s+sama\s+lain\b",
                           re.IGNORECASE)
# Digits: "1.000" and "2.500.000" (thousands), "2,5" (a decimal comma), "2,5 juta" (a scale word).
_DIGIT_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:\s*(ribu|juta|miliar|milyar|triliun)\b)?", re.IGNORECASE)


def _canonical(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _run_values(run: str) -> list[float]:
    """The values of a run of number words as written: "Dua Puluh Lima" -> [25]."""
    return _word_values(re.findall(r"\w+", run.lower()))


def _word_values(number_words: list[str]) -> list[float]:
    """The values of a run of number words: ["dua", "puluh", "lima"] -> [25], ["lima", "belas"]
    -> [15], ["seratus", "dua", "puluh"] -> [120], ["dua", "ribu"] -> [2000]; two numbers in a
    row ("dua tiga hari") stay two."""
    values: list[float] = []
    total = group = 0
    unit = None  # a unit word not yet placed ("dua" before "puluh")

    def close():
        nonlocal total, group, unit
        if unit is not None or group or total:
            values.append(total + group + (unit or 0))
        total = group = 0
        unit = None

    for word in number_words:
        if word in _UNITS or word in _WHOLE_NUMBERS:
            if unit is not None:
                close()
            if word in _UNITS:
                unit = _UNITS[word]
            else:
                group += _WHOLE_NUMBERS[word]
        elif word in ("belas", "puluh", "ratus"):
            many = unit if unit is not None else 1
            group += many + 10 if word == "belas" else many * (10 if word == "puluh" else 100)
            unit = None
        elif word in _ONE_SCALE:
            if unit is not None or group:
                close()
            total += _ONE_SCALE[word]
        elif word in _SCALES:
            total += (group + (unit or 0) or 1) * _SCALES[word]
            group, unit = 0, None
    close()
    return values


def number_words(value: int) -> str:
    """A whole number in Indonesian words: 35 -> "tiga puluh lima", 1500 -> "seribu lima ratus";
    "" for a number below 0 or from a trillion up."""
    if value < 0 or value >= 10**12:
        return ""
    units = {v: w for w, v in _UNITS.items()}
    if value < 10:
        return units[value]
    if value < 20:
        return {10: "sepuluh", 11: "sebelas"}.get(value) or f"{units[value - 10]} belas"
    if value < 100:
        tens, rest = divmod(value, 10)
        return f"{units[tens]} puluh" + (f" {units[rest]}" if rest else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        head = "seratus" if hundreds == 1 else f"{units[hundreds]} ratus"
        return head + (f" {number_words(rest)}" if rest else "")
    for scale, word in ((10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if value >= scale:
            many, rest = divmod(value, scale)
            head = "seribu" if (many == 1 and scale == 1000) else f"{number_words(many)} {word}"
            return head + (f" {number_words(rest)}" if rest else "")
    return ""


# Periods named in one word, as the number of months they are ("sekali dalam satu triwulan" is
# "setiap tiga bulan" in the articles).
PERIOD_WORDS = {"triwulan": "tiga bulan", "caturwulan": "empat bulan", "semester": "enam bulan"}
_PERIOD = re.compile(r"\b(?:satu\s+|se)?(" + "|".join(PERIOD_WORDS) + r")\b"
                     r"(?!\s+(?:ke[a-z]+|pertama|[IV]+)\b)",  # "triwulan kedua": which quarter, not how long
                     re.IGNORECASE)


# Which one of a sequence: "triwulan ketiga", "Triwulan II", "tahap ke-2", "semester pertama".
ORDINAL_WORDS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6, "ketujuh": 7,
                 "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_SEQUENCE = re.compile(
    r"\b(triwulan|kuartal|caturwulan|semester|tahap|periode|angkatan|gelombang)\s+"
    r"(?:ke-?\s?(\d{1,2})\b|(" + "|".join(ORDINAL_WORDS) + r")\b|(?-i:(X|IX|IV|V?I{0,3}))(?![\w-]))",
    re.IGNORECASE)


# Any thing counted with an ordinal word: "apel pertama yang ia pimpin", "sesi kedua".
_ORDINAL_AFTER = re.compile(r"\b([a-z]{3,})\s+(" + "|".join(ORDINAL_WORDS) + r")\b", re.IGNORECASE)


def sequence_values(text: str) -> dict[str, int]:
    """Which one of a sequence a text names, by its noun: "Rakor POK Triwulan II" gives
    {"triwulan": 2}, "tahap ke-3" {"tahap": 3}, "semester pertama" {"semester": 1}, "apel
    ketiga" {"apel": 3}."""
    found = {noun.lower(): ORDINAL_WORDS[word.lower()] for noun, word in _ORDINAL_AFTER.findall(text)
             if noun.lower() not in STOPWORDS}
    for noun, digits, word, roman in _SEQUENCE.findall(text):
        value = int(digits) if digits else ORDINAL_WORDS.get(word.lower()) if word else _ROMAN.get(roman)
        if value:
            found[noun.lower()] = value
    return found


# "orang nomor satu di Jatim": the governor of a province, as news writes it ("orang nomor dua"
# the deputy; drafts_holdout5, 8, 10 and claims_heldout9 wrote it for Khofifah and Luthfi).
_RANKED_OFFICIAL = re.compile(
    r"\borang\s+nomor\s+(satu|1|dua|2)\s+(?:di\s+)?(?:provinsi\s+|pemprov\s+|pemerintah\s+provinsi\s+)?("
    + "|".join(sorted((re.escape(a) for group in PLACE_ALIASES for a in group), key=len, reverse=True)) + r")\b",
    re.IGNORECASE)


def plain_offices(text: str) -> str:
    """"… orang nomor satu di Jatim itu …" -> "… Gubernur Jatim itu …": a province's first and
    second officials by their offices, which the office holders know."""
    def office(match: re.Match) -> str:
        place = " ".join(w[:1].upper() + w[1:] for w in match.group(2).split())
        return ("Gubernur " if match.group(1).lower() in ("satu", "1") else "Wakil Gubernur ") + place

    return _RANKED_OFFICIAL.sub(office, text)


def spell_out_periods(text: str) -> str:
    """"… sekali dalam satu triwulan" -> "… sekali dalam tiga bulan": the months a period word is."""
    return _PERIOD.sub(lambda m: PERIOD_WORDS[m.group(1).lower()], text)


# Counts given as a magnitude only ("belasan aplikasi", "puluhan ASN"), with the numbers each covers.
_VAGUE_COUNTS = {"belasan": (11, 19), "puluhan": (20, 99), "ratusan": (100, 999), "ribuan": (1000, 9999),
                 "jutaan": (10 ** 6, 10 ** 9 - 1)}
_VAGUE_COUNT = re.compile(r"\b(" + "|".join(_VAGUE_COUNTS) + r")\b", re.IGNORECASE)


def vague_counts_missing(statement: str, source: str) -> list[str]:
    """The magnitudes ``statement`` gives ("belasan") that ``source`` neither says nor gives a
    number within."""
    values = [int(float(v)) for v in number_values(source) if re.fullmatch(r"\d+(?:\.\d+)?", v)]
    said = {m.group(1).lower() for m in _VAGUE_COUNT.finditer(source)}
    return [word for word in dict.fromkeys(m.group(1).lower() for m in _VAGUE_COUNT.finditer(statement))
            if word not in said and not any(_VAGUE_COUNTS[word][0] <= v <= _VAGUE_COUNTS[word][1] for v in values)]


_MANY_OF = re.compile(r"\b(?:lebih\s+banyak|banyak|beberapa|berbagai|bermacam(?:-macam)?|sejumlah|aneka)\s+(\w+)",
                      re.IGNORECASE)
_ONE_OF = re.compile(r"(?<!salah\s)\b(?:satu|sebuah|tunggal)\s+(?!per\b)(\w+)", re.IGNORECASE)


def one_against_many(statement: str, source: str) -> str:
    """What ``statement`` says there are many of where ``source`` says there is one ("harus
    mengelola lebih banyak username" where "cukup menggunakan satu user name"; claims_heldout40
    ad31), as the statement writes it; "" when none."""
    if _ONE_OF.search(statement):
        return ""
    ones = [m.group(1).lower() for m in _ONE_OF.finditer(source)]
    for m in _MANY_OF.finditer(statement):
        many = m.group(1).lower()
        if any(len(one) > 2 and (many.startswith(one) or one.startswith(many)) for one in ones):
            return m.group(0)
    return ""


def number_values(text: str) -> set[str]:
    """The numbers a text gives, as values in digits, whether written in digits or words:
    "dua puluh persen" and "20 persen" give {"20"}, "lima belas" {"15"}, "2,5 juta" and
    "2.500.000" {"2500000"}; "salah satu" gives none. Dates are not numbers (``date_values``)."""
    found = set()
    text = _NOT_A_NUMBER.sub(" ", _DATE_IN_TEXT.sub(" ", day_digits(text)))
    for whole, decimal, scale in _DIGIT_NUMBER.findall(text):
        value = float(whole.replace(".", "") + ("." + decimal if decimal else ""))
        found.add(_canonical(value * (_SCALES[scale.lower()] if scale else 1)))
    for run in _NUMBER_WORD_RUN.findall(_DIGIT_NUMBER.sub(" ", text)):
        found |= {_canonical(v) for v in _run_values(run)}
    return found


# "tidak hanya X, tetapi Y", "bukan sekadar X": "not only", which negates nothing.
NOT_ONLY = frozenset({"hanya", "sekadar", "sekedar", "cuma", "semata"})
# The roots of what a denial of a link or a concern names ("tidak ada kaitannya dengan …", "bukan
# bidang yang jadi perhatian"): denied where the source never names it, the denial is not the
# source's (compare.unsaid_denial; claims_heldout17 m34, m50).
DENIED_LINK_ROOTS = frozenset({"kait", "hubung", "sangkut", "paut", "pengaruh", "relevan", "bidang", "urus",
                               "prioritas", "fokus", "perhati", "relevansi"})
# Words that negate what follows them.
NEGATIONS = frozenset({"tidak", "tak", "bukan", "jangan", "belum", "tanpa", "enggak", "nggak", "gak", "not", "no",
                       "never", "tidaklah", "bukanlah", "janganlah", "belumlah",
                       "alih"})  # "alih-alih sebagai tuan": instead of, not as (drafts_holdout10)
# Phrases that negate the word after them as "tidak" does: "urusan pribadi yang jauh dari
# profesional" is "yang tidak profesional" (drafts_holdout28, a true paraphrase found bertentangan);
# "Entah siapa orangnya, …" (whoever it is: he does not look at it) is what "bukan siapa orangnya"
# retells (drafts_holdout40).
NEGATING_PHRASE = re.compile(r"\bjauh\s+dari\b|\bentah\b(?=\s+(?:siapa|apa|bagaimana|dari\s+mana)\b)",
                             re.IGNORECASE)
# Words that say a thing happened once ("Khofifah pernah berpesan agar …"; drafts_holdout24), not
# what it is about: no word a window must hold, as "sudah" and "telah" are stopwords. Not the
# negations: without "belum", "jangan" among a claim's words, windows that lack them won (the spent
# claim sets: a reversal "belum menjadi keharusan" found didukung, two claims lost).
NOT_TOPIC_WORDS = frozenset({"pernah", "sempat"})
# The phrase that places a statement at an occasion ("Pada kesempatan lain, …", "Di forum yang
# sama, …"): it says when, not what, and an article rarely words it alike (the spent draft sets).
OCCASION_PHRASE = re.compile(
    r"\b(?:pada|dalam|di)\s+(?:kesempatan|acara|forum|momen|momentum|sesi|kegiatan|pertemuan)\s+"
    r"(?:yang\s+sama|yang\s+berbeda|lain|lainnya|itu|tersebut|ini)\b,?", re.IGNORECASE)


# Words that negate what follows them as a verb or a judgement does: "mustahil diraih" is "tidak
# mungkin diraih", "menghindari sumbatan kerja" is "agar tidak terjadi sumbatan kerja" (the
# claim checker compares polarity with them; in "… harus dihindari" the avoided thing comes before
# the verb, so the passive forms are read apart, below). Spent draft sets h3, h7, h10 to h12.
NEGATING_WORDS = frozenset({"mustahil", "menghindari", "hindari", "hindarilah", "menghindarkan", "mencegah",
                            "cegah", "menjauhi", "jauhi"})
# Their passive forms negate what stands before them, the avoided thing: "agar sumbatan kerja yang
# mengganggu efektivitas birokrasi dihindari" is "menghindari sumbatan kerja …" (claims_heldout24
# l01, a true paraphrase found bertentangan); the words up to a "yang" or, without one, the few just
# before the verb, past the modals "harus", "perlu" (lang.PASSIVE_SUBJECT_STARTS opens the span).
PASSIVE_NEGATING_WORDS = frozenset({"dihindari", "dihindarkan", "dicegah", "dijauhi"})
# Verbs of coming about: negated, they deny what their subject says before them ("hasil maksimal tidak
# akan tercapai" is "hasilnya tidak akan maksimal"; drafts_holdout42, a true paraphrase read as turned).
COMING_ABOUT = frozenset({"tercapai", "terwujud", "tercipta", "terjadi", "terlaksana", "terealisasi", "terpenuhi",
                          "dicapai", "diraih", "didapat", "diperoleh", "dihasilkan", "lahir", "muncul"})
PASSIVE_SUBJECT_STARTS = frozenset({"agar", "supaya", "bahwa", "untuk", "hendaknya", "sebaiknya"})
PASSIVE_SKIPPED = frozenset({"harus", "perlu", "wajib", "mesti", "patut", "bisa", "dapat", "sebaiknya", "hendaknya",
                             "sudah", "telah", "semestinya", "seharusnya"})
# "tidak jarang" (often), "tak sedikit" (many): a negation that turns only its own word, the
# whole meaning "often" or "many" ("tidak jarang orang merasa …" negates no "orang").
LITOTES = frozenset({"jarang", "sedikit", "kurang", "lama", "sungkan", "segan", "ragu"})
# Particles that add emphasis and no meaning ("biasakan saja yang biasa" is "biasakan yang biasa";
# claims_heldout10 c13).
EMPHATIC_PARTICLES = frozenset({"saja", "pun", "lah", "kok", "sih", "memang", "justru", "tetap"})
# Words that say when or whether yet, not what ("biasakan yang sudah biasa" is "biasakan yang biasa").
ASPECT_WORDS = frozenset({"sudah", "telah", "masih", "sedang", "lagi"})
# Words a negation passes over to the words after them: hedges ("belum tentu akan mendapat jabatan"
# negates "mendapat"; claims_heldout8 u25), "merasa" ("jangan cepat merasa puas" is "tidak
# cepat puas"; drafts.jsonl), "bisa"/"dapat" and the "secara" of a manner ("tidak bisa diukur
# secara transaksional" negates "transaksional"; claims_heldout17 m24, a reversal found didukung;
# not "akan": it turned "tidak akan membuahkan hasil" against "hasil … tidak akan tercapai").
HEDGES = frozenset({"tentu", "pasti", "selalu", "tentunya", "merasa", "bisa", "dapat", "secara"})
# Verbs that carry little meaning of their own: a negation passes over them to their object ("sama
# sekali tidak menyampaikan permohonan maaf" negates "maaf", "tidak terletak pada komitmen" negates
# "komitmen"; claims_heldout19 f22, f31, reversals found didukung).
LIGHT_VERBS = frozenset({"menyampaikan", "memberikan", "memberi", "melakukan", "mengajukan", "terletak", "berada",
                         "mempunyai", "memiliki", "merupakan"})
# Words that join a subject to what it is: "menjadi" too ("birokrasi menjadi bahan bakarnya" gives
# the fuel to the bureaucracy where the source gives it to the ASN; claims_heldout19 f20).
_COPULAS = frozenset({"adalah", "merupakan", "ialah", "menjadi"})

# Modality: what a sentence says must, may, must not, need not or is hoped to happen. Phrases
# (lower case, as words) by the kind of modality they express; a sentence whose kind the quote
# lacks adds a modality the speaker did not use ("harus" where the quote hoped).
MODALITY = {
    "wajib": ("harus", "haruslah", "wajib", "mesti", "musti", "diwajibkan", "diharuskan", "keharusan", "seharusnya",
              "semestinya", "dituntut", "perlu", "diperlukan", "perlunya", "memerlukan", "membutuhkan", "dibutuhkan"),
    "boleh": ("boleh", "dibolehkan", "diperbolehkan", "diizinkan", "boleh saja"),
    "larangan": ("dilarang", "jangan", "tidak boleh", "tak boleh", "tidak diperbolehkan", "melarang", "larangan"),
    "tidak perlu": ("tidak perlu", "tak perlu", "tidak harus", "tak harus", "tidak wajib", "tidak usah", "tak usah",
                    "nggak usah", "gak usah", "ga usah", "enggak usah", "nggak perlu", "gak perlu",
                    "tidak menyarankan", "tidak menganjurkan"),
    "anjuran": ("sebaiknya", "hendaknya", "disarankan", "dianjurkan", "menyarankan", "menganjurkan"),
    "harapan": ("harapannya", "diharapkan", "berharap", "semoga", "mudah-mudahan", "harap"),
}
# Words of ability and possibility a negation turns: "tidak bisa dimitigasi" against "bisa …
# memitigasi" (claims_heldout10 c23; the verbs differ in voice, so the word check weighs them
# lightly).
ABILITY_WORDS = frozenset({"bisa", "dapat", "mampu", "mungkin", "sanggup", "boleh"})
# Kinds a quote may express in other words: "tidak boleh" backs "dilarang"; "harus" also
# covers "sebaiknya" (weaker) but not the reverse.
MODALITY_BACKED_BY = {"wajib": {"wajib"}, "boleh": {"boleh", "tidak perlu"}, "larangan": {"larangan"},
                      "tidak perlu": {"tidak perlu", "boleh"}, "anjuran": {"anjuran", "wajib"},
                      "harapan": {"harapan", "anjuran", "wajib"}}


def modalities(text: str) -> dict[str, str]:
    """The kinds of modality (keys of MODALITY) a text uses, each with the first phrase that
    says it; a negated phrase counts as its own kind ("tidak boleh" is "larangan", not "boleh")."""
    joined = " " + " ".join(words(text)) + " "
    found: dict[str, str] = {}
    for phrase, kind in _MODALITY_LONGEST_FIRST:
        if f" {phrase} " in joined:
            found.setdefault(kind, phrase)
            joined = joined.replace(f" {phrase} ", " # ")  # "tidak boleh" is not also "boleh"
    return found


# A request says what must or should be done ("meminta ASN tidak lalai" backs "ASN harus melayani",
# "diminta … bertanggung jawab" backs "dituntut …"); what must or is asked not to be done is
# forbidden (faithfulness set, tuning part: f015, f044, f049, f136, f217).
_REQUESTED = re.compile(r"\b(?:(?:me|di)minta|minta|pinta(?:nya)?|(?:meng|di)imbau|(?:meng|di)ajak|(?:men|di)dorong|"
                        r"(?:men|di)tuntut|(?:menginstruksikan|diinstruksikan)|(?:memerintahkan|diperintahkan)|"
                        r"(?:mengharuskan|mewajibkan))\b", re.IGNORECASE)


def _expressed_modalities(source: str) -> set[str]:
    """The kinds of modality ``source`` expresses, its requests and what they forbid included."""
    have = set(modalities(source))
    if _REQUESTED.search(source):
        have |= {"wajib", "anjuran"}
    if "wajib" in have and set(words(source)) & NEGATIONS:  # "haruslah menjadi pelecut … untuk tidak mudah …"
        have.add("larangan")
    return have


def _unbacked(sentence: str, have: set[str]) -> list[str]:
    return [phrase for kind, phrase in modalities(sentence).items() if not MODALITY_BACKED_BY[kind] & have]


def added_modalities(sentence: str, source: str) -> list[str]:
    """The modality phrases of ``sentence`` whose kind ``source`` does not express (nor a kind
    that backs it): "harus" where the source only hoped, "boleh" where it said "harus"."""
    return _unbacked(sentence, _expressed_modalities(source))


def conflicting_modalities(sentence: str, source: str) -> list[str]:
    """``added_modalities`` where ``source`` expresses a modality or a request of its own ("boleh
    saja" where it says "harus", "harus" where it hopes): a source that expresses none may say it
    elsewhere ("tidak boleh ada praktik jual beli jabatan" checked against "Kita akan pelototi …";
    drafts_holdout3)."""
    have = _expressed_modalities(source)
    return _unbacked(sentence, have) if have else []


_MODALITY_LONGEST_FIRST = sorted(((" ".join(words(p)), kind) for kind, ps in MODALITY.items() for p in ps),
                                 key=lambda item: -len(item[0]))


# Opposite words, used to make hard training pairs for the entailment model (a stance reversed
# without a negation word: "menyindir" -> "memuji").
OPPOSITES = (
    ("meningkat", "menurun"), ("naik", "turun"), ("mendukung", "menolak"), ("menerima", "menolak"),
    ("memuji", "mengkritik"), ("besar", "kecil"), ("tinggi", "rendah"), ("mudah", "sulit"), ("cepat", "lambat"),
    ("baik", "buruk"), ("menang", "kalah"), ("kuat", "lemah"), ("maju", "mundur"), ("mendorong", "menghambat"),
    ("mempertahankan", "mengubah"), ("menghindari", "menghadapi"), ("memperhatikan", "mengabaikan"),
    ("membuka", "menutup"), ("memulai", "menghentikan"), ("masuk", "keluar"), ("awal", "akhir"),
    ("pertama", "terakhir"), ("sebelum", "sesudah"), ("bertambah", "berkurang"), ("menambah", "mengurangi"),
    ("memperluas", "mempersempit"), ("mempercepat", "memperlambat"), ("positif", "negatif"), ("murah", "mahal"),
    ("banyak", "sedikit"), ("lebih", "kurang"), ("sering", "jarang"), ("selalu", "jarang"), ("utara", "selatan"),
    ("timur", "barat"), ("terbesar", "terkecil"), ("tertinggi", "terendah"), ("terbanyak", "tersedikit"),
    ("pria", "wanita"), ("laki-laki", "perempuan"), ("lama", "baru"), ("kaya", "miskin"), ("setuju", "menentang"),
    ("melindungi", "mengancam"), ("memperkuat", "melemahkan"), ("berhasil", "gagal"), ("menjual", "membeli"),
)


def is_year(value: str) -> bool:
    """Whether a number (as number_values gives it) is a year of this era or the last: "2025"."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", value))


# Words that count in units and leave the thing counted to the word after them ("lima titik kantor
# perwakilan": five offices).
COUNTING_WORDS = frozenset({"titik", "buah", "orang", "ekor", "unit", "lembar", "biji", "butir", "helai", "batang",
                            "pasang", "kali"})


# Units of time in days: a span in another unit is another span ("dua pekan" where the source
# says "dua bulan", "setengah tahun" where "dua bulan"; claims_heldout18 n09, drafts_holdout18), one
# in the same days is not ("dua minggu" for "14 hari").
DAYS_IN = {"jam": 1 / 24, "hari": 1, "pekan": 7, "minggu": 7, "bulan": 30, "tahun": 365}


def counts(text: str) -> dict[str, set[str]]:
    """What a text counts and how many: the word after each number, stemmed, with the numbers
    given for it ("setiap tiga bulan" -> {"bulan": {"3"}}, "35 kabupaten" -> {"kabupaten": {"35"}})."""
    found: dict[str, set[str]] = {}
    plain = _NOT_A_NUMBER.sub(" ", _DATE_IN_TEXT.sub(" ", text))
    pattern = re.compile(r"(" + _DIGIT_NUMBER.pattern + r"|" + _NUMBER_WORD_RUN.pattern + r")\s*(?P<noun>[a-zA-Z]{3,})"
                         r"(?:(?=\s+(?P<after>[a-zA-Z]{3,})))?", re.IGNORECASE)  # the word after, not consumed
    for match in pattern.finditer(plain):
        values = number_values(match.group(1))
        counted = [match.group("noun")]
        if counted[0].lower() in COUNTING_WORDS and match.group("after"):
            counted.append(match.group("after"))  # "lima titik kantor": the offices are counted too
        for word in counted:
            noun = tokenize(word)
            if values and noun and noun[0] not in STOPWORDS:
                found.setdefault(noun[0], set()).update(values)
    # "setahun sekali", "sebulan": one of the unit (not "sehari-hari"; claims_heldout18 n43)
    for match in re.finditer(r"\bse(" + "|".join(DAYS_IN) + r")\b(?![\w-])", plain, re.IGNORECASE):
        found.setdefault(match.group(1).lower(), set()).add("1")
    return found


def other_counts(statement: str, source: str) -> list[str]:
    """Each thing ``statement`` counts that ``source`` counts with other numbers only, and each
    span of time the source gives in days other than the statement's only: ["enam bulan, sumber:
    3 bulan", "2 pekan, sumber: 2 bulan"]."""
    out = []
    theirs = counts(source)
    spans = {(float(v) * DAYS_IN[unit], unit, v) for unit, values in theirs.items() if unit in DAYS_IN for v in values}
    for noun, values in counts(statement).items():
        if noun in theirs and not values & theirs[noun]:
            out.append(f"{'/'.join(sorted(values))} {noun}, sumber: {'/'.join(sorted(theirs[noun]))} {noun}")
        elif noun not in theirs and noun in DAYS_IN and spans \
                and not any(abs(float(v) * DAYS_IN[noun] - days) < 1 for v in values for days, _, _ in spans):
            _, unit, value = min(spans)
            out.append(f"{'/'.join(sorted(values))} {noun}, sumber: {value} {unit}")
    return out


# ----------------------------------------------------------------------------- dates

MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "december": 12,
}
MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember")
DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu", "Ahad")
DAYS_PATTERN = "(?:" + "|".join(day.lower() for day in DAY_NAMES) + ")"
# "(8/4)" and "(9/4/2021)" as news write a day, "9/4/2021" or "09-04-21" with a year, "8 April
# 2025" or "8 April" in words.
_NUMERIC_DATE = re.compile(r"\((\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\)|"
                           r"(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?![\d/])")
_WRITTEN_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b(?:\s+(\d{4}))?", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(f"{_NUMERIC_DATE.pattern}|{_WRITTEN_DATE.pattern}", re.IGNORECASE)


_DAY_IN_WORDS = re.compile(rf"({_NUMBER_WORD_RUN.pattern})(?=\s*(?:{'|'.join(MONTHS)})\b)", re.IGNORECASE)
_YEAR_IN_WORDS = re.compile(rf"(\b(?:{'|'.join(MONTHS)})\s+)({_NUMBER_WORD_RUN.pattern})", re.IGNORECASE)


def day_digits(text: str) -> str:
    """A day written in words before its month, and a year in words after it, in digits:
    "sembilan April 2021" -> "9 April 2021", "empat September dua ribu dua puluh lima" -> "4
    September 2025" (drafts_holdout21, where the year stood apart from the date)."""
    def one_number(run: str, low: int, high: int) -> str | None:
        """The run of number words in digits, when it is one number from ``low`` to ``high``."""
        values = _run_values(run)
        return _canonical(values[0]) if len(values) == 1 and low <= values[0] <= high else None

    def day(match: re.Match) -> str:
        value = one_number(match.group(1), 1, 31)
        return f"{value} " if value else match.group(0)

    def year(match: re.Match) -> str:
        value = one_number(match.group(2), 1900, 2099)
        trailing = match.group(2)[len(match.group(2).rstrip()):]
        return f"{match.group(1)}{value}{trailing}" if value else match.group(0)
    return _YEAR_IN_WORDS.sub(year, _DAY_IN_WORDS.sub(day, text))


def date_values(text: str, year: int | None = None) -> set[tuple[int | None, int, int]]:
    """The dates a text gives, as (year, month, day): "Selasa (8/4)", "8/4/2025", "8 April
    2025" and "delapan April 2025" are one date. A date written without its year takes ``year``
    (the article's), or None."""
    found = set()
    text = day_digits(text)
    for match in _NUMERIC_DATE.finditer(text):
        groups = match.groups()
        day, month, written_year = groups[:3] if groups[0] else groups[3:]
        d, m = int(day), int(month)
        if 1 <= d <= 31 and 1 <= m <= 12:
            y = int(written_year) + (2000 if len(written_year) == 2 else 0) if written_year else year
            found.add((y, m, d))
    for day, month, written_year in _WRITTEN_DATE.findall(text):
        if 1 <= int(day) <= 31:
            found.add((int(written_year) if written_year else year, MONTHS[month.lower()], int(day)))
    return found


# Waiting for something before acting, as the articles and their readers write it: "bekerja
# menunggu adanya juklak", "baru mau bekerja setelah terbit juklak" (the entailment model read the
# second as the opposite of the first at 94-99%: claims_heldout26 r21, drafts_holdout24, 26).
WAITING = re.compile(r"\b(?:menunggu|menanti|menantikan|baru\s+(?:mau\s+|bisa\s+|akan\s+|dapat\s+)?"
                     r"(?:(?:me|be|di|ter)\w+|kerja|mulai|jalan)(?:\s+[\w-]+){0,3}?\s+"
                     r"(?:setelah|sesudah|kalau|jika|bila|begitu))\b", re.IGNORECASE)


def plain_waiting(text: str) -> str:
    """``text`` with its ways of waiting before acting written "menunggu" ("baru bergerak setelah ada
    juklak" -> "menunggu ada juklak"), so that the entailment model reads them alike (drafts_holdout28
    and 29's "baru mau bergerak setelah juklak" paraphrases, not found before)."""
    return WAITING.sub("menunggu", text)


def waits(text: str) -> bool:
    """Whether ``text`` says someone waits for something before acting, without a negation in
    the three words before it ("tanpa menunggu", "tidak perlu menunggu" wait for nothing)."""
    return any(not NEGATIONS & set(words(text[:m.start()])[-3:]) for m in WAITING.finditer(text))


# Days of the week, capitalised as names of days are ("Selasa (16/11)"); "Minggu lalu" is a week.
_WEEKDAY = re.compile(r"\b(" + "|".join(day for day in DAY_NAMES if day != "Minggu") + "|"
                      r"Minggu(?!\s+(?:lalu|depan|ini|kemarin|pertama|kedua|ketiga|keempat|terakhir|ke-?\w*)\b))\b")


# Other spellings of a day's name, as ``weekdays`` gives them.
_DAY_SPELLING = {"Jum'at": "Jumat", "Ahad": "Minggu"}


def weekdays(text: str) -> set[str]:
    """The days of the week a text names: "Jum'at" as "Jumat", "Ahad" as "Minggu"."""
    return {_DAY_SPELLING.get(day, day) for day in _WEEKDAY.findall(text)}


def weekday_dates(text: str, year: int | None = None) -> dict[str, set[tuple[int | None, int, int]]]:
    """The dates a text gives right after a day of the week, by that day ("… Halal Bihalal …, Selasa
    (8/4)" -> {"Selasa": {(year, 4, 8)}})."""
    found: dict[str, set] = {}
    for match in _WEEKDAY.finditer(text):
        after = text[match.end():match.end() + 24]
        if re.match(r"\s*[(,]?\s*\d", after):
            day = _DAY_SPELLING.get(match.group(1), match.group(1))
            found.setdefault(day, set()).update(date_values(match.group(0) + after.split(")")[0] + ")", year))
    return {day: dates for day, dates in found.items() if dates}


_MONTH_YEAR = re.compile(r"\b(" + "|".join(m for m in MONTHS if m != "may") + r")\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def month_years(text: str) -> set[tuple[int, int]]:
    """The months a text names with their year and no day, as (year, month): "Loncat ke September
    2025, …" -> {(2025, 9)}; a day before the month makes it a date (``date_values``)."""
    text = day_digits(text)
    return {(int(m.group(2)), MONTHS[m.group(1).lower()]) for m in _MONTH_YEAR.finditer(text)
            if not re.search(r"\d\s*$", text[:m.start()])}


def format_date(date: tuple[int | None, int, int]) -> str:
    """(2025, 4, 8) -> "8 April 2025"; (None, 4, 8) -> "8 April"."""
    year, month, day = date
    return f"{day} {MONTH_NAMES[month - 1]}" + (f" {year}" if year else "")


def same_date(a: tuple[int | None, int, int], b: tuple[int | None, int, int]) -> bool:
    """Whether two ``date_values`` dates are the same day (a missing year matches any)."""
    return a[1:] == b[1:] and (a[0] is None or b[0] is None or a[0] == b[0])


# ----------------------------------------------------------------------------- sentences

# Abbreviations after which a period does not end a sentence (compared lower-cased,
# without the final period).
ABBREVIATIONS = frozenset({
    "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "st", "sh", "se", "mm", "msi", "m.si", "s.h", "s.e",
    "s.pd", "s.kom", "m.m", "m.h", "ph.d", "jl", "jln", "no", "kec", "kab", "kel", "desa", "prov",
    "tgl", "tel", "telp", "hal", "dll", "dsb", "dst", "dkk", "yth", "sdr", "bpk", "ibu", "a.n", "u.p",
    "rp", "vol", "ed", "pt", "cv", "tbk", "mr", "mrs", "ms", "jr", "sr", "vs", "etc", "e.g", "i.e",
    "kol", "brigjen", "mayjen", "letjen", "jend", "kompol", "akbp", "ipda", "iptu", "aiptu", "bripka",
    "nomor", "pasal", "ayat", "km", "kg", "cm", "ha", "ttd", "an", "ps", "ust", "gus",
})
# A sentence opening with one of these continues the one before it (its subject is there).
CONTINUATION = re.compile(
    r"^(?:ia|dia|beliau|mereka|hal (?:ini|itu|tersebut)|yang dimaksud|menurut(?:nya)?|harapannya|untuk itu|"
    r"oleh (?:sebab|karena) itu|"
    r"bahkan|apalagi|lebih lanjut|selanjutnya|kemudian|"
    r"dengan (?:begitu|demikian)|selain itu|tidak hanya itu|namun|maka|ini|itu|terobosan|permintaan ini|penekanan ini)\b",
    re.IGNORECASE,
)
QUOTE_MARK = re.compile(r"[“”\"]")
# In double quotation marks, or in single ones that open after a space and close before one
# ("… yang mengandalkan 'nggendong' orang …"; not the apostrophe of "governor's").
_QUOTED_PHRASE = re.compile(r"[“\"]([^”\"]+)[”\"]|(?:(?<=\s)|^)[‘']([^’'\n]+)[’'](?=[\s?.,!;:)]|$)")


def quoted_phrases(text: str, min_words: int = 3) -> list[str]:
    """The phrases ``text`` puts in quotation marks, of at least ``min_words`` words, lower
    case with punctuation dropped ("jangan biasakan yang biasa")."""
    return [" ".join(words(a or b)) for a, b in _QUOTED_PHRASE.findall(text) if len(words(a or b)) >= min_words]
# Someone's words: an opening mark and at least four words before any closing one (not a
# word in scare quotes, “kasak-kusuk”).
QUOTATION = re.compile(r"[“\"](?:[^”\"\s]+\s+){3,}[^”\"\s]+")


# ----------------------------------------------------------------------------- speech

# Verbs of saying that follow a quotation in news ("…,” tegas Ahmad Luthfi), with or without -nya.
SPEECH_VERBS = ("kata", "ujar", "tegas", "tutur", "ungkap", "jelas", "pungkas", "harap", "tandas", "pinta", "imbuh",
                "tambah", "sebut", "pesan")
# The stems of verbs that frame a statement as someone's words or view ("Luthfi menilai …", "Ia
# menegaskan …"): who said it and how is compared on its own; they say nothing about what was
# said, and a paraphrase picks its own ("menilai" where the article has "menyebut"; drafts_holdout9).
# Stems that are also content words ("nyata", "dapat", "jelas"; "kata" and "tutur" of "kata sandi"
# and "tutur kata") are left out.
ATTRIBUTION_STEMS = frozenset({
    "ujar", "tegas", "ungkap", "pungkas", "tandas", "imbuh", "tambah", "sebut", "nilai", "pandang",
    "yakin", "sorot", "ingat", "cerita", "papar", "singgung", "tekan", "anggap", "simpul",
    # "Mengapa Ahmad Luthfi mengaku belum sering bertatap muka …" ("mengaku" stems to "aku"; qa_new31 q02)
    "aku"})


_SAYING_STEMS = frozenset(SPEECH_VERBS) | ATTRIBUTION_STEMS


def _affixed_stems(tokens: list[str], stems: frozenset[str]) -> set[str]:
    """The ``stems`` of the affixed words among ``tokens`` ("mengatakan", "ujarnya"), not of a bare
    stem ("kata", "pesan" may be nouns) nor of a stopword ("tersebut" stems to "sebut")."""
    return {s for w in tokens if w not in STOPWORDS and (s := stem(w)) in stems and s != w}


def speech_frame_terms(text: str) -> set[str]:
    """The stems of the verbs of saying a sentence frames a statement with ("Khofifah mengatakan
    bahwa …", "… ujarnya"): affixed forms only, since a bare "kata" or "pesan" may be a noun.
    They say who spoke, not what was said: an answer sentence copied from a quotation that ends
    "… ,” ujarnya" is no less backed for "mengatakan" (qa_new5 q25)."""
    return _affixed_stems(words(text), _SAYING_STEMS)


# Verbs with which an article judges what someone said, not only reports it: words it introduces
# so ("Bahkan ia menyindir …") are not the speaker's plain view (issue 15: Luthfi's mocking
# "ASN kasak kusuk … untuk cari jabatan" copied as if he asked for it).
JUDGING_VERBS = ("menyindir", "mengkritik", "mengkritisi", "mengecam", "menyayangkan", "menyesalkan", "mencibir",
                 "menyentil", "mengejek")
_JUDGING = re.compile(r"\b(" + "|".join(JUDGING_VERBS) + r")(?:nya)?\b", re.IGNORECASE)


def judging_verbs(text: str) -> list[str]:
    """The judging verbs of ``text`` (lower-cased, in order, once each; "-nya" dropped)."""
    return list(dict.fromkeys(m.group(1).lower() for m in _JUDGING.finditer(text)))


# A sentence that reports what someone said: "menurut", a verb of saying, or "katanya" after a
# quotation. A sentence without one is the reporter's own narration; so is a verb of saying that
# says what something is for ("Hal ini menunjukkan komitmen untuk mendorong inovasi …", which the
# copy grammar let the 1.5B model give to Luthfi; qa_new17, read blind).
REPORTED_SPEECH = re.compile(
    r"\b(?<!untuk )(?<!agar )(?<!supaya )(?<!demi )(?<!guna )"
    r"(?:menurut(?:nya)?|me(?:ng|n|m|ny)?(?:atakan|yatakan|egaskan|yampaikan|jelaskan|yebut|yebutkan|inta|gajak|"
    r"ekankan|gingatkan|gungkapkan|uturkan|dorong|nilai|yindir|gharapkan)|berharap|"
    r"(?:" + "|".join(SPEECH_VERBS) + r")nya)\b", re.IGNORECASE)
# A request or instruction in a statement ("Khofifah meminta ASN menunggu juklak") …
REQUEST_VERBS = ("meminta", "minta", "menyuruh", "mengimbau", "mengajak", "mendorong", "menginstruksikan",
                 "memerintahkan", "mengharuskan", "mewajibkan", "menganjurkan", "menyarankan", "menekankan agar")
# … in a source: those verbs, their passives and the modal words of an instruction …
INSTRUCTION_WORDS = REQUEST_VERBS + ("diminta", "diharapkan", "diimbau", "diajak", "didorong", "harus", "wajib",
                                     "perlu", "mesti", "hendaknya", "jangan", "agar", "supaya", "pinta", "pintanya")
DIRECTIVE_VERBS = re.compile(r"\b(?:" + "|".join(REQUEST_VERBS) + r")\b", re.IGNORECASE)
DIRECTIVE_WORDS = re.compile(r"\b(?:" + "|".join(INSTRUCTION_WORDS) + r")\b", re.IGNORECASE)
# … and the words with which a source criticises a practice instead ("Hal ini sangat menghambat
# inovasi"): a statement that the speaker asked for that practice turns it around (issue 15).
CRITICISM_WORDS = re.compile(
    r"\b(?:menghambat|hambatan|menyalahi|pantangan|tak profesional|tidak profesional|menyindir|mengkritik|"
    r"mempersulit|memperlambat|merugikan|keliru|salah kaprah|kebiasaan buruk)\b", re.IGNORECASE)


# Verbs of praise and approval: a statement that someone praised what the source has them mock or
# criticise turns the source around ("Luthfi memuji ASN yang kasak-kusuk …" where he mocked them),
# and so does one that they allowed what they forbade ("mempersilakan … sebutan “orang dekat
# gubernur”" where "tidak boleh ada istilah …"; claims_heldout4 to 8).
PRAISE_VERBS = re.compile(
    r"\b(?:memuji|dipuji|mengapresiasi|diapresiasi|mengagumi|menyanjung|membanggakan|mengacungi jempol|"
    r"menyambut baik|mengunggulkan|merestui|direstui|mengizinkan|diizinkan|membolehkan|dibolehkan|"
    r"memperbolehkan|diperbolehkan|menyetujui|disetujui|mempersilakan|dipersilakan|"
    r"(?:memberi|memberikan|diberi|diberikan) (?:keleluasaan|kelonggaran|restu|toleransi|dispensasi)|"
    # tolerating what the source threatens to punish (drafts_holdout12)
    r"mentoleransi|ditoleransi|memaklumi|dimaklumi|"
    # naming it as the embodiment of a virtue ("kasak-kusuk … sebagai wujud profesionalisme")
    r"(?:wujud|cerminan|bukti|teladan) (?:nyata )?(?:profesionalisme|profesional|integritas|dedikasi|loyalitas))\b",
    re.IGNORECASE)


# Verbs that say something helps: a statement that a practice helps what the source says it
# hinders turns the source around ("menunggu juklak justru memperlancar inovasi" where it
# "sangat menghambat inovasi"; the second held-aside drafts).
HELP_VERB_WORDS = ("memperlancar", "melancarkan", "mempercepat", "memudahkan", "mempermudah", "membantu", "menunjang",
                   "menguntungkan", "memacu", "mendukung")
HELP_VERBS = re.compile(r"\b(?:" + "|".join(HELP_VERB_WORDS) + r")\b", re.IGNORECASE)
# Nouns that say something drives change, as the help verbs do ("ASN yang setia menunggu juklak dan
# juknis itulah motor inovasi birokrasi" where waiting "sangat menghambat inovasi"; drafts_holdout43).
DRIVER_OF_CHANGE = re.compile(r"\b(?:motor|penggerak|pendorong|pemacu|mesin|ujung\s+tombak|tulang\s+punggung)\s+"
                              r"(?:utama\s+)?(?:inovasi|kreativitas|kreatifitas|perubahan|kemajuan|terobosan)\b",
                              re.IGNORECASE)


def praised_what_is_criticised(statement: str, source: str) -> str:
    """The source's word of criticism when ``statement`` praises, or says helps, what the source
    criticises or says hinders; else ""."""
    for positive in (PRAISE_VERBS, HELP_VERBS, DRIVER_OF_CHANGE):
        if positive.search(statement) and not positive.search(source):
            criticism = CRITICISM_WORDS.search(source)
            if criticism:
                return criticism.group(0)
    return ""


# A statement that says a thing does not (much) help what the source says it ensures or speeds
# up ("Koordinasi … tak banyak membantu sinergi antar-unit kerja" where "Koordinasi yang baik akan
# memastikan sinergi antar-unit kerja"; claims_heldout18 n19, didukung when run once): the negation
# is on a word the source does not use, so the negation checks cannot see it.
_DENIED_HELP = re.compile(r"\b(?:tidak|tak|kurang|bukan)\s+(?:(?:banyak|terlalu|begitu|cukup)\s+)?(?:" +
                          "|".join(HELP_VERB_WORDS) + r")\s+(\w+)", re.IGNORECASE)
_ENSURING = re.compile(r"\b(?:" + "|".join(("memastikan", "menjamin", "meningkatkan", "mewujudkan", "memperkuat")
                                           + HELP_VERB_WORDS) + r")\s+(\w+)", re.IGNORECASE)


def denied_help(statement: str, source: str) -> str:
    """The source's words where ``statement`` says something does not (much) help what the
    source says it ensures, helps or speeds up (the same thing right after the verb); else ""."""
    for denied in _DENIED_HELP.finditer(statement):
        helped = with_synonyms({stem(denied.group(1))})
        for ensured in _ENSURING.finditer(source):
            before = words(source[:ensured.start()])[-2:]
            if stem(ensured.group(1)) in helped and not set(before) & NEGATIONS:
                return ensured.group(0)
    return ""


# Who apologises: a statement that has the one who asked forgiveness receive or grant it
# ("Luthfi-lah yang menerima permohonan maaf dari para ASN" where "Ahmad Luthfi juga meminta maaf";
# claims_heldout18 n06, didukung when run once).
APOLOGY_WORDS = re.compile(r"\b(?:(?:me)?minta|(?:me)?mohon|pinta)\s+maaf\b|\bpermohonan\s+maaf\b|"
                           r"\bpermintaan\s+maaf\b", re.IGNORECASE)
# … or demand it of others ("Luthfi menuntut para ASN meminta maaf kepadanya"; claims_heldout14; "Luthfi
# meminta para ASN memohon maaf kepadanya"; claims_heldout41 ae21)
FORGIVING_WORDS = re.compile(r"\b(?:menerima|mendapat|memperoleh|diberi)\s+(?:(?:permohonan|permintaan|ucapan)\s+)?"
                             r"maaf\b|\b(?:me|di)maafkan(?:nya)?\b|\bdimintai\s+maaf\b|"
                             r"\b(?:menuntut|menyuruh|mewajibkan|mengharuskan|meminta|memohon|mengimbau|"
                             r"menginstruksikan|mendesak)\s+(?:\w+\s+){1,3}"
                             r"(?:me)?(?:minta|mohon)\s+maaf\b", re.IGNORECASE)


def apology_turned(statement: str, source: str) -> str:
    """The source's words of apology where ``statement`` has someone receive or grant an apology
    and apologise nowhere, and the source tells of an apology and of no one forgiving; else ""."""
    if not FORGIVING_WORDS.search(statement) or FORGIVING_WORDS.search(source) \
            or APOLOGY_WORDS.search(FORGIVING_WORDS.sub(" ", statement)):
        return ""
    asked = APOLOGY_WORDS.search(source)
    return asked.group(0) if asked else ""


# The two parties of public service: who serves and who is served. A statement that puts one where
# the source has the other, after the same verb, turns it around ("… untuk memuliakan para aparatur"
# where "untuk memuliakan masyarakat Jawa Timur"; claims_heldout18 n11, didukung when run once).
SERVING_PARTY = frozenset({"asn", "aparatur", "pegawai", "pns", "birokrat", "pamong", "abdi"})
SERVED_PARTY = frozenset({"masyarakat", "warga", "rakyat", "publik", "penduduk"})
_BEFORE_OBJECT = frozenset({"para", "seluruh", "semua", "segenap", "kepada", "bagi", "untuk", "terhadap", "kaum"})


def _party_objects(text: str) -> dict[str, tuple[str, str]]:
    """Each active meN- verb's root with (the verb, the party its object names first: "serving"
    or "served")."""
    tokens = words(text)
    out = {}
    for i, token in enumerate(tokens):
        if _verb_voice(token) != "active":
            continue
        following = [w for w in tokens[i + 1:i + 4] if w not in _BEFORE_OBJECT]
        if following and following[0] in SERVING_PARTY | SERVED_PARTY:
            out.setdefault(root(token), (token, "serving" if following[0] in SERVING_PARTY else "served"))
    return out


def swapped_party(statement: str, source: str) -> str:
    """The verb after which ``statement`` names the other party of public service than
    ``source`` does; else ""."""
    theirs = _party_objects(source)
    for verb, (said, party) in _party_objects(statement).items():
        if verb in theirs and theirs[verb][1] != party:
            return said
    return ""


# Released from a duty ("Luthfi membebaskan para kepala OPD … dari tanggung jawab atas kinerja unit
# kerja") where the source asks or obliges them to carry it ("diminta untuk bertanggung jawab
# penuh"; drafts_holdout17, didukung when run once).
RELEASED_FROM = re.compile(
    r"\b(?:(?:mem|di)bebaskan|(?:me|di)lepaskan|(?:meng|di)ecualikan|(?:mem|di)bebastugaskan)\b"
    r"(?:\s+[\w-]+){0,8}?\s+dari\s+(?:\w+\s+){0,2}?(tanggung\s*jawab|kewajiban|tugas|beban)\b", re.IGNORECASE)


def released_from_duty(statement: str, source: str) -> str:
    """The source's words of a request or obligation where ``statement`` releases someone from
    the duty the source asks of them; else ""."""
    released = RELEASED_FROM.search(statement)
    if not released or RELEASED_FROM.search(source):
        return ""
    duty = {stem(w) for w in words(released.group(1))}
    asked = DIRECTIVE_WORDS.search(source)
    if duty <= {stem(w) for w in words(source)}:
        if asked:
            return asked.group(0)
        must = modalities(source).get("wajib")
        if must:
            return must
    return ""


# Not looking at a thing, not caring about it ("Saya tidak lihat bapak ibu siapa, dari mana …, tidak
# dilihat", "tak ambil pusing"): the set-aside words that ``_minds_alike`` reads as finding no problem.
_NOT_LOOKING = (r"ta[k]? ambil pusing|tidak ambil pusing|(?:tidak|tak) (?:me|di)?lihat|tidak peduli|tak peduli|"
                r"tidak mempersoalkan|tidak mempermasalahkan|mengabaikan|diabaikan")
# A source that sets a thing aside: a practice to be changed or left behind, a thing not taken
# into account, or not enough on its own ("Budaya ini yang sedang kita rubah", "tak ambil pusing
# pada latar belakang ASN", "bukan sekadar laporan administratif") …
SET_ASIDE_WORDS = re.compile(
    r"\b(?:(?:di|me|meng)?(?:rubah|ubah)|(?:di|me)?ninggalkan|tinggalkan|(?:di|meng)?hapus(?:kan)?|"
    r"(?:di|meng)?hindari|cara lama|pola lama|" + _NOT_LOOKING + "|"
    # old ways called outdated ("cara kerja usang yang perlu ditinggalkan" for "cara lama"; drafts_holdout42)
    r"usang|kuno|ketinggalan zaman|"
    # "meminta ASN membuang kebiasaan lama yang menuntut dilayani" (claims_heldout25 p38)
    r"(?:di|mem)buang|buanglah|(?:di|me)nanggalkan|"
    r"bukan sekadar|bukan sekedar|tidak sekadar|tidak sekedar|bukan semata|tidak cukup|belum cukup|"
    r"(?:melampaui|lebih dari) (?:sekadar|sekedar)|"
    # "tidak cepat puas dengan pencapaian yang ada": what was achieved is not enough (drafts_holdout5, 7)
    r"(?:tidak|tak|jangan|belum)\s+(?:\w+\s+){0,2}(?:puas|berpuas(?: diri)?)|"  # "tidak lekas merasa puas"
    # "… terus meningkatkannya alih-alih berpuas diri": instead of, set aside; "meminta birokrasi
    # berhenti memandang penyerapan anggaran sebagai satu-satunya ukuran" (drafts_holdout31)
    r"alih-alih|berhenti\s+(?:me|ber|di|ter)\w+|"  # "… berhenti terpaku pada pekerjaan rutin" (drafts_holdout41)
    # "tidak bisa lagi hanya berorientasi pada …", "tidak akan tercapai jika hanya mengandalkan …"
    r"(?:tidak|tak)(?:\s+(?:bisa|boleh|dapat|lagi|cukup)){0,2}\s+(?:hanya|sekadar|sekedar|semata)(?!\s+itu)|"
    r"(?:tidak|tak)\s+(?:\w+\s+){1,3}(?:jika|apabila|bila|kalau)\s+(?:hanya|sekadar|sekedar)|"
    # "tidak hanya dibelanjakan secara administratif", but not the connective "Tidak hanya itu, …"
    r"(?:tidak|bukan) hanya(?!\s+itu))\b",
    re.IGNORECASE)
# … against a statement that keeps, ranks first or finds enough what was set aside (or praises,
# says helps or asks for it: PRAISE_VERBS, HELP_VERBS, DIRECTIVE_VERBS) …
KEEP_WORDS = re.compile(
    r"\b(?:(?:di|mem)?pertahankan|dilestarikan|melestarikan|dipelihara|memelihara|(?:di|me)langgengkan|menjaga|dijaga|"
    r"sudah tepat|sudah benar|(?:cara|langkah|jalan|sikap) yang tepat|cukup|memadai|"
    # going back to what the source leaves ("Khofifah Minta ASN Kembali ke Pola Kerja Biasa-biasa Saja";
    # claims_heldout41 ae18, didukung when run once)
    r"kembali\s+(?:ke|kepada|pada)|"
    r"pertimbangan utama|diutamakan|mengutamakan|menjadi ukuran utama|wajar|lumrah|patut ditiru|patut dicontoh|"
    # made the yardstick of what the source does not look at ("menjadikan latar belakang … sebagai
    # patokan utama" where "tak ambil pusing pada latar belakang"; claims_heldout23 k05)
    r"patokan|tolok ukur|(?:men)?jadi penentu|penentu utama|acuan utama|syarat utama|dasar penilaian|"
    # weighing what the source says is not looked at (claims_heldout7, drafts_holdout8, 9)
    r"bahan pertimbangan|menjadi pertimbangan(?! utama)|menimbang|ditimbang|mempertimbangkan|dipertimbangkan|"
    r"memperhitungkan|"
    r"layak ditiru|menjadi teladan|"
    # favouring what the source forbids ("… 'orang dekat gubernur' layak diprioritaskan dalam promosi"
    # where "tidak boleh ada istilah … 'orang dekat gubernur'"; claims_heldout37 o44, didukung when run once)
    r"(?:di|mem)prioritaskan|(?:di|men)dahulukan|"
    # finding no problem in it ("… tidak menjadi persoalan" where it is "pantangan"; claims_heldout20)
    r"(?:tidak|tak|bukan)\s+(?:men)?jadi\s+(?:masalah|persoalan|soal)|(?:tidak|tak|bukan)\s+(?:masalah|persoalan)|"
    # with its "-nya" ("… menjadi pertimbangan utamanya dalam memberi jabatan"; drafts_holdout42, didukung
    # when run once)
    r"sah-sah saja)(?:nya)?\b", re.IGNORECASE)
# … or finds in keeping with a role or a rule what the source says goes against it ("… masih sejalan
# dengan perannya" where "menyalahi peran ASN"; claims_heldout18 n40, didukung when run once)
CONFORMING_WORDS = re.compile(r"\b(?:sejalan|selaras|searah|senapas|senada)\s+dengan\b", re.IGNORECASE)
# … or lets stand what the source forbids ("Luthfi membiarkan istilah 'orang dekat gubernur' berlaku"
# where "tidak boleh ada istilah …"; claims_heldout27 s18)
PERMIT_WORDS = re.compile(r"\b(?:membiarkan|mengizinkan|diizinkan|mengijinkan|diijinkan|membolehkan|"
                          r"dibolehkan|memperbolehkan|diperbolehkan|merestui|direstui|mentoleransi|ditoleransi)\b",
                          re.IGNORECASE)
# … and a statement that puts off, avoids or makes optional what the source asks for or calls
# necessary ("transformasi digital … pilihan yang masih bisa ditunda" where it is "sebuah
# keniscayaan"; "menjauhi inovasi yang berisiko").
DEFER_WORDS = re.compile(
    r"\b(?:(?:di|me)?nunda|ditunda|tunda|sekadar pilihan|hanya(?:lah)? pilihan|opsional|tidak mendesak|"
    r"(?:di)?jauhi|menjauhi|(?:di|meng)?hindari|membatasi|dibatasi|mengurangi|dikurangi|"
    r"boleh diabaikan|bisa diabaikan|menangguhkan|ditangguhkan|dikesampingkan|mengesampingkan|sepele|remeh|"
    r"(?:dapat|bisa|boleh|cukup) (?:menunggu|belakangan|nanti)|urusan belakangan|belakangan saja|dibiarkan|"
    r"sekadar opsi|hanya opsi|boleh dilewati|leluasa|bebas memilih|terserah|"
    # "dampak di lapangan bisa menyusul kemudian" where it "harus memiliki dampak" (drafts_holdout31)
    r"(?:bisa|boleh|dapat|cukup) menyusul|menyusul (?:kemudian|belakangan)|"
    # holding back until something is done ("menahan langkah kreatif sampai alokasi pagu …
    # ditetapkan" where "tidak perlu menunggu alokasi pagu"; drafts_holdout14)
    r"(?:menahan|menanti|menantikan|menunggu)(?:\s+[\w-]+){0,4}\s+(?:sampai|hingga|terlebih dahulu)|"
    r"baru (?:boleh|bisa|dapat)(?:\s+\w+){1,3}\s+(?:setelah|sesudah|bila|jika|kalau)|"
    # asked of them: "agar baru mengambil langkah kreatif setelah pagu anggaran resmi ditetapkan"
    # (claims_heldout24 l28); not what some do ("masih ada ASN yang baru bergerak setelah ada juklak",
    # the practice the source criticises; drafts_holdout14, 22)
    r"(?:agar|supaya|harus|hendaknya|sebaiknya|cukup)\s+baru\s+(?:mau\s+)?(?:me|ber|di)\w+(?:\s+[\w-]+){0,3}\s+"
    r"(?:setelah|sesudah)|"
    # trivialising what the source calls key ("hanya faktor sampingan", "sekadar pelengkap")
    r"sampingan|pelengkap|sekunder|formalitas|basa-basi|nomor dua|tak seberapa|tidak seberapa|seperlunya|"
    r"sekadarnya|ala kadarnya|secukupnya|"
    r"(?:tidak|tak|kurang) (?:penting|berarti|relevan|berpengaruh)|"
    r"urusan kedua|prioritas kedua|"
    # "tidak terlalu memerlukan dukungan" where "dibutuhkan dukungan penuh" (drafts_holdout3)
    r"(?:tidak|tak) (?:terlalu |begitu )?(?:perlu|memerlukan|butuh|membutuhkan|usah|wajib|harus|penting))\b",
    re.IGNORECASE)
DEMAND_WORDS = re.compile(
    r"\b(?:meminta|minta|diminta|harus|wajib|keniscayaan|keharusan|mendorong|didorong|mengajak|diajak|dituntut|"
    r"menuntut|perlu|perlunya|diperlukan|penting|pentingnya|mutlak|tidak bisa ditawar|menekankan|menegaskan|"
    # what the source calls key ("Kunci sukses … adalah komitmen pemimpin daerah", claims_heldout8 u07)
    r"kunci|utama|krusial|vital|esensial|tulang punggung|prioritas|pilar|fondasi|pondasi|"
    # "dibutuhkan dukungan penuh pemimpin daerah" (drafts_holdout6, 7, 9)
    r"dibutuhkan|membutuhkan)\b",
    re.IGNORECASE)


# A source that threatens or punishes ("mengancam akan mencoret nama siapapun yang menggunakan
# namanya"): a statement that rewards the same people turns it around ("berjanji memberi
# penghargaan kepada siapa pun yang membawa-bawa namanya", claims_heldout14 f16).
PUNISHMENT_WORDS = re.compile(
    r"\b(?:mengancam|diancam|ancaman|(?:men|di)coret|sanksi|menindak|ditindak|tindakan tegas|"
    r"(?:meng|di)hukum|hukuman|memecat|dipecat|pemecatan|(?:men|di)copot|pencopotan|(?:me|di)nonaktifkan|"
    # demoting ("justru akan diturunkan jabatannya" where "mendapat jabatan yang lebih tinggi";
    # claims_heldout26 r16)
    r"(?:di|men)turunkan (?:dari )?(?:jabatan|pangkat)\w*|turun (?:jabatan|pangkat)|demosi)\b",
    re.IGNORECASE)
REWARD_WORDS = re.compile(
    r"\b(?:penghargaan|(?:meng|di)hadiahi|hadiah|insentif|bonus|ganjaran|(?:meng|di)ganjar|apresiasi|"
    r"(?:mem|di)promosikan|(?:menaikkan|dinaikkan|naik) (?:jabatan|pangkat)|"
    r"(?:mendapat|mendapatkan|memperoleh|diberi) (?:jabatan|pangkat) (?:yang )?lebih tinggi|"
    r"(?:meng|di)angkat (?:\w+ )?(?:pegawai|asn|orang|mereka|menjadi|sebagai|jabatan|pejabat)|"
    # sheltering them ("menjanjikan perlindungan bagi siapa pun yang memakai namanya"; claims_heldout24)
    r"perlindungan|(?:me|di)lindungi|(?:menjamin|dijamin) keamanan)\b", re.IGNORECASE)


# A source that forbids ("tidak boleh ada istilah “orang dekat gubernur”"): a statement without a
# negation that approves or keeps the thing turns it around ("Gubernur … merestui sebutan …",
# claims_heldout8 u42).
PROHIBITION_WORDS = re.compile(r"\b(?:(?:tidak|tak) boleh|dilarang|melarang|larangan|terlarang)\b", re.IGNORECASE)


# Evaluative opposites: a statement with one where the source has the other, and not the first,
# turns it around ("seleksi … berlangsung longgar" where "seleksinya sangat ketat"). Only words
# that judge; "lama"/"baru" or "besar"/"kecil" name things as often ("cara lama", "usaha kecil").
STANCE_OPPOSITES = (
    ("ketat", "longgar"), ("cepat", "lambat"), ("murah", "mahal"), ("mudah", "sulit"), ("mempermudah", "mempersulit"),
    ("memudahkan", "menyulitkan"), ("memperlancar", "menghambat"), ("pantangan", "lumrah"), ("meningkat", "menurun"),
    ("mendukung", "menolak"), ("memuji", "mengkritik"), ("memuji", "menyindir"), ("maju", "mundur"),
    ("mempercepat", "memperlambat"), ("memperkuat", "melemahkan"), ("berhasil", "gagal"), ("setuju", "menentang"),
    ("positif", "negatif"), ("sering", "jarang"), ("sederhana", "rumit"), ("efisien", "boros"), ("terbuka", "tertutup"),
    ("bersama", "sendiri"), ("kolaborasi", "sendiri"), ("keniscayaan", "pilihan"), ("profesional", "amatir"),
    ("memperhatikan", "mengabaikan"), ("penting", "sepele"), ("mendesak", "belakangan"), ("melarang", "mempersilakan"),
    ("berubah", "bertahan"), ("berganti", "bertahan"), ("beralih", "bertahan"), ("tantangan", "mulus"),
    ("hambatan", "mulus"), ("kendala", "mulus"), ("yakin", "ragu"),
    # "kreativitas dan inovasi sebenarnya mudah diterapkan di sektor pelayanan publik" where they "seringkali
    # menemui tantangan" there (drafts_holdout39, didukung when run once)
    ("tantangan", "mudah"), ("hambatan", "mudah"), ("kendala", "mudah"),
    # "kerja super tim" against "bekerja secara individual" (claims_heldout22 j02, 23 k28)
    ("tim", "individual"), ("bersama", "individual"), ("kolektif", "individual"),
    # "memperparah masalah ekonomi" where "mengatasi permasalahan ekonomi", "penopang kreativitas"
    # where "menghambat inovasi kreatifitas" (claims_heldout26 r23, drafts_holdout26)
    ("mengatasi", "memperparah"), ("menopang", "menghambat"),
    # "melompat … walaupun harus menabrak aturan" where "dengan memperhatikan aturan yang ada"
    # (claims_heldout32 x43)
    ("memperhatikan", "menabrak"), ("memperhatikan", "melanggar"), ("mematuhi", "melanggar"),
    ("mematuhi", "menabrak"), ("menaati", "melanggar"),
    # "ASN bebas membangkang terhadap pemimpin negara" where they "harus patuh terhadap setiap pemimpin
    # negara" (claims_heldout40 ad20, not found when run once)
    ("patuh", "membangkang"), ("taat", "membangkang"), ("patuh", "melawan"), ("patuh", "menentang"),
    # "inovasi … jarang menemui hambatan berarti" where it "seringkali menemui tantangan" (claims_heldout41 ae16)
    ("seringkali", "jarang"),
    # "kerja bareng ASN dan konsultan … masih sebatas rencana" where it "telah diterapkan" (claims_heldout17
    # m02: read as the opposite by the entailment model until the chat's "bareng" was read as "bersama",
    # which made the claim found through the cosine fallback, where the model is not asked)
    ("diterapkan", "rencana"), ("diterapkan", "wacana"),
)


# A connective that opens a sentence and ties it to the one before ("Meski begitu, …", "Namun demikian,
# …"): no word of what the sentence claims ("Meski begitu, beliau menilai profesionalisme ASN … malah
# menurun …" was not found at 18%, "meski" and "begitu" counted as its words; drafts_holdout38, 39).
# So is a turn to another place ("Pindah ke Jawa Timur, kata Bu Khofifah, …", a stand-up set in
# drafts_holdout43, not found at 41%).
OPENING_CONNECTIVE = re.compile(r"^(?:(?:(?:meski|walau|biar|kendati)(?:pun)?|namun|tetapi|akan\s+tetapi)\s+"
                                r"(?:begitu|demikian)\s*,?\s*|"
                                r"(?:pindah|beralih|bergeser|lanjut)\s+ke\s+(?:[A-Z]\w*\s*){1,3},\s*)",
                                re.IGNORECASE)


# Where a clause ends: a negation, a verb's object, a name run no further (compare's negation
# checks; flipped_clauses also splits at conjunctions).
CLAUSE_MARK = re.compile(r"[,.;:!?“”\"()]")
# Where a sentence ends, for reading a short text sentence by sentence (not chunking: rag.chunk).
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


# Verbs that make what follows them grow, and those that hold it back. A statement that holds
# back what the source makes grow ("mengerem kreativitas" where he asked to "meningkatkan
# kreativitas", "mempersempit ruang inovasi" where "ruang inovasi seluas-luasnya") turns it
# around, whatever the pair of words: a class, not a list of pairs (claims_heldout12 d11 and d42
# were didukung with verbs no pair held). "menekan" and "menahan" are left out: they stem to
# "tekan" (also "menekankan", to stress) and "tahan" ("bertahan"); their own forms are listed as
# words, not stems, in CURBING_FORMS ("ekspansi bisnis kecil-menengah sebaiknya ditahan" where he
# said "harus kembangkan"; claims_heldout17 m42).
GROWING_VERBS = ("meningkatkan", "menumbuhkan", "mendorong", "memperluas", "seluas", "mengembangkan", "memperkuat",
                 "mempercepat", "memacu", "memajukan", "menggalakkan", "memudahkan", "mempermudah", "memperlancar",
                 "menambah", "memperbanyak", "menggenjot", "mengoptimalkan", "memaksimalkan", "merangsang",
                 "menyuburkan", "memupuk", "menggairahkan", "melonggarkan")
CURBING_VERBS = ("menurunkan", "mengerem", "membatasi", "mempersempit", "menyempitkan", "mengekang", "memperlambat",
                 "melemahkan", "mengurangi", "mematikan", "memangkas", "menyulitkan", "mempersulit", "meredam",
                 "mengendurkan", "menghentikan", "menyurutkan", "menciutkan", "mengecilkan", "memadamkan",
                 "membendung", "menghambat", "menghalangi", "merintangi", "mengganjal", "memperketat", "memasung",
                 "membelenggu")
CURBING_FORMS = ("menahan", "ditahan", "menekan", "ditekan")


# Words that say something rises or falls by itself ("ASN sudah semakin profesional",
# "profesionalisme ASN kian merosot"): a statement that has fall what the source has rise turns it
# around (claims_heldout15, drafts_holdout15); "kian merosot" falls.
# "ASN Jateng lebih “menyala”" against "semangat ASN … justru meredup" (claims_heldout21, 23).
RISING_WORDS = ("semakin", "kian", "makin", "meningkat", "bertambah", "membaik", "menguat", "menyala")
FALLING_WORDS = ("merosot", "menurun", "memburuk", "melemah", "anjlok", "berkurang", "surut", "meredup", "mengendur",
                 "lesu", "padam")


@lru_cache(maxsize=1)
def _trend_directions() -> dict[str, int]:
    """Each stem of RISING_WORDS (+1) and FALLING_WORDS (-1)."""
    return {**{stem(w): 1 for w in RISING_WORDS}, **{stem(w): -1 for w in FALLING_WORDS}}


def _unnegated(text: str, directions: dict[str, int]):
    """(its clause's words, its position there, its direction) for each word of ``text`` whose
    stem ``directions`` gives a direction and that no negation or negating word before it in its
    clause turns."""
    for clause in CLAUSE_MARK.split(text):
        tokens = words(clause)
        for i, word in enumerate(tokens):
            direction = directions.get(word, directions.get(stem(word)))
            if direction is not None and not any(w in NEGATIONS or w in NEGATING_WORDS for w in tokens[:i]):
                yield tokens, i, direction


def _trends(text: str, reach: int) -> list[tuple[str, int, set[str]]]:
    """(word, +1 rising or -1 falling, the content stems within ``reach`` words either side) for
    each word of RISING_WORDS or FALLING_WORDS in ``text`` that no negation before it turns."""
    trends = _trend_directions()
    out = []
    for tokens, i, direction in _unnegated(text, trends):
        if direction > 0 and trends.get(stem((tokens[i + 1:i + 2] or [""])[0])) == -1:
            continue  # "kian merosot": the fall is the trend
        near = {stem(w) for w in tokens[max(0, i - reach):i + reach + 1] if w not in STOPWORDS} - set(trends)
        out.append((tokens[i], direction, near))
    return out


def opposed_trends(statement: str, source: str, reach: int) -> tuple[str, str] | None:
    """(the statement's word, the source's word) where one has fall what the other has rise, about
    the same thing (a content word near both); None otherwise."""
    for word, direction, near in _trends(statement, reach):
        for other, other_direction, other_near in _trends(source, reach):
            if other_direction != direction and near & other_near:
                return word, other
    return None


@lru_cache(maxsize=1)
def _directions() -> dict[str, int]:
    """Each stem of GROWING_VERBS (+1) and CURBING_VERBS (-1), and each word of CURBING_FORMS (-1)."""
    return {**{stem(w): 1 for w in GROWING_VERBS}, **{stem(w): -1 for w in CURBING_VERBS},
            **{w: -1 for w in CURBING_FORMS}}


def _directed(text: str, reach: int) -> list[tuple[str, int, set[str]]]:
    """(word, direction, what it is about) for each growing or curbing verb of ``text`` that no
    negation or negating word before it in its clause turns: the content stems of the ``reach``
    words after a verb, and also of those before a word that follows its noun ("ruang inovasi
    seluas-luasnya")."""
    out = []
    for tokens, i, direction in _unnegated(text, _directions()):
        word = tokens[i]
        first = i if word.startswith("me") else max(0, i - reach)
        near = {stem(w) for w in tokens[first:i + reach + 1] if w not in STOPWORDS} - {stem(word)}
        out.append((word, direction, near))
    return out


def opposed_directions(statement: str, source: str, reach: int) -> tuple[str, str] | None:
    """(the statement's word, the source's word) where the statement holds back what the source
    makes grow, or the other way round, about the same thing (a content word within ``reach``
    words of both verbs); None otherwise. A verb the other side also uses is no turn."""
    said, sourced = {stem(w) for w in words(statement)}, {stem(w) for w in words(source)}
    for word, direction, near in _directed(statement, reach):
        if stem(word) in sourced:
            continue
        for other, other_direction, other_near in _directed(source, reach):
            if other_direction != direction and stem(other) not in said and near & other_near:
                return word, other
    return None


@lru_cache(maxsize=1)
def _stance_opposites() -> dict[str, set[str]]:
    """STANCE_OPPOSITES by stem, both ways: "perhatikan" and "diabaikan" too (built on first use,
    so importing this module does not load the stemmer)."""
    return _by_stem(STANCE_OPPOSITES)


def _by_stem(pairs) -> dict[str, set[str]]:
    """Pairs of opposite words as a map from each word's stem to its opposites' stems, both ways."""
    opposite: dict[str, set[str]] = {}
    for a, b in pairs:
        opposite.setdefault(stem(a), set()).add(stem(b))
        opposite.setdefault(stem(b), set()).add(stem(a))
    return opposite


@lru_cache(maxsize=1)
def _all_opposites() -> dict[str, set[str]]:
    """OPPOSITES and STANCE_OPPOSITES by stem, both ways."""
    return _by_stem(OPPOSITES + STANCE_OPPOSITES)


# A negation and the word it turns: "belum banyak".
_NEGATED_WORD = re.compile(r"\b(" + "|".join(sorted(NEGATIONS)) + r")\s+(\w+)", re.IGNORECASE)


# Not caring, said with a negation, written as the word it means: "tak ambil pusing pada latar
# belakang" is "mengabaikan latar belakang", as "tidak mempedulikan latar belakang" is. Read word by word,
# the negation of the one reached "latar" and that of the other did not (claims_heldout32 x25, a true
# claim bertentangan); as one word it is the stance opposite of "menaruh perhatian" (drafts_holdout32).
NOT_CARING = re.compile(r"\b((?:tidak|tak|nggak|gak|enggak)\s+(?:mau\s+)?(?:ambil\s+pusing|peduli|mempedulikan|"
                        r"memedulikan|menghiraukan|menggubris|memusingkan))"
                        r"(?:\s+(?:pada|dengan|akan|soal|terhadap))?\b", re.IGNORECASE)


def plain_not_caring(text: str) -> str:
    """``text`` with its ways of not caring written "mengabaikan" (``NOT_CARING``)."""
    return NOT_CARING.sub("mengabaikan", text)


# A ban said as a word, written as the negation it is: "sampai larangan terlibat dalam jual beli
# jabatan" says "tak boleh ada yang terlibat" (claims_heldout33 y35, a true claim read as a negation on
# one side).
FORBIDDEN = re.compile(r"\b(?:larangan(?:\s+untuk)?|dilarang|terlarang)\b(?!\s+(?:itu|tersebut|ini)\b)",
                       re.IGNORECASE)
_MAY_NOT = re.compile(r"\b(?:tidak|tak|nggak|gak)\s+(?:boleh|diperbolehkan|dibolehkan)\b|\bjangan\b", re.IGNORECASE)


def plain_forbidden(text: str, other: str) -> str:
    """``text`` with its bans written "tidak boleh" (``FORBIDDEN``) where ``other`` says "tidak
    boleh" or "jangan": a ban named as a topic ("sikapnya soal larangan jual beli jabatan") against a
    source that forbids nothing stays a topic (drafts_holdout27)."""
    return FORBIDDEN.sub("tidak boleh", text) if _MAY_NOT.search(other) else text


# Avoiding something, where the other side says not to do it: "menghindari rasa cepat puas" says
# "untuk tidak cepat puas" (drafts_holdout34, a true paraphrase read as a negation on one side and
# as avoiding what the source calls important).
AVOIDING = re.compile(r"\b(?:menghindari|hindari|menjauhi|jauhi)\s+(?:(?:rasa|sikap|perilaku|kebiasaan)\s+)?"
                      r"(?=([\w-]+))", re.IGNORECASE)


def plain_avoiding(text: str, other: str) -> str:
    """``text`` with "menghindari (rasa) X" written "tidak X" where ``other`` has a negation just
    before X ("tidak cepat puas"); elsewhere unchanged."""
    def plain(match: re.Match) -> str:
        denied = re.search(r"\b(?:tidak|tak|jangan|bukan)\s+(?:\w+\s+)?" + re.escape(match.group(1)) + r"\b", other,
                           re.IGNORECASE)
        return "tidak " if denied else match.group(0)
    return AVOIDING.sub(plain, text)


# A negation that says the opposite word ("tidak jarang orang merasa …" is "sering"): the
# entailment model read it as a negation, a source's "tidak jarang" against a paraphrase's "cukup
# sering" as the opposite at 96% (drafts_holdout33).
# (Two of the LITOTES words, which the negation check reads the same way.)
LITOTES_MEANING = {"jarang": "sering", "sedikit": "banyak"}
# (not "tidak sedikit pun", "not at all"; not a word that goes on: "jarang-jarang")
_LITOTES = re.compile(r"\b(?:tidak|tak|bukan)\s+(" + "|".join(LITOTES_MEANING) + r")\b(?![-\w]|\s+pun\b)",
                      re.IGNORECASE)


def plain_litotes(text: str) -> str:
    """``text`` with "tidak jarang", "tak sedikit" … written as the word they mean (``LITOTES_MEANING``)."""
    return _LITOTES.sub(lambda m: LITOTES_MEANING[m.group(1).lower()], text)


# "jarang" is "tidak sering" for the negation check: "masih jarang bertemu ASN" retells "belum banyak
# bertemu dengan ASN" (claims_heldout43 ag15, a true claim found bertentangan: "bertemu" negated on one
# side only); so "tidak jarang" is "sering" there too (as ``plain_litotes`` reads it), which "jarang"
# turns around.
_SELDOM = re.compile(r"\b(?:(tidak|tak|bukan)\s+)?jarang\b", re.IGNORECASE)


def plain_seldom(text: str) -> str:
    """``text`` with "jarang" written as "tidak sering", and "tidak jarang" as "sering"."""
    often = LITOTES_MEANING["jarang"]
    return _SELDOM.sub(lambda m: often if m.group(1) else f"tidak {often}", text)


# What a negated word means, besides its opposite (OPPOSITES): "belum banyak bertemu" is a meeting
# "masih terbatas" (drafts_holdout33, a true paraphrase read as a negation on one side). Kept apart
# from OPPOSITES, whose pairs also make the training sets' planted contradictions.
NEGATED_MEANS = {"banyak": frozenset({"batas"})}


def negated_opposites(text: str, other: str) -> str:
    """``text`` with a negated word written as its opposite where ``other`` uses that opposite:
    "belum banyak bertemu" against "baru sedikit bertemu" reads "sedikit bertemu" (claims_heldout12
    d50), against "masih terbatas" reads "terbatas bertemu" (``NEGATED_MEANS``): saying the
    opposite word is saying the negation, not turning it around."""
    written = {stem(w): w for w in words(other)}

    def plain(match: re.Match) -> str:
        negated = stem(match.group(2).lower())
        means = _all_opposites().get(negated, set()) | NEGATED_MEANS.get(negated, set())
        opposite = next((written[o] for o in sorted(means) if o in written), None)
        return opposite or match.group(0)

    return _NEGATED_WORD.sub(plain, text)


# What one receives, said as the passive of the verb it comes from: "berhak mendapat pelayanan dari
# masyarakat" is "dilayani" by them, which the source denies ("melayani masyarakat, bukan dilayani";
# claims_heldout24 l03, a reversal found didukung).
RECEIVED_AS_PASSIVE = {"pelayanan": "dilayani", "layanan": "dilayani", "perlindungan": "dilindungi",
                       "bantuan": "dibantu", "pengawasan": "diawasi", "pembinaan": "dibina", "pujian": "dipuji"}
_RECEIVED = re.compile(r"\b(?:mendapat(?:kan)?|memperoleh|menerima|dapat)\s+(" + "|".join(RECEIVED_AS_PASSIVE)
                       + r")\b", re.IGNORECASE)


def received_as_passive(text: str) -> str:
    """``text`` with "mendapat pelayanan" … written as the passive it means ("dilayani")."""
    return _RECEIVED.sub(lambda m: RECEIVED_AS_PASSIVE[m.group(1).lower()], text)


def _uses(text: str, marker: str) -> bool:
    """Whether ``text`` says ``marker``, as it is or in other forms of its words ("ditinggalkan"
    for "meninggalkan"); a marker of stopwords and copulas only ("tidak bisa lagi hanya", "tidak
    menjadi persoalan") as it is, and so a word whose stem is one ("memadai" stems to "pada"), in
    written forms ("nggak usah" is "tidak perlu")."""
    forms = {stem(w) for w in words(marker) if w not in STOPWORDS and w not in _COPULAS} - STOPWORDS
    written = " ".join(words(formal(text)))  # "nggak usah" says "tidak perlu"
    return bool(re.search(rf"\b{re.escape(' '.join(words(marker)))}\b", written)
                or forms and forms <= {stem(w) for w in words(text)})


def _negated_marker(match: re.Match) -> bool:
    """Whether a negation just before a judging word turns it back: "tugas itu tidak boleh
    diabaikan" asks what "meminta … tidak lalai" asks (drafts_holdout13); a hedge between does not
    count ("tidak gampang merasa cukup" is "tidak mudah berpuas diri"; drafts_holdout19)."""
    return bool(set([w for w in words(match.string[:match.start()]) if w not in HEDGES][-2:]) & NEGATIONS)


# Comparisons that rank one thing above another: "A lebih krusial daripada B", "mengutamakan A
# ketimbang B", "yang lebih krusial adalah B" (after "A memang penting, namun"), "B, bukan sekadar A".
_COMPARED_WITH = re.compile(r"\b(?:daripada|ketimbang|dibandingkan|dibanding)\b", re.IGNORECASE)
_MORE = re.compile(r"\blebih(?:\s+\w+){1,2}\s*$", re.IGNORECASE)
_PREFERS = re.compile(r"\b(?:(?:meng|di)utamakan|(?:mem|di)prioritaskan|(?:mem|dip)entingkan|memilih|"
                      r"(?:mem|di)fokuskan|memusatkan|dipusatkan|berfokus)\b", re.IGNORECASE)
# What a source puts first without a comparison ("dukungan pimpinan daerah harus fokus pada
# penyederhanaan …"): a statement that ranks something else above it turns it around
# (drafts_holdout29: "lebih memusatkan dukungan pada prosedur … ketimbang pada penyederhanaan").
_FOCUS = re.compile(r"\b(?:(?:ber)?fokus|(?:di|ter)pusat(?:kan)?|difokuskan)\s+(?:pada|kepada|ke)\b|"
                    r"\b(?:mengutamakan|memprioritaskan)\b|\b(?:memfokuskan|memusatkan)\s+\w+\s+(?:pada|kepada|ke)\b|"
                    # "hal yang perlu dilakukan adalah kerja super tim" (claims_heldout31 w10)
                    r"\b(?:hal\s+)?yang\s+(?:perlu|harus|mesti)\s+(?:dilakukan|dikerjakan)\s+(?:adalah|ialah|yaitu)\b",
                    re.IGNORECASE)
_RANKED_FIRST = re.compile(r"\byang lebih \w+ (?:adalah|ialah|yaitu)\b", re.IGNORECASE)
_BUT = re.compile(r"\b(?:namun|tetapi|tapi|akan tetapi)\b", re.IGNORECASE)
_NOT_MERELY = re.compile(r",?\s*\bbukan (?:sekadar|sekedar|hanya|semata)\b", re.IGNORECASE)
# "A adalah hal paling krusial, sementara B …": the superlative ranks A above what the contrast
# then names (claims_heldout33 y25, a turned ranking found didukung).
_MOST_THEN_OTHER = re.compile(r"\b(?:(?:hal|yang)\s+)?paling\s+\w+\s*,?\s*(?:sementara(?:\s+itu)?|sedangkan|adapun)\b",
                              re.IGNORECASE)
# Where the words a comparison ranks begin: after "bahwa" or a verb of saying.
_THAT = re.compile(r"\bbahwa\b", re.IGNORECASE)
_STATING = frozenset({"menyatakan", "dinyatakan", "mengatakan", "dikatakan"})
# "A memang penting, tetapi B jauh lebih krusial": what the clause after "tetapi" ranks above
# what the clause before it grants (claims_heldout16: the turned ranking read as none).
_MORE_AT_END = re.compile(r"\b(?:jauh\s+|justru\s+|tentu\s+|malah\s+)?lebih\s+\w+\s*$", re.IGNORECASE)


def rankings(text: str, reach: int) -> list[tuple[set[str], set[str], str]]:
    """(what ranks above, what ranks below, the words that rank them) for each comparison of
    ``text``: the content stems of at most ``reach`` words on each side, in the clause."""
    def first(part: str) -> set[str]:
        return set(tokenize(CLAUSE_MARK.split(part, maxsplit=1)[0])[:reach])

    def last(part: str, count: int = reach) -> set[str]:
        # after the last "bahwa" or verb of saying: not the speaker nor the verb ("Luthfi menyatakan
        # (bahwa) A"; "menyatakan" stems to "nyata" of "hasil nyata")
        clause = _THAT.split(CLAUSE_MARK.split(part.rstrip(" ,;:"))[-1])[-1].split()
        said = [i for i, w in enumerate(clause) if w.lower() in _STATING or stem(w.lower()) in _SAYING_STEMS]
        return set(tokenize(" ".join(clause[said[-1] + 1:] if said else clause))[-count:])

    def shown(before: str, match: re.Match, after: str) -> str:
        # the comparison as written, a few words each side ("jauh lebih menentukan ketimbang hasil nyata")
        return " ".join(before.split()[-reach - 2:] + [match.group(0).strip(", ")] + after.split()[:reach]).strip(",.")

    out = []
    for sentence in SENTENCE_BREAK.split(text):
        compared = _COMPARED_WITH.search(sentence)
        if compared:
            before = sentence[:compared.start()]
            more, prefers = _MORE.search(before), _PREFERS.search(before)
            above = last(before[:more.start()]) if more else first(before[prefers.end():]) if prefers else set()
            if above:
                after = sentence[compared.end():]
                out.append((above, first(after), shown(before, compared, after)))
        ranked = _RANKED_FIRST.search(sentence)
        but = list(_BUT.finditer(sentence[:ranked.start()])) if ranked else []
        if but:
            # what the clause before "namun" grants ("evaluasi kinerja saat ini memang penting")
            granted = last(sentence[:but[-1].start()], 2 * reach)
            out.append((first(sentence[ranked.end():]), granted, shown("", ranked, sentence[ranked.end():])))
        elif (but := list(_BUT.finditer(sentence))):
            after = sentence[but[-1].end():].rstrip(" .,;:!?")
            more = _MORE_AT_END.search(after)
            if more:
                out.append((first(after[:more.start()]), last(sentence[:but[-1].start()], 2 * reach),
                            shown(after[:more.start()], more, "")))
        merely = _NOT_MERELY.search(sentence)
        if merely:
            out.append((last(sentence[:merely.start()]), first(sentence[merely.end():]),
                        shown("", merely, sentence[merely.end():])))
        most = _MOST_THEN_OTHER.search(sentence)
        if most:
            out.append((last(sentence[:most.start()]), first(sentence[most.end():]),
                        shown(sentence[:most.start()], most, sentence[most.end():])))
    return [(above, below, said) for above, below, said in out if above and below]


def priorities(text: str, reach: int) -> list[tuple[set[str], str]]:
    """(what ``text`` puts first, the words that say so) for each focus it states without a
    comparison ("… harus fokus pada penyederhanaan Creative Thinking"): the content stems of at
    most ``reach`` words after it, in the clause."""
    return [(set(tokenize(CLAUSE_MARK.split(text[m.end():], maxsplit=1)[0])[:reach]),
             " ".join([m.group(0)] + text[m.end():].split()[:reach]).strip(",."))
            for m in _FOCUS.finditer(text)]


def turned_ranking(statement: str, source: str, reach: int) -> tuple[str, str] | None | bool:
    """(the statement's comparison, the source's) where ``statement`` ranks above what the source
    ranks below, and below what it ranks above: "evaluasi kinerja jauh lebih menentukan ketimbang
    hasil nyata" where "evaluasi kinerja … memang penting, namun yang lebih krusial adalah
    orientasi pada hasil nyata" (drafts_holdout15, claims_heldout15 g05); False where it ranks
    them as the source does; None where neither ranks both."""
    agreed = False
    sourced = rankings(source, reach)
    ours = rankings(statement, reach)
    for above, below, said in ours:
        for source_above, source_below, source_said in sourced:
            if above & with_synonyms(source_below) and below & with_synonyms(source_above) \
                    and not above & with_synonyms(source_above):
                return said, source_said
            agreed |= bool(above & with_synonyms(source_above) and below & with_synonyms(source_below))
    if agreed:
        return False
    focused = priorities(source, reach)
    for above, below, said in ours:
        # below what the source puts first, without a comparison of its own
        # (what tells the sides apart: "kerja perorangan … lebih dibutuhkan ketimbang kerja super tim"
        # against "yang perlu dilakukan adalah kerja super tim", both "kerja"; claims_heldout31 w10)
        own = above - below
        for focus, focus_said in focused:
            if focus and own and below & with_synonyms(focus) and not own & with_synonyms(focus):
                return said, focus_said
    for above, below, said in ours:
        # across two of the source's comparisons: what one ranks below over what another ranks
        # above ("laporan administratif lebih krusial daripada hasil nyata" where the source puts
        # "hasil nyata" above evaluation and "dampak konkret" above "sekadar laporan administratif")
        lows = [s for a, b, s in sourced if above & with_synonyms(b) and not above & with_synonyms(a)]
        highs = [s for a, b, s in sourced if below & with_synonyms(a) and not below & with_synonyms(b)]
        if lows and highs:
            return said, lows[0]
    return None


# One thing for all ("satu user name password untuk seluruh layanan") against one each ("password
# yang berbeda untuk setiap layanan"): a statement that gives each its own where the source gives
# all one, or the other way round, turns it around (claims_heldout11, 13 and 15 were didukung).
_ONE_FOR_ALL = re.compile(r"\b(?:satu|sebuah|tunggal|single|sama)\b(?:\s+[\w-]+){0,4}?\s+(?:untuk|bagi|di|ke)\s+"
                          r"(?:[\w-]+\s+)?(?:seluruh|semua|segala|segenap|berbagai)\b", re.IGNORECASE)
_ONE_EACH = re.compile(r"\b(?:berbeda|berlainan|tersendiri|sendiri|terpisah|masing-masing)\b(?:\s+[\w-]+){0,4}?\s+"
                       r"(?:untuk|bagi|di|pada)\s+(?:setiap|tiap|tiap-tiap|masing-masing)\b|"
                       r"\b(?:setiap|tiap|tiap-tiap|masing-masing)\s+[\w-]+(?:\s+[\w-]+){0,3}?\s+"
                       # "setiap layanan … akan memerlukan akun dan kata sandi tersendiri" (claims_heldout14)
                       r"(?:memiliki|punya|dengan|memakai|menggunakan|memerlukan|membutuhkan|butuh)\s+[\w-]+"
                       r"(?:\s+[\w-]+){0,3}?\s+"
                       r"(?:sendiri|tersendiri|berbeda)\b|"
                       # more accounts to hold ("Single Sign On justru akan menambah jumlah akun yang harus
                       # dimiliki pengguna"; claims_heldout43 ag07, didukung when run once)
                       r"\b(?:menambah|memperbanyak|melipatgandakan|bertambahnya)\s+(?:jumlah\s+|banyaknya\s+)?"
                       r"(?:akun|username|user\s+name|password|kata\s+sandi)\b", re.IGNORECASE)


def one_for_all_turned(statement: str, source: str) -> tuple[str, str] | None:
    """(the statement's words, the source's) where one gives all one thing and the other each
    its own ("… berbeda untuk setiap layanan" against "satu … untuk seluruh layanan"), else None."""
    for ours, theirs in ((_ONE_EACH, _ONE_FOR_ALL), (_ONE_FOR_ALL, _ONE_EACH)):
        said, sourced = ours.search(statement), theirs.search(source)
        if said and sourced and not ours.search(source) and not theirs.search(statement):
            return said.group(0), sourced.group(0)
    return None


# "hasil maksimal tidak akan tercapai jika hanya mengandalkan rutinitas": what the source says
# fails when it is all one does, which a statement doing it for the result ("berpegang pada
# rutinitas … supaya hasil kerjanya maksimal", drafts_holdout27) or finding it enough turns round.
FAILS_IF_ONLY = re.compile(
    r"\b(?:tidak|tak|mustahil)\s+(?:akan\s+)?(?:pernah\s+)?(?:bisa\s+)?(?:tercapai|terwujud|diraih|dicapai|berhasil)"
    r"\s+(?:jika|kalau|bila|apabila)\s+(?:\w+\s+)?(?:hanya|cuma|sekadar|semata)\b", re.IGNORECASE)
# The words with which a statement does something for a result, or finds it enough for one.
FOR_THE_RESULT = re.compile(r"\b(?:supaya|agar|demi|guna|cukup|memadai|menjamin|dijamin)\b", re.IGNORECASE)


# "Jika seorang ASN kerja profesional, …, maka … akan mendapat jabatan yang lebih tinggi": the
# source's condition for a result; a statement giving another way to it ("kedekatan dengan pejabat
# sebagai jalan tercepat untuk meraih jabatan yang lebih tinggi", drafts_holdout29) turns it round.
CONDITION_THEN = re.compile(r"\b(?:jika|kalau|bila|apabila)\b([^.;]*?)\bmaka\b([^.;]*)", re.IGNORECASE)
WAY_TO = re.compile(r"\b(?:sebagai|adalah|merupakan|menjadi|jadi)\s+(?:satu-satunya\s+)?(?:jalan|kunci|cara|syarat|"
                    r"jalur|modal|resep)\b", re.IGNORECASE)


# "… tidak perlu menunggu alokasi pagu anggaran": what the source says need not be waited for; a
# statement acting only after it ("menyiapkan langkah kreatifnya setelah alokasi pagu anggaran
# ditetapkan", drafts_holdout30) waits for it.
NEEDLESS_WAIT = re.compile(
    r"\b(?:tidak|tak|tanpa|jangan)\s+(?:perlu\s+|harus\s+|usah\s+)?(?:menunggu|menanti)\s+([^.,;]+)", re.IGNORECASE)
AFTER_IT = re.compile(r"\b(?:setelah|sesudah|usai|begitu|menunggu)\s+([^.,;]+)", re.IGNORECASE)
# … or that makes sure of it first ("memastikan alokasi pagu anggaran lebih dulu sebelum mengambil
# langkah-langkah kreatif"; drafts_holdout31)
DONE_FIRST = re.compile(r"((?:\w+\s+){1,5}?)(?:lebih\s+dulu|lebih\s+dahulu|terlebih\s+dahulu)\s+sebelum\b",
                        re.IGNORECASE)


def _without_negation(statement: str) -> bool:
    return not (NEGATIONS | NEGATING_WORDS) & set(words(statement))


def _stems(text: str) -> set[str]:
    return with_synonyms(content_terms(text)) - _SAYING_STEMS


def failing_means_turned(statement: str, source: str) -> tuple[str, str] | None:
    """(the statement's word, the source's phrase) where the statement does for a result, or finds
    enough for it, what the source says fails when it is all one does (``FAILS_IF_ONLY``), naming
    both; else None. A statement that sets it aside or criticises it for the result ("meninggalkan
    rutinitas agar …") turns nothing."""
    failing = FAILS_IF_ONLY.search(source)
    for_result = FOR_THE_RESULT.search(statement) if failing and _without_negation(statement) \
        and not SET_ASIDE_WORDS.search(statement) and not CRITICISM_WORDS.search(statement) else None
    if not for_result:
        return None
    stated = _stems(statement)
    means = re.split(r"[.,;:!?]", source[failing.end():], maxsplit=1)[0]
    result = re.split(r"[.,;:!?]|\bbahwa\b", source[:failing.start()])[-1]
    return (for_result.group(0), failing.group(0)) if stated & _stems(means) and stated & _stems(result) else None


def _condition_demanded(after: str, deferral: str, demanded: str) -> bool:
    """Whether a deferral that ends in a condition ("baru bisa tumbuh bila …") makes the condition
    what the source demands ("inovasi baru bisa tumbuh bila kepala daerah memberi dukungan penuh"
    for "dibutuhkan dukungan penuh pemimpin daerah": the same need, no putting off; drafts_holdout31):
    two content words shared with the demand's clause."""
    if deferral.split()[-1].lower() not in CONDITION_WORDS | {"setelah", "sesudah"}:
        return False
    condition = re.split(r"[.;:!?]", after, maxsplit=1)[0]
    clause = re.split(r"[.;:!?]", demanded, maxsplit=1)[0]
    return len(content_terms(condition) & content_terms(clause)) >= 2


def waited_for_turned(statement: str, source: str, reach: int) -> tuple[str, str] | None:
    """(the statement's word, the source's phrase) where the statement acts after, waits for or
    makes sure first of what the source says need not be waited for (``NEEDLESS_WAIT``): one of
    the first ``reach`` words of what is awaited said after the statement's "setelah" or before
    its "lebih dulu sebelum" (``DONE_FIRST``); else None."""
    needless = NEEDLESS_WAIT.search(source)
    if not needless or not _without_negation(statement):
        return None
    awaited = tokenize(needless.group(1))[:reach]
    for after in AFTER_IT.finditer(statement):
        if set(awaited) & {stem(w) for w in words(after.group(1))[:reach + 2]}:
            return after.group(0).split()[0], " ".join(needless.group(0).split()[:3])
    for first in DONE_FIRST.finditer(statement):
        if set(awaited) & {stem(w) for w in words(first.group(1))}:
            return " ".join(first.group(0).split()[-3:]), " ".join(needless.group(0).split()[:3])
    return None


# Going back to what the source leaves for something else: "Khofifah Minta ASN Kembali ke Pola Kerja
# Biasa-biasa Saja" where ASN "harus berganti channel dari yang selama ini biasa-biasa saja menjadi
# extraordinary" (claims_heldout41 ae18, didukung when run once). The way left is the one after "dari"
# and before "menjadi"/"ke"; a statement that asks for the new way ("pindah dari … ke cara kerja luar
# biasa") goes back to nothing.
_GOING_BACK = re.compile(r"\bkembali\s+(?:lagi\s+)?(?:ke|kepada|pada)\s+([^.,;:!?]{1,60})", re.IGNORECASE)
_LEFT_FOR = re.compile(r"\bdari\s+([^.,;:!?]{1,60}?)\s+(?:menjadi|ke|kepada|menuju)\b", re.IGNORECASE)


def going_back_turned(statement: str, source: str) -> tuple[str, str] | None:
    """(the statement's "kembali ke …", the source's "dari …") where the statement goes back to the
    way the source leaves (a content word of it shared), the source going back nowhere."""
    back = _GOING_BACK.search(statement)
    if not back or _GOING_BACK.search(source) or not _without_negation(statement):
        return None
    wanted = content_terms(back.group(1))
    for left in _LEFT_FOR.finditer(source):
        if wanted & content_terms(left.group(1)):
            return " ".join(back.group(0).split()[:2]), " ".join(left.group(0).split()[:4])
    return None


# A way from one thing to another, both ends ("dari … ke …", "dari … menjadi …"; ``_LEFT_FOR`` above reads
# the end left only, and no "jadi").
_FROM_TO = re.compile(r"\bdari\s+([^.,;:!?]{1,60}?)\s+(?:menjadi|jadi|ke|kepada|menuju)\s+([^.,;:!?]{1,60})",
                      re.IGNORECASE)


def swapped_direction(statement: str, source: str) -> tuple[str, str] | None:
    """(the statement's "dari … ke …", the source's "dari … menjadi …") where the statement goes the
    other way: what it leaves is only in what the source goes to, and what it goes to only in what
    the source leaves ("beralih dari cara kerja yang luar biasa ke cara kerja yang biasa-biasa saja"
    where "berganti channel dari yang selama ini biasa-biasa saja menjadi extraordinary (luar biasa)";
    claims_heldout42 af09, didukung when run once). The words both ends of one side share ("cara
    kerja") tell nothing; one of those that tell must be a content word."""
    said = _FROM_TO.search(statement)
    if not said or not _without_negation(statement):
        return None
    left, gone_to = set(words(said.group(1))), set(words(said.group(2)))
    left, gone_to = left - gone_to, gone_to - left
    for way in _FROM_TO.finditer(source):
        their_left, their_goal = set(words(way.group(1))), set(words(way.group(2)))
        their_left, their_goal = their_left - their_goal, their_goal - their_left
        backwards, forwards = (left & their_goal) | (gone_to & their_left), (left & their_left) | (gone_to & their_goal)
        if left & their_goal and gone_to & their_left and not forwards and backwards - STOPWORDS:
            return " ".join(said.group(0).split()), " ".join(way.group(0).split())
    return None


def other_way_turned(statement: str, source: str) -> tuple[str, str] | None:
    """(the statement's word, the source's condition) where the statement gives a way to a result
    (``WAY_TO``) that shares no word with the source's condition for it (``CONDITION_THEN``), the
    result shared in two words at least; else None."""
    way = WAY_TO.search(statement)
    condition = CONDITION_THEN.search(source) if way and _without_negation(statement) else None
    if not condition:
        return None
    means = _stems(statement[:way.start()]) - _stems(" ".join(re.findall(r"\b[A-Z]\w+", statement)))  # no names
    result = _stems(statement[way.end():])
    if means and not means & _stems(condition.group(1)) and len(result & _stems(condition.group(2))) >= 2:
        return way.group(0), condition.group(0).split(",")[0]
    return None


# Business by its size: the source's small and medium enterprises ("tulang punggung ekonomi adalah
# UMKM", "kembangkan bisnis kecil hingga menengah") given to big ones in a statement ("korporasi besar
# sebagai tulang punggung ekonomi": claims_heldout29 k35, claims_heldout30 s32, claims_heldout31 w17).
_LARGE = (r"(?:korporasi|perusahaan|usaha|bisnis|industri|pengusaha|investor|pemodal)(?:-\w+)?\s+"
          r"(?:besar|raksasa|skala\s+besar)|korporasi|konglomera\w*")
_SMALL = (r"u?mkm|ukm|ikm|usaha\s+(?:mikro|kecil)|(?:bisnis|industri|pengusaha|pelaku\s+usaha)\s+kecil|"
          r"kecil\s+(?:hingga|dan|sampai|-)\s*menengah")
LARGE_BUSINESS = re.compile(r"\b(?:" + _LARGE + r")\b", re.IGNORECASE)
SMALL_BUSINESS = re.compile(r"\b(?:" + _SMALL + r")\b", re.IGNORECASE)


def _one_side_each(statement: str, source: str, stated: re.Pattern, sourced: re.Pattern) -> tuple[str, str] | None:
    """(the statement's ``stated`` phrase, the source's ``sourced`` one) where each side says only its
    own and the statement has no negation; else None."""
    said, given = stated.search(statement), sourced.search(source)
    if not said or not given or sourced.search(statement) or stated.search(source) or not _without_negation(statement):
        return None
    return said.group(0), given.group(0)


# A shift from one side to the other: "fokus … dialihkan dari bisnis kecil dan menengah ke perusahaan
# besar" (claims_heldout39 ac31, didukung when run once).
_SHIFTED_TO_LARGE = re.compile(r"\bdari\s+(?:\w+\s+){0,2}?(?:" + _SMALL + r")\b(?:\s+\w+){0,4}?\s+"
                               r"(?:ke|kepada|menuju|menjadi)\s+(?:\w+\s+){0,2}?(?:" + _LARGE + r")\b", re.IGNORECASE)


def scale_turned(statement: str, source: str) -> tuple[str, str] | None:
    """(the statement's phrase, the source's phrase) where the statement gives to big business
    (``LARGE_BUSINESS``) what the source gives to small and medium enterprises
    (``SMALL_BUSINESS``), sharing another content word with it; else None. A statement naming
    both sides, or a source that does, turns nothing, unless it moves from the small to the big
    ("dialihkan dari bisnis kecil … ke perusahaan besar")."""
    shifted = _SHIFTED_TO_LARGE.search(statement)
    given = SMALL_BUSINESS.search(source)
    if shifted and given and not LARGE_BUSINESS.search(source) and _without_negation(statement):
        return shifted.group(0), given.group(0)
    turned = _one_side_each(statement, source, LARGE_BUSINESS, SMALL_BUSINESS)
    rest = turned and _stems(LARGE_BUSINESS.sub(" ", statement)) & _stems(SMALL_BUSINESS.sub(" ", source))
    return turned if rest else None


# Each going their own way, and working with one another: a statement with the first where the source
# has the second ("… sebaiknya berjalan sendiri-sendiri" where they "harus saling mendukung";
# claims_heldout32 x46). A word, not a stem: "sendiri" alone ("Luthfi sendiri …") says nothing of it.
APART = re.compile(r"\b(?:sendiri-sendiri|masing-masing\s+secara\s+terpisah|(?:berjalan|bergerak|bekerja)\s+"
                   r"(?:sendiri|terpisah)|jalan\s+sendiri|terpisah-pisah)\b", re.IGNORECASE)
TOGETHER = re.compile(r"\b(?:saling|bersama(?:-sama)?|bersinergi|sinergi|berkolaborasi|kolaborasi|bekerja\s+sama|"
                      r"kerja\s+sama|satu\s+tim|(?:super\s+)?tim)\b", re.IGNORECASE)


def apart_turned(statement: str, source: str) -> tuple[str, str] | None:
    """(the statement's phrase, the source's word) where the statement has them go their own way
    (``APART``) and the source has them work with one another (``TOGETHER``), the statement not
    and the source not the other way; else None."""
    return _one_side_each(statement, source, APART, TOGETHER)


# "Akmal Malik sendiri memandang …", "ia sendiri …": the person himself, not alone; and "pada
# kesempatan yang sama": the same, not together (the stem of "bersama"). Neither turns "bersama"
# or "sendiri" around (drafts_holdout41, a true sentence read as turned by "sendiri" against "sama").
_EMPHATIC_SELF = re.compile(r"(?:\b[A-Z]\w+|\b(?i:ia|dia|beliau|mereka|kami|saya|kita|anda|gubernur|wagub))\s+"
                            r"sendiri\b")
_BARE_NOT_STANCE = frozenset({"sama"})


# A deadline ("paling lambat akhir 2022", "selambat-lambatnya …"): when, not slowness against the
# source's "lebih cepat" (claims_heldout25 p10, an invented target found bertentangan).
DEADLINE_PHRASE = re.compile(r"\b(?:paling\s+(?:lambat|cepat)|selambat-lambatnya|secepat-cepatnya)\b", re.IGNORECASE)


def reversed_stance(statement: str, source: str, limits, requests: bool = True) -> tuple[str, str] | None:
    """(the statement's word, the source's word) where ``statement`` turns the source around
    without a negation word, else None: the statement keeps, praises or finds enough what the
    source sets aside or criticises, or rewards whom it threatens (punishes whom it rewards), or
    puts off or avoids what the source asks for, or ranks first what the source ranks below
    (``turned_ranking``; a statement ranking as the source does is no turn), or does for a result
    what the source says fails when it is all one does (``failing_means_turned``), or gives
    another way to a result than the source's condition for it (``other_way_turned``), or gives
    to big business what the source gives to small (``scale_turned``), or has each go their own
    way where the source has them work together (``apart_turned``), or acts
    only after what the source says need not be waited for (``waited_for_turned``), or uses the
    evaluative opposite of the source's word, or holds back what the source makes grow about the
    same thing (``opposed_directions``; not without ``requests``). ``limits`` (a
    config.CompareConfig) gives ``direction_reach`` and ``set_aside_min_share``. Only
    words the other side does not use count, and none a negation just before turns back: a
    statement that repeats "ditinggalkan" or "menghindari" says what the source says. Without
    ``requests``, asking for what the source sets aside does not count (a source read beyond the
    passage the statement is about: its request may be for something else)."""
    statement, source = DEADLINE_PHRASE.sub(" ", statement), DEADLINE_PHRASE.sub(" ", source)
    statement = plain_avoiding(statement, source)  # "menghindari rasa cepat puas" for "tidak cepat puas"
    turned = _turned_stance(plain_not_caring(statement), plain_not_caring(source), limits, requests)
    if not turned:
        return None
    # not caring read as "mengabaikan", named as each side says it ("tak ambil pusing")
    said = [NOT_CARING.search(text) for text in (statement, source)]
    return tuple(m.group(1) if m and word == "mengabaikan" else word for word, m in zip(turned, said))


# "latar belakang maupun jalur masuk seorang ASN tak jadi soal" where he "tidak lihat" it (or "tak ambil
# pusing" on it): finding no problem in what the source does not look at says what the source says
# (drafts_holdout41, a true sentence read as turned).
_NO_PROBLEM = re.compile(r"(?:tidak|tak|bukan)\s+(?:(?:men)?jadi\s+)?(?:masalah|persoalan|soal)|sah-sah saja",
                         re.IGNORECASE)
_NOT_LOOKED_AT = re.compile(_NOT_LOOKING, re.IGNORECASE)


def _minds_alike(kept: str, set_aside: str) -> bool:
    """Whether a statement's "no problem" (``kept``) agrees with a source that does not look at the
    thing (``set_aside``)."""
    return bool(_NO_PROBLEM.fullmatch(kept) and _NOT_LOOKED_AT.fullmatch(set_aside))


# Where what a directive asks for ends: at a clause's punctuation or a reason or purpose joined to it.
_ASKED_ENDS = re.compile(r"[.,;:!?]|\b(?:karena|sebab|agar|supaya|sehingga)\b", re.IGNORECASE)


def _asks_for_set_aside(statement: str, directive: re.Match, source: str, set_aside: re.Match, reach: int) -> bool:
    """Whether the directive of ``statement`` asks for what the source's "not only"/"not enough if
    only" sets aside ("meminta ASN tetap mengandalkan rutinitas" for "tidak akan tercapai jika hanya
    mengandalkan rutinitas"), not for something else beside a reason that sets it aside too
    ("meminta seluruh ASN lebih kreatif dan inovatif karena rutinitas yang monoton tidak akan membawa
    hasil maksimal"; drafts_holdout44). Other set-aside words are left as they were."""
    if not set(words(set_aside.group(0))) & NOT_ONLY:
        return True
    thing = re.split(r"[.,;:!?]", source[set_aside.end():], maxsplit=1)[0]
    thing_terms = {stem(w) for w in [w for w in words(thing) if w not in STOPWORDS][:reach]}  # its first words
    asked = _ASKED_ENDS.split(statement[directive.end():], maxsplit=1)[0]
    return bool(with_synonyms({stem(w) for w in words(asked) if w not in STOPWORDS}) & with_synonyms(thing_terms))


def _turned_stance(statement: str, source: str, limits, requests: bool) -> tuple[str, str] | None:
    """``reversed_stance`` on texts whose deadlines are left out and whose not caring is one word."""

    def new(match: re.Match, other: str) -> bool:
        # a marker the other side also uses is no turn, nor one a negation turns back
        return not _negated_marker(match) and not _uses(other, match.group(0))

    def about_it(match: re.Match) -> bool:
        # "tidak hanya dibelanjakan secara administratif" sets aside what follows it: a statement
        # that asks for something else ("… agar setiap rupiah … terasa manfaatnya") keeps nothing
        # it set aside (claims_heldout12 d45)
        if not set(words(match.group(0))) & NOT_ONLY:
            # "Budaya ini yang sedang kita rubah, ASN dan Konsultan bekerja sama dalam satu tim": what
            # is set aside came before the word, what follows its comma is the new way; a statement
            # asking for the new way keeps nothing set aside (drafts_holdout26)
            if not re.match(r"\s*[,;:]", source[match.end():]):
                return True
            stated = with_synonyms(content_terms(statement))
            new_way = SENTENCE_BREAK.split(source[match.end():], maxsplit=1)[0]
            old_way = " ".join(SENTENCE_BREAK.split(source[:match.start()])[-2:])
            return len(stated & {stem(w) for w in words(new_way)}) <= len(stated & {stem(w) for w in words(old_way)})
        clause = re.split(r"[.,;:!?]", source[match.end():], maxsplit=1)[0]
        said_after = [w for w in words(clause) if w not in STOPWORDS and w != "secara"]
        after = {stem(w) for w in said_after[:limits.direction_reach]}  # its first content words
        said = after & with_synonyms({stem(w) for w in words(statement)})
        return len(said) > limits.set_aside_min_share * len(after)

    shared = one_for_all_turned(statement, source)
    if shared:
        return shared
    means = failing_means_turned(statement, source) or other_way_turned(statement, source) \
        or scale_turned(statement, source) or apart_turned(statement, source) or going_back_turned(statement, source) \
        or swapped_direction(statement, source)
    if means:
        return means
    ranked = turned_ranking(statement, source, limits.direction_reach)
    if ranked is not None:
        return ranked or None  # ranked as the source does: what it puts first is no keeping of the rest
    # a statement that sets aside or criticises on its own account turns nothing this way; the
    # source's criticised practice named in it ("mempersulit pelayanan … tidak menjadi persoalan"
    # where it "adalah pantangan") is no criticism of the statement's (claims_heldout20)
    if not any(new(m, source) for judging in (SET_ASIDE_WORDS, CRITICISM_WORDS) for m in judging.finditer(statement)):
        set_aside = next((m for m in SET_ASIDE_WORDS.finditer(source) if new(m, statement) and about_it(m)), None)
        criticism = next((m for m in CRITICISM_WORDS.finditer(source) if new(m, statement)), None)
        prohibition = None if NEGATIONS & set(words(statement)) else \
            next((m for m in PROHIBITION_WORDS.finditer(source) if new(m, statement)), None)
        punishment = None if NEGATIONS & set(words(statement)) or PUNISHMENT_WORDS.search(statement) else \
            next((m for m in PUNISHMENT_WORDS.finditer(source) if new(m, statement)), None)
        # … and punishes whom it rewards
        reward = None if NEGATIONS & set(words(statement)) or REWARD_WORDS.search(statement) \
            or PUNISHMENT_WORDS.search(source) else \
            next((m for m in REWARD_WORDS.finditer(source) if new(m, statement)), None)
        # what the source sets aside, kept, praised, found enough or asked for; what it
        # criticises, kept or found enough ("… adalah hal yang lumrah" where "pantangan"); what it
        # forbids, kept or approved
        # what "tidak mudah berpuas diri" sets aside is being content: a statement asks for that only in
        # its words ("meminta ASN cepat puas"), not by asking for something else ("mewajibkan setiap CPNS
        # menghasilkan satu inovasi digital" near it; drafts_holdout35, an invented duty read as turned)
        contentment = set_aside is not None and "puas" in set_aside.group(0).lower() \
            and not re.search(r"\b(?:ber)?puas\b", statement, re.IGNORECASE)
        asking = (DIRECTIVE_VERBS,) if requests and not contentment else ()
        for negative, positives in ((set_aside, (KEEP_WORDS, PRAISE_VERBS, HELP_VERBS) + asking),
                                    (criticism, (KEEP_WORDS, CONFORMING_WORDS)),
                                    (prohibition, (KEEP_WORDS, PRAISE_VERBS, PERMIT_WORDS)),
                                    (punishment, (PRAISE_VERBS, REWARD_WORDS)),
                                    (reward, (PUNISHMENT_WORDS,))):
            for positive in positives if negative else ():
                kept = next((m for m in positive.finditer(statement) if new(m, source)
                             and not (negative is set_aside and _minds_alike(m.group(0), negative.group(0)))
                             and not (positive is DIRECTIVE_VERBS and negative is set_aside and not
                                      _asks_for_set_aside(statement, m, source, set_aside, limits.direction_reach))),
                            None)
                if kept:
                    return kept.group(0), negative.group(0)
    demand = DEMAND_WORDS.search(source)
    deferred = next((m for m in DEFER_WORDS.finditer(statement) if new(m, source)
                     and not _condition_demanded(statement[m.end():], m.group(0), source[demand.end():])),
                    None) if demand else None
    if deferred:
        return deferred.group(0), demand.group(0)
    waited = waited_for_turned(statement, source, limits.direction_reach)
    if waited:
        return waited
    stated = {stem(w): w for w in words(statement)}
    # "tidak jarang" is "sering": no opposite of a statement's "cukup sering" (drafts_holdout25)
    sourced = {stem(w): w for w in words(negated_opposites(source, statement))}
    for form in sorted(set(stated) - set(sourced)):
        if form == "sendiri" and _EMPHATIC_SELF.search(statement):
            continue
        opposite = sorted((_stance_opposites().get(form, set()) & set(sourced)) - set(stated))
        opposite = [o for o in opposite if sourced[o].lower() not in _BARE_NOT_STANCE]
        if opposite:
            return stated[form], sourced[opposite[0]]
    # beyond the passage, only the listed opposites: a growing verb there may be about anything
    return opposed_directions(statement, source, limits.direction_reach) \
        or opposed_trends(statement, source, limits.direction_reach) if requests else None


# The word families with which a statement judges what it is about: approving or putting off,
# and criticising or setting aside.
APPROVING_OR_DEFERRING = (KEEP_WORDS, PRAISE_VERBS, HELP_VERBS, DEFER_WORDS)
JUDGING = APPROVING_OR_DEFERRING + (CRITICISM_WORDS, SET_ASIDE_WORDS)


def added_judgement(statement: str, source: str, approving_only: bool = False) -> str:
    """A word with which ``statement`` judges (keeps, praises, helps, puts off; unless
    ``approving_only``, also criticises or sets aside) that ``source`` does not use, or "": a
    judgement the source does not make, which no paraphrase of the source's other words can back.
    Approval and putting off are what turn a criticism around; a criticism in other words ("yang
    keliru" for "ada kesalahan") is more often the source's own. Avoiding what the source says
    not to do is no judgement of its own (``plain_avoiding``)."""
    statement = plain_avoiding(statement, source)
    for judging in APPROVING_OR_DEFERRING if approving_only else JUDGING:
        if judging is SET_ASIDE_WORDS and judging.search(source):
            continue  # "tidak cukup hanya sibuk menghabiskan anggaran" for "tidak bisa lagi hanya berorientasi
            # pada eksekusi anggaran": the source sets aside too, in other words (drafts_holdout30)
        for match in judging.finditer(statement):
            if not _negated_marker(match) and not _uses(source, match.group(0)):
                return match.group(0)
    return ""


def judging_words(statement: str) -> set[str]:
    """The words with which ``statement`` judges (keeps, praises, puts off, criticises, sets
    aside, or evaluates with a word that has an opposite): what it says about its topic, which a
    source that turns it around need not share."""
    judged = {w for judging in JUDGING for match in judging.finditer(statement) for w in words(match.group(0))}
    return judged | {w for w in words(statement) if stem(w) in _stance_opposites()}  # "longgar", "mulus"


# A modal word before what it asks for ("ASN sebaiknya menunggu juklak"): a request too when the
# source criticises that very thing (claims_heldout38 ab21; "Khofifah mengatakan ASN harus menunggu
# juklak …" was didukung).
_MODAL_BEFORE = re.compile(r"\b(?:harus|sebaiknya|perlu|wajib|mesti|hendaknya|seharusnya|semestinya)\s+(\w+)",
                           re.IGNORECASE)


def criticised_practice(statement: str, source: str) -> str:
    """The word with which ``source`` criticises what ``statement`` says was asked for, or "":
    the statement requests (a verb of request, or a modal word before the thing the source
    criticises), the source has no request or instruction and criticises."""
    found = CRITICISM_WORDS.search(source)
    if not found or DIRECTIVE_WORDS.search(source):
        return ""
    # the thing criticised comes before the word that criticises it, what it hinders after
    criticised = {stem(w) for w in words(source[:found.start()])} - STOPWORDS
    asked = DIRECTIVE_VERBS.search(statement) or any(
        stem(m.group(1).lower()) in criticised for m in _MODAL_BEFORE.finditer(statement))
    return found.group(0) if asked else ""


# Words with which a question asks for someone's own words ("apa kata X", "pendapat X").
SPEECH_QUESTION_WORDS = ("kata", "pesan", "ujar", "pendapat", "tanggapan", "komentar", "said", "say", "says",
                         # "ngomong apa", "bilang apa" in written form (qa_new8 q23)
                         "berbicara", "mengatakan",
                         # "What did Central Java's vice governor tell civil servants about …" (qa_new28 q14)
                         "tell", "told", "tells",
                         # "… semboyan soal kebiasaan …, gmn sih bunyi lengkapnya?": its words (qa_new31 q04)
                         "bunyi", "bunyinya")
# "Apa yang disampaikan Dirjen Otda mengenai UMKM?", "apa yang Luthfi tegaskan": asks for words too
# (qa_new14 q02)
SPEECH_QUESTION = re.compile(
    r"\b(" + "|".join(SPEECH_QUESTION_WORDS) + r")\b|"
    r"\bapa(?:\s+saja)?\s+yang\s+(?:\w+\s+){0,2}(?:di)?(?:sampaikan|katakan|ucapkan|tegaskan)\b", re.IGNORECASE)
# What a question asks someone's words about: "apa kata Gus Yasin soal jual beli jabatan",
# "what did Akmal Malik say about digital transformation".
_SPEECH_TOPIC = re.compile(r"\b(?:soal|mengenai|tentang|terkait|terhadap|perihal|about|regarding)\s+([^?]+)",
                           re.IGNORECASE)


def speech_topic(question: str) -> str:
    """What ``question`` asks someone's words about, or "" when it names no topic; a place after
    "di" is where, not what ("praktik jual beli jabatan di daerah" is about the trade in posts)."""
    found = _SPEECH_TOPIC.search(question)
    return re.sub(r"\s+(?:di|in)\s+\S.*$", "", found.group(1).strip()) if found else ""


# "Bagaimana tanggapan para kepala OPD terhadap …", "reaksi seluruh peserta soal …": a group's
# response asked for (qa_new15 q40).
_GROUP_ASKED = re.compile(r"\b(?:tanggapan|reaksi|respons|respon|komentar|pendapat|sikap)\s+(?:dari\s+)?"
                          r"(?:para|seluruh|semua|pihak|kalangan)\s+(\w[\w-]*)", re.IGNORECASE)
# Stems of verbs with which a group responds: those of saying, and these.
_RESPONDING_STEMS = _SAYING_STEMS | {"sambut", "tanggap", "respons", "dukung", "tolak", "apresiasi", "keluh", "protes"}


def asked_group(question: str) -> str:
    """The first word of the group whose response ``question`` asks for ("kepala" of "tanggapan
    para kepala OPD"), or ""."""
    found = _GROUP_ASKED.search(question)
    return found.group(1).lower() if found else ""


def group_responds(group: str, text: str, reach: int) -> bool:
    """Whether ``text`` has ``group`` (its first word) followed within ``reach`` words by a verb of
    saying or responding ("Para kepala OPD menyambut …"); "Seluruh kepala OPD … diminta …" has not."""
    said = words(text)
    return any(w == group and _affixed_stems(said[i + 1:i + 1 + reach], _RESPONDING_STEMS) for i, w in enumerate(said))


# Words that say what kind of answer is wanted, not what it is about (follow-up questions).
ASKING_WORDS = frozenset({"kata", "pesan", "ujar", "menurut", "pendapat", "tanggapan", "komentar", "sebut", "jelas",
                          "sampai", "maksud", "lalu", "terus", "kemudian", "said", "say", "think"})


# ----------------------------------------------------------------------------- questions

QUESTION_WORDS = frozenset({"apa", "apakah", "siapa", "siapakah", "bagaimana", "mengapa", "kenapa", "kapan", "dimana",
                            "di", "berapa", "benarkah", "what", "who", "how", "why", "when", "where", "which", "did",
                            "does", "is"})
# "Apakah …", "Benarkah …", "Did …": whether something is so.
YES_NO_QUESTION = re.compile(r"^\W*(?:apakah|benarkah|betulkah|adakah|did|does|do|is|are|was|were|has|have)\b",
                             re.IGNORECASE)
# "berapa gaji …": the question asks for a quantity.
QUANTITY_QUESTION = re.compile(r"\b(berapa|berapakah|how much|how many|jumlah)\b", re.IGNORECASE)
# "Mengapa …", "apa alasan …", "why …": a reason is asked for.
WHY_QUESTION = re.compile(r"\b(?:mengapa|kenapa|why|(?:apa|what)\s+(?:alasan|sebab|penyebab|reason)\w*)\b",
                          re.IGNORECASE)
# A sentence opening with these follows from the one before it: that one gives the reason.
FOLLOWS_FROM_BEFORE = re.compile(r"^(?:oleh (?:sebab|karena) itu|karena itu|untuk itu|maka(?:nya)?|dengan demikian|"
                                 r"akibatnya|sehingga)\b", re.IGNORECASE)
# A sentence that gives the purpose or reason of what comes before it ("Hal ini bertujuan agar setiap
# program … dapat memberikan dampak …"): the answer to a question for a reason (qa_new32 q07).
GIVES_REASON_OF_BEFORE = re.compile(r"^(?:(?:hal|langkah|upaya) (?:ini|itu|tersebut)|ini|itu) (?:bertujuan|dimaksudkan|"
                                    r"(?:di)?lakukan (?:agar|supaya|untuk)|karena|disebabkan|sebab)\b|"
                                    r"^(?:tujuannya|alasannya|sebabnya|penyebabnya)\b", re.IGNORECASE)
# "Berapa lama …": a span, which years can give ("1392–1897").
DURATION_QUESTION = re.compile(r"\b(?:berapa(?:kah)?\s+lama(?:kah)?|how long)\b", re.IGNORECASE)
# "Apa saja …", "siapa saja …", "sebutkan …": a list is asked for; with a count ("apa saja
# sembilan program …") the quotes must give that many (qa_new5 q27: a sentence that only names
# "Nawa Bhakti Satya" does not list its nine programmes).
LIST_QUESTION = re.compile(r"\b(?:(?:apa|siapa|mana)\s+saja|sebutkan|what\s+are|who\s+are|list)\b", re.IGNORECASE)
# A question for the parts of a named thing ("Apa saja isi program Nawa Bhakti Satya …", "… apa aja ya
# poin2nya?"): a sentence that names the thing without listing anything after it does not answer
# (qa_new17 q33 and qa_new27 q35 answered with the programme's aim; in written form, ``formal``).
CONTENTS_QUESTION = re.compile(r"\b(?:isi(?:nya)?|poin-poin(?:nya)?|poin(?:nya)?|butir-butir(?:nya)?|butir(?:nya)?|"
                               r"rincian(?:nya)?|komponen(?:nya)?|pilar(?:nya)?)\b", re.IGNORECASE)
# The items of a list in a sentence end at these ("A, B dan C"; "A; B; serta C").
LIST_SEPARATOR = re.compile(r"[,;]|\b(?:dan|serta|atau)\b", re.IGNORECASE)
# Words after "berapa" that name no counted thing ("berapa jumlah …", "berapa lama …").
COUNT_WORDS = frozenset({"jumlah", "banyak", "besar", "lama", "total", "nilai"})
# … and the verb of becoming, before what is counted ("berapa lama jadi gubernur"; qa_new18 q29)
COUNT_SKIPPED = COUNT_WORDS | {"jadi"}
# Words that state a count, beside which its number is written ("jumlah wali yang ada sembilan").
COUNT_STATING_WORDS = frozenset({"jumlah", "sebanyak", "total", "sejumlah"})
# What a number measures rather than counts: its number comes with a unit, often words away
# ("luas wilayah kira-kira 2,150,000km2"; IDK-MRC tune questions).
MEASURE_WORDS = frozenset({"luas", "panjang", "lebar", "tinggi", "berat", "jarak", "kedalaman", "suhu", "harga",
                           "biaya", "usia", "umur", "kecepatan", "volume", "kapasitas", "ketinggian"})
# "seberapa sering/besar/penting": the word after "seberapa" asks for a degree, it is no topic; nor
# is the "lama" of "berapa lama" (qa_new18 q29: "sudah berapa lama menjabat gubernur?").
HOW_MUCH = re.compile(r"\bseberapa\s+\w+|\bberapa(?:kah)?\s+lama\b", re.IGNORECASE)
# Dates in running text: "(8/4)", "8/4/2025", "08-04-25".
DATES = re.compile(r"\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)|\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b")
# A day of the calendar: "(16/11)", "16/11/2021", "8 April".
CALENDAR_DATE = re.compile(DATES.pattern + r"|\b\d{1,2}\s+(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
# "kapan …", "when …": the answer is a time.
TIME_QUESTION = re.compile(r"\b(kapan|kapankah|when|tanggal berapa(?:kah)?|hari apa|tahun berapa(?:kah)?|what date|"
                           r"what year)\b", re.IGNORECASE)
# "Tanggal berapa Bu Gubernur bilang …", "… ngomongin UMKM … itu kapan?", "… membawakan tema …
# itu hari apa": when something was said, which the date of the occasion the article reports
# answers (qa_new12 q05, q37; qa_new13 q36).
SAYING_ASKED = re.compile(
    r"\b(?:bilang|ngomong\w*|berkata|mengatakan|membicarakan|menyampaikan|disampaikan|menegaskan|menekankan|"
    r"berpesan|menyebut|mengungkapkan|menjelaskan|mengingatkan|berbicara|bicara|membawakan|memaparkan|"
    r"(?:memberi(?:kan)?|ngasih)\s+(?:arahan|materi|sambutan|pesan)|said|say|spoke|speak)\b", re.IGNORECASE)
# "Tahun berapa …", "what year …": a year is asked for, which a day and month alone ("Selasa
# (16/11)") do not give (qa_new6 q21).
YEAR_QUESTION = re.compile(r"\b(?:tahun\s+berapa(?:kah)?|(?:in\s+)?(?:what|which)\s+year)\b", re.IGNORECASE)
YEAR_EXPRESSION = re.compile(r"(?<![\d.,])\b(?:1[5-9]|20)\d\d\b(?![.,]\d)|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
# "Di gedung mana …", "di aula apa …": a building is asked for, which the answer names with that
# word ("di Gedung Gradhika …"); an event's name ("di acara Apel Pagi") is none (qa_new6 q08).
# Where in general is not checked: a place is written in too many ways ("berasal dari bagian
# barat pulau Jawa"; a rule for it refused 7 answerable IDK-MRC tune questions for 1 unanswerable).
# "di gedung mana", "di halaman kantor mana" (qa_new3 p34)
BUILDING_QUESTION = re.compile(
    r"\b(?:di|ke)\s+(?:halaman\s+|lapangan\s+)?(gedung|ruang|ruangan|aula|kantor)"
    # "di gedung atau halaman mana" (qa_new21 q13)
    r"(?:\s+(?:atau|dan)\s+(?:halaman|lapangan|gedung|ruang|ruangan|aula|kantor))?\s+(?:mana|apa)\b", re.IGNORECASE)
# "Kabupaten/kota mana saja …", "Di kota mana …", "In which city …": a town is asked for, which the
# answer names ("… yaitu Malang, Pamekasan, …"); "berkeliling 35 kabupaten dan kota di Jateng" names
# none (qa_new12 q08, an unanswerable question answered). Towns only: a province or a region is
# written in too many ways (above).
TOWN_QUESTION = re.compile(
    r"\b(?:kabupaten\s*/\s*kota|kota\s*/\s*kabupaten|kab\s*/\s*kota|kabupaten|kota|kecamatan|desa)\s+(?:mana|apa)\b|"
    r"\b(?:which|what)\s+(?:\w+\s+)?(?:cit(?:y|ies)|towns?|regenc(?:y|ies)|villages?)\b", re.IGNORECASE)

# "Di mana lokasi apel pagi …?", "Di mana … digelar?", "Where was … held?": the place of an
# event, which the answer names as a place the question does not ("… yang berlangsung di
# Semarang"); a quote from the event that names none ("… saat memberikan arahan … di acara Apel
# Pagi …, Selasa (8/4)") does not answer it (qa_new16, qa_new17: answered though unanswerable, two
# sets running). Checked like a town.
EVENT_PLACE_QUESTION = re.compile(
    r"\blokasi\b|\b(?:di\s*mana|dimanakah|di\s+manakah)\b(?=.*\b(?:digelar|diadakan|berlangsung|dilaksanakan|"
    r"diselenggarakan|dihelat|bertempat|berlokasi|terletak)\b)|"
    # "Where are … co-working spaces located?" (qa_new25 q40)
    r"\bwhere\b(?=.*\b(?:held|hosted|take\s+place|took\s+place|located|situated)\b)|"
    # the verb first: "… itu digelar di mana tepatnya?" (qa_new18 q15)
    r"\b(?:digelar|diadakan|berlangsung|dilaksanakan|diselenggarakan|dihelat)\s+(?:di\s*mana|dimanakah)\b",
    re.IGNORECASE)


# Words that liken a thing to another place ("dibuat sama seperti di California"; qa_new22 q39 answered
# where the academy is with it).
LIKENING_WORDS = frozenset({"seperti", "mirip", "ala", "layaknya", "bak", "laksana", "menyerupai", "sebagaimana"})


def names_new_place(question: str, text: str, people: Iterable[str] = ()) -> bool:
    """Whether ``text`` names something ``question`` does not: a run of capitalised words within
    a sentence that shares no word with the question and holds one that is not an acronym, a
    title, a province or office word (REGION_WORDS), an institution word, a month or a day ("di
    Semarang", "Malang, Pamekasan"; "di Jateng" for a question on Jateng, "Ahmad Luthfi" for one
    on Luthfi name nothing new), nor only the words of a name in ``people``: a person is no place
    ("… tegas Ahmad Luthfi saat … di acara Apel Pagi" says nothing of where the assembly was;
    qa_new21 q13, qa_new23 q24, answered though unanswerable)."""
    asked = {w.lower() for w in re.findall(r"\w+", question)}
    named_people = {w.lower() for person in people for w in re.findall(r"\w+", person)}
    for sentence in SENTENCE_BREAK.split(text):
        tokens = re.findall(r"[A-Za-z][\w'-]*", sentence)
        for run in capitalised_runs(tokens):
            named = [tokens[i] for i in run]
            if {t.lower() for t in tokens[max(0, run[0] - 2):run[0]]} & LIKENING_WORDS:
                continue  # "desainnya dibuat sama seperti di California": where it is like, not where it is
            if {token.lower() for token in named} <= named_people:
                continue
            if not {token.lower() for token in named} & asked and any(
                    token not in REGION_WORDS and token not in INSTITUTION_WORDS and token not in MONTH_NAMES
                    and not re.fullmatch(DAYS_PATTERN, token, re.IGNORECASE)  # "…, Selasa (8/4)"
                    and not re.fullmatch(TITLE_WORDS, token) for token in named):
                return True
    return False


# A time in running text: a date, a day or month name, a year (a bare number of three or four
# digits: "1675", "345"), a century or an era, a relative day, a holiday.
TIME_EXPRESSION = re.compile(
    r"\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)|\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b|(?<![\d.,])\b\d{3,4}\b(?![.,]\d)|"
    rf"\b(?:{DAYS_PATTERN}|januari|februari|pebruari|maret|april|mei|juni|"
    r"juli|agustus|september|oktober|november|nopember|desember|kemarin|besok|lusa|hari ini|"
    r"(?:pekan|bulan|tahun) (?:lalu|depan|ini)|abad|milenium|dekade|masehi|sm|zaman|era|"
    r"idul fitri|idul adha|lebaran|ramadan|ramadhan|natal|triwulan|semester)\b",
    re.IGNORECASE,
)


# ----------------------------------------------------------------------------- people and places

# Forms of address before a name or an office ("Pak Gubernur", "Ibu Khofifah").
FORMS_OF_ADDRESS = ("Bapak", "Ibu", "Pak", "Bu")
ADDRESS_PATTERN = "(?:" + "|".join(FORMS_OF_ADDRESS) + ")"
_ADDRESSING = re.compile(r"\b" + ADDRESS_PATTERN + r"(?=\s+[A-Z])")


def address_terms(text: str) -> set[str]:
    """The terms of the forms of address a text puts before a name ("Bapak Ahmad Luthfi"): a
    courtesy, no word of what it says, whatever the source says of "bapak ibu" (drafts_holdout24)."""
    return content_terms(" ".join(_ADDRESSING.findall(text)))


# An office written in lower case that stands for its holder ("Dalam rapat itu, gubernur meminta sistem
# merit …"; drafts_holdout32): someone the sources speak of, as the capitalised title is.
# As the one who does: a verb after it ("gubernur juga menempatkan …"), not "arahan gubernur mengenai …".
HOLDER_OFFICE = re.compile(r"\b(?:(?:wakil\s+)?gubernur|wagub|wapres|presiden|menteri|mendagri|dirjen|kapolda)\b"
                           r"(?=\s+(?:(?:juga|pun|kembali|lalu|telah|sudah|pernah|bahkan|turut)\s+)?"
                           r"(?!mengenai\b|menurut\b)(?:me|ber|di)\w+)")
# Titles that introduce an official's name.
TITLE_WORDS = (
    r"(?:Gubernur|Wakil Gubernur|Wagub|Wakil Presiden|Presiden|Menteri|Wali Kota|Walikota|Bupati|"
    r"Kepala|Ketua|Direktur Jenderal|Dirjen|Direktur|Sekretaris Daerah|Sekda|Kapolda|Kapolri|Mendagri|Wapres|Mantan)"
)
# An office or a province, in any case ("wagub jateng").
_OFFICE_OR_PLACE_WORD = re.compile(
    r"\b(" + TITLE_WORDS + "|"
    + "|".join(sorted((re.escape(a) for group in PLACE_ALIASES for a in group), key=len, reverse=True)) + r")\b",
    re.IGNORECASE)


def titled_offices(text: str) -> str:
    """``text`` with offices and provinces written as names are ("siapa wagub jateng yg …" ->
    "siapa Wagub Jateng yg …"): typed in lower case, they still name an office (qa_new6 q27)."""
    return _OFFICE_OR_PLACE_WORD.sub(lambda m: " ".join(w[:1].upper() + w[1:] for w in m.group(0).split()), text)


# Capitalised words that are places, offices or forms of address, never a person's name.
REGION_WORDS = frozenset({
    "Jawa", "Tengah", "Timur", "Barat", "Jateng", "Jatim", "Jabar", "Provinsi", "Pemprov", "Otonomi",
    "Daerah", "Kemendagri", "Bapak", "Ibu", "Bu", "Pak", "Negara", "Sumatera", "Utara", "Selatan",
    "Republik", "Indonesia", "Kota", "Kabupaten", "Sipil", "Aparatur", "ASN", "Pusat", "Pemkab", "Pemkot", "Pemda",
    "Pemerintah",
})
# Capitalised words that open a claim without naming its actor ("Lewat program …").
FUNCTION_WORDS = frozenset({"lewat", "melalui", "menurut", "dalam", "pada", "setelah", "sebelum", "saat", "ketika",
                            "untuk", "bagi", "dengan", "tanpa", "karena", "sejak", "selama", "di", "ke", "dari",
                            "oleh",
                            # the points of a list or a speech ("Pertama, terobosan …"; drafts_holdout12)
                            "pertama", "kedua", "ketiga", "keempat", "kelima", "selanjutnya", "kemudian", "lalu",
                            "akhirnya", "adapun", "namun", "selain",
                            # words that open a writer's aside ("Maklum, melalui program …"; drafts_holdout5)
                            "maklum", "tentu", "memang", "ternyata", "rupanya", "intinya", "singkatnya",
                            "sementara", "bahkan", "apalagi", "sebab", "meski", "walau", "jadi",
                            # purposes and conditions ("Demi memperluas jejaring …"; claims_heldout18 n23)
                            "demi", "agar", "supaya", "guna", "jika", "bila", "apabila", "asal", "usai", "seusai",
                            # a comparison that frames what follows ("Sebagaimana ditegaskan Ahmad Luthfi, …";
                            # drafts_holdout24)
                            "sebagaimana", "seperti", "sesuai", "mengutip"})
# A noun made with ke-…-an or pe-…-an ("Kesibukan menjalankan program …", drafts_holdout15): a
# thing, never a person's name, though it opens a statement before a verb.
NOMINALISATION = re.compile(r"^(?:ke|pe|per|pem|pen|peng|peny)\w{3,}an$", re.IGNORECASE)
# A word that reads as a verb after a name ("Ganjar Pranowo meminta …", "Menteri PANRB hadir …";
# claims_heldout39 ac13); not the words with a verb's prefix that are none ("Bahan terakhir adalah …"
# names no one; drafts_holdout6).
VERB_LIKE = re.compile(r"^(?!(?:terakhir|tersebut|terutama|termasuk|terkait|terhadap|tertentu|berikut(?:nya)?|"
                       r"bersama|berbagai|beberapa|dia|diri|dinas|dini|dimana|medio)$)"
                       r"(?:me|ber|di|ter)\w+|^(?:bilang|ingin|minta|kata|ujar|sebut|hadir|datang|tiba|bicara)$",
                       re.IGNORECASE)
# Taking part, which after a name is acting ("Menteri PANRB turut hadir …"; claims_heldout39 ac13).
JOINING_IN = frozenset({"turut", "ikut"})
_FULL_NAME = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,3}"
_SPEECH_VERB = r"(?:" + "|".join(SPEECH_VERBS) + r")(?:nya)?"


def capitalised_runs(tokens: list[str], *, include_first: bool = False, skip_common: bool = True) -> list[list[int]]:
    """The name detector: runs of consecutive capitalised tokens (as positions), the first
    token left out unless ``include_first`` (a sentence's first word is capitalised anyway).
    All-caps acronyms ("ASN") end a run; with ``skip_common``, so do question words and
    stopwords ("Apa", "Dan")."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i, token in enumerate(tokens):
        lower = token.lower()
        capital = token[:1].isupper() and not token.isupper() and (include_first or i > 0) \
            and not (skip_common and (lower in QUESTION_WORDS or lower in STOPWORDS))
        if capital:
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


# "siapa nama …", "siapa Kepala BPSDM …", and an office asked for last ("Pejabat Kemendagri yg
# jadi narasumber … itu siapa?"; qa_new9 q28): the answer is someone's (or something's) name. So
# is "Siapa (saja) ASN/pegawai yang …" (qa_new17 q37: whose names were struck off, answered with
# his threat to strike them; not "ASN … wajib patuh kepada siapa?", whose answer is no name).
_TITLE_OR_OFFICIAL = r"(?:nama|pejabat|" + TITLE_WORDS.lower().replace("(?:", "", 1)[:-1] + r")\b"
NAME_QUESTION = re.compile(
    r"\b(?:siapa(?:kah)?\s+(?:saja\s+)?(?:" + _TITLE_OR_OFFICIAL + r"|(?:asn|pegawai)\b)|"
    r"^\W*" + _TITLE_OR_OFFICIAL + r"[^?]*\bsiapa(?:kah)?\W*$|"
    # "Pejabat Kemendagri siapa yang juga berbicara …?" (qa_new24 q06, qa_new25 q06), after the occasion
    # too ("Waktu Khofifah isi workshop …, pejabat dari Kemendagri siapa yang ikut bicara?"; qa_new30 q01)
    r"(?:^\W*|,\s*)" + _TITLE_OR_OFFICIAL + r"(?:\s+\w+){1,3}\s+siapa(?:kah)?\s+yang\b|"
    # "Nama-nama pejabat siapa saja yang sudah dicoret …" (qa_new27 q31, answered with a threat)
    r"\bnama(?:-nama|2)?\s+(?:para\s+)?(?:" + _TITLE_OR_OFFICIAL + r"|asn|pegawai)\b|"
    # "… pegawai yg beneran dicoret …? siapa aja tuh" (qa_new34 q40, answered with the threat); not
    # "… koordinasi dengan siapa saja", whose answer is no name
    r"\b(?:asn|pegawai|pejabat)\b[^.!]*(?<!dengan\s)(?<!kepada\s)(?<!oleh\s)(?<!dari\s)(?<!untuk\s)"
    r"\bsiapa\s+(?:saja|aja)\W*(?:tuh|sih|ya)?\W*$|"
    r"who\s+(?:is|was)\s+the\s+(?:head|governor|minister|director|secretary|name)|"
    # "What is the name of the head of East Java's Diskominfo …" (qa_new34 q28)
    r"what\s+(?:is|was|are|were)\s+the\s+names?\s+of)",
    re.IGNORECASE,
)


# The role someone had at an event, which a source names with its own word ("dipandu
# moderator …", "narasumber …"): "Siapa moderator sesi SHOLEH …" is not answered by a sentence
# that names the speaker only (qa_new8 q33, qa_new9 q27, qa_new10 q34). One group per role.
EVENT_ROLES = (
    ("moderator", "host", "pemandu", "dipandu", "pembawa acara", "mc", "moderated", "hosted"),
    ("narasumber", "pemateri", "pembicara", "pemberi materi", "memberikan materi", "speaker"),
    ("penyelenggara", "panitia", "diselenggarakan", "organizer", "organized", "organised"),
    ("juri", "penilai", "judge", "judged"),
    ("pemenang", "juara", "menang", "memenangkan", "memenangi", "winner", "won"),
    ("peserta", "diikuti", "mengikuti", "participant", "participants"),
    ("penulis", "wartawan", "pewarta", "reporter", "ditulis", "menulis", "karya", "writer"),
    ("fotografer", "photographer"),
)
_ROLE_WORDS = "|".join(sorted((w for group in EVENT_ROLES for w in group), key=len, reverse=True))
# "Siapa (yang jadi) moderator …", "who was the host …", "who moderated …" (qa_new13 q20); not
# "Siapakah yang menang …", answered by "pasukan Republik berhasil …" (IDK-MRC tune)
ROLE_QUESTION = re.compile(
    r"\b(?:siapa(?:kah)?(?:\s+saja)?(?:\s+yang\s+(?:jadi|menjadi))?|who\s+(?:is|was|were)\s+the|who)\s+"
    r"(?:nama\s+)?(" + _ROLE_WORDS + r")\b|^\W*(" + _ROLE_WORDS + r")\b[^?]*\bsiapa(?:kah)?\W*$",
    re.IGNORECASE,
)


def asked_role(question: str) -> tuple[str, ...]:
    """The words for the event role whose holder ``question`` asks for ("Siapa moderator …",
    "who was the host …"); empty when it asks for none."""
    asked = ROLE_QUESTION.search(question)
    if not asked:
        return ()
    word = (asked.group(1) or asked.group(2)).lower()
    return next(group for group in EVENT_ROLES if word in group)


def names_role(role: tuple[str, ...], text: str) -> bool:
    """Whether ``text`` says one of the words for ``role``."""
    return any(re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) for word in role)


# "Sejak tahun berapa Emil menjabat …", "since when …": when something began, which a source
# gives with a word that says so ("sejak 2019", "dilantik pada …"); a date of something else in the
# same sentence does not answer it (qa_new11 q36: the SHOLEH broadcast's "4/9/2025").
SINCE_QUESTION = re.compile(r"\b(?:sejak|semenjak|mulai)\s+(?:kapan|tahun\s+berapa|tanggal\s+berapa|bulan\s+apa)|"
                            r"\bsince\s+(?:when|what|which)\b", re.IGNORECASE)
SINCE_WORDS = re.compile(r"\b(?:sejak|semenjak|mulai|dilantik|diangkat|terpilih|since)\b", re.IGNORECASE)

# "Sebelum jadi Wagub, Gus Yasin jabatannya apa?", "What position did … hold before becoming …":
# an earlier post, which a source gives with a word that says so ("mantan Kapolda …",
# "sebelumnya menjabat …"); the present office does not answer it (qa_new9 q32, qa_new10 q20).
EARLIER_POST_QUESTION = re.compile(
    r"\bsebelum(?:nya)?\s+(?:jadi|menjadi|menjabat|diangkat|dilantik|terpilih)\b|\bjabatan\s+sebelumnya\b|"
    r"\bdulu(?:nya)?\s+(?:menjabat|jabatannya)\b|\bbefore\s+(?:becoming|being|he\s+became|she\s+became|taking)\b|"
    r"\b(?:previous|former)\s+(?:position|post|job|role|office)\b",
    re.IGNORECASE,
)
EARLIER_POST_WORDS = re.compile(
    r"\b(?:mantan|eks|sebelumnya|pernah|dahulu|dulu|sempat|sebelum\s+(?:menjabat|menjadi|jadi|diangkat|dilantik))\b",
    re.IGNORECASE,
)
# "Siapa Gus Yasin?", "gus yasin tuh siapa sih? nama lengkapnya sm jabatannya apa ya", "Who is Emil
# Dardak?": who someone is, which the sentence that gives their office with their name answers, not
# their words (qa_new34 q12, answered with his call for coordination). The person is read by the
# caller; the question asks nothing else ("Siapa Gus Yasin yang …" does).
WHO_IS_QUESTION = re.compile(
    r"^\W*(?:siapa(?:kah)?\s+(?:sih\s+)?(?:itu\s+)?[^?]{2,40}?|who\s+(?:is|was)\s+[^?]{2,40}?)\W*$|"
    r"^\W*[^?]{2,40}?\s+(?:itu\s+|tuh\s+|ini\s+)?siapa(?:kah)?(?:\s+sih|\s+ya)?\W*(?:$|\?)|"
    r"\bnama\s+lengkap(?:nya)?\b[^?]*\bjabatan(?:nya)?\b|\bjabatan(?:nya)?\b[^?]*\bnama\s+lengkap(?:nya)?\b",
    re.IGNORECASE)
# "Bagaimana caranya supaya ASN bisa kerja luar biasa …", "Dengan cara apa …", "In what way …": the
# question asks for a way, which a sentence states as one ("salah satu cara untuk mewujudkan … adalah
# lewat perubahan budaya kerja", where the quote that restates the question gives none; qa_new30 q36)
MEANS_QUESTION = re.compile(r"\b(?:bagaimana|gimana|gmn|gmana)\s+cara(?:nya)?\b|\bcaranya\s+(?:bagaimana|gimana|gmn)\b|"
                            r"\bdengan\s+cara\s+apa\b|\bin\s+what\s+way\b", re.IGNORECASE)
MEANS_WORDS = re.compile(r"\b(?:cara(?:nya)?|lewat|melalui)\b", re.IGNORECASE)
# "Program apa …", "nama programnya …", "which East Java program …": a programme asked for by name,
# which a sentence gives as "program <Name>" ("… tertuang dalam program Nawa Bhakti Satya"; qa_new37
# q34, answered with two quotes that name none).
PROGRAMME_QUESTION = re.compile(r"\bprogram(?:nya)?\s+apa(?:kah|an)?\b|\bnama\s+program(?:nya)?\b|"
                                r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?program(?:me)?s?\b", re.IGNORECASE)
PROGRAMME_NAMED = re.compile(r"\b[Pp]rogram\s+(?:[“\"']\s*)?[A-Z]")
# "Apa contoh inovasi digital yang disebut Khofifah …", "… yang dicontohkan …", "for example": an
# example asked for, which a source gives with a word that says so ("misalnya", "seperti", "antara
# lain"); sentences that give none do not answer it (qa_new13 q34; qa_new2 m34, qa_new10 q21). Not
# "dicontoh dari …" (modelled on; qa_new8 q39).
EXAMPLE_QUESTION = re.compile(r"\b(?:contoh(?:nya)?|(?:di|men)contohkan|for\s+example|examples?)\b", re.IGNORECASE)
EXAMPLE_WORDS = re.compile(r"\b(?:contoh\w*|(?:di|men)contohkan|misalnya|misal|semisal|seperti|antara\s+lain|"
                           r"di\s+antaranya|salah\s+satu(?:nya)?|termasuk|yakni|yaitu)\b", re.IGNORECASE)

# "Mantan Kapolda Jateng tersebut …": the earlier post itself, named with its title.
FORMER_TITLE = re.compile(r"\b(?:mantan|eks)\s+" + TITLE_WORDS + r"\b", re.IGNORECASE)
# "Mantan Kapolda Jateng tersebut menyatakan …", "Gubernur itu …", "orang nomor satu di Jatim": a
# person named again by a title, pointing back as "ia" does to the one named before (drafts_holdout16,
# 18, 21, 22: Luthfi's "dampak konkret" sentence read as someone else's).
TITLE_POINTING_BACK = re.compile(r"\b" + TITLE_WORDS + r"(?:\s+[A-Z][\w-]*){0,3}\s+(?:tersebut|itu)\b|"
                                 r"\borang\s+nomor\s+satu\b", re.IGNORECASE)

# "Tahun berapa Luthfi menjabat sebagai Kapolda Jateng?", "Kapan … dilantik jadi Gubernur …": when
# someone held an office, which a date given beside another office does not answer (qa_new12 q21).
TENURE_QUESTION = re.compile(r"\b(?:menjabat|dilantik|diangkat|bertugas)\s+(?:sebagai\s+|menjadi\s+|jadi\s+)?("
                             + TITLE_WORDS + r"(?:\s+[A-Z][\w-]*)*)|"
                             # "… did Ahmad Luthfi serve as Central Java police chief?" (qa_new26 q30)
                             r"\b(?:serve[sd]?|served|was|became|appointed)\s+as\s+(?:the\s+)?((?:[A-Z][\w-]*\s+){0,3}"
                             r"(?:governor|vice governor|police chief|chief of police|director general|minister|regent|"
                             r"mayor|president)(?:\s+of(?:\s+[A-Z][\w-]*)+)?)", re.IGNORECASE)

# Words that open the name of a body or a building, not of a person or a programme.
INSTITUTION_WORDS = frozenset({
    "Badan", "Dinas", "Gedung", "Kantor", "Kementerian", "Balai", "Hotel", "Jalan", "Universitas", "Rumah",
    "Lembaga", "Komisi", "Dewan", "Pemerintah", "Sekretariat", "Biro", "Bank", "Masjid", "Pendopo", "Aula",
})


# Details a source gives with their own noun ("diberi sanksi berupa …", "berjudul …", "aplikasi
# …"): a question that asks for one ("Apa sanksi …") is not answered by sentences that never
# say it (qa_new6 q24, q33, q37; unlike "semboyan" or "istilah", whose answer is the thing itself).
DETAIL_NOUNS = frozenset({"sanksi", "hukuman", "judul", "aplikasi", "anggaran", "biaya", "gaji", "tunjangan", "hadiah",
                          "penghargaan", "alamat", "situs", "skor",
                          # "Program apa yang disiapkan Kemendagri …" (qa_new8 q21), "Apa tema workshop …"
                          # (qa_new11 q29), "Apa nama platform Single Sign On …" (qa_new13 q03)
                          "program", "tema", "platform"})
# Detail nouns that also name the setting a question is asked in ("program SHOLEH", "pagu
# anggaran"): the quotes must say them only when they are asked for. The others are what a yes/no
# question is about ("Apakah … menyiapkan penghargaan khusus …"; qa_new12 q36), not a question for
# the thing itself ("dimanakah alamat …", answered by "Jalan Gatot Subroto …": IDK-MRC tune).
SETTING_NOUNS = frozenset({"program", "anggaran"})

# "OPD mana yang dipuji …", "Siapa yang diapresiasi …": an act of praise asked about, which a source
# reports with a word of praise (PRAISE_WORDS); sentences with none do not answer it (qa_new12 q25).
# Asked of whom or what ("siapa", "mana", "apa yang"); a yes/no question ("Apakah Luthfi memuji
# …?") may be answered by what he said instead.
PRAISE_QUESTION = re.compile(r"\b(?:siapa|mana|apa\s+yang|who|whom|which|what)\b.*\b(?:dipuji|memuji|pujian|"
                             r"diapresiasi|mengapresiasi|apresiasi|disanjung|menyanjung|diacungi jempol|praised?|"
                             r"commended)\b|\b(?:dipuji|diapresiasi|disanjung)\b.*\b(?:siapa|mana)\b",
                             re.IGNORECASE)
PRAISE_WORDS = re.compile(r"\b(?:puji|memuji|dipuji|pujian|apresiasi|mengapresiasi|diapresiasi|sanjung|menyanjung|"
                          r"disanjung|bangga|membanggakan|salut|acungan jempol|mengacungi jempol|diacungi jempol|"
                          r"penghargaan)\b", re.IGNORECASE)


# Words that open the name of a body that acts or speaks ("Badan Kepegawaian Negara",
# "Pusat Pengembangan Kompetensi …"), not of a building or a place.
BODY_WORDS = frozenset({"Badan", "Kementerian", "Lembaga", "Komisi", "Dewan", "Sekretariat", "Biro", "Dinas", "Pusat",
                        "Direktorat", "Inspektorat", "Kantor"})


def bodies(text: str, *, in_titles: bool = False) -> list[str]:
    """The names of bodies in ``text``: runs of two or more capitalised words that open with a
    BODY_WORDS word ("… kanal YouTube milik Badan Kepegawaian Negara" -> ["Badan Kepegawaian
    Negara"]) or of that word and an acronym ("Kementerian PANRB"), and bodies named by an acronym
    of OFFICE_ALIASES, in full ("BKN" -> "Badan Kepegawaian Negara"); those in a person's title
    ("Dirjen … Kemendagri Akmal Malik") only ``in_titles``."""
    found = []
    pieces = re.split(f"({CLAUSE_MARK.pattern})", text)  # the parts, and the marks between them
    for at in range(0, len(pieces), 2):
        tokens = re.findall(r"[A-Za-z][\w'-]*", pieces[at])
        # a name set off by a comma titles as one right after does ("Dirjen Otonomi Daerah
        # Kemendagri, Akmal Malik, mengingatkan …"; drafts_holdout43, found bertentangan)
        after_comma = re.findall(r"[A-Za-z][\w'-]*", pieces[at + 2])[:1] \
            if at + 2 < len(pieces) and pieces[at + 1] == "," else []
        apposed = [w for w in after_comma if w[:1].isupper() and not w.isupper() and not is_region(w)
                   and w.lower() not in _ALIAS_OF and w not in BODY_WORDS]  # a name, no acronym, place or body
        for run in capitalised_runs(tokens, include_first=True):
            opener = next((k for k, i in enumerate(run) if tokens[i] in BODY_WORDS), None)
            if opener is not None and len(run) - opener >= 2:  # "… kanal YouTube Pusat Pengembangan …"
                found.append(" ".join(tokens[i] for i in run[opener:]))
            # the word alone before an acronym: "Kementerian PANRB" (claims_heldout37 o03)
            elif opener == len(run) - 1 and run[-1] + 1 < len(tokens) and tokens[run[-1] + 1].isupper():
                found.append(f"{tokens[run[-1]]} {tokens[run[-1] + 1]}")
        # a body by the acronym news gives it, in full ("melalui BKD" -> "Badan Kepegawaian Daerah",
        # "oleh BKD Jatim" with its province; claims_heldout39 ac46), and one in a person's title
        # ("Dirjen Otonomi Daerah Kemendagri Akmal Malik") only with ``in_titles``
        for previous, token, following in zip([""] + tokens, tokens, tokens[1:] + (apposed or [""])):
            full = [w if w == "dan" else w.capitalize() for w in _ALIAS_OF.get(token.lower(), ("",))[0].split()]
            titled = following[:1].isupper() and not is_region(following)
            # not a place an occasion is held at ("dalam workshop di BPSDM Jatim"; drafts_holdout18)
            held_at = previous.lower() in _LOCATIVE
            if token[:1].isupper() and (in_titles or not titled) and not held_at and full[:1] \
                    and full[0] in BODY_WORDS:
                found.append(" ".join(full))
    return found


def body_terms(body: str) -> set[str]:
    """What tells a body from another: its content stems without the word that opens it and
    without places and generic words ("Badan Kepegawaian Negara" -> {"pegawai"})."""
    generic = {w.lower() for w in REGION_WORDS}
    return content_terms(" ".join(w for w in body.split()[1:] if w.lower() not in generic))


# "di Semarang", "ke Jakarta": a place follows.
_LOCATIVE = frozenset({"di", "ke"})


def full_names(text: str) -> list[str]:
    """Runs of two or more capitalised words that are not places, offices or bodies, a
    sentence's first word left out ("Kepala BPSDM Jatim Aries Agung Paewai" -> ["Aries Agung
    Paewai"]; "Badan Pengembangan Sumber Daya Manusia", "Gedung Negara Grahadi" and what "di" or
    "ke" leads to, "di California, Amerika Serikat", are none). One word is a name after a title
    ("Bapak Presiden Jokowi" -> ["Jokowi"])."""
    out = []
    for sentence in SENTENCE_BREAK.split(text):
        tokens = re.findall(r"[A-Za-z][\w'-]*", sentence)
        for run in capitalised_runs(tokens):
            if tokens[run[0]] in INSTITUTION_WORDS or (run[0] > 0 and tokens[run[0] - 1] in _LOCATIVE):
                continue
            name = [tokens[i] for i in run
                    if tokens[i] not in REGION_WORDS and not re.fullmatch(TITLE_WORDS, tokens[i])]
            titled = len(name) == 1 and len(run) > 1 and name[0] == tokens[run[-1]] \
                and re.fullmatch(TITLE_WORDS, tokens[run[-2]])
            if len(name) >= 2 or titled:
                out.append(" ".join(name))
    return out


# Prepositions that are words of institutions' names ("Kementerian Dalam Negeri", "Kementerian Luar
# Negeri"), capitalised there.
NAME_PREPOSITIONS = frozenset({"Dalam", "Luar"})


# An office asked for in English with its province ("Central Java's vice governor", "the governor of
# East Java"): the articles' "Wakil Gubernur Jawa Tengah", a name they give its holder with (qa_new28
# q14 found East Java's vice governor first).
_ENGLISH_OFFICES = {"vice governor": "Wakil Gubernur", "deputy governor": "Wakil Gubernur", "governor": "Gubernur",
                    "vice regent": "Wakil Bupati", "regent": "Bupati", "vice mayor": "Wakil Wali Kota",
                    "mayor": "Wali Kota"}
_ENGLISH_PROVINCES = {group[2]: group[0].title() for group in PLACE_ALIASES if " " in group[2]}
_OFFICE_WORDS = "|".join(sorted(_ENGLISH_OFFICES, key=len, reverse=True))
_PROVINCE_WORDS = "|".join(sorted(_ENGLISH_PROVINCES, key=len, reverse=True))
_ENGLISH_OFFICE_OF_PROVINCE = re.compile(
    rf"\b(?:({_PROVINCE_WORDS})'s\s+({_OFFICE_WORDS})|(?:the\s+)?({_OFFICE_WORDS})\s+of\s+({_PROVINCE_WORDS}))\b",
    re.IGNORECASE)


def _office_of_province(match: re.Match) -> str:
    province, office = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return f"{_ENGLISH_OFFICES[' '.join(office.lower().split())]} {_ENGLISH_PROVINCES[province.lower()]}"


def spelled_out(acronym: str, text: str) -> bool:
    """Whether ``text`` writes ``acronym`` out as capitalised words, one per letter ("SSO":
    "Single Sign On")."""
    letters = acronym.replace("-", "").lower()
    initials = "".join(t[0].lower() if t[0].isupper() else " " for t in re.findall(r"[A-Za-z][\w'’]*", text))
    # a run of capitalised words, or part of one for three letters or more ("Melalui Single Sign On")
    return any(letters == run or len(letters) > 2 and letters in run for run in initials.split())


@lru_cache(maxsize=64)
def _lowered_name_runs(text: str) -> tuple[tuple[str, ...], ...]:
    """The runs of two or more capitalised words in ``text``, lower-cased and split into words:
    found once per article, which ``contracted`` reads for every unknown word of a question."""
    return tuple(tuple(run.lower().split()) for run in re.findall(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+", text))


def contracted(word: str, text: str, most_words: int = 4) -> bool:
    """Whether ``text`` writes ``word`` out as a run of two to ``most_words`` capitalised words (a
    name), each giving it a piece of two letters or more, in order: the first piece opens the first
    word, the others stand anywhere in theirs ("Pusbangkom": "Pusat Pengembangan Kompetensi";
    qa_new36 q16, refused when run once). Words of five letters or more only."""
    word = word.lower()
    if len(word) < 5 or not word.isalpha():
        return False
    names = _lowered_name_runs(text)

    def fits(said: tuple[str, ...], at: int, rest: str, pieces: int) -> bool:
        if not rest:
            return pieces >= 2
        if pieces == most_words or at >= len(said):
            return False
        here = said[at]
        return any((here.startswith(rest[:size]) if pieces == 0 else rest[:size] in here)
                   and fits(said, at + 1, rest[size:], pieces + 1) for size in range(len(rest), 1, -1))

    return any(fits(said, i, word, 0) for said in names for i, w in enumerate(said) if w[:2] == word[:2])


def question_names(question: str) -> list[str]:
    """The names a question mentions: capitalised words and runs of them that are not the
    first word nor question words ("Apa kata Emil Dardak …" -> ["Emil Dardak"]); spoken
    particles are no names ("Nah, …": ``formal``), and a form of address is no part of one
    ("Bu Khofifah" -> "Khofifah": the articles write her name without it; qa_new4 r16)."""
    # "Emil Dardak-nya" is Emil Dardak; a month ends a name ("BPSDM Jatim April 2021": qa_new9 q28, q39),
    # and so does an English possessive ("Central Java's Ahmad Luthfi": two names; qa_new12 q03)
    names = []
    # the first word after a question mark opens a sentence too ("… gitu kan? Lengkapnya gimana sih?";
    # qa_new24 q28), not after a full stop, which may end an abbreviation ("Dr. Emil Dardak")
    if is_english(question):
        question = _ENGLISH_OFFICE_OF_PROVINCE.sub(_office_of_province, question)
    for sentence in re.split(r"(?<=[?!])\s+", formal(question)):
        names += _sentence_names(sentence)
    return names


def _sentence_names(sentence: str) -> list[str]:
    """``question_names`` of one sentence of a question."""
    tokens = [re.sub(r"-?nya$", "", t) for t in re.findall(r"[A-Za-z][\w'-]*", sentence)]
    names = []
    runs: list[list[int]] = []
    for run in capitalised_runs(tokens):
        # "Kementerian Dalam Negeri": a capitalised preposition inside a name joins it (qa_new16 q30)
        if runs and run[0] == runs[-1][-1] + 2 and tokens[run[0] - 1] in NAME_PREPOSITIONS:
            runs[-1] += [run[0] - 1] + run
        else:
            runs.append(run)
    for run in runs:
        joined = " ".join("|" if tokens[i] in MONTH_NAMES else tokens[i][:-2] + " |" if tokens[i].endswith("'s")
                          else tokens[i] for i in run)
        for part in joined.split("|"):
            part_tokens = part.split()
            while len(part_tokens) > 1 and part_tokens[0] in FORMS_OF_ADDRESS:
                part_tokens = part_tokens[1:]
            if part_tokens:
                names.append(" ".join(part_tokens))
    return names


def quoted_people(text: str) -> list[str]:
    """Names of officials in an article, introduced by a title or following a speech verb,
    in order of appearance."""
    found: list[list[str]] = []

    def add(run: str) -> None:
        words = [w for w in re.findall(r"\(?[A-Z][A-Za-z]+\)?", run) if not w.startswith("(")]
        words = [w for w in words if w not in REGION_WORDS]
        if len(words) < 2:
            return
        for existing in found:
            if set(words) <= set(existing):
                return
        found[:] = [f for f in found if not set(f) <= set(words)]
        found.append(words)

    for match in re.finditer(rf"\b{TITLE_WORDS}\s+((?:\(?[A-Z][A-Za-z]+\)?,?\s){{1,8}})", text + " "):
        add(match.group(1))
    for match in re.finditer(rf"\b{_SPEECH_VERB}\s+({_FULL_NAME})\b", text):
        add(match.group(1))
    return [" ".join(words) for words in found]


# ----------------------------------------------------------------------------- drafts

# A letter's addressee, on its opening line ("Yth. Bapak Ahmad Luthfi, Gubernur Jawa Tengah,", "Kepada
# Yth. Ibu Gubernur Jawa Timur"): who the bare "Bapak"/"Ibu" of its sentences is ("Bapak pun menyebut …",
# an open letter to the governor; drafts_holdout37).
ADDRESSEE_LINE = re.compile(r"^\W*(?:kepada\s+)?(?:yth\.?|yang\s+terhormat)\s*:?\s*(?:" + ADDRESS_PATTERN
                            + r")\.?\s+([^\n]+)", re.IGNORECASE)
# "Bapak"/"Ibu" standing for the person addressed: capitalised, not before a name or a title ("Bapak
# Presiden", "Ibu Khofifah"), nor the audience ("Bapak dan Ibu", "Bapak/Ibu").
ADDRESSEE_WORD = re.compile(r"(?<!/)(?<!dan )(?<!serta )\b(?:Bapak|Ibu)\b(?!\s*/|\s+(?:[A-Z]|dan\b|serta\b|ibu\b|"
                            r"sekalian\b))")
# A draft's greetings, salutations and closings ("Assalamualaikum …", "Yth. …", "Hormat kami").
DRAFT_GREETINGS = re.compile(
    r"^(?:assalamu'?alaikum|wa'?alaikumsalam|wassalamu'?alaikum|salam sejahtera|salam sehat|om swastiastu|"
    r"namo buddhaya|shalom|selamat (?:pagi|siang|sore|malam|datang)|yth\b|yang (?:terhormat|kami hormati|saya hormati)|"
    r"kepada yth|hormat kami|terima kasih|demikian\b|wassalam|puji syukur|"
    # a column's or a chat's hello ("Halo rekan-rekan praja, kembali lagi di rubrik …"; drafts_holdout44)
    r"hal+o\b|hai\b|"
    # a broadcast's sign-off ("Tetap di gelombang kesayangan Anda, dan sampai jumpa …"; drafts_holdout21)
    r"sampai jumpa|tetap (?:di|bersama) (?:gelombang|frekuensi|saluran|kanal|siaran)\b|"
    r"(?:bapak|ibu)(?:[- ](?:bapak|ibu))?\s*(?:dan|/)\s*(?:bapak|ibu)|bapak[- ]ibu|hadirin)",
    re.IGNORECASE,
)
# The writer speaking for themselves: a hope, an invitation, a transition, not a claim about the
# sources ("Kami berharap …", "Semoga …", "Mari kita …", "Selanjutnya, kami sampaikan …").
WRITER_VOICE = re.compile(
    r"^(?:(?:kami|saya|kita)\s+(?:berharap|mengajak|mengharapkan|menghimbau|mengimbau|yakin|percaya|optimis|"
    r"mengucapkan|menyampaikan terima kasih|sampaikan|akan|perlu|harus|mari)|semoga|"
    # not "Mari kita mulai dari Jawa Timur, ketika Gubernur Khofifah … meminta …" (a lecture; drafts_holdout42):
    # the claim after the occasion is checked (``REPORTING_FRAME``)
    r"mari(?:lah)?\b(?![^.,“”\"]{0,60},\s+(?:ketika|saat|tatkala|sewaktu)\b)|"
    r"selanjutnya,? (?:kami|saya)|dengan (?:ini|demikian),? (?:kami|saya)|pada kesempatan ini|"
    r"(?:oleh karena itu|untuk itu),? (?:kami|saya|kita|marilah|mari)|"
    r"menurut (?:hemat |pendapat )?(?:kami|saya|penulis)\b|"
    # a list's introduction and a press release's contact line ("Berikut pokok-pokok arahan
    # Gubernur …", "Informasi lebih lanjut dapat diperoleh melalui …"; drafts_holdout11)
    r"berikut(?:\s+ini)?\b|(?:untuk\s+)?informasi\s+lebih\s+lanjut|narahubung\b|kontak\s+media\b|hubungi\b|"
    # a memo's opening ("Dengan hormat, menindaklanjuti arahan Bapak, bersama ini kami sampaikan …"),
    # a news site's call to its readers ("Simak terus kabar … di kanal ini", a thread's "Bagikan cerita
    # inovasimu di kolom komentar"; drafts_holdout19), the writer's comment on
    # what was said ("Pesan ini jelas bukan basa-basi, …"; drafts_holdout18)
    r"dengan hormat\b|(?:menindaklanjuti\b[^.]{0,60},\s*)?bersama ini,?\s+(?:kami|saya)\b|"
    r"(?:simak|ikuti|baca juga|saksikan|pantau|bagikan|tuliskan|geser|klik|ketuk|kunjungi|unduh|kirimkan|"
    r"daftarkan)(?:lah)?\b|"  # a newsletter's "Kirimkan cerita praktik baik Anda …" (drafts_holdout28)
    # a social-media account's call ("Jangan lupa like, share, dan follow …"; drafts_holdout22)
    r"jangan lupa\s+(?:like|share|follow|subscribe|simak|ikuti|bagikan|nyalakan|klik|kunjungi|tonton)\b|"
    r"(?:pesan|arahan|imbauan|pernyataan|ajakan|seruan)\s+(?:ini|itu|tersebut)\s+(?:jelas|tentu|sungguh|patut|layak|"
    r"bukan)\b|"
    # a turn to the next topic, after whatever comes first ("Penguji: Jawaban Saudara cukup runtut,
    # sekarang mari beralih ke arahan Gubernur …"; an oral exam in drafts_holdout33)
    r"[^.“”\"]{0,80}\bmari(?:lah)?\s+(?:kita\s+)?(?:beralih|berpindah|pindah|lanjut|masuk)\s+ke\s+(?:arahan|pesan|"
    r"materi|topik|bahasan|pembahasan|pertanyaan|berita|artikel|bagian|slide|soal)\b)",
    re.IGNORECASE,
)


# A news dateline before a sentence ("Kendal – ", "SEMARANG - "): the sentence proper comes after it.
DATELINE = re.compile(r"^[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2}\s*[–—-]\s+")


# A point's number and the question it answers, before what the writer says to it ("Ketiga, atas
# pertanyaan Fraksi … mengenai …, pemerintah kabupaten berkomitmen …"; drafts_holdout28).
ANSWERED_POINT = (r"(?i:(?:(?:pertama|kedua|ketiga|keempat|kelima|terakhir),\s+)?"
                  r"(?:(?:atas|terkait|menanggapi|menjawab|mengenai)\s+(?:pertanyaan|pandangan|usulan)\b"
                  r"[^.]{0,150}?,\s+)?)")
# A unit of government as a sentence's subject ("Bagian Organisasi Sekretariat Daerah Kabupaten
# Ngawi menggelar …", "Kepala Bagian Organisasi berharap …"), after a point answered, and the
# writer's own local government written without its name ("Pemerintah kabupaten berencana …"): when
# the sources never name it, it is the writer's own office (the draft checker looks the name up,
# the "office" group).
OFFICE_SUBJECT = re.compile(
    r"^" + ANSWERED_POINT +
    r"(?P<office>(?:[Pp]emerintah\s+(?:kabupaten|kota)\b|"
    r"(?:(?:Kepala|Sekretaris|Staf|Pejabat|Tim|Pegawai)\s+)?(?:Sub\s?[Bb]agian|Bagian|Bidang|Seksi|Biro|Dinas|"
    r"Badan|Kantor|Sekretariat|UPT|Unit|Balai|Kecamatan|Kelurahan|Inspektorat)|"
    # "Kepala BKPSDM Kendal menyatakan …": the head of an agency written by its initials, then its place
    r"(?:Kepala|Sekretaris)\s+[A-Z]{3,}[a-z]*(?=\s+[A-Z]))"
    r"(?:\s+(?:[A-Z][\w/&-]*|dan))*)")


# A slide of the writer's own talk, by number or place ("Slide tiga", "slide terakhir"; speaker
# notes in drafts_holdout33).
_SLIDE_NUMBER = (r"(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|pertama|kedua|ketiga|keempat|"
                 r"kelima|terakhir|penutup|pembuka|berikutnya|selanjutnya)")
# The draft's own occasion as a sentence's subject: the meeting, the report, the training it is
# about ("Rapat dipimpin oleh …", "Peserta rapat sepakat …", "Laporan ini …").
WRITER_OCCASION = re.compile(
    # after a link back to the draft's own text ("Selain praktik-praktik tersebut, tim juga menelaah
    # …"; drafts_holdout24)
    r"^(?:selain\s+[^,.]{1,40},\s+)?"  # … or the writer's own ("Selain laporan utama, edisi ini …"; h31)
    r"(?:(?:dalam|pada|di|selama|setiap|tiap|masing-masing)\s+|"
    # "Berdasarkan uraian tersebut, pelatihan ini bertujuan …" (drafts_holdout30)
    r"(?:berdasarkan|setelah\s+mempelajari)\s+(?:materi|paparan|pembahasan|arahan|bahan(?:\s+ajar)?|modul|uraian|"
    r"rangkuman)\s+"
    r"(?:tersebut|itu|ini),?\s+)?"
    r"(?:rapat|pertemuan|forum|materi\s+(?:berikutnya|selanjutnya|pertama|kedua|ketiga|terakhir)|acara|kegiatan|"
    r"laporan|notulen|notula|peserta|panitia|ringkasan|kelompok|"
    # a hearing's minutes ("Sidang diskors selama tiga puluh menit …", "Putusan akan disampaikan
    # tertulis …"; drafts_holdout36)
    r"sidang|persidangan|putusan|"
    r"tim(?!\s+(?:gabungan\b|(?:juga\s+)?(?:mencatat|memaparkan|melaporkan|menyampaikan|menjelaskan|menambahkan|"
    r"menyimpulkan)\s+bahwa))|"  # "Tim juga mencatat bahwa …": a reporting frame around a claim
    r"pelatihan ini|bimtek|bimbingan teknis|modul|sambutan ini|siaran pers ini|dokumen ini|fasilitator|narasumber "
    # "Sebagai tindak lanjut, setiap bidang diminta …", not "…, BPSDM Jatim akan meluncurkan …": an
    # institution's plan is a claim (drafts_holdout11, 12)
    r"rapat|tim penyusun|sesi|sebagai tindak lanjut[^,.]{0,60},\s+(?-i:(?![A-Z]))|"
    r"(?:bahan|paparan|telaahan|telaah staf|nota dinas|naskah|kliping|rilis|surat|resume|"
    # "Kerangka acuan kerja ini disusun sebagai pedoman …" (drafts_holdout30), "Nota ini disiapkan …" (17)
    r"kerangka acuan(?: kerja)?|kak|tor|nota|memo|makalah|proposal|tulisan|esai|artikel|"
    # "Lembar kerja ini digunakan …", "Selain laporan utama, edisi ini juga memuat …" (drafts_holdout31)
    r"lembar kerja|edisi|rubrik|majalah|buletin|"
    # "Rancangan aktualisasi ini disusun …", "Bagian ini menguraikan …" (drafts_holdout32)
    r"rancangan(?: aktualisasi)?|laporan aktualisasi|bagian|bab|subbab|kajian|penelitian|tinjauan(?: pustaka)?) ini|"
    r"agenda(?: rapat)?|"  # "Agenda rapat adalah pembahasan tindak lanjut arahan gubernur …" (h32)
    # "Slide lima berisi perbandingan dengan Jawa Timur, …" (speaker notes; drafts_holdout33)
    r"(?:slide|salindia)\s+(?:\d+|" + _SLIDE_NUMBER + r"|ini)|"
    # the chair giving the floor, a request for the next meeting: the minutes' own meeting ("Kepala BKD
    # kemudian dipersilakan menyampaikan paparan", "… menyerahkan data … pada rapat berikutnya"; h32)
    r"[^.]{0,60}\bdipersilakan\b|[^.]*\bpada rapat (?:berikutnya|selanjutnya)"
    # "Bagian selanjutnya menguraikan kerangka teori …" (a journal article's introduction; drafts_holdout41)
    r"|(?:bagian|bab|subbab)\s+(?:selanjutnya|berikutnya)"
    # "rapat (koordinasi) tersebut", "dalam rapat yang sama": one the draft spoke of (drafts_holdout41)
    r")\b(?!(?:\s+\w+){0,2}\s+(?:tersebut|itu)\b|\s+yang\s+sama\b)",
    re.IGNORECASE)
# The writer's own tasks and requests to the reader: a labelled item of minutes or a handout
# ("Tindak lanjut: …", "Diskusi kelompok: …"), a request ("Mohon rangkuman ini diteruskan …",
# "Sehubungan dengan hal tersebut, setiap bidang diminta …"), an instruction to trainees
# ("Identifikasikan …", "Diskusikan …"). Not checked when they name no one of the sources
# (drafts_holdout7, 8, 9).
WRITER_TASK = re.compile(
    r"^(?:(?:tindak\s+lanjut|diskusi(?:\s+kelompok)?|tugas(?:\s+(?:peserta|kelompok|mandiri))?|latihan|"
    r"pertanyaan(?:\s+(?:diskusi|refleksi|pemantik))?|refleksi|rekomendasi|saran|"
    r"catatan(?:\s+(?:penulis|fasilitator))?|"
    r"agenda|keputusan(?:\s+rapat)?|kesimpulan\s+rapat|usulan(?:\s+tindak\s+lanjut)?|"
    # a reporter's plan ("Rencana wawancara: Kepala BPSDM Jawa Timur, durasi sekitar 30 menit, …"; drafts_holdout41)
    r"rencana(?:\s+(?:wawancara|liputan|kegiatan|kerja|peliputan))?)\s*\d*\s*:|"
    # a slide's heading before its line ("Slide 4 – Usulan Tindak Lanjut: …"; drafts_holdout18)
    r"(?:slide|salindia|halaman)\s*(?:\d+|" + _SLIDE_NUMBER + r")\s*[–—:-]|"
    r"(?:mohon|dimohon|harap)\b|(?:sehubungan|berkenaan|berkaitan)\s+dengan\s+hal\s+(?:tersebut|ini|itu)\b|"
    # a "silakan" to the reader ("Untuk pertemuan berikutnya, silakan Saudara baca kembali …"; a lecture, h42)
    r"(?:(?:untuk|pada|dalam|di)\s+[^,.“”\"]{1,30},\s+)?(?:silakan|silahkan)\b|"
    # … after when and a "coba" ("Untuk pekan depan, coba bandingkan …"; a mentor's notes, drafts_holdout34)
    r"(?:(?:untuk|pada|dalam|di)\s+[^,.“”\"]{1,30},\s+)?(?:coba(?:lah)?\s+)?"
    r"(?:identifikasi|diskusi|sebut|jelas|tulis|renung|rumus|banding|urai|kerja|catat|simpul|analisis|"
    r"petakan|susun|buat|pilih|temu)(?:lah|kan(?:lah)?)\b|"
    # a presenter's own cues in speaker notes ("Beri kesempatan dua atau tiga peserta …", "Sapa
    # peserta …", "Tampilkan foto rapat …"; drafts_holdout33)
    r"(?:beri(?:kan)?|sapa(?:lah)?|tampilkan|ucapkan|arahkan|persilakan|bagikan|putar(?:kan)?|tayangkan)\s+"
    r"(?!bahwa\b))",
    re.IGNORECASE)
# A request in the passive, its maker left to the context ("Setiap OPD diminta bersabar menunggu
# …", "Para kepala OPD pun diminta memikul …"): a claim about what the sources asked for when no
# pattern of the writer's own requests (``WRITER_TASK``, ``WRITER_OCCASION``) takes it.
# Not the writer's own addressees ("… peserta diharapkan mampu menjelaskan …" after a heading
# the paste ran into the sentence; drafts_holdout10).
PASSIVE_REQUEST = re.compile(r"\b(?<!peserta )(?<!kelompok )(?<!anda )(?<!saudara )(?<!pembaca )(?<!panitia )"
                             r"(?:diminta|diharapkan|diwajibkan|dilarang|diimbau|dihimbau|diinstruksikan|"
                             r"dituntut|diingatkan|diarahkan)\b", re.IGNORECASE)
# A view or words given to someone: "menurut …" (not the writer's own "menurut kami"), or to someone the
# context names ("… disebutnya sebagai keniscayaan", "Birokrasi masa kini dinilai tidak cukup …";
# drafts_holdout12, 16, 20): a claim about what the sources say.
REPORTED_VIEW = re.compile(r"\bmenurut(?:nya\b|\s+(?!(?:hemat\s+)?(?:kami|saya|kita|penulis)\b)\w)|"
                           r"\b(?:(?:di)?(?:sebut|kata|ujar|tutur|imbuh|tegas|ungkap|nilai|anggap|pandang)nya|"
                           r"dinilai|dianggap|dipandang)\b", re.IGNORECASE)
# A presenter's cue to say something, before what is to be said ("Untuk membuka materi, ceritakan
# bahwa Gubernur …", "Sebagai tindak lanjut, sebutkan bahwa …", "Tekankan pula bahwa, menurut
# Luthfi, …") and a slide's content told ("Slide tiga memuat pesan bahwa Luthfi …"; speaker notes in
# drafts_holdout33): the claim is what follows "bahwa", checked as any other.
INSTRUCTION_FRAME = re.compile(
    r"^(?:[^,.“”\"]{1,40},\s+)?(?:(?:ceritakan|sampaikan|sebutkan|tekankan|tegaskan|jelaskan|ingatkan|tunjukkan|"
    r"paparkan|uraikan|garis\s*bawahi|nyatakan)(?:lah)?\s+(?:pula\s+|juga\s+|lagi\s+|kembali\s+)?"
    r"(?:kepada\s+(?:para\s+)?peserta\s+)?|"
    r"(?:slide|salindia)\s+(?:\d+|" + _SLIDE_NUMBER + r")\s+(?:juga\s+)?(?:memuat|berisi|menampilkan|menyajikan)"
    r"(?:\s+(?:pesan|poin|kutipan|data|gambaran|catatan))?\s+)bahwa,?\s+",
    re.IGNORECASE)
# A colleague of the writer reporting what the sources say, around the claim itself: "Menurut
# catatan Dimas, …", "Saudari Rina memaparkan bahwa …", "Dari berita Apel Pagi …, tim mencatat
# bahwa …" (minutes and reports); a review of the articles, what one of them carries: "Berita
# pertama yang kami ulas memuat permintaan Gubernur …", "Artikel kedua menggambarkan sikap
# Gubernur yang …", "Berita kedua, masih dari Jawa Tengah, menyoroti larangan …" (drafts_holdout4,
# 17, 22); what the writer heard or read ("Saya dengar pula bahwa …", "Dari berita itu saya juga
# jadi tahu bahwa …"), and the writer's "no wonder" before a fact ("Wajar saja beliau belum banyak
# bertatap muka …"; drafts_holdout23). The claim is what follows; the frame's words are the draft's.
REPORTING_FRAME = re.compile(
    INSTRUCTION_FRAME.pattern + r"|^(?:(?:dari|berdasarkan)\s+(?:berita|artikel|bacaan|liputan)\b[^,]{0,80},\s*)?"
    r"(?:"
    # "Kedua, terkait pertanyaan Fraksi …, kami mencermati langkah Pemprov Jatim mengembangkan …"
    # (drafts_holdout28): what the sources did, after the writer's look at it
    # and follows it ("Pertama, kami mengikuti arahan Pak Gubernur agar evaluasi kinerja …"; drafts_holdout31)
    + ANSWERED_POINT + r"(?:kami|saya|kita)\s+(?:juga\s+|telah\s+|pun\s+)?(?:mencermati|mengamati|menyimak|"
    r"mempelajari|memperhatikan|mengikuti|menjalankan|melaksanakan)\s+(?:langkah|upaya|kebijakan|arahan|pernyataan|"
    r"sikap|permintaan|pesan|program)\s+|"
    r"(?:menurut|berdasarkan)\s+catatan\s+(?:saudara\s+|saudari\s+)?\w+,?\s+|"
    # the reader's grasp of what was said ("Kamu sudah menangkap pesan utama Gubernur …, yaitu bahwa
    # …"; a mentor's notes, drafts_holdout34)
    r"(?:kamu|anda|saudara|saudari)\s+(?:sudah\s+|telah\s+)?(?:menangkap|memahami|mencatat|menulis|menyebut|"
    r"merangkum)\s+[^.“”\"]{0,80}?,?\s+(?:yaitu|yakni)\s+(?:bahwa\s+)?|"
    # what the writer noted of the sources ("Kami mencatat pula bahwa Pemprov Jatim melalui Diskominfo
    # menjaring …", a consultancy's offer; drafts_holdout43)
    r"(?:kami|saya|kita)\s+(?:juga\s+|pun\s+)?(?:mencatat|mengamati|melihat|memperhatikan|menyadari)"
    r"(?:\s+(?:pula|juga))?\s+bahwa\s+|"
    r"(?:saudara|saudari|tim|peserta|notulis|penulis)(?:\s+[A-Z]\w+)?\s+(?:juga\s+)?"
    r"(?:mencatat|memaparkan|melaporkan|menyampaikan|menjelaskan|menambahkan|menyimpulkan|menggarisbawahi)"
    r"\s+bahwa\s+|"
    r"(?:berita|pemberitaan|artikel|liputan|kliping)(?:\s+(?:pertama|kedua|ketiga|keempat|kelima|berikutnya|"
    r"terakhir|lain(?:nya)?|ini|itu|tersebut))?(?:\s+yang\s+(?:kami|saya|kita)\s+\w+)?(?:,[^,]{1,60},)?"
    r"\s+(?:juga\s+|pun\s+)?(?:memuat|menggambarkan|menyoroti|mengangkat|mengulas|membahas|memberitakan|"
    r"menceritakan|mengisahkan|menampilkan|menyajikan|merekam)\s+|"
    # "Dari pemberitaan yang kami baca, sistem serupa juga sedang disiapkan …" (a residents' forum letter;
    # drafts_holdout39): what the writer read, then the claim
    r"(?:dari|berdasarkan|menurut)\s+(?:berita|pemberitaan|artikel|bacaan|liputan)\s+yang\s+(?:kami|saya|kita|aku)\s+"
    r"(?:\w+\s+)?(?:baca|ikuti|simak|dengar|terima)\w*,\s+|"
    r"(?:dari\s+(?:berita|artikel|bacaan|liputan)\s+(?:itu\s+|ini\s+|tersebut\s+)?)?(?:saya|kami|aku)\s+"
    r"(?:juga\s+|pun\s+|pula\s+|sempat\s+)?(?:dengar|mendengar|membaca|baca|jadi\s+tahu|baru\s+tahu)\s+"
    # "Aku juga baru tahu kalau Pak Gubernur …" (a diary's spoken "kalau"; drafts_holdout30)
    r"(?:juga\s+|pula\s+|dari\s+\w+\s+)?(?:bahwa|kalau)\s+|"
    # the writer's invitation to an occasion, then what happened there ("Mari kita mulai dari Jawa Timur,
    # ketika Gubernur Khofifah … meminta …"; a lecture in drafts_holdout42)
    r"mari(?:lah)?\s+(?:kita\s+)?[^.,“”\"]{1,60},\s+(?:ketika|saat|tatkala|sewaktu)\s+|"
    # the writer's hedge on what they know, then the claim ("Izin nimbrung, setahu saya Pemprov Jatim punya …",
    # "Kalau nggak salah di workshop …"; a webinar's chat, drafts_holdout44)
    r"(?:izin\s+(?:nimbrung|menambahkan|menanggapi),\s+)?(?:setahu|sepengetahuan|seingat|sepemahaman)\s+"
    r"(?:saya|aku|kami|gue|gw),?\s+|(?:kalau|kalo)\s+(?:nggak|enggak|gak|ga|tidak)\s+salah,?\s+|"
    r"(?:wajar|pantas|tak\s+heran|tidak\s+heran|tak\s+mengherankan|tidak\s+mengherankan)(?:\s+saja|\s+jika|"
    r"\s+kalau|\s+bila)?,?\s+|"
    # the audience addressed ("Hadirin sekalian, Gubernur Jawa Timur … pernah berpesan …", an MC's
    # script; "Jamaah yang dirahmati Allah, …", a talk; drafts_holdout24)
    r"(?:hadirin|jamaah|jemaah|bapak[- ]ibu|bapak\s+dan\s+ibu|saudara-saudara|rekan-rekan|teman-teman|sahabat)"
    r"(?:\s+(?:sekalian|sekalian\s+yang\s+\w+|yang\s+(?:saya|kami)\s+hormati|yang\s+berbahagia|yang\s+dirahmati"
    r"\s+allah|(?:peserta|pegawai|asn)(?:\s+\w+)?))?,\s+)",
    re.IGNORECASE)
# A role in the draft's own occasion put in between, reporting (", lanjut ketua majelis," in an
# ethics council's minutes; drafts_holdout36): not a pronoun or an office the sources may name
# (", kata dia,", ", ujar gubernur,"), whose words the claim is.
INSERTED_REPORTER = re.compile(
    r",\s*(?:lanjut|kata|ujar|tambah|imbuh|jelas|tegas)\s+(?!(?:dia|ia|beliau|gubernur|wagub|wakil|menteri|dirjen|"
    r"presiden|kepala|pak|bu|bapak|ibu)\b)(?:[a-z]+\s+)?[a-z]+\s*,\s*")
# A colleague of the writer named by first name alone, reporting ("Fajar menambahkan, Dirjen …
# Akmal Malik … memandang UMKM …", discussion notes in drafts_holdout23): the claim is what follows
# when the name is no one the sources know (rag/draft.py decides); or by a role in the draft's own
# occasion ("Pendamping terperiksa menanggapi bahwa Luthfi sendiri … memohon maaf", "Majelis menjawab
# bahwa …", an ethics council's minutes; drafts_holdout36)
NAMED_REPORTER = re.compile(
    r"^(?:(?:[Ss]dri?|[Ss]audara|[Ss]audari)\.?\s+)?(?!(?:Beliau|Ia|Dia|Mereka|Kami|Kita|Saya|Aku|Penulis)\b)"
    r"([A-Z][a-z]+(?:\s+(?!(?:juga|pun|lalu|kemudian)\b)[a-z]+){0,2}?)\s+(?:juga\s+|pun\s+|lalu\s+|kemudian\s+)?"
    r"(?:menambahkan|mencatat|menyampaikan|menjelaskan|menanggapi|menyebut|mengatakan|berpendapat|"
    r"mengingatkan|menyimpulkan|memaparkan|melaporkan|menegaskan|menjawab)(?:\s+bahwa|\s*,)\s+")
# The writer's own work, framed as following what someone of the sources said: "Program ini kami
# susun setelah mencermati arahan Gubernur … yang menilai …", "Saya akan mengadopsi pola yang
# ditegaskan Gubernur Jawa Tengah, yaitu …", "… sesi integritas yang merujuk pada pesan Gubernur
# Luthfi bahwa …" (drafts_holdout43). What follows the frame is the claim (rag/draft.py reads it
# when it names a person or an office).
WRITER_FOLLOWING = re.compile(
    r"^[^“”\"]{0,120}?\b(?:kami|saya|kita|aku)\b[^“”\"]{0,80}?\b(?:mencermati|merujuk\s+(?:pada|ke|kepada)|"
    r"mengacu\s+(?:pada|ke|kepada)|mengikuti|menindaklanjuti|mengadopsi|meneladani|menerapkan|berpegang\s+pada)\s+"
    r"(?:\w+\s+){0,2}?(?:arahan|pesan|pernyataan|penegasan|imbauan|permintaan|pola|prinsip|semangat)\s+"
    r"(?:yang\s+(?:di\w+|telah\s+di\w+|pernah\s+di\w+)\s+)?(?=\S)",
    re.IGNORECASE)
# Where a statement ends and the writer's aside begins: a conjunction after a comma, a dash, a
# semicolon ("Arahan itu disampaikan dalam workshop pada April 2019, jadi … kita diingatkan"; "…
# kalau ada salah kata—ini gubernur atau calon menantu?"; drafts_holdout43). rag/draft.py reads
# the statement alone when what follows is the writer's.
ASIDE_JOINT = re.compile(r",\s+(?=(?:jadi|dan|sehingga|maka|makanya|tapi|tetapi|namun|padahal|karena|sebab)\s)"
                         r"|\s*[—–;]\s*|\s+-\s+")
# The writer's own voice in a draft ("kami", "kita", "saya"; the Jakarta chat's "gue", "gw", "gua": "Gue
# udah enam tahun jadi honorer …", a thread in drafts_holdout40).
# "penyusun": an academic paper's authors of themselves ("tim penyusun menelaah …"; drafts_holdout44)
FIRST_PERSON = re.compile(r"\b(?:kami|kita|saya|aku|penulis|penyusun|gue|gw|gua)\b", re.IGNORECASE)
# The reader the writer speaks to, and their work ("Secara umum ringkasanmu sudah runtut, …", a
# mentor's notes to an intern; drafts_holdout34): the writer's own line, as the first person is.
READER_ADDRESSED = re.compile(r"\b(?:kamu|engkau|kalian|(?:ringkasan|tulisan|jawaban|laporan|catatan|tugas|analisis|"
                              r"draf|paparan|esai|ulasan|pemahaman|presentasi|rangkuman)mu)\b", re.IGNORECASE)
# Words only the speaker's own occasion gives a sense to: the first and second person and "tadi"
# (someone's "Selaras dengan yang disampaikan Bu Gubernur tadi, …" copied bare reads as the assistant's
# words about an earlier it never had; qa_new25, read blind). rag/copy_grammar.py frames them.
# "saat ini", "hari ini" are the speaker's day ("Dalam keadaan krisis seperti saat ini …" copied bare
# after "… imbuhnya"; qa_new28, read blind).
SPEAKER_BOUND = re.compile(r"\b(?:kami|kita|saya|aku|anda|kalian|sekalian|tadi|saat\s+ini|hari\s+ini)\b",
                           re.IGNORECASE)


# Clauses a copy may not start inside (rag/copy_grammar.py).
# A topic set before its clause ("Khusus soal jual beli jabatan, Gubernur … menegaskan beberapa kali"):
# the clause after it says nothing without it (copied alone: "Ahmad Luthfi menegaskan beberapa kali [2].";
# qa_new28, read blind).
TOPIC_FRONTED = re.compile(r"^(?:khusus\s+)?(?:soal|terkait|mengenai|tentang|perihal|menyangkut|dalam\s+hal|"
                           r"untuk\s+urusan|khusus\s+untuk)\b", re.IGNORECASE)
# A list begun ("… yakni Kepala Daerah dan DPRD, Pimpinan OPD hingga masyarakatnya …"): its items
# stay in one clause, so no copy starts the list halfway (qa_new10, read blind).
LIST_OPENED = re.compile(r"\b(?:yakni|yaitu|antara lain|meliputi|seperti|terdiri dari|terdiri atas)\b",
                         re.IGNORECASE)
# The last items of a list after a comma ("bekerja cepat, cerdas dan detail", "… beban kerja,
# insentif dan kapasitas"): they stay with the clause that began the list; copied alone the 0.5B
# model wrote "Khofifah mengatakan bahwa cerdas dan detail" (qa_new17, read blind); items of two words
# ("… sudah kerja keras, kerja cepat dan kerja profesional": copied alone, "Kerja cepat dan kerja
# profesional [1]." dropped that people only feel so; qa_new36, read blind).
LIST_TAIL = re.compile(r"^(?:[\w-]+\s+){0,2}(?:dan|serta|atau|maupun)\s+[\w-]+(?:\s+[\w-]+)?$", re.IGNORECASE)
# "Baik di lingkungan pemerintah pusat, Pemprov maupun Pemkab/Pemkot, …": a list opened by "baik"
# runs to its "maupun", and copied from "Pemprov" it dropped the first item (qa_new12, read blind).
BOTH_OPENED = re.compile(r"^(?:baik|entah)\b", re.IGNORECASE)
BOTH_CLOSED = re.compile(r"\b(?:maupun|ataupun)\b", re.IGNORECASE)
# ", untuk cari jabatan": what the clauses before it are for; copied alone or after some of them
# it said that seeking a post is unprofessional, not the kasak-kusuk done for it (qa_new12, the
# 0.5B model), so it takes all of them with it.
PURPOSE_CLAUSE = re.compile(r"^untuk\b", re.IGNORECASE)
# ", melainkan terus berupaya …": what stands instead of the clause before it; copied alone after a
# frame it read "Taj Yasin Maimoen mengatakan bahwa melainkan terus berupaya …" (qa_new20, read
# blind), so it stays with that clause.
CONTRAST_CLAUSE = re.compile(r"^(?:melainkan|tetapi|tapi|namun|akan tetapi|sedangkan)\b", re.IGNORECASE)
# "Jika seorang ASN kerja profesional, sepenuh hati ikhlas, …, maka …": a condition runs to its
# "maka"; copied from its second clause it dropped the "jika" and said the rest as given (qa_new20).
CONDITION_OPENED = re.compile(r"^(?:jika|jikalau|kalau|apabila|bila|bilamana|seandainya|asalkan)\b", re.IGNORECASE)
CONDITION_CLOSED = re.compile(r"\bmaka\b", re.IGNORECASE)

# ----------------------------------------------------------------------------- who does what to whom

# Who does what to whom around a verb: "Khofifah meminta ASN …" (the doer Khofifah, the one it is
# done to ASN), "ASN diminta …" (done to ASN), "… didirikan oleh Tahir" (done by Tahir). A sentence
# that gives one side's role to the other ("ASN meminta Khofifah …", "Setiap OPD menekankan bahwa
# Gubernur …", "Tahir didirikan oleh Mayapada Group") says something its source does not, in the
# source's own words: the word checks cannot see it (faithfulness set, kinds actor and voice).
# Words that end a noun phrase: prepositions, conjunctions, relatives (a phrase is cut there).
ROLE_PREPOSITIONS = frozenset("""
di ke dari pada dalam untuk dengan sebagai atas terhadap kepada oleh tentang soal bagi menurut antara
hingga sampai selama sejak mengenai melalui lewat tanpa secara demi
""".split())
ROLE_BOUNDARIES = frozenset("""
bahwa agar supaya yang karena sehingga jika kalau saat ketika sedangkan tetapi tapi namun sementara maka
lalu kemudian serta atau adalah merupakan ialah yaitu yakni sebab apabila bila setelah sebelum usai guna
""".split())
# Words between a doer and its verb that are neither ("ASN harus ditinggalkan", "ia pun meminta").
ROLE_AUXILIARIES = frozenset("""
harus wajib perlu boleh bisa dapat mampu akan telah sudah sedang masih baru tidak tak belum bukan juga pun
ingin mau hendak lah kembali terus tetap justru memang sempat selalu sering segera langsung pula
""".split())
# What a phrase of these words alone points at is for the coreference the rules do not do.
ROLE_EMPTY = frozenset({"ia", "dia", "beliau", "mereka", "kami", "kita", "saya", "aku", "anda", "hal", "ini", "itu",
                        "tersebut", "nya"})
_PERSONAL_PRONOUNS = frozenset({"ia", "dia", "beliau", "mereka", "kami", "kita", "saya", "aku", "anda"})
_COMPLEMENTISERS = frozenset({"bahwa", "agar", "supaya"})
_RECIPIENT_MARKS = frozenset({"kepada", "terhadap"})
_BRACKETED = re.compile(r"\(([^()]*)\)")
_ACTIVE_PREFIX = re.compile(r"^(?:memper|mem|men|meng|meny|me)(?=\w{3,})")
_PASSIVE_PREFIX = re.compile(r"^(?:diper|di)(?=\w{3,})")
_INTRANSITIVE_PREFIX = re.compile(r"^(?:be|te)r?(?=\w{3,})")  # "bekerja" too


def _verb_voice(word: str) -> str | None:
    """"active" for a meN- verb, "passive" for a di- verb (the stemmer must find a root shorter
    than the word: "dinas" and "menteri" are no verbs), else None."""
    if word in STOPWORDS or word.endswith("nya") and root(word[:-3]) == word[:-3]:
        return None
    if _ACTIVE_PREFIX.match(word) and root(word) != word:
        return "active"
    if _PASSIVE_PREFIX.match(word) and root(word) != word and not word.startswith("diri"):
        return "passive"
    return None


def _phrase_terms(tokens: list[str]) -> frozenset[str]:
    """The content stems of a noun phrase, cut at its first preposition but one that names whom
    something is given or said to ("memberikan arahan kepada para peserta")."""
    kept = []
    for token in tokens:
        if token in ROLE_PREPOSITIONS and token not in _RECIPIENT_MARKS or token in ROLE_AUXILIARIES:
            break
        kept.append(token)
    return frozenset(stem(t) for t in kept if t not in STOPWORDS and t not in ROLE_EMPTY and not t.isdigit())


def _subject(tokens: list[str], at: int, copula: bool = False) -> frozenset[str]:
    """The noun phrase before the verb at ``at``: from the last boundary before it (the
    auxiliaries just before the verb left out). After another verb, what is between is that
    verb's object, and the doer is the earlier one's ("… harus saling mendukung untuk mencapai
    kinerja …": unknown here), but for a copula ("menyebut ASN adalah bahan bakarnya")."""
    end = at
    while end > 0 and tokens[end - 1] in ROLE_AUXILIARIES:
        end -= 1
    if end > 0 and tokens[end - 1] in _PERSONAL_PRONOUNS:
        # a pronoun is its whole phrase: "… ada kesalahan selama dua bulan ia menjabat" has "ia" do it,
        # not "kesalahan" (claims_heldout35 b18 read "kesalahan" as the doer)
        return frozenset()
    start = end
    while start > 0 and tokens[start - 1] not in ROLE_BOUNDARIES and not _verb_voice(tokens[start - 1]):
        start -= 1
    if start > 0 and not copula and _verb_voice(tokens[start - 1]):
        return frozenset()
    return _phrase_terms(tokens[start:end])


def _object(tokens: list[str], at: int, passive: bool, capitalised: set[int]) -> frozenset[str]:
    """The noun phrase after the verb at ``at``: after "oleh" (or a capitalised name right after
    it, "diminta Gubernur") for a passive one, what follows (past "kepada"/"terhadap", and past
    "bahwa"/"agar" to the subject of what is said or asked) for an active one."""
    i = at + 1
    if passive:
        if i < len(tokens) and tokens[i] == "oleh":
            i += 1
        elif i not in capitalised:
            return frozenset()
    elif i < len(tokens) and tokens[i] in _COMPLEMENTISERS:
        i += 1
    end = i
    while end < len(tokens) and tokens[end] not in ROLE_BOUNDARIES and not _verb_voice(tokens[end]) \
            and not (_INTRANSITIVE_PREFIX.match(tokens[end]) and root(tokens[end]) != tokens[end]):  # "… bekerja"
        end += 1
    return _phrase_terms(tokens[i:end])


def roles(text: str) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """(verb root or copula, doer, done-to) of each meN-/di- verb and each "X adalah Y" of ``text``,
    clause by clause; a side the text does not name is empty."""
    out = []
    # a prefix hyphened to a borrowed word is the verb it makes ("me-review" is "mereview")
    text = re.sub(r"\b(me|di)-(?=[a-z])", r"\1", text)
    # an acronym in brackets is part of its phrase ("Aparatur Sipil Negara (ASN)"), an aside is not
    text = _BRACKETED.sub(lambda m: f" {m.group(1)} " if len(m.group(1).split()) <= 2 else " ", text)
    for clause in CLAUSE_MARK.split(text):
        found = [(m.group(0), m.group(0)[0].isupper()) for m in _TOKEN.finditer(clause)]
        tokens = [w.lower() for w, _ in found]
        capitalised = {i for i, (_, upper) in enumerate(found) if upper}
        for i, token in enumerate(tokens):
            if token in _COPULAS:
                out.append(("adalah", _subject(tokens, i, copula=True), _object(tokens, i, False, capitalised)))
                continue
            voice = _verb_voice(token)
            if voice is None:
                continue
            subject, obj = _subject(tokens, i), _object(tokens, i, voice == "passive", capitalised)
            doer, done_to = (obj, subject) if voice == "passive" else (subject, obj)
            out.append((root(token), doer, done_to))
    return out


# Words of a relation that runs one way, to the one after "kepada"/"terhadap"/"pada": "ASN … harus patuh
# terhadap setiap pemimpin negara" is not "para pemimpin negara … harus patuh kepada ASN" (claims_heldout35
# b21, didukung): no meN-/di- verb for ``roles`` to read.
_DEFERENCE = re.compile(r"\b(patuh|taat|tunduk|loyal|setia|hormat|berbakti)\s+(?:kepada|terhadap|pada)\s+",
                        re.IGNORECASE)


def _deference(text: str) -> list[tuple[str, set[str], str]]:
    """(the word, the content terms of its sentence before it, the phrase after its preposition) of
    each relation of deference in ``text``."""
    out = []
    for match in _DEFERENCE.finditer(text):
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in ".!?") + 1
        after = []
        for word in _TOKEN.findall(text[match.end():]):
            if word.lower() in ROLE_BOUNDARIES or word.lower() in ROLE_PREPOSITIONS:
                break
            after.append(word)
        out.append((match.group(1).lower(), content_terms(text[sentence_start:match.start()]), " ".join(after)))
    return out


def swapped_roles(statement: str, source: str) -> tuple[str, str] | None:
    """A verb both texts use, where the statement's doer is the one the source's verb is done to
    while the source names another doer ("ASN meminta Khofifah …" for "Khofifah meminta ASN …"),
    or the one it is done to is the source's doer ("Tahir didirikan oleh Mayapada Group" for
    "… didirikan oleh Tahir"); "X adalah Y" where the source gives that Y to another X it names,
    X itself in the source ("birokrasi adalah bahan bakarnya" for "ASN adalah bahan bakarnya"):
    (the verb, the statement's doer), or None; what a verb is done to owned by the other party
    ("konsultan … me-review pekerjaan ASN" for "ASN … mereview pekerjaan konsultan"): (the verb,
    the party the source names as owner). An active for a passive with the same roles is the same
    statement ("Tahir mendirikan Mayapada Group")."""
    for word, before, after in _deference(statement):
        for _, other_before, other_after in _deference(source):
            # the one deferred to in the statement defers in the source, to one the statement puts first
            if content_terms(after) & other_before and not content_terms(after) & content_terms(other_after) \
                    and content_terms(other_after) & before:
                return word, other_after
    said = roles(statement)
    if not said:
        return None
    source_terms = content_terms(source)
    for verb, doer, done_to in said:
        for other_verb, other_doer, other_done_to in roles(source):
            if verb != other_verb:
                continue
            if verb == "adalah":
                if done_to & other_done_to and doer and other_doer and not doer & other_doer \
                        and doer <= source_terms:
                    return verb, " ".join(sorted(doer))
                continue
            if doer & other_done_to and not doer & other_doer \
                    or done_to & other_doer and not doer & other_doer and not done_to & other_done_to:
                return verb, " ".join(sorted(doer or done_to))
            # whose thing it is done to, traded with the doer: "konsultan … me-review pekerjaan ASN"
            # where "ASN … mereview pekerjaan konsultan" (claims_heldout33 y31, didukung)
            ours, theirs = done_to - other_done_to, other_done_to - done_to
            if done_to & other_done_to and ours and theirs and ours <= source_terms \
                    and theirs <= content_terms(statement) - done_to:
                return verb, " ".join(sorted(theirs))
    return None


# ----------------------------------------------------------------------------- a list or qualifier cut

# Words that make one thing the whole ("hanya kepala OPD" where the source asks the heads of OPD
# and of balai), words of all against words of some ("seluruh penduduk" where "mayoritasnya"), and
# the hedge that makes a statement a possibility ("Mungkin ada … kesalahan"): a sentence that adds
# the first two or drops the last one misleads in the source's own words (faithfulness set, kind cut).
EXCLUSIVE_WORDS = frozenset({"hanya", "hanyalah", "cuma", "semata", "semata-mata", "satu-satunya"})
# … and what says "not merely" in other words ("tidak boleh berhenti pada urusan administrasi" for
# "tidak hanya dibelanjakan secara administratif"; drafts_holdout8)
MERELY_WORDS = EXCLUSIVE_WORDS | {"sekadar", "sekedar", "sebatas", "berhenti", "cukup"}
# A habit told, not a limit drawn: "kebiasaan lama di birokrasi itu ASN cuma duduk ngecek hasil kerja
# konsultan" for "Kebiasaan yang seringkali terjadi … ASN duduk dan mereview pekerjaan konsultan"
# (drafts_holdout41, a true sentence read as cutting).
PRACTICE_NOUNS = frozenset({"kebiasaan", "budaya", "pola", "tradisi", "rutinitas"})
ALL_WORDS = frozenset({"seluruh", "semua", "segenap", "seluruhnya", "semuanya"})
# "beberapa kali", "beberapa waktu": how often or how long, no part of a whole that "seluruh" could
# stretch (drafts_holdout24: "menegaskan beberapa kali" against "di seluruh dinas")
SOME_WORDS = re.compile(r"\b(?:mayoritas\w*|sebagian(?:\s+besar)?|kebanyakan|beberapa|separuh)\b"
                        r"(?!\s+(?:kali|waktu|saat|hari|pekan|minggu|bulan|tahun)\b)", re.IGNORECASE)
HEDGE_WORDS = frozenset({"mungkin", "barangkali", "kemungkinan"})
CONDITION_WORDS = frozenset({"jika", "jikalau", "kalau", "apabila", "bila", "seandainya", "andaikan"})
# "hanya (akan) … bila …": a necessary condition, which a source says as what a result needs
# ("Agar pelayanan … baik, maka butuh bahan bakar yang baik pula").
ONLY_IF = re.compile(r"\b(?:hanya|cuma)\s+(?:\w+\s+){0,3}?(?:jika|jikalau|kalau|apabila|bila)\b", re.IGNORECASE)
NEEDED_FOR = re.compile(r"\b(?:agar|supaya|untuk)\b[^.]*?\b(?:butuh|membutuhkan|dibutuhkan|perlu|diperlukan|memerlukan|"
                        r"harus|wajib|syarat)\b", re.IGNORECASE)
_NOT_MERELY_SAID = re.compile(r"\b(?:tidak|tak|bukan)(?:\s+(?:bisa|boleh|dapat|lagi|cukup|harus|perlu)){0,2}"
                              r"\s+(?:hanya|sekadar|sekedar|semata)((?:\s+\w+){1,3})", re.IGNORECASE)


_HYPHENATED_WORD = re.compile(r"\w+(?:-\w+)*")


def _exclusive_words(text: str) -> set[str]:
    """EXCLUSIVE_WORDS in ``text`` ("satu-satunya" whole): not negated ("tidak lagi hanya", "nggak lagi
    ASN cuma duduk …": drafts_holdout40), not a practice described ("ASN yang hanya duduk mereview", a
    habit named up to eight words before: ``PRACTICE_NOUNS``), not a means ("diakses hanya dengan satu
    akun"). "Semata" comes after what it limits, so a negation further before it negates it ("jangan
    berhenti pada urusan administratif semata"; drafts_holdout36)."""
    said = _HYPHENATED_WORD.findall(text.lower())
    return {w for i, w in enumerate(said) if w in EXCLUSIVE_WORDS
            and not set(said[max(0, i - (6 if w.startswith("semata") else 3)):i]) & NEGATIONS
            and not said[i - 1:i] == ["yang"] and said[i + 1:i + 2] not in (["dengan"], ["melalui"], ["lewat"])
            and not set(said[max(0, i - 8):i]) & PRACTICE_NOUNS}


def cut_qualifier(statement: str, source: str, min_shared: int = 2) -> str | None:
    """What ``statement`` makes of ``source`` by cutting: "hanya"/"satu-satunya" the source does
    not say, "seluruh" where the source says "sebagian"/"mayoritas", "tidak X" where the source
    says "tidak hanya X", or the source's "mungkin" dropped from what it hedged (``min_shared``
    content words of the hedged clause in the statement); the words that show it, or None."""
    said, given = set(words(statement)), set(words(source))
    added = _exclusive_words(statement) - given
    if ONLY_IF.search(statement) and NEEDED_FOR.search(source):
        added -= {"hanya", "cuma"}  # "… hanya akan baik bila ASN-nya baik" for "Agar pelayanan … baik, maka
        # butuh bahan bakar yang baik pula": a necessary condition, said either way (drafts_holdout30)
    if added and not _exclusive_words(source) and not ("bukan" in said and given & NEGATIONS):  # "X, bukan Y"
        return sorted(added)[0]
    if said & ALL_WORDS and not given & ALL_WORDS and SOME_WORDS.search(source):
        return f"{sorted(said & ALL_WORDS)[0]} (sumber: {SOME_WORDS.search(source).group(0)})"
    merely = _NOT_MERELY_SAID.search(source) if said & NEGATIONS and not said & MERELY_WORDS else None
    if merely and content_terms(merely.group(1)) & content_terms(statement):  # not "Tidak hanya itu, …"
        return f"tanpa “{merely.group(0)}”"
    if not said & (HEDGE_WORDS | CONDITION_WORDS):
        for clause in CLAUSE_MARK.split(source):
            hedged = words(clause)
            for i, word in enumerate(hedged):
                if word in HEDGE_WORDS and len(content_terms(" ".join(hedged[i + 1:])) & content_terms(statement)) \
                        >= min_shared:
                    return f"tanpa “{word}”"
    return None


# ----------------------------------------------------------------------------- follow-ups

# Words that open a follow-up and carry no meaning of their own once it is rewritten.
FOLLOWUP_OPENERS = re.compile(
    r"^\s*(?:(?:lalu|terus|trus|kemudian|lantas|nah|dan|juga|selain itu|kalau begitu|"
    r"bagaimana dengan|gimana dengan|kalau|kalo|and|then|what about|how about)\b[\s,]*)+",
    re.IGNORECASE,
)
PRONOUNS = frozenset({"dia", "ia", "beliau", "mereka", "he", "she", "they", "him", "her"})
DEMONSTRATIVES = frozenset({"itu", "ini", "tersebut", "sana", "situ"})
# Words ending in -nya that do not point back to anything.
FIXED_NYA = frozenset({"hanya", "sebelumnya", "selanjutnya", "biasanya", "sebenarnya", "akhirnya", "adanya",
                       "bahwasanya", "seharusnya", "sesungguhnya", "setidaknya", "misalnya", "contohnya", "nya",
                       "lainnya", "sebaliknya", "terutama", "caranya", "rupanya", "agaknya", "umumnya", "khususnya",
                       "selebihnya"})
# "menyampaikannya": "it", not "his".
VERB_PREFIX = re.compile(r"^(?:me|di|ber|ter)", re.IGNORECASE)
# Words that open a request, not a name ("Tolong jelaskan …").
REQUEST_WORDS = frozenset({"tolong", "jelaskan", "sebutkan", "ceritakan", "coba", "mohon", "please", "tell",
                           "explain"})



# A study or a poll a statement cites ("Survei Badan Kepegawaian Daerah … yang dikutip Luthfi
# menunjukkan …"): backed only by an article that mentions one; the entailment model read that
# invented survey as contradicted at 74% (drafts_holdout41).
CITED_STUDY = re.compile(r"\b(?:survei|survey|jajak\s+pendapat|riset|studi|penelitian|kajian|sensus|polling)\b",
                         re.IGNORECASE)


# Verbs of the events news reports and a draft may invent ("Luthfi meresmikan jalan tol baru …",
# "Rakor … ditutup dengan penandatanganan pakta integritas"): a claim of one is backed only by a
# passage that reports it.
EVENT_VERBS = re.compile(
    r"\b(?:(?:me|di)resmikan|peresmian|(?:me|di)luncurkan|peluncuran|(?:menan|ditan)datangani|penandatanganan|"
    r"(?:me|di)lantik|pelantikan|(?:me|di)mutasi|(?:me|di)canangkan|pencanangan|(?:meng|di)esahkan|"
    r"(?:me|di)nerbitkan|(?:me|di)mecat|pemecatan|(?:me|di)rombak|(?:meng|di)anugerahkan|(?:meng|di)umumkan|"
    r"(?:me|di)nyerahkan|penyerahan|(?:me|di)berikan penghargaan|(?:me|di)bagikan|(?:me|di)kunjungi|kunjungan kerja|"
    # a body set up ("telah membentuk tim khusus untuk menelusuri …"; drafts_holdout24), not "membentuk karakter"
    r"(?:(?:mem|di)bentuk|pembentukan)\s+(?:tim|satgas|satuan\s+tugas|panitia|komite|pansel|unit|badan)|"
    # an app made, a contest held ("… telah mengembangkan aplikasi pengaduan warga", "… akan membuat aplikasi
    # aduan khusus", "… sudah menggelar lomba inovasi digital"; claims_heldout17 m48, claims_heldout30 v10,
    # drafts_holdout41: found through the cosine fallback beside a passage on the same people)
    r"(?:mem|di)buat\s+aplikasi|(?:mengembangkan|dikembangkan)\s+aplikasi|(?:mem|di)bangun\s+aplikasi|"
    r"(?:meng|di)(?:gelar|adakan)\s+(?:lomba|kompetisi|sayembara|kontes))\b",
    re.IGNORECASE)
