import json

import pytest

from conftest import ROOT, SEEDS
from rag.errors import InputError
from rag.ingest import clean_text, document_from_text, html_to_text, load_documents, read_file


@pytest.fixture(scope="module")
def seed_docs():
    docs, skipped = load_documents([SEEDS])
    assert not skipped
    return {d.source.rsplit("/", 1)[-1][:3]: d for d in docs}


@pytest.mark.parametrize("phrase", [
    "BACA JUGA", "Baca juga", "Related Posts", "Leave a Reply", "Jangan Lewatkan", "Harimau", "harimau",
    "Bandar Abbas", "Sungai Progo", "Proliga", "Copyright", "All Rights Reserved", "rendering in", "Editor :",
    "Berita Populer", "THR 2021", "Kapolsek Wonocolo", "Piala Asia", "Perusuh", "loading", "Bapanas Award",
    "WFH 50%",
])
def test_boilerplate_and_teasers_are_stripped(seed_docs, phrase):
    for doc in seed_docs.values():
        assert phrase not in doc.text and phrase not in doc.title, (doc.source, phrase)


def test_article_text_titles_and_metadata_are_kept(seed_docs):
    luthfi = seed_docs["001"]
    assert luthfi.title == "ASN Pemprov Jateng Harus Tingkatkan Profesionalitas"
    assert "Jabatan itu amanah." in luthfi.text
    assert luthfi.text.rstrip().endswith("untuk melayani masyarakat.")  # "(Htm/S-01)" editor code gone
    assert luthfi.meta["people"] == ["Ahmad Luthfi"]
    khofifah = seed_docs["002"]
    assert khofifah.meta["date"] == "2021-04-10"
    assert khofifah.meta["place"] == "Surabaya"
    assert "Khofifah Indar Parawansa" in khofifah.meta["people"]
    assert khofifah.text.count("Gubernur Khofifah Ingin Pamong Praja") == 0  # repeated headline dropped
    emil = seed_docs["004"]
    assert emil.meta["date"] == "2025-09-04" and emil.meta["place"] == "Surabaya"
    assert emil.meta["people"] == ["Emil Elestianto Dardak"]
    assert "Yasmin" not in emil.text
    jateng = seed_docs["000"]
    assert jateng.meta["place"] == "Semarang"
    assert jateng.meta["people"] == ["Ahmad Luthfi", "Taj Yasin Maimoen"]
    assert "Gubernur Jawa Tengah, Ahmad Luthfi, baru-baru ini" in jateng.text  # dateline removed, text kept


def test_lead_paragraph_is_not_taken_for_a_title(seed_docs):
    doc = seed_docs["003"]
    assert doc.text.startswith("Gubernur Jawa Timur Khofifah Indar Parawansa meminta")
    assert doc.title.startswith("Gubernur Jawa Timur Khofifah") and len(doc.title) < 120


def test_document_ids_are_stable_content_hashes(seed_docs, tmp_path):
    again, _ = load_documents([SEEDS])
    assert sorted(d.doc_id for d in again) == sorted(d.doc_id for d in seed_docs.values())
    copy = tmp_path / "copy.txt"
    copy.write_bytes((SEEDS / "001_bd70cc3ecaf6260a.txt").read_bytes())
    assert read_file(copy).doc_id == seed_docs["001"].doc_id


def test_duplicates_are_kept_once(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Judul\n\nIsi berita yang sama persis di dua file.", encoding="utf-8")
    docs, skipped = load_documents([tmp_path])
    assert len(docs) == 1 and "duplicate" in skipped[0].reason


def test_html_scripts_and_navigation_are_not_text(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Judul Berita</title><script>alert('x')</script></head><body>"
        "<nav>Beranda | Politik</nav><article><h1>Judul Berita</h1><p>Gubernur meminta ASN melayani.</p>"
        "<p>Kalimat kedua &amp; terakhir.</p></article><footer>Copyright 2025</footer></body></html>",
        encoding="utf-8",
    )
    doc = read_file(page)
    assert doc.title == "Judul Berita"
    assert "Gubernur meminta ASN melayani." in doc.text and "Kalimat kedua & terakhir." in doc.text
    assert "alert" not in doc.text and "Beranda" not in doc.text and "Copyright" not in doc.text


def test_markdown_links_become_text(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("# Judul\n\nLihat [tautan ini](http://contoh.id) dan **tebal** di sini.", encoding="utf-8")
    doc = read_file(page)
    assert doc.title == "Judul" and "Lihat tautan ini dan tebal di sini." in doc.text


def test_jsonl_ids_are_kept_unchanged(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "tydi-abc", "title": "", "text": "Teks pertama."}, {"id": "x-2", "title": "T", "text": "Dua."},
            {"id": "kosong", "title": "", "text": ""}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", encoding="utf-8")
    docs, skipped = load_documents([path])
    assert [d.doc_id for d in docs] == ["tydi-abc", "x-2"]
    assert docs[0].text == "Teks pertama."
    assert len(skipped) == 2


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Berita dengan huruf é".encode("latin-1"), "not UTF-8"),
])
def test_unreadable_files_get_clear_errors(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_file(path)


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Judul\n\nGubernur meminta ASN kreatif.".encode("utf-16"))
    assert "Gubernur meminta ASN kreatif." in read_file(path).text


def test_unsupported_type_is_refused(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="unsupported file type"):
        read_file(path)


def test_clean_text_of_nothing_is_empty():
    assert clean_text("\n\n") == ("", "", {})
    with pytest.raises(InputError):
        document_from_text("Related Posts\nLeave a Reply", "x.txt")


def test_html_to_text_keeps_blocks_apart():
    assert [line for line in html_to_text("<p>Satu.</p><p>Dua.</p>").splitlines() if line] == ["Satu.", "Dua."]


NEWS_PAGE = ROOT / "tests" / "data" / "news_page.html"


def test_news_page_keeps_the_article_and_drops_the_furniture_better_than_the_old_cleaner():
    page = NEWS_PAGE.read_text(encoding="utf-8")
    doc = document_from_text(page, "news_page.html", is_html=True)
    old_title, old_text, old_meta = clean_text(html_to_text(page))  # the tag blacklist alone
    assert doc.title == "Bendungan Kali Serayu Mulai Dialiri Air, Petani Banyumas Sambut Gembira"
    assert old_title.endswith("- Warta Fiktif")  # the old one kept the site's name in the title
    article = ["Bendungan Kali Serayu di Kabupaten Banyumas, Jawa Tengah, mulai dialiri air pada Senin pagi",
               "menampung 48 juta meter kubik air", "ujar Sugeng.", "Bupati Banyumas, Dewi Lestari Anggraini",
               "diresmikan pada pertengahan tahun."]
    for words in article:
        assert words in doc.text and words in old_text, words
    # Furniture in plain <div>s that the old cleaner kept and trafilatura drops: the cookie banner,
    # the top bar, the menu, the breadcrumb, the byline, share buttons, an ad inside the article.
    kept_before = ["menggunakan cookie", "Setuju", "Daftar Akun Gratis", "Gaya Hidup", "Beranda", "Oleh Rina Kartika",
                   "Bagikan ke Facebook", "promo kredit motor"]
    for words in kept_before:
        assert words in old_text and words not in doc.text, words
    # Dropped by both: "Baca juga" links (the line rules), related articles, readers' comments,
    # the sidebar and the footer (after the "Tag:" end marker for the old cleaner), and scripts.
    for words in ["Baca juga", "Harga Gabah", "Pupuk Subsidi", "Artikel Lainnya", "Festival Kopi", "Tanggapan Pembaca",
                  "ujung saluran", "Terpopuler", "Harga Cabai", "Langganan", "Hak cipta", "Editor", "Bambang",
                  "bendungan banyumas irigasi", "SKRIP", "alert", "gtag"]:
        assert words.casefold() not in doc.text.casefold(), words
    assert doc.text.count("\n\n") == 5  # six paragraphs, a blank line apart
    # The date is the article's (its meta tag), not the top bar's "Selasa, 18 Maret 2025".
    assert doc.meta["date"] == "2025-03-17" and old_meta["date"] == "2025-03-18"
    assert doc.meta["place"] == "Banyumas" and "Dewi Lestari Anggraini" in " ".join(doc.meta["people"])


@pytest.mark.parametrize("hidden", [
    "<script>RAHASIA()</script>", "<script type='text/javascript'>if (a < b) RAHASIA</script>",
    "<img src=x onerror=\"RAHASIA()\">", "<style>p { RAHASIA: 1 }</style>", "<noscript>RAHASIA</noscript>",
    "<iframe>RAHASIA</iframe>", "<svg onload=x><text>RAHASIA</text></svg>", "<template>RAHASIA</template>",
    "<a href='javascript:RAHASIA()'>tautan</a>",
])
def test_news_page_never_yields_script_content(hidden):
    page = NEWS_PAGE.read_text(encoding="utf-8").replace("<p>Para petani", hidden + "<p>Para petani", 1)
    doc = document_from_text(page, "news_page.html", is_html=True)
    assert "Para petani di Kecamatan Sumbang" in doc.text and "RAHASIA" not in doc.text


@pytest.mark.parametrize("failure", [None, RuntimeError("rusak")])
def test_html_falls_back_to_the_old_cleaner_when_trafilatura_finds_nothing(monkeypatch, failure):
    import trafilatura

    def extract(*args, **kwargs):
        if failure:
            raise failure
        return None

    monkeypatch.setattr(trafilatura, "bare_extraction", extract)
    page = ("<html><head><title>Judul Berita</title><script>alert('x')</script></head><body><nav>Beranda</nav>"
            "<p>Gubernur meminta ASN melayani warga.</p><footer>Copyright 2025</footer></body></html>")
    doc = document_from_text(page, "a.html", is_html=True)
    assert doc.title == "Judul Berita" and doc.text == "Gubernur meminta ASN melayani warga."


def test_html_extraction_makes_no_network_call(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a network call while reading an HTML article")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = NEWS_PAGE.read_text(encoding="utf-8")
    assert "Sugeng Raharjo" in document_from_text(page, "news_page.html", is_html=True).text


MARKDOWN_ARTICLE = """# Pasar Terapung Banjarmasin Ramai Lagi

*Banjarmasin* – Pasar terapung di Sungai Martapura kembali ramai setelah **pemerintah kota** memperbaiki
dermaga, kata [Dinas Pariwisata](http://pariwisata.contoh.id/berita?id=7 "siaran pers") dalam siaran persnya.

![Perahu pedagang sayur di pagi hari](http://contoh.id/foto.jpg)

## Harga dagangan

- Pisang *kepok* Rp 15.000 per sisir
- Jeruk __siam__ Rp 25.000 per kilogram

1. Datang sebelum pukul 06.00
2. Bawa uang tunai

> "Kami senang pembeli kembali," ujar Siti Aminah, pedagang sayur.

| Barang | Harga |
| --- | --- |
| Pisang | Rp 15.000 |

Kode pemesanan perahu: `PERAHU-01`, AT&amp;T \\*bukan tebal\\*.

```
jadwal = "06.00"
```

<script>alert('RAHASIA')</script>

Kalimat dengan <b>tebal</b> dan <script>RAHASIA()</script>skrip di tengah.

<div onclick="RAHASIA()">Blok HTML yang terlihat</div>
<img src=x onerror="alert('RAHASIA')">

Baca juga: [Berita lain](http://contoh.id/lain)
"""


def test_markdown_article_is_rendered_to_plain_text():
    doc = document_from_text(MARKDOWN_ARTICLE, "pasar.md", is_markdown=True)
    assert doc.title == "Pasar Terapung Banjarmasin Ramai Lagi" and doc.meta["place"] == "Banjarmasin"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs == [
        "Pasar terapung di Sungai Martapura kembali ramai setelah pemerintah kota memperbaiki\n"  # the source's line
        "dermaga, kata Dinas Pariwisata dalam siaran persnya.",
        "Perahu pedagang sayur di pagi hari",  # an image is its alt text
        "Harga dagangan",
        "- Pisang kepok Rp 15.000 per sisir\n- Jeruk siam Rp 25.000 per kilogram",
        "1. Datang sebelum pukul 06.00\n2. Bawa uang tunai",
        "\"Kami senang pembeli kembali,\" ujar Siti Aminah, pedagang sayur.",
        "Barang | Harga\nPisang | Rp 15.000",
        "Kode pemesanan perahu: PERAHU-01, AT&T *bukan tebal*.",
        'jadwal = "06.00"',
        "Kalimat dengan tebal dan skrip di tengah.",  # raw HTML: its text, never a script's
        "Blok HTML yang terlihat",  # "Baca juga" is dropped by the line rules, as in any article
    ]
    for markup in ("http", "contoh.id", "](", "<", ">", "**", "#", "`", "RAHASIA", "alert"):
        assert markup not in doc.text, markup
