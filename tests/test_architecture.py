"""The design, held against the code's own imports (read with `ast`, lazy imports inside functions too).

- no two modules of studio/ import each other, directly or round a loop;
- no two parts (a folder of studio/, or a module at its root) import each other: arrows only run down;
- only the offline adapter (providers/offline.py) and the engine itself import `studio.offline`;
- brief understanding sits below the pipeline, the providers and the offline engine;
- render draws what it is given: it reads no words (nothing from the offline engine or the brief);
- the root of studio/ holds at most 12 modules.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STUDIO = ROOT / "studio"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """module -> the studio modules it imports (a `from studio.x import name` counts as studio.x.name when
    that is a module, else studio.x)."""
    modules = {_module(p): p for p in STUDIO.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names]
                targets = [t if t in modules else node.module for t in targets]
            for target in targets:
                if target.startswith("studio") and target != name:
                    while target not in modules and "." in target:
                        target = target.rsplit(".", 1)[0]
                    if target in modules and target != name:
                        graph[name].add(target)
        graph.setdefault(name, set())
    return graph


GRAPH = _imports()


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _part(module: str) -> str:
    """studio.pipeline.story -> studio.pipeline; studio.models -> studio.models."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_the_reader_sees_the_studio() -> None:
    """The checks below read something: the graph has the parts the map names, and their arrows."""
    assert len(GRAPH) > 150
    assert "studio.pipeline.story" in GRAPH["studio.pipeline.orchestrator"]
    assert "studio.providers.offline" in GRAPH["studio.providers.registry"]


def test_no_module_imports_itself_round_a_loop() -> None:
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_loop() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_arrows_between_parts_only_run_down() -> None:
    parts: dict[str, set[str]] = defaultdict(set)
    for module, targets in GRAPH.items():
        for target in targets:
            if _part(target) != _part(module):
                parts[_part(module)].add(_part(target))
    assert _cycles(dict(parts)) == []


def test_only_the_offline_adapter_reaches_the_offline_engine() -> None:
    outside = sorted(
        m
        for m, targets in GRAPH.items()
        if not m.startswith("studio.offline")
        and m != "studio.providers.offline"
        and any(t.startswith("studio.offline") for t in targets)
    )
    assert outside == []


@pytest.mark.parametrize(
    ("part", "never"),
    [
        ("studio.brief", ("studio.pipeline", "studio.providers", "studio.offline", "studio.service")),
        ("studio.render", ("studio.offline", "studio.brief", "studio.pipeline", "studio.providers")),
        ("studio.store", ("studio.pipeline", "studio.service", "studio.providers")),
    ],
)
def test_a_lower_part_never_imports_a_higher_one(part: str, never: tuple[str, ...]) -> None:
    wrong = sorted(
        f"{m} -> {t}"
        for m, targets in GRAPH.items()
        if m.startswith(part)
        for t in targets
        if t.startswith(never)
    )
    assert wrong == []


def test_the_root_shows_the_design() -> None:
    root_modules = sorted(p.name for p in STUDIO.glob("*.py"))
    assert len(root_modules) <= 12, root_modules
