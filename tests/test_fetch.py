"""`readlist fetch` against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)
from tests.paper_server import ATTENTION, BERT, DIRECT, PaperServer, Reply, Request, unreachable

from readlist.papers.download import Downloader, Job


def _pdf_pdf_requests(server: PaperServer) -> int:
    return sum(1 for r in server.requests if r.path.startswith(("/pdf/", "/direct/")))


def test_fetch_downloads_queue_and_second_fetch_downloads_nothing(
        papers: Cli, paper_server: PaperServer, tmp_path: Path) -> None:
    report = papers.json("fetch")
    assert report == {"fetched": 3, "skipped": 1, "failed": 0,
                      "bytes": len(ATTENTION) + len(BERT) + len(DIRECT)}
    attention = papers.json("show", str(papers.id_of("Attention Is All")))
    assert Path(attention["pdf"]).read_bytes() == ATTENTION
    assert Path(attention["pdf"]).parent == tmp_path / "files"
    assert not list((tmp_path / "files").glob("*.part"))
    asked = _pdf_pdf_requests(paper_server)
    assert asked == 3
    again = papers.json("fetch")
    assert again["fetched"] == 0 and again["bytes"] == 0 and again["skipped"] == 4
    assert _pdf_pdf_requests(paper_server) == asked


def test_unknown_address_is_skipped_with_a_reason(papers: Cli) -> None:
    out = papers.ok("fetch")
    assert "no known PDF address for 127.0.0.1" in out
    assert out.strip().splitlines()[-1].startswith("fetched 3")


def test_has_pdf_and_words_inside_the_pdf(papers: Cli) -> None:
    assert papers.json("ls", "zebrafinch") == []
    assert papers.json("ls", "has:pdf") == []
    papers.ok("fetch")
    assert {e["title"] for e in papers.json("ls", "has:pdf")} == {
        "Attention Is All You Need", "BERT: Pre-training of Deep Bidirectional Transformers",
        "A Direct Paper"}
    found = papers.json("ls", "zebrafinch")
    assert [e["title"] for e in found] == ["Attention Is All You Need"]
    assert [e["title"] for e in papers.json("ls", "okapicorn -has:note")] == ["A Direct Paper"]
    assert papers.json("ls", "zebrafinch", "status:read") == []
    # a word in the title ranks before one found only inside another paper
    titles = [e["title"] for e in papers.json("ls", "attention")]
    assert titles[0] == "Attention Is All You Need"


def test_a_page_that_is_not_a_pdf_fails_and_leaves_no_file(papers: Cli,
                                                           paper_server: PaperServer,
                                                           tmp_path: Path) -> None:
    paper_server.routes["/pdf/1810.04805"] = Reply(body=b"<html>captcha</html>",
                                                   content_type="text/html")
    report = papers.json("fetch")
    assert report["fetched"] == 2 and report["failed"] == 1
    out = papers.ok("fetch")
    assert "not a PDF (the server sent text/html)" in out
    names = sorted(p.name for p in (tmp_path / "files").iterdir())
    assert len(names) == 2 and "arxiv-1706.03762.pdf" in names
    assert not [n for n in names if "1810" in n or n.endswith(".part")]


def test_interrupted_download_resumes_with_range(papers: Cli, paper_server: PaperServer,
                                                 tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "arxiv-1706.03762.pdf.part").write_bytes(ATTENTION[:100])
    papers.ok("fetch")
    asked = paper_server.asked("/pdf/1706.03762")
    assert [r.range for r in asked] == ["bytes=100-"]
    assert (folder / "arxiv-1706.03762.pdf").read_bytes() == ATTENTION


def test_a_busy_server_is_retried(papers: Cli, paper_server: PaperServer) -> None:
    answers = [Reply(503, b"busy", "text/plain")]

    def flaky(_req: Request) -> Reply:
        return answers.pop() if answers else Reply(body=BERT)

    paper_server.routes["/pdf/1810.04805"] = flaky
    assert papers.json("fetch")["fetched"] == 3
    assert len(paper_server.asked("/pdf/1810.04805")) == 2


def test_arxiv_is_asked_one_at_a_time_with_a_pause(papers: Cli, paper_server: PaperServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    stamps: list[float] = []

    def timed(body: bytes) -> object:
        def reply(_req: Request) -> Reply:
            stamps.append(time.monotonic())
            return Reply(body=body)
        return reply

    paper_server.routes["/pdf/1706.03762"] = timed(ATTENTION)  # type: ignore[assignment]
    paper_server.routes["/pdf/1810.04805"] = timed(BERT)  # type: ignore[assignment]
    monkeypatch.setenv("READLIST_ARXIV_PDF_DELAY", "0.3")
    assert papers.json("fetch")["fetched"] == 3
    assert len(stamps) == 2 and abs(stamps[1] - stamps[0]) >= 0.3


def test_no_network_fails_with_one_line_and_changes_nothing(
        papers: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # arXiv is unreachable; the direct link's server still runs, so it leaves the queue
    unreachable(monkeypatch)
    ids = [str(e["id"]) for e in papers.json("ls", "title:direct")]
    papers.ok("mark", "unread", *ids)
    before = papers.json("ls", "--all")
    started = time.monotonic()
    line = papers.fails("fetch")
    assert time.monotonic() - started < 5
    assert "network is unreachable" in line and "nothing was fetched" in line
    assert papers.json("ls", "--all") == before
    assert not (tmp_path / "files").exists() or not any((tmp_path / "files").iterdir())


def test_fetch_with_a_query_and_nothing_queued(cli: Cli, paper_server: PaperServer,  # noqa: F811
                                               fixtures_dir: Path) -> None:
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    assert cli.json("fetch") == {"fetched": 0, "skipped": 0, "failed": 0, "bytes": 0}
    paper_server.routes["/pdf/1810.04805"] = BERT
    report = cli.json("fetch", "bert")
    assert report["fetched"] == 1
    cli.fails("fetch", "stat:read")


def test_downloader_caps_size_and_cancels(paper_server: PaperServer, tmp_path: Path) -> None:
    paper_server.routes["/big.pdf"] = DIRECT
    job = Job(1, f"{paper_server.base}/big.pdf", tmp_path / "big.pdf")
    result = Downloader(max_bytes=100_000).run([job])[0]
    assert not result.ok and result.reason.startswith("too large")
    assert not list(tmp_path.iterdir())
    cancel = threading.Event()
    cancel.set()
    result = Downloader(cancel=cancel).run([job])[0]
    assert not result.ok and result.reason == "cancelled"
    assert Downloader().run([job])[0].size == len(DIRECT)


def test_progress_bar_draws_only_on_a_terminal() -> None:
    import io

    from readlist.cli_papers import _Bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term, pipe = Terminal(), io.StringIO()
    for stream in (term, pipe):
        bar = _Bar("fetching", stream)
        bar.draw(1, 4, 3 * 2**20)
        bar.draw(4, 4, 4 * 2**20)
        bar.close()
    assert pipe.getvalue() == ""
    assert term.getvalue() == ("\rfetching [######------------------] 1/4  3.0 MB"
                               "\rfetching [########################] 4/4  4.0 MB\n")
