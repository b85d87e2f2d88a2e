"""The query syntax tree and the table of fields: what a parsed query is, independent of SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from readlist.core.models import Kind, Priority, Status

#: Every field the language knows, with one line of help (the UI completes field names from it).
FIELDS: dict[str, str] = {
    "status": "reading status: unread, to-read, reading, read, skipped",
    "queue": 'entries in a named queue, e.g. queue:"Next up"',
    "tag": "entries with a tag (case-insensitive)",
    "section": "any heading on the entry's section path contains the text",
    "kind": "resource kind: paper, article, code, video, book, tool, list, other",
    "year": "publication year: year:2023, year:>=2022, year:2019..2021, year:<2020",
    "author": "author name (a word or the start of one), e.g. author:vaswani",
    "org": "organisation (a word or the start of one), e.g. org:google",
    "venue": "where a paper was published (a word or the start of one), e.g. venue:iclr",
    "title": "words in the title (the last one may be partial), e.g. title:bert",
    "priority": "your priority: low, normal, high, urgent; priority:>=high",
    "rating": "your rating 0-5: rating:5, rating:>=4, rating:2..3",
    "source": "entries placed in the imported list with that name",
    "read-by": "entries a reader of the library has read, e.g. read-by:alice",
    "noted-by": "entries with a note by that reader that you may see (yours or shared)",
    "has": "has:note, has:tag, has:url, has:rating, has:queue, has:pdf, has:abstract",
    "is": "is:retired (gone upstream), is:new (added by the latest import), "
          "is:changed (changed, moved or revived by the latest import)",
}

#: The fixed values of enumerated fields, for completion and for error hints.
FIELD_VALUES: dict[str, tuple[str, ...]] = {
    "status": tuple(s.value for s in Status),
    "kind": tuple(k.value for k in Kind),
    "priority": tuple(p.value for p in Priority),
    "has": ("note", "tag", "url", "rating", "queue", "pdf", "abstract"),
    "is": ("retired", "new", "changed"),
}

#: Fields whose value is a number (or a rank) that can be compared and ranged.
RANGE_FIELDS = frozenset({"year", "priority", "rating"})

#: Fields matched against one column of the full-text index, and that column.
FTS_FIELDS: dict[str, str] = {"author": "authors", "org": "organization", "title": "title"}


@dataclass(frozen=True)
class Term:
    """Free text: a bare word or a "quoted phrase"; `prefix` lets the last token be partial."""

    text: str
    pos: int
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class Field:
    """`name:value` for a non-numeric field; `value` is normalised (enum values lower-case)."""

    name: str
    value: str
    pos: int


@dataclass(frozen=True)
class Range:
    """A numeric field restricted to the inclusive range [low, high] (None = open end).

    Priorities are stored as their rank (low 0 … urgent 3).
    """

    name: str
    low: int | None
    high: int | None
    pos: int


@dataclass(frozen=True)
class Not:
    child: Node
    pos: int


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Field | Range | Not | And | Or


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, depth first, the root included."""
    yield node
    if isinstance(node, Not):
        yield from walk(node.child)
    elif isinstance(node, And | Or):
        for child in node.children:
            yield from walk(child)


def mentions(node: Node | None, name: str, value: str) -> bool:
    """True when the tree contains the field `name:value` anywhere (negated or not)."""
    if node is None:
        return False
    return any(isinstance(n, Field) and n.name == name and n.value == value for n in walk(node))
