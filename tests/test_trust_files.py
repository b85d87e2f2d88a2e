"""Issue 12: backups belong to their library and are good; a damaged, empty or foreign file is
refused before any write; mistakes (an export over the library, an empty --db) cannot destroy."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (the fixture)

from readlist.library import Library
from readlist.library_io import KEEP_BACKUPS, backups_to_prune
from readlist.store import backups

PAGE = 4096


def _imported(cli: Cli, fixtures_dir: Path) -> int:
    """A library holding v1 with an annotated entry, then v2: one automatic backup."""
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    bert = cli.id_of("BERT")
    cli.ok("note", str(bert), "--set", "keep me")
    cli.ok("import", str(fixtures_dir / "cli_list_v2.md"), "--force")
    return bert


def _junk_over_middle_page(path: Path) -> None:
    pages = path.stat().st_size // PAGE
    assert pages > 4
    with path.open("r+b") as fh:
        fh.seek((pages // 2) * PAGE)
        fh.write(b"\xde\xad\xbe\xef" * (PAGE // 4))


def test_one_librarys_import_never_prunes_anothers_backups(tmp_path: Path,
                                                           fixtures_dir: Path) -> None:
    work = Library(tmp_path / "lib.work.sqlite3")
    work.import_text((fixtures_dir / "cli_list_v1.md").read_text())
    for n in range(3):
        work.auto_backup(f"by hand {n}")
    theirs = work.list_backups()
    work.close()
    lib = Library(tmp_path / "lib.sqlite3")
    lib.import_text((fixtures_dir / "cli_list_v1.md").read_text())
    for n in range(KEEP_BACKUPS + 3):
        lib.auto_backup(f"import {n}")
    assert len(lib.list_backups()) == KEEP_BACKUPS
    assert not set(theirs) & set(lib.list_backups())
    assert all(p.exists() for p in theirs)
    lib.close()


def test_a_killed_or_damaged_backup_is_never_taken_for_a_good_one(
        tmp_path: Path, fixtures_dir: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.import_text((fixtures_dir / "cli_list_v1.md").read_text())
    good = lib.auto_backup("good")
    damaged = lib.auto_backup("later")
    _junk_over_middle_page(damaged)
    empty = backups.backup_path(lib.store.path, "killed")  # type: ignore[arg-type]
    empty.write_bytes(b"")
    partial = empty.with_name(empty.name + ".partial")
    partial.write_bytes(b"SQLite format 3\x00")
    listed = lib.list_backups()
    assert empty not in listed and partial not in listed
    assert lib.newest_intact_backup() == good
    lib.close()


def test_pruning_keeps_recent_ones_and_one_a_day(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 12, 2, 12, tzinfo=UTC)
    found = [backups.Backup(tmp_path / f"b{n}", now - timedelta(hours=6 * n), "import")
             for n in range(60)]  # four a day for 15 days, newest first
    pruned = set(backups_to_prune(found, now))
    kept = [b for b in found if b.path not in pruned]
    assert found[:KEEP_BACKUPS] == kept[:KEEP_BACKUPS]
    days = {b.taken.date() for b in kept}
    assert days >= {(now - timedelta(days=d)).date() for d in range(7)}
    assert all(now - b.taken <= timedelta(days=7) for b in kept)


def test_unchanged_import_takes_no_backup(cli: Cli, fixtures_dir: Path) -> None:
    _imported(cli, fixtures_dir)
    lib = Library(cli.db)
    before = lib.list_backups()
    lib.close()
    assert len(before) == 1
    cli.ok("import", str(fixtures_dir / "cli_list_v2.md"))
    again = (fixtures_dir / "cli_list_v2.md").read_text() + "\n\n"  # new bytes, same list
    lib = Library(cli.db)
    lib.import_text(again, backup=True)
    assert lib.list_backups() == before
    lib.close()


def test_damaged_library_is_refused_before_any_write_and_a_backup_named(
        cli: Cli, fixtures_dir: Path) -> None:
    bert = _imported(cli, fixtures_dir)
    lib = Library(cli.db)
    good = lib.list_backups()[0]
    lib.close()
    _junk_over_middle_page(cli.db)
    damaged_bytes = cli.db.read_bytes()
    for args in (("ls",), ("mark", "read", str(bert)),
                 ("import", str(fixtures_dir / "cli_list_v1.md"), "--force")):
        line = cli.fails(*args)
        assert "is damaged" in line and str(good) in line
        assert f"restore {good}" in line
    assert cli.db.read_bytes() == damaged_bytes
    assert len(list((cli.db.parent / "backups").glob("*.sqlite3"))) == 1  # none rotated in
    assert "--merge restores a JSON export" in cli.fails("restore", str(good), "--merge")
    out = cli.ok("restore", str(good))
    assert "restored" in out
    assert cli.json("show", str(bert))["note"] == "keep me"
    saved = [p for p in (cli.db.parent / "backups").glob("*.before-restore.sqlite3")]
    assert len(saved) == 1 and saved[0].read_bytes() == damaged_bytes  # kept aside, as it was


def test_empty_file_is_not_turned_into_a_library(cli: Cli) -> None:
    cli.db.write_bytes(b"")
    line = cli.fails("ls")
    assert "empty (0 bytes)" in line
    assert cli.db.stat().st_size == 0


def test_another_programs_sqlite_file_is_refused_unmodified(cli: Cli) -> None:
    other = sqlite3.connect(cli.db)
    other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    other.execute("INSERT INTO photos (path) VALUES ('a.jpg')")
    other.commit()
    other.close()
    before = cli.db.read_bytes()
    line = cli.fails("ls")
    assert "not a Readlist library" in line
    assert cli.db.read_bytes() == before
    assert not Path(f"{cli.db}-wal").exists()


def test_export_never_writes_over_a_library(cli: Cli, fixtures_dir: Path,
                                            tmp_path: Path) -> None:
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    before = cli.db.read_bytes()
    for target in (cli.db, Path(f"{cli.db}-wal")):
        line = cli.fails("export", "--format", "json", "-o", str(target))
        assert "library itself" in line
    other = tmp_path / "other.sqlite3"
    Library(other).close()
    other_bytes = other.read_bytes()
    assert "SQLite database" in cli.fails("export", "--format", "csv", "-o", str(other))
    assert other.read_bytes() == other_bytes
    assert cli.db.read_bytes() == before
    assert len(cli.json("ls")) == 7


def test_empty_db_argument_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from readlist.cli import main

    real = tmp_path / "real.sqlite3"
    monkeypatch.setenv("READLIST_DB", str(real))
    for args in (["ls"], []):  # [] would start the app on the default library
        with pytest.raises(SystemExit) as exc:
            main(["--db", "", *args])
        assert exc.value.code == 2 and "--db is empty" in capsys.readouterr().err
    assert not real.exists()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_endless_input_is_read_with_a_cap(cli: Cli) -> None:
    assert "50 MB limit" in cli.fails("import", "/dev/zero")
    assert "256 MB" in cli.fails("restore", "/dev/zero")


def test_absurd_numbers_and_arguments_get_one_line(cli: Cli, fixtures_dir: Path) -> None:
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    huge = "9" * 20
    for args in (("show", huge), ("mark", "read", huge), ("changes", huge),
                 ("ls", "--limit", huge), ("queue", "move", "Q", "1", huge),
                 ("-" * 40,), ("ls", "-" * 40)):
        cli.fails(*args)
    assert len(cli.json("ls")) == 7


def test_hostile_restores_get_one_line(cli: Cli, fixtures_dir: Path, tmp_path: Path) -> None:
    import json

    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    cli.ok("export", "--format", "json", "-o", str(tmp_path / "export.json"))
    data = json.loads((tmp_path / "export.json").read_text())
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in cli.fails("restore", str(nested), "--merge")
    data["entries"][0]["tags"] = [f"t{n}" for n in range(100_000)]
    tags = tmp_path / "tags.json"
    tags.write_text(json.dumps(data))
    assert "100,000 tags" in cli.fails("restore", str(tags), "--merge")
    data["entries"][0]["tags"] = []
    data["entries"][0]["year"] = 10**20
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data))
    assert "whole number" in cli.fails("restore", str(big), "--merge")
