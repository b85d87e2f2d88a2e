"""Where an entry's PDF lives: arXiv, direct .pdf links and proceedings with known patterns.

Each resolver maps a landing page to its PDF by the site's published address scheme; an
address no resolver knows is skipped with a reason rather than guessed at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from readlist.core.normalize import url_key

DEFAULT_ARXIV_PDF = "https://arxiv.org/pdf"
DEFAULT_ARXIV_API = "https://export.arxiv.org/api/query"
ARXIV_PDF_ENV = "READLIST_ARXIV_PDF"
ARXIV_API_ENV = "READLIST_ARXIV_API"

_ARXIV_KEY = re.compile(r"^arxiv:(?P<id>.+)$")
_ACL = re.compile(r"^(?:www\.)?(?:aclanthology\.org|aclweb\.org/anthology)/"
                  r"(?P<id>[A-Z]\d{2}-\d{4}|\d{4}\.[a-z\-]+\.\d+)(?:\.pdf)?/?$", re.IGNORECASE)
_NEURIPS = re.compile(r"^(?P<base>(?:papers\.nips\.cc|proceedings\.neurips\.cc)/"
                      r"(?:paper_files/)?paper/\d{4})/hash/(?P<hash>[0-9a-f]+)-Abstract"
                      r"(?P<track>-[A-Za-z_]+)?\.html$")
_PMLR = re.compile(r"^(?P<base>proceedings\.mlr\.press/v\d+)/(?P<name>[\w\-]+)\.html$")


@dataclass(frozen=True)
class PdfAddress:
    """Either the URL to download, or why there is none."""

    url: str | None
    reason: str = ""


def arxiv_pdf_base() -> str:
    return os.environ.get(ARXIV_PDF_ENV, DEFAULT_ARXIV_PDF).rstrip("/")


def arxiv_api() -> str:
    return os.environ.get(ARXIV_API_ENV, DEFAULT_ARXIV_API)


def arxiv_id(key: str, urls: Sequence[str] = ()) -> str | None:
    """The arXiv id of an entry: from its key, else from the first arXiv link it has."""
    m = _ARXIV_KEY.match(key)
    if m:
        return m.group("id")
    for url in urls:
        m = _ARXIV_KEY.match(url_key(url))
        if m:
            return m.group("id")
    return None


def pdf_address(key: str, url: str | None, links: Sequence[str] = (),
                arxiv_base: str | None = None) -> PdfAddress:
    """The PDF behind an entry (its key, main URL and extra links), or why it has none."""
    aid = arxiv_id(key, [u for u in (url, *links) if u])
    if aid is not None:
        return PdfAddress(f"{arxiv_base or arxiv_pdf_base()}/{aid}")
    candidates = [u for u in (url, *links) if u]
    if not candidates:
        return PdfAddress(None, "no address")
    for candidate in candidates:
        found = known_pdf(candidate)
        if found is not None:
            return PdfAddress(found)
    host = urlsplit(candidates[0]).hostname or candidates[0]
    return PdfAddress(None, f"no known PDF address for {host}")


def known_pdf(url: str) -> str | None:
    """The PDF of one address when its site's scheme is known, else None."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    if parts.path.lower().endswith(".pdf"):
        return url.strip()
    if host == "openreview.net" and parts.path.rstrip("/") in ("/forum", "/pdf"):
        ids = parse_qs(parts.query).get("id")
        return f"https://openreview.net/pdf?id={ids[0]}" if ids else None
    rest = f"{host}{parts.path}"
    acl = _ACL.match(rest)
    if acl:
        return f"https://aclanthology.org/{acl.group('id')}.pdf"
    neurips = _NEURIPS.match(rest)
    if neurips:
        track = neurips.group("track") or ""
        return (f"https://{neurips.group('base')}/file/{neurips.group('hash')}-Paper{track}"
                ".pdf")
    pmlr = _PMLR.match(rest)
    if pmlr:
        name = pmlr.group("name")
        return f"https://{pmlr.group('base')}/{name}/{name}.pdf"
    return None
