"""Download a list by its address: a repository's README from its GitHub address, redirects
checked hop by hop, a size cap and an overall time limit, progress as bytes arrive.

Plain http:// is accepted only for this machine (127.0.0.1, ::1, localhost): local mirrors
and tests; everything else must be https://. The GitHub raw host is `$READLIST_GITHUB_RAW`
(default https://raw.githubusercontent.com), so tests and mirrors can point it elsewhere.
"""

from __future__ import annotations

import os
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit

from readlist.core.errors import BadInputError

GITHUB_RAW_ENV = "READLIST_GITHUB_RAW"
GITHUB_RAW_DEFAULT = "https://raw.githubusercontent.com"
GITHUB_HOSTS = ("github.com", "www.github.com")
#: README names tried, in order, for a bare repository address.
README_NAMES = ("README.md", "readme.md", "README.markdown", "Readme.md")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
MAX_REDIRECTS = 10
CHUNK_BYTES = 64 * 1024
USER_AGENT = "readlist/0.1"

#: Called with (bytes received so far, total bytes when the server says, else None).
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Download:
    """The bytes of a download and the address they finally came from."""

    data: bytes
    final_url: str


def allowed_scheme(url: str) -> bool:
    """https anywhere; http only to this machine."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme == "https" or (scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS)


def github_raw_candidates(url: str) -> list[str] | None:
    """Raw README addresses for a github.com repository or blob address, else None.

    `github.com/O/N` (or `…/tree/REF[/dir]`) gives the README at HEAD (or REF/dir) under each
    of README_NAMES; `github.com/O/N/blob/REF/path` gives exactly that file.
    """
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in GITHUB_HOSTS:
        return None
    segs = [s for s in parts.path.split("/") if s]
    if len(segs) < 2:
        return None
    owner, name = segs[0], segs[1].removesuffix(".git")
    raw = os.environ.get(GITHUB_RAW_ENV, "").strip().rstrip("/") or GITHUB_RAW_DEFAULT
    base = f"{raw}/{owner}/{name}"
    if len(segs) >= 4 and segs[2] in ("blob", "raw"):
        return [f"{base}/{'/'.join(segs[3:])}"]
    if len(segs) >= 4 and segs[2] == "tree":
        folder = "/".join(segs[3:])
        return [f"{base}/{folder}/{readme}" for readme in README_NAMES]
    if len(segs) == 2:
        return [f"{base}/HEAD/{readme}" for readme in README_NAMES]
    return None


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects, refusing a hop to an address we would not fetch directly."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int,
                         msg: str, headers: HTTPMessage, newurl: str
                         ) -> urllib.request.Request | None:
        if not allowed_scheme(newurl):
            raise BadInputError(f"{req.full_url} redirected to {newurl}, which is not an "
                                "https:// address; refusing it")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str, *, cap: int, timeout: float,
             progress: Progress | None = None) -> Download:
    """GET `url` following checked redirects; at most `cap` bytes within `timeout` seconds.

    Raises:
        BadInputError: refused address or redirect, HTTP error, unreachable, too big, too slow.
    """
    if not allowed_scheme(url):
        raise BadInputError(f"only https:// URLs can be imported ({url})")
    opener = urllib.request.build_opener(_CheckedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > cap:
                raise BadInputError(f"{url} is {total / 1048576:.1f} MB, over the "
                                    f"{_mb(cap)} limit for a list; refusing to download it")
            chunks: list[bytes] = []
            got = 0
            while True:
                if time.monotonic() > deadline:
                    raise BadInputError(f"downloading {url} took longer than {timeout:g} s; "
                                        "gave up")
                chunk = response.read(min(CHUNK_BYTES, cap + 1 - got))
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
                if got > cap:
                    raise BadInputError(f"{url} is larger than {_mb(cap)}; refusing to "
                                        "download it")
                if progress is not None:
                    progress(got, total)
    except BadInputError:
        raise
    except urllib.error.HTTPError as exc:
        raise BadInputError(f"could not download {url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, ssl.SSLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError | ssl.SSLError) or "timed out" in str(reason):
            raise BadInputError(f"downloading {url} took longer than {timeout:g} s; gave up"
                                ) from None
        raise BadInputError(f"could not download {url} (offline or unreachable: {reason})"
                            ) from None
    return Download(b"".join(chunks), final)


def download_list(url: str, *, cap: int, timeout: float,
                  progress: Progress | None = None) -> Download:
    """Download a list address; a GitHub repository address fetches its raw README."""
    candidates = github_raw_candidates(url)
    if candidates is None:
        return download(url, cap=cap, timeout=timeout, progress=progress)
    deadline = time.monotonic() + timeout
    for candidate in candidates:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            return download(candidate, cap=cap, timeout=left, progress=progress)
        except BadInputError as exc:
            if "HTTP 404" not in str(exc) or candidate == candidates[-1]:
                raise BadInputError(f"could not fetch the README of {url}: {exc}") from None
    raise BadInputError(f"fetching the README of {url} took longer than {timeout:g} s; gave up")


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"
