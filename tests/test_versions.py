"""Versions of one paper are one entry (issue #13 point 4)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)
from tests.conftest import ROOT

from readlist.core.normalize import normalize_title
from readlist.importing.markdown import parse_markdown
from readlist.importing.sync import merge_occurrences

SURVEY = ROOT.parent / "shared" / "data" / "lists" / "RUCAIBox+LLMSurvey.4a468e4.md"


def test_arxiv_versions_are_one_entry_with_two_placements(cli: Cli,  # noqa: F811
                                                          fixtures_dir: Path) -> None:
    report = cli.json("import", str(fixtures_dir / "versions.md"))
    assert (report["entries"], report["added"]) == (2, 2)
    t5 = cli.json("show", str(cli.id_of("Exploring the Limits")))
    assert t5["sections"] == ["Models", "Corpora"]
    assert t5["key"] == "arxiv:1910.10683"
    assert t5["list_note"] == "T5 · C4"  # each placement's own mark
    assert {link["label"] for link in t5["links"]} == {"Checkpoint", "Source"}
    assert cli.json("import", str(fixtures_dir / "versions.md"))["changed"] == 0


def test_llm_survey_merges_only_the_same_paper() -> None:
    if not SURVEY.is_file():
        pytest.skip("../shared/data/lists is not beside this checkout")
    parsed = parse_markdown(SURVEY.read_text(encoding="utf-8"))
    items = parsed.entries
    titles: dict[str, set[str]] = defaultdict(set)
    for e in items:
        titles[e.key].add(normalize_title(e.title))
    merged = merge_occurrences(parsed)
    assert len(merged) == len(titles) < len(items)
    assert len({e.url for e in items}) > len(merged)  # http/https, v1/v3 of one paper
    assert all(len(t) == 1 for t in titles.values()), "two papers share one entry"
    assert sum(len(inc.placements) for inc in merged) == len(items)
