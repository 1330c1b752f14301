"""Periksa dokumen (rag/draft.py) on the fake backends: reading drafts, which sentences are
checked, quotations word for word, the JSON shape. The accuracy on the labelled drafts, with
the real models, is in tests/test_draft_accuracy.py."""

from __future__ import annotations

import io
import json

import pytest

from rag.config import DraftConfig
from rag.compare import OfficeHolders
from rag.draft import draft_text, dropped_ending, quotations, read_draft, statement_before_aside, why_not_checked
from rag.errors import InputError
from rag.types import QUOTE_STATUSES, VERDICTS

KNOWN = ["Ahmad Luthfi", "Taj Yasin Maimoen", "Khofifah Indar Parawansa", "Emil Elestianto Dardak", "Akmal Malik"]


def _known_word(word: str) -> bool:
    return word in {"gubernur", "jawa", "tengah", "program", "ngopeni", "nglakoni", "apple", "developer", "academy"}


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "Isi tabel: Luthfi meminta ASN berinovasi."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (a blank page when empty), built by hand."""
    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET" if lines else ""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


# ----------------------------------------------------------------------------- reading


def test_a_word_draft_gives_its_paragraphs_and_tables(tmp_path):
    path = tmp_path / "siaran.docx"
    path.write_bytes(_docx(["SIARAN PERS", "Gubernur Ahmad Luthfi meminta ASN kreatif.", ""]))
    text = read_draft(path)
    assert text.split("\n\n") == ["SIARAN PERS", "Gubernur Ahmad Luthfi meminta ASN kreatif.",
                                  "Isi tabel: Luthfi meminta ASN berinovasi."]


def test_a_pdf_draft_gives_its_text_layer_with_lines_joined():
    text = draft_text(_pdf(["Gubernur Jawa Tengah Ahmad Luthfi meminta seluruh ASN untuk",
                            "lebih kreatif dan inovatif.", "Ia menyindir ASN yang kasak-kusuk."]), "draf.pdf")
    assert text == ("Gubernur Jawa Tengah Ahmad Luthfi meminta seluruh ASN untuk lebih kreatif dan inovatif.\n"
                    "Ia menyindir ASN yang kasak-kusuk.")


@pytest.mark.parametrize("name, data, message", [
    ("draf.doc", b"\xd0\xcf\x11\xe0 old word", "must be .txt, .md, .docx or .pdf"),
    ("draf.docx", b"this is not a zip file", "not a Word .docx file"),
    ("draf.pdf", None, "no text layer"),
    ("draf.pdf", b"%PDF-1.4 broken", "cannot be read"),
    ("draf.txt", b"   \n", "empty"),
    ("draf.txt", b"12345 ...", "no text to check"),
    ("draf.txt", b"\xff\xfe\x00\xd8", "UTF-16 text but is not"),
])
def test_a_draft_that_cannot_be_checked_is_refused_with_the_reason(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(_pdf([]) if data is None else data)
    with pytest.raises(InputError) as refused:
        read_draft(path)
    assert message in str(refused.value)


def test_a_draft_over_the_limits_is_refused(tmp_path):
    path = tmp_path / "panjang.txt"
    path.write_text("Luthfi meminta ASN kreatif. " * 200, encoding="utf-8")
    with pytest.raises(InputError, match="limit is 1,000"):
        read_draft(path, DraftConfig(max_chars=1000))
    with pytest.raises(InputError, match="MB limit"):
        read_draft(path, DraftConfig(max_file_bytes=1000))


# ----------------------------------------------------------------------------- which sentences


@pytest.mark.parametrize("sentence, checked", [
    ("Assalamualaikum warahmatullahi wabarakatuh.", False),
    ("Kami berharap kegiatan ini bermanfaat bagi seluruh peserta.", False),
    ("Menurut hemat kami, arahan tersebut sejalan dengan reformasi birokrasi.", False),
    ("Arahan Gubernur ini memberikan semangat baru bagi kami.", False),
    ("SIARAN PERS BIRO ADMINISTRASI PIMPINAN", False),
    ("Birokrasi yang baik dimulai dari niat yang baik.", False),
    ("Rapat dipimpin oleh Kepala Bidang Pengembangan Kompetensi dan ditutup pukul 11.30 WIB.", False),
    ("Rapat tersebut diikuti empat ratus pejabat.", True),
    ("Rapat koordinasi tersebut menetapkan sanksi bagi 35 pejabat.", True),  # one the draft reported
    ("Adapun transformasi digital, menurutnya, merupakan pilihan yang boleh ditunda.", True),
    ("Diskusi kelompok: identifikasikan satu hambatan inovasi di unit kerja Anda.", False),
    ("Kendal – Rapat dipimpin oleh Kepala Bidang dan ditutup pukul 11.30 WIB.", False),  # after a dateline
    ("Bapak dan Ibu sekalian, pada Selasa, 8 April, Gubernur Ahmad Luthfi memberikan arahan.", True),
    ("Gubernur Ahmad Luthfi menyindir ASN yang kasak-kusuk mencari jabatan.", True),
    ("Program Ngopeni Nglakoni mengharuskan gubernur berkeliling.", True),
    ("Evaluasi kinerja dilakukan setiap tiga bulan.", True),
    ("“Jabatan itu amanah, bukan untuk diperjualbelikan,” tegasnya.", True),
    # an office in lower case stands for its holder (drafts_holdout32)
    ("Dalam rapat itu, gubernur meminta sistem merit dijalankan secara ajek.", True),
    ("Peserta membahas arahan gubernur mengenai inovasi.", False),  # his directions, not him doing
    # speaker notes: the presenter's cues are the writer's, what a cue says follows "bahwa" (drafts_holdout33)
    ("Slide satu: sapa peserta, perkenalkan diri, lalu jelaskan bahwa sosialisasi ini membahas sistem merit.", False),
    ("Beri kesempatan dua atau tiga peserta untuk bercerita sebelum pindah ke slide empat.", False),
    ("Slide lima berisi perbandingan dengan Jawa Timur, jadi arahkan perhatian peserta ke provinsi tetangga.", False),
    ("Sebagai tindak lanjut, sebutkan bahwa Pemprov Jawa Timur mewajibkan setiap ASN membuat satu inovasi.", True),
    ("Slide tiga memuat pesan bahwa Luthfi ingin sistem merit diterapkan secara konsisten.", True),
    # an examiner turning to the next topic (an oral exam's transcript, drafts_holdout33)
    ("Jawaban Saudara cukup runtut, sekarang mari beralih ke arahan Gubernur Jawa Tengah dalam rapat.", False),
    # a mentor's notes to an intern: the reader and their work, a task for next week (drafts_holdout34)
    ("Secara umum ringkasanmu sudah runtut, jadi catatan di bawah ini berisi penegasan.", False),
    ("Untuk pekan depan, coba bandingkan gaya kepemimpinan kedua provinsi ini dalam satu tabel sederhana.", False),
    ("Kamu sudah menangkap pesan utama Gubernur Ahmad Luthfi, yaitu bahwa hasil optimal mustahil diraih.", True),
    # a guest lecture (drafts_holdout42): an invitation to an occasion, then what was said there; a "silakan"
    ("Mari kita mulai dari Jawa Timur, ketika Gubernur Khofifah Indar Parawansa meminta pamong praja bekerja cepat.",
     True),
    ("Untuk pertemuan berikutnya, silakan Saudara baca kembali berita-berita tersebut dan siapkan satu pertanyaan.",
     False),
    # a statement, then the writer's aside (drafts_holdout43): the statement decides; not the writer's day
    ("Arahan itu disampaikan dalam workshop pada April 2019, jadi sebetulnya sudah cukup lama kita diingatkan.", True),
    ("Hari ketujuh Latsar diisi dengan diskusi kelompok, dan jujur saja saya masih canggung berbicara.", False),
    # the writer's work after what someone of the sources said, which is the claim (drafts_holdout43)
    ("Saya akan mengadopsi pola yang ditegaskan Gubernur Jawa Tengah, yaitu evaluasi kinerja setiap triwulan.", True),
    ("Saya akan mengadopsi pola kerja yang baru, yaitu evaluasi kinerja setiap triwulan.", False),
    ("Kami mencatat pula bahwa Program Ngopeni Nglakoni mengharuskan gubernur berkeliling.", True),
    ("Kami mencatat pula bahwa rapat berjalan lancar.", False),
    # an audience addressed, a connective and a form of address before an office (a stand-up set, drafts_holdout43)
    ("Jangan cepat puas, Bapak-Ibu, apalagi soal tunjangan.", False),
    ("Lalu Pak Sekda Jateng ikut menambahkan supaya ASN jangan cepat puas.", True),
    ("Ironisnya, anggaran inovasi di kabupaten justru dipangkas separuh tahun ini.", True),  # "separuh": a number
])
def test_which_sentences_are_checked(sentence, checked):
    reason = why_not_checked(sentence, KNOWN, _known_word)
    assert (reason is None) is checked, reason


def test_a_first_word_before_a_comma_is_a_connective_not_a_name():
    """A reporter's notes (drafts_holdout41): "Terakhir, …" names no one, whatever words the sources
    use; "Baginya, …" points back to a person."""
    def every_word(word: str) -> bool:
        return True

    assert why_not_checked("Terakhir, minta izin memotret suasana kelas setelah wawancara.", KNOWN, every_word) \
        is not None
    assert why_not_checked("Baginya, keberhasilan birokrasi sudah cukup diukur dari serapan anggaran.", KNOWN,
                           every_word) is None


def test_a_first_word_the_sources_write_in_lower_case_is_no_name():
    """A documentary's narration (drafts_holdout42): "Perubahan …", "Pagi …" open a sentence, and
    the sources write them in lower case; "Khofifah …" they never do."""
    def every_word(word: str) -> bool:
        return True

    def ordinary(word: str) -> bool:
        return word in {"perubahan", "pagi", "memang"}

    for line in ("Perubahan memang tidak datang dalam semalam.", "Pagi di sebuah kantor, map menumpuk di meja."):
        assert why_not_checked(line, KNOWN, every_word) is None, line  # read as a name without it
        assert why_not_checked(line, KNOWN, every_word, ordinary_word=ordinary) is not None, line
    assert why_not_checked("Khofifah memang tidak datang dalam semalam.", KNOWN, every_word,
                           ordinary_word=ordinary) is None


def test_the_statement_before_the_writers_aside():
    """drafts_holdout43: what the sentence claims before "jadi … kita", "dan … saya", or a dash
    before a question; not a list's last item, nor a statement of the writer's own."""
    assert statement_before_aside("Waktu itu beliau baru empat bulan menjabat—ini gubernur atau calon menantu?") \
        == "Waktu itu beliau baru empat bulan menjabat."
    assert statement_before_aside("Seleksi ASN dijalankan oleh BKD dengan ketat, dan pola itu ingin saya tiru.") \
        == "Seleksi ASN dijalankan oleh BKD dengan ketat."
    assert statement_before_aside("Beliau bilang kerja keras, kerja cepat, dan kerja profesional yang kita rasakan "
                                  "sudah memadai.") is None
    assert statement_before_aside("Saya datang ke rapat itu, jadi kami tahu isinya.") is None
    assert statement_before_aside("Seleksi ASN dijalankan oleh BKD dengan ketat, dan pola itu layak ditiru.") is None


def test_a_sentence_with_a_pronoun_for_someone_named_before_is_checked():
    sentence = "Beliau mengibaratkan birokrasi sebagai kendaraan."
    assert why_not_checked(sentence, KNOWN, _known_word) is not None
    assert why_not_checked(sentence, KNOWN, _known_word, refers_to="Ahmad Luthfi") is None


def test_a_verb_of_saying_that_points_back_makes_the_sentence_someones_words(fake_pipeline):
    """"Setiap OPD, lanjutnya, harus …" after a sentence that names Luthfi is what he said
    (drafts_holdout18: left unchecked when run once)."""
    report = fake_pipeline.check_draft("Ahmad Luthfi meminta ASN bekerja profesional. Setiap OPD, lanjutnya, "
                                       "harus berani mengambil langkah kreatif.")
    assert report.sentences[1].checked, report.sentences[1].reasons


def test_more_of_what_was_said_after_a_checked_sentence_is_checked_the_writers_own_is_not(fake_pipeline):
    """"Selain itu, tiap rupiah …" goes on with what the sentence before reported (drafts_holdout20:
    left unchecked when run once); "Selain itu, … unit kita" is the writer's (drafts_holdout11)."""
    report = fake_pipeline.check_draft("Ahmad Luthfi meminta ASN bekerja profesional. Selain itu, tiap rupiah "
                                       "anggaran wajib memberi dampak langsung di lapangan.")
    assert report.sentences[1].checked, report.sentences[1].reasons
    report = fake_pipeline.check_draft("Ahmad Luthfi meminta ASN bekerja profesional. Selain itu, terdapat "
                                       "pemberitaan lain yang relevan dengan tugas unit kita.")
    assert not report.sentences[1].checked
    report = fake_pipeline.check_draft("Selamat pagi rekan-rekan. Selain itu, tiap rupiah anggaran wajib memberi "
                                       "dampak langsung di lapangan.")
    assert not report.sentences[1].checked


def test_quotations_are_words_in_marks_of_three_words_or_more_or_a_sentence():
    sentence = 'Ia menyindir ASN “kasak-kusuk”. “Jabatan itu amanah,” tegas Luthfi, lalu "jangan sungkan ya kawan".'
    assert [q[0] for q in quotations(sentence, 3)] == ["Jabatan itu amanah", "jangan sungkan ya kawan"]
    text, start, end = quotations(sentence, 3)[0]
    assert sentence[start:end].startswith(text)
    # two words ending a sentence inside the marks are a quotation; a two-word term is not
    sentence = "Gus Yasin berpesan, “Saling koordinasi.” Ia menolak “jalan pintas”."
    assert [q[0] for q in quotations(sentence, 3)] == ["Saling koordinasi"]


# ----------------------------------------------------------------------------- checking


DRAFT = """SIARAN PERS

Semarang – Gubernur Jawa Tengah Ahmad Luthfi memberikan arahan kepada ASN.

“Saling koordinasi. Ini sudah sering saya lakukan, nggak usah sungkan. Saya tekankan ini,” ujar Gus Yasin.

“Saling koordinasi. Ini sudah sering saya lakukan, jangan sungkan. Saya tekankan ini,” ujar Gus Yasin.

“Saling koordinasi. Ini sudah sering saya lakukan, nggak usah sungkan,” kata Emil Dardak.

“Kita akan membangun jalan tol baru sepanjang seratus kilometer,” kata Luthfi.

Kami berharap arahan ini dilaksanakan."""


@pytest.fixture
def report(fake_pipeline):
    return fake_pipeline.check_draft(DRAFT, source="siaran.txt")


def test_every_sentence_is_reported_in_order_with_its_offsets(report):
    assert [s.text for s in report.sentences][:2] == [
        "SIARAN PERS", "Semarang – Gubernur Jawa Tengah Ahmad Luthfi memberikan arahan kepada ASN."]
    for sentence in report.sentences:
        assert DRAFT[sentence.start:sentence.end] == sentence.text
        assert (sentence.verdict in VERDICTS) is sentence.checked and sentence.reasons
    assert not report.sentences[0].checked and not report.sentences[-1].checked


def test_quotations_are_compared_word_for_word(report):
    quotes = [s.quote for s in report.sentences if s.quote]
    assert [q.status for q in quotes] == ["persis", "diubah", "orang lain", "tidak ditemukan"]
    assert all(q.status in QUOTE_STATUSES for q in quotes)
    exact, changed, other, invented = quotes
    assert exact.source_speaker == "Taj Yasin Maimoen" and exact.source.text.startswith("Saling koordinasi")
    assert changed.diff == [{"sumber": "nggak usah", "draf": "jangan"}]
    assert other.speaker == "Emil Elestianto Dardak" and other.source_speaker == "Taj Yasin Maimoen"
    assert invented.source is None and not invented.diff
    verdicts = [s.verdict for s in report.sentences if s.quote]
    assert verdicts == ["didukung", "bertentangan", "bertentangan", "tidak ditemukan"]
    changed_sentence = [s for s in report.sentences if s.quote is changed][0]
    assert "“nggak usah” menjadi “jangan”" in changed_sentence.reasons[0]


def test_the_json_report_has_the_documented_shape(report):
    data = json.loads(json.dumps(report.to_dict()))
    assert data["counts"]["tidak diperiksa"] == 2 and sum(data["counts"].values()) == len(data["sentences"])
    for sentence in data["sentences"]:
        assert set(sentence) >= {"text", "start", "end", "checked", "verdict", "reasons", "evidence", "quote"}
        if sentence["quote"]:
            assert set(sentence["quote"]) >= {"text", "speaker", "status", "diff"}


def test_offices_name_who_holds_them(fake_pipeline):
    offices = OfficeHolders(fake_pipeline.index)
    assert offices.people_in("kata Gubernur Jatim kemarin") == ["Khofifah Indar Parawansa"]
    assert offices.people_in("Wakil Gubernur Jawa Tengah hadir") == ["Taj Yasin Maimoen"]
    assert offices.people_in("Bupati Sleman hadir") == []
    # an office of two people names the one the draft spoke of last, as a reader takes it
    assert offices.people_in("Ibu Gubernur juga menekankan") == []
    assert offices.people_in("Ibu Gubernur juga menekankan", "Khofifah Indar Parawansa") == ["Khofifah Indar Parawansa"]
    assert offices.people_in("Bapak Gubernur mengajak", "Taj Yasin Maimoen") == []  # he is no governor
    # the governor the draft named last, though someone else was named since (drafts_holdout11)
    assert offices.people_in("Gubernur mengibaratkan birokrasi", ["Taj Yasin Maimoen", "Ahmad Luthfi",
                                                                  "Khofifah Indar Parawansa"]) == ["Ahmad Luthfi"]
    # an office its last person does not hold: a pronoun after it is that office's (drafts_holdout35)
    assert offices.other_office("saya mau cerita soal Bu Gubernur", "Emil Elestianto Dardak") == "Gubernur"
    assert offices.other_office("saya mau cerita soal Bu Gubernur", "Khofifah Indar Parawansa") is None
    assert offices.other_office("soal kepala daerah", "Emil Elestianto Dardak") is None  # held by no one named
    # an office written shorter than the articles write it names its one holder
    assert offices.people_in("Dirjen Otda Kemendagri mengingatkan") == ["Akmal Malik"]
    assert offices.people_in("Dirjen Otda mengingatkan") == ["Akmal Malik"]


def test_the_report_renders_as_markdown_html_and_a_table_with_the_draft_escaped(fake_pipeline):
    from rag.draft_report import draft_html, draft_markdown, draft_table, draft_view

    hostile = DRAFT + '\n\nGubernur Ahmad Luthfi menulis <script>alert("x")</script> | *tebal* di [tautan](http://x).'
    report = fake_pipeline.check_draft(hostile, source="siaran <b>.txt")
    documents = fake_pipeline.index.documents
    page, view = draft_html(report, documents), draft_view(report, documents)
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "siaran &lt;b&gt;.txt" in page
    assert view.count('class="dc-sentence') == len(report.sentences)
    assert page.count("dc-detail") >= len(report.sentences)
    markdown = draft_markdown(report)
    row = [line for line in markdown.splitlines() if line.startswith(f"| {len(report.sentences)} |")][0]
    assert row.count(" | ") == 3 and "\\|" in row and "\\*tebal\\*" in row and "\\[tautan\\]" in row
    table = draft_table(report)
    assert table.splitlines()[0].startswith("Periksa dokumen: siaran <b>.txt — ")
    assert "[kutipan diubah]" in table and "↳ Kutipan langsung berbeda dari sumber" in table


def test_a_quotation_ended_where_the_speakers_sentence_goes_on_has_dropped_words():
    text = ("Ia berkata, “semua ASN tugasnya melayani masyarakat, bukan dilayani,” ujarnya. "
            "“Jabatan itu amanah. Kita awasi.”")
    start = text.index("semua")
    assert dropped_ending(text, start, text.index(", bukan")) == "bukan dilayani"
    # one sentence of a quotation of several drops nothing; nor do words outside a quotation
    assert dropped_ending(text, text.index("Jabatan"), text.index(". Kita")) == ""
    assert dropped_ending(text, text.index("Ia"), text.index(", “")) == ""


def test_a_changed_quotation_is_found_where_it_was_said_not_where_its_opening_words_recur(fake_pipeline):
    from rag.draft import QuotationMatcher

    matcher = QuotationMatcher(fake_pipeline.retriever)
    known = fake_pipeline.index.people()
    # "siapa yang profesional dan" also stands in "Kita akan pelototi siapa yang profesional dan
    # tidak"; the quotation is "Siapa yang profesional, nanti yang akan dapat jabatan"
    changed = matcher.check("Siapa yang profesional dan loyal, dialah yang nanti akan mendapat jabatan",
                            "Ahmad Luthfi", known)
    assert changed.status == "diubah" and changed.source.text.startswith("Siapa yang profesional, nanti")
    # found by stems, compared word for word: "dapat" written "mendapat" is a change
    assert {"sumber": "dapat", "draf": "mendapat"} in changed.diff
    assert changed.diff[0] == {"sumber": "", "draf": "dan loyal dialah yang"}
    exact = matcher.check("Siapa yang profesional, nanti yang akan dapat jabatan", "Ahmad Luthfi", known)
    assert exact.status == "persis" and not exact.diff


def test_a_changed_ending_keeps_its_speaker_and_words_left_out_of_the_middle_are_found(fake_pipeline):
    from rag.draft import QuotationMatcher

    matcher = QuotationMatcher(fake_pipeline.retriever)
    known = fake_pipeline.index.people()
    # "… kerja super tim,” imbuhnya." then a paragraph on Akmal Malik: the changed ending takes two
    # source words, not the rest of the stretch and its speaker (drafts_holdout23)
    changed = matcher.check("Dalam keadaan krisis seperti saat ini hal yang perlu dilakukan adalah kerja "
                            "sendiri-sendiri", "Khofifah Indar Parawansa", known)
    assert changed.status == "diubah" and changed.source_speaker == "Khofifah Indar Parawansa"
    assert changed.source.text.endswith("super tim") and changed.diff == [{"sumber": "super tim",
                                                                            "draf": "sendiri sendiri"}]
    # the source says "ASN (aparatur sipil negara) harus berganti channel dari yang selama ini
    # biasa-biasa saja menjadi …": the quotation stretches further there than in the draft
    shortened = matcher.check("ASN harus berganti channel menjadi extraordinary, bekerja pelan, hati-hati dan detail",
                              "Khofifah Indar Parawansa", known)
    assert shortened.status == "diubah" and {"sumber": "cepat, cerdas", "draf": "pelan hati hati"} in shortened.diff


def test_list_introductions_and_contact_lines_are_not_checked():
    for line in ("Berikut pokok-pokok arahan Gubernur terkait profesionalisme ASN.",
                 "Informasi lebih lanjut dapat diperoleh melalui Biro Administrasi Pimpinan Setda Jateng.",
                 "Materi berikutnya berkaitan dengan etos pelayanan aparatur."):
        assert why_not_checked(line, ["Ahmad Luthfi"], _known_word) is not None, line
    # an introduction that quotes someone is checked
    assert why_not_checked("Berikut pesan Gubernur: “Jabatan itu amanah, kita pelototi.”", ["Ahmad Luthfi"],
                           _known_word) is None


def test_a_memo_opening_a_slide_heading_a_call_to_readers_and_a_comment_are_the_writers_own():
    # drafts_holdout18, checked when run once
    for line in ("Dengan hormat, menindaklanjuti arahan Bapak, bersama ini kami sampaikan rangkuman pernyataan "
                 "Gubernur Khofifah Indar Parawansa.",
                 "Slide 4 – Usulan Tindak Lanjut: uji coba pola kerja satu tim ASN–konsultan di dua bidang.",
                 "Simak terus kabar seputar birokrasi Jawa Tengah hanya di kanal ini.",
                 "Pesan ini jelas bukan basa-basi, apalagi bagi pegawai yang jenjang kariernya masih panjang."):
        assert why_not_checked(line, KNOWN, _known_word) is not None, line
    # what was said with the same words is a claim
    assert why_not_checked("Pesan itu disampaikan Ahmad Luthfi saat apel pagi.", KNOWN, _known_word) is None


def test_a_documents_own_purpose_is_not_checked_a_diarys_frame_is():
    # drafts_holdout30: a KAK's opening and its aim after "Berdasarkan uraian tersebut,"; a diary's "baru tahu kalau"
    for line in ("Kerangka acuan kerja ini disusun sebagai pedoman penyelenggaraan Pelatihan Berpikir Kreatif.",
                 "Berdasarkan uraian tersebut, pelatihan ini bertujuan membekali peserta dengan kemampuan berpikir "
                 "kreatif."):
        assert why_not_checked(line, KNOWN, lambda word: True) is not None, line
    assert why_not_checked("Aku juga baru tahu kalau Pak Gubernur punya program Ngopeni Nglakoni yang membuatnya "
                           "berkeliling ke 38 kabupaten dan kota.", KNOWN, lambda word: True) is None
    # drafts_holdout31: a worksheet's and a magazine issue's own lines; a guest following a direction frames
    # a claim
    for line in ("Lembar kerja ini digunakan pada sesi ketiga Pelatihan Dasar CPNS dan dikerjakan berkelompok.",
                 "Selain laporan utama, edisi ini juga memuat profil tiga inovator muda dari bidang perizinan."):
        assert why_not_checked(line, KNOWN, lambda word: True) is not None, line
    assert why_not_checked("Pertama, kami mengikuti arahan Pak Gubernur agar evaluasi kinerja pegawai dilakukan paling "
                           "lambat setiap triwulan.", KNOWN, lambda word: True) is None


def test_a_broadcasts_sign_off_is_not_checked():
    # drafts_holdout21's radio bulletin, checked when run once ("Tetap" taken for a name)
    for line in ("Tetap di gelombang kesayangan Anda, dan sampai jumpa pada warta berikutnya.",
                 "Sampai jumpa pada edisi Jumat depan bersama Gubernur Jawa Tengah."):
        assert why_not_checked(line, KNOWN, lambda word: True) is not None, line
    assert why_not_checked("Tetap di Semarang, Gubernur Jawa Tengah meminta ASN kreatif.", KNOWN,
                           lambda word: True) is None
    # a reels script's call to its viewers (drafts_holdout22)
    assert why_not_checked("Jangan lupa like, share, dan follow akun ini untuk info ASN lainnya!", KNOWN,
                           lambda word: True) is not None


def test_an_office_that_says_something_is_checked_with_words_between_it_and_its_verb(fake_pipeline):
    # "Memang Gubernur sendiri pernah menyebut …, tetapi warga kita …" (drafts_holdout39, not checked when run
    # once: the writer's "kita" took it)
    line = ("Memang Gubernur Jateng sendiri pernah menyebut transformasi digital sebagai pilihan yang bisa menunggu, "
            "tetapi warga kita sudah tidak sabar.")
    [sentence] = fake_pipeline.check_draft(line).sentences
    assert sentence.checked, sentence.reasons


def test_a_request_in_the_passive_is_checked_unless_it_is_the_writers_own():
    assert why_not_checked("Setiap OPD diminta bersabar menunggu kepastian pagu anggaran.", [], _known_word) is None
    for line in ("Setelah mempelajari bahan ajar ini, peserta diharapkan mampu menjelaskan makna melayani.",
                 "Setiap kelompok diminta merumuskan satu contoh penerapan di unit kerja masing-masing."):
        assert why_not_checked(line, [], _known_word) is not None, line


def test_the_head_of_an_agency_the_sources_never_name_is_the_writers_own_office(fake_pipeline):
    report = fake_pipeline.check_draft("Kepala BKPSDM Kendal menyatakan pihaknya akan memasukkan pesan itu ke modul.")
    assert not report.sentences[0].checked and "BKPSDM Kendal" in report.sentences[0].reasons[0]


def test_an_institutions_plan_after_a_follow_up_phrase_is_checked_the_writers_own_is_not():
    plan = "Sebagai tindak lanjut, Badan Kepegawaian Daerah Provinsi Jawa Tengah akan meluncurkan aplikasi baru."
    assert why_not_checked(plan, KNOWN, lambda word: True) is None  # the sources use its words
    own = "Sebagai tindak lanjut, setiap kepala bidang diminta menyusun rencana aksi paling lambat akhir Juli 2025."
    assert why_not_checked(own, KNOWN, _known_word) is not None


def test_the_writers_own_government_and_a_newsletters_call_are_not_checked(fake_pipeline):
    # drafts_holdout28, checked when run once: the executive's answers to DPRD factions, a newsletter
    for line in ("Pemerintah kabupaten berencana menerapkan pola kerja serupa mulai tahun anggaran mendatang.",
                 "Ketiga, atas pertanyaan Fraksi Partai Gerindra mengenai jual beli jabatan, pemerintah kabupaten "
                 "berkomitmen menjalankan sistem merit secara konsisten."):
        [sentence] = fake_pipeline.check_draft(line).sentences
        assert not sentence.checked and "pemerintah kabupaten" in sentence.reasons[0].lower(), line
    assert why_not_checked("Kirimkan cerita praktik baik Anda ke redaksi paling lambat Jumat pekan depan.", KNOWN,
                           _known_word) is not None
    # a named government the sources speak of is checked
    [sentence] = fake_pipeline.check_draft("Pemerintah Provinsi Jawa Tengah berharap memberi pelayanan terbaik.").sentences
    assert sentence.checked


def test_a_question_and_a_call_to_share_are_the_writers_own():
    # a FAQ's question, a thread's call to its readers (drafts_holdout19, checked when run once)
    for line in ("Bolehkah pegawai menunggu juklak atau juknis sebelum mulai berinovasi?",
                 "Bagikan cerita inovasimu di kolom komentar dan ikuti terus akun ini.",
                 # an infographic's call to swipe (drafts_holdout20, checked when run once)
                 "Geser untuk membaca rangkuman pesan para pimpinan daerah di Jawa Tengah dan Jawa Timur!"):
        assert why_not_checked(line, KNOWN, _known_word) is not None, line
    # a question about a quotation is still checked for it
    assert why_not_checked("Benarkah Ahmad Luthfi berkata “Jabatan itu amanah”?", KNOWN, _known_word) is None


def test_a_bullet_a_threads_number_and_a_hosts_label_are_no_part_of_the_sentence(fake_pipeline):
    """"9/ …" of a thread is no count, "SARI: …" of a podcast script no speaker (drafts_holdout19);
    "Luthfi: …" names the speaker and stays."""
    draft = ("9/ Gubernur Ahmad Luthfi meminta ASN bekerja profesional.\n"
             "• Ahmad Luthfi meminta ASN bekerja profesional.\n"
             "SARI: Ahmad Luthfi meminta ASN bekerja profesional.\n"
             "Luthfi: jabatan itu amanah.")
    report = fake_pipeline.check_draft(draft)
    assert [s.text.split()[0] for s in report.sentences] == ["Gubernur", "Ahmad", "Ahmad", "Luthfi:"]
    for sentence in report.sentences:
        assert draft[sentence.start:sentence.end] == sentence.text
    assert not any("SARI" in reason for s in report.sentences for reason in s.reasons)



def test_a_chat_lines_stamp_and_sender_are_no_part_of_the_sentence(fake_pipeline):
    """A webinar's chat export (drafts_holdout44): "[09.23]" was checked as the number 9, and the sender
    with their office as part of the claim; a WhatsApp export's "12/05/25 09.15 - Sari: " is the same."""
    draft = ("[09.23] Bambang H. - Bappeda Prov. Jateng: Ahmad Luthfi meminta ASN bekerja profesional.\n"
             "12/05/25 09.15 - Sari P.: Ahmad Luthfi meminta ASN bekerja profesional.\n"
             "[09.30] Luthfi: jabatan itu amanah.")
    report = fake_pipeline.check_draft(draft)
    assert [s.text.split()[0] for s in report.sentences] == ["Ahmad", "Ahmad", "Luthfi:"]
    assert not any("9" in reason for s in report.sentences for reason in s.reasons)


def test_a_tasks_label_stays_with_its_sentence(fake_pipeline):
    """"Tugas 1: Identifikasi …" is a worksheet's task, not a speaker's line (drafts_holdout31)."""
    report = fake_pipeline.check_draft("Tugas 1: Identifikasi kesamaan pesan para pimpinan daerah soal inovasi ASN.")
    [sentence] = report.sentences
    assert sentence.text.startswith("Tugas 1:") and not sentence.checked


def test_a_hearings_own_lines_are_not_checked_hearsay_about_a_named_body_is():
    # drafts_holdout36: an ethics council's minutes, not checked; a chain message's "Kabarnya Pemprov Jatim …"
    # (the first word capitalised by its place), checked
    for line in ("Sidang diskors selama tiga puluh menit untuk musyawarah majelis sebelum putusan dibacakan.",
                 "Putusan akan disampaikan tertulis kepada terperiksa paling lambat tujuh hari kerja setelah sidang."):
        assert why_not_checked(line, KNOWN, lambda word: True) is not None, line
    known = {"pemprov", "jatim", "jawa", "tengah"}.__contains__
    assert why_not_checked("Kabarnya Pemprov Jatim juga akan membuka kelas coding gratis bagi anak-anak ASN.", KNOWN,
                           known) is None
    # a province's name alone after it: the writer's own line (drafts_holdout24)
    assert why_not_checked("Warga Jawa Tengah tentu menunggu bukti bahwa seruan itu tidak berhenti di ruang rapat.",
                           KNOWN, known) is not None


def test_a_letters_bare_bapak_is_its_addressee_unless_the_writer_speaks_to_him(fake_pipeline):
    # an open letter to the governor (drafts_holdout37): "Bapak …" is what he said; the writer's hope
    # and thanks to him are the writer's own
    report = fake_pipeline.check_draft("Yth. Bapak Ahmad Luthfi, Gubernur Jawa Tengah,\n\n"
                                       "Bapak juga menegaskan bahwa jabatan itu amanah. "
                                       "Karena itu, saya berharap Bapak berkenan membuka ruang dialog dengan kami. "
                                       "Terima kasih atas perhatian Bapak.")
    said, hope, thanks = report.sentences[-3:]
    assert said.checked and said.text.startswith("Bapak juga"), said
    assert not hope.checked and not thanks.checked, (hope.reasons, thanks.reasons)
    # without an addressee, a bare "Bapak" names no one
    [alone] = fake_pipeline.check_draft("Bapak juga menegaskan bahwa jabatan itu amanah.").sentences
    assert not alone.checked, alone.reasons
