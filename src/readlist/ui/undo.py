"""Undoable changes to the reading layer: status, priority, queue membership and order, tags.

Each command records the state it replaces when it is created, so undo restores exactly
that (per entry), and redo repeats the change. All go through `Session.mutate`, so the views
refresh from the `Changes` they return like any other edit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from readlist.core.models import Changes, Priority, Status
from readlist.library import Library
from readlist.ui.tasks import Session


def _plural(n: int) -> str:
    return "1 entry" if n == 1 else f"{n:,} entries"


def _restore_statuses(lib: Library, old: dict[int, Status]) -> Changes:
    changes = Changes()
    groups: dict[Status, list[int]] = defaultdict(list)
    for entry, status in old.items():
        groups[status].append(entry)
    for status, ids in groups.items():
        changes = changes | lib.mark(ids, status)
    return changes


class MarkCommand(QUndoCommand):
    def __init__(self, session: Session, ids: Sequence[int], status: Status) -> None:
        super().__init__(f"Mark {_plural(len(ids))} as {status.value}")
        self._session, self._ids, self._status = session, list(ids), status
        self._old = {int(r.id): r.status for r in session.call(lambda lib: lib.rows(self._ids))}

    def redo(self) -> None:
        self._session.mutate(lambda lib: lib.mark(self._ids, self._status))

    def undo(self) -> None:
        self._session.mutate(lambda lib: _restore_statuses(lib, self._old))


class PriorityCommand(QUndoCommand):
    def __init__(self, session: Session, ids: Sequence[int], priority: Priority) -> None:
        super().__init__(f"Set priority of {_plural(len(ids))} to {priority.value}")
        self._session, self._ids, self._priority = session, list(ids), priority
        self._old = {int(r.id): r.priority
                     for r in session.call(lambda lib: lib.rows(self._ids))}

    def redo(self) -> None:
        self._session.mutate(lambda lib: lib.set_priority(self._ids, self._priority))

    def undo(self) -> None:
        def restore(lib: Library) -> Changes:
            changes = Changes()
            groups: dict[Priority, list[int]] = defaultdict(list)
            for entry, prio in self._old.items():
                groups[prio].append(entry)
            for prio, ids in groups.items():
                changes = changes | lib.set_priority(ids, prio)
            return changes
        self._session.mutate(restore)


class RateCommand(QUndoCommand):
    def __init__(self, session: Session, ids: Sequence[int], rating: int | None) -> None:
        super().__init__(f"Rate {_plural(len(ids))}")
        self._session, self._ids, self._rating = session, list(ids), rating
        self._old = {int(r.id): r.rating for r in session.call(lambda lib: lib.rows(self._ids))}

    def redo(self) -> None:
        self._session.mutate(lambda lib: lib.rate(self._ids, self._rating))

    def undo(self) -> None:
        def restore(lib: Library) -> Changes:
            changes = Changes()
            for entry, rating in self._old.items():
                changes = changes | lib.rate([entry], rating)
            return changes
        self._session.mutate(restore)


class QueueAddCommand(QUndoCommand):
    """Append entries to a queue (an unread entry becomes to-read); undo takes them out."""

    def __init__(self, session: Session, queue: str, ids: Sequence[int]) -> None:
        super().__init__(f"Add {_plural(len(ids))} to {queue}")
        self._session, self._queue = session, queue
        present = set(session.call(lambda lib: lib.queue_ids(queue)))
        self._ids = [i for i in dict.fromkeys(ids) if i not in present]
        self._old = {int(r.id): r.status for r in session.call(lambda lib: lib.rows(self._ids))}

    def redo(self) -> None:
        if self._ids:
            self._session.mutate(lambda lib: lib.queue_add(self._queue, self._ids))

    def undo(self) -> None:
        if self._ids:
            self._session.mutate(lambda lib: lib.queue_remove(self._queue, self._ids)
                                 | _restore_statuses(lib, self._old))


class QueueRemoveCommand(QUndoCommand):
    """Take entries out of a queue; undo puts them back where they were."""

    def __init__(self, session: Session, queue: str, ids: Sequence[int]) -> None:
        super().__init__(f"Remove {_plural(len(ids))} from {queue}")
        self._session, self._queue = session, queue
        order = session.call(lambda lib: lib.queue_ids(queue))
        self._positions = sorted((order.index(i) + 1, i) for i in set(ids) if i in order)
        self._old = {int(r.id): r.status for r in session.call(
            lambda lib: lib.rows([i for _, i in self._positions]))}

    def redo(self) -> None:
        ids = [i for _, i in self._positions]
        if ids:
            self._session.mutate(lambda lib: lib.queue_remove(self._queue, ids))

    def undo(self) -> None:
        def restore(lib: Library) -> Changes:
            changes = lib.queue_add(self._queue, [i for _, i in self._positions])
            for position, entry in self._positions:
                changes = changes | lib.queue_move(self._queue, entry, position)
            return changes | _restore_statuses(lib, self._old)
        if self._positions:
            self._session.mutate(restore)


class QueueMoveCommand(QUndoCommand):
    """Move one queue item to a 1-based position; undo moves it back."""

    def __init__(self, session: Session, queue: str, entry: int, position: int) -> None:
        super().__init__(f"Reorder {queue}")
        self._session, self._queue, self._entry, self._new = session, queue, entry, position
        order = session.call(lambda lib: lib.queue_ids(queue))
        self._old = order.index(entry) + 1

    def redo(self) -> None:
        self._session.mutate(lambda lib: lib.queue_move(self._queue, self._entry, self._new))

    def undo(self) -> None:
        self._session.mutate(lambda lib: lib.queue_move(self._queue, self._entry, self._old))


class TagCommand(QUndoCommand):
    """Add and/or remove tags on entries; undo restores each entry's own tags."""

    def __init__(self, session: Session, ids: Sequence[int], add: Sequence[str] = (),
                 remove: Sequence[str] = ()) -> None:
        verb = "Tag" if add and not remove else "Untag" if remove and not add else "Edit tags of"
        super().__init__(f"{verb} {_plural(len(ids))}")
        self._session, self._ids = session, list(ids)
        self._add, self._remove = list(add), list(remove)
        self._old = {int(v.id): set(v.tags) for v in session.call(lambda lib: lib.views(ids))}

    def redo(self) -> None:
        def apply(lib: Library) -> Changes:
            changes = Changes()
            if self._add:
                changes = changes | lib.tag(self._ids, self._add)
            if self._remove:
                changes = changes | lib.untag(self._ids, self._remove)
            return changes
        self._session.mutate(apply)

    def undo(self) -> None:
        def restore(lib: Library) -> Changes:
            changes = Changes()
            for entry, before in self._old.items():
                added = [t for t in self._add if t not in before]
                removed = [t for t in self._remove if t in before]
                if added:
                    changes = changes | lib.untag([entry], added)
                if removed:
                    changes = changes | lib.tag([entry], removed)
            return changes
        self._session.mutate(restore)
