"""The store's front door: the reader, read/write transactions, and light reads.

A library already at the current schema opens with plain sqlite3 (`read_lite`); the
SQLAlchemy engine is made on first use of `engine`, `read` or `write`, so commands that only
read (`readlist ls`, `show`, `next`) never import SQLAlchemy (issue 14.12).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from readlist.core.errors import LibraryBusyError
from readlist.store import backups
from readlist.store.db import (
    backup_file,
    damaged,
    make_engine,
    open_current,
    open_engine,
    resolve_path,
)
from readlist.store.lite import LiteConnection, Reads

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

#: Tries at the write lock, each waiting SQLite's busy timeout (db.BUSY_TIMEOUT_MS).
WRITE_ATTEMPTS = 3
#: SQLite's words for a file whose pages are not what they should be.
_DAMAGE = ("malformed", "not a database", "corrupt")


class Store:
    """One library file opened for one reader; the database is used by one worker at a time."""

    def __init__(self, db: str | os.PathLike[str], reader: str) -> None:
        self.path: Path | None = resolve_path(db)
        self._engine: Engine | None = None
        self._local = threading.local()
        self._raw: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._intact = True
        first = open_current(self.path) if self.path is not None else None
        if first is None:
            self._engine = open_engine(db)  # migrates it (or refuses it), or in memory
        else:
            self._adopt(first)
        self.reader_id = self._reader_id(reader)
        self.reader_name = reader

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, made on first use (the file was checked when it opened)."""
        if self._engine is None:
            self._engine = make_engine(self.path)
        return self._engine

    def _adopt(self, raw: sqlite3.Connection) -> sqlite3.Connection:
        with self._lock:
            self._raw.append(raw)
        self._local.raw = raw
        return raw

    def _thread_raw(self) -> sqlite3.Connection:
        """This thread's own sqlite3 connection (a connection's transaction is per thread)."""
        raw: sqlite3.Connection | None = getattr(self._local, "raw", None)
        if raw is None:
            assert self.path is not None
            opened = open_current(self.path, check=False)
            if opened is None:  # replaced underneath us: let the engine re-check it
                raise sqlite3.OperationalError(f"{self.path} is no longer at this schema")
            raw = self._adopt(opened)
        return raw

    def _reader_id(self, name: str) -> int:
        find = "SELECT id FROM readers WHERE name = ?"
        with self.read_lite() as conn:  # readers need no write lock: only a new reader writes
            found = conn.exec_driver_sql(find, (name,)).scalar()
        if found is None and self.path is None:
            with self.write() as conn:
                conn.exec_driver_sql("INSERT OR IGNORE INTO readers (name) VALUES (?)", (name,))
                found = conn.exec_driver_sql(find, (name,)).scalar_one()
        elif found is None:  # on the plain connection: a first `ls` loads no SQLAlchemy
            raw = self._thread_raw()
            with self._damage_named():
                try:
                    raw.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    raise LibraryBusyError(
                        "the library is busy: another Readlist is writing to it (a long "
                        "import?); nothing was changed, try again when it is done") from None
                try:
                    raw.execute("INSERT OR IGNORE INTO readers (name) VALUES (?)", (name,))
                    found = raw.execute(find, (name,)).fetchone()[0]
                    raw.execute("COMMIT")
                except BaseException:
                    raw.execute("ROLLBACK")
                    raise
        return int(found)

    @contextmanager
    def read_lite(self) -> Iterator[Reads]:
        """A read transaction on this thread's plain sqlite3 connection (no SQLAlchemy), for
        the read-path modules (search, views, history); in memory, through the engine."""
        if self.path is None:
            with self.read() as conn:
                yield conn
            return
        with self._damage_named():
            raw = self._thread_raw()
            raw.execute("BEGIN")
            try:
                yield LiteConnection(raw)
            finally:
                if raw.in_transaction:
                    raw.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._damage_named(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction holding SQLite's write lock from its first statement.

        Taking the lock waits out another writer (SQLite's busy timeout, then a few more
        tries); a library still locked after that is one clear error, never a traceback.
        """
        from sqlalchemy.exc import OperationalError

        with self._damage_named(), self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            for attempt in range(WRITE_ATTEMPTS):
                try:
                    transaction = conn.begin()
                    break
                except OperationalError as exc:
                    conn.rollback()
                    if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                        raise
                    if attempt == WRITE_ATTEMPTS - 1:
                        raise LibraryBusyError(
                            "the library is busy: another Readlist is writing to it (a long "
                            "import?); nothing was changed, try again when it is done"
                        ) from None
            with transaction:
                yield conn

    @contextmanager
    def _damage_named(self) -> Iterator[None]:
        """A page found damaged mid-command becomes the one-line damaged-library error."""
        try:
            yield
        except Exception as exc:  # SQLAlchemy's DatabaseError wraps sqlite3's as `.orig`
            orig = getattr(exc, "orig", exc)
            if not isinstance(orig, sqlite3.DatabaseError) or self.path is None or not any(
                    word in str(orig).lower() for word in _DAMAGE):
                raise
            self._intact = False
            raise damaged(self.path, str(orig)) from None

    def backup(self, dest: Path) -> None:
        if self.path is None:
            raise ValueError("an in-memory library has no file to back up")
        backup_file(self.path, dest)

    def close(self) -> None:
        with self._lock:
            raws, self._raw = self._raw, []
        for raw in raws:
            raw.close()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()
        if self.path is not None and self._intact and self.path.exists():
            backups.stamp_intact(self.path)  # what Readlist itself wrote needs no re-check
