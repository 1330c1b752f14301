"""Latihan (rag/latihan.py, rag/latihan_export.py): the bank file, grading typed answers, the
exports parsed back. Grading runs on the fake pipeline's index (the seed articles); building a
bank asks the real pipeline, so those tests are slow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from rag.errors import InputError
from rag.lang import number_values, number_words
from rag.latihan import Grader, item_from_dict, read_bank, write_bank
from rag.latihan_export import export, read_gift, read_moodle_xml, short_answers
from rag.types import GRADES, JENIS

BANK = Path(__file__).parent / "data" / "latihan_bank.jsonl"


def _item(**changes) -> dict:
    row = {"id": "x1", "jenis": "isian", "pertanyaan": "Berapa kabupaten/kota yang dikelilingi program Ngopeni "
           "Nglakoni?", "jawaban": "35",
           "sumber": {"doc_id": "d", "title": "t", "text": "… harus berkeliling 35 kabupaten dan kota di Jateng …",
                      "start": 0, "end": 10}}
    row.update(changes)
    return row


# ----------------------------------------------------------------------------- the bank file


def test_the_committed_bank_reads_without_errors_and_has_every_kind():
    items, errors = read_bank(BANK)
    assert not errors and len(items) >= 50
    assert {i.jenis for i in items} == set(JENIS)
    for item in items:
        assert item.sumber["text"] and item.sumber["kalimat"] in item.sumber["text"]
        if item.jenis == "pilihan_ganda":
            assert len(item.pilihan) == 4 and item.jawaban in item.pilihan
        if item.jenis == "benar_salah" and item.jawaban == "salah":
            assert item.alasan


@pytest.mark.parametrize("changes, message", [
    ({"jenis": "esai"}, "jenis 'esai' is not one of"),
    ({"jawaban": ""}, "missing jawaban"),
    ({"sumber": {"doc_id": "d"}}, "the passage in \"text\""),
    ({"jenis": "pilihan_ganda", "pilihan": ["a", "b", "c"]}, "four different options"),
    ({"jenis": "pilihan_ganda", "pilihan": ["30", "31", "32", "33"]}, "not one of the options"),
    ({"jenis": "benar_salah", "jawaban": "mungkin"}, 'jawaban "benar" or "salah"'),
])
def test_a_bad_bank_line_is_refused_with_the_reason(changes, message):
    with pytest.raises(InputError, match=message):
        item_from_dict(_item(**changes))


def test_reading_a_bank_names_each_bad_line_and_keeps_the_good_ones(tmp_path):
    path = tmp_path / "bank.jsonl"
    path.write_text("\n".join([json.dumps(_item()), "{not json", json.dumps(_item(jenis="esai", id="x2")),
                               json.dumps(_item())]) + "\n", encoding="utf-8")
    items, errors = read_bank(path)
    assert [i.id for i in items] == ["x1"]
    assert errors[0].startswith("line 2: not JSON") and errors[1].startswith("line 3: jenis")
    assert errors[2] == "line 4: the id 'x1' is used twice"


def test_a_bank_written_by_hand_round_trips(tmp_path):
    item = item_from_dict(_item())
    write_bank(tmp_path / "b.jsonl", [item])
    assert read_bank(tmp_path / "b.jsonl") == ([item], [])


# ----------------------------------------------------------------------------- grading


@pytest.fixture(scope="module")
def grader(fake_index_dir):
    from conftest import fake_settings
    from rag.pipeline import Pipeline

    return Grader(Pipeline(fake_settings(fake_index_dir)).index)


@pytest.mark.parametrize("answer, verdict", [
    ("35", "benar"), ("tiga puluh lima", "benar"), ("35 kabupaten/kota", "benar"), ("Tiga Puluh Lima kab", "benar"),
    ("30", "salah"), ("dua puluh lima", "salah"), ("", "tidak menjawab"), ("tidak tahu", "tidak menjawab"),
    ("banyak sekali", "salah"),
])
def test_numbers_in_words_or_digits(grader, answer, verdict):
    grade = grader.grade(item_from_dict(_item()), answer)
    assert grade.verdict == verdict, grade.feedback
    assert grade.verdict in GRADES and grade.evidence["doc_id"] == "d"


@pytest.mark.parametrize("key, answer, verdict", [
    ("Ahmad Luthfi", "Luthfi", "benar"), ("Ahmad Luthfi", "pak lutfi", "benar"),
    ("Khofifah Indar Parawansa", "Kofifah", "benar"), ("Ahmad Luthfi", "Khofifah", "salah"),
    ("Nawa Bhakti Satya", "nawa bakti satya", "benar"), ("Nawa Bhakti Satya", "nawa bhakti", "sebagian"),
    ("Apple Developer Academy", "akademi polisi", "salah"),
])
def test_names_with_case_affixes_and_small_typos(grader, key, answer, verdict):
    grade = grader.grade(item_from_dict(_item(jawaban=key)), answer)
    assert grade.verdict == verdict, grade.feedback


@pytest.mark.parametrize("key, answer, verdict", [
    ("benar", "Benar", "benar"), ("benar", "b", "benar"), ("salah", "salah", "benar"), ("salah", "benar", "salah"),
    ("salah", "tidak benar", "benar"), ("benar", "mungkin", "tidak menjawab"),
])
def test_true_or_false(grader, key, answer, verdict):
    item = item_from_dict(_item(jenis="benar_salah", jawaban=key, alasan="Angkanya diubah." if key == "salah" else None))
    assert grader.grade(item, answer).verdict == verdict


@pytest.mark.parametrize("answer, verdict", [
    ("b", "benar"), ("B.", "benar"), ("Ahmad Luthfi", "benar"), ("ahmad lutfi", "benar"), ("a", "salah"),
    ("Emil", "salah"),
])
def test_multiple_choice_by_letter_or_text(grader, answer, verdict):
    options = ["Emil Elestianto Dardak", "Ahmad Luthfi", "Akmal Malik", "Taj Yasin Maimoen"]
    item = item_from_dict(_item(jenis="pilihan_ganda", jawaban="Ahmad Luthfi", pilihan=options))
    assert grader.grade(item, answer).verdict == verdict


def test_an_answer_too_long_is_refused(grader):
    with pytest.raises(InputError, match="limit is"):
        grader.grade(item_from_dict(_item()), "kata " * 2000)


# ----------------------------------------------------------------------------- exports


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_number_words_read_back_as_the_number(value):
    assert number_values(number_words(value)) == {str(value)}


def test_exports_parse_back_with_every_question_answer_and_feedback():
    items, _ = read_bank(BANK)
    moodle = read_moodle_xml(export(items, "moodle-xml"))
    gift = read_gift(export(items, "gift"))
    assert [q["name"] for q in moodle] == [q["name"] for q in gift] == [i.id for i in items]
    kinds = {"pilihan_ganda": "multichoice", "benar_salah": "truefalse", "isian": "shortanswer", "apa_kata": "essay"}
    for item, xml_q, gift_q in zip(items, moodle, gift):
        assert xml_q["type"] == gift_q["type"] == kinds[item.jenis]
        assert xml_q["text"] == item.pertanyaan and gift_q["text"] == " ".join(item.pertanyaan.split())
        assert item.sumber["kalimat"].split()[0] in xml_q["feedback"] and xml_q["feedback"] == gift_q["feedback"]
        if item.jenis == "pilihan_ganda":
            assert [a for a, f, _ in xml_q["answers"] if f == 100] == [a for a, right, _ in gift_q["answers"] if right] \
                == [item.jawaban]
            assert sorted(a for a, _, _ in xml_q["answers"]) == sorted(item.pilihan)
            assert all(feedback for _, _, feedback in xml_q["answers"] + gift_q["answers"])
        elif item.jenis == "benar_salah":
            truth = "true" if item.jawaban == "benar" else "false"
            assert [a for a, f, _ in xml_q["answers"] if f == 100] == [truth] == [gift_q["answers"][0][0]]
        elif item.jenis == "isian":
            assert [a for a, _, _ in xml_q["answers"]] == [a for a, _, _ in gift_q["answers"]] == short_answers(item)
        else:
            assert item.jawaban in xml_q["graderinfo"] and gift_q["answers"] == []
    csv_text = export(items, "csv")
    assert csv_text.count("\n") >= len(items) + 1 and csv_text.startswith("id,jenis,pertanyaan,jawaban")


def test_gift_escapes_its_special_characters():
    item = item_from_dict(_item(pertanyaan="Rasio {a} = b: #1 ~ dua?", jawaban="35"))
    [question] = read_gift(export([item], "gift"))
    assert question["text"] == "Rasio {a} = b: #1 ~ dua?" and question["answers"][0][0] == "35"
    assert short_answers(item) == ["35", "tiga puluh lima"]


# ----------------------------------------------------------------------------- building (real models)


@pytest.fixture(scope="module")
def built(seed_index_dir):
    from rag.config import Settings
    from rag.latihan import BankBuilder
    from rag.pipeline import Pipeline

    pipeline = Pipeline(Settings().with_(index_dir=seed_index_dir))
    return pipeline, BankBuilder(pipeline).build()


def test_a_bank_built_from_the_seeds_has_every_kind_each_item_validated(built):
    pipeline, (items, stats) = built
    # apa_kata needs the article to name what the words are about ("pentingnya koordinasi …"):
    # one of the seeds' quotations does
    assert len(items) >= 50 and all(stats["per_kind"][kind] >= 1 for kind in JENIS), stats
    assert stats["kept"] == len(items) and stats["made"] >= len(items) + sum(stats["dropped"].values())
    documents = pipeline.index.documents
    for item in items:
        sumber = item.sumber
        assert documents[sumber["doc_id"]].text[sumber["start"]:sumber["end"]] == sumber["kalimat"]
        hits = pipeline.retriever.search(item.pertanyaan, k=3)
        assert any(h.chunk.doc_id == sumber["doc_id"] and h.chunk.start <= sumber["start"] < h.chunk.end
                   for h in hits), item.pertanyaan


def test_the_committed_bank_is_what_the_builder_makes(built):
    """tests/data/latihan_bank.jsonl is `rag latihan build` on the seeds (rebuild it after a change)."""
    _, (items, _) = built
    committed, _ = read_bank(BANK)
    assert [i.to_dict() for i in items] == [i.to_dict() for i in committed]


def test_latihan_commands(capsys, seed_index_dir, tmp_path):
    from rag.cli import main

    bank = tmp_path / "bank.jsonl"
    assert main(["--index-dir", str(seed_index_dir), "latihan", "build", "--out", str(bank), "--n", "12",
                 "--jenis", "isian,pilihan_ganda"]) == 0
    items, errors = read_bank(bank)
    assert len(items) == 12 and not errors and {i.jenis for i in items} == {"isian", "pilihan_ganda"}
    capsys.readouterr()
    item = next(i for i in items if i.jenis == "pilihan_ganda")
    assert main(["--index-dir", str(seed_index_dir), "latihan", "nilai", "--bank", str(bank), "--id", item.id,
                 item.jawaban, "--json"]) == 0
    graded = json.loads(capsys.readouterr().out)
    assert graded["verdict"] == "benar" and set(graded) == {"id", "verdict", "feedback", "evidence"}
    assert set(graded["evidence"]) == {"doc_id", "text", "start", "end"}
    for fmt in ("moodle-xml", "gift", "csv"):
        assert main(["--index-dir", str(seed_index_dir), "latihan", "export", str(bank), "--format", fmt,
                     "--out", str(tmp_path / f"bank.{fmt}")]) == 0
    edited = tmp_path / "edited.jsonl"
    edited.write_text(bank.read_text(encoding="utf-8") + '{"id": "baru", "jenis": "isian"}\n', encoding="utf-8")
    assert main(["--index-dir", str(seed_index_dir), "latihan", "import", str(edited)]) == 1
    assert "missing pertanyaan, jawaban, sumber" in capsys.readouterr().err


def test_with_the_meaning_check_on_an_open_answer_must_mean_what_the_speaker_said(fake_index_dir):
    """The answers' meaning check (here on the lexical fake entailer): words of the key that say
    the opposite are no right answer; without it the same answer holds enough words to be benar."""
    from conftest import fake_settings
    from rag.backends.fakes import LexicalEntailer
    from rag.config import MeaningConfig
    from rag.meaning import MeaningChecker
    from rag.pipeline import Pipeline

    index = Pipeline(fake_settings(fake_index_dir)).index
    item = item_from_dict(_item(jenis="apa_kata", pertanyaan="Apa kata Yasin soal koordinasi?",
                                jawaban="Saling koordinasi. Ini sudah sering saya lakukan, nggak usah sungkan."))
    answer = "saling koordinasi sudah sering dilakukan, harus sungkan"
    assert Grader(index).grade(item, answer).verdict == "benar"
    checked = Grader(index, meaning=MeaningChecker(LexicalEntailer(), MeaningConfig(min_entailment=0.5)))
    grade = checked.grade(item, answer)
    assert grade.verdict in ("sebagian", "salah") and "maknanya berbeda" in grade.feedback
    assert checked.grade(item, "saling koordinasi, sudah sering saya lakukan, nggak usah sungkan").verdict == "benar"
