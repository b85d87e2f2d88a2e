"""Parse an awesome-list Markdown file into a ParsedList.

Entries are list items or table rows whose text starts with an http(s) link, items and
paragraphs shaped as citations (a bold or quoted title, authors, venue, year, then links:
citations.py), numbered items with a link anywhere, and paragraphs that start with a link
inside a section. What follows
an entry and is not itself an entry (follow-up bullets, nested blocks, blockquotes) becomes
its description, and every link in it one of its links. Sections are heading paths below the
list's H1 title, without the table of contents; the licence section is skipped entirely.
A bullet whose short text carries a nested list of links ("- **Category**") adds a level.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from readlist.core.gcpause import gc_paused
from readlist.core.models import ParsedEntry, ParsedLink, ParsedList
from readlist.importing import metadata as meta
from readlist.importing.citations import Citation, parse_citation
from readlist.importing.inline_fast import simple_inline
from readlist.importing.pieces import CHUNK_LINES, pieces_of
from readlist.importing.tokens import (
    PARSER,
    Node,
    build_tree,
    first_link,
    html_links,
    inline_links,
    inline_parser_for,
    is_license,
    is_toc,
    leading_link,
    make_entry,
    parser_for,
    plain_text,
    to_markdown,
)

_LISTS = ("bullet_list", "ordered_list")
_ONLY_TAGS = re.compile(r"\s*(?:<[^>]+>\s*)+")
_SOFT_TAGS = re.compile(r"</?(?:summary|details|p|br|sup|sub|div|b|i|strong|em|span)\b[^>]*>",
                        re.I)
_LEAD_SEP = re.compile(r"^[\s\-–—:.,;]+(?=\S|$)")
_BOOK = re.compile(r"\bbook\b", re.I)
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TITLE_HEADERS = re.compile(r"title|name|paper|project|model|resource|article", re.I)
_FIELD_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("year", re.compile(r"year|date|published", re.I)),
    ("authors", re.compile(r"author", re.I)),
    ("organization", re.compile(r"org|affiliation|institution|company|lab\b", re.I)),
    ("description", re.compile(r"desc|summary|note|comment|abstract|about|tl;?dr", re.I)),
)


class Walker:
    """Walks the block tree once, keeping the heading stack and the entry being continued."""

    def __init__(self, md: MarkdownIt, env: dict[str, Any], lines: list[str]) -> None:
        self.md, self.env, self.lines = md, env, lines
        self.title = ""
        self.sections: list[tuple[str, ...]] = []
        self.entries: list[ParsedEntry] = []
        self._known: set[tuple[str, ...]] = set()
        self._stack: list[tuple[int, str, str]] = []

    # ---- headings and sections ----

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(name for _, name, role in self._stack if not role)

    @property
    def excluded(self) -> bool:
        if not self._stack:
            return False
        return self._stack[-1][2] == "toc" or any(r == "license" for _, _, r in self._stack)

    def add_section(self, path: tuple[str, ...]) -> None:
        if path and path not in self._known:
            self._known.add(path)
            self.sections.append(path)

    def heading(self, node: Node) -> None:
        level = int(node.tag[1:]) if node.tag[1:].isdigit() else 6
        name = " ".join(plain_text(self.inline(node)).split()).strip(" :")
        if level == 1 and not self.title and not self._stack and not self.entries:
            self.title = name
            self._stack.append((level, name, "title"))
            return
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        role = "toc" if (not name or is_toc(name)) else "license" if is_license(name) else ""
        self._stack.append((level, name, role))
        if not role and not self.excluded:
            self.add_section(self.path)

    # ---- blocks ----

    def _may_link(self, content: str) -> bool:
        return "](" in content or "<" in content or (
            "[" in content and bool(self.env.get("references")))

    def inline(self, node: Node) -> list[Token]:
        tok = node.token
        if tok is None:
            return []
        if not tok.children and tok.content:
            fast = simple_inline(tok.content)
            if fast is not None:
                tok.children = fast
            else:
                tok.children = []
                md = inline_parser_for(tok.content)
                md.inline.parse(tok.content, md, self.env, tok.children)
        return tok.children or []

    def walk(self, root: Node) -> None:
        """Read the top-level blocks in order. Each block (and the tokens under it) is let go
        once read: at 100,000 entries the whole token tree would be most of the memory."""
        open_entry: ParsedEntry | None = None
        prev = ""
        pending = root.children[::-1]
        root.children = []
        while pending:
            node = pending.pop()
            kind = node.type
            if kind == "heading":
                self.heading(node)
                open_entry = None
            elif self.excluded:
                open_entry = None
            elif kind in _LISTS:
                if kind == "bullet_list" and prev == "ordered_list" and open_entry is not None:
                    self.attach(open_entry, node)
                else:
                    open_entry = self.read_list(node, self.path)
            elif kind == "blockquote" and prev in _LISTS and open_entry is not None:
                self.attach(open_entry, node)
            else:
                open_entry = None
                if kind == "paragraph" and self.path:
                    self.paragraph(node)
                elif kind == "table":
                    self.table(node)
            prev = kind

    def read_list(self, node: Node, path: tuple[str, ...]) -> ParsedEntry | None:
        """Read a list's items; returns the entry that later follow-up blocks continue."""
        current: ParsedEntry | None = None
        ordered = node.type == "ordered_list"
        for item in node.children:
            current = self.item(item, path, ordered, current)
        return current

    def item(self, item: Node, path: tuple[str, ...], ordered: bool,
             current: ParsedEntry | None) -> ParsedEntry | None:
        first = item.children[0] if item.children and item.children[0].type == "paragraph" \
            else None
        children = self.inline(first) if first else []
        lead = leading_link(children)
        if lead is not None:
            entry = self.link_entry(children, lead, path)
            self.body(entry, item.children[1:], path)
            return entry
        cited = parse_citation(children) if children else None
        if cited is not None:
            entry = self.citation_entry(cited, path)
            self.body(entry, item.children[1:], path)
            return entry
        url = first_link(children) if ordered else None
        if url is not None:
            entry = self.loose_entry(children, url, path)
            self.body(entry, item.children[1:], path)
            return entry
        nested = [c for c in item.children[1:] if c.type in _LISTS]
        if first is not None and nested and self.is_category(children, nested):
            sub = path + (" ".join(plain_text(children).split()).strip(" :"),)
            self.add_section(sub)
            for lst in nested:
                self.read_list(lst, sub)
            return None
        if current is not None:
            self.attach(current, item)
            return current
        for lst in nested:
            self.read_list(lst, path)
        return None

    def is_category(self, children: list[Token], nested: list[Node]) -> bool:
        text = plain_text(children).strip()
        if not text or len(text) > 80 or re.search(r"[.!?]\s", text):
            return False
        for lst in nested:
            for sub in lst.children:
                if sub.children and sub.children[0].type == "paragraph" and \
                        leading_link(self.inline(sub.children[0])) is not None:
                    return True
        return False

    def body(self, entry: ParsedEntry, blocks: list[Node], path: tuple[str, ...]) -> None:
        """Blocks nested in an entry's item: sub-entries that start with a work's link,
        everything else description and links of the entry."""
        for block in blocks:
            if block.type not in _LISTS:
                self.attach(entry, block)
                continue
            for sub in block.children:
                first = sub.children[0] if sub.children and \
                    sub.children[0].type == "paragraph" else None
                children = self.inline(first) if first else []
                lead = leading_link(children)
                if lead is not None and not self._is_facet(children, lead):
                    self.item(sub, path, block.type == "ordered_list", None)
                else:
                    self.attach(entry, sub)

    @staticmethod
    def _is_facet(children: list[Token], lead: tuple[str, int, int]) -> bool:
        _, i, j = lead
        label = plain_text(children[i + 1:j])
        after = plain_text(children[j + 1:]).lstrip()
        return meta.is_generic_label(label) or after.startswith(":")

    def paragraph(self, node: Node) -> None:
        children = self.inline(node)
        lead = leading_link(children)
        if lead is not None:
            self.link_entry(children, lead, self.path)
            return
        cited = parse_citation(children)
        if cited is not None:
            self.citation_entry(cited, self.path)

    # ---- entries ----

    def link_entry(self, children: list[Token], lead: tuple[str, int, int],
                   path: tuple[str, ...]) -> ParsedEntry:
        href, i, j = lead
        label = " ".join(plain_text(children[i + 1:j]).split())
        title, title_rest = meta.split_title(label)
        tail = children[j + 1:]
        if tail and tail[0].type in ("strong_close", "em_close"):
            tail = tail[1:]
        tail_plain = plain_text(tail)
        attribution = meta.parse_attribution(tail_plain)
        if not attribution.found and title_rest:
            inner = meta.parse_attribution(title_rest)
            attribution = meta.Attribution(inner.authors, inner.organization, inner.year)
        words = label + " " + re.split(r"\s[-–—]\s|\.\s", tail_plain, maxsplit=1)[0][:80]
        description = _LEAD_SEP.sub("", meta.emojize(to_markdown(tail, attribution.end).strip()))
        return self.add(make_entry(href, title, path, len(self.entries), attribution, words,
                                   description, inline_links(tail)))

    def loose_entry(self, children: list[Token], url: str,
                    path: tuple[str, ...]) -> ParsedEntry:
        title, rest = meta.split_title(plain_text(children))
        attribution = meta.parse_attribution(rest)
        description = to_markdown(children).strip() if rest[attribution.end:].strip() else ""
        return self.add(make_entry(url, title, path, len(self.entries), attribution, title,
                                   description, inline_links(children)))

    def citation_entry(self, cited: Citation, path: tuple[str, ...]) -> ParsedEntry:
        attribution = meta.Attribution(cited.authors, cited.organization, cited.year)
        # a venue makes it a paper, unless the venue says book ("An MIT Press book")
        words = f"{cited.title} {cited.venue}"
        if cited.venue and not _BOOK.search(cited.venue):
            words += " paper"
        return self.add(make_entry(cited.url, cited.title, path, len(self.entries),
                                   attribution, words, cited.description, cited.links,
                                   venue=cited.venue, note=cited.note))

    def add(self, entry: ParsedEntry) -> ParsedEntry:
        self.entries.append(entry)
        return entry

    def attach(self, entry: ParsedEntry, node: Node) -> None:
        text = meta.emojize(self.source(node))
        if text:
            joiner = "\n" if _LIST_MARK.match(text) and _LIST_MARK.search(
                entry.description.rsplit("\n", 1)[-1]) else "\n\n"
            entry.description = (entry.description + joiner + text).strip()
        known = {entry.url} | {link.url for link in entry.links}
        for link in self.links(node):
            if link.url not in known:
                known.add(link.url)
                entry.links.append(link)

    def links(self, node: Node) -> list[ParsedLink]:
        found: list[ParsedLink] = []
        if node.token is not None:
            if node.token.type == "inline" and self._may_link(node.token.content):
                found.extend(inline_links(self.inline(node)))
            elif node.type == "html_block":
                found.extend(html_links(node.token.content))
        for child in node.children:
            found.extend(self.links(child))
        return found

    def source(self, node: Node) -> str:
        """The Markdown source of a block, dedented, with layout-only HTML tags dropped."""
        if node.map is None:
            return ""
        lines: list[str] = []
        for line in self.lines[node.map[0]:node.map[1]]:
            if _ONLY_TAGS.fullmatch(line):
                continue
            lines.append(_SOFT_TAGS.sub("", line).rstrip())
        while lines and not lines[-1].strip():
            lines.pop()
        indents = [len(x) - len(x.lstrip()) for x in lines if x.strip()]
        cut = min(indents) if indents else 0
        return "\n".join(x[cut:] for x in lines).strip("\n")

    def table(self, node: Node) -> None:
        headers: list[str] = []
        rows: list[list[Node]] = []
        for part in node.children:
            for tr in part.children:
                if part.type == "thead":
                    headers = [plain_text(self.inline(c)).strip() for c in tr.children]
                else:
                    rows.append(tr.children)
        for cells in rows:
            self.table_row(headers, cells)

    def table_row(self, headers: list[str], cells: list[Node]) -> None:
        contents = [self.inline(c) for c in cells]
        texts = [" ".join(plain_text(c).split()) for c in contents]
        found = next(((i, u) for i, c in enumerate(contents) if (u := first_link(c))), None)
        if found is None:
            return
        col, url = found
        links = [link for c in contents for link in inline_links(c)]
        title = links[0].label if links else texts[col]
        fields: dict[str, str] = {}
        extra: list[str] = []
        for i, text in enumerate(texts):
            header = headers[i] if i < len(headers) else ""
            if not text or i == col:
                continue
            name = next((f for f, rx in _FIELD_HEADERS if rx.search(header)), "")
            if name and name not in fields:
                fields[name] = text
            elif _TITLE_HEADERS.search(header) and meta.is_generic_label(title):
                title = text
            elif not inline_links(contents[i]):
                extra.append(f"{header}: {text}" if header else text)
        if meta.is_generic_label(title) or not title:
            title = texts[col] if not meta.is_generic_label(texts[col]) else title
        attribution = _table_attribution(fields)
        description = "\n\n".join(x for x in [fields.get("description", "")] + extra if x)
        self.add(make_entry(url, title, self.path, len(self.entries), attribution, title,
                            description, links[1:]))


def _table_attribution(fields: dict[str, str]) -> meta.Attribution:
    authors, org = fields.get("authors", ""), fields.get("organization", "")
    if authors:
        split = meta.classify_clause(authors)
        if split is not None:
            people, orgs, _ = split
            authors = ", ".join(people)
            org = org or ", ".join(orgs)
    year = meta.find_year(fields.get("year", ""))
    return meta.Attribution(authors, org, year, 0)


def parse_markdown(text: str) -> ParsedList:
    """Parse Markdown list text into a ParsedList (pure: no I/O, no database).

    The cyclic garbage collector is paused while the token objects are alive: they hold no
    cycles worth collecting, and on a 20,000-entry list the collector's passes over them
    cost a third of the parse."""
    return _parse(text, CHUNK_LINES)


def _parse(text: str, chunk_lines: int) -> ParsedList:
    """parse_markdown, block-parsing pieces of at least ``chunk_lines`` lines (pieces.py)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    env: dict[str, Any] = {}
    lines = text.split("\n")
    walker = Walker(PARSER, env, lines)
    md = parser_for(text)
    pieces = pieces_of(text, lines, chunk_lines)
    with gc_paused():
        for start, end in pieces:
            piece = lines[start:end] if len(pieces) > 1 else lines
            walker.lines = piece
            walker.walk(build_tree(md.parse("\n".join(piece) if len(pieces) > 1 else text,
                                            env)))
    return ParsedList(title=walker.title, format="markdown", sections=walker.sections,
                      entries=walker.entries)
