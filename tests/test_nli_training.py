"""The entailment adapter: low-rank layers, their merge, training, saving and loading, and the
hard pairs made in code. On a tiny BERT with a word-level tokenizer (no real model: fast lane)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from rag.backends.e5_nli import (E5Entailer, add_adapters, base_model, merge_adapters,  # noqa: E402
                                 read_adapter_metadata)
from rag.config import Settings  # noqa: E402
from rag.errors import InputError  # noqa: E402
from rag.nli_training import (HARD_KINDS, NliPair, _change, hard_pairs, length_batches, read_pairs,  # noqa: E402
                              train_adapter, usable_for_training)

WORDS = ("luthfi khofifah asn meminta menolak berinovasi menunggu juklak tidak harus jabatan amanah profesional "
         "gubernur mengatakan bahwa kerja cepat lambat").split()


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-bert"))


def build_tiny_model(folder: Path) -> Path:
    """A 2-layer BERT of hidden size 32 and a word-level tokenizer that pairs texts as XLM-R does."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    vocab = {token: i for i, token in enumerate(["<s>", "<pad>", "</s>", "<unk>", ".", ","] + list(WORDS))}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Whitespace()])
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    PreTrainedTokenizerFast(tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                            unk_token="<unk>", sep_token="</s>", cls_token="<s>").save_pretrained(folder)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64, pad_token_id=1)
    BertModel(config).save_pretrained(folder)
    return folder


def toy_pairs(n: int, seed: int) -> list[dict]:
    """A task the tiny model can learn: a hypothesis with "tidak" contradicts, one with "harus"
    is neutral, the rest is entailed."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        words = rng.sample(WORDS[:8], 4)  # not "tidak" nor "harus"
        premise = " ".join(words) + " ."
        label = rng.choice("enc")
        hypothesis = {"e": " ".join(words[:3]), "n": "harus " + " ".join(words[:3]),
                      "c": "tidak " + " ".join(words[:3])}[label] + " ."
        rows.append({"premise": premise, "hypothesis": hypothesis, "label": label})
    return rows


@pytest.fixture(scope="module")
def toy_data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("toy-indonli")
    for name, n, seed in (("train.jsonl", 240, 1), ("val.jsonl", 60, 2), ("test_lay.jsonl", 30, 3),
                          ("test_expert.jsonl", 30, 4)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in toy_pairs(n, seed)), encoding="utf-8")
    return folder


def tiny_settings(model_dir: Path, **entailment) -> Settings:
    return Settings().with_(n_threads=1, embedding={"embed_dir": model_dir},
                            entailment={"max_tokens": 32, "batch_size": 8, "lora_rank": 4, "lora_alpha": 8.0,
                                        "learning_rate": 0.01, "epochs": 10.0, "lora_dropout": 0.0,
                                        "train_batch_size": 8,
                                        "hard_pairs_per_kind": 0, **entailment})


def test_merged_adapters_compute_what_the_wrapped_layers_compute(tiny_model_dir):
    """The oracle of the fast path: merging B·A into the base matrix changes no output."""
    model, tokenizer = base_model(tiny_model_dir, 1)
    add_adapters(model, rank=4, alpha=8.0, dropout=0.0)
    torch.manual_seed(1)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if ".lora_b" in name:
                parameter.normal_(std=0.5)  # B starts at zero; make the adapters do something
    model.eval()
    encoded = tokenizer(["luthfi meminta asn berinovasi ."], ["asn tidak berinovasi ."], return_tensors="pt")
    with torch.no_grad():
        wrapped = model(**encoded).logits
        merge_adapters(model)
        merged = model(**encoded).logits
    assert not any(".lora_" in name for name, _ in model.named_parameters())
    assert torch.allclose(wrapped, merged, atol=1e-5), (wrapped, merged)


def test_only_adapters_norms_pooler_and_head_train(tiny_model_dir):
    model, _ = base_model(tiny_model_dir, 1)
    add_adapters(model, rank=4, alpha=8.0, dropout=0.0)
    trainable = {name for name, p in model.named_parameters() if p.requires_grad}
    assert trainable and all(".lora_" in n or "LayerNorm" in n or n.startswith(("bert.pooler", "classifier"))
                             for n in trainable)
    assert "bert.embeddings.word_embeddings.weight" not in trainable
    assert not any(n.endswith("query.base.weight") for n in trainable)


def test_training_learns_saves_and_loads_back(tiny_model_dir, toy_data, tmp_path):
    settings = tiny_settings(tiny_model_dir)
    out = tmp_path / "adapter.safetensors"
    lines = []
    report = train_adapter(settings, toy_data, out, log=lines.append)
    assert out.is_file() and report["val_accuracy"] >= 0.9, report
    metadata = read_adapter_metadata(out)
    assert metadata["val_accuracy"] == report["val_accuracy"] and metadata["lora_rank"] == 4
    assert metadata["labels"] == ["entailment", "neutral", "contradiction"] and any("val accuracy" in l for l in lines)

    entailer = E5Entailer(settings.with_(entailment={"adapter_path": out}))
    pairs = [(r["premise"], r["hypothesis"]) for r in toy_pairs(40, 9)]
    probabilities = entailer.probabilities(pairs)
    assert probabilities.shape == (40, 3) and np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-4)
    right = sum(int(row.argmax() == "enc".index(r["label"])) for row, r in zip(probabilities, toy_pairs(40, 9)))
    assert right >= 36  # the file holds what was learnt (fp16 weights, merged at load)
    assert entailer.probabilities([]).shape == (0, 3)


def test_a_missing_or_foreign_adapter_is_a_clear_error(tiny_model_dir, tmp_path):
    from rag.errors import ModelError

    missing = E5Entailer(tiny_settings(tiny_model_dir, adapter_path=tmp_path / "none.safetensors"))
    with pytest.raises(ModelError, match="rag train-nli"):
        missing.probabilities([("a", "b")])
    foreign = tmp_path / "foreign.safetensors"
    from safetensors.torch import save_file

    save_file({"x": torch.zeros(2)}, str(foreign), metadata={"rag": json.dumps({"lora_rank": 4, "lora_alpha": 8})})
    with pytest.raises(ModelError, match="does not fit"):
        E5Entailer(tiny_settings(tiny_model_dir, adapter_path=foreign)).probabilities([("a", "b")])


def test_bad_training_data_is_refused_with_the_line(tmp_path):
    bad = tmp_path / "train.jsonl"
    bad.write_text('{"premise": "a", "hypothesis": "b", "label": "e"}\n{"premise": "a", "label": "x"}\n')
    with pytest.raises(InputError, match="line 2"):
        read_pairs(bad)
    with pytest.raises(InputError, match="IndoNLI folder"):
        read_pairs(tmp_path / "missing.jsonl")


def test_batches_cover_every_pair_once():
    pairs = [NliPair("p" * i, "h", 0) for i in range(100)]
    batches = length_batches(pairs, 16, random.Random(0), bucket=3)
    assert sorted(len(p.premise) for b in batches for p in b) == list(range(100))


SENTENCE = "Gubernur Ahmad Luthfi meminta Budi Santoso menyerahkan 35 laporan kinerja yang besar."


@pytest.mark.parametrize("kind, expected, label", [
    ("copy", SENTENCE, "e"),
    ("actor", "Gubernur Budi Santoso meminta Ahmad Luthfi menyerahkan", "c"),
    ("negation", "Luthfi tidak meminta", "c"),
    ("opposite", "laporan kinerja yang kecil.", "c"),
    ("modality", "Luthfi harus meminta|Luthfi wajib meminta|Luthfi tidak perlu meminta|Luthfi boleh meminta", "n"),
])
def test_each_hard_change_does_what_it_says(kind, expected, label):
    changed = _change(SENTENCE, kind, random.Random(0))
    assert changed is not None and changed[1] == label
    assert any(option in changed[0] for option in expected.split("|")), changed


def test_a_changed_number_is_another_number():
    changed, label = _change(SENTENCE, "number", random.Random(0))
    assert label == "c" and "35" not in changed and changed != SENTENCE


def test_list_members_are_not_swapped_as_actors():
    assert _change("Ia bertemu Ahmad Luthfi dan Taj Yasin di Semarang hari ini.", "actor", random.Random(0)) is None


def test_hard_pairs_use_only_the_training_half_and_never_held_out_passages(tmp_path):
    rows = [{"id": f"tydi-{i}", "text": f"Kota Semarang meminta Dinas Pendidikan Jawa Tengah menambah {i} sekolah "
                                      f"baru tahun ini. Gubernur Ahmad Luthfi mengatakan pembangunan akan cepat."}
            for i in range(200)]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    usable = {r["id"] for r in rows if usable_for_training(r["id"])}
    assert 60 < len(usable) < 140  # about half, fixed by the id
    held_out = set(sorted(usable)[:20])
    pairs = hard_pairs(corpus, per_kind=5, seed=0, exclude=held_out)
    allowed = {r["text"] for r in rows if r["id"] in usable - held_out}
    assert pairs and all(any(p.premise in text for text in allowed) for p in pairs)
    assert len(pairs) <= 5 * len(HARD_KINDS)
    assert hard_pairs(corpus, per_kind=5, seed=0, exclude=held_out) == pairs  # deterministic


# ----------------------------------------------------------------------------- the shipped adapter (slow)

SHIPPED_PAIRS = [  # (premise, hypothesis, entailed?): a near copy, a changed year, a negated modality
    ("Mayapada Group adalah konglomerat berbasis di Indonesia yang didirikan oleh Tahir pada tahun 1986.",
     "Mayapada Group didirikan oleh Tahir pada tahun 1986.", True),
    ("Mayapada Group adalah konglomerat berbasis di Indonesia yang didirikan oleh Tahir pada tahun 1986.",
     "Mayapada Group didirikan oleh Tahir pada tahun 1996.", False),
    ("Evaluasi kinerja ASN juga harus dilakukan secara berkala, maksimal setiap tiga bulan, untuk memastikan "
     "progres dan perbaikan.", "Evaluasi kinerja ASN tidak perlu dilakukan secara berkala.", False),
]


def assert_built_by(metadata: dict, recipe) -> None:
    """The adapter's metadata says it was trained to the end by ``recipe`` (a settings section),
    so the training command rebuilds it."""
    for key in ("lora_rank", "lora_alpha", "lora_dropout", "learning_rate", "warmup_share", "weight_decay",
                "train_batch_size", "max_tokens", "seed"):
        assert metadata[key] == getattr(recipe, key), key
    assert metadata["epochs_planned"] == recipe.epochs and metadata["steps"] == metadata["steps_planned"]


@pytest.mark.slow
def test_the_shipped_adapter_is_what_rag_train_nli_builds_and_reads_these_pairs():
    """The adapters in rag/data were written by `rag train-nli` with today's default recipe (so
    the command rebuilds them): the first stage reached 0.73 on IndoNLI val; the second started
    from it, on the labelled sets the settings name, and still reaches 0.70 there; the one the
    checks load separates a copy from a changed fact."""
    import dataclasses

    from rag.backends.e5_nli import DEFAULT_ADAPTER, INDONLI_ADAPTER
    from rag.backends.weights import sha256_file

    settings = Settings()
    config = settings.entailment
    first = read_adapter_metadata(INDONLI_ADAPTER)
    assert_built_by(first, config)
    assert first["hard_pairs"] == 7 * config.hard_pairs_per_kind and first["val_accuracy"] >= 0.72
    metadata = read_adapter_metadata(DEFAULT_ADAPTER)
    assert_built_by(metadata, dataclasses.replace(config, learning_rate=config.domain_learning_rate,
                                                  epochs=config.domain_epochs))
    assert metadata["stage"] == "domain" and metadata["start_sha256"] == sha256_file(INDONLI_ADAPTER)
    assert tuple(metadata["domain_sets"]) == config.domain_sets and metadata["val_accuracy"] >= 0.70
    assert metadata["replay_pairs"] == config.domain_replay_pairs
    probabilities = E5Entailer(settings).probabilities([(p, h) for p, h, _ in SHIPPED_PAIRS])
    for row, (_, hypothesis, entailed) in zip(probabilities, SHIPPED_PAIRS):
        assert bool(row[0] > 0.5) is entailed, (hypothesis, row)


def _seed_sentence(retriever, at: int) -> tuple[str, str]:
    """An article sentence of the index and the one before it."""
    index = retriever.index
    doc_id = sorted(index.documents)[0]
    spans = index.sentences_of(doc_id)
    text = index.documents[doc_id].text
    return text[spans[at][0]:spans[at][1]], text[spans[at - 1][0]:spans[at - 1][1]]


def test_domain_pairs_read_each_claim_against_the_sentence_its_label_names(fake_index_dir):
    from rag.nli_training import domain_pairs
    from rag.pipeline import Pipeline
    from conftest import fake_settings

    retriever = Pipeline(fake_settings(fake_index_dir)).retriever
    sentence, before = _seed_sentence(retriever, 3)
    rows = [{"claim": "klaim benar", "verdict": "didukung", "evidence": sentence[5:60]},
            {"claim": "klaim dibalik", "verdict": "bertentangan", "evidence": sentence},
            {"claim": "Luthfi meresmikan jalan tol", "verdict": "tidak ditemukan", "evidence": ""},
            {"claim": "dari mana?", "verdict": "bertentangan", "evidence": "kalimat yang tidak ada"},
            {"sentences": [
                {"text": "Judul", "kind": "tidak_diperiksa", "checked": False, "verdict": None, "source": None},
                {"text": "“kutipan”", "kind": "kutipan_diubah", "checked": True, "verdict": "bertentangan",
                 "source": sentence},
                {"text": "parafrase", "kind": "benar_parafrase", "checked": True, "verdict": "didukung",
                 "source": sentence}]}]
    pairs, unplaced = domain_pairs(retriever, rows, attribution_sentences=1)
    assert unplaced == 1  # the claim whose sentence is not in the articles
    assert [(p.hypothesis, p.label) for p in pairs] == [
        ("klaim benar", 0), ("klaim dibalik", 2), ("Luthfi meresmikan jalan tol", 1), ("parafrase", 0)]
    for pair in (pairs[0], pairs[1], pairs[3]):
        assert pair.premise.endswith(sentence) and before in pair.premise  # read with the sentence before
    assert pairs[2].premise  # an absent claim against the sentence most like it


def test_the_domain_stage_starts_from_the_first_and_records_what_it_read(tiny_model_dir, toy_data, tmp_path,
                                                                          fake_index_dir):
    from rag.nli_training import train_domain_adapter
    from rag.pipeline import Pipeline
    from rag.backends.weights import sha256_file
    from conftest import fake_settings

    retriever = Pipeline(fake_settings(fake_index_dir)).retriever
    sentence, _ = _seed_sentence(retriever, 3)
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "mine.jsonl").write_text("".join(json.dumps(row) + "\n" for row in (
        {"claim": "asn meminta", "verdict": "didukung", "evidence": sentence},
        {"claim": "asn tidak meminta", "verdict": "bertentangan", "evidence": sentence},
        {"claim": "asn menolak", "verdict": "bertentangan", "evidence": sentence})), encoding="utf-8")
    settings = tiny_settings(tiny_model_dir, domain_sets=("mine",), domain_replay_pairs=16, domain_epochs=1.0)
    first = tmp_path / "first.safetensors"
    train_adapter(settings, toy_data, first, log=lambda _: None)
    out = tmp_path / "second.safetensors"
    lines = []
    report = train_domain_adapter(settings, retriever, sets, toy_data, first, out, log=lines.append)
    metadata = read_adapter_metadata(out)
    assert metadata["start_sha256"] == sha256_file(first) and metadata["domain_sets"] == ["mine"]
    assert (metadata["domain_pairs"], metadata["domain_pairs_balanced"], metadata["replay_pairs"]) == (3, 4, 16)
    assert report["val_accuracy"] >= 0.8  # it started from the first stage: the toy task is still known
    assert any("3 pairs from 1 labelled sets" in line for line in lines)
    with pytest.raises(InputError, match="stage indonli"):
        train_domain_adapter(settings, retriever, sets, toy_data, tmp_path / "none.safetensors", out)
    (sets / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no labelled claim"):
        train_domain_adapter(settings.with_(entailment={"domain_sets": ("empty",)}), retriever, sets, toy_data,
                             first, out)
