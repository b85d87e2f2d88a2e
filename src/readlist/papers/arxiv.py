"""Ask the arXiv API for papers' metadata in batches and parse its Atom feed (feedparser).

arXiv's API terms ask for at most one request every three seconds; `id_list` takes up to
100 ids a request. feedparser is the maintained Atom parser the `arxiv` package itself
wraps; using it directly keeps the HTTP (endpoint, timeouts, offline detection, retries)
in Readlist's hands, like the PDF downloads.
"""

from __future__ import annotations

import os
import re
import threading
import time
import urllib.error
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.client import HTTPException
from urllib.parse import urlencode, urlsplit

import feedparser

from readlist.core.errors import BadInputError, NetworkError
from readlist.core.papers import ArxivRecord
from readlist.papers.download import BACKOFF_SECONDS, RETRIES, is_unreachable, open_url
from readlist.papers.links import ARXIV_API_ENV, arxiv_api

BATCH = 100
#: Seconds between two API requests (arXiv asks for 3); `$READLIST_ARXIV_DELAY` overrides.
API_DELAY = 3.0
DELAY_ENV = "READLIST_ARXIV_DELAY"
_ID = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v\d+)?$")
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def api_delay() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_ENV, API_DELAY)))
    except ValueError:
        return API_DELAY


@dataclass
class ArxivAnswer:
    """Records found, by lower-case id without version, and ids that failed with why."""

    records: dict[str, ArxivRecord] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def parse_feed(body: bytes) -> list[ArxivRecord]:
    """The papers in an arXiv API Atom feed (error entries are left out)."""
    feed = feedparser.parse(body)
    out: list[ArxivRecord] = []
    for entry in feed.entries:
        m = _ID.search(str(entry.get("id", "")))
        if m is None:  # e.g. http://arxiv.org/api/errors#incorrect_id_format_for_…
            continue
        tags = [str(t.get("term", "")) for t in entry.get("tags", [])]
        primary = entry.get("arxiv_primary_category", {}).get("term", "")
        categories = list(dict.fromkeys([primary, *tags] if primary else tags))
        out.append(ArxivRecord(
            arxiv_id=m.group("id").lower(),
            title=_squash(entry.get("title", "")),
            abstract=_squash(entry.get("summary", "")),
            authors=tuple(_squash(a.get("name", "")) for a in entry.get("authors", [])
                          if a.get("name")),
            published=str(entry.get("published", "")),
            updated=str(entry.get("updated", "")),
            categories=tuple(c for c in categories if c),
            doi=_squash(entry.get("arxiv_doi", "")),
            journal_ref=_squash(entry.get("arxiv_journal_ref", "")),
        ))
    return out


def _squash(text: object) -> str:
    return " ".join(str(text).split())


def query_url(ids: Sequence[str], api: str | None = None) -> str:
    return f"{api or arxiv_api()}?" + urlencode({"id_list": ",".join(ids),
                                                  "max_results": len(ids)})


def fetch_records(ids: Sequence[str], *, api: str | None = None, delay: float | None = None,
                  cancel: threading.Event | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  backoff: float = BACKOFF_SECONDS) -> ArxivAnswer:
    """Ask the API about `ids`, `BATCH` at a time with `delay` seconds between requests.

    Raises:
        NetworkError: the API cannot be reached at all (before anything was answered).
    """
    endpoint = api or arxiv_api()
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise BadInputError(f"the arXiv API address is not a web address: {endpoint[:60]} "
                            f"(check ${ARXIV_API_ENV})")
    cancel = cancel or threading.Event()
    pause = api_delay() if delay is None else delay
    answer = ArxivAnswer()
    wanted = list(dict.fromkeys(i.lower() for i in ids))
    batches = [wanted[i:i + BATCH] for i in range(0, len(wanted), BATCH)]
    last = 0.0
    for n, batch in enumerate(batches):
        wait = last + pause - time.monotonic()
        if n and wait > 0 and cancel.wait(wait):
            break
        if cancel.is_set():
            break
        try:
            body = _get(query_url(batch, endpoint), cancel, backoff)
        except NetworkError:
            if not answer.records and not answer.failed:
                raise
            answer.failed.update({i: "the arXiv API cannot be reached" for i in batch})
            break
        except _BatchFailed as exc:
            answer.failed.update({i: str(exc) for i in batch})
            continue
        finally:
            last = time.monotonic()
        found = {r.arxiv_id: r for r in parse_feed(body)}
        for i in batch:
            if i in found:
                answer.records[i] = found[i]
            else:
                answer.failed[i] = "arXiv does not know this id"
        if progress is not None:
            progress(n + 1, len(batches))
    return answer


class _BatchFailed(Exception):
    pass


def _get(url: str, cancel: threading.Event, backoff: float) -> bytes:
    for attempt in range(RETRIES + 1):
        try:
            with open_url(url) as resp:
                return bytes(resp.read())
        except urllib.error.HTTPError as exc:
            if exc.code not in _RETRY_STATUS or attempt == RETRIES:
                raise _BatchFailed(f"the arXiv API answered HTTP {exc.code}") from exc
        except urllib.error.URLError as exc:
            if is_unreachable(exc):
                raise NetworkError(f"the arXiv API ({url.split('?')[0]}) cannot be reached "
                                   f"({exc.reason}); nothing was changed") from exc
            if attempt == RETRIES:
                raise _BatchFailed(f"the arXiv API failed: {exc.reason}") from exc
        except (TimeoutError, ConnectionError, HTTPException) as exc:
            if attempt == RETRIES:
                raise _BatchFailed(f"the arXiv API failed: {exc.__class__.__name__}") from exc
        if cancel.wait(backoff * 2 ** attempt):
            break
    raise _BatchFailed("cancelled")
