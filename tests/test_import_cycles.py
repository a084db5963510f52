"""`linter/` has no import cycles: the modules form layers (read → model → rules → findings →
output; commands below the CLI that assembles them), each importing only what is below it.

The graph is built from the source (`ast`), every `import` and `from … import` of a module under
`linter/` as an edge, wherever it is written: at the top, or inside a function. A function-level
import is how a module puts off loading something heavy (openpyxl, lark, a command's
dependencies) until it is needed, not a licence to import upwards: a cycle through one still
means two modules that each need the other, only one of them later (the `linter.cli` ↔
`linter/commands/*` cycle this test was written against ran through the CLI's function-level
imports of the commands; counting top-level imports alone finds no cycle on that tree).

Two kinds of import are no edge:
- under `if TYPE_CHECKING:`: they never run; an annotation naming a higher layer's type is no
  dependency;
- a package's function-level import of a module inside it: the package loading one of its
  parts on first use (`linter.read` its readers, `linter.engine.checks` its checks,
  `linter.__getattr__` the api). Python loads a package before any module in it, so the two
  cannot be layered apart; the parts may use what the package's `__init__` defines.

An edge goes to the module named, or for `from package import name` to the submodule
`package.name` when there is one (else to the package).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "linter"
# Cycles allowed for now, each as (module, the import that closes it): none. The test fails
# when a listed one is gone (delete it here) as when a new one appears.
KNOWN: set[tuple[str, str]] = set()


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Every module under `root/package`, by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """The imports of `tree`, wherever they are, less TYPE_CHECKING blocks; each with whether
    it is inside a function (runs when called, not when the module loads)."""
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, lazy = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend((n, lazy) for n in node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, lazy
        lazy = lazy or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        stack.extend((n, lazy) for n in ast.iter_child_nodes(node))


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the modules of `package` it imports (see the module docstring for the rules)."""
    modules = module_names(root, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node, lazy in _imports(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:  # relative: from the module's package, up `level - 1` more
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[: len(here) - (node.level - 1)]
                    base = ".".join([*here, base] if base else here)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
                ]
            for target in targets:
                while target and target not in modules:  # `import a.b.c` of a name inside a.b
                    target = target.rpartition(".")[0]
                inside = is_package and target.startswith(name + ".")
                if target and target != name and not (lazy and inside):
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as [a, b, …, a], or None (depth-first search, in name order)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_linter_has_no_import_cycle_but_the_known_ones() -> None:
    graph = import_graph(ROOT, PACKAGE)
    assert len(graph) > 50 and graph["linter.cli"], "the graph was not built"
    without = {a: deps - {b for x, b in KNOWN if x == a} for a, deps in graph.items()}
    cycle = find_cycle(without)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])
    for a, b in KNOWN:
        assert b in graph[a], f"{a} no longer imports {b}: remove it from KNOWN"
        assert find_cycle({**without, a: without[a] | {b}}), f"{a} → {b} closes no cycle: remove it from KNOWN"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "files, cycle",
    [
        # a top-level import one way, a function-level one back: the CLI ↔ commands shape
        (
            {
                "pkg/__init__.py": "",
                "pkg/cli.py": "def main():\n    from pkg.commands import check\n",
                "pkg/commands/__init__.py": "",
                "pkg/commands/check.py": "from pkg.cli import main\n",
            },
            ["pkg.cli", "pkg.commands.check", "pkg.cli"],
        ),
        # relative imports, through a package's __init__
        (
            {
                "pkg/__init__.py": "",
                "pkg/a/__init__.py": "from .b import x\n",
                "pkg/a/b.py": "from ..c import y\n",
                "pkg/c.py": "import pkg.a\n",
            },
            ["pkg.a", "pkg.a.b", "pkg.c", "pkg.a"],
        ),
    ],
)
def test_a_cycle_is_found_and_named(tmp_path: Path, files: dict[str, str], cycle: list[str]) -> None:
    assert find_cycle(import_graph(_tree(tmp_path, files), "pkg")) == cycle


def test_what_is_no_cycle(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            # a package re-exporting its submodule, which imports a sibling: no cycle
            "pkg/__init__.py": "from pkg.low import f\n",
            "pkg/low.py": "import os\nfrom pkg import base\n",
            "pkg/base.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.low import f\n",
        },
    )
    graph = import_graph(root, "pkg")
    assert graph == {"pkg": {"pkg.low"}, "pkg.low": {"pkg.base"}, "pkg.base": set()}
    assert find_cycle(graph) is None
