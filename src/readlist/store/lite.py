"""Reads without SQLAlchemy: a plain sqlite3 connection that answers like a SQLAlchemy one.

SQLAlchemy costs ~140 ms to import, more than the whole `readlist ls` budget (issue 14.12).
Modules on the read path (search, views, history) speak only `exec_driver_sql` with
DB-API parameters, which both a SQLAlchemy `Connection` and a `LiteConnection` accept;
`Reads` is that common shape, for type checkers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

Params = Sequence[object] | Mapping[str, object] | None


class ScalarRows(Protocol):
    def all(self) -> Sequence[Any]: ...


class Rows(Protocol):
    def all(self) -> Sequence[Any]: ...
    def first(self) -> Any: ...
    def scalar(self) -> Any: ...
    def scalar_one(self) -> Any: ...
    def scalars(self) -> ScalarRows: ...
    def __iter__(self) -> Iterator[Any]: ...


class Reads(Protocol):
    """What read-path store functions need of a connection."""

    def exec_driver_sql(self, statement: str, parameters: Any = None,
                        execution_options: Any = None) -> Rows: ...


class _Scalars:
    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def all(self) -> Sequence[Any]:
        return [row[0] for row in self._rows]


class LiteResult:
    """The rows of one statement, read the ways store code reads SQLAlchemy results."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._rows: list[Any] = cursor.fetchall()

    def all(self) -> Sequence[Any]:
        return self._rows

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        if len(self._rows) != 1:
            raise LookupError(f"expected one row, got {len(self._rows)}")
        return self._rows[0][0]

    def scalars(self) -> _Scalars:
        return _Scalars(self._rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


class LiteConnection:
    """A sqlite3 connection inside one read transaction (a consistent WAL snapshot)."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw

    def exec_driver_sql(self, statement: str, parameters: Any = None,
                        execution_options: Any = None) -> LiteResult:
        return LiteResult(self.raw.execute(statement, () if parameters is None else parameters))
