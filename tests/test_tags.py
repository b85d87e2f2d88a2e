"""Tags: one per name whatever the case, several ids at once, rename and merge (issue 14.6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)

from readlist.library import Library
from readlist.store import db as store_db


@pytest.fixture
def imported(cli: Cli, fixtures_dir: Path) -> Cli:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    return cli


def _tags(runner: Cli, entry: int) -> list[str]:
    return list(runner.json("show", str(entry))["tags"])


def test_one_tag_whatever_the_case(imported: Cli) -> None:
    bert = imported.id_of("BERT")
    imported.ok("tag", str(bert), "RLHF")
    imported.ok("tag", str(bert), "rlhf")
    assert _tags(imported, bert) == ["RLHF"]  # the first spelling is shown
    assert imported.json("tags", "ls") == [{"tag": "RLHF", "entries": 1}]
    assert [e["id"] for e in imported.json("ls", "tag:Rlhf")] == [bert]
    imported.ok("untag", str(bert), "rlhf")
    assert _tags(imported, bert) == []
    assert imported.json("tags", "ls") == []


def test_tag_and_untag_take_several_ids(imported: Cli) -> None:
    ids = [e["id"] for e in imported.json("ls")][:3]
    imported.ok("tag", *map(str, ids), "survey", "2023")
    assert all(_tags(imported, i) == ["2023", "survey"] for i in ids)
    imported.ok("untag", *map(str, ids[:2]), "SURVEY")
    assert [_tags(imported, i) for i in ids] == [["2023"], ["2023"], ["2023", "survey"]]


def test_untag_of_an_unknown_tag_is_an_error(imported: Cli) -> None:
    bert = imported.id_of("BERT")
    imported.ok("tag", str(bert), "classic")
    assert "no tag named 'clasic'" in imported.fails("untag", str(bert), "classic", "clasic")
    assert _tags(imported, bert) == ["classic"]  # nothing changed
    assert "ids before the tags" in imported.fails("tag", "rlhf")


def test_rename_respells_and_refuses_a_taken_name(imported: Cli) -> None:
    a, b = [e["id"] for e in imported.json("ls")][:2]
    imported.ok("tag", str(a), "rlhf")
    imported.ok("tag", str(b), "alignment")
    imported.ok("tags", "rename", "RLHF", "RLHF")
    assert _tags(imported, a) == ["RLHF"]
    assert [e["id"] for e in imported.json("ls", "RLHF")] == [a]  # the index has the new name
    assert "merge the two" in imported.fails("tags", "rename", "rlhf", "Alignment")
    assert _tags(imported, a) == ["RLHF"] and _tags(imported, b) == ["alignment"]
    assert "no tag named 'nope'" in imported.fails("tags", "rename", "nope", "x")


def test_merge_moves_every_link(imported: Cli) -> None:
    a, b, c = [e["id"] for e in imported.json("ls")][:3]
    imported.ok("tag", str(a), str(b), "rl")
    imported.ok("tag", str(b), str(c), "rlhf")
    imported.ok("tags", "merge", "rl", "RLHF", "--into", "alignment")
    assert [_tags(imported, i) for i in (a, b, c)] == [["alignment"]] * 3
    assert imported.json("tags", "ls") == [{"tag": "alignment", "entries": 3}]
    assert imported.json("ls", "tag:rl") == []
    assert {e["id"] for e in imported.json("ls", "alignment")} == {a, b, c}


def test_library_reports_what_a_merge_touched(tmp_path: Path, fixtures_dir: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.import_source(str(fixtures_dir / "cli_list_v1.md"))
        a, b, c = lib.find("")[:3]
        lib.tag([a], ["x"])
        lib.tag([b], ["y"])
        changes = lib.tag_merge(["x", "y"], "z")
        assert changes.tags and changes.entries == {a, b}
        assert c not in changes.entries


def test_migration_merges_case_duplicates_keeping_links(tmp_path: Path,
                                                        fixtures_dir: Path) -> None:
    """A library from before 0007 with `RLHF` and `rlhf` ends with one tag on both entries."""
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_db.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    engine.dispose()
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO readers (id, name) VALUES (1, 'me')")
        for i in (1, 2, 3):
            con.execute("INSERT INTO entries (id, key, title, title_norm, authors, organization,"
                        " kind, description, list_order, first_seen, last_seen) VALUES "
                        "(?, ?, ?, ?, '', '', 'paper', '', ?, 'x', 'x')",
                        (i, f"k{i}", f"Paper {i}", f"paper {i}", i))
        con.executemany("INSERT INTO tags (id, reader_id, name) VALUES (?, 1, ?)",
                        [(1, "RLHF"), (2, "rlhf"), (3, "Rlhf"), (4, "other")])
        con.executemany("INSERT INTO entry_tags (tag_id, entry_id) VALUES (?, ?)",
                        [(1, 1), (2, 1), (2, 2), (3, 3), (4, 3)])
    with Library(path) as lib:
        assert lib.tags() == [("other", 1), ("RLHF", 3)]
        assert sorted(lib.find("tag:rlhf")) == [1, 2, 3]
        assert sorted(lib.find("rlhf")) == [1, 2, 3]  # the search index followed
        assert [v.tags for v in lib.views([1, 2, 3])] == [["RLHF"], ["RLHF"], ["RLHF", "other"]]
        lib.tag([1], ["rLhF"])
        assert lib.tags() == [("other", 1), ("RLHF", 3)]
