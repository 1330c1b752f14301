"""The pipeline end to end on the fake backends (hashing embedder, in-memory vector index,
scripted generator): the stages in order, the answer policy, the two-stage API. The same
pipeline with the real models is tested in test_answer.py (slow)."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS, fake_settings
from rag.backends.fakes import ScriptedGenerator
from rag.config import Settings
from rag.errors import InputError
from rag.pipeline import Pipeline, check_question
from rag.types import ABSTAIN_TEXT, NEAREST_HEADING, NO_SYNTHESIS_TEXT, SYNTHESIS_HEADING

QUESTION = "Apa kata Luthfi soal jual beli jabatan?"


def pipeline_with(fake_index_dir, reply=None, **changes) -> Pipeline:
    return Pipeline(fake_settings(fake_index_dir, **changes), generator=ScriptedGenerator(reply=reply))


def test_answer_is_quotes_then_a_checked_cited_synthesis(fake_pipeline):
    answer = fake_pipeline.ask(QUESTION)
    assert not answer.abstained and answer.quotes and "jual beli jabatan" in answer.quotes[0].text
    assert answer.answer.startswith("Kutipan:\n[1] ") and f"\n\n{SYNTHESIS_HEADING} " in answer.answer
    assert answer.synthesis and all(s.supported for s in answer.sentences)
    for citation in answer.citations:  # each [n] opens a passage that holds its quote
        document = fake_pipeline.index.documents[citation.doc_id]
        assert document.text[citation.start:citation.end] == citation.text
        assert citation.quote == document.text[citation.quote_start:citation.quote_end]
        assert citation.start <= citation.quote_start and citation.quote_end <= citation.end
    assert json.loads(json.dumps(answer.to_dict()))["citations"]


def test_stream_order_quotes_before_tokens(fake_pipeline):
    kinds = [event.kind for event in fake_pipeline.ask_stream(QUESTION)]
    assert kinds[:3] == ["status", "quotes", "status"] and kinds[-1] == "done"
    assert kinds.index("quotes") < kinds.index("token")


def test_quotes_alone_without_the_llm(fake_index_dir):
    def no_llm(messages):
        raise AssertionError("the LLM was called")

    pipeline = pipeline_with(fake_index_dir, reply=no_llm)
    answer = pipeline.ask(QUESTION, synthesize=False)
    assert answer.quotes and not answer.synthesis and answer.answer.startswith("Kutipan:")
    assert pipeline.ask("Siapa juara piala dunia 2022?").answer == ABSTAIN_TEXT  # not found: no LLM either


def test_prompt_holds_the_quotes_as_fenced_data(fake_index_dir):
    pipeline = pipeline_with(fake_index_dir, reply="Jabatan itu amanah [1].")
    answer = pipeline.ask(QUESTION)
    [messages] = pipeline.generator.calls
    assert messages[-1]["content"].startswith("<kutipan>\n[1] ") and QUESTION in messages[-1]["content"]
    assert answer.model_text == "Jabatan itu amanah [1]."


@pytest.mark.parametrize("mode, kept", [("drop", 1), ("mark", 2)])
def test_unsupported_sentence_is_dropped_or_marked(fake_index_dir, mode, kept):
    reply = ("Luthfi menegaskan soal jual beli jabatan [1]. "
             "Luthfi menaikkan gaji ASN sebesar 10 persen untuk program baru [1].")
    answer = pipeline_with(fake_index_dir, reply=reply, support={"unsupported_sentences": mode}).ask(QUESTION)
    assert len(answer.sentences) == kept and answer.sentences[0].supported
    assert ("gaji" in answer.answer) == (mode == "mark")
    assert answer.timings["verify_s"] >= 0 and answer.model_text == reply


def test_synthesis_the_quotes_do_not_back_becomes_not_found(fake_index_dir):
    reply = "Khofifah membuka 40 sekolah baru di Madura [1]. Emil meresmikan jalan tol [2]."
    answer = pipeline_with(fake_index_dir, reply=reply).ask(QUESTION)
    assert answer.abstained and answer.answer.startswith(ABSTAIN_TEXT) and NEAREST_HEADING in answer.answer
    assert not answer.citations and not answer.synthesis and answer.quotes
    kept = pipeline_with(fake_index_dir, reply=reply, support={"abstain_when_unbacked": False}).ask(QUESTION)
    assert not kept.abstained and not kept.synthesis and kept.citations  # both dropped; the quotes stand


def test_uncited_sentence_gets_the_quote_that_backs_it(fake_index_dir):
    answer = pipeline_with(fake_index_dir, reply="Luthfi menegaskan soal jual beli jabatan.").ask(QUESTION)
    assert answer.sentences and answer.sentences[0].citations and "[" in answer.synthesis


def test_second_stage_reads_the_index_of_the_first_even_after_a_reload(tmp_path, fake_embedder):
    """An upload between the quotes and the synthesis replaces the index; the answer's
    citations still point into the version its quotes came from."""
    import shutil

    from rag.indexer import build_index

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = fake_settings(tmp_path / "index")
    build_index([corpus], settings, fake_embedder)
    pipeline = Pipeline(settings)
    answer = pipeline.find_evidence(QUESTION)
    first = answer.index
    (corpus / "baru.txt").write_text("Berita Baru\n\nSemarang – Warga menanam seribu pohon di Semarang hari ini, "
                                     "kata panitia kegiatan itu kepada wartawan.", encoding="utf-8")
    build_index([corpus], settings, fake_embedder)
    pipeline.reload()
    assert pipeline.index is not first
    done = list(pipeline.write_stream(answer))[-1].answer
    assert done.index is first and done.citations
    assert all(first.documents[c.doc_id].text[c.start:c.end] == c.text for c in done.citations)


def test_claims_on_the_fakes(fake_pipeline):
    supported = fake_pipeline.check_claim("Luthfi menegaskan soal jual beli jabatan beberapa kali.")
    assert supported.verdict == "didukung" and supported.evidence
    wrong_number = fake_pipeline.check_claim(
        "Ahmad Luthfi memiliki program Ngopeni Nglakoni yang harus berkeliling 53 kabupaten dan kota di Jateng.")
    assert wrong_number.verdict == "bertentangan" and any("53" in r for r in wrong_number.reasons)
    absent = fake_pipeline.check_claim("Gubernur meresmikan stadion sepak bola baru di pulau terpencil.")
    assert absent.verdict == "tidak ditemukan"


class ScoredEntailer:
    """An entailer that answers with given P(entailment) per hypothesis (the rest: neutral)."""

    model_id = "scored"

    def __init__(self, entailment_of):
        self.entailment_of = entailment_of
        self.pairs = []

    def probabilities(self, pairs):
        import numpy as np

        self.pairs += pairs
        rows = [[p, 1 - p, 0.0] for p in (self.entailment_of(h) for _, h in pairs)]
        return np.array(rows, dtype=np.float32).reshape(len(pairs), 3)


def test_claims_with_the_meaning_check(fake_index_dir):
    """The same words in another meaning: the claim is "bertentangan", with the model's reason;
    an entailed claim stays "didukung"; the claim reaches the model with its speaker as a clause."""
    entailer = ScoredEntailer(lambda h: 0.05 if "memuji" in h else 0.95)
    pipeline = Pipeline(fake_settings(fake_index_dir, meaning={"enabled": True, "min_entailment": 0.5}),
                        generator=ScriptedGenerator(), entailer=entailer)
    supported = pipeline.check_claim("Luthfi menegaskan soal jual beli jabatan beberapa kali.")
    assert supported.verdict == "didukung" and supported.scores["entailment"] == pytest.approx(0.95)
    turned = pipeline.check_claim("Luthfi: khusus soal jual beli jabatan, Gubernur Jateng Ahmad Luthfi memuji beberapa kali.")
    assert turned.verdict == "bertentangan" and turned.evidence
    assert any("tidak menyatakan klaim ini" in r for r in turned.reasons)
    assert any(h.startswith("Luthfi mengatakan ") for _, h in entailer.pairs)


@pytest.mark.parametrize("contradiction, verdict", [(0.9, "bertentangan"), (0.5, "tidak ditemukan")])
def test_a_near_claim_the_model_reads_as_the_opposite_is_bertentangan(fake_index_dir, contradiction, verdict):
    """A claim near a passage but not found (half its words): the entailment model's
    P(contradiction) at or above claims.min_contradiction turns "tidak ditemukan" into
    "bertentangan", with the model's reason and the passage; a claim that is found is not read."""
    import numpy as np

    class Contradicting:
        def __init__(self):
            self.pairs = []

        def probabilities(self, pairs):
            self.pairs += pairs
            return np.array([[0.05, 0.95 - contradiction, contradiction] for _ in pairs], dtype=np.float32)

    entailer = Contradicting()
    pipeline = Pipeline(fake_settings(fake_index_dir, claims={"min_contradiction": 0.7}),
                        generator=ScriptedGenerator(), entailer=entailer)
    near = pipeline.check_claim("Gubernur Luthfi menilai ASN yang kasak-kusuk mencari jabatan patut diberi "
                                "penghargaan.")
    assert near.verdict == verdict and near.scores["contradiction"] == pytest.approx(contradiction)
    assert bool(near.evidence) is (verdict == "bertentangan")
    assert any("Pemeriksa makna" in r for r in near.reasons) is (verdict == "bertentangan")
    read = len(entailer.pairs)
    assert pipeline.check_claim("Luthfi: jabatan itu amanah").verdict == "didukung" and len(entailer.pairs) == read


def test_answers_with_the_meaning_check_drop_what_the_model_does_not_entail(fake_index_dir):
    entailer = ScoredEntailer(lambda h: 0.05)
    pipeline = Pipeline(fake_settings(fake_index_dir, meaning={"enabled": True, "min_entailment": 0.5}),
                        generator=ScriptedGenerator(), entailer=entailer)
    answer = pipeline.ask(QUESTION)
    assert entailer.pairs and not answer.synthesis and not answer.abstained
    assert answer.synthesis_withheld and answer.answer.endswith(NO_SYNTHESIS_TEXT)
    assert answer.sentences and all(not s.supported for s in answer.sentences)
    assert any("pemeriksa makna" in r for s in answer.sentences for r in s.reasons)
    assert answer.citations and answer.to_dict()["synthesis_withheld"] is True


@pytest.mark.parametrize("question, code", [("", "empty"), ("   ", "empty"), ("?!…", "no_words"),
                                            ("kata " * 400, "too_long")])
def test_bad_questions_are_refused_with_a_code(question, code):
    with pytest.raises(InputError) as error:
        check_question(question, Settings())
    assert error.value.code == code


def test_warm_up_loads_what_an_answer_needs(fake_pipeline):
    fake_pipeline.warm_up()
    assert fake_pipeline.retriever.lexical is not None and fake_pipeline.index.idf


def test_quotes_are_the_same_with_sentence_vectors_embedded_at_question_time(tmp_path, fake_embedder, fake_index_dir):
    """An index too large for precomputed sentence vectors embeds the candidates when asked:
    the same quotes as the precomputed ones give (oracle)."""
    from rag.indexer import build_index

    settings = fake_settings(tmp_path / "index", index={"sentence_vectors_max": 0})
    build_index([SEEDS], settings, fake_embedder)
    bare, precomputed = Pipeline(settings), Pipeline(fake_settings(fake_index_dir))
    assert bare.index.sentence_vectors is None and precomputed.index.sentence_vectors is not None
    for question in (QUESTION, "Berapa kabupaten yang dikelilingi lewat program Ngopeni Nglakoni?"):
        expected = [(q.doc_id, q.start, q.end) for q in precomputed.find_evidence(question).quotes]
        assert [(q.doc_id, q.start, q.end) for q in bare.find_evidence(question).quotes] == expected


def test_copy_synthesis_sends_a_grammar_of_the_quotes_own_clauses(fake_index_dir):
    pipeline = pipeline_with(fake_index_dir, generation={"synthesis": "copy"})
    answer = pipeline.ask(QUESTION)
    generator = pipeline.generator
    grammar, prompt = generator.grammars[-1], generator.calls[-1]
    assert grammar and grammar.startswith("root ::= sentence")
    first_clause = answer.quotes[0].text.strip("“”\" ").split(",")[0]
    assert f'"{first_clause}' in grammar or f'"{first_clause[:1].upper()}{first_clause[1:]}' in grammar
    assert all(f'" [{q.n}]."' in grammar for q in answer.quotes)
    assert "kata demi kata" in prompt[0]["content"] and "mengatakan bahwa" in prompt[2]["content"]

    free = pipeline_with(fake_index_dir, generation={"synthesis": "free"})
    free.ask(QUESTION)
    assert free.generator.grammars == [None] and "kata demi kata" not in free.generator.calls[-1][0]["content"]
