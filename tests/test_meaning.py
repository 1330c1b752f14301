"""The meaning check's rules and its use of an entailment model (the lexical fake here; the
real model's figures are in the README, measured by `rag eval tests/data/faithfulness.jsonl`)."""

from __future__ import annotations

import pytest

from rag.backends.fakes import LexicalEntailer
from rag.config import MeaningConfig, SupportConfig
from rag.lang import added_modalities, modalities
from rag.meaning import MeaningChecker
from rag.support import backed
from rag.types import MeaningCheck


@pytest.mark.parametrize("text, kinds", [
    ("ASN harus berinovasi.", {"wajib"}),
    ("Tidak boleh ada istilah orang dekat gubernur.", {"larangan"}),
    ("Inisiatif ini tidak perlu menunggu pagu.", {"tidak perlu"}),
    ("Harapannya mereka bisa menjadi change agent.", {"harapan"}),
    ("OPD boleh saja mencoba.", {"boleh"}),
    ("Luthfi meminta ASN berinovasi.", set()),
])
def test_modalities_are_read_by_kind(text, kinds):
    assert set(modalities(text)) == kinds


@pytest.mark.parametrize("sentence, source, added", [
    ("Inisiatif OPD harus menunggu alokasi pagu.", "Inisiatif ini tidak perlu menunggu alokasi pagu.", ["harus"]),
    ("ASN wajib membawa perubahan.", "Harapannya, mereka bisa membawa perubahan.", ["wajib"]),
    ("OPD boleh saja berani.", "Setiap OPD harus memiliki keberanian.", ["boleh saja"]),
    ("ASN dilarang kasak-kusuk.", "Tidak boleh ada ASN yang kasak-kusuk.", []),  # the same prohibition
    ("Evaluasi sebaiknya dilakukan tiap tiga bulan.", "Evaluasi harus dilakukan tiap tiga bulan.", []),  # weaker
    ("Luthfi meminta ASN berinovasi.", "Luthfi meminta ASN berinovasi.", []),
    # a request says what must be done, and asked not to, what may not
    ("ASN harus melayani.", "Khofifah meminta ASN tidak lalai terhadap tugasnya, yaitu melayani.", []),
    ("Kepala OPD dituntut bertanggung jawab.", "Kepala OPD diminta bertanggung jawab penuh.", []),
    ("ASN tidak boleh berpuas diri.", "Itu haruslah menjadi pelecut untuk tidak mudah berpuas diri.", []),
    ("ASN tidak boleh berpuas diri.", "Itu menjadi pelecut untuk tidak mudah berpuas diri.", ["tidak boleh"]),
    ("Luthfi tidak menyarankan OPD menunggu pagu.", "Inisiatif ini tidak perlu menunggu pagu.", []),
    ("ASN tidak perlu sungkan.", "Nggak usah sungkan.", []),
])
def test_a_modality_the_source_lacks_is_found(sentence, source, added):
    assert added_modalities(sentence, source) == added


def test_the_checker_asks_the_model_once_per_pair_and_says_why_in_indonesian():
    entailer = LexicalEntailer()
    checker = MeaningChecker(entailer, MeaningConfig(min_entailment=0.5, modality_rule=True))
    premise = "Inisiatif ini tidak perlu menunggu alokasi pagu anggaran."
    first = checker.check_many([(premise, "Inisiatif ini tidak perlu menunggu alokasi pagu anggaran."),
                                (premise, "Inisiatif OPD harus menunggu alokasi pagu anggaran.")])
    assert first[0].faithful and first[0].entailment == pytest.approx(1.0)
    assert not first[1].faithful and any("“harus”" in r for r in first[1].reasons)
    assert checker.check(premise, "Inisiatif OPD harus menunggu alokasi pagu anggaran.") == first[1]
    assert entailer.calls == 1  # the second question was answered from what the checker kept

    unrelated = checker.check(premise, "Gubernur membuka festival budaya di Semarang.")
    assert not unrelated.faithful and "pemeriksa makna" in unrelated.reasons[0]


def test_without_the_modality_rule_only_the_model_decides():
    pair = ("Inisiatif boleh menunggu alokasi.", "Inisiatif harus menunggu alokasi.")
    without, with_rule = (MeaningChecker(LexicalEntailer(), MeaningConfig(min_entailment=0.5, modality_rule=rule))
                          for rule in (False, True))
    assert without.check(*pair).faithful and not with_rule.check(*pair).faithful


@pytest.mark.parametrize("coverage, contradicted, meaning, expected", [
    (0.9, False, None, True),
    (0.5, False, None, False),                                  # words alone: below min_coverage
    (0.9, True, None, False),                                   # a person, number or negation differs
    (0.5, False, MeaningCheck(True, 0.9, 0.0), True),           # a paraphrase the model accepts
    (0.9, False, MeaningCheck(False, 0.1, 0.8), False),         # every word there, the meaning not
    (0.2, False, MeaningCheck(True, 0.9, 0.0), False),          # too few words even for a paraphrase
    (0.9, True, MeaningCheck(True, 0.9, 0.0), False),
])
def test_the_support_rule(coverage, contradicted, meaning, expected):
    config = SupportConfig(min_coverage=0.6, min_coverage_with_meaning=0.4)
    assert backed(coverage, contradicted, meaning, config) is expected
