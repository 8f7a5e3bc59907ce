"""The architecture holds: a Qt-free core in layers, a GUI in layers, no import cycle, no module outside a contract."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "handwriting"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = PYPROJECT["tool"]["importlinter"]["contracts"]


def module_name(path: Path) -> str:
    """The dotted name of a source file under the repository root."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def members(folder: Path, prefix: str) -> set[str]:
    """The dotted names (under `prefix`) of a package's direct subpackages and modules, not __init__ or __main__."""
    found = {f"{prefix}.{sub.name}" for sub in folder.iterdir() if (sub / "__init__.py").is_file()}
    found |= {f"{prefix}.{path.stem}" for path in folder.glob("*.py") if path.stem not in ("__init__", "__main__")}
    return found


def layered(contract_name_start: str) -> set[str]:
    """Every name in the layers of the contract whose name starts with the given words."""
    contract = next(c for c in CONTRACTS if c["type"] == "layers" and c["name"].startswith(contract_name_start))
    return {name.strip() for layer in contract["layers"] for name in layer.split("|")}


CORE = sorted(members(PACKAGE, "handwriting") - {"handwriting.gui", "handwriting.cli"})
CORE_MODULES = sorted(
    module_name(path)
    for path in PACKAGE.rglob("*.py")
    if "gui" not in path.relative_to(PACKAGE).parts[:1] and path.stem != "__main__"
)


@pytest.mark.process
def test_core_imports_no_qt_and_no_tensorflow_at_import_time():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PyQt5', 'pyqtgraph', 'tensorflow', 'keras'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""
    assert "handwriting.recognition.recognizer" in CORE_MODULES and "handwriting.cli.main" in CORE_MODULES


@pytest.mark.process
def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.fail("import-linter is not installed; install the dev extras")
    result = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_and_module_falls_under_a_layer():
    assert members(PACKAGE, "handwriting") - layered("The layers") == set(), "name it in pyproject.toml's layers"
    assert members(PACKAGE / "gui", "handwriting.gui") - layered("The GUI's layers") == set(), "name it there too"


def test_the_qt_free_contract_names_every_core_package():
    contract = next(c for c in CONTRACTS if c["name"].startswith("The core is Qt-free"))
    assert set(contract["source_modules"]) == set(CORE)


def test_a_new_package_or_module_outside_the_layers_is_found(tmp_path):
    (tmp_path / "stray").mkdir()
    (tmp_path / "stray" / "__init__.py").write_text("")
    (tmp_path / "loose.py").write_text("")
    (tmp_path / "__main__.py").write_text("")
    (tmp_path / "data_only").mkdir()  # a folder without __init__.py is no package
    assert members(tmp_path, "handwriting") - layered("The layers") == {"handwriting.stray", "handwriting.loose"}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module (each is an import cycle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_strongly_connected_finds_a_cycle():
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_there_is_no_import_cycle():
    graph = grimp.build_graph("handwriting")  # type-checking imports count: a cycle of names is a cycle
    ours = {module for module in graph.modules if module.startswith("handwriting")}
    edges = {module: graph.find_modules_directly_imported_by(module) & ours for module in ours}
    assert "handwriting.inside.folding" in edges["handwriting.inside.occlusion"]  # the graph holds real edges
    # A package's __init__ that lazily re-exports a submodule is not a cycle of code; none does so but the root.
    edges["handwriting"] = set()
    assert strongly_connected(edges) == []


def test_controllers_import_no_widgets_no_painting():
    folder = PACKAGE / "gui" / "controllers"
    offenders = []
    for path in [*folder.glob("*.py"), PACKAGE / "gui" / "wording.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            widgets = [name for name in names if name.startswith(("PyQt5.QtWidgets", "PyQt5.QtGui"))]
            offenders += [f"{path.name}: {name}" for name in widgets]
    assert offenders == []
