"""Planner statistics are refreshed after an import that writes many rows (issue 13.7)."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import big_list

from readlist.library import Library
from readlist.store import statistics


def _entries_stat(lib: Library) -> int | None:
    """The row count sqlite_stat1 holds for the entries table (its first number)."""
    with lib.store.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = 'entries' AND idx IS NOT NULL "
            "LIMIT 1").first()
    return int(str(row[0]).split()[0]) if row and row[0] else None


def test_a_big_import_gathers_statistics_a_small_one_leaves_them(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.import_text(big_list(1500), name="many", dry_run=True)
    assert _entries_stat(lib) is None  # rolled back with the dry run
    lib.import_text(big_list(1500), name="many")
    gathered = _entries_stat(lib)
    assert gathered == 1500
    with lib.store.write() as conn:  # mark them, to see whether the next import redoes them
        conn.exec_driver_sql("UPDATE sqlite_stat1 SET stat = '7 1' WHERE tbl = 'entries'")
    small = big_list(1500).replace("Paper number 3 ", "Paper number three ")
    assert lib.import_text(small, name="many").changed == 1
    assert _entries_stat(lib) == 7  # 1 row written: the statistics still hold
    lib.close()


def test_when_a_refresh_is_worth_it() -> None:
    assert statistics.worth_refreshing(30, 0)  # a first import into an empty library
    assert statistics.worth_refreshing(100, 1000)
    assert not statistics.worth_refreshing(99, 1000)
    assert statistics.worth_refreshing(1, 10**5, has_stats=False)  # never gathered yet
    assert not statistics.worth_refreshing(0, 0, has_stats=False)


def test_a_library_without_statistics_gets_them_on_its_next_import(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.import_text(big_list(300), name="many")
    with lib.store.write() as conn:  # as a library made before imports gathered statistics
        conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'entries'")
    lib.import_text(big_list(300).replace("number 3 ", "number three "), name="many")
    assert _entries_stat(lib) == 300
    lib.close()
