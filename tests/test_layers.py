"""The package's layers read one way: no module imports, directly or through others, a module
that imports it back, lazy imports (inside functions) and package __init__ files included."""

from __future__ import annotations

import ast
from pathlib import Path

import framing

PACKAGE = Path(framing.__file__).parent


def module_imports() -> dict[str, set[str]]:
    """Each framing module and the framing modules it imports anywhere in its code (a
    submodule's import runs its packages' __init__ too)."""
    files = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("framing"):
                for alias in node.names:  # "from framing.corpus import load": a submodule
                    submodule = f"{node.module}.{alias.name}"
                    found.add(submodule if submodule in files else node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("framing"))
        packages = {".".join(m.split(".")[:k]) for m in found for k in range(2, m.count(".") + 1)}
        own = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 1)}
        graph[name] = (found | packages) - own - {name}
    return graph


def cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A chain of imports from `start` back to it, if there is one."""
    trail, seen = {start: [start]}, {start}
    todo = [start]
    while todo:
        module = todo.pop()
        for imported in sorted(graph.get(module, ())):
            if imported == start:
                return trail[module] + [start]
            if imported not in seen:
                seen.add(imported)
                trail[imported] = trail[module] + [imported]
                todo.append(imported)
    return None


def test_the_graph_sees_lazy_imports_and_packages():
    graph = module_imports()
    assert "framing.features.mentions" in graph["framing.features.compute"]  # inside a function
    assert "framing.features" in graph["framing.pipeline"]  # a package's __init__ runs first
    assert "framing.corpus.options" in graph["framing.corpus.load"]


def test_a_cycle_is_found_with_its_chain():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert cycle_through(graph, "a") == ["a", "b", "c", "a"]
    assert cycle_through(graph, "d") is None


def test_no_import_cycles():
    graph = module_imports()
    cycles = [" -> ".join(chain) for module in sorted(graph)
              if (chain := cycle_through(graph, module))]
    assert not cycles, "\n".join(cycles)
