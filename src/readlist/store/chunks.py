"""Small helpers for statements over long id or key lists (SQLite's variable limit)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

CHUNK = 500


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def marks(chunk: Sequence[str]) -> str:
    return ",".join("?" * len(chunk))


def split_path(path: str) -> tuple[str, ...]:
    """A stored heading path ("A > B") as its parts."""
    return tuple(path.split(" > ")) if path else ()
