"""markdown-it-py token helpers for the Markdown importer: block tree, inline text, links.

The parser is configured once: CommonMark + tables, with the core inline rule disabled so
that inline parsing runs lazily (only for blocks that can hold entries), and link
normalisation disabled so URLs are kept exactly as written.

Speed (issue #3) without changing a single token: a markdown-it rule that can only fire on
a character the text does not contain is switched off for that text (`parser_for` for the
block level, `inline_parser_for` per inline run), since it would fail at every position
anyway; link destinations are scanned with a regex instead of one call per character
(`_parse_link_destination`, the same result as markdown-it-py's helper), and a link label
with nothing in it that could hide a "]" ends at the first one (`_parse_link_label`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

from markdown_it import MarkdownIt
from markdown_it import helpers as md_helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers.parse_link_destination import _Result
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from readlist.core.models import ParsedEntry, ParsedLink
from readlist.core.normalize import is_web_url, title_key, url_key
from readlist.importing import metadata as meta

_HTML_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_IMAGE_URL = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|ico)(?:[?#].*)?$", re.I)
_BADGE_HOSTS = ("shields.io", "awesome.re/badge", "badgen.net", "badge.fury.io", "/badge")
_BADGE = re.compile("|".join(map(re.escape, _BADGE_HOSTS)))
_WEB = re.compile(r"https?://[^/\s?#]", re.I)
_TOC = re.compile(r"^(?:table of contents|contents|toc|index)$", re.I)
_LICENSE = re.compile(r"^(?:licen[cs]e|licensing)$", re.I)


@dataclass(slots=True)
class Node:
    """A block of the document: markdown-it open/close pairs folded into a tree."""

    type: str
    map: tuple[int, int] | None
    children: list[Node] = field(default_factory=list)
    token: Token | None = None
    tag: str = ""


def _keep_link(url: str) -> str:
    return url.strip()


_DEST_STOP = re.compile(r"[\x00-\x20\x7f\\()]")


def _parse_link_destination(string: str, pos: int, maximum: int) -> _Result:
    """markdown-it-py's ``parseLinkDestination`` with the bare-destination scan jumping from
    one special character to the next by regex; same ok/pos/str for every input."""
    if pos < len(string) and string[pos] == "<":
        return _ORIGINAL_DEST(string, pos, maximum)
    start = pos
    end = min(maximum, len(string))
    level = 0
    search = _DEST_STOP.search
    while True:
        m = search(string, pos, end)
        if m is None:
            pos = end
            break
        pos = m.start()
        ch = string[pos]
        if ch == "\\":
            if pos + 1 < maximum:
                if pos + 1 < end and string[pos + 1] == " ":
                    break
                pos += 2
                if pos >= end:
                    break
                continue
            pos += 1
            continue
        if ch == "(":
            level += 1
            if level > 32:
                return _Result()
            pos += 1
            continue
        if ch == ")":
            if level == 0:
                break
            level -= 1
            pos += 1
            continue
        break  # space or ASCII control character
    result = _Result()
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result


_ORIGINAL_DEST = md_helpers.parseLinkDestination
_ORIGINAL_LABEL = md_helpers.parseLinkLabel
# Only these can start a token that swallows a "]" or nests a label: a bracket, a code span,
# an escape, an autolink or raw HTML.
_LABEL_SPECIAL = re.compile(r"[\[\]`\\<]")


def _parse_link_label(state: StateInline, start: int, disableNested: bool = False) -> int:
    """markdown-it-py's ``parseLinkLabel`` (which steps through the label token by token)
    answered directly when nothing in the label can hide or nest a "]": then the label ends
    at the first "]" before ``posMax``. Same result for every input; else the original."""
    special = _LABEL_SPECIAL.search(state.src, start + 1, state.posMax)
    if special is not None and state.src[special.start()] == "]":
        return special.start()
    return _ORIGINAL_LABEL(state, start, disableNested)


_HELPERS = SimpleNamespace(parseLinkLabel=_parse_link_label,
                           parseLinkTitle=md_helpers.parseLinkTitle,
                           parseLinkDestination=_parse_link_destination)

# Rules that only fire where the text has one of these: (rule, test on the text). A text
# that fails the test gets a parser without the rule, which changes no token.
_HR = re.compile(r"([*\-_])[ \t]*\1[ \t]*\1")
_SETEXT = re.compile(r"[-=][ \t]*$", re.M)
_BLOCK_TRIGGERS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("table", lambda t: "|" in t),
    ("code", lambda t: "    " in t or "\t" in t),
    ("fence", lambda t: "```" in t or "~~~" in t),
    ("blockquote", lambda t: ">" in t),
    ("hr", lambda t: _HR.search(t) is not None),
    ("reference", lambda t: "]:" in t),
    ("html_block", lambda t: "<" in t),
    ("lheading", lambda t: _SETEXT.search(t) is not None),
)
_PARSERS: dict[tuple[str, ...], MarkdownIt] = {}
_DEPTH = {"link_open": 1, "link_close": -1}
_INLINE_PARSERS: dict[tuple[bool, ...], MarkdownIt] = {}


def _make_parser(off: tuple[str, ...] = ()) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.disable(["inline", *off])
    md.normalizeLink = _keep_link  # type: ignore[method-assign]
    md.helpers = _HELPERS  # type: ignore[assignment]
    return md


def _parser(off: tuple[str, ...]) -> MarkdownIt:
    md = _PARSERS.get(off)
    if md is None:
        md = _PARSERS[off] = _make_parser(off)
    return md


def parser_for(text: str) -> MarkdownIt:
    """The block parser for ``text``: PARSER less the block rules that cannot fire on it."""
    return _parser(tuple(name for name, test in _BLOCK_TRIGGERS if not test(text)))


def inline_parser_for(content: str) -> MarkdownIt:
    """The parser to inline-parse ``content`` with: only the inline rules it can trigger."""
    has = ("\n" in content, "\\" in content, "`" in content,
           "*" in content or "_" in content, "![" in content, "<" in content, "&" in content)
    md = _INLINE_PARSERS.get(has)
    if md is None:
        rules = (("newline",), ("escape",), ("backticks",), ("emphasis",), ("image",),
                 ("autolink", "html_inline"), ("entity",))
        off = [name for found, names in zip(has, rules, strict=True) if not found
               for name in names]
        md = _INLINE_PARSERS[has] = _parser(tuple(off))
    return md


PARSER = _parser(())


def is_stored_url(url: str) -> bool:
    """True for http(s) links worth keeping: not badges, not image files."""
    if not _WEB.match(url):
        return False
    # With _WEB matched, urlsplit finds an http(s) scheme and a netloc; it can only disagree
    # (raise) on brackets or non-ASCII text, so only those URLs need the full check.
    if not (url.isascii() and "[" not in url and "]" not in url) and not is_web_url(url):
        return False
    low = url.lower()
    return not (_IMAGE_URL.search(low.split("?")[0]) or _BADGE.search(low))


def _span(tok: Token) -> tuple[int, int] | None:
    return (tok.map[0], tok.map[1]) if tok.map else None


def build_tree(tokens: list[Token]) -> Node:
    root = Node("root", None)
    stack = [root]
    for tok in tokens:
        if tok.nesting == 1:
            node = Node(tok.type[:-5], _span(tok), tag=tok.tag)
            stack[-1].children.append(node)
            stack.append(node)
        elif tok.nesting == -1:
            stack.pop()
        elif tok.type == "inline":
            stack[-1].token = tok
        else:
            stack[-1].children.append(
                Node(tok.type, _span(tok), token=tok))
    return root


def plain_text(children: list[Token]) -> str:
    """Readable text of inline tokens: link text kept, images and markup dropped."""
    out: list[str] = []
    for tok in children:
        if tok.type in ("text", "text_special", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def to_markdown(children: list[Token], skip_plain: int = 0) -> str:
    """Inline tokens back to Markdown, leaving out the first ``skip_plain`` plain characters.

    Badge pictures are left out (a description that starts with a shields.io
    badge reads as its text), and so is a link left empty by that."""
    out: list[str] = []
    opened: list[tuple[str, int]] = []  # (href, where its "[" is in out) of each open link
    budget = skip_plain
    dropped = False  # a badge was just left out: its two surrounding spaces become one
    for tok in children:
        kind = tok.type
        if kind in ("text", "text_special", "code_inline"):
            text = tok.content
            if budget:
                cut = min(budget, len(text))
                budget -= cut
                text = text[cut:]
                if not text:
                    continue
            if dropped and text.startswith(" ") and out and out[-1].endswith(" "):
                text = text[1:]
            dropped = False
            out.append(f"`{text}`" if kind == "code_inline" else text)
            continue
        if kind in ("softbreak", "hardbreak"):
            if budget:
                budget -= 1
                continue
            out.append("\n")
            continue
        if kind == "link_open":
            opened.append((str(tok.attrGet("href") or ""), len(out)))
        elif kind == "link_close":
            href, at = opened.pop() if opened else ("", -1)
        if budget:
            continue
        if kind == "link_open":
            out.append("[")
        elif kind == "link_close":
            if at >= 0 and at == len(out) - 1 and out[at] == "[":
                out.pop()  # nothing left inside: a badge's link
                dropped = True
            else:
                out.append(f"]({href})")
        elif kind in ("strong_open", "strong_close"):
            out.append(tok.markup or "**")
        elif kind in ("em_open", "em_close"):
            out.append(tok.markup or "_")
        elif kind == "image":
            src = str(tok.attrGet("src") or "")
            if not is_badge(src):
                out.append(f"![{tok.content}]({src})")
            else:
                dropped = True
        elif kind == "html_inline":
            out.append(tok.content)
    return "".join(out)


def is_badge(url: str) -> bool:
    """True for badge pictures (shields.io, awesome.re …): decoration, not content."""
    return _BADGE.search(url.lower()) is not None


def inline_links(children: list[Token]) -> list[ParsedLink]:
    """Every stored http(s) link in inline tokens, raw HTML <a href> included."""
    found: list[ParsedLink] = []
    i = 0
    while i < len(children):
        tok = children[i]
        if tok.type == "link_open":
            href = str(tok.attrGet("href") or "")
            j, depth = i + 1, 0
            while j < len(children) and not (children[j].type == "link_close" and depth == 0):
                depth += _DEPTH.get(children[j].type, 0)
                j += 1
            inner = children[i + 1:j]
            label = plain_text(inner).strip() or " ".join(
                t.content for t in inner if t.type == "image").strip()
            if is_stored_url(href):
                found.append(ParsedLink(label or href, href))
        elif tok.type == "html_inline":
            found.extend(html_links(tok.content))
        i += 1
    return found


def html_links(html: str) -> list[ParsedLink]:
    links: list[ParsedLink] = []
    for href, inner in _HTML_HREF.findall(html):
        if is_stored_url(href):
            label = " ".join(_TAG.sub("", inner).split())
            links.append(ParsedLink(label or href, href))
    return links


def leading_link(children: list[Token]) -> tuple[str, int, int] | None:
    """(href, open index, close index) of a link that starts the text, if it is stored."""
    i = 0
    while i < len(children):
        tok = children[i]
        if tok.type in ("text", "text_special") and not tok.content.strip():
            i += 1
            continue
        if tok.type in ("strong_open", "em_open"):
            i += 1
            continue
        if tok.type != "link_open":
            return None
        href = str(tok.attrGet("href") or "")
        j, depth = i + 1, 0
        while j < len(children) and not (children[j].type == "link_close" and depth == 0):
            depth += _DEPTH.get(children[j].type, 0)
            j += 1
        if not is_stored_url(href) or not plain_text(children[i + 1:j]).strip():
            return None
        return href, i, j
    return None


def first_link(children: list[Token]) -> str | None:
    for link in inline_links(children):
        return link.url
    return None


def entry_key(url: str | None, title: str) -> str:
    return url_key(url) if url else title_key(title)


def make_entry(url: str | None, title: str, path: tuple[str, ...], position: int,
               attribution: meta.Attribution, words: str, description: str,
               links: list[ParsedLink], venue: str = "", note: str = "") -> ParsedEntry:
    """One ParsedEntry with its metadata derived from title, words, URL and section."""
    key = entry_key(url, title)
    seen = {url} if url else set()
    unique: list[ParsedLink] = []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            unique.append(link)
    return ParsedEntry(
        key=key, title=meta.emojize(title), url=url, section_path=path,
        position=position, authors=attribution.authors,
        organization=attribution.organization,
        year=meta.entry_year(attribution, key, title),
        kind=meta.guess_kind(url, words, path, key),
        description=meta.emojize(description.strip()),
        links=unique, venue=venue or attribution.venue, list_note=note)


def is_toc(title: str) -> bool:
    return bool(_TOC.match(title.strip()))


def is_license(title: str) -> bool:
    return bool(_LICENSE.match(title.strip()))
