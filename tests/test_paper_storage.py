"""Offline files as storage: their size in stats, freeing space, backups, exports, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)
from tests.paper_server import ATTENTION, BERT, DIRECT, PaperServer

from readlist.cli import main

TOTAL = len(ATTENTION) + len(BERT) + len(DIRECT)


@pytest.fixture
def fetched(papers: Cli) -> Cli:
    papers.ok("fetch")
    return papers


def test_stats_show_the_offline_files(fetched: Cli) -> None:
    assert fetched.json("stats")["files"] == {"count": 3, "bytes": TOTAL}
    assert f"offline PDFs: 3 ({TOTAL / 2**20:.1f} MB)" in fetched.ok("stats")


def test_free_space_removes_pdfs_of_entries_read_long_enough_ago(fetched: Cli,
                                                                 tmp_path: Path) -> None:
    attention = fetched.id_of("Attention Is All")
    fetched.ok("mark", "read", str(attention))
    assert fetched.json("free-space", "--days", "30") == {"removed": 0, "bytes": 0}
    path = Path(fetched.json("show", str(attention))["pdf"])
    assert fetched.json("free-space", "--days", "0") == {"removed": 1, "bytes": len(ATTENTION)}
    assert not path.exists()
    assert fetched.json("show", str(attention))["pdf"] is None
    assert len(fetched.json("ls", "has:pdf")) == 2
    assert fetched.json("ls", "zebrafinch") == []  # its text left the index too
    assert fetched.json("stats")["files"] == {"count": 2, "bytes": TOTAL - len(ATTENTION)}
    assert "must be 0 or more" in fetched.fails("free-space", "--days", "-1")


def test_backup_and_export_say_the_files_are_not_included(fetched: Cli,
                                                          tmp_path: Path) -> None:
    code, out, err = fetched.run("backup", str(tmp_path / "copy.sqlite3"))
    assert code == 0 and out.strip() == str(tmp_path / "copy.sqlite3")
    assert "does not include the 3 offline PDFs" in err and str(tmp_path / "files") in err
    code, out, err = fetched.run("export", "--format", "json", "-o", str(tmp_path / "x.json"))
    assert code == 0 and "the export does not include the 3 offline PDFs" in err


def test_restore_beside_the_files_finds_them_again(fetched: Cli, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   paper_server: PaperServer) -> None:
    export = tmp_path / "export.json"
    fetched.ok("export", "--format", "json", "-o", str(export))
    restored = Cli(tmp_path / "restored.sqlite3", capsys)  # the same folder: the same files/
    out = restored.ok("restore", str(export))
    assert "3 offline PDFs found again in files/" in out
    assert len(restored.json("ls", "has:pdf")) == 3
    assert [e["title"] for e in restored.json("ls", "zebrafinch")] == [
        "Attention Is All You Need"]
    assert restored.json("fetch")["fetched"] == 0  # nothing to download again
    assert main(["--db", str(tmp_path / "restored.sqlite3"), "stats"]) == 0
