"""Start-up: commands load only what they use (issue 14.12); timings are in bench/startup.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

#: Heavy libraries that `ls`, `show` and `next` never need.
NOT_FOR_READING = ("markdown_it", "markdown", "rapidfuzz", "alembic", "nh3", "PySide6")

_PROBE = """
import sys
from readlist.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[0].split(',')))
print('LOADED:' + ','.join(heavy))
"""


def _loaded(*args: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE.replace("sys.argv[0]", repr(
        ",".join(NOT_FOR_READING))), *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    marker = [line for line in proc.stdout.splitlines() if line.startswith("LOADED:")]
    assert len(marker) == 1, proc.stdout
    return [m for m in marker[0][len("LOADED:"):].split(",") if m]


@pytest.fixture
def library(tmp_path: Path, fixtures_dir: Path) -> Path:
    db = tmp_path / "lib.sqlite3"
    proc = subprocess.run([sys.executable, "-m", "readlist", "--db", str(db), "import",
                           str(fixtures_dir / "cli_list_v1.md")], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.mark.parametrize("command", [["ls", "attention"], ["show", "1"], ["next"],
                                     ["ls", "--json", "-kind:paper"]])
def test_reading_commands_load_no_importer_parser_or_migrations(library: Path,
                                                                command: list[str]) -> None:
    assert _loaded("--db", str(library), *command) == []


def test_creating_a_library_runs_no_migrations(tmp_path: Path) -> None:
    assert _loaded("--db", str(tmp_path / "new.sqlite3"), "ls") == []


def test_the_probe_sees_what_an_import_loads(tmp_path: Path, fixtures_dir: Path) -> None:
    loaded = _loaded("--db", str(tmp_path / "x.sqlite3"), "import",
                     str(fixtures_dir / "cli_list_v1.md"))
    assert "markdown_it" in loaded and "rapidfuzz" in loaded
