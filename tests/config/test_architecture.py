"""The shape of the code (docs/architecture.md): no import circle inside an app, and each app
imports only the floors below it. Imports inside functions count: hiding one there does not
make a circle go away. The one exception is a declared seam, an import written in a function
with ``# noqa: PLC0415 -- why`` (a page's route calling its view, say): ruff refuses every
other function-level import, and the seams are listed in docs/architecture.md."""

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Which of our apps each app may import: a floor uses only the floors below it.
FLOORS = {
    "core": set(),
    "media": {"core"},
    "outbox": {"core"},
    "festival": {"core", "media", "outbox"},
    "archive": {"core", "media", "outbox", "festival"},
    "projects": {"core", "media", "outbox", "archive", "festival"},
    "talks": {"core", "media", "outbox", "archive", "festival", "projects"},
    "search": {"core", "media", "archive", "festival", "projects", "talks"},
    "opendata": {"core", "media", "outbox", "archive", "festival", "projects", "talks"},
    "home": {
        "core",
        "media",
        "outbox",
        "archive",
        "festival",
        "projects",
        "talks",
        "search",
        "opendata",
    },
    "config": {
        "core",
        "media",
        "outbox",
        "archive",
        "festival",
        "projects",
        "talks",
        "search",
        "opendata",
        "home",
    },
}


def _modules() -> dict[str, Path]:
    modules = {}
    for app in FLOORS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


MODULES = _modules()


def _own_module(name: str) -> str | None:
    """The longest of our modules that ``name`` (a module or a name in one) stands for."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in MODULES:
            return candidate
    return None


SEAM = "# noqa: PLC0415 --"


def _packages_run_first(target: str, importer: str) -> set[str]:
    """Importing ``a.b.c`` runs ``a/b/__init__.py`` first: an import of its own, unless the
    importer is inside ``a.b`` (then that package is already running)."""
    parts = target.split(".")
    parents = {".".join(parts[:end]) for end in range(2, len(parts))}
    return {
        parent for parent in parents if parent in MODULES and not importer.startswith(f"{parent}.")
    }


def _imports(module: str, path: Path) -> tuple[set[str], set[str]]:
    """Our modules that ``module`` imports: (plainly, through a declared seam)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    source = path.read_text()
    lines = source.splitlines()
    plain, seams = set(), set()
    for node in ast.walk(ast.parse(source, str(path))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        declared = any(SEAM in lines[number - 1] for number in (node.lineno, node.end_lineno))
        targets = {target for name in names if (target := _own_module(name)) not in (None, module)}
        targets |= {parent for target in targets for parent in _packages_run_first(target, module)}
        (seams if declared else plain).update(targets)
    return plain, seams


IMPORTS = {module: _imports(module, path) for module, path in MODULES.items()}
# A declared seam may close a circle (it is written where it is, with its reason)…
GRAPH = {module: plain for module, (plain, _seams) in IMPORTS.items()}
# …but never climbs a floor.
EVERY_IMPORT = {module: plain | seams for module, (plain, seams) in IMPORTS.items()}


def _circles() -> list[list[str]]:
    """Strongly connected components of more than one module, within each app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in GRAPH[module]:
            if target.split(".")[0] != module.split(".")[0]:
                continue
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while (member := stack.pop()) != module:
                component.append(member)
            component.append(module)
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return circles


def test_no_import_circle_inside_an_app():
    assert _circles() == []


def test_each_app_imports_only_the_floors_below_it():
    upward = defaultdict(set)
    for module, targets in EVERY_IMPORT.items():
        app = module.split(".")[0]
        for target in targets:
            if (other := target.split(".")[0]) != app and other not in FLOORS[app]:
                upward[module].add(target)
    assert dict(upward) == {}


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_every_app_is_on_a_floor(app):
    assert (ROOT / app / "__init__.py").exists()


def _named_folders(document: str, *, table_rows_only: bool = False) -> set[str]:
    """Folders a document names in backticks (``archive/contributions/``); the README's
    layout table only in its first column (elsewhere it names folders inside them)."""
    text = (ROOT / document).read_text()
    pattern = r"^\| `([a-z_]+/)` \|" if table_rows_only else r"`([a-z_]+(?:/[a-z_]+)*/)`"
    return set(re.findall(pattern, text, re.MULTILINE))


@pytest.mark.parametrize(
    ("document", "table_rows_only"), [("README.md", True), ("docs/architecture.md", False)]
)
def test_the_layout_documents_name_every_app_and_only_folders_that_exist(document, table_rows_only):
    named = _named_folders(document, table_rows_only=table_rows_only)
    # Folders made at run time (``var/``) are git-ignored: absent from a fresh clone.
    ignored = set((ROOT / ".gitignore").read_text().split())
    assert {f"{app}/" for app in FLOORS} <= named
    assert sorted(f for f in named - ignored if not (ROOT / f).is_dir()) == []


def test_the_architecture_names_every_slice():
    slices = {
        f"{path.parent.relative_to(ROOT)}/"
        for app in FLOORS
        for path in (ROOT / app).glob("*/models.py")
    }
    assert slices <= _named_folders("docs/architecture.md")
