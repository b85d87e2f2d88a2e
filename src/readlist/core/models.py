"""Domain dataclasses shared by every layer: ids, enums, parsed lists and views."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NewType

if TYPE_CHECKING:
    from readlist.core.papers import ArxivRecord

EntryId = NewType("EntryId", int)
SourceId = NewType("SourceId", int)
SectionId = NewType("SectionId", int)
QueueId = NewType("QueueId", int)
RunId = NewType("RunId", int)
ReaderId = NewType("ReaderId", int)


class Status(enum.StrEnum):
    UNREAD = "unread"
    TO_READ = "to-read"
    READING = "reading"
    READ = "read"
    SKIPPED = "skipped"

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accept `to-read`, `to_read`, `toread` and case variants."""
        norm = text.strip().lower().replace("_", "-")
        if norm == "toread":
            norm = "to-read"
        try:
            return cls(norm)
        except ValueError:
            choices = "|".join(s.value for s in cls)
            raise ValueError(f"unknown status {text!r}; use one of {choices}") from None


class Priority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _PRIORITY_RANK[self]

    @classmethod
    def from_rank(cls, rank: int) -> Priority:
        return _RANK_PRIORITY[rank]

    @classmethod
    def parse(cls, text: str) -> Priority:
        norm = text.strip().lower()
        if norm.isdigit() and 1 <= int(norm) <= 4:
            return cls.from_rank(int(norm) - 1)
        try:
            return cls(norm)
        except ValueError:
            choices = "|".join(p.value for p in cls)
            raise ValueError(f"unknown priority {text!r}; use one of {choices}") from None


_PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}
_RANK_PRIORITY = {v: k for k, v in _PRIORITY_RANK.items()}


class Kind(enum.StrEnum):
    PAPER = "paper"
    ARTICLE = "article"
    CODE = "code"
    VIDEO = "video"
    BOOK = "book"
    TOOL = "tool"
    LIST = "list"
    OTHER = "other"


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    MOVED = "moved"
    RETIRED = "retired"
    REVIVED = "revived"


# ---- what a parser produces (no ids: nothing is stored yet) ----


@dataclass(frozen=True, slots=True)
class ParsedLink:
    label: str
    url: str


@dataclass(slots=True)
class ParsedEntry:
    """One occurrence of a resource in a list; the same key may occur several times."""

    key: str
    title: str
    url: str | None
    section_path: tuple[str, ...]
    position: int
    authors: str = ""
    organization: str = ""
    year: int | None = None
    kind: Kind = Kind.OTHER
    description: str = ""
    links: list[ParsedLink] = field(default_factory=list)
    venue: str = ""  # where it was published, as written: "ICLR", "NeurIPS", "arXiv"
    list_note: str = ""  # the list's own marks on it: "(AlexNet)", stars, a model name


@dataclass
class ParsedList:
    """A whole curated list as parsed: its title, heading paths in order, entries in order."""

    title: str
    format: str
    sections: list[tuple[str, ...]]
    entries: list[ParsedEntry]


# ---- what the library hands to its faces ----


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class StatusChange:
    """One step of an entry's status history: the status it got, and when (ISO-8601 UTC)."""

    status: Status
    at: str


@dataclass(frozen=True)
class ReadingTime:
    """How long the reader took over an entry: its first *reading* to the first *read* after."""

    entry_id: EntryId
    started_at: str
    finished_at: str
    seconds: float


@dataclass(frozen=True)
class EntryView:
    """An entry with its shared and personal layers, as `show --json` prints it."""

    id: EntryId
    key: str
    title: str
    url: str | None
    authors: str
    organization: str
    year: int | None
    kind: str
    sections: list[str]
    links: list[Link]
    description: str
    status: Status
    priority: Priority
    rating: int | None
    queues: list[str]
    tags: list[str]
    note: str
    retired: bool
    venue: str = ""
    list_note: str = ""
    history: list[StatusChange] = field(default_factory=list)
    #: the downloaded PDF (absolute path) when it is on disk
    pdf: str | None = None
    abstract: str = ""
    arxiv: ArxivRecord | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": int(self.id),
            "key": self.key,
            "title": self.title,
            "url": self.url,
            "authors": self.authors,
            "organization": self.organization,
            "year": self.year,
            "venue": self.venue,
            "list_note": self.list_note,
            "kind": self.kind,
            "sections": list(self.sections),
            "links": [{"label": link.label, "url": link.url} for link in self.links],
            "description": self.description,
            "status": self.status.value,
            "priority": self.priority.value,
            "rating": self.rating,
            "queues": list(self.queues),
            "tags": list(self.tags),
            "note": self.note,
            "retired": self.retired,
            "history": [{"status": h.status.value, "at": h.at} for h in self.history],
            "pdf": self.pdf,
            "abstract": self.abstract,
        }


@dataclass(frozen=True)
class EntryRow:
    """The light row the entry table shows: no description, links or note body."""

    id: EntryId
    title: str
    url: str | None
    authors: str
    organization: str
    year: int | None
    kind: str
    section: str
    status: Status
    priority: Priority
    rating: int | None
    queue: str
    has_note: bool
    retired: bool
    tags: str = ""
    has_pdf: bool = False


@dataclass(frozen=True)
class QueueView:
    id: QueueId
    name: str
    count: int
    unread: int


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str


@dataclass(frozen=True)
class NoteVersion:
    body: str
    saved_at: str


@dataclass(frozen=True)
class EntryChange:
    entry_id: EntryId
    title: str
    change: ChangeKind
    fields: tuple[str, ...] = ()
    detail: str = ""
    #: (field, old, new) of the changed fields, as text.
    values: tuple[tuple[str, str, str], ...] = ()


@dataclass
class ImportReport:
    """What an import did (or would do, on a dry run); `import --json` prints `to_json()`."""

    source: str
    entries: int
    added: int = 0
    changed: int = 0
    moved: int = 0
    retired: int = 0
    revived: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    run_id: RunId | None = None
    dry_run: bool = False
    details: list[EntryChange] = field(default_factory=list)
    #: Why the list was taken for a known source ("same title", "holds 97% of its 135
    #: entries"…); empty for a new source or a name the user gave.
    recognised_by: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "entries": self.entries,
            "added": self.added,
            "changed": self.changed,
            "moved": self.moved,
            "retired": self.retired,
            "revived": self.revived,
            "unchanged": self.unchanged,
            "seconds": round(self.seconds, 4),
        }

    @property
    def nothing_changed(self) -> bool:
        return not (self.added or self.changed or self.moved or self.retired or self.revived)

    def changes(self) -> Changes:
        """What the import touched, for the views: every entry it added, changed, moved,
        retired or revived (a dry run touched nothing)."""
        if self.dry_run:
            return Changes()
        return Changes(entries=frozenset(d.entry_id for d in self.details), sources=True,
                       statuses=True)


@dataclass(frozen=True)
class Changes:
    """What a mutation touched, so views refresh exactly that (Anki's OpChanges)."""

    entries: frozenset[EntryId] = frozenset()
    queues: bool = False
    notes: bool = False
    tags: bool = False
    sources: bool = False
    searches: bool = False
    statuses: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            entries=self.entries | other.entries,
            queues=self.queues or other.queues,
            notes=self.notes or other.notes,
            tags=self.tags or other.tags,
            sources=self.sources or other.sources,
            searches=self.searches or other.searches,
            statuses=self.statuses or other.statuses,
        )

    @property
    def empty(self) -> bool:
        return not (self.entries or self.queues or self.notes or self.tags or self.sources
                    or self.searches or self.statuses)


@dataclass(frozen=True)
class RunSummary:
    """One import run as listed by `readlist changes`."""

    id: RunId
    source: str
    started_at: str
    seconds: float
    entries: int
    added: int
    changed: int
    moved: int
    retired: int
    revived: int
    unchanged: int
    same_content: bool = False  # a re-import of the very same bytes: nothing was parsed

    def to_json(self) -> dict[str, Any]:
        return {"run": int(self.id), "source": self.source, "started_at": self.started_at,
                "entries": self.entries, "added": self.added, "changed": self.changed,
                "moved": self.moved, "retired": self.retired, "revived": self.revived,
                "unchanged": self.unchanged, "seconds": round(self.seconds, 4),
                "same_content": self.same_content}


@dataclass(frozen=True)
class RunReport:
    run: RunSummary
    details: list[EntryChange]

    def to_json(self) -> dict[str, Any]:
        out = self.run.to_json()
        out["changes"] = [{"id": int(c.entry_id), "title": c.title, "change": c.change.value,
                           "fields": list(c.fields), "detail": c.detail,
                           "values": {f: {"old": old, "new": new} for f, old, new in c.values}}
                          for c in self.details]
        return out


@dataclass(frozen=True)
class SourceSummary:
    id: SourceId
    name: str
    title: str
    origin: str
    imported_at: str | None
    entries: int
    read: int


@dataclass(frozen=True)
class SectionProgress:
    """Read progress of one heading (its own entries and those below it)."""

    source: str
    path: str
    depth: int
    total: int
    read: int
