"""Every bad import gets one clear line and exit 2, and leaves the library exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401

from readlist.cli import main


def _state(cli: Cli) -> str:  # noqa: F811
    dump = [cli.json("ls", "--all"), cli.ok("queue", "ls"), cli.ok("search", "ls")]
    return hashlib.sha256(repr(dump).encode()).hexdigest()


@pytest.fixture
def annotated(cli: Cli, fixtures_dir: Path) -> Cli:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    first = cli.json("ls")[0]["id"]
    cli.ok("mark", "read", str(first))
    cli.ok("note", str(first), "--set", "keep me")
    return cli


def _bad_inputs(tmp: Path) -> list[tuple[str, str]]:
    binary = tmp / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp / "empty.md"
    empty.write_text("")
    no_entries = tmp / "prose.md"
    no_entries.write_text("# A title\n\nJust prose, no list of links.\n\n## Section\n\nMore.\n")
    latin = tmp / "latin1.md"
    latin.write_bytes("# Liste\n\n- [Caf\xe9](https://example.org) \x81\x8d\x8f\x90\n".encode(
        "latin-1", errors="ignore") + b"\x81\x8d\x8f\x90\x9d" * 50)
    return [
        (str(binary), "binary"),
        (str(empty), "empty"),
        (str(no_entries), "no entries"),
        (str(tmp / "missing.md"), "no such file"),
        (str(tmp), "folder"),
        ("http://example.org/list.md", "https"),
        ("file:///etc/passwd", "https"),
        (str(latin), "UTF-8"),
    ]


def test_bad_imports_change_nothing(annotated: Cli, tmp_path: Path) -> None:
    before = _state(annotated)
    for source, needle in _bad_inputs(tmp_path):
        line = annotated.fails("import", source)
        assert needle.lower() in line.lower(), (source, line)
        assert _state(annotated) == before, source


def test_oversized_file_refused_before_reading(annotated: Cli, tmp_path: Path) -> None:
    big = tmp_path / "huge.md"
    with big.open("wb") as fh:  # sparse: 65 MiB on paper, nothing written
        fh.truncate(65 * 1024 * 1024)
    before = _state(annotated)
    assert "MB" in annotated.fails("import", str(big))
    assert _state(annotated) == before


def test_unknown_field_query_is_one_line(annotated: Cli) -> None:
    line = annotated.fails("ls", "stat:read")
    assert "status" in line  # the suggested fix


def test_readlist_db_environment(tmp_path: Path, fixtures_dir: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("READLIST_DB", str(target))
    assert main(["import", str(fixtures_dir / "cli_list_v1.md")]) == 0
    assert target.exists()


def test_readers_keep_separate_layers(cli: Cli, fixtures_dir: Path) -> None:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    first = str(cli.json("ls")[0]["id"])
    cli.ok("--reader", "ann", "mark", "read", first)
    cli.ok("--reader", "ann", "note", first, "--set", "Ann's note")
    assert cli.json("--reader", "ann", "show", first)["status"] == "read"
    bob = cli.json("--reader", "bob", "show", first)
    assert bob["status"] == "unread"
    assert cli.json("--reader", "ann", "show", first)["note"] == "Ann's note"


def test_one_resource_in_two_lists_is_one_entry(cli: Cli, tmp_path: Path,  # noqa: F811
                                                fixtures_dir: Path) -> None:
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    other = tmp_path / "other.md"
    other.write_text("# Another List\n\n## Must read\n\n"
                     "1. [BERT paper](https://arxiv.org/pdf/1810.04805v2) by J. Devlin.\n"
                     "2. [Something else](https://example.org/else) by X.\n")
    report = cli.json("import", str(other))
    assert report["source"] == "Another List"
    bert = [e for e in cli.json("ls") if e["key"] == "arxiv:1810.04805"]
    assert len(bert) == 1
    assert set(bert[0]["sections"]) == {"Papers", "Must read"}
    cli.ok("mark", "read", str(bert[0]["id"]))
    assert cli.json("ls", "source:\"Another List\" status:read")[0]["id"] == bert[0]["id"]
    assert len(cli.json("ls")) == 8
