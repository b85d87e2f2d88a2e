"""Errors that carry one clear, user-facing line; the CLI turns them into exit status 2."""

from __future__ import annotations


class ReadlistError(Exception):
    """Base class: the message is shown to the user as is."""


class BadInputError(ReadlistError):
    """The user's input (a file, a URL, an argument) cannot be used."""


class NotFoundError(ReadlistError):
    """An entry id, queue, saved search or import run does not exist."""


class QueryError(BadInputError):
    """A query could not be parsed; `position` points at the problem in the query text."""

    def __init__(self, message: str, position: int | None = None, hint: str | None = None):
        full = message if not hint else f"{message} ({hint})"
        super().__init__(full)
        self.position = position
        self.hint = hint


class LibraryOpenError(ReadlistError):
    """The library file cannot be opened (not SQLite, newer schema, unwritable folder)."""


class ImportRefusedError(ReadlistError):
    """An import was stopped for safety (e.g. it would retire most of a source)."""


class LibraryDamagedError(LibraryOpenError):
    """The library file failed its integrity check; `backup` is the newest intact backup."""

    def __init__(self, message: str, library: str, backup: str | None) -> None:
        super().__init__(message)
        self.library = library
        self.backup = backup


class AnnotatedRetireError(ImportRefusedError):
    """An import would retire entries the reader annotated; `entries` are (id, title)."""

    def __init__(self, message: str, entries: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.entries = entries


class LibraryBusyError(ReadlistError):
    """Another writer kept the library locked for longer than Readlist waits."""


class UncertainSourceError(ReadlistError):
    """The list is probably a newer copy of `source` (`why`), but not surely: ask first."""

    def __init__(self, source: str, why: str, list_title: str) -> None:
        super().__init__(f"this looks like a newer copy of {source!r}: it {why}; "
                         "give --name to choose")
        self.source, self.why, self.list_title = source, why, list_title


class NetworkError(ReadlistError):
    """The network (or the one server asked) cannot be reached: nothing was changed."""
