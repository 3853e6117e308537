"""The package's design, checked: one package per layer, imports only
downward (function-level imports included), no cycles between packages,
each package's public functions exported from its ``__init__``, and heavy
libraries imported only where they are used."""
from __future__ import annotations

import ast
import functools
import importlib
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from research.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "research"
# Lower layers first; a unit may import only units of a lower layer (or itself).
LAYERS = (
    ("research", "research.types", "research.errors", "research.settings", "research.jurisdictions",
     "research.rules", "research.cluster"),
    ("research.corpus", "research.text", "research.embedding", "research.store"),
    ("research.search", "research.citations"),
    ("research.memo", "research.audit", "research.review"),
    ("research.library",),
    ("research.ui",),
    ("research.cli",),
    ("research.__main__",),
)
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}
CORE = set(LAYERS[0])


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


@functools.lru_cache(maxsize=None)
def _exports(module: str) -> frozenset[str]:
    """What ``from module import NAME`` may mean other than a submodule: the package's __all__."""
    path = MODULES.get(module)
    if path is None or path.name != "__init__.py":
        return frozenset()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return frozenset(ast.literal_eval(node.value)) if isinstance(node.value, ast.List) else frozenset()
    return frozenset()


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every research module ``path`` imports, at any depth (lazy imports and
    TYPE_CHECKING blocks included), with the line."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: relative import; write research.… in full")
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "research":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                is_module = full in MODULES and alias.name not in _exports(node.module)
                out.append((full if is_module else node.module, node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "research"]
    return out


def unit(module: str) -> str:
    """The layer unit a module belongs to: its top-level package, or the
    module itself for the modules at the root (types, library, review...)."""
    parts = module.split(".")
    if len(parts) == 1:
        return module
    top = ".".join(parts[:2])
    return top


def package(module: str) -> str:
    """The (sub)package a module lives in: research.citations.extract.engine ->
    research.citations.extract; a package stands for itself."""
    return module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]


def test_every_unit_has_a_layer():
    assert {unit(m) for m in MODULES} <= set(RANK), {unit(m) for m in MODULES} - set(RANK)


def test_imports_go_only_downward():
    wrong = []
    for module, path in MODULES.items():
        for target, line in _imports(path):
            source, dest = unit(module), unit(target)
            if source == dest or (source in CORE and dest in CORE):
                continue
            if RANK[dest] >= RANK[source]:
                wrong.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {source} imports {target}")
    assert not wrong, "imports that go up or sideways:\n" + "\n".join(wrong)


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        for target, _ in _imports(path):
            if target in MODULES and package(target) != package(module):
                graph[_node(module)].add(_node(target))
    return graph


def _node(module: str) -> str:
    """Root modules are their own node; others belong to their package."""
    return module if module.count(".") == 1 and MODULES[module].name != "__init__.py" else package(module)


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        stack.pop()
        return []

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []


def _without_parents(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package may import its own subpackages (its __init__ re-exports them);
    only the edges back up from a subpackage would make a cycle."""
    return {node: {t for t in targets if not t.startswith(node + ".")} for node, targets in graph.items()}


def test_no_cycles_between_packages():
    cycle = _cycle(_without_parents(_package_graph()))
    assert not cycle, "circular imports between packages: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_cycles():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) == []


PACKAGES = sorted(m for m, path in MODULES.items() if path.name == "__init__.py" and m != "research")


@pytest.mark.parametrize("name", PACKAGES)
def test_packages_export_their_public_api(name):
    """Every package's __init__ lists its public API in __all__, and every name there exists."""
    pkg = importlib.import_module(name)
    exported = getattr(pkg, "__all__", None)
    assert exported, f"{name}/__init__.py has no __all__"
    assert [n for n in exported if not hasattr(pkg, n)] == []


def _reaching_in(module: str, path: Path) -> list[str]:
    """Imports of a module inside another package (its private modules) by ``module``."""
    wrong = []
    for target, line in _imports(path):
        if target not in MODULES or MODULES[target].name == "__init__.py":
            continue  # a package: its public API
        owner = package(target)
        if owner != "research" and owner != package(module):
            wrong.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: from {target}, not from {owner}")
    return wrong


def test_other_packages_use_a_package_through_its_init():
    wrong = [w for module, path in MODULES.items() for w in _reaching_in(module, path)]
    assert not wrong, "imports reaching into another package's modules:\n" + "\n".join(wrong)


# Each outside library is imported (at any depth) only by the modules that wrap it.
WRAPPERS = {
    "eyecite": ("research.citations.extract.engine",),
    "faiss": ("research.search.index",),
    "llama_index": ("research.search.index", "research.memo.llm"),
    "gradio": ("research.ui.",),
    "click": ("research.cli.",),
    "ray": ("research.cluster",),
    "torch": ("research.embedding.",),
    "sentence_transformers": ("research.embedding.",),
    "onnxruntime": ("research.embedding.",),
}


def _outside_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
    return found


def test_outside_libraries_stay_inside_the_module_that_wraps_them():
    wrong = [f"{module} imports {lib}" for module, path in MODULES.items() for lib in _outside_imports(path)
             if lib in WRAPPERS and not any(module == w or (w.endswith(".") and module.startswith(w))
                                            for w in WRAPPERS[lib])]
    assert not wrong, "\n".join(wrong)


_PROBE = """
import sys
import {module}
print(sorted(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("module, heavy", [
    ("research.ui.auth", ("gradio",)),
    ("research.ui", ("gradio", "torch")),
    ("research.cli", ("torch", "gradio", "faiss", "llama_index", "eyecite", "onnxruntime")),
    ("research.library", ("torch", "gradio", "faiss", "llama_index", "eyecite", "onnxruntime")),
    ("research.citations", ("eyecite", "torch")),
])
def test_importing_a_package_imports_nothing_heavy(module, heavy):
    probe = subprocess.run([sys.executable, "-c", _PROBE.format(module=module, heavy=heavy)],
                           capture_output=True, text=True, timeout=120, cwd=PROJECT_ROOT)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == "[]"
