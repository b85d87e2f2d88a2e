"""The reader's layer as an undo step sees it: what to put back, per entry and per queue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from readlist.core.models import EntryId, Priority, Status


@dataclass(frozen=True)
class EntryState:
    """One entry's personal fields that an undoable change can touch."""

    status: Status
    priority: Priority
    rating: int | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class PersonalState:
    """The state of some entries and some queues (a queue name maps to None if absent)."""

    entries: Mapping[EntryId, EntryState]
    queues: Mapping[str, tuple[EntryId, ...] | None]

    def entry_ids(self) -> frozenset[EntryId]:
        """The entries this state describes, including those sitting in its queues."""
        queued = {i for items in self.queues.values() if items for i in items}
        return frozenset(self.entries) | frozenset(queued)
