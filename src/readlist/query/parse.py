"""Query text → syntax tree (pure: no database, no Qt).

Grammar (AND binds tighter than OR; juxtaposition is AND)::

    query   := or_expr?
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary+                      ("AND" between terms is accepted and ignored)
    unary   := "-" unary | "(" or_expr ")" | FIELD ":" value | '"' phrase '"' | WORD
    value   := '"' text '"' | bare | op bare | bare ".." bare      (op: >= <= > < =)

`OR` and `AND` are operators only in upper case. Field names and enumerated values are
case-insensitive. With `prefix_last`, the last bare word (when the text does not end in
whitespace) is a prefix, so `atten` finds "attention" while the user is still typing.
Every error is a QueryError naming the bad token, its column and the fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from readlist.core.errors import QueryError
from readlist.core.models import Kind, Priority, Status
from readlist.query.nodes import (
    FIELD_VALUES,
    FIELDS,
    RANGE_FIELDS,
    And,
    Field,
    Node,
    Not,
    Or,
    Range,
    Term,
)

__all__ = ["FIELDS", "FIELD_VALUES", "Node", "caret", "parse_query", "suggest", "validate"]

_FIELD_RE = re.compile(r"([A-Za-z_][A-Za-z_-]*):")
_COMPARE_RE = re.compile(r"^(>=|<=|>|<|=)?(.*)$", re.DOTALL)
_MAX_DEPTH = 40
_STOP = frozenset(' \t\r\n\f\v()"')


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(", ")", "-", "OR", "AND", "word", "phrase", "field"
    pos: int
    text: str = ""
    field: str = ""
    end: int = 0


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest of `choices` to `word` (difflib), or None when nothing is close."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def caret(text: str, position: int | None, width: int = 1) -> str:
    """Two lines for an error box: the query and a `^^^` under the problem."""
    if position is None:
        return text
    return f"{text}\n{' ' * position}{'^' * max(1, width)}"


def _col(pos: int) -> str:
    return f"at column {pos + 1}"


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The text between the quote at `start` and the next quote, and the index after it."""
    end = text.find('"', start + 1)
    if end < 0:
        raise QueryError(f'unclosed quote {_col(start)}: {text[start:start + 20]}',
                         start, 'add a closing "')
    return text[start + 1:end], end + 1


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            toks.append(_Tok(ch, i, ch, end=i + 1))
            i += 1
        elif ch == "-" and (i + 1 == n or text[i + 1].isspace() or text[i + 1] == ")"):
            raise QueryError(f"'-' {_col(i)} is not followed by a term", i,
                             "write -word or -field:value with no space after '-'")
        elif ch == "-":
            toks.append(_Tok("-", i, "-", end=i + 1))
            i += 1
        elif ch == '"':
            body, j = _read_quoted(text, i)
            toks.append(_Tok("phrase", i, body, end=j))
            i = j
        else:
            j = i
            while j < n and text[j] not in _STOP:
                j += 1
            word = text[i:j]
            m = _FIELD_RE.match(word)
            # a hyphenated word before ':' is a field only if known (`state-of-the-art:` is text)
            if m and "-" in m.group(1) and m.group(1).lower() not in FIELDS:
                m = None
            if m and (m.group(1).lower() in FIELDS or not word[m.end():].startswith("//")):
                value = word[m.end():]
                if not value and j < n and text[j] == '"':
                    value, j = _read_quoted(text, j)
                toks.append(_Tok("field", i, value, field=m.group(1), end=j))
            elif word in ("OR", "AND"):
                toks.append(_Tok(word, i, word, end=j))
            else:
                toks.append(_Tok("word", i, word, end=j))
            i = j
    return toks


def _parse_int(name: str, raw: str, tok: _Tok) -> int:
    if name == "priority":
        try:
            return Priority.parse(raw).rank
        except ValueError:
            raise _bad_value(name, raw, tok) from None
    try:
        value = int(raw)
    except ValueError:
        raise _bad_value(name, raw, tok) from None
    if name == "rating" and not 0 <= value <= 5:
        raise QueryError(f"rating {raw!r} {_col(_value_pos(tok))} is out of range", _value_pos(tok),
                         "ratings go from 0 to 5")
    return value


def _bad_value(name: str, raw: str, tok: _Tok) -> QueryError:
    examples = {
        "year": "a year like year:2023, year:>=2022, year:2019..2021 or year:<2020",
        "rating": "a number 0-5 like rating:4, rating:>=4 or rating:2..3",
    }
    pos = _value_pos(tok)
    choices = FIELD_VALUES.get(name)
    if choices is None:
        return QueryError(f"bad value {raw!r} for {name}: {_col(pos)}", pos,
                          f"{name}: needs {examples[name]}")
    close = suggest(raw, choices)
    hint = (f"did you mean '{close}'? " if close else "") + f"use one of {'|'.join(choices)}"
    if name == "is" and raw.lower().replace("_", "-") in FIELD_VALUES["status"]:
        hint = f"for a reading status write status:{raw.lower()}"
    return QueryError(f"unknown value {raw!r} for {name}: {_col(pos)}", pos, hint)


def _value_pos(tok: _Tok) -> int:
    return tok.pos + len(tok.field) + 1


def _range(name: str, raw: str, tok: _Tok) -> Range:
    if ".." in raw:
        lo_raw, _, hi_raw = raw.partition("..")
        if not lo_raw and not hi_raw:
            raise _bad_value(name, raw, tok)
        lo = _parse_int(name, lo_raw, tok) if lo_raw else None
        hi = _parse_int(name, hi_raw, tok) if hi_raw else None
        if lo is not None and hi is not None and lo > hi:
            raise QueryError(f"range {name}:{raw} {_col(tok.pos)} is backwards", _value_pos(tok),
                             f"write {name}:{hi_raw}..{lo_raw}")
        return Range(name, lo, hi, tok.pos)
    m = _COMPARE_RE.match(raw)
    assert m is not None  # the pattern matches any text
    op, number = m.group(1) or "=", m.group(2)
    value = _parse_int(name, number, tok)
    low, high = {
        "=": (value, value), ">=": (value, None), "<=": (None, value),
        ">": (value + 1, None), "<": (None, value - 1),
    }[op]
    return Range(name, low, high, tok.pos)


def _field(tok: _Tok) -> Node:
    name = tok.field.lower()
    raw = tok.text.strip()
    if name not in FIELDS:
        close = suggest(name, tuple(FIELDS))
        hint = (f"did you mean '{close}'?" if close
                else f"known fields: {', '.join(FIELDS)}")
        hint += f' — to search for the text itself, quote it: "{tok.field}:{tok.text}"'
        raise QueryError(f"unknown field {tok.field!r} {_col(tok.pos)}", tok.pos, hint)
    if not raw:
        choices = FIELD_VALUES.get(name)
        hint = f"use one of {'|'.join(choices)}" if choices else FIELDS[name]
        raise QueryError(f"{name}: {_col(tok.pos)} needs a value", tok.pos, hint)
    if name in RANGE_FIELDS:
        return _range(name, raw, tok)
    if name == "status":
        try:
            return Field(name, Status.parse(raw).value, tok.pos)
        except ValueError:
            raise _bad_value(name, raw, tok) from None
    if name == "kind":
        if raw.lower() not in FIELD_VALUES["kind"]:
            raise _bad_value(name, raw, tok)
        return Field(name, Kind(raw.lower()).value, tok.pos)
    if name in ("has", "is"):
        if raw.lower() not in FIELD_VALUES[name]:
            raise _bad_value(name, raw, tok)
        return Field(name, raw.lower(), tok.pos)
    return Field(name, raw, tok.pos)


class _Parser:
    def __init__(self, text: str, toks: list[_Tok], prefix_last: bool) -> None:
        self.text = text
        self.toks = toks
        self.i = 0
        self.open: list[int] = []
        last = toks[-1] if toks else None
        self.prefix_tok = (last if prefix_last and last is not None and last.kind == "word"
                           and last.end == len(text) else None)

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> Node | None:
        if not self.toks:
            return None
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:  # only a stray ')' can stop or_expr early
            raise QueryError(f"unexpected ')' {_col(tok.pos)}", tok.pos,
                             "it closes nothing; remove it or add a '(' before it")
        return node

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.i += 1
            parts.append(self.and_expr(after_or=tok))
        return parts[0] if len(parts) == 1 else Or(tuple(_flatten(parts, Or)))

    def and_expr(self, after_or: _Tok | None = None) -> Node:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("OR", ")"):
            if tok.kind == "AND":
                self.i += 1
                continue
            parts.append(self.unary())
        if not parts:
            tok = self.peek()
            if after_or is not None:
                raise QueryError(f"'OR' {_col(after_or.pos)} has no term after it",
                                 after_or.pos, "put a term after OR or remove it")
            if tok is not None and tok.kind == "OR":
                raise QueryError(f"'OR' {_col(tok.pos)} has no term before it", tok.pos,
                                 "put a term before OR or remove it")
            if tok is None and self.open:
                raise QueryError(f"unclosed '(' {_col(self.open[-1])}", self.open[-1],
                                 "add a ')' to close it or remove the '('")
            if tok is None:
                raise QueryError("'AND' has no terms around it", 0, "put terms around AND")
            if not self.open:
                raise QueryError(f"unexpected ')' {_col(tok.pos)}", tok.pos,
                                 "it closes nothing; remove it or add a '(' before it")
            raise QueryError(f"empty parentheses {_col(self.open[-1])}", self.open[-1],
                             "put a term inside them or remove them")
        return parts[0] if len(parts) == 1 else And(tuple(_flatten(parts, And)))

    def unary(self) -> Node:
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind == "-":
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "AND", ")"):
                raise QueryError(f"'-' {_col(tok.pos)} is not followed by a term", tok.pos,
                                 "write -word or -field:value")
            return Not(self.unary(), tok.pos)
        if tok.kind == "(":
            self.open.append(tok.pos)
            if len(self.open) > _MAX_DEPTH:
                raise QueryError(f"parentheses nested too deeply {_col(tok.pos)}", tok.pos,
                                 f"use at most {_MAX_DEPTH} levels")
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError(f"unclosed '(' {_col(tok.pos)}", tok.pos,
                                 "add a ')' to close it or remove the '('")
            self.i += 1
            self.open.pop()
            return node
        if tok.kind == "field":
            return _field(tok)
        if tok.kind == "phrase":
            return Term(tok.text, tok.pos, phrase=True)
        return Term(tok.text, tok.pos, prefix=tok is self.prefix_tok)


def _flatten(parts: list[Node], kind: type[And] | type[Or]) -> list[Node]:
    out: list[Node] = []
    for part in parts:
        out.extend(part.children if isinstance(part, kind) else (part,))
    return out


@lru_cache(maxsize=512)
def parse_query(text: str, *, prefix_last: bool = False) -> Node | None:
    """Parse query text into a tree; None for an empty query (which means everything).

    Raises:
        QueryError: with `position` at the bad token and a hint that says how to fix it.
    """
    return _Parser(text, _tokenize(text), prefix_last).parse()


def validate(text: str) -> None:
    """Raise QueryError when `text` is not a valid query (queue and source names are checked
    against the library only when the query runs)."""
    parse_query(text)
