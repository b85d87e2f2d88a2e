"""Read an import SOURCE (file path, '-' for stdin, or an https:// URL) into checked text,
detect its format and parse it. Every refusal is a BadInputError with one clear line."""

from __future__ import annotations

import codecs
import hashlib
import re
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from readlist.core.errors import BadInputError
from readlist.core.models import ParsedList
from readlist.importing.download import Progress, allowed_scheme, download_list
from readlist.importing.markdown import parse_markdown
from readlist.importing.rendered import page_title, parse_rendered

#: The most a list may be, read from a file or stdin; reads stop here (`import /dev/zero`).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
#: The whole download (every redirect and README candidate) must finish within this.
DOWNLOAD_SECONDS = 30.0
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_LINK = re.compile(r"\]\(\s*<?https?://|^\s{0,3}#{1,6}\s|^\s*\[[^\]]+\]:\s*https?://", re.M)


@dataclass(frozen=True)
class SourceText:
    """Decoded text of a source with where it came from and a hash of its bytes."""

    text: str
    origin: str
    suggested_name: str
    content_hash: str


@dataclass(frozen=True)
class RawSource:
    """The bytes of a source, not decoded yet (an unchanged list is recognised by its hash)."""

    data: bytes
    origin: str
    suggested_name: str
    shown: str

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def decoded(self) -> SourceText:
        return SourceText(text=decode_bytes(self.data, self.shown), origin=self.origin,
                          suggested_name=self.suggested_name, content_hash=self.content_hash)


def read_source(spec: str, *, stdin: typing.BinaryIO | None = None,
                max_bytes: int = MAX_FILE_BYTES, timeout: float = DOWNLOAD_SECONDS,
                progress: Progress | None = None) -> SourceText:
    """Read a file path, '-' (stdin) or an https:// URL; refuse anything unusable."""
    return read_raw(spec, stdin=stdin, max_bytes=max_bytes, timeout=timeout,
                    progress=progress).decoded()


def read_raw(spec: str, *, stdin: typing.BinaryIO | None = None,
             max_bytes: int = MAX_FILE_BYTES, timeout: float = DOWNLOAD_SECONDS,
             progress: Progress | None = None) -> RawSource:
    """The bytes of a file path, '-' (stdin) or an https:// URL, within the size caps.

    A github.com repository (or blob) address fetches its raw README; the address as given is
    the origin, so the next import of the same address is a re-import of the same list.
    Every read stops at `max_bytes` (downloads at MAX_DOWNLOAD_BYTES) and is refused beyond.
    """
    spec = spec.strip()
    if spec == "-":
        if stdin is None:
            raise BadInputError("no standard input to read the list from")
        data = stdin.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise BadInputError(f"standard input is larger than the {_mb(max_bytes)} limit for "
                                "a list; refusing it")
        return _source(data, "-", "stdin", "standard input")
    scheme = urlsplit(spec).scheme.lower()
    if scheme in ("https", "http") and allowed_scheme(spec):
        got = download_list(spec, cap=min(max_bytes, MAX_DOWNLOAD_BYTES), timeout=timeout,
                            progress=progress)
        return _source(got.data, spec, _url_name(spec), spec)
    if re.match(r"^[a-z][a-z0-9+.\-]*://", spec, re.I):
        raise BadInputError(f"only https:// URLs can be imported, not {scheme}:// ({spec})")
    return _read_file(Path(spec).expanduser(), max_bytes)


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _read_file(path: Path, max_bytes: int) -> RawSource:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BadInputError(f"no such file: {path}") from None
    except OSError as exc:
        raise BadInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise BadInputError(f"{path} is a folder, not a list file")
    limit = f"the {_mb(max_bytes)} limit for a list file; refusing it"
    if info.st_size > max_bytes:
        raise BadInputError(f"{path} is {info.st_size / 1048576:.1f} MB, over {limit}")
    try:
        with path.open("rb") as fh:  # devices and pipes report no size: cap the read itself
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise BadInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise BadInputError(f"{path} is larger than {limit}")
    resolved = str(path.resolve())
    return _source(data, resolved, path.stem or path.name, str(path))


def _url_name(url: str) -> str:
    """A source name from a URL: the repository for GitHub raw/blob URLs, else the file stem."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    host = (parts.hostname or "").lower()
    if host in ("raw.githubusercontent.com", "github.com", "gitlab.com") and len(segments) >= 2:
        return segments[1]
    stem = PurePosixPath(parts.path).stem
    return stem or host or "list"


def _source(data: bytes, origin: str, name: str, shown: str) -> RawSource:
    return RawSource(data=data, origin=origin, suggested_name=name, shown=shown)


def decode_bytes(data: bytes, shown: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252 when it is clearly text."""
    if not data.strip():
        raise BadInputError(f"{shown} is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadInputError(f"{shown} is not valid UTF-16 text") from None
        return _checked(text.lstrip("\ufeff"), shown)
    if b"\x00" in data:
        raise BadInputError(f"{shown} is a binary file (it contains NUL bytes), not a list")
    try:
        return _checked(data.decode("utf-8-sig"), shown)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise BadInputError(f"{shown} is not UTF-8 text and its encoding cannot be "
                            "detected; save it as UTF-8") from None
    return _checked(text, shown, "is not UTF-8 text and does not look like text in another "
                    "encoding; save it as UTF-8")


def _checked(text: str, shown: str, problem: str = "contains control characters; "
             "it does not look like a text list") -> str:
    if _CONTROL.search(text):
        raise BadInputError(f"{shown} {problem}")
    if not text.strip():
        raise BadInputError(f"{shown} is empty")
    return text


def detect_format(text: str) -> str:
    """"markdown" when the text has Markdown links or headings, else "rendered" (copied page
    text: no link syntax, list items as "1." or "•" lines)."""
    return "markdown" if _MD_LINK.search(text) else "rendered"


def parse_text(text: str, fmt: str = "auto",
               known_sections: Callable[[str], Sequence[tuple[str, ...]]] | None = None
               ) -> ParsedList:
    """Parse text as ``fmt`` ("auto", "markdown" or "rendered"); refuse a list with no entries.

    Args:
        known_sections: for a copied page (which loses heading levels), given the page's
            title, the heading paths of an earlier import of the same list, if any.
    """
    chosen = detect_format(text) if fmt == "auto" else fmt
    if chosen == "markdown":
        parsed = parse_markdown(text)
    elif chosen == "rendered":
        known = known_sections(page_title(text)) if known_sections is not None else ()
        parsed = parse_rendered(text, known)
    else:
        raise BadInputError(f"unknown format {fmt!r}; use auto, markdown or rendered")
    if not parsed.entries:
        raise BadInputError(f"the {chosen} text contains no entries (no list items that "
                            "start with a link)" if chosen == "markdown" else
                            "the copied page text contains no entries (no numbered or "
                            "bulleted items)")
    return parsed
