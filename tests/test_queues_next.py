"""Queues list in queue order; Next up and `readlist next` (issue 14.7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)

from readlist.library import Library


@pytest.fixture
def imported(cli: Cli, fixtures_dir: Path) -> Cli:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    return cli


def _ids(runner: Cli, *args: str) -> list[int]:
    return [int(e["id"]) for e in runner.json(*args)]


def test_ls_of_a_queue_is_in_queue_order(imported: Cli) -> None:
    ids = _ids(imported, "ls")
    order = [ids[4], ids[1], ids[6], ids[2]]
    imported.ok("queue", "new", "Next up")
    imported.ok("queue", "add", "Next up", *map(str, order))
    assert _ids(imported, "ls", 'queue:"Next up"') == order
    imported.ok("queue", "move", "Next up", str(ids[2]), "1")
    order = [ids[2], ids[4], ids[1], ids[6]]
    assert _ids(imported, "ls", 'queue:"next up"') == order
    assert [e["id"] for e in imported.json("queue", "show", "Next up")["items"]] == order
    # words and other fields filter but keep the queue's order; a sort overrides it
    assert _ids(imported, "ls", 'queue:"Next up"', "-kind:paper") == [
        i for i in order if i not in _ids(imported, "ls", "kind:paper")]
    assert _ids(imported, "ls", 'queue:"Next up"', "--sort", "list") == sorted(
        order, key=ids.index)


def test_next_up_orders_by_priority_then_queue_place_and_drops_read(imported: Cli) -> None:
    ids = _ids(imported, "ls")
    imported.ok("queue", "new", "Next up")
    imported.ok("queue", "new", "Later")
    imported.ok("queue", "add", "Next up", str(ids[5]), str(ids[3]), str(ids[0]))
    imported.ok("queue", "add", "Later", str(ids[6]), str(ids[1]))
    imported.ok("priority", "high", str(ids[1]))
    imported.ok("mark", "read", str(ids[3]))
    with Library(imported.db) as lib:
        assert lib.next_up() == [ids[1], ids[5], ids[0], ids[6]]
        assert lib.next_up(limit=1) == [ids[1]]
    assert imported.json("next")["id"] == ids[1]
    assert imported.ok("next").split()[0] == str(ids[1])


def test_next_falls_back_to_to_read_entries_then_to_nothing(imported: Cli) -> None:
    ids = _ids(imported, "ls")
    code, out, err = imported.run("next")
    assert code == 0 and out == "" and "nothing left to read" in err
    assert imported.json("next") is None
    imported.ok("mark", "to-read", str(ids[4]), str(ids[2]))
    assert imported.json("next")["id"] == ids[2]  # list order at equal priority
    imported.ok("priority", "urgent", str(ids[4]))
    assert imported.json("next")["id"] == ids[4]
    imported.ok("mark", "skipped", str(ids[4]))
    assert imported.json("next")["id"] == ids[2]
