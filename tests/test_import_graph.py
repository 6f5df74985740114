"""The import graph: no circles, and the stages import each other only through their faces.

Every import counts, also those inside functions or under TYPE_CHECKING: a circle dodged with a
late import is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "corroborate"
STAGES = ("read", "clean", "analyze", "cluster", "reconcile", "store", "web")
SHARED = ("model", "text", "geo", "limits")  # what every stage may import
# circles still to be cut, each with its cause (remove the entry when it is gone)
KNOWN_CIRCLES: set[frozenset[str]] = set()


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = path
    return out


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """What a module imports; `from pkg import submodule` is an import of the submodule."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("corroborate"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("corroborate")}
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imp in _imports(path, modules):
            while imp and imp not in modules:
                imp = imp.rpartition(".")[0]
            if imp and imp != name and imp != "corroborate":
                targets.add(imp)
        graph[name] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(frozenset(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circle() -> None:
    circles = [c for c in _circles(_graph()) if c not in KNOWN_CIRCLES]
    assert not circles, f"import circles: {[sorted(c) for c in circles]}"


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_stages_import_only_faces_of_other_stages() -> None:
    """From outside a stage, `corroborate.<stage>` or one level below it, never deeper."""
    bad = []
    for name, targets in _graph().items():
        for target in targets:
            stage = _stage(target)
            if stage and _stage(name) != stage and len(target.split(".")) > 3:
                bad.append(f"{name} -> {target}")
    assert not bad, "imports of another stage's internals:\n" + "\n".join(sorted(bad))


def test_the_shared_toolkit_imports_no_stage() -> None:
    bad = [f"{name} -> {t}" for name, targets in _graph().items() if name.split(".")[1:2] and
           name.split(".")[1] in ("text", "geo", "model") for t in targets if _stage(t)]
    assert not bad, bad
