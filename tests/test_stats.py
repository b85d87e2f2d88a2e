"""Stats (issue #7) checked against hand-computed figures on a small library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from io_helpers import annotate, build

from readlist.cli import main
from readlist.library import Library


def test_stats_match_hand_computed_figures(tmp_path: Path) -> None:
    lib = build(tmp_path / "lib.sqlite3")
    annotate(lib)
    s = lib.stats().to_json()
    assert s["totals"] == {"unread": 3, "to-read": 1, "reading": 1, "read": 3, "skipped": 1}
    assert s["entries"] == 9
    assert s["sources"] == [{"source": "tiny", "entries": 9, "unread": 3, "to-read": 1,
                             "reading": 1, "read": 3, "skipped": 1}]
    by_path = {g["path"]: g for g in s["sections"]}
    assert list(by_path) == ["Papers", "Papers > Attention", "Papers > Pretraining",
                             "Articles", "Code"]
    assert (by_path["Papers"]["entries"], by_path["Papers"]["read"],
            by_path["Papers"]["reading"], by_path["Papers"]["to-read"]) == (4, 2, 1, 1)
    assert by_path["Papers > Attention"]["depth"] == 2
    assert (by_path["Articles"]["read"], by_path["Articles"]["skipped"]) == (1, 1)
    assert by_path["Code"]["unread"] == 3
    finished = {p["period"]: p["finished"] for p in s["timeline"]["week"] if p["finished"]}
    assert finished == {"2024-01-01": 1, "2024-01-08": 1, "2024-02-19": 1}
    months = {p["period"]: p["finished"] for p in s["timeline"]["month"] if p["finished"]}
    assert months == {"2024-01": 2, "2024-02": 1}
    assert sum(p["notes"] for p in s["timeline"]["month"]) == 2
    assert s["notes"] == {"written": 2, "versions": 1}
    # attention 4 days, bert 10 days; the illustrated transformer was never to-read
    assert s["to_read_to_read"] == {"median_days": 7.0, "entries": 2}
    assert s["latest_import"]["new"] == 9 and s["latest_import"]["unread"] == 3
    assert [e["title"] for e in s["latest_import"]["unread_entries"]] == [
        "huggingface/transformers", "Same Title", "Same Title"]


def test_reimport_and_retire(tmp_path: Path) -> None:
    lib = build(tmp_path / "lib.sqlite3")
    text = (Path(__file__).parent / "fixtures" / "io-tiny.md").read_text(encoding="utf-8")
    text = text.replace("- [Same Title](https://example.com/b) - Second of two entries with "
                        "one title.\n", "").replace(
        "## Code\n", "## Code\n\n- [New Thing](https://example.com/new) - Fresh.\n")
    lib.import_text(text, name="tiny")
    s = lib.stats()
    assert s.totals.total == 9  # one retired (not counted), one added
    assert (s.new_in_latest_import, s.new_unread) == (1, 1)
    assert s.new_unread_sample[0].title == "New Thing"


def test_empty_library(tmp_path: Path) -> None:
    s = Library(tmp_path / "empty.sqlite3").stats()
    assert s.totals.total == 0 and s.sources == [] and s.weekly == []
    assert s.to_read_to_read_days is None and s.new_in_latest_import == 0


def test_cli_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "lib.sqlite3"
    annotate(build(db))
    assert main(["--db", str(db), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["read"] == 3 and data["sections"][0]["path"] == "Papers"
    assert main(["--db", str(db), "stats"]) == 0
    out = capsys.readouterr().out
    assert "9 entries: 3 read" in out and "median 7.0 days" in out


def test_new_in_latest_import_lists_an_entry_once(tmp_path: Path) -> None:
    """An entry new to two lists is one entry, named with both (issue 14 point 9)."""
    with Library(tmp_path / "two.sqlite3") as lib:
        lib.import_text("# A\n\n## P\n\n- [BERT](https://arxiv.org/abs/1810.04805) - x.\n"
                        "- [GPT](https://example.org/gpt) - y.\n", name="A")
        lib.import_text("# B\n\n## Q\n\n- [BERT](https://arxiv.org/abs/1810.04805) - x.\n"
                        "- [T5](https://example.org/t5) - z.\n", name="B")
        stats = lib.stats()
        ids = [int(e.id) for e in stats.new_unread_sample]
        assert sorted(ids) == sorted(set(ids)) == sorted(lib.find("is:new"))
        assert len(ids) == stats.new_unread == 3
        bert = next(e for e in stats.new_unread_sample if e.title == "BERT")
        assert sorted(bert.source.split(",")) == ["A", "B"]
