"""The command line as a user drives it, on a real SQLite file (DESIGN.md §4)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)

ENTRY_KEYS = {"id", "key", "title", "url", "authors", "organization", "year", "kind", "sections",
              "links", "description", "status", "priority", "rating", "queues", "tags", "note",
              "retired", "venue", "list_note", "history", "pdf", "abstract"}


@pytest.fixture
def imported(cli: Cli, fixtures_dir: Path) -> Cli:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    return cli


def test_import_json_shape(cli: Cli, fixtures_dir: Path) -> None:  # noqa: F811
    report = cli.json("import", str(fixtures_dir / "cli_list_v1.md"))
    assert set(report) == {"source", "entries", "added", "changed", "moved", "retired",
                           "revived", "unchanged", "seconds"}
    assert report["entries"] == 7 and report["added"] == 7
    assert report["source"] == "Awesome Test List"


def test_ls_json_has_every_field_and_sections(imported: Cli) -> None:
    items = imported.json("ls")
    assert len(items) == 7
    assert all(set(e) == ENTRY_KEYS for e in items)
    bert = next(e for e in items if e["title"].startswith("BERT"))
    assert bert["sections"] == ["Papers"]
    assert bert["key"] == "arxiv:1810.04805"
    attn = next(e for e in items if e["title"] == "Attention? Attention!")
    assert attn["sections"] == ["Articles > Attention Mechanism"]
    assert bert["status"] == "unread" and bert["priority"] == "normal"


def test_mark_note_tag_show(imported: Cli) -> None:
    bert = imported.id_of("BERT")
    imported.ok("mark", "read", str(bert))
    imported.ok("note", str(bert), "--set", "Masked LM + NSP.")
    imported.ok("note", str(bert), "--append", "Read with **care**.")
    imported.ok("tag", str(bert), "pretraining", "classic")
    imported.ok("rate", "4", str(bert))
    imported.ok("priority", "high", str(bert))
    shown = imported.json("show", str(bert))
    assert shown["status"] == "read"
    assert shown["note"] == "Masked LM + NSP.\n\nRead with **care**."
    assert shown["tags"] == ["classic", "pretraining"]
    assert shown["rating"] == 4 and shown["priority"] == "high"
    assert imported.ok("note", str(bert)).strip() == shown["note"]
    imported.ok("untag", str(bert), "classic")
    assert imported.json("show", str(bert))["tags"] == ["pretraining"]


def test_queue_add_move_remove_keeps_exact_order(imported: Cli) -> None:
    ids = [e["id"] for e in imported.json("ls")]
    imported.ok("queue", "new", "Next up")
    imported.ok("queue", "add", "Next up", *map(str, ids[:5]))
    order = [e["id"] for e in imported.json("queue", "show", "Next up")["items"]]
    assert order == ids[:5]
    imported.ok("queue", "move", "Next up", str(ids[4]), "1")
    imported.ok("queue", "move", "Next up", str(ids[0]), "3")
    expected = [ids[4], ids[1], ids[0], ids[2], ids[3]]
    shown = imported.json("queue", "show", "Next up")
    assert shown["name"] == "Next up"
    assert [e["id"] for e in shown["items"]] == expected
    imported.ok("queue", "rm", "Next up", str(ids[1]))
    expected.remove(ids[1])
    assert [e["id"] for e in imported.json("queue", "show", "Next up")["items"]] == expected
    # putting an unread entry in a queue makes it to-read
    assert imported.json("show", str(ids[2]))["status"] == "to-read"
    assert imported.json("show", str(ids[2]))["queues"] == ["Next up"]


def test_queue_move_many_times_stays_exact(imported: Cli) -> None:
    ids = [e["id"] for e in imported.json("ls")]
    imported.ok("queue", "new", "Q")
    imported.ok("queue", "add", "Q", *map(str, ids))
    expected = list(ids)
    # 60 moves between the same two neighbours exhaust float gaps: order must stay exact
    for n in range(60):
        entry = expected[-1] if n % 2 == 0 else expected[1]
        expected.remove(entry)
        expected.insert(1, entry)
        imported.ok("queue", "move", "Q", str(entry), "2")
    assert [e["id"] for e in imported.json("queue", "show", "Q")["items"]] == expected


def test_status_events_and_ls_all(imported: Cli) -> None:
    first = imported.id_of("Attention Is All")
    imported.ok("mark", "reading", str(first))
    imported.ok("mark", "read", str(first))
    assert imported.json("show", str(first))["status"] == "read"
    assert len(imported.json("ls", "--limit", "2")) == 2


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args, needle", [
    (("show", "999"), "no entry with id 999"),
    (("mark", "finished", "1"), "unknown status"),
    (("mark", "read", "1", "999"), "999"),
    (("queue", "add", "Nope", "1"), "no queue named 'Nope'"),
    (("queue", "show", "Nope"), "no queue named"),
    (("priority", "huge", "1"), "unknown priority"),
    (("rate", "9", "1"), "0 to 5"),
    (("tag", "1", "two words"), "one word"),
    (("search", "rm", "nothing"), "no saved search"),
])
def test_bad_input_one_line_exit_2_nothing_changed(imported: Cli, args: tuple[str, ...],
                                                   needle: str) -> None:
    before = imported.json("ls", "--all")
    line = imported.fails(*args)
    assert needle in line
    assert imported.json("ls", "--all") == before


def test_bad_db_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = Cli(tmp_path / "no" / "such" / "lib.sqlite3", capsys)
    assert "does not exist" in missing.fails("ls")
    assert not (tmp_path / "no").exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 10)
    digest = _digest(junk)
    assert "not a Readlist library" in Cli(junk, capsys).fails("ls")
    assert _digest(junk) == digest


def test_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert "read-only" in Cli(ro / "lib.sqlite3", capsys).fails("ls")
    finally:
        ro.chmod(0o700)


def test_read_only_folder_as_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Root ignores permission bits; /proc/self is a folder nobody may create files in."""
    if not Path("/proc/self").is_dir():
        pytest.skip("no procfs here")
    assert "read-only" in Cli(Path("/proc/self/lib.sqlite3"), capsys).fails("ls")


def test_unknown_command_is_one_line(cli: Cli) -> None:  # noqa: F811
    assert "invalid choice" in cli.fails("frobnicate")


def test_second_process_writes_while_first_reads(imported: Cli) -> None:
    """A long read transaction in this process; another process marks entries meanwhile."""
    from readlist.library import Library

    lib = Library(imported.db)
    ids = lib.find("")
    with lib.store.read() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM entries")).scalar() == 7
        proc = subprocess.run(
            [sys.executable, "-m", "readlist", "--db", str(imported.db), "mark", "read",
             *map(str, ids[:3])], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        # this snapshot still sees the old state (WAL readers are isolated)
        assert conn.execute(text("SELECT count(*) FROM reading_state WHERE status='read'")
                            ).scalar() == 0
    assert lib.count("status:read") == 3
    lib.close()
