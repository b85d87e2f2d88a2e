"""Queries on the command line: a leading `-`, `--sort -FIELD`, `--version` (issue 14.8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)

from readlist import __version__
from readlist.cli import query_argv


@pytest.fixture
def imported(cli: Cli, fixtures_dir: Path) -> Cli:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    return cli


def test_query_may_begin_with_minus(imported: Cli) -> None:
    everything = imported.json("ls")
    not_papers = imported.json("ls", "-kind:paper")
    assert not_papers and all(e["kind"] != "paper" for e in not_papers)
    papers = [e for e in everything if e["kind"] == "paper"]
    assert len(papers) + len(not_papers) == len(everything)
    # options may sit anywhere among the terms; the terms keep their order
    both = imported.json("ls", "-kind:paper", "--limit", "2", "attention")
    assert 0 < len(both) <= 2 and all(e["kind"] != "paper" for e in both)


def test_or_with_negated_term_keeps_term_order(imported: Cli) -> None:
    ids = {e["id"] for e in imported.json("ls", "bert", "OR", "-kind:paper")}
    bert = imported.id_of("BERT")
    assert bert in ids
    assert ids == {bert} | {e["id"] for e in imported.json("ls", "-kind:paper")}


def test_sort_reversed_with_a_leading_minus(imported: Cli) -> None:
    ids = [e["id"] for e in imported.json("ls")]
    imported.ok("priority", "urgent", str(ids[3]))
    imported.ok("priority", "low", str(ids[0]))
    high_first = [e["id"] for e in imported.json("ls", "--sort", "priority")]
    low_first = [e["id"] for e in imported.json("ls", "--sort", "-priority")]
    assert high_first[0] == ids[3] and high_first[-1] == ids[0]
    assert low_first[0] == ids[0] and low_first[-1] == ids[3]
    assert [e["id"] for e in imported.json("ls", "--sort=-priority")] == low_first


def test_bad_query_and_bad_sort_are_one_line(imported: Cli) -> None:
    assert "unknown field 'stat'" in imported.fails("ls", "-stat:read")
    assert "unknown sort" in imported.fails("ls", "--sort", "-colour")


def test_query_argv_leaves_other_commands_alone() -> None:
    assert query_argv(["mark", "read", "1"]) == ["mark", "read", "1"]
    assert query_argv(["--db", "x", "ls", "-tag:a", "--json"]) == [
        "--db", "x", "ls", "--json", "--", "-tag:a"]
    assert query_argv(["search", "save", "S", "-status:read"]) == [
        "search", "save", "S", "--", "-status:read"]


def test_saved_search_may_begin_with_minus(imported: Cli) -> None:
    imported.ok("search", "save", "Not papers", "-kind:paper")
    assert "Not papers\t-kind:paper" in imported.ok("search", "ls")


def test_version_as_a_process() -> None:
    proc = subprocess.run([sys.executable, "-m", "readlist", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"readlist {__version__}"


def test_search_run_lists_what_the_saved_search_finds(imported: Cli) -> None:
    imported.ok("search", "save", "Unread code", "-kind:paper", "-status:read")
    expected = imported.json("ls", "-kind:paper", "-status:read")
    assert imported.json("search", "run", "unread CODE") == expected
    assert len(imported.json("search", "run", "Unread code", "--limit", "1")) == 1
    lines = imported.ok("search", "run", "Unread code").splitlines()
    assert [int(line.split()[0]) for line in lines] == [e["id"] for e in expected]
    assert "no saved search named 'nope'" in imported.fails("search", "run", "nope")
