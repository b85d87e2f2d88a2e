"""Identity: turn URLs and titles into stable keys that survive cosmetic upstream edits."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|source|s|si|igshid)$")
_ARXIV = re.compile(
    r"^(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_SLASHES = re.compile(r"/{2,}")
_DOI = re.compile(r"^(?:dx\.)?doi\.org/(?P<doi>10\.\S+)$", re.IGNORECASE)
_ARXIV_YEAR = re.compile(r"^(?:arxiv:)?(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}$")


# urlsplit's answer for the common URL (ASCII, no brackets, no tab/newline/space/backslash),
# without its per-call overhead; anything else goes through urlsplit itself.
_PLAIN_URL = re.compile(r"([A-Za-z][A-Za-z0-9+\-.]*)://([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?",
                        re.S)
_NOT_PLAIN = re.compile(r"[^\x21-\x7e]|[\[\]\\]")


def split_url(url: str) -> tuple[str, str, str, str]:
    """(scheme lower-cased, netloc, path, query) of ``url``, as ``urlsplit`` gives them."""
    m = _PLAIN_URL.fullmatch(url) if _NOT_PLAIN.search(url) is None else None
    if m is not None:
        return m.group(1).lower(), m.group(2), m.group(3), m.group(4) or ""
    parts = urlsplit(url)
    return parts.scheme, parts.netloc, parts.path, parts.query


def is_web_url(url: str) -> bool:
    """True for absolute http(s) URLs, the only links Readlist stores as resources or opens."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def url_key(url: str) -> str:
    """Normalise a URL into an entry key.

    https and http are the same resource, `www.` and default ports are dropped, as are
    fragments, trailing slashes and tracking parameters. arXiv abs/pdf/version URLs become
    `arxiv:ID`, DOI URLs `doi:…`, GitHub owner/repo paths are lower-cased.

    Returns:
        The key without a scheme, e.g. ``github.com/kimiyoung/transformer-xl``.
    """
    url = url.strip()
    _scheme, netloc, raw_path, raw_query = split_url(url)
    if "@" in netloc or "[" in netloc or not netloc.isascii():
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")  # userinfo, IPv6, IDN: the careful way
        port = parts.port
    else:
        raw_host, _, raw_port = netloc.lower().partition(":")
        host = raw_host.rstrip(".")
        port = int(raw_port) if raw_port.isdigit() else None
    if host.startswith("www."):
        host = host[4:]
    netloc = f"{host}:{port}" if port not in (None, 80, 443) else host
    path = _SLASHES.sub("/", raw_path).rstrip("/")
    query = ""
    if raw_query:
        query = urlencode([(k, v) for k, v in parse_qsl(raw_query, keep_blank_values=True)
                           if not _TRACKING.match(k.lower())])
    base = f"{netloc}{path}"
    if "arxiv.org" in host:
        arxiv = _ARXIV.match(base)
        if arxiv:
            return f"arxiv:{arxiv.group('id').lower()}"
    if host.endswith("doi.org"):
        doi = _DOI.match(base)
        if doi:
            return f"doi:{doi.group('doi').lower()}"
    if host == "github.com":
        segments = path.split("/")
        # ['', owner, repo, ...]: owner and repo are case-insensitive on GitHub, paths are not
        for i in (1, 2):
            if len(segments) > i:
                segments[i] = segments[i].lower()
        if len(segments) > 2 and segments[2].endswith(".git"):
            segments[2] = segments[2][:-4]
        path = "/".join(segments)
        base = f"{netloc}{path}"
    return f"{base}?{query}" if query else base


_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 18)
def normalize_title(title: str) -> str:
    """Fold a title for matching: NFKC, accents stripped, case-folded, punctuation to spaces.

    Cached: an import compares every incoming title several times.
    """
    if title.isascii():
        return " ".join(_NON_WORD.sub(" ", title.lower()).split())
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def title_key(title: str) -> str:
    """Key of an entry that has no URL (e.g. from a copied web page)."""
    return f"title:{normalize_title(title)}"


def arxiv_year(key: str) -> int | None:
    """Year of a new-style arXiv id (`arxiv:1810.04805` → 2018), else None."""
    m = _ARXIV_YEAR.match(key)
    if not m:
        return None
    yy, mm = int(m.group("yy")), int(m.group("mm"))
    if not 1 <= mm <= 12:
        return None
    return 2000 + yy
