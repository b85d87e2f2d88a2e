"""Parse a list copied as text from a rendered web page (GitHub's README view): no URLs.

Numbered items ("  1. Title by X.") and bullets ("  • …") become entries in their sections;
bullets right after a numbered entry are its description. Headings are bare lines; their
levels are lost in a copy, so they are learned, in order of trust, from the page's own table
of contents (when it was copied expanded), from ``known_sections`` (e.g. the section tree of
an earlier import of the same list), or else guessed: a heading directly followed by another
heading is a parent. Entries are keyed by ``title_key(title)`` where the title is cut by the
same rule the Markdown parser uses for items without a leading link (metadata.split_title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from readlist.core.models import ParsedEntry, ParsedList
from readlist.core.normalize import normalize_title
from readlist.importing import metadata as meta
from readlist.importing.tokens import is_license, is_toc, make_entry

_CHROME = frozenset("""Skip to content|Latest commit|History|README.md|File metadata and controls
|Raw|Blame|Preview|Code|Copy raw file|Download raw file|Outline|Edit and raw actions|Go to file
|Top|Navigation Menu|Footnotes|Footer|Edit file|More file actions|Jump to""".replace("\n", "")
                       .split("|"))
_CHROME_RE = re.compile(r"^\d+ lines \(\d+ loc\) · [\d.]+ [KMG]?B$|^©\s*\d{4} GitHub")
_NUMBERED = re.compile(r"^(\s*)\d{1,4}[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^(\s*)[•·▪◦‣●○■\-*]\s+(\S.*)$")
_EXPAND = re.compile(r"^Expand\s+\S")
_NOT_HEADING_END = re.compile(r"[.:;,!?…]$")


class _Reader:
    def __init__(self, known: Sequence[tuple[str, ...]]) -> None:
        self.lookup: dict[str, list[tuple[str, ...]]] = {}
        for path in known:
            self.lookup.setdefault(normalize_title(path[-1]), []).append(tuple(path))
        self.path: tuple[str, ...] = ()
        self.parent: tuple[str, ...] = ()
        self.excluded = False
        self.sections: list[tuple[str, ...]] = []
        self.entries: list[ParsedEntry] = []
        self.last: ParsedEntry | None = None
        self.last_numbered = False

    def heading(self, line: str, next_is_heading: bool) -> None:
        name = line.strip()
        self.last = None
        if is_toc(name) or is_license(name):
            self.excluded = True
            return
        if self.lookup:
            candidates = self.lookup[normalize_title(name)]
            self.path = max(candidates, key=self._shared_prefix)
        elif next_is_heading:
            self.parent = self.path = (name,)
        else:
            self.path = self.parent + (name,)
        self.excluded = False
        if self.path not in self.sections:
            self.sections.append(self.path)

    def _shared_prefix(self, path: tuple[str, ...]) -> int:
        n = 0
        for a, b in zip(path[:-1], self.path, strict=False):
            if a != b:
                break
            n += 1
        return n

    def item(self, text: str, indent: int, numbered: bool) -> None:
        if self.excluded:
            return
        if not numbered and self.last is not None and self.last_numbered:
            self.follow(f"{' ' * max(0, indent - 2)}- {text}")
            return
        title, rest = meta.split_title(text)
        attribution = meta.parse_attribution(rest)
        description = rest[attribution.end:].strip().lstrip("-–—:.,; ").strip()
        self.last = make_entry(None, title, self.path, len(self.entries), attribution,
                               title + " " + rest[:40], description, [])
        self.last_numbered = numbered
        self.entries.append(self.last)

    def follow(self, text: str) -> None:
        if self.last is None or self.excluded:
            return
        joiner = "\n" if text.lstrip().startswith("- ") and self.last.description else "\n\n"
        self.last.description = (self.last.description + joiner + text).strip()


def _is_chrome(line: str) -> bool:
    s = line.strip()
    return s in _CHROME or bool(_CHROME_RE.match(s))


def _heading_like(line: str) -> bool:
    s = line.strip()
    return (bool(s) and line[:1] not in (" ", "\t") and len(s) <= 80 and len(s.split()) <= 12
            and not _NOT_HEADING_END.search(s) and not _is_chrome(s)
            and not _EXPAND.match(s) and (s[0].isupper() or s[0].isdigit()))


def _table_of_contents(lines: list[str], start: int) -> tuple[list[tuple[str, ...]], int]:
    """Heading paths listed by an expanded table of contents after line ``start``, and the
    line where the body resumes; the list counts only if its first name comes back later as
    the first heading."""
    stack: list[tuple[int, str]] = []
    paths: list[tuple[str, ...]] = []
    first = ""
    for at in range(start + 1, len(lines)):
        line = lines[at]
        if not line.strip() or _EXPAND.match(line.strip()):
            continue
        if _NUMBERED.match(line) or len(line.strip()) > 80:
            return [], start + 1
        m = _BULLET.match(line)
        name = (m.group(2) if m else line).strip()
        if first and normalize_title(name) == first:
            return (paths, at) if len(paths) > 1 else ([], start + 1)
        indent = len(m.group(1)) if m else 0
        first = first or normalize_title(name)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, name))
        paths.append(tuple(n for _, n in stack))
    return [], start + 1


_MEDIA = re.compile(r"^\S+\.(?:mp4|webm|mov|gif|png|jpe?g|svg|webp)$", re.I)
_FOOTNOTE = re.compile(r"\s*\[?\^?\d{1,2}\]?$")
_CAPTION_SIMILARITY = 75.0


def _captions(body: list[str], nonblank: list[int]) -> set[int]:
    """Lines that are an image's alt text and caption, or a video's file name and caption.

    A copy keeps them as bare lines that look like headings. Telling marks: the alt text and
    the caption under it say nearly the same thing; a media file name is followed by its
    caption. Only bare lines standing between headings and items are considered.
    """
    skip: set[int] = set()
    bare = [i for i in nonblank if body[i][:1] not in (" ", "\t")
            and not _NUMBERED.match(body[i]) and not _BULLET.match(body[i])
            and not _EXPAND.match(body[i].strip())]
    for n, i in enumerate(bare):
        nxt = bare[n + 1] if n + 1 < len(bare) else None
        adjacent = nxt is not None and nonblank.index(nxt) == nonblank.index(i) + 1
        if _MEDIA.match(body[i].strip()):
            skip.add(i)
            if adjacent and nxt is not None:
                skip.add(nxt)
        elif adjacent and nxt is not None:
            a = normalize_title(_FOOTNOTE.sub("", body[i].strip()))
            b = normalize_title(_FOOTNOTE.sub("", body[nxt].strip()))
            if a and b and fuzz.ratio(a, b) >= _CAPTION_SIMILARITY:
                skip.update((i, nxt))
    return skip


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")


def _title_at(lines: list[str]) -> tuple[str, int]:
    """The page's title (its first line past the chrome) and that line's index."""
    start = 0
    while start < len(lines) and (not lines[start].strip() or _is_chrome(lines[start])):
        start += 1
    title = lines[start].strip() if start < len(lines) else ""
    if title.startswith("Awesome ") and title.endswith(" Awesome"):
        title = title[: -len(" Awesome")]
    return title, start


def page_title(text: str) -> str:
    """The title `parse_rendered` would give, without parsing the page."""
    return _title_at(_lines(text))[0]


def parse_rendered(text: str, known_sections: Sequence[tuple[str, ...]] = ()) -> ParsedList:
    """Parse text copied from a rendered list page into URL-less entries."""
    lines = _lines(text)
    title, start = _title_at(lines)
    toc_at = next((i for i in range(start, len(lines))
                   if re.fullmatch(r"(?:Expand\s+)?Table of Contents", lines[i].strip(), re.I)),
                  None)
    toc, resume = _table_of_contents(lines, toc_at) if toc_at is not None else ([], start + 1)
    reader = _Reader(toc or known_sections)
    body = [line.rstrip() for line in lines[resume:]]
    nonblank = [i for i, line in enumerate(body) if line.strip()]
    captions = _captions(body, nonblank) if not reader.lookup else set()
    nonblank = [i for i in nonblank if i not in captions]
    for pos, i in enumerate(nonblank):
        line = body[i]
        if (m := _NUMBERED.match(line)) is not None:
            reader.item(m.group(2), len(m.group(1)), True)
        elif (m := _BULLET.match(line)) is not None:
            reader.item(m.group(2), len(m.group(1)), False)
        elif line[:1] in (" ", "\t"):
            reader.follow(line.strip())
        elif _is_heading(reader, line, body, nonblank, pos):
            nxt = body[nonblank[pos + 1]] if pos + 1 < len(nonblank) else ""
            reader.heading(line, _heading_like(nxt) and not reader.lookup)
        elif not _EXPAND.match(line.strip()):
            reader.last = None
    return ParsedList(title=title, format="rendered", sections=reader.sections,
                      entries=reader.entries)


def _is_heading(reader: _Reader, line: str, body: list[str], nonblank: list[int],
                pos: int) -> bool:
    name = line.strip()
    if is_toc(name) or is_license(name):
        return True
    if reader.lookup:
        return normalize_title(name) in reader.lookup
    if not _heading_like(line) or pos + 1 >= len(nonblank):
        return False
    nxt = body[nonblank[pos + 1]]
    intro = nxt[:1] not in (" ", "\t") and len(nxt.strip()) > 0 and not _heading_like(nxt)
    return bool(_NUMBERED.match(nxt) or _BULLET.match(nxt) or _heading_like(nxt)
                or _EXPAND.match(nxt.strip()) or intro)
