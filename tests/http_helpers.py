"""A local HTTP server on 127.0.0.1 for download tests (never the internet): a list, GitHub
raw-README paths, redirects, oversized and endless-slow bodies, a 404 for everything else."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from readlist.importing.download import GITHUB_RAW_ENV

LIST = ("# Awesome Local\n\n## Papers\n\n"
        "1. [A paper](https://arxiv.org/abs/1810.04805) by Ann Lee.\n"
        "2. [Another paper](https://arxiv.org/abs/1706.03762) by Bo Chen.\n")
BIG = 3 * 64 * 1024


class _Server(http.server.ThreadingHTTPServer):
    release: threading.Event
    hits: list[str]
    body: bytes


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None,
              length: bool = True) -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        self.server.hits.append(path)
        routes = {
            "/list.md": lambda: self._send(200, self.server.body),
            "/owner/repo/HEAD/README.md": lambda: self._send(200, self.server.body),
            "/owner/lower/HEAD/readme.md": lambda: self._send(200, self.server.body),
            "/owner/repo/main/docs/LIST.md": lambda: self._send(200, self.server.body),
            "/hop": lambda: self._send(302, headers={"Location": "/hop2"}),
            "/hop2": lambda: self._send(301, headers={"Location": "/list.md"}),
            "/loop": lambda: self._send(302, headers={"Location": "/loop"}),
            "/away": lambda: self._send(302, headers={"Location": "http://example.org/x.md"}),
            "/big-declared": lambda: self._send(200, b"x" * BIG),
            "/big-streamed": lambda: self._send(200, b"# t\n" + b"x" * BIG, length=False),
        }
        if path == "/slow":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"# Slow\n")
            self.wfile.flush()
            self.server.release.wait(10)  # the client gives up long before
            return
        routes.get(path, lambda: self._send(404, b"not found"))()


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.release, srv.hits, srv.body = threading.Event(), [], LIST.encode()
    thread = threading.Thread(target=srv.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def base_url(srv: _Server) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}"


@pytest.fixture
def raw_host(server: _Server, monkeypatch: pytest.MonkeyPatch) -> _Server:
    monkeypatch.setenv(GITHUB_RAW_ENV, base_url(server))
    return server


