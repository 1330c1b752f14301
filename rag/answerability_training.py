"""`rag train-answerability`: teach the answerability check (rag/answerability.py) when the
quotes answer a question, from IDK-MRC.

``../shared/eval/external/idk_mrc_train.jsonl`` holds 10,073 questions over the external
passages, 4,662 of them unanswerable from their passage (most written by changing an
answerable question slightly). The passages are split by a hash of their id:

- ``holdout``: the half ``usable_for_training`` leaves out (as the meaning check's hard pairs
  do): never trained or tuned on; ``rag eval --split holdout`` reports on it once;
- ``tune``: a tenth of the other half, where the threshold is chosen;
- ``train``: the rest.

For each question the pipeline's own retrieval and quote selection run on an index of the
external passages, and the classifier learns to read (quotes, question) as the pipeline will
show them: "answered" when the question is answerable and an answer string is in the quotes,
"not answered" when the question is unanswerable. An answerable question whose quotes lack
every answer string is left out (a paraphrased answer or a retrieval miss: the label is not
known).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path
from typing import Callable

from rag.backends.e5_nli import ANSWER_LABELS, DEFAULT_ANSWER_ADAPTER
from rag.backends.weights import sha256_file
from rag.nli_training import NliPair, read_rows, train_classifier, usable_for_training

DEFAULT_IDK_FILE = Path("../shared/eval/external/idk_mrc_train.jsonl")
DEFAULT_CORPUS = Path("../shared/eval/external/corpus.jsonl")
SPLITS = ("train", "tune", "holdout")


def split_of(doc_id: str) -> str:
    """Which part of IDK-MRC a question over passage ``doc_id`` belongs to."""
    if not usable_for_training(doc_id):
        return "holdout"
    return "tune" if int(hashlib.sha256(f"tune:{doc_id}".encode()).hexdigest(), 16) % 10 == 0 else "train"


def read_idk(path: Path) -> list[dict]:
    """IDK-MRC questions (question, answers, positive_ids, answerable), each with its ``part``."""
    def parse(row: dict) -> dict:
        row = {"qid": str(row["qid"]), "question": str(row["question"]), "answers": list(row["answers"]),
               "gold": list(row["positive_ids"]), "answerable": bool(row["answerable"])}
        return {**row, "part": split_of(row["gold"][0])}

    return read_rows(path, parse, "give IDK-MRC's questions with --data (../shared/eval/external/idk_mrc_train.jsonl).",
                     'not an IDK-MRC question; each line must be JSON with "qid", "question", "answers", '
                     '"positive_ids" and "answerable"')


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def answer_in(quotes: list[str], answers: list[str]) -> bool:
    joined = _norm(" ".join(quotes))
    return any(_norm(a) and _norm(a) in joined for a in answers)


def with_quotes(rows: list[dict], pipeline, log: Callable[[str], None] = print) -> list[dict]:
    """Each row with the quotes the pipeline's evidence stage selects for its question (kept
    even where the stage abstains) and what the stage decided."""
    from rag.evidence import office_chunks, select_quotes

    retriever = pipeline.retriever
    started, out = time.monotonic(), []
    for number, row in enumerate(rows, 1):
        vector = retriever.query_vector(row["question"])
        hits = retriever.search(row["question"], query_vector=vector)
        selection = select_quotes(row["question"], hits, vector, retriever.index, retriever.embedder,
                                  pipeline.settings.evidence,
                                  office_chunks(row["question"], retriever, pipeline.settings.evidence))
        out.append({**row, "quotes": [q.text for q in selection.quotes],
                    "quote_ids": [q.doc_id for q in selection.quotes],
                    "abstained": selection.abstain, "reason": selection.reason})
        if number % 500 == 0:
            log(f"quotes for {number:,}/{len(rows):,} questions  {(time.monotonic() - started) / 60:.1f} min")
    return out


def training_pairs(rows: list[dict]) -> list[NliPair]:
    """(quotes, question) pairs labelled 0 "answered" / 1 "not answered" (see the module's
    docstring for what is left out)."""
    pairs = []
    for row in rows:
        if not row["quotes"]:
            continue
        if row["answerable"] and not answer_in(row["quotes"], row["answers"]):
            continue
        pairs.append(NliPair(" ".join(row["quotes"]), row["question"], 0 if row["answerable"] else 1))
    return pairs


def quoted_rows(settings, idk_path: Path, corpus: Path, parts: tuple[str, ...],
                log: Callable[[str], None] = print) -> list[dict]:
    """The IDK-MRC questions of ``parts`` with their quotes (``with_quotes``), on the external
    passages' index. Kept in the cache folder per question file, index and evidence settings
    (about 11 minutes for the train and tune parts on 2 cores)."""
    from rag.indexer import cached_index
    from rag.pipeline import Pipeline

    rows = [r for r in read_idk(idk_path) if r["part"] in parts]
    pipeline = Pipeline(settings)
    cached = cached_index([corpus], settings, pipeline.index_embedder)
    key = hashlib.sha256(json.dumps([sha256_file(idk_path), cached.index_dir.name, parts,
                                     settings.to_dict()["evidence"]]).encode()).hexdigest()[:16]
    cache = settings.cache_dir / "answerability" / f"{key}.jsonl"
    if cache.is_file():
        with cache.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle]
    log(f"selecting quotes for {len(rows):,} questions (kept in {cache})")
    out = with_quotes(rows, Pipeline(cached), log)
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_name(cache.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in out)
    tmp.replace(cache)
    return out


def train_judge(settings, idk_path: Path = DEFAULT_IDK_FILE, corpus: Path = DEFAULT_CORPUS,
                out: Path = DEFAULT_ANSWER_ADAPTER, max_minutes: float | None = None,
                log: Callable[[str], None] = print) -> dict:
    """Train the answer judge on the train part, score it on the tune part, write it to ``out``."""
    rows = quoted_rows(settings, idk_path, corpus, ("train", "tune"), log)
    train = training_pairs([r for r in rows if r["part"] == "train"])
    val = training_pairs([r for r in rows if r["part"] == "tune"])
    log(f"{len(train):,} training pairs ({sum(p.label == 0 for p in train):,} answered), {len(val):,} to score on")
    data = {"idk_file_sha256": sha256_file(idk_path), "corpus_sha256": sha256_file(corpus),
            "train_pairs": len(train), "train_answered": sum(p.label == 0 for p in train)}
    return train_classifier(settings, settings.answerability, ANSWER_LABELS, train, val, out, data, max_minutes, log)
