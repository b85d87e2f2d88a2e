"""A scope: the part of the library a view shows, as a structured filter beside the query.

The sidebar's "Models > BERT" is the entries placed under exactly that heading of that
source (or under its subheadings), not a text match that also finds "BERT variants".
"""

from __future__ import annotations

from dataclasses import dataclass

#: How heading paths join their titles (as stored in `sections.path`).
PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class Scope:
    """Entries placed in `source` (a source's name), under `section` (a heading path)."""

    source: str | None = None
    section: str | None = None

    @property
    def empty(self) -> bool:
        return self.source is None and self.section is None
