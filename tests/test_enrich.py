"""`readlist enrich` against an arXiv-shaped Atom API on 127.0.0.1 (never the internet)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)
from tests.paper_server import FEED, PaperServer, Reply, Request, unreachable

from readlist.papers.arxiv import BATCH, fetch_records

EMPTY_FEED = b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">' \
             b"<title>ArXiv Query</title></feed>"


@pytest.fixture
def listed(cli: Cli, paper_server: PaperServer, fixtures_dir: Path) -> Cli:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    paper_server.routes["/api/query"] = FEED.read_bytes()
    return cli


def test_enrich_stores_every_field_beside_the_list_text(listed: Cli,
                                                        paper_server: PaperServer) -> None:
    before = listed.json("show", str(listed.id_of("Attention Is All")))
    report = listed.json("enrich")
    # three arXiv papers; the feed knows two of them; four entries are not arXiv papers
    assert report == {"enriched": 2, "skipped": 4, "failed": 1, "bytes": 0}
    (asked,) = paper_server.asked("/api/query")
    assert sorted(asked.query["id_list"][0].split(",")) == ["1706.03762", "1810.04805",
                                                            "2005.14165"]
    attention = listed.json("show", str(listed.id_of("Attention Is All")))
    assert attention["abstract"].startswith("The dominant sequence transduction models")
    assert attention["authors"] == "Ashish Vaswani, Noam Shazeer et al."  # the list's own
    assert {k: v for k, v in attention.items() if k != "abstract"} == {
        k: v for k, v in before.items() if k != "abstract"}
    text = listed.ok("show", str(listed.id_of("BERT")))
    assert "10.18653/v1/N19-1423" in text and "NAACL-HLT 2019" in text
    assert "Kristina Toutanova" in text and "2018-10-11" in text and "cs.CL" in text
    assert "Illia Polosukhin" in listed.ok("show", str(listed.id_of("Attention Is All")))


def test_abstract_words_are_searchable_and_survive_reimport(listed: Cli,
                                                            fixtures_dir: Path) -> None:
    assert listed.json("ls", "quokkaword") == []
    listed.ok("enrich")
    assert [e["title"] for e in listed.json("ls", "quokkaword")] == [
        "Attention Is All You Need"]
    assert [e["title"] for e in listed.json("ls", "has:abstract")] == [
        "Attention Is All You Need", "BERT: Pre-training of Deep Bidirectional Transformers"]
    listed.ok("import", str(fixtures_dir / "cli_list_v2.md"))
    attention = listed.json("show", str(listed.id_of("Attention Is All")))
    assert "quokkaword" in attention["abstract"]
    assert [e["id"] for e in listed.json("ls", "quokkaword")] == [attention["id"]]


def test_a_second_enrich_asks_nothing(listed: Cli, paper_server: PaperServer) -> None:
    listed.ok("enrich")
    again = listed.json("enrich", "kind:paper")
    assert again["enriched"] == 0 and again["skipped"] == 2 and again["failed"] == 1
    assert len(paper_server.asked("/api/query")) == 2  # only the unknown id, once more


def test_no_network_fails_with_one_line_and_changes_nothing(
        listed: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    unreachable(monkeypatch)
    before = listed.json("ls", "--all")
    line = listed.fails("enrich")
    assert "arXiv API" in line and "cannot be reached" in line and "nothing was changed" in line
    assert listed.json("ls", "--all") == before


def test_a_failing_api_is_reported_not_fatal(listed: Cli, paper_server: PaperServer) -> None:
    paper_server.routes["/api/query"] = Reply(400, b"bad", "text/plain")
    report = listed.json("enrich")
    assert report == {"enriched": 0, "skipped": 4, "failed": 3, "bytes": 0}
    assert "HTTP 400" in listed.ok("enrich")


def test_ids_go_in_batches_of_a_hundred(paper_server: PaperServer) -> None:
    sizes: list[int] = []

    def api(req: Request) -> Reply:
        sizes.append(len(req.query["id_list"][0].split(",")))
        return Reply(body=EMPTY_FEED, content_type="application/atom+xml")

    paper_server.routes["/api/query"] = api
    ids = [f"2101.{n:05d}" for n in range(230)]
    answer = fetch_records(ids, api=f"{paper_server.base}/api/query", delay=0)
    assert sizes == [BATCH, BATCH, 30]
    assert len(answer.failed) == 230 and not answer.records


def test_a_bad_api_address_is_one_clear_error(listed: Cli,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READLIST_ARXIV_API", "file:///etc/passwd")
    line = listed.fails("enrich")
    assert "not a web address" in line and "READLIST_ARXIV_API" in line
