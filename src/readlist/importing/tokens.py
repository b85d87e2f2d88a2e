"""markdown-it-py token helpers for the Markdown importer: block tree, inline text, links.

The parser is configured once: CommonMark + tables, with the core inline rule disabled so
that inline parsing runs lazily (only for blocks that can hold entries), and link
normalisation disabled so URLs are kept exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from markdown_it import MarkdownIt
from markdown_it.token import Token

from readlist.core.models import ParsedEntry, ParsedLink
from readlist.core.normalize import is_web_url, title_key, url_key
from readlist.importing import metadata as meta

_HTML_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_IMAGE_URL = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|ico)(?:[?#].*)?$", re.I)
_BADGE_HOSTS = ("shields.io", "awesome.re/badge", "badgen.net", "badge.fury.io", "/badge")
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


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.disable("inline")
    md.normalizeLink = _keep_link  # type: ignore[method-assign]
    return md


PARSER = _make_parser()


def is_stored_url(url: str) -> bool:
    """True for http(s) links worth keeping: not badges, not image files."""
    if not _WEB.match(url) or not is_web_url(url):
        return False
    low = url.lower()
    return not (_IMAGE_URL.search(low.split("?")[0]) or any(h in low for h in _BADGE_HOSTS))


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
    """Inline tokens back to Markdown, leaving out the first ``skip_plain`` plain characters."""
    out: list[str] = []
    budget = skip_plain
    for index, tok in enumerate(children):
        kind = tok.type
        if kind in ("text", "text_special", "code_inline"):
            text = tok.content
            if budget:
                cut = min(budget, len(text))
                budget -= cut
                text = text[cut:]
                if not text:
                    continue
            out.append(f"`{text}`" if kind == "code_inline" else text)
            continue
        if kind in ("softbreak", "hardbreak"):
            if budget:
                budget -= 1
                continue
            out.append("\n")
            continue
        if budget:
            continue
        if kind == "link_open":
            out.append("[")
        elif kind == "link_close":
            out.append("](")
            out.append(_pending_href(children, index))
            out.append(")")
        elif kind in ("strong_open", "strong_close"):
            out.append(tok.markup or "**")
        elif kind in ("em_open", "em_close"):
            out.append(tok.markup or "_")
        elif kind == "image":
            out.append(f"![{tok.content}]({tok.attrGet('src') or ''})")
        elif kind == "html_inline":
            out.append(tok.content)
    return "".join(out)


def _pending_href(children: list[Token], close: int) -> str:
    depth = 0
    for tok in reversed(children[:close]):
        if tok.type == "link_close":
            depth += 1
        elif tok.type == "link_open":
            if depth == 0:
                return str(tok.attrGet("href") or "")
            depth -= 1
    return ""


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
                depth += {"link_open": 1, "link_close": -1}.get(children[j].type, 0)
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
            depth += {"link_open": 1, "link_close": -1}.get(children[j].type, 0)
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
               links: list[ParsedLink]) -> ParsedEntry:
    """One ParsedEntry with its metadata derived from title, words, URL and section."""
    key = entry_key(url, title)
    seen = {url} if url else set()
    unique: list[ParsedLink] = []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            unique.append(link)
    return ParsedEntry(
        key=key, title=title, url=url, section_path=path,
        position=position, authors=attribution.authors,
        organization=attribution.organization,
        year=meta.entry_year(attribution, key, title),
        kind=meta.guess_kind(url, words, path, key), description=description.strip(),
        links=unique)


def is_toc(title: str) -> bool:
    return bool(_TOC.match(title.strip()))


def is_license(title: str) -> bool:
    return bool(_LICENSE.match(title.strip()))
