"""A real HTTP server on 127.0.0.1 for the offline-paper tests: PDFs, an arXiv-shaped API.

Routes are plain bytes or callables; every request is recorded (path, Range header) so a
test can check what was asked, how often and in which order. Honours `Range: bytes=N-`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bench.pdfs import make_pdf
from tests.cli_helpers import Cli

FEED = Path(__file__).resolve().parent / "fixtures" / "arxiv_feed.xml"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/pdf"


Route = bytes | Reply | Callable[["Request"], Reply]


@dataclass(frozen=True)
class Request:
    path: str
    query: dict[str, list[str]]
    range: str | None


@dataclass
class PaperServer:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def asked(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(server: PaperServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            req = Request(parts.path, parse_qs(parts.query), self.headers.get("Range"))
            server.requests.append(req)
            route = server.routes.get(parts.path)
            if route is None:
                reply = Reply(404, b"not found", "text/plain")
            elif isinstance(route, bytes):
                reply = Reply(body=route)
            elif isinstance(route, Reply):
                reply = route
            else:
                reply = route(req)
            body, status = reply.body, reply.status
            headers = {"Content-Type": reply.content_type}
            if status == 200 and req.range and req.range.startswith("bytes="):
                start = int(req.range[6:].split("-")[0])
                headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
                body, status = body[start:], 206
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def paper_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[PaperServer]:
    """A server on 127.0.0.1 that `$READLIST_ARXIV_PDF` and `$READLIST_ARXIV_API` point at."""
    holder: list[PaperServer] = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), None)  # type: ignore[arg-type]
    state = PaperServer(f"http://127.0.0.1:{httpd.server_address[1]}")
    holder.append(state)
    httpd.RequestHandlerClass = _handler(state)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("READLIST_ARXIV_PDF", f"{state.base}/pdf")
    monkeypatch.setenv("READLIST_ARXIV_API", f"{state.base}/api/query")
    monkeypatch.setenv("READLIST_ARXIV_DELAY", "0")
    monkeypatch.setenv("READLIST_ARXIV_PDF_DELAY", "0")
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


ATTENTION = make_pdf(["Attention paper text with the word zebrafinch inside the PDF only."])
BERT = make_pdf(["BERT paper body: masked language modelling and nextsentence tasks."])
DIRECT = make_pdf(["A direct paper about okapicorn models."], pad_to=200_000)


@pytest.fixture
def papers(cli: Cli, paper_server: PaperServer, tmp_path: Path, fixtures_dir: Path) -> Cli:
    """The paper list imported, its three PDFs served, every entry queued to read."""
    host = paper_server.base.removeprefix("http://")
    text = (fixtures_dir / "papers.md").read_text(encoding="utf-8").replace("{server}", host)
    (tmp_path / "papers.md").write_text(text, encoding="utf-8")
    cli.ok("import", str(tmp_path / "papers.md"))
    paper_server.routes.update({"/pdf/1706.03762": ATTENTION, "/pdf/1810.04805": BERT,
                                "/direct/direct-paper.pdf": DIRECT,
                                "/landing.html": Reply(body=b"<html></html>",
                                                       content_type="text/html")})
    ids = [str(e["id"]) for e in cli.json("ls", "kind:paper")]
    cli.ok("mark", "to-read", *ids)
    return cli


def unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every endpoint at a port nothing listens on (a machine with no network)."""
    import socket

    with socket.socket() as s:  # a free port, closed again: connections are refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("READLIST_ARXIV_PDF", f"http://127.0.0.1:{port}/pdf")
    monkeypatch.setenv("READLIST_ARXIV_API", f"http://127.0.0.1:{port}/api/query")
    monkeypatch.setenv("READLIST_ARXIV_DELAY", "0")
    monkeypatch.setenv("READLIST_ARXIV_PDF_DELAY", "0")
