"""Inline tokens of the commonest run, plain text and [label](url) links, built directly.

markdown-it-py's inline parser costs tens of microseconds a run; for this shape its tokens
are known, and tests/test_parse_fast.py checks they are the same, field by field, on every
such run of the real lists.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from readlist.importing.tokens import PARSER

# The commonest inline run is plain text and [label](url) links: markdown-it-py's tokens for it
# are built directly (the same tokens, tests/test_parse_fast.py compares every run of the real
# lists). Anything that could start another construct falls back, and so does a "[" that is
# not a link's own: only the outer "[" of "[[Code](url)]" stays plain text whatever follows
# (markdown-it refuses a link label that holds a link).
_NOT_SIMPLE = re.compile(r"[\n\\`*_!<&~]")
_SIMPLE_LINK = re.compile(r"\[([^\[\]]*)\]\(([^\s()<>]+)\)")


def simple_inline(content: str) -> list[Token] | None:
    """markdown-it-py's inline tokens of ``content`` when it is plain text and plain links,
    else None (parse it with markdown-it-py)."""
    if _NOT_SIMPLE.search(content) is not None:
        return None
    out: list[Token] = []
    pos = 0
    for m in _SIMPLE_LINK.finditer(content):
        before = content[pos:m.start()]
        if "[" in before[:-1] or not PARSER.validateLink(m.group(2)):
            return None
        if before:
            out.append(_text(before, 0))
        opened = Token("link_open", "a", 1)
        opened.attrs = {"href": m.group(2)}
        out.append(opened)
        if m.group(1):
            out.append(_text(m.group(1), 1))
        out.append(Token("link_close", "a", -1))
        pos = m.end()
    rest = content[pos:]
    if "[" in rest:
        return None
    if rest:
        out.append(_text(rest, 0))
    return out


def _text(content: str, level: int) -> Token:
    tok = Token("text", "", 0)
    tok.content = content
    tok.level = level
    return tok
