"""Imports flow one way (DESIGN.md §1): checked by reading every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "readlist"

# package -> readlist packages it must never import
FORBIDDEN = {
    "core": ("readlist.store", "readlist.importing", "readlist.query", "readlist.library",
             "readlist.ui", "readlist.cli"),
    "importing": ("readlist.store", "readlist.query", "readlist.library", "readlist.ui",
                  "readlist.cli"),
    "query": ("readlist.store", "readlist.importing", "readlist.library", "readlist.ui",
              "readlist.cli"),
    "papers": ("readlist.store", "readlist.importing", "readlist.query", "readlist.library",
               "readlist.ui", "readlist.cli"),
    "store": ("readlist.library", "readlist.ui", "readlist.cli"),
    "ui": ("readlist.store", "readlist.importing", "readlist.cli"),
    "cli_trust.py": ("readlist.store", "readlist.importing", "readlist.query", "readlist.ui"),
    "library_undo.py": ("readlist.ui", "readlist.cli"),
}
# the command line's modules (cli.py, cli_*.py) call only the Library, like the app
_FACE = ("readlist.store", "readlist.importing", "readlist.query")
FORBIDDEN.update({p.name: _FACE for p in SRC.glob("cli*.py")})


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts or
                  p.name == "env.py")


def test_sources_exist() -> None:
    assert len(_modules()) > 10


def test_only_store_imports_sqlalchemy_and_alembic() -> None:
    offenders = [str(p.relative_to(SRC)) for p in _modules()
                 if p.relative_to(SRC).parts[0] != "store"
                 and any(n.split(".")[0] in ("sqlalchemy", "alembic") for n in _imports(p))]
    assert offenders == []


def test_only_ui_imports_qt() -> None:
    offenders = [str(p.relative_to(SRC)) for p in _modules()
                 if p.relative_to(SRC).parts[0] != "ui"
                 and any(n.split(".")[0] in ("PySide6", "shiboken6") for n in _imports(p))]
    assert offenders == []


def test_imports_flow_one_way() -> None:
    offenders = []
    for p in _modules():
        package = p.relative_to(SRC).parts[0]
        for name in _imports(p):
            if any(name == bad or name.startswith(bad + ".")
                   for bad in FORBIDDEN.get(package, ())):
                offenders.append(f"{p.relative_to(SRC)} imports {name}")
    assert offenders == []
