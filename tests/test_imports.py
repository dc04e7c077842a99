"""Modules import downwards only: no import circle inside ``builder/``.

The graph is read from the source with :mod:`ast`, not from ``sys.modules``, so an import that
only runs in one branch counts as well. Every import counts: at module level, under
``TYPE_CHECKING``, and lazy ones inside functions. A lazy import hides a circle from the
interpreter, not from the reader: two modules that need each other are one module, or share
something that belongs below both (as :mod:`builder.report` does for ``build``, ``card`` and
``croissant``). Two things are not edges: importing a submodule does not make its package's
``__init__`` a dependency (Python initialises the package first whatever it holds, and a package
that re-exports its submodules, as ``builder.parse`` does, is not in a circle with them), and
``from pkg import sub`` where ``sub`` is a submodule is an edge to ``pkg.sub``, not to ``pkg``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import builder

PACKAGE_DIR = Path(builder.__file__).resolve().parent


def module_names(root: Path = PACKAGE_DIR) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = ("builder", *path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # ``import builder.parse.page as p`` -> the module itself
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_lazy_and_type_checking_imports():
    graph = import_graph()
    assert "builder.report" in graph["builder.card"]  # module level
    assert "builder.release" in graph["builder.api"]  # under TYPE_CHECKING and inside functions
    assert "builder.parse.entities" in graph["builder.parse.page"]  # inside a function only
    assert "builder.parse.zones" in graph["builder.parse.page"]  # ``from builder.parse import zones``


def test_the_cycle_finder_finds_a_circle_through_three_modules():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_inside_builder():
    found = circles(import_graph())
    assert not found, "import circles: " + "; ".join(" <-> ".join(component) for component in found)
