"""Reading-progress figures (issue #7) as plain values: the CLI prints them, the UI draws them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from readlist.core.models import EntryId, Status

#: Status order used everywhere figures are listed.
STATUS_ORDER: tuple[Status, ...] = (Status.UNREAD, Status.TO_READ, Status.READING, Status.READ,
                                    Status.SKIPPED)


@dataclass(frozen=True)
class StatusCounts:
    """How many live entries are in each status."""

    unread: int = 0
    to_read: int = 0
    reading: int = 0
    read: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.unread + self.to_read + self.reading + self.read + self.skipped

    @property
    def done(self) -> int:
        """Entries the reader is through with: read or skipped."""
        return self.read + self.skipped

    def get(self, status: Status) -> int:
        return int(getattr(self, status.value.replace("-", "_")))

    @classmethod
    def from_pairs(cls, pairs: dict[str, int]) -> StatusCounts:
        return cls(**{s.value.replace("-", "_"): int(pairs.get(s.value, 0)) for s in STATUS_ORDER})

    def to_json(self) -> dict[str, int]:
        return {s.value: self.get(s) for s in STATUS_ORDER}


@dataclass(frozen=True)
class GroupProgress:
    """Status counts of one source (path empty) or one heading of a source (with those below)."""

    source: str
    path: str
    depth: int
    counts: StatusCounts

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source}
        if self.path:
            out.update(path=self.path, depth=self.depth)
        return {**out, "entries": self.counts.total, **self.counts.to_json()}


@dataclass(frozen=True)
class PeriodCount:
    """Entries finished and notes written in one week (starting Monday) or month."""

    period: str  # ISO date of the week's Monday, or YYYY-MM
    finished: int
    notes: int

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "finished": self.finished, "notes": self.notes}


@dataclass(frozen=True)
class NewEntry:
    id: EntryId
    title: str
    source: str


@dataclass(frozen=True)
class LibraryStats:
    """Everything `readlist stats` and the Progress view show, computed in SQL."""

    totals: StatusCounts
    sources: list[GroupProgress]
    sections: list[GroupProgress]
    weekly: list[PeriodCount]
    monthly: list[PeriodCount]
    notes_written: int
    note_versions: int
    to_read_to_read_days: float | None  # median days from to-read to read
    to_read_to_read_count: int  # how many read entries that median is taken over
    new_in_latest_import: int
    new_unread: int
    new_unread_sample: list[NewEntry] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        median = self.to_read_to_read_days
        return {
            "totals": self.totals.to_json(),
            "entries": self.totals.total,
            "sources": [g.to_json() for g in self.sources],
            "sections": [g.to_json() for g in self.sections],
            "timeline": {"week": [p.to_json() for p in self.weekly],
                         "month": [p.to_json() for p in self.monthly]},
            "notes": {"written": self.notes_written, "versions": self.note_versions},
            "to_read_to_read": {"median_days": None if median is None else round(median, 3),
                                "entries": self.to_read_to_read_count},
            "latest_import": {"new": self.new_in_latest_import, "unread": self.new_unread,
                              "unread_entries": [{"id": int(e.id), "title": e.title,
                                                  "source": e.source}
                                                 for e in self.new_unread_sample]},
        }
