"""Start-up: commands load only what they use (issue 14.12); timings are in bench/startup.py."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

#: Heavy libraries that `ls`, `show` and `next` never need (SQLAlchemy: ~140 ms of imports).
NOT_FOR_READING = ("sqlalchemy", "markdown_it", "markdown", "rapidfuzz", "alembic", "nh3",
                   "PySide6")

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


def test_writing_commands_still_load_the_engine(library: Path) -> None:
    assert _loaded("--db", str(library), "mark", "read", "1") == ["sqlalchemy"]


def test_each_thread_reads_on_its_own_connection(library: Path) -> None:
    from readlist.library import Library

    with Library(library) as lib:
        here = lib.find("attention")
        there: list[list[int]] = []
        worker = threading.Thread(target=lambda: there.append(lib.find("attention")))
        worker.start()
        worker.join(timeout=60)
        assert there == [here] and here
        lib.mark(here[:1], "read")  # a write through the engine, then lite reads see it
        assert lib.count("status:read") == 1


def test_the_probe_sees_what_an_import_loads(tmp_path: Path, fixtures_dir: Path) -> None:
    loaded = _loaded("--db", str(tmp_path / "x.sqlite3"), "import",
                     str(fixtures_dir / "cli_list_v1.md"))
    assert "markdown_it" in loaded and "rapidfuzz" in loaded


def test_a_lazy_module_loads_once_whatever_thread_reads_it_first() -> None:
    from readlist.core.lazy import lazy_module

    module = lazy_module("colorsys")
    start = threading.Barrier(8)
    found: list[object] = []

    def first_touch() -> None:
        start.wait(timeout=30)
        found.append(module.rgb_to_hsv(1.0, 0.0, 0.0))

    workers = [threading.Thread(target=first_touch) for _ in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=30)
    assert found == [(0.0, 1.0, 1.0)] * 8
    with pytest.raises(AttributeError):
        _ = module.no_such_function
