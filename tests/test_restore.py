"""JSON round-trip, restore of bad input, --merge rules, and backups (issue #7)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from io_helpers import annotate, build, ids_by_key

from readlist import export
from readlist.cli import main
from readlist.core.errors import BadInputError
from readlist.library import Library
from readlist.library_io import KEEP_BACKUPS, restore_backup


def _strip(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_at"}


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    lib = build(tmp_path / "source.sqlite3")
    annotate(lib)
    out = tmp_path / "export.json"
    export.run_export(lib, "json", str(out))
    lib.close()
    return out


def test_round_trip_is_identical(exported: Path, tmp_path: Path) -> None:
    lib = Library(tmp_path / "empty.sqlite3")
    counts = lib.restore_json(exported)
    assert counts["entries created"] == 9
    again = lib.export_data()
    assert _strip(again) == _strip(json.loads(exported.read_text(encoding="utf-8")))
    k = ids_by_key(lib)
    att = k["arxiv:1706.03762"]
    assert [v.body for v in lib.note_versions(att)] == ["First take."]
    assert lib.get(att).tags == ["attention", "nlp"] and lib.get(att).rating == 5
    assert [v.key for v in lib.queue_entries("Next up")] == ["arxiv:1907.11692",
                                                             "arxiv:2004.05150"]
    assert [s.name for s in lib.saved_searches()] == ["Unread papers"]
    assert lib.find("dot-product") == [att]  # the full-text index knows restored notes
    assert lib.count("is:new") == 9  # import runs came back too
    assert lib.stats().to_json() == Library(tmp_path / "source.sqlite3").stats().to_json()


def test_cli_restore_prints_a_summary(exported: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "new.sqlite3"), "restore", str(exported)]) == 0
    out = capsys.readouterr().out
    assert "9 entries created" in out and "2 queues" in out


def _expect_bad(lib: Library, path: Path, match: str, merge: bool = False) -> None:
    before = lib.export_data()
    with pytest.raises(BadInputError, match=match):
        lib.restore_json(path, merge=merge)
    assert _strip(lib.export_data()) == _strip(before)


def test_bad_input_changes_nothing(exported: Path, tmp_path: Path) -> None:
    lib = Library(tmp_path / "target.sqlite3")
    doc = json.loads(exported.read_text(encoding="utf-8"))
    cases: list[tuple[str, str | bytes, str]] = [
        ("other.json", json.dumps({"hello": 1}), "not a Readlist export"),
        ("list.json", "[1, 2]", "not a Readlist export"),
        ("newer.json", json.dumps({**doc, "format_version": 99}), "newer Readlist"),
        ("cut.json", exported.read_text(encoding="utf-8")[:5000], "truncated"),
        ("binary.json", b"\xff\xfe\x00garbage", "not"),
        ("badstatus.json", json.dumps({**doc, "entries": [{**doc["entries"][0],
                                                           "status": "done"}]}), "status"),
        ("dupkey.json", json.dumps({**doc, "entries": doc["entries"] + doc["entries"][:1]}),
         "twice"),
        ("badqueue.json", json.dumps({**doc, "queues": [{"name": "Q", "items": ["nope"]}]}),
         "not an entry"),
    ]
    for name, body, match in cases:
        path = tmp_path / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
        _expect_bad(lib, path, match)
    assert lib.count("") == 0
    # a late failure (the last entry is broken) still leaves nothing behind
    broken = {**doc, "entries": doc["entries"][:-1] + [{**doc["entries"][-1], "id": 1}]}
    (tmp_path / "late.json").write_text(json.dumps(broken), encoding="utf-8")
    _expect_bad(lib, tmp_path / "late.json", "twice")
    with pytest.raises(BadInputError, match="cannot read"):
        lib.restore_json(tmp_path / "missing.json")


def test_non_empty_library_needs_merge(exported: Path, tmp_path: Path) -> None:
    lib = build(tmp_path / "busy.sqlite3")
    _expect_bad(lib, exported, "--merge")
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(tmp_path / "busy.sqlite3"), "restore", str(exported)])
    assert exc.value.code == 2


def test_merge_fills_without_clobbering_newer(exported: Path, tmp_path: Path) -> None:
    lib = build(tmp_path / "other.sqlite3")  # the same list, its own reading layer
    k = ids_by_key(lib)
    att, longf = k["arxiv:1706.03762"], k["arxiv:2004.05150"]
    lib.mark([att], "reading")  # now: newer than the export's 2024 "read"
    lib.set_note(att, "My newer note")  # newer than the export's note
    lib.tag([att], ["mine"])
    lib.queue_new("next UP")
    lib.queue_add("next UP", [k["example.com/a"]])
    counts = lib.restore_json(exported, merge=True)
    assert counts["entries matched"] == 9 and counts["entries created"] == 0
    view = lib.get(att)
    assert view.status.value == "reading"  # newer local status kept
    assert view.rating == 5  # missing rating filled
    assert view.note == "My newer note"
    bodies = [v.body for v in lib.note_versions(att)]
    assert "First take." in bodies and any(b.startswith("Scaled dot-product") for b in bodies)
    assert view.tags == ["attention", "mine", "nlp"]
    assert lib.get(longf).status.value == "reading"  # filled from the export
    assert [v.key for v in lib.queue_entries("Next up")] == [
        "example.com/a", "arxiv:1907.11692", "arxiv:2004.05150"]
    assert len(lib.queues()) == 2
    again = lib.restore_json(exported, merge=True)  # merging twice adds nothing
    assert again["events"] == 0 and again["note versions"] == 0 and again["queue items"] == 0


def test_backup_while_another_connection_writes(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite3"
    lib = build(db)
    lib.mark([1], "read")  # committed, possibly only in the WAL so far
    other = sqlite3.connect(db, isolation_level=None, timeout=1)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO readers (name) VALUES ('uncommitted')")
    try:
        dest = lib.backup(tmp_path / "copy.sqlite3")
    finally:
        other.execute("ROLLBACK")
        other.close()
    copy = sqlite3.connect(dest)
    assert copy.execute("SELECT status FROM reading_state WHERE entry_id = 1").fetchone() == (
        "read",)
    assert copy.execute("SELECT count(*) FROM readers WHERE name = 'uncommitted'"
                        ).fetchone() == (0,)
    copy.close()
    with pytest.raises(BadInputError, match="exists"):
        lib.backup(dest)


def test_auto_backups_keep_the_last_n_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    lib = build(db)
    first = lib.auto_backup("before import")
    assert first.parent == tmp_path / "backups" and "before-import" in first.name
    for n in range(KEEP_BACKUPS + 2):
        lib.auto_backup(f"import {n}")
    backups = lib.list_backups()
    assert len(backups) == KEEP_BACKUPS and first not in backups
    assert backups[0].name.endswith("import-11.sqlite3")
    lib.mark([1], "read")
    lib.close()
    saved = restore_backup(backups[0], db)
    assert saved.exists()
    with Library(db) as reopened:
        assert reopened.get(1).status.value == "unread"
    with Library(saved) as old:
        assert old.get(1).status.value == "read"
    (tmp_path / "junk.sqlite3").write_text("not a database")
    with pytest.raises(BadInputError):
        restore_backup(tmp_path / "junk.sqlite3", db)
