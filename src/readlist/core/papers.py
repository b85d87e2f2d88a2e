"""Offline papers (issue 15): what a fetch or an enrichment did, and arXiv's metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from readlist.core.models import EntryId


@dataclass(frozen=True)
class ArxivRecord:
    """One paper as the arXiv API describes it; stored beside the list's own text."""

    arxiv_id: str
    title: str
    abstract: str
    authors: tuple[str, ...]
    published: str
    updated: str
    categories: tuple[str, ...]
    doi: str
    journal_ref: str

    def to_json(self) -> dict[str, Any]:
        return {"arxiv_id": self.arxiv_id, "title": self.title, "authors": list(self.authors),
                "published": self.published, "updated": self.updated,
                "categories": list(self.categories), "doi": self.doi,
                "journal_ref": self.journal_ref}


@dataclass(frozen=True)
class PaperFile:
    """A downloaded PDF of an entry: where it lives and what it came from."""

    entry_id: EntryId
    path: str
    size: int
    url: str
    fetched_at: str


@dataclass
class Outcome:
    """What happened to one entry in a fetch or an enrichment."""

    entry_id: EntryId
    title: str
    result: str  # "fetched" | "enriched" | "skipped" | "failed"
    reason: str = ""
    bytes: int = 0


@dataclass
class PaperReport:
    """The summary `fetch --json` / `enrich --json` print (DESIGN.md §4)."""

    verb: str  # "fetched" or "enriched"
    outcomes: list[Outcome] = field(default_factory=list)
    cancelled: bool = False

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def bytes(self) -> int:
        return sum(o.bytes for o in self.outcomes)

    def to_json(self) -> dict[str, int]:
        return {self.verb: self.count(self.verb), "skipped": self.count("skipped"),
                "failed": self.count("failed"), "bytes": self.bytes}
