"""A new library is created at the current schema in one step; it must equal the migrated one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from readlist.library import Library
from readlist.store import db as store_db
from readlist.store import schema

REGENERATE = "run `PYTHONPATH=src python -m readlist.store.schema --write`"


def _snapshot(path: Path) -> tuple[list[tuple[str, str, str, str]], list[tuple[object, ...]],
                                   str]:
    con = sqlite3.connect(path)
    try:
        objects = sorted(schema.schema_objects(con))
        seeds = sorted(con.execute("SELECT * FROM fts_bulk").fetchall())
        rev = str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
        return objects, seeds, rev
    finally:
        con.close()


def test_new_library_equals_one_built_by_every_migration(tmp_path: Path) -> None:
    slow = tmp_path / "migrated.sqlite3"
    schema.migrated(slow)
    slow_objects, slow_seeds, slow_rev = _snapshot(slow)
    by_library = tmp_path / "new.sqlite3"  # how the faces create one: plain sqlite3
    Library(by_library).close()
    by_engine = tmp_path / "engine.sqlite3"  # how open_engine creates one
    store_db.open_engine(by_engine).dispose()
    for fresh in (by_library, by_engine):
        fresh_objects, fresh_seeds, fresh_rev = _snapshot(fresh)
        assert fresh_rev == slow_rev == store_db.HEAD_REVISION, REGENERATE
        missing = [o[1] for o in slow_objects if o not in fresh_objects]
        extra = [o[1] for o in fresh_objects if o not in slow_objects]
        assert (missing, extra) == ([], []), REGENERATE
        assert fresh_seeds == slow_seeds
    # FTS5 made the same shadow tables from the same declaration
    with sqlite3.connect(by_library) as a, sqlite3.connect(slow) as b:
        names = ("SELECT name FROM sqlite_master WHERE name LIKE 'entry_fts%' "
                 "OR name LIKE 'sqlite_stat%' ORDER BY name")
        assert a.execute(names).fetchall() == b.execute(names).fetchall()


def test_generated_module_is_current() -> None:
    current = (Path(schema.__file__).with_name("schema_sql.py")).read_text(encoding="utf-8")
    assert schema.render() == current, REGENERATE


def test_new_library_works_and_later_migrations_still_run(tmp_path: Path,
                                                          fixtures_dir: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        lib.import_source(str(fixtures_dir / "cli_list_v1.md"))
        first = lib.find("attention")[0]
        lib.tag([first], ["x"])
        assert lib.find("tag:X") == [first]
    with Library(path) as lib:  # reopening a stamped library runs nothing
        assert lib.count("") == 7
