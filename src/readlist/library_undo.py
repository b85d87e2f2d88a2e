"""Undo and redo as Library operations (issue 14 point 2); mixed into `Library`.

An undoable change records the reader's state of what it touches (entries, queues) before
and after it runs; undo writes the "before" back and redo the "after", each in one
transaction, through the store's ordinary writes (a status put back is a status event too).
The journal lives with the open Library, so the app and its worker share it, and each step
carries the caller's token: a step that failed (never recorded) is never undone in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from readlist.core.models import Changes
from readlist.core.undo import PersonalState

if TYPE_CHECKING:
    from readlist.library import Library
    from readlist.store.repository import Store

#: Steps kept for undo; older ones are forgotten.
UNDO_LIMIT = 200


@dataclass(frozen=True)
class UndoStep:
    token: Hashable
    label: str
    before: PersonalState
    after: PersonalState


@dataclass
class _Journal:
    done: list[UndoStep] = field(default_factory=list)
    undone: list[UndoStep] = field(default_factory=list)


class LibraryUndo:
    """Methods here reach the database only through `self.store`, like `Library`'s own."""

    store: Store

    def _journal(self) -> _Journal:
        journal = self.__dict__.get("_undo_journal")
        if journal is None:
            journal = self.__dict__["_undo_journal"] = _Journal()
        return cast(_Journal, journal)

    def undoable(self, label: str, change: Callable[[Library], Changes], *,
                 entries: Sequence[int] = (), queues: Sequence[str] = (),
                 token: Hashable = None) -> Changes:
        """Run `change`, recording the state of `entries` and `queues` around it.

        Raises whatever `change` raises; then nothing is recorded.
        """
        before = self._capture(entries, queues)
        changes = change(cast("Library", self))
        after = self._capture(entries, queues)
        journal = self._journal()
        journal.done.append(UndoStep(token, label, before, after))
        del journal.done[:-UNDO_LIMIT]
        journal.undone.clear()
        return changes

    def undo(self, token: Hashable = None) -> Changes:
        """Put back the state before the last step (only if it is `token`'s, when given)."""
        journal = self._journal()
        if not journal.done or (token is not None and journal.done[-1].token != token):
            return Changes()
        step = journal.done[-1]
        changes = self._restore(step.before)
        journal.undone.append(journal.done.pop())
        return changes

    def redo(self, token: Hashable = None) -> Changes:
        """Repeat the last undone step (only if it is `token`'s, when given)."""
        journal = self._journal()
        if not journal.undone or (token is not None and journal.undone[-1].token != token):
            return Changes()
        step = journal.undone[-1]
        changes = self._restore(step.after)
        journal.done.append(journal.undone.pop())
        return changes

    def undo_label(self) -> str | None:
        journal = self._journal()
        return journal.done[-1].label if journal.done else None

    def redo_label(self) -> str | None:
        journal = self._journal()
        return journal.undone[-1].label if journal.undone else None

    def _capture(self, entries: Sequence[int], queues: Sequence[str]) -> PersonalState:
        from readlist.store import undo_state  # only when undo is used (start-up stays light)

        with self.store.read() as conn:
            return undo_state.capture(conn, self.store.reader_id, entries, queues)

    def _restore(self, state: PersonalState) -> Changes:
        from readlist.store import undo_state

        with self.store.write() as conn:
            undo_state.apply(conn, self.store.reader_id, state)
        return Changes(entries=state.entry_ids(), queues=bool(state.queues), tags=True,
                       statuses=True)
