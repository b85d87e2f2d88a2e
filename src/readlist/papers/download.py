"""Download PDFs: streamed, checked, atomic, resumable, retried, polite to arXiv, cancellable.

Each file is written to `NAME.part` beside its destination and renamed into place only once
it is complete and starts with `%PDF-`, so a library never holds half a paper under its real
name; an interrupted `.part` is resumed with an HTTP Range request next time. Memory stays
flat: bodies are copied in `CHUNK` pieces, never read whole.
"""

from __future__ import annotations

import errno
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException, HTTPResponse
from pathlib import Path
from urllib.parse import urlsplit

from readlist import __version__

CHUNK = 64 * 1024
#: Larger downloads are refused: no paper is this big, a misdirected link may be.
MAX_PDF_BYTES = 100 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
USER_AGENT = f"Readlist/{__version__} (offline reading of a curated list)"
RETRIES = 3
BACKOFF_SECONDS = 0.5
TIMEOUT_SECONDS = 20.0
WORKERS = 4
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_UNREACHABLE_ERRNO = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED,
                                errno.ENETDOWN, errno.EHOSTDOWN})


@dataclass(frozen=True)
class Job:
    """One file to fetch: `url` into `dest`."""

    entry_id: int
    url: str
    dest: Path


@dataclass(frozen=True)
class Result:
    job: Job
    ok: bool
    size: int = 0
    reason: str = ""
    #: the host could not be reached at all (as opposed to answering badly)
    unreachable: bool = False
    #: the PDF's text, once read (see `Downloader.after`)
    text: str = ""


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    bytes: int
    last: Result | None


class _Failed(Exception):
    def __init__(self, reason: str, *, retry: bool = False, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.retry = retry
        self.unreachable = unreachable


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s): a PDF link must not lead to a local file."""

    def redirect_request(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                         headers: object, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise _Failed(f"redirected to a non-web address ({newurl[:60]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def is_unreachable(exc: BaseException) -> bool:
    """True for errors meaning "no network / no such host", which retrying will not mend."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, socket.gaierror | ConnectionRefusedError):
        return True
    return isinstance(reason, OSError) and reason.errno in _UNREACHABLE_ERRNO


def open_url(url: str, headers: dict[str, str] | None = None,
             timeout: float = TIMEOUT_SECONDS) -> HTTPResponse:
    """GET `url` (http or https only) with Readlist's User-Agent."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise _Failed(f"not a web address: {url[:60]}")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    opener = urllib.request.build_opener(_SafeRedirects)
    response: HTTPResponse = opener.open(req, timeout=timeout)
    return response


class Downloader:
    """Fetch many files a few at a time; at most one request at a time to a polite host.

    `polite` maps a host to the pause kept between two requests to it (arXiv asks for one).
    `cancel` stops the run between chunks; finished files stay, the rest keep their `.part`.
    """

    def __init__(self, *, polite: dict[str, float] | None = None,
                 cancel: threading.Event | None = None,
                 progress: Callable[[Progress], None] | None = None,
                 workers: int = WORKERS, max_bytes: int = MAX_PDF_BYTES,
                 retries: int = RETRIES, backoff: float = BACKOFF_SECONDS,
                 after: Callable[[Result], Result] | None = None) -> None:
        self.polite = dict(polite or {})
        self.cancel = cancel or threading.Event()
        self.progress = progress
        self.workers = workers
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.after = after
        self._host_locks = {host: threading.Lock() for host in self.polite}
        self._last_call: dict[str, float] = {}
        self._down: set[str] = set()
        self._lock = threading.Lock()
        self._done = 0
        self._bytes = 0
        self._total = 0

    def run(self, jobs: Sequence[Job]) -> list[Result]:
        """Fetch every job; results in the order of `jobs`."""
        self._total = len(jobs)
        with ThreadPoolExecutor(max_workers=max(1, min(self.workers, len(jobs) or 1))) as pool:
            return list(pool.map(self._one, jobs))

    def _one(self, job: Job) -> Result:
        result = self._fetch(job)
        if result.ok and self.after is not None:
            result = self.after(result)
        with self._lock:
            self._done += 1
            self._bytes += result.size if result.ok else 0
            snapshot = Progress(self._done, self._total, self._bytes, result)
        if self.progress is not None:
            self.progress(snapshot)
        return result

    def _fetch(self, job: Job) -> Result:
        host = urlsplit(job.url).hostname or ""
        for attempt in range(self.retries + 1):
            if self.cancel.is_set():
                return Result(job, False, reason="cancelled")
            if host in self._down:
                return Result(job, False, reason=f"{host} cannot be reached", unreachable=True)
            try:
                size = self._polite_call(host, job)
                return Result(job, True, size=size)
            except _Failed as exc:
                if exc.unreachable:
                    self._down.add(host)
                    return Result(job, False, reason=str(exc), unreachable=True)
                if not exc.retry or attempt == self.retries:
                    return Result(job, False, reason=str(exc))
            if self.cancel.wait(self.backoff * 2 ** attempt):
                return Result(job, False, reason="cancelled")
        return Result(job, False, reason="gave up")  # pragma: no cover - loop always returns

    def _polite_call(self, host: str, job: Job) -> int:
        lock = self._host_locks.get(host)
        if lock is None:
            return self._download(job)
        with lock:
            wait = self._last_call.get(host, 0.0) + self.polite[host] - time.monotonic()
            if wait > 0 and self.cancel.wait(wait):
                raise _Failed("cancelled")
            try:
                return self._download(job)
            finally:
                self._last_call[host] = time.monotonic()

    def _download(self, job: Job) -> int:
        part = job.dest.with_name(job.dest.name + ".part")
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with open_url(job.url, headers) as resp:
                return self._save(job, resp, part, have)
        except urllib.error.HTTPError as exc:
            if exc.code == 416 and have:  # the .part is stale: start again next attempt
                part.unlink(missing_ok=True)
                raise _Failed("the server refused to resume", retry=True) from exc
            raise _Failed(f"HTTP {exc.code} {exc.reason}",
                          retry=exc.code in _RETRY_STATUS) from exc
        except urllib.error.URLError as exc:
            raise _Failed(f"cannot reach {urlsplit(job.url).hostname}: {exc.reason}",
                          retry=not is_unreachable(exc), unreachable=is_unreachable(exc)
                          ) from exc
        except (TimeoutError, ConnectionError, HTTPException) as exc:
            raise _Failed(f"download interrupted ({exc.__class__.__name__})",
                          retry=True, unreachable=is_unreachable(exc)) from exc

    def _save(self, job: Job, resp: HTTPResponse, part: Path, have: int) -> int:
        resumed = have > 0 and resp.status == 206
        if not resumed:
            have = 0
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and have + int(length) > self.max_bytes:
            raise _Failed(f"too large ({(have + int(length)) // 2**20} MB)")
        written = have
        with part.open("ab" if resumed else "wb") as fh:
            first = not resumed
            while chunk := resp.read(CHUNK):
                if self.cancel.is_set():
                    raise _Failed("cancelled")
                if first:
                    first = False
                    if not (chunk.startswith(PDF_MAGIC) or PDF_MAGIC.startswith(chunk)):
                        fh.close()
                        part.unlink(missing_ok=True)
                        kind = resp.headers.get_content_type()
                        raise _Failed(f"not a PDF (the server sent {kind})")
                written += len(chunk)
                if written > self.max_bytes:
                    fh.close()
                    part.unlink(missing_ok=True)
                    raise _Failed(f"too large (over {self.max_bytes // 2**20} MB)")
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        if length and length.isdigit() and written != have + int(length):
            raise _Failed("download cut short", retry=True)  # the .part is resumed
        with part.open("rb") as fh:
            if fh.read(len(PDF_MAGIC)) != PDF_MAGIC:
                part.unlink(missing_ok=True)
                raise _Failed("not a PDF (no %PDF- header)")
        os.replace(part, job.dest)
        return written
