"""Shared notes (issue 16.4): `note ID … --share` shows a note to the group, `noted-by:` finds
another reader's note only once it is shared, and a bad id changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)


def _ids(cli: Cli, *query: str, reader: str = "me") -> list[int]:  # noqa: F811
    return [e["id"] for e in cli.json("--reader", reader, "ls", *query)]


def test_a_note_is_private_until_shared(cli: Cli, fixtures_dir: Path) -> None:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "citations.md"))
    a, b = _ids(cli)[:2]
    cli.ok("--reader", "ana", "note", str(a), "--set", "Ana's private thought")
    cli.ok("--reader", "ana", "note", str(b), "--set", "Ana's reading-group summary")
    cli.ok("--reader", "ben", "mark", "read", str(a))
    assert _ids(cli, "noted-by:ana", reader="ben") == []
    assert _ids(cli, "noted-by:ana", reader="ana") == sorted([a, b])

    cli.ok("--reader", "ana", "note", str(b), "--share")
    assert _ids(cli, "noted-by:ana", reader="ben") == [b]
    assert _ids(cli, "read-by:ben", reader="ana") == [a]

    cli.ok("--reader", "ana", "note", str(b), "--unshare")
    assert _ids(cli, "noted-by:ana", reader="ben") == []


def test_sharing_an_entry_without_a_note_changes_nothing(cli: Cli,  # noqa: F811
                                                        fixtures_dir: Path) -> None:
    cli.ok("import", str(fixtures_dir / "citations.md"))
    a, b = _ids(cli)[:2]
    cli.ok("note", str(a), "--set", "mine")
    before = cli.db.read_bytes()
    assert f"entry {b} has no note to share" in cli.fails("note", str(a), str(b), "--share")
    assert cli.db.read_bytes() == before
    assert "one ID at a time" in cli.fails("note", str(a), str(b), "--set", "x")


@pytest.mark.parametrize("flag", ["--share", "--unshare"])
def test_share_needs_an_existing_entry(cli: Cli, flag: str) -> None:  # noqa: F811
    assert cli.fails("note", "999", flag)
