"""Replay the real list's history (2021 → 2023 → 2024) and its copied web page (issue #4)."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import Cli, cli  # noqa: F401
from tests.conftest import MD_2021, MD_2023, MD_2024, RENDERED

from readlist.importing.sources import parse_text
from readlist.importing.sync import merge_occurrences


def _annotate(cli: Cli, ids: list[int], round_: int) -> dict[int, dict[str, object]]:  # noqa: F811
    """Mark, note, tag and queue a few entries; returns what each should keep."""
    queue = f"Round {round_}"
    cli.ok("queue", "new", queue)
    cli.ok("queue", "add", queue, *map(str, ids))
    expected: dict[int, dict[str, object]] = {}
    statuses = ["read", "reading", "skipped", "to-read"]
    for n, eid in enumerate(ids):
        status = statuses[n % len(statuses)]
        cli.ok("mark", status, str(eid))
        cli.ok("note", str(eid), "--set", f"round {round_} note on {eid}")
        cli.ok("tag", str(eid), f"r{round_}")
        expected[eid] = {"status": status, "note": f"round {round_} note on {eid}",
                         "tag": f"r{round_}", "queue": queue}
    return expected


def _check(cli: Cli, expected: dict[int, dict[str, object]]) -> None:  # noqa: F811
    for eid, want in expected.items():
        got = cli.json("show", str(eid))
        assert got["id"] == eid
        assert got["status"] == want["status"], (eid, got["title"])
        assert got["note"] == want["note"]
        assert want["tag"] in got["tags"]
        assert want["queue"] in got["queues"]


def _keys(path: Path) -> set[str]:
    return {inc.key for inc in merge_occurrences(parse_text(path.read_text(encoding="utf-8")))}


def test_three_versions_keep_every_annotation(cli: Cli, real_list_dir: Path) -> None:  # noqa: F811
    expected: dict[int, dict[str, object]] = {}
    previous: set[str] = set()
    for round_, name in enumerate((MD_2021, MD_2023, MD_2024)):
        path = real_list_dir / name
        report = cli.json("import", str(path))
        keys = _keys(path)
        assert report["entries"] == len(keys)
        if previous:
            appeared, vanished = len(keys - previous), len(previous - keys)
            # a title match turns one "new key" and one "gone key" into a changed entry
            assert report["added"] <= appeared and report["retired"] <= vanished
            assert appeared - report["added"] == vanished - report["retired"]
            matched = report["entries"] - report["added"]
            assert report["unchanged"] + report["revived"] <= matched
        _check(cli, expected)
        live = cli.json("ls")
        assert len(live) == len(keys)
        assert len({e["key"] for e in live}) == len(live)
        urls = [e["url"] for e in live if e["url"]]
        assert len(urls) == len(set(urls)), "a resource appears twice"
        ids = [e["id"] for e in live]
        picks = [ids[i] for i in (0, len(ids) // 3, len(ids) // 2, -1)]
        picks = [p for p in picks if p not in expected]
        expected.update(_annotate(cli, picks, round_))
        again = cli.json("import", str(path))
        assert again["added"] == again["changed"] == again["retired"] == 0
        previous = keys


def test_copied_page_then_markdown_fills_urls(cli: Cli, real_list_dir: Path) -> None:  # noqa: F811
    cli.ok("import", str(real_list_dir / RENDERED), "--format", "rendered")
    rendered = cli.json("ls")
    assert len(rendered) > 200
    assert all(e["url"] is None for e in rendered)
    ids = [e["id"] for e in rendered]
    picks = [ids[0], ids[5], ids[len(ids) // 2], ids[-3]]
    expected = _annotate(cli, picks, 0)
    report = cli.json("import", str(real_list_dir / MD_2024))
    _check(cli, expected)
    for eid in picks:
        assert cli.json("show", str(eid))["url"], "the Markdown import filled in the URL"
    # matched entries were not added again
    assert report["entries"] - report["added"] >= 0.9 * len(rendered)


def test_copied_page_of_a_known_list_gets_full_section_paths(cli: Cli,  # noqa: F811
                                                             real_list_dir: Path) -> None:
    cli.ok("import", str(real_list_dir / MD_2024))
    report = cli.json("import", str(real_list_dir / RENDERED), "--dry-run")
    # same source: most entries match by title, few are "added" and nothing is moved wrongly
    assert report["source"] == "Awesome Transformer & Transfer Learning in NLP"
    assert report["moved"] <= 0.05 * report["entries"]
    assert report["changed"] <= 0.05 * report["entries"]
    before = {e["id"]: e for e in cli.json("ls")}
    cli.ok("import", str(real_list_dir / RENDERED), "--force")
    after = cli.json("ls", "--all")
    kept = [e for e in after if e["id"] in before]
    assert len(kept) == len(before)
    # the page has no URLs: every entry that had one keeps it, and its links
    assert all(e["url"] == before[e["id"]]["url"] for e in kept)
    assert all(e["links"] == before[e["id"]]["links"] for e in kept)


def test_renamed_list_follows_its_new_title(cli: Cli, real_list_dir: Path) -> None:  # noqa: F811
    cli.ok("import", str(real_list_dir / MD_2021))
    cli.ok("import", str(real_list_dir / MD_2023))
    new_title = "Awesome Transformer & Transfer Learning in NLP"
    assert [s["source"] for s in cli.json("stats")["sources"]] == [new_title]
    assert len(cli.json("ls", f'source:"{new_title}"')) > 200
    # the old name is refused with a pointer to the new one, never silently empty
    line = cli.fails("ls", 'source:"Awesome BERT & Transfer Learning in NLP"')
    assert new_title in line


def test_a_name_the_user_chose_never_changes(cli: Cli, real_list_dir: Path) -> None:  # noqa: F811
    cli.ok("import", str(real_list_dir / MD_2021), "--name", "nlp")
    report = cli.json("import", str(real_list_dir / MD_2023), "--name", "nlp")
    assert report["source"] == "nlp"
    cli.json("import", str(real_list_dir / MD_2024))  # found by title/overlap: still "nlp"
    assert [s["source"] for s in cli.json("stats")["sources"]] == ["nlp"]
