"""Imports run in a child process, so the UI thread never competes with them for the GIL.

An import is seconds of pure-Python parsing and planning. Run on the worker thread it holds
the interpreter lock most of the time, and every slot the UI thread runs meanwhile waits for
it: the window stutters for hundreds of milliseconds at a time (bench/ui_stall.py). In a
child process the import has an interpreter of its own; the worker thread only waits for
the answer (without the lock), and it stays the only writer, as DESIGN.md §1 asks. SQLite's
WAL lets the window read the library meanwhile. The child is started with "spawn" (never
fork a process that runs Qt) and kept for the next import; `shutdown()` ends it.

This module imports no Qt, so the child never loads it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from readlist.core.errors import ReadlistError
from readlist.core.models import ChangeKind, EntryChange, EntryId, ImportReport
from readlist.library import Library

_pool: ProcessPoolExecutor | None = None
#: A download's progress callback: (bytes so far, total or None).
Progress = Callable[[int, int | None], None]
#: How much lower the import child's CPU priority is than the window's.
CHILD_NICENESS = 10


#: An import's details as plain tuples (entry id, title, change, fields, detail): unpickling
#: 20,000 dataclasses holds the interpreter lock for ~90 ms in one C call, tuples ~9 ms.
_Detail = tuple[int, str, str, tuple[str, ...], str]


class _Failure(Exception):
    """An exception raised in the child, carried as (type, args, attributes) and rebuilt
    here without calling its __init__ (pickle would, with only `args`)."""

    def __init__(self, kind: type[BaseException], args: tuple[object, ...],
                 state: dict[str, object]) -> None:
        super().__init__(kind, args, state)
        self.kind, self.exc_args, self.state = kind, args, state

    def rebuilt(self) -> BaseException:
        exc = self.kind.__new__(self.kind)
        exc.args = self.exc_args
        exc.__dict__.update(self.state)
        return exc


def _import_in_child(path: str, reader: str, spec: str | None, text: str | None,
                     name: str | None, force: bool,
                     ask_if_unsure: bool) -> tuple[ImportReport, list[_Detail]]:
    try:
        with Library(path, reader) as lib:
            report = _import_here(lib, spec, text, name, force, ask_if_unsure, None)
    except Exception as exc:  # sent back as parts: its own __init__ may not unpickle
        raise _Failure(type(exc), exc.args, dict(vars(exc))) from None
    details = [(int(d.entry_id), d.title, d.change.value, d.fields, d.detail)
               for d in report.details]
    return replace(report, details=[]), details


def _import_here(lib: Library, spec: str | None, text: str | None, name: str | None,
                 force: bool, ask_if_unsure: bool, progress: Progress | None) -> ImportReport:
    if text is not None:
        return lib.import_text(text, name=name, force=force, origin="pasted text",
                               backup=True, ask_if_unsure=ask_if_unsure)
    assert spec is not None
    return lib.import_source(spec, name=name, force=force, progress=progress,
                             ask_if_unsure=ask_if_unsure)


def _yield_to_the_window() -> None:
    """On a busy machine the scheduler prefers the window over the import."""
    if hasattr(os, "nice"):
        os.nice(CHILD_NICENESS)


def run_import(lib: Library, *, spec: str | None = None, text: str | None = None,
               name: str | None = None, force: bool = False, ask_if_unsure: bool = False,
               progress: Progress | None = None) -> ImportReport:
    """Import a list (a path/URL `spec`, or pasted `text`) into `lib`'s file; call it on the
    worker. It runs in the child, except a download that reports `progress` (the URL tab's
    bar; a callback cannot cross into the child) and an in-memory library (no file a child
    could open): those import in this thread."""
    if lib.path is None or progress is not None:
        return _import_here(lib, spec, text, name, force, ask_if_unsure, progress)
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=1, initializer=_yield_to_the_window,
                                    mp_context=multiprocessing.get_context("spawn"))
    future = _pool.submit(_import_in_child, str(lib.path), lib.store.reader_name, spec, text,
                          name, force, ask_if_unsure)
    try:
        report, details = future.result()
    except _Failure as failure:
        raise failure.rebuilt() from None
    except BrokenProcessPool:
        _pool = None  # the next import starts a new child
        raise ReadlistError("the import stopped unexpectedly (its process ended); "
                            "nothing was changed") from None
    # 20,000 new objects would set off a full collection here (80 ms holding the interpreter
    # lock, the window frozen meanwhile); they hold no cycles, and they live on in the
    # dialog, so they join the objects the full passes skip (see `gc.freeze` in app.py)
    gc.disable()
    try:
        report.details = [EntryChange(EntryId(i), title, ChangeKind(change), fields, detail)
                          for i, title, change, fields, detail in details]
    finally:
        gc.enable()
    gc.freeze()
    return report


def shutdown() -> None:
    """End the child process (the app calls this on exit)."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
