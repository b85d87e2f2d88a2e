"""The window's undo stack over the Library's own undo (status, priority, rating, tags,
queue membership and order, creating, renaming and deleting queues).

A `LibraryCommand` first runs its change as `Library.undoable` on the worker; undo and redo
ask the Library to put back the state it recorded (`Library.undo`/`redo`), each one
transaction. Nothing is read on the UI thread to build a command, so a command made while
earlier writes are still queued can never record a stale "before". The command's token ties
each QUndoStack entry to its Library step.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from readlist.core.models import Changes, Priority, Status
from readlist.library import Library
from readlist.ui.tasks import Session

_tokens = itertools.count(1)


def _plural(n: int) -> str:
    return "1 entry" if n == 1 else f"{n:,} entries"


class LibraryCommand(QUndoCommand):
    """One undoable Library change of `entries` and `queues`."""

    def __init__(self, session: Session, label: str, change: Callable[[Library], Changes], *,
                 entries: Sequence[int] = (), queues: Sequence[str] = ()) -> None:
        super().__init__(label)
        self._session, self._change = session, change
        self._entries, self._queues = list(entries), list(queues)
        self._token = next(_tokens)
        self._done_once = False

    def redo(self) -> None:
        token, label = self._token, self.text()
        if self._done_once:
            self._session.mutate(lambda lib: lib.redo(token))
            return
        self._done_once = True
        change, entries, queues = self._change, self._entries, self._queues
        self._session.mutate(lambda lib: lib.undoable(label, change, entries=entries,
                                                      queues=queues, token=token))

    def undo(self) -> None:
        token = self._token
        self._session.mutate(lambda lib: lib.undo(token))


def MarkCommand(session: Session, ids: Sequence[int], status: Status) -> LibraryCommand:
    ids = list(ids)
    return LibraryCommand(session, f"Mark {_plural(len(ids))} as {status.value}",
                          lambda lib: lib.mark(ids, status), entries=ids)


def PriorityCommand(session: Session, ids: Sequence[int],
                    priority: Priority) -> LibraryCommand:
    ids = list(ids)
    return LibraryCommand(session, f"Set priority of {_plural(len(ids))} to {priority.value}",
                          lambda lib: lib.set_priority(ids, priority), entries=ids)


def RateCommand(session: Session, ids: Sequence[int], rating: int | None) -> LibraryCommand:
    ids = list(ids)
    return LibraryCommand(session, f"Rate {_plural(len(ids))}",
                          lambda lib: lib.rate(ids, rating), entries=ids)


def QueueAddCommand(session: Session, queue: str, ids: Sequence[int]) -> LibraryCommand:
    """Append entries to a queue (an unread entry becomes to-read); undo takes them out."""
    ids = list(dict.fromkeys(ids))
    return LibraryCommand(session, f"Add {_plural(len(ids))} to {queue}",
                          lambda lib: lib.queue_add(queue, ids), entries=ids, queues=[queue])


def QueueRemoveCommand(session: Session, queue: str, ids: Sequence[int]) -> LibraryCommand:
    """Take entries out of a queue; undo puts them back where they were."""
    ids = list(dict.fromkeys(ids))
    return LibraryCommand(session, f"Remove {_plural(len(ids))} from {queue}",
                          lambda lib: lib.queue_remove(queue, ids), entries=ids,
                          queues=[queue])


def QueueMoveCommand(session: Session, queue: str, entry: int,
                     position: int) -> LibraryCommand:
    """Move one queue item to a 1-based position; undo moves it back."""
    return LibraryCommand(session, f"Reorder {queue}",
                          lambda lib: lib.queue_move(queue, entry, position), queues=[queue])


def QueueNewCommand(session: Session, name: str) -> LibraryCommand:
    return LibraryCommand(session, f"New queue {name}", lambda lib: lib.queue_new(name),
                          queues=[name])


def QueueRenameCommand(session: Session, name: str, new_name: str) -> LibraryCommand:
    return LibraryCommand(session, f"Rename queue {name} to {new_name}",
                          lambda lib: lib.queue_rename(name, new_name), queues=[name, new_name])


def QueueDeleteCommand(session: Session, name: str) -> LibraryCommand:
    return LibraryCommand(session, f"Delete queue {name}", lambda lib: lib.queue_delete(name),
                          queues=[name])


def TagCommand(session: Session, ids: Sequence[int], add: Sequence[str] = (),
               remove: Sequence[str] = ()) -> LibraryCommand:
    """Add and/or remove tags on entries; undo restores each entry's own tags."""
    ids, add, remove = list(ids), list(add), list(remove)
    verb = "Tag" if add and not remove else "Untag" if remove and not add else "Edit tags of"

    def change(lib: Library) -> Changes:
        changes = Changes()
        if add:
            changes = changes | lib.tag(ids, add)
        if remove:
            changes = changes | lib.untag(ids, remove)
        return changes
    return LibraryCommand(session, f"{verb} {_plural(len(ids))}", change, entries=ids)
