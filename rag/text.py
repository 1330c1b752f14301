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
menurut kata soal tentang terhadap mengenai atas bagi antara hingga sampai sejak selama
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


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits)."""
    return [w for w in _TOKEN.findall(text.lower()) if w != "_"]


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
