"""The one way the window reaches the library: a reader for the UI thread, one worker for the rest.

Threading rule (DESIGN.md §1: "the database is used from one worker at a time"):

* Writes and slow reads run on one worker: a `QThreadPool` with `maxThreadCount == 1`, so
  jobs run in order on the writing `Library`, which only that thread uses (`_lock` only
  serialises it with `reopen`/`close`). Results come back to the UI thread as queued signals.
  A job submitted with a `channel` supersedes older jobs on that channel: a superseded job
  that has not started is skipped, and a stale result is dropped, so typing fast in the
  search bar never shows an old answer.
* Every mutation is such a job (`mutate`): the UI thread never waits for a write, and writes
  happen in the order they were asked for.
* Quick reads (one page of rows, an entry for the detail pane) run on the UI thread with
  `call`, on the UI thread's own SQLite connection (the store keeps one per thread): WAL
  lets them run while the worker or the import child writes, and they take no lock the
  worker holds. (An in-memory library has one connection; there `call` shares the lock.)

Every mutation's `Changes` is announced by `library_changed(Changes)` from this one place,
once it is written; the table, sidebar, detail pane and queue panel refresh from that value.
A mutation that fails is announced by `mutation_failed(exception)`.

`reopen` swaps the library file under the window (restore from a backup): it lets the
worker finish what it was asked to write, closes the library, runs the swap, opens the file
again and emits `reopened`, after which every view reloads as if the window had just started.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from readlist.core.errors import ReadlistError
from readlist.core.models import Changes
from readlist.library import Library

T = TypeVar("T")

#: What a restore changed: everything a view can show.
EVERYTHING = Changes(queues=True, notes=True, tags=True, sources=True, searches=True,
                     statuses=True)


class _Relay(QObject):
    """Carries a job's outcome from the worker thread to the UI thread (queued connection).

    Payloads travel boxed in a tuple: a bare None sent through a queued `object` signal
    crashes PySide ("deallocating None"); `()` marks a skipped job.
    """

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, session: Session, ticket: int, channel: str | None,
                 fn: Callable[[Library], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._session = session
        self._ticket = ticket
        self._channel = channel
        self._fn = fn

    def run(self) -> None:
        session = self._session
        if session._superseded(self._channel, self._ticket) or (
                session._closed and self._channel is not None):  # writes always run
            session._relay.finished.emit(self._ticket, ())  # dropped on arrival
            return
        try:
            with session._lock:
                result = self._fn(session.library)
        except Exception as exc:  # delivered to the UI thread, which shows it
            if not isinstance(exc, ReadlistError):
                traceback.print_exc()
            session._relay.failed.emit(self._ticket, (exc,))
        else:
            session._relay.finished.emit(self._ticket, (result,))


class _FreeJob(QRunnable):
    """A job that does not use the library (see `Session.submit_free`)."""

    def __init__(self, session: Session, ticket: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._session, self._ticket, self._fn = session, ticket, fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to the UI thread, which shows it
            if not isinstance(exc, ReadlistError):
                traceback.print_exc()
            self._session._relay.failed.emit(self._ticket, (exc,))
        else:
            self._session._relay.finished.emit(self._ticket, (result,))


class Session(QObject):
    """One open library for the window: serialised access plus the change signal."""

    library_changed = Signal(object)  # Changes
    mutation_failed = Signal(object)  # the exception
    busy_changed = Signal(bool)
    reopened = Signal()

    def __init__(self, library: Library, parent: QObject | None = None, *,
                 opener: Callable[[], Library] | None = None) -> None:
        """`opener` opens the same file again for `reopen` (default: same path, default
        reader — pass one when the library was opened for a named reader)."""
        super().__init__(parent)
        self.library = library
        path = library.path
        self._opener = opener or (None if path is None else (lambda: Library(path)))
        self.reader = self._open_reader()
        self._lock = threading.RLock()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.failed.connect(self._on_relay_failed)
        self._next_ticket = 0
        self._latest: dict[str, int] = {}
        self._callbacks: dict[int, tuple[str | None, Callable[[Any], None],
                                         Callable[[Exception], None] | None]] = {}
        self._closed = False
        self._free_pool: QThreadPool | None = None
        self._unannounced: Changes | None = None

    def _open_reader(self) -> Library:
        # The store gives each thread its own SQLite connection (a plain sqlite3 one for
        # reads), so the UI thread reads through the same Library without the worker's lock.
        return self.library

    # ---- reads on the UI thread ----

    def call(self, fn: Callable[[Library], T]) -> T:
        """Run a quick read on the calling (UI) thread, on its own connection, lock-free
        (an in-memory library has one connection: there it shares the worker's lock)."""
        if self.library.path is None:
            with self._lock:
                return fn(self.library)
        return fn(self.reader)

    # ---- writes, on the one worker ----

    def mutate(self, fn: Callable[[Library], Changes],
               on_done: Callable[[Changes], None] | None = None) -> int:
        """Queue a mutation on the worker; its Changes are announced once it is written."""
        def done(changes: Changes) -> None:
            self.announce(changes)
            if on_done is not None:
                on_done(changes)
        return self.submit(fn, done, self.mutation_failed.emit)

    def announce(self, changes: Changes) -> None:
        """Announce changes made by a job (an import) once its result is back.

        Announcements coalesce: results that arrive together (the writes queued behind an
        import finish in a burst) reach the views as one `Changes`, once per event-loop turn,
        so each view refreshes once rather than once per write.
        """
        if changes.empty:
            return
        if self._unannounced is None:
            self._unannounced = changes
            QTimer.singleShot(0, self, self._on_announce_timeout)
        else:
            self._unannounced = self._unannounced | changes

    def _on_announce_timeout(self) -> None:
        changes, self._unannounced = self._unannounced, None
        if changes is not None:
            self.library_changed.emit(changes)

    # ---- asynchronous, on the one worker ----

    def submit(self, fn: Callable[[Library], T], on_done: Callable[[T], None],
               on_error: Callable[[Exception], None] | None = None, *,
               channel: str | None = None) -> int:
        """Queue `fn(library)` on the worker; `on_done(result)` runs on the UI thread."""
        self._next_ticket += 1
        ticket = self._next_ticket
        if channel is not None:
            self._latest[channel] = ticket
        self._callbacks[ticket] = (channel, on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self, ticket, channel, fn))
        return ticket

    def submit_free(self, fn: Callable[[], T], on_done: Callable[[T], None],
                    on_error: Callable[[Exception], None] | None = None) -> int:
        """Run `fn()` — work that never touches the library (downloads) — on a pool of its
        own, without the library lock, so quick calls and queries go on meanwhile."""
        self._next_ticket += 1
        ticket = self._next_ticket
        self._callbacks[ticket] = (None, on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        if self._free_pool is None:
            self._free_pool = QThreadPool(self)
            self._free_pool.setMaxThreadCount(1)
        self._free_pool.start(_FreeJob(self, ticket, fn))
        return ticket

    def pending(self) -> int:
        """Jobs not yet answered, plus one while Changes wait to be announced."""
        return len(self._callbacks) + (self._unannounced is not None)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (tests, screenshots, shutdown)."""
        return bool(self._pool.waitForDone(msecs))

    def close(self) -> None:
        """Finish the writes asked for (pending reads are dropped), then close."""
        self._closed = True
        self._pool.waitForDone(60000)
        if self._free_pool is not None:
            self._free_pool.waitForDone(60000)
        with self._lock:
            self.library.close()

    def reopen(self, swap: Callable[[Path], T]) -> T:
        """Close the library, run `swap(path)` on the closed file, open it again.

        The sequence `restore_backup` asks for: pending writes run first (pending reads are
        dropped); the file is reopened even when `swap` fails (then its error is raised),
        so the window always keeps a usable library.
        """
        path = self.library.path
        if path is None or self._opener is None:
            raise ReadlistError("an in-memory library cannot be swapped")
        self._closed = True
        self._pool.waitForDone(60000)
        self._closed = False
        with self._lock:
            for ticket in list(self._callbacks):
                self._take(ticket)  # their results would describe the old file
            self._latest.clear()
            self.library.close()
            try:
                result = swap(path)
            finally:
                self.library = self._opener()
                self.reader = self._open_reader()
        self.reopened.emit()
        self.library_changed.emit(EVERYTHING)
        return result

    def _superseded(self, channel: str | None, ticket: int) -> bool:
        return channel is not None and self._latest.get(channel, ticket) != ticket

    def _take(self, ticket: int) -> tuple[str | None, Callable[[Any], None],
                                          Callable[[Exception], None] | None] | None:
        entry = self._callbacks.pop(ticket, None)
        if not self._callbacks:
            self.busy_changed.emit(False)
        return entry

    def _on_relay_finished(self, ticket: int, boxed: tuple[object, ...]) -> None:
        entry = self._take(ticket)
        if entry is None or not boxed or self._superseded(entry[0], ticket):
            return
        entry[1](boxed[0])

    def _on_relay_failed(self, ticket: int, boxed: tuple[object, ...]) -> None:
        entry = self._take(ticket)
        if entry is None or self._superseded(entry[0], ticket):
            return
        exc = boxed[0]
        if entry[2] is not None and isinstance(exc, Exception):
            entry[2](exc)
