"""`rag train-nli`: fine-tune the entailment adapter (rag/backends/e5_nli.py) on IndoNLI, then
on the labelled claims and drafts about the seeds (the second stage, ``train_domain_adapter``).

IndoNLI (Mahendra et al., EMNLP 2021; ``../shared/data/indonli``) holds 10,330 human-written
training pairs; ``val.jsonl`` is where the recipe may be tuned, ``test_lay.jsonl`` and
``test_expert.jsonl`` are reported once (``rag train-nli --test``). Training runs on the CPU:
batches of similar length (less padding), AdamW with a linear warm-up and decay, gradients
clipped at 1. The result is one small file (the adapter plus the recipe and the accuracy it
reached), written atomically, so an interrupted run leaves the previous adapter in place.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rag.backends.e5_nli import (DEFAULT_ADAPTER, INDONLI_ADAPTER, LABELS, E5Entailer, add_adapters, base_model,
                                 base_model_dir, load_adapter, predict, read_adapter_metadata, save_adapter)
from rag.backends.weights import sha256_file
from rag.errors import InputError
from rag.lang import NEGATIONS, OPPOSITES, capitalised_runs

LABEL_OF = {"e": 0, "n": 1, "c": 2}
TRAIN_FILE, VAL_FILE, TEST_FILES = "train.jsonl", "val.jsonl", ("test_lay.jsonl", "test_expert.jsonl")


@dataclass(frozen=True)
class NliPair:
    premise: str
    hypothesis: str
    label: int  # index into the labels of the model it trains


def read_rows(path: Path, parse: Callable[[dict], object], missing: str, expected: str) -> list:
    """``parse`` of each JSON line of ``path`` (blank lines skipped). A missing file is an
    InputError saying ``missing``; a line that is not JSON or that ``parse`` rejects, one naming
    the line and what each line must be (``expected``)."""
    if not path.is_file():
        raise InputError(f"{path} is not there: {missing}")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(parse(json.loads(line)))
            except (ValueError, KeyError, TypeError, IndexError) as exc:
                raise InputError(f"{path}, line {number}: {expected} ({exc!r})") from None
    return rows


def read_pairs(path: Path) -> list[NliPair]:
    """IndoNLI's jsonl (premise, hypothesis, label e/n/c); a clear error for anything else."""
    return read_rows(path, lambda row: NliPair(row["premise"], row["hypothesis"], LABEL_OF[row["label"]]),
                     "give the IndoNLI folder with --data (it holds train.jsonl, val.jsonl, test_lay.jsonl, "
                     "test_expert.jsonl).",
                     'not an IndoNLI pair; each line must be JSON with "premise", "hypothesis" and "label" '
                     "(e, n or c)")


def length_batches(pairs: list[NliPair], size: int, rng: random.Random, bucket: int = 1) -> list[list[NliPair]]:
    """Shuffled batches; within each run of ``bucket`` batches, pairs of similar length."""
    order = pairs[:]
    rng.shuffle(order)
    batches = []
    span = size * bucket
    for start in range(0, len(order), span):
        bucket = sorted(order[start:start + span], key=lambda p: len(p.premise) + len(p.hypothesis))
        batches += [bucket[i:i + size] for i in range(0, len(bucket), size)]
    rng.shuffle(batches)
    return batches


# ----------------------------------------------------------------------------- hard pairs

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_VERB = re.compile(r"^(?:me|ber|di|ter)[a-z]{3,}$")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_OPPOSITE = {a: b for pair in OPPOSITES for a, b in (pair, pair[::-1])}
HARD_KINDS = ("copy", "part", "actor", "number", "negation", "opposite", "modality")
_CITATION = re.compile(r"\[\d+\]")
_LIST_JOINERS = {"dan", "atau", "serta", ",", "/"}


def usable_for_training(doc_id: str) -> bool:
    """Half of the external passages, fixed by a hash of the id: hard pairs are made only from
    these, so the other half stays unseen for measuring abstention (rag/eval.py)."""
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 2 == 0


def _swap_names(tokens: list[str]) -> list[str] | None:
    runs = [r for r in capitalised_runs(tokens) if len(r) <= 3]
    names = {" ".join(tokens[i] for i in r) for r in runs}
    if len(runs) < 2 or len(names) < 2:
        return None
    first, second = runs[0], next(r for r in runs[1:] if " ".join(tokens[i] for i in r) != " ".join(
        tokens[i] for i in runs[0]))
    between = " ".join(tokens[first[-1] + 1:second[0]]).strip()
    if between in _LIST_JOINERS or tokens[first[-1]].endswith(","):
        return None  # "A dan B", "A, B": swapping members of a list says the same thing
    a, b = [tokens[i] for i in first], [tokens[i] for i in second]
    return tokens[:first[0]] + b + tokens[first[-1] + 1:second[0]] + a + tokens[second[-1] + 1:]


def _change(sentence: str, kind: str, rng: random.Random) -> tuple[str, str] | None:
    """``sentence`` changed so that it no longer says what it said, and the IndoNLI label of
    (original, changed); None when this kind of change does not apply."""
    tokens = sentence.split()
    if kind == "copy":
        return sentence, "e"
    if kind == "part":
        head = sentence.split(", ")[0]
        return (head.rstrip(",;") + ".", "e") if ", " in sentence and len(head.split()) >= 6 else None
    if kind == "actor":
        swapped = _swap_names(tokens)
        return (" ".join(swapped), "c") if swapped else None
    if kind == "number":
        found = _NUMBER.findall(sentence)
        if not found:
            return None
        old = rng.choice(found)
        digits = old.replace(".", "").replace(",", "")
        new = str(int(digits) + rng.choice([1, 2, 3, 5, 10, 100])) if digits.isdigit() else None
        if new is None:
            return None
        return _NUMBER.sub(lambda m: new if m.group(0) == old else m.group(0), sentence, count=1), "c"
    plain = [w.strip(",.;:").lower() for w in tokens]
    if kind == "negation":
        negated = [i for i, w in enumerate(plain) if w in NEGATIONS]
        if negated:
            i = negated[0]
            return " ".join(tokens[:i] + tokens[i + 1:]), "c"
        verbs = [i for i, w in enumerate(plain) if _VERB.match(w) and i > 0]
        if not verbs:
            return None
        i = verbs[0]
        return " ".join(tokens[:i] + ["tidak"] + tokens[i:]), "c"
    if kind == "opposite":
        found = [i for i, w in enumerate(plain) if w in _OPPOSITE]
        if not found:
            return None
        i = rng.choice(found)
        word = _OPPOSITE[plain[i]]
        word = word.capitalize() if tokens[i][:1].isupper() else word
        tail = tokens[i][len(plain[i]):] if tokens[i].lower().startswith(plain[i]) else ""
        return " ".join(tokens[:i] + [word + tail] + tokens[i + 1:]), "c"
    if kind == "modality":
        verbs = [i for i, w in enumerate(plain) if _VERB.match(w) and i > 0]
        if not verbs or any(w in ("harus", "wajib", "boleh", "perlu") for w in plain):
            return None
        i = verbs[0]
        return " ".join(tokens[:i] + [rng.choice(["harus", "wajib", "tidak perlu", "boleh"])] + tokens[i:]), "n"
    raise ValueError(kind)


def hard_pairs(corpus: Path, per_kind: int, seed: int, exclude: set[str] = frozenset()) -> list[NliPair]:
    """Pairs made in code from the external passages (MiniCheck's idea: Tang, Laban and Durrett,
    EMNLP 2024): a sentence of a passage against itself and against its first clause
    (entailment), and against the same sentence with two names swapped, a number changed, a
    negation added or removed, a word replaced by its opposite (contradiction) or a modality
    added (neutral). The premise is the
    sentence with the one before it. Only passages ``usable_for_training`` and not in
    ``exclude`` are used."""
    rng = random.Random(seed)
    windows = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in exclude or not usable_for_training(row["id"]):
                continue
            sentences = _SENTENCE_END.split(" ".join(_CITATION.sub("", row["text"]).split()))
            for i, sentence in enumerate(sentences):
                if 8 <= len(sentence.split()) <= 40:
                    windows.append((" ".join(sentences[max(0, i - 1):i + 1]), sentence))
    rng.shuffle(windows)
    pairs, counts = [], {kind: 0 for kind in HARD_KINDS}
    for premise, sentence in windows:
        kind = min(HARD_KINDS, key=lambda k: (counts[k], rng.random()))
        for candidate in sorted(HARD_KINDS, key=lambda k: counts[k]):
            if counts[candidate] >= per_kind:
                continue
            changed = _change(sentence, candidate, rng)
            if changed and changed[0] != sentence or candidate == "copy" and changed:
                pairs.append(NliPair(premise, changed[0], LABEL_OF[changed[1]]))
                counts[candidate] += 1
                break
        if all(count >= per_kind for count in counts.values()):
            break
    return pairs


def accuracy(model, pairs: list[NliPair]) -> float:
    """Share of ``pairs`` whose most probable label (``model.probabilities``) is theirs."""
    probabilities = model.probabilities([(p.premise, p.hypothesis) for p in pairs])
    right = sum(int(row.argmax() == p.label) for row, p in zip(probabilities, pairs))
    return right / len(pairs) if pairs else 0.0


class _TrainedModel:
    """The model being trained, read the way the backends read it (for the validation score)."""

    def __init__(self, model, tokenizer, config):
        self.model, self.tokenizer, self.config = model, tokenizer, config

    def probabilities(self, pairs):
        return predict(self.model, self.tokenizer, pairs, self.config)


def held_out_passages(folder: Path) -> set[str]:
    """The passages the faithfulness set quotes (tests/data/faithfulness*.jsonl): never trained on."""
    ids: set[str] = set()
    for path in sorted(folder.glob("faithfulness*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            ids.update(i for line in handle if line.strip() for i in json.loads(line).get("doc_ids", []))
    return ids


def train_adapter(settings, data_dir: Path, out: Path = INDONLI_ADAPTER, max_minutes: float | None = None,
                  hard_corpus: Path | None = None, held_out: set[str] = frozenset(),
                  log: Callable[[str], None] = print) -> dict:
    """Train the adapter on IndoNLI train.jsonl (plus hard pairs made from ``hard_corpus``, if
    given, leaving out the passages in ``held_out``), score it on val.jsonl, write it to ``out``.
    Returns what it measured (also stored in the file's metadata)."""
    config = settings.entailment
    train_path, val_path = data_dir / TRAIN_FILE, data_dir / VAL_FILE
    train, val = read_pairs(train_path), read_pairs(val_path)
    hard = []
    if hard_corpus is not None and config.hard_pairs_per_kind:
        if not hard_corpus.is_file():
            raise InputError(f"{hard_corpus} is not there: give the passages for hard pairs with --hard-corpus "
                             "(the external corpus.jsonl), or --hard-corpus none.")
        hard = hard_pairs(hard_corpus, config.hard_pairs_per_kind, config.seed, held_out)
        log(f"{len(hard):,} hard pairs made from {hard_corpus}")
    data = {"train_file_sha256": sha256_file(train_path), "hard_pairs": len(hard),
            "hard_corpus_sha256": sha256_file(hard_corpus) if hard else None, "held_out_passages": len(held_out)}
    return train_classifier(settings, config, LABELS, train + hard, val, out, data, max_minutes, log)


def train_classifier(settings, config, labels: tuple[str, ...], train: list[NliPair], val: list[NliPair], out: Path,
                     data: dict, max_minutes: float | None = None, log: Callable[[str], None] = print,
                     start: Path | None = None) -> dict:
    """Fine-tune e5 with adapters and a head over ``labels`` on ``train`` by the recipe in
    ``config`` (a settings section: EntailmentConfig, AnswerabilityConfig), from the adapter file
    ``start`` if given, score it on ``val``, write the adapter to ``out`` with the recipe,
    ``data`` (what it was trained on) and the scores in its metadata, and return that metadata."""
    import torch

    if settings.embedding.embed_dir is None:
        from rag.backends.weights import EMBED_MODEL_ID as base_id
    else:
        base_id = Path(settings.embedding.embed_dir)
    model_dir = base_model_dir(settings.embedding.embed_dir, settings.cache_dir)
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    model, tokenizer = base_model(model_dir, settings.n_threads, labels)
    add_adapters(model, config.lora_rank, config.lora_alpha, config.lora_dropout)
    if start is not None:
        load_adapter(model, start)
    trainable = [p for p in model.parameters() if p.requires_grad]
    rng = random.Random(config.seed)
    epochs = max(1, int(config.epochs + 0.999))
    plan = [b for _ in range(epochs)
            for b in length_batches(train, config.train_batch_size, rng, config.length_bucket_batches)]
    plan = plan[:int(len(plan) * config.epochs / epochs)]
    warmup = max(1, int(len(plan) * config.warmup_share))
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=config.weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (len(plan) - step) / (len(plan) - warmup))))
    log(f"training {sum(p.numel() for p in trainable):,} parameters on {len(train):,} pairs, "
        f"{len(plan):,} steps of {config.train_batch_size}")
    model.train()
    started = time.monotonic()
    seen, running, steps = 0, 0.0, 0
    for steps, batch in enumerate(plan, 1):
        encoded = tokenizer([p.premise for p in batch], [p.hypothesis for p in batch], truncation="longest_first",
                            max_length=config.max_tokens, padding=True, return_tensors="pt")
        loss = torch.nn.functional.cross_entropy(model(**encoded).logits, torch.tensor([p.label for p in batch]))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        seen += len(batch)
        running = 0.98 * running + 0.02 * loss.item() if steps > 1 else loss.item()
        elapsed = time.monotonic() - started
        if steps % 50 == 0:
            log(f"step {steps}/{len(plan)}  pairs {seen:,}  loss {running:.3f}  {elapsed / 60:.1f} min")
        if max_minutes is not None and elapsed > max_minutes * 60:
            log(f"stopping at the {max_minutes} min budget")
            break
    train_seconds = time.monotonic() - started
    val_accuracy = accuracy(_TrainedModel(model, tokenizer, config), val)
    log(f"val accuracy {val_accuracy:.3f} ({len(val):,} pairs)")
    metadata = {
        "labels": list(labels), "base_model": str(base_id), "lora_rank": config.lora_rank,
        "lora_alpha": config.lora_alpha, "lora_dropout": config.lora_dropout,
        "learning_rate": config.learning_rate, "warmup_share": config.warmup_share,
        "weight_decay": config.weight_decay, "train_batch_size": config.train_batch_size,
        "epochs_planned": config.epochs, "steps": steps, "steps_planned": len(plan), "pairs_seen": seen,
        "max_tokens": config.max_tokens, "seed": config.seed, **data,
        "train_seconds": round(train_seconds), "n_threads": settings.n_threads,
        "val_accuracy": round(val_accuracy, 4), "val_pairs": len(val), "torch": torch.__version__,
    }
    save_adapter(model, out, metadata)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return metadata


# ----------------------------------------------------------------------------- second stage

# Draft sentences the claim checker reads as claims; quotations are compared word for word
# instead, and sentences not checked say nothing about the sources.
_NOT_CLAIMS = {"tidak_diperiksa", "benar_kutipan", "kutipan_diubah", "kutipan_orang_lain", "kutipan_karangan"}
_LABEL_OF_VERDICT = {"didukung": 0, "tidak ditemukan": 1, "bertentangan": 2}


def domain_pairs(retriever, rows: list[dict], attribution_sentences: int) -> tuple[list[NliPair], int]:
    """(premise, claim, label) pairs from labelled claims and drafts about the indexed articles
    (``rows``: lines of tests/data/claims*.jsonl or drafts*.jsonl), read as the claim checker
    reads them: the article sentence the label names (a draft sentence's "source", the sentence
    holding a claim's "evidence") with the ``attribution_sentences`` before it; a claim labelled
    *tidak ditemukan* against the sentence of the best passages most like it. Also the number of
    rows whose source sentence is not in the articles (left out)."""
    from rag.compare import text_before

    index = retriever.index
    folded = {doc_id: " ".join(doc.text.lower().split()) for doc_id, doc in index.documents.items()}

    def premise(doc_id: str, start: int, end: int) -> str:
        text = index.documents[doc_id].text
        return (text_before(text, start, index.sentences_of(doc_id), attribution_sentences) + " " +
                text[start:end]).strip()

    def holding(span: str):
        needle = " ".join(span.lower().split())[:80]
        for doc_id in index.documents:
            if needle and needle in folded[doc_id]:
                text = index.documents[doc_id].text
                for start, end in index.sentences_of(doc_id):
                    if needle[:40] in " ".join(text[start:end].lower().split()):
                        return doc_id, start, end
        return None

    def most_like(claim: str):
        spans = [(hit.chunk.doc_id, a, b) for hit in retriever.search(claim, k=3) for a, b in hit.chunk.sentences]
        vectors = retriever.embedder.embed_passages([index.documents[d].text[a:b] for d, a, b in spans])
        return spans[int((vectors @ retriever.embedder.embed_passages([claim])[0]).argmax())]

    pairs, unplaced = [], 0
    for row in rows:
        items = [(row["claim"], row["verdict"], row.get("evidence"))] if "claim" in row else [
            (s["text"], s["verdict"], s.get("source")) for s in row["sentences"]
            if s["checked"] and s["kind"] not in _NOT_CLAIMS]
        for claim, verdict, source in items:
            where = holding(source) if source else None
            if where is None and verdict != "tidak ditemukan":
                unplaced += 1
                continue
            pairs.append(NliPair(premise(*(where or most_like(claim))), claim, _LABEL_OF_VERDICT[verdict]))
    return pairs, unplaced


def require_first_stage(start: Path) -> None:
    """An InputError unless the adapter the second stage starts from is there."""
    if not start.is_file():
        raise InputError(f"{start} is not there: run `rag train-nli --stage indonli` first to make the first stage.")


def train_domain_adapter(settings, retriever, sets_dir: Path, data_dir: Path, start: Path = INDONLI_ADAPTER,
                         out: Path = DEFAULT_ADAPTER, max_minutes: float | None = None,
                         log: Callable[[str], None] = print) -> dict:
    """The second stage: the adapter ``start`` tuned further on ``entailment.domain_sets`` (files
    in ``sets_dir``) with IndoNLI pairs mixed in (``data_dir``), each label oversampled to the
    most frequent one's count; scored on IndoNLI val; written to ``out``."""
    config = settings.entailment
    require_first_stage(start)
    rows = []
    for name in config.domain_sets:
        rows += read_rows(sets_dir / f"{name}.jsonl", lambda row: row,
                          "give the folder of the labelled sets with --sets",
                          "each line must be a labelled claim or draft")
    pairs, unplaced = domain_pairs(retriever, rows, settings.compare.attribution_sentences)
    if not pairs:
        raise InputError(f"the sets {', '.join(config.domain_sets) or '(none)'} in {sets_dir} hold no labelled "
                         "claim to train on: name some in entailment.domain_sets.")
    rng = random.Random(config.seed)
    by_label = {label: [p for p in pairs if p.label == label] for label in sorted({p.label for p in pairs})}
    most = max(len(group) for group in by_label.values())
    balanced = pairs + [rng.choice(group) for group in by_label.values() for _ in range(most - len(group))]
    replay = read_pairs(data_dir / TRAIN_FILE)
    rng.shuffle(replay)
    log(f"{len(pairs):,} pairs from {len(config.domain_sets)} labelled sets ({unplaced} without their sentence), "
        f"{len(balanced):,} balanced, {min(len(replay), config.domain_replay_pairs):,} IndoNLI pairs mixed in")
    recipe = dataclasses.replace(config, learning_rate=config.domain_learning_rate, epochs=config.domain_epochs)
    data = {"stage": "domain", "start": start.name, "start_sha256": sha256_file(start),
            "start_metadata": read_adapter_metadata(start), "domain_sets": list(config.domain_sets),
            "domain_pairs": len(pairs), "domain_pairs_balanced": len(balanced),
            "replay_pairs": min(len(replay), config.domain_replay_pairs),
            "train_file_sha256": sha256_file(data_dir / TRAIN_FILE)}
    return train_classifier(settings, recipe, LABELS, balanced + replay[:config.domain_replay_pairs],
                            read_pairs(data_dir / VAL_FILE), out, data, max_minutes, log, start=start)


def test_adapter(settings, data_dir: Path) -> dict:
    """Accuracy of the installed adapter on IndoNLI's two test sets (report these once)."""
    entailer = E5Entailer(settings)
    result = {"adapter": str(entailer.adapter_path)}
    for name in TEST_FILES:
        pairs = read_pairs(data_dir / name)
        result[name.removesuffix(".jsonl")] = {"pairs": len(pairs), "accuracy": round(accuracy(entailer, pairs), 4)}
    return result
